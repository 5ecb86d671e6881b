//! Forwarding to the next level (FORMATS.md §10): a kabupaten exports its winners with their
//! dossiers; the province imports them with new codes and their origin kept, once however often
//! the ZIP comes, and refuses a ZIP that differs from its manifest with nothing changed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use juri_core::db::Db;
use juri_core::dossier::{self, dossier_view};
use juri_core::error::{DossierIssue, Error};
use juri_core::forwarding::*;
use juri_core::import::import_scores;
use juri_core::scoring::store::ScoreContext;

use super::support::*;

const SCORES: &str = include_str!("../../../../tests/e2e/fixtures/demo-scores.csv");

/// A kabupaten's database: the demo competition under another organiser's name, scored, with a
/// dossier for P-004 (two sections, a video, two files) and the start year of P-012 made recent.
fn kabupaten(dir: &Path, name: &str) -> (Db, String) {
    let mut db = Db::open(&dir.join(format!("{name}.sqlite3"))).unwrap();
    let id = db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    db.conn()
        .execute(
            "UPDATE competition SET organiser = ?1, name = ?2",
            [format!("Bagian Organisasi Setda {name}"), format!("KIPP {name} 2026")],
        )
        .unwrap();
    let ctx = ScoreContext { actor: "uji".into(), device: "uji".into(), now: NOW.into() };
    db.write(|tx| import_scores(tx, &id, SCORES.as_bytes(), &ctx)).unwrap();
    db.write(|tx| {
        dossier::save_section(
            tx,
            &id,
            "P-004",
            "ringkasan",
            &format!("Ringkasan {name}: layanan keliling."),
            &actor(),
            NOW,
        )?;
        dossier::save_section(tx, &id, "P-004", "kebaruan", "Jemput bola ke desa.\nDengan jadwal.", &actor(), NOW)?;
        dossier::save_videos(tx, &id, "P-004", &["https://video.example/p004".to_string()], &actor(), NOW)?;
        for (section, file, bytes) in
            [("", "sk-inovasi.pdf", pdf_bytes(name)), ("implementasi", "foto.png", png_bytes())]
        {
            let bytes = bytes.clone();
            dossier::add_file(
                tx,
                &id,
                "P-004",
                section,
                file,
                &mut || Ok(Box::new(std::io::Cursor::new(bytes.clone()))),
                &actor(),
                NOW,
            )?;
        }
        Ok(())
    })
    .unwrap();
    (db, id)
}

fn pdf_bytes(name: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% SK inovasi {name}\n%%EOF\n").into_bytes()
}

fn png_bytes() -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 1, 1);
    enc.set_color(png::ColorType::Grayscale);
    enc.write_header().unwrap().write_image_data(&[0]).unwrap();
    out
}

/// The province's round: the kabupaten template, empty.
fn province(dir: &Path) -> (Db, String) {
    let mut db = Db::open(&dir.join("provinsi.sqlite3")).unwrap();
    let setup = juri_core::competition::template_setup("kabupaten", "KIPP Provinsi 2026", 2026).unwrap();
    let id = db.write(|tx| juri_core::competition::create_competition(tx, setup, NOW)).unwrap();
    (db, id)
}

fn export(db: &Db, id: &str, scope: Scope, codes: &[&str], out: &Path) -> Forwarding {
    let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
    let fwd = forwarding_selection(db.conn(), id, scope, &codes).unwrap();
    write_forwarding(db.conn(), &fwd, out, Some(db.path()), &mut |_, _| true).unwrap();
    fwd
}

fn import(db: &mut Db, id: &str, zip: &Path) -> juri_core::Result<ForwardingImport> {
    db.write(|tx| import_forwarding(tx, id, zip, &actor(), NOW, &mut |_, _| true))
}

/// Every proposal of the province: (origin organiser, origin code, title, category, rank, final).
fn registry(db: &Db, id: &str) -> Vec<String> {
    let mut rows: Vec<String> = juri_core::proposals::list_proposals(db.conn(), id, &Default::default())
        .unwrap()
        .into_iter()
        .map(|p| {
            let o = p.origin.expect("every proposal here was forwarded");
            format!("{} {} {} {} {:?} {:?}", o.organiser, o.code, p.title, p.category, o.rank, o.final_score)
        })
        .collect();
    rows.sort();
    rows
}

fn zip_names(path: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().into_owned()).collect()
}

#[test]
fn winners_go_to_the_province_with_their_dossiers_and_origin_once() {
    let dir = tempfile::tempdir().unwrap();
    let (kab, kab_id) = kabupaten(dir.path(), "Kabupaten Sukamaju");
    let zip = dir.path().join("penerusan-sukamaju.zip");
    let fwd = export(&kab, &kab_id, Scope::Winners, &[], &zip);

    // Winners: ranked within each category's quota, in category order then rank.
    assert!(!fwd.proposals.is_empty());
    assert!(
        fwd.proposals.iter().all(|p| p.status == "ranked" && p.rank.is_some_and(|r| r <= 3)),
        "{:?}",
        fwd.proposals.iter().map(|p| (&p.code, p.rank)).collect::<Vec<_>>()
    );
    let finalists = forwarding_selection(kab.conn(), &kab_id, Scope::Finalists, &[]).unwrap();
    assert!(finalists.proposals.len() >= fwd.proposals.len());
    let p004 = fwd.proposals.iter().find(|p| p.code == "P-004").expect("P-004 is a winner in the demo");

    // The ZIP: usulan.xlsx, isian.xlsx, the evidence at KODE/NAME and KODE/SECTION/NAME, the manifest last.
    let names = zip_names(&zip);
    assert_eq!(names.first().map(String::as_str), Some("usulan.xlsx"));
    assert_eq!(names.last().map(String::as_str), Some("manifest.json"));
    assert!(
        names.contains(&"P-004/sk-inovasi.pdf".to_string())
            && names.contains(&"P-004/implementasi/foto.png".to_string()),
        "{names:?}"
    );
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut manifest = String::new();
    archive.by_name("manifest.json").unwrap().read_to_string(&mut manifest).unwrap();
    let manifest: Manifest = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest.organiser, "Bagian Organisasi Setda Kabupaten Sukamaju");
    assert_eq!((manifest.year, manifest.scope.as_str()), (2026, "winners"));
    assert_eq!(manifest.proposals, fwd.proposals.iter().map(|p| p.code.clone()).collect::<Vec<_>>());
    assert_eq!(manifest.files.len(), names.len() - 1, "every other file is listed");
    let mut usulan = Vec::new();
    archive.by_name("usulan.xlsx").unwrap().read_to_end(&mut usulan).unwrap();
    let table = juri_core::import::read_table(&usulan).unwrap();
    let head: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    assert_eq!(&head[..10], USULAN_COLUMNS);
    assert_eq!(
        &head[10..],
        [
            "ringkasan",
            "latar_belakang",
            "kebaruan",
            "implementasi",
            "signifikansi",
            "adaptabilitas",
            "sumber_daya",
            "keberlanjutan",
            "video"
        ]
    );
    assert_eq!(table.rows.len(), fwd.proposals.len());
    // The readiness check: P-004 has no files missing; a proposal without a dossier lacks everything.
    assert!(!p004.readiness.contains(&Readiness::NoFiles));
    assert!(fwd.proposals.iter().any(|p| p.readiness.contains(&Readiness::NoFiles)));

    // The province imports it: new codes, the origin kept, the dossier's text and bytes identical.
    let (mut prov, prov_id) = province(dir.path());
    let first = import(&mut prov, &prov_id, &zip).unwrap();
    assert_eq!(first.added as usize, fwd.proposals.len());
    assert!(first.proposals.iter().all(|p| !p.already));
    let came = first.proposals.iter().find(|p| p.origin_code == "P-004").unwrap();
    let here = juri_core::proposals::find_proposal_by_code(prov.conn(), &prov_id, &came.code).unwrap().unwrap();
    let origin = here.origin.clone().unwrap();
    assert_eq!((origin.code.as_str(), origin.rank, origin.final_score), ("P-004", p004.rank, p004.final_score));
    assert_eq!(origin.competition, "KIPP Kabupaten Sukamaju 2026");
    let (a, b) =
        (dossier_view(kab.conn(), &kab_id, "P-004").unwrap(), dossier_view(prov.conn(), &prov_id, &came.code).unwrap());
    assert_eq!(serde_json::to_value(&a.sections).unwrap(), serde_json::to_value(&b.sections).unwrap());
    assert_eq!(a.videos, b.videos);
    assert_eq!(serde_json::to_value(&a.files).unwrap(), serde_json::to_value(&b.files).unwrap());
    for f in &a.files {
        let kab_bytes = dossier::file_bytes(kab.conn(), &kab_id, "P-004", &f.sha256, u64::MAX).unwrap().2;
        let prov_bytes = dossier::file_bytes(prov.conn(), &prov_id, &came.code, &f.sha256, u64::MAX).unwrap().2;
        assert_eq!(kab_bytes, prov_bytes, "{} byte for byte", f.name);
    }

    // The same ZIP again adds nothing and changes nothing.
    let before = dump(&prov);
    let again = import(&mut prov, &prov_id, &zip).unwrap();
    assert_eq!(again.added, 0);
    assert!(again.proposals.iter().all(|p| p.already));
    assert_eq!(dump(&prov), before, "a second import changes nothing");

    // The ZIP is a dossier folder too (§9): the kabupaten re-imports it and nothing changes.
    let mut kab = kab;
    let kab_before = dump(&kab);
    kab.write(|tx| dossier::import_dossiers(tx, &kab_id, &zip, &actor(), NOW, &mut |_, _| true)).unwrap();
    assert_eq!(dump(&kab), kab_before);
}

/// Rewrites `zip` into `out` with `change` applied to each (name, bytes); None drops an entry.
fn rewrite(zip: &Path, out: &Path, change: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>, extra: Option<(&str, &[u8])>) {
    let mut src = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    for i in 0..src.len() {
        let mut e = src.by_index(i).unwrap();
        let name = e.name().unwrap().into_owned();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        if let Some(bytes) = change(&name, bytes) {
            w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(&bytes).unwrap();
        }
    }
    if let Some((name, bytes)) = extra {
        w.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
}

fn issues(e: Error) -> Vec<(String, DossierIssue)> {
    match e {
        Error::ForwardingRefused(p) => p.into_iter().map(|p| (p.path, p.issue)).collect(),
        other => panic!("a refusal: {other:?}"),
    }
}

#[test]
fn a_zip_that_differs_from_its_manifest_or_names_unknown_categories_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (kab, kab_id) = kabupaten(dir.path(), "Kabupaten Sukamaju");
    let zip = dir.path().join("penerusan.zip");
    export(&kab, &kab_id, Scope::Chosen, &["P-004", "p-001"], &zip);
    let (mut prov, prov_id) = province(dir.path());
    let before = dump(&prov);
    let bad = |name: &str| dir.path().join(name);

    rewrite(
        &zip,
        &bad("diubah.zip"),
        |n, mut b| {
            if n == "P-004/sk-inovasi.pdf" {
                b[0] ^= 1;
            }
            Some(b)
        },
        None,
    );
    assert_eq!(
        issues(import(&mut prov, &prov_id, &bad("diubah.zip")).unwrap_err()),
        [("P-004/sk-inovasi.pdf".to_string(), DossierIssue::ManifestMismatch)]
    );

    rewrite(&zip, &bad("kurang.zip"), |n, b| (n != "P-004/implementasi/foto.png").then_some(b), None);
    assert_eq!(
        issues(import(&mut prov, &prov_id, &bad("kurang.zip")).unwrap_err()),
        [("P-004/implementasi/foto.png".to_string(), DossierIssue::MissingFromZip)]
    );

    rewrite(&zip, &bad("tambah.zip"), |_, b| Some(b), Some(("P-001/surat.pdf", b"%PDF-1.4\n")));
    assert_eq!(
        issues(import(&mut prov, &prov_id, &bad("tambah.zip")).unwrap_err()),
        [("P-001/surat.pdf".to_string(), DossierIssue::NotInManifest)]
    );

    // A path that leaves the folder: refused before anything is read.
    rewrite(&zip, &bad("keluar.zip"), |_, b| Some(b), Some(("../../luar.pdf", b"%PDF-1.4\n")));
    assert_eq!(issues(import(&mut prov, &prov_id, &bad("keluar.zip")).unwrap_err())[0].1, DossierIssue::Escapes);

    rewrite(&zip, &bad("tanpa-manifest.zip"), |n, b| (n != "manifest.json").then_some(b), None);
    assert_eq!(
        issues(import(&mut prov, &prov_id, &bad("tanpa-manifest.zip")).unwrap_err())[0].1,
        DossierIssue::NoManifest
    );

    // A province whose categories are not the kabupaten's: every unmatched one listed.
    let mut other = Db::open(&dir.path().join("lain.sqlite3")).unwrap();
    let mut setup = juri_core::competition::template_setup("kabupaten", "KIPP Provinsi Lain 2026", 2026).unwrap();
    for c in &mut setup.categories {
        c.code = format!("X-{}", c.code);
        c.name = format!("Lain {}", c.name);
    }
    let other_id = other.write(|tx| juri_core::competition::create_competition(tx, setup, NOW)).unwrap();
    let refused = issues(import(&mut other, &other_id, &zip).unwrap_err());
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(
        refused
            .iter()
            .all(|(path, i)| path.starts_with("usulan.xlsx (") && matches!(i, DossierIssue::UnknownCategory(_)))
    );

    assert_eq!(dump(&prov), before, "nothing changed by any refusal");
    // The untouched ZIP goes in: the two chosen proposals.
    assert_eq!(import(&mut prov, &prov_id, &zip).unwrap().added, 2);
}

#[test]
fn three_kabupaten_in_any_order_give_the_same_province_registry() {
    let dir = tempfile::tempdir().unwrap();
    let zips: Vec<PathBuf> = ["Kabupaten Sukamaju", "Kabupaten Sukamakmur", "Kota Sukaindah"]
        .iter()
        .map(|name| {
            let sub = dir.path().join(name);
            std::fs::create_dir_all(&sub).unwrap();
            let (db, id) = kabupaten(&sub, name);
            let zip = sub.join("penerusan.zip");
            export(&db, &id, Scope::Winners, &[], &zip);
            zip
        })
        .collect();
    let mut registries = Vec::new();
    for order in [[0, 1, 2], [2, 0, 1], [1, 2, 0]] {
        let sub = dir.path().join(format!("provinsi-{order:?}"));
        std::fs::create_dir_all(&sub).unwrap();
        let (mut prov, prov_id) = province(&sub);
        for i in order {
            import(&mut prov, &prov_id, &zips[i]).unwrap();
        }
        // Again, in another order: nothing more.
        for i in [1, 0, 2] {
            assert_eq!(import(&mut prov, &prov_id, &zips[i]).unwrap().added, 0);
        }
        registries.push(registry(&prov, &prov_id));
    }
    // All three in one go (the province selects them together): the same registry; one bad ZIP
    // among them refuses all three, naming its file, with nothing changed.
    let sub = dir.path().join("provinsi-sekaligus");
    std::fs::create_dir_all(&sub).unwrap();
    let (mut prov, prov_id) = province(&sub);
    let bad = sub.join("rusak.zip");
    rewrite(&zips[1], &bad, |n, b| (n != "usulan.xlsx").then_some(b), None);
    let before = dump(&prov);
    let with_bad = [zips[0].clone(), bad.clone(), zips[2].clone()];
    let refused =
        prov.write(|tx| import_forwardings(tx, &prov_id, &with_bad, &actor(), NOW, &mut |_, _| true)).unwrap_err();
    assert_eq!(issues(refused), [("rusak.zip: usulan.xlsx".to_string(), DossierIssue::MissingFromZip)]);
    assert_eq!(dump(&prov), before);
    let all = prov.write(|tx| import_forwardings(tx, &prov_id, &zips, &actor(), NOW, &mut |_, _| true)).unwrap();
    assert_eq!(all.len(), 3);
    registries.push(registry(&prov, &prov_id));

    assert_eq!(registries[0].len() % 3, 0);
    assert_eq!(registries[0], registries[3]);
    assert!(registries[0].iter().any(|r| r.starts_with("Bagian Organisasi Setda Kota Sukaindah P-004 ")));
    assert_eq!(registries[0], registries[1]);
    assert_eq!(registries[0], registries[2]);
}

#[test]
fn saving_a_forwarding_notes_it_once_in_the_monitoring_registry() {
    use juri_core::monitoring::{ForwardingLevel, PromoteRequest, PromoteScope, promote_proposals};
    let dir = tempfile::tempdir().unwrap();
    let (mut kab, id) = kabupaten(dir.path(), "Kabupaten Sukamaju");
    // The winners are in the registry (promoted after the pleno); P-003 is not a winner.
    let promote = PromoteRequest { scope: PromoteScope::Winners, codes: vec![] };
    kab.write(|tx| promote_proposals(tx, &id, &promote, &actor(), NOW)).unwrap();
    let fwd = export(&kab, &id, Scope::Winners, &[], &dir.path().join("p.zip"));
    let record = |db: &mut Db, level| db.write(|tx| record_forwarding(tx, &id, &fwd, level, &actor(), NOW)).unwrap();
    assert_eq!(record(&mut kab, ForwardingLevel::Provinsi) as usize, fwd.proposals.len());
    assert_eq!(record(&mut kab, ForwardingLevel::Provinsi), 0, "saved again: nothing more");
    assert_eq!(
        record(&mut kab, ForwardingLevel::Sinovik) as usize,
        fwd.proposals.len(),
        "another level is another record"
    );
    let rows: Vec<(String, i32, String)> = kab
        .conn()
        .prepare("SELECT level, year, note FROM innovation_forwarding ORDER BY level, note")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rows.len(), 2 * fwd.proposals.len());
    assert!(rows.iter().all(|(_, year, _)| *year == 2026));
    assert!(
        rows.iter().any(|(level, _, note)| level == "provinsi" && note == "KIPP Kabupaten Sukamaju 2026 (P-004)"),
        "{rows:?}"
    );
}

#[test]
fn a_zip_bomb_is_refused_without_being_inflated() {
    let dir = tempfile::tempdir().unwrap();
    let (mut prov, prov_id) = province(dir.path());
    let before = dump(&prov);
    // A 4 GB manifest of spaces in a few kilobytes: read only up to its bound, then refused.
    let bomb = dir.path().join("bom.zip");
    std::fs::write(&bomb, juri_core::testing::zip_bomb("manifest.json", 4_000_000_000)).unwrap();
    let refused = issues(import(&mut prov, &prov_id, &bomb).unwrap_err());
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].0, "manifest.json");
    assert_eq!(dump(&prov), before);
}
