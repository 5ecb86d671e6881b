//! Proposal dossiers (FORMATS.md §9) on real folders and ZIPs: import, show, extract, every
//! refusal (nothing changed), re-import, replacement and the proposal's history.

use std::io::Write;
use std::path::{Path, PathBuf};

use juri_core::dossier::{self, FindingKind};
use juri_core::error::{DossierIssue, ErrorCode};
use juri_core::{Error, Lang};

use crate::support::{NOW, TestDb, actor, dump, new_db};

/// A small but valid one-page PDF.
fn pdf(text: &str) -> Vec<u8> {
    let content = format!("BT /F1 12 Tf 72 720 Td ({text}) Tj ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}

/// A real 2×2 PNG.
fn png() -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, 2, 2);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(&[200; 12]).unwrap();
    out
}

/// The start of a JPEG (what the content check reads), then filler.
fn jpeg(seed: u8) -> Vec<u8> {
    let mut v = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0];
    v.extend(std::iter::repeat_n(seed, 300));
    v.extend([0xFF, 0xD9]);
    v
}

fn isian_xlsx(rows: &[[&str; 4]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["kode", "Ringkasan", "kebaruan", "video"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn demo() -> (TestDb, String) {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    (t, id)
}

const LONG_SUMMARY_WORDS: usize = 205;

/// The dossier of DOMAIN.md's first two proposals as an innovator's folder would hold it.
fn sample_folder(root: &Path) {
    let long = vec!["kata"; LONG_SUMMARY_WORDS].join(" ");
    write(
        root,
        "isian.xlsx",
        &isian_xlsx(&[
            [
                "P-001",
                "Ibu hamil berisiko tinggi dicatat bidan dan kader,\r\ndikunjungi dalam 24 jam.",
                "Pendataan bersama kader posyandu.",
                "https://youtu.be/sigap; https://example.id/video2",
            ],
            ["p-002", &long, "", ""],
        ]),
    );
    write(root, "P-001/implementasi/sk-inovasi.pdf", &pdf("SK Kepala Puskesmas"));
    write(root, "P-001/foto-kunjungan.jpg", &jpeg(1));
    write(root, "P-001/kebaruan/grafik.png", &png());
    write(root, "P-002/laporan.PDF", &pdf("Laporan"));
    write(root, "P-002/.DS_Store", b"junk");
    write(root, "__MACOSX/P-002/._laporan.PDF", b"junk");
}

fn zip_of(root: &Path, out: &Path) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(out).unwrap());
    let opts = zip::write::SimpleFileOptions::default();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                zip.start_file(rel, opts).unwrap();
                zip.write_all(&std::fs::read(&p).unwrap()).unwrap();
            }
        }
    }
    zip.finish().unwrap();
}

fn import(t: &mut TestDb, comp: &str, path: &Path) -> juri_core::Result<dossier::DossierImportSummary> {
    t.db.write(|tx| dossier::import_dossiers(tx, comp, path, &actor(), NOW, &mut |_, _| true))
}

fn history_lines(t: &TestDb) -> i64 {
    t.db.conn().query_row("SELECT count(*) FROM proposal_history", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_folder_becomes_each_proposals_sections_videos_and_files_with_screening_findings() {
    let (mut t, comp) = demo();
    let dir = tempfile::tempdir().unwrap();
    sample_folder(dir.path());
    let before = dump(&t.db);
    let preview = dossier::preview_dossiers(t.db.conn(), &comp, dir.path()).unwrap();
    assert_eq!(dump(&t.db), before, "a preview changes nothing");
    let s = import(&mut t, &comp, dir.path()).unwrap();
    assert_eq!(preview, s, "the preview tells what the import does");
    assert_eq!((s.proposals, s.sections_changed, s.videos_changed), (2, 3, 1));
    assert_eq!((s.files_added, s.files_replaced, s.files_removed, s.files_unchanged), (4, 0, 0, 0));

    let v = dossier::dossier_view(t.db.conn(), &comp, "p-001").unwrap();
    assert_eq!(v.proposal, "P-001");
    let codes: Vec<&str> = v.sections.iter().map(|s| s.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "ringkasan",
            "latar_belakang",
            "kebaruan",
            "implementasi",
            "signifikansi",
            "adaptabilitas",
            "sumber_daya",
            "keberlanjutan"
        ],
        "the eight KIPP aspects in setup order"
    );
    assert_eq!(v.sections[0].text, "Ibu hamil berisiko tinggi dicatat bidan dan kader,\ndikunjungi dalam 24 jam.");
    assert_eq!((v.sections[0].words, v.sections[0].max_words), (12, Some(200)));
    assert_eq!(v.videos, ["https://youtu.be/sigap", "https://example.id/video2"]);
    let files: Vec<(&str, Option<&str>, &str)> =
        v.files.iter().map(|f| (f.name.as_str(), f.section.as_deref(), f.mime.as_str())).collect();
    assert_eq!(
        files,
        [
            ("foto-kunjungan.jpg", None, "image/jpeg"),
            ("grafik.png", Some("kebaruan"), "image/png"),
            ("sk-inovasi.pdf", Some("implementasi"), "application/pdf"),
        ],
        "whole-proposal files first, then by section in setup order, then by name"
    );
    let sk = pdf("SK Kepala Puskesmas");
    let f = &v.files[2];
    assert_eq!(f.bytes, sk.len() as u64);
    assert_eq!(f.sha256.len(), 64);
    let json = serde_json::to_value(&v).unwrap();
    assert_eq!(json["files"][2]["type"], "application/pdf", "FORMATS.md §9 names the media type `type`");
    assert_eq!(json["findings"][0], serde_json::json!({"kind": "missing_section", "section": "latar_belakang"}));

    let p2 = dossier::dossier_view(t.db.conn(), &comp, "P-002").unwrap();
    assert_eq!(p2.sections[0].words as usize, LONG_SUMMARY_WORDS);
    assert_eq!(p2.findings[0].kind, FindingKind::OverWordLimit);
    assert!(p2.findings.iter().all(|f| f.kind != FindingKind::NoFiles), "P-002 has a file");
    assert_eq!(p2.files.len(), 1, "litter (.DS_Store, __MACOSX) is skipped");
    let p3 = dossier::dossier_view(t.db.conn(), &comp, "P-003").unwrap();
    assert_eq!(p3.findings.last().unwrap().kind, FindingKind::NoFiles);
    assert!(p3.findings.last().unwrap().section.is_none());

    // Extracted files are the imported bytes, under their names.
    let out = tempfile::tempdir().unwrap();
    let written = dossier::extract_files(t.db.conn(), &comp, "P-001", out.path(), Some(t.db.path())).unwrap();
    assert_eq!(written.len(), 3);
    assert_eq!(std::fs::read(out.path().join("sk-inovasi.pdf")).unwrap(), sk);
    assert_eq!(std::fs::read(out.path().join("grafik.png")).unwrap(), png());
}

#[test]
fn importing_again_changes_nothing_and_a_changed_or_missing_file_is_in_the_history() {
    let (mut t, comp) = demo();
    let dir = tempfile::tempdir().unwrap();
    sample_folder(dir.path());
    import(&mut t, &comp, dir.path()).unwrap();
    let (before, lines) = (dump(&t.db), history_lines(&t));
    let again = import(&mut t, &comp, dir.path()).unwrap();
    assert_eq!((again.files_unchanged, again.files_added, again.sections_changed, again.videos_changed), (4, 0, 0, 0));
    assert_eq!(dump(&t.db), before, "the same dossier again changes nothing");
    assert_eq!(history_lines(&t), lines);

    write(dir.path(), "P-001/implementasi/sk-inovasi.pdf", &pdf("SK Kepala Puskesmas (revisi)"));
    std::fs::remove_file(dir.path().join("P-001/foto-kunjungan.jpg")).unwrap();
    let s = import(&mut t, &comp, dir.path()).unwrap();
    assert_eq!((s.files_replaced, s.files_removed, s.files_unchanged), (1, 1, 2));
    let v = dossier::dossier_view(t.db.conn(), &comp, "P-001").unwrap();
    assert_eq!(v.files.len(), 2);
    let history = juri_core::proposals::proposal_history(
        t.db.conn(),
        &juri_core::proposals::find_proposal_by_code(t.db.conn(), &comp, "P-001").unwrap().unwrap().id,
    )
    .unwrap();
    let last = history.last().unwrap();
    assert_eq!(last.action, "dossier");
    let changes = last.changes.as_object().unwrap();
    let replaced = changes["berkas:implementasi/sk-inovasi.pdf"].as_array().unwrap();
    assert!(replaced[0].is_string() && replaced[1].is_string() && replaced[0] != replaced[1], "{replaced:?}");
    assert!(changes["berkas:foto-kunjungan.jpg"][1].is_null(), "a removed file: new is null");
    let unused: i64 =
        t.db.conn()
            .query_row("SELECT count(*) FROM dossier_blob WHERE n NOT IN (SELECT blob_n FROM dossier_file)", [], |r| {
                r.get(0)
            })
            .unwrap();
    assert_eq!(unused, 0, "bytes no file refers to are not kept");
}

#[test]
fn a_zip_imports_like_the_folder_and_one_file_in_two_proposals_is_stored_once() {
    let (mut t, comp) = demo();
    let dir = tempfile::tempdir().unwrap();
    sample_folder(dir.path());
    write(dir.path(), "P-003/foto-kunjungan.jpg", &jpeg(1));
    let zip = tempfile::tempdir().unwrap();
    let zip_path = zip.path().join("isian proposal.zip");
    zip_of(dir.path(), &zip_path);
    import(&mut t, &comp, &zip_path).unwrap();
    let from_zip = dossier::dossier_view(t.db.conn(), &comp, "P-001").unwrap();

    let (mut other, comp2) = demo();
    import(&mut other, &comp2, dir.path()).unwrap();
    assert_eq!(dossier::dossier_view(other.db.conn(), &comp2, "P-001").unwrap(), from_zip);
    let blobs: i64 = t.db.conn().query_row("SELECT count(*) FROM dossier_blob", [], |r| r.get(0)).unwrap();
    assert_eq!(blobs, 4, "five files, four distinct contents");
}

/// The problems of a refused import, after checking that nothing changed.
fn refused(t: &mut TestDb, comp: &str, path: &Path) -> Vec<(String, DossierIssue)> {
    let before = dump(&t.db);
    let err = import(t, comp, path).unwrap_err();
    assert_eq!(dump(&t.db), before, "a refused import changes nothing");
    assert_eq!(err.code(), ErrorCode::ImportRefused, "{err:?}");
    let message = err.message(Lang::Id);
    assert!(message.contains("tidak ada yang diubah"), "{message}");
    match err {
        Error::DossierRefused(problems) => problems.into_iter().map(|p| (p.path, p.issue)).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_problem_of_section_9_is_listed_with_its_path_and_nothing_changes() {
    let (mut t, comp) = demo();
    // Tight limits so that sizes can be tested with small files.
    let mut c = juri_core::competition::load_competition(t.db.conn(), &comp).unwrap();
    let d = c.setup.dossier.as_mut().unwrap();
    d.max_file_mb = 1;
    d.max_proposal_mb = 2;
    t.db.write(|tx| juri_core::competition::update_competition(tx, &comp, c.setup, NOW)).unwrap();

    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "isian.csv", b"kode;ringkasan;manfaat;video\nP-001;Ringkas;x;bukan-alamat\nP-999;a;b;\n");
    write(root, "P-777/a.pdf", &pdf("a"));
    write(root, "P-001/tidak_ada/a.pdf", &pdf("a"));
    write(root, "P-001/besar.pdf", &[pdf("a"), vec![b' '; 1_100_000]].concat());
    write(root, "P-002/program.exe", b"MZ\x90\x00");
    write(root, "P-002/foto.jpg", &pdf("a PDF named .jpg"));
    write(root, "P-002/tanpa-akhiran", b"x");
    write(root, "P-003/a.pdf", &[pdf("a"), vec![b' '; 900_000]].concat());
    write(root, "P-003/b.pdf", &[pdf("b"), vec![b' '; 900_000]].concat());
    write(root, "P-003/c.pdf", &[pdf("c"), vec![b' '; 900_000]].concat());
    write(root, "catatan.txt", b"stray");
    write(root, "P-004/a/b/c.pdf", &pdf("deep"));
    let outside = tempfile::tempdir().unwrap();
    write(outside.path(), "rahasia.pdf", &pdf("x"));
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path().join("rahasia.pdf"), root.join("P-005-link.pdf")).unwrap();

    let problems = refused(&mut t, &comp, root);
    let has = |path: &str, issue: &DossierIssue| problems.iter().any(|(p, i)| p == path && i == issue);
    assert!(has("isian.csv", &DossierIssue::UnknownSection("manfaat".into())), "{problems:#?}");
    assert!(has("isian.csv (2)", &DossierIssue::BadVideo("bukan-alamat".into())), "{problems:#?}");
    assert!(has("isian.csv (3)", &DossierIssue::UnknownProposal("P-999".into())), "{problems:#?}");
    assert!(has("P-777/", &DossierIssue::UnknownProposal("P-777".into())), "{problems:#?}");
    assert!(has("P-001/tidak_ada/a.pdf", &DossierIssue::UnknownSection("tidak_ada".into())), "{problems:#?}");
    assert!(has("P-001/besar.pdf", &DossierIssue::FileTooLarge { limit_mb: 1 }), "{problems:#?}");
    assert!(has("P-002/program.exe", &DossierIssue::TypeNotAllowed("exe".into())), "{problems:#?}");
    assert!(has("P-002/foto.jpg", &DossierIssue::ContentMismatch("jpg".into())), "{problems:#?}");
    assert!(has("P-002/tanpa-akhiran", &DossierIssue::TypeNotAllowed(String::new())), "{problems:#?}");
    assert!(has("P-003/", &DossierIssue::ProposalTooLarge { limit_mb: 2 }), "{problems:#?}");
    assert!(has("catatan.txt", &DossierIssue::NotInLayout), "{problems:#?}");
    assert!(has("P-004/a/b/c.pdf", &DossierIssue::NotInLayout), "{problems:#?}");
    #[cfg(unix)]
    assert!(has("P-005-link.pdf", &DossierIssue::Link), "{problems:#?}");
    // Every message names its path.
    let err = Error::DossierRefused(
        problems.iter().map(|(p, i)| juri_core::error::DossierProblem::new(p.clone(), i.clone())).collect(),
    );
    for line in err.message(Lang::En).lines().skip(1) {
        assert!(line.starts_with("- ") && line.contains(": "), "{line}");
    }
}

/// Writes a ZIP whose entries are given as (name, bytes), names exactly as given.
fn raw_zip(path: &Path, entries: &[(&str, &[u8])]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn hostile_zips_are_refused_whole() {
    let (mut t, comp) = demo();
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| -> PathBuf { dir.path().join(n) };
    let a = pdf("a");

    raw_zip(&p("escape.zip"), &[("P-001/a.pdf", &a), ("../../etc/a.pdf", &a), ("/abs/a.pdf", &a), ("C:/x/a.pdf", &a)]);
    let problems = refused(&mut t, &comp, &p("escape.zip"));
    let escapes = problems.iter().filter(|(_, i)| *i == DossierIssue::Escapes).count();
    assert_eq!(escapes, 3, "{problems:?}");

    std::fs::write(p("rusak.zip"), b"PK\x03\x04 this is not a zip").unwrap();
    let problems = refused(&mut t, &comp, &p("rusak.zip"));
    assert!(matches!(&problems[0], (path, DossierIssue::CorruptZip(_)) if path == "rusak.zip"), "{problems:?}");

    // An entry marked encrypted (general purpose bit 0, in the local and central headers).
    raw_zip(&p("sandi.zip"), &[("P-001/a.pdf", &a)]);
    let mut bytes = std::fs::read(p("sandi.zip")).unwrap();
    for (sig, flag_at) in [(&b"PK\x03\x04"[..], 6), (&b"PK\x01\x02"[..], 8)] {
        let at = bytes.windows(4).position(|w| w == sig).unwrap();
        bytes[at + flag_at] |= 1;
    }
    std::fs::write(p("sandi.zip"), bytes).unwrap();
    let problems = refused(&mut t, &comp, &p("sandi.zip"));
    assert!(problems.contains(&("P-001/a.pdf".into(), DossierIssue::Encrypted)), "{problems:?}");

    // A bomb: a tiny entry that inflates past the file limit is stopped while reading.
    let mut c = juri_core::competition::load_competition(t.db.conn(), &comp).unwrap();
    c.setup.dossier.as_mut().unwrap().max_file_mb = 1;
    t.db.write(|tx| juri_core::competition::update_competition(tx, &comp, c.setup, NOW)).unwrap();
    let mut bomb = pdf("bom");
    bomb.extend(vec![0u8; 50 * 1024 * 1024]);
    raw_zip(&p("bom.zip"), &[("P-001/bom.pdf", &bomb)]);
    assert!(std::fs::metadata(p("bom.zip")).unwrap().len() < 200_000);
    let problems = refused(&mut t, &comp, &p("bom.zip"));
    assert_eq!(problems, [("P-001/bom.pdf".to_string(), DossierIssue::FileTooLarge { limit_mb: 1 })]);
}

#[test]
fn a_judge_laptop_does_not_import_dossiers() {
    let (mut t, comp) = demo();
    t.db.write(|tx| {
        tx.execute("INSERT INTO settings (key, value) VALUES ('mode', 'judge'), ('judge_code', 'J1')", [])?;
        Ok(())
    })
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    sample_folder(dir.path());
    let err = import(&mut t, &comp, dir.path()).unwrap_err();
    assert_eq!(err.code(), ErrorCode::NotOnJudgeLaptop);
}

#[test]
fn the_setup_carries_the_dossier_and_each_criterions_section() {
    let s = juri_core::competition::template_setup("kabupaten", "Uji", 2026).unwrap();
    let d = s.dossier.as_ref().expect("the kabupaten template has the KIPP dossier");
    assert_eq!(d.sections.len(), 8);
    assert_eq!((d.max_file_mb, d.max_proposal_mb), (25, 200));
    assert_eq!(d.sections[0].max_words, Some(200));
    assert_eq!(s.stages[0].criteria[1].section.as_deref(), Some("kebaruan"));
    let back = juri_core::competition::Setup::from_json(&s.to_json()).unwrap();
    assert_eq!(back, s, "setup JSON keeps the dossier");

    let json = r#"{"name":"Uji","year":2026,"categories":[{"code":"A","name":"A"}],
      "dossier":{"sections":[{"code":"ringkasan","name":"Ringkasan","max_words":200,"required":true},
                             {"code":"ringkasan","name":"Lagi"}],"max_file_mb":0,"file_types":["p.df"]},
      "stages":[{"code":"s","name":"S","kind":"desk","weight":1,
        "criteria":[{"code":"k","name":"K","weight":1,"min":0,"max":10,"section":"tidak_ada"}]}]}"#;
    let Err(Error::InvalidSetup(problems)) = juri_core::competition::Setup::from_json(json) else { panic!() };
    let text: Vec<String> = problems.iter().map(|p| p.message(Lang::En)).collect();
    assert_eq!(problems.len(), 4, "{text:?}");
    let defaults = r#"{"name":"Uji","year":2026,"categories":[{"code":"A","name":"A"}],
      "dossier":{"sections":[{"code":"ringkasan","name":"Ringkasan"}]},
      "stages":[{"code":"s","name":"S","kind":"desk","weight":1,"criteria":[{"code":"k","name":"K","weight":1,"min":0,"max":10}]}]}"#;
    let d = juri_core::competition::Setup::from_json(defaults).unwrap().dossier.unwrap();
    assert_eq!((d.max_file_mb, d.max_proposal_mb, d.file_types.len()), (25, 200, 7), "the defaults of §9");
}

/// Migration 11 rebuilds the proposal history (a wider CHECK): every line stays, in order, still
/// append-only; a competition of version 10 has no dossier setup and takes files without sections.
#[test]
fn migration_11_keeps_every_history_line_and_the_history_stays_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    let lines = |conn: &rusqlite::Connection| -> Vec<String> {
        conn.prepare(
            "SELECT rowid || ' ' || id || ' ' || action || ' ' || changes FROM proposal_history ORDER BY rowid",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    };
    let (before, comp) = {
        let (conn, comp) = crate::support::demo_at_version(&path, 10, |_, _| {});
        (lines(&conn), comp)
    };
    assert!(before.len() >= 20, "the demo's proposals each have a history line");
    let mut t = TestDb { db: juri_core::db::Db::open(&path).unwrap(), dir };
    assert_eq!(lines(t.db.conn()), before, "every line, in order");
    assert!(t.db.conn().execute("DELETE FROM proposal_history", []).is_err(), "still append-only");
    assert!(juri_core::competition::load_competition(t.db.conn(), &comp).unwrap().setup.dossier.is_none());
    let files = tempfile::tempdir().unwrap();
    write(files.path(), "P-001/sk.pdf", &pdf("sk"));
    let s = import(&mut t, &comp, files.path()).unwrap();
    assert_eq!(s.files_added, 1);
    let v = dossier::dossier_view(t.db.conn(), &comp, "P-001").unwrap();
    assert!(v.sections.is_empty() && v.findings.is_empty(), "{v:?}");
}

/// The master of the kit tests: the demo, three judges (J5 conflicted with Bappeda's P-009), and
/// dossiers for P-001 and P-009.
fn master_with_dossiers() -> (TestDb, String, tempfile::TempDir) {
    let (mut t, comp) = demo();
    let judges = "kode,nama,konflik\nJ1,Juri Satu,\nJ5,Juri Lima,Badan Perencanaan Pembangunan Daerah\n";
    t.db.write(|tx| juri_core::import::import_judges(tx, &comp, judges.as_bytes(), NOW)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    sample_folder(dir.path());
    write(dir.path(), "P-009/rencana.pdf", &pdf("Bappeda"));
    write(dir.path(), "P-009/foto-kunjungan.jpg", &jpeg(1));
    import(&mut t, &comp, dir.path()).unwrap();
    (t, comp, dir)
}

fn export_kit_file(t: &mut TestDb, comp: &str, judge: &str, out: &Path) -> juri_core::sync::JudgeKit {
    let kit = t.db.write(|tx| juri_core::sync::export_kit(tx, comp, judge, NOW)).unwrap();
    juri_core::sync::write_kit(t.db.conn(), &kit, out, Some(t.db.path()), &mut |_, _| true).unwrap();
    kit
}

#[test]
fn a_kit_carries_the_judges_dossiers_byte_for_byte_and_no_conflicted_one() {
    let (mut t, comp, _src) = master_with_dossiers();
    let out = tempfile::tempdir().unwrap();
    let kit_path = out.path().join("J5.jurikit");
    let kit = export_kit_file(&mut t, &comp, "J5", &kit_path);
    let carried: Vec<&str> = kit.dossiers.iter().map(|d| d.proposal.as_str()).collect();
    assert_eq!(carried, ["P-001", "P-002"], "P-009 is conflicted for J5: its dossier stays home");
    assert!(std::fs::read(&kit_path).unwrap().starts_with(b"PK\x03\x04"), "a kit with files is a ZIP");

    let mut judge = new_db();
    juri_core::sync::open_kit_file(&mut judge.db, &kit_path, NOW, false).unwrap();
    for code in ["P-001", "P-002"] {
        let master = dossier::dossier_view(t.db.conn(), &comp, code).unwrap();
        assert_eq!(dossier::dossier_view(judge.db.conn(), &comp, code).unwrap(), master, "{code} as on the master");
    }
    assert!(dossier::dossier_view(judge.db.conn(), &comp, "P-009").is_err(), "no conflicted proposal at all");
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    dossier::extract_files(t.db.conn(), &comp, "P-001", a.path(), None).unwrap();
    dossier::extract_files(judge.db.conn(), &comp, "P-001", b.path(), None).unwrap();
    for name in ["foto-kunjungan.jpg", "grafik.png", "sk-inovasi.pdf"] {
        assert_eq!(std::fs::read(a.path().join(name)).unwrap(), std::fs::read(b.path().join(name)).unwrap(), "{name}");
    }

    // J1 has no conflict: P-009's dossier goes with J1's kit, and the shared photo once.
    let kit1 = export_kit_file(&mut t, &comp, "J1", &out.path().join("J1.jurikit"));
    assert!(kit1.dossiers.iter().any(|d| d.proposal == "P-009"));
    let zip = zip::ZipArchive::new(std::fs::File::open(out.path().join("J1.jurikit")).unwrap()).unwrap();
    assert_eq!(zip.len(), 1 + 5, "kit.json and five distinct files (the photo of P-001 and P-009 once)");

    // The same kit through the bytes API (the app's small-kit path) gives the same dossiers.
    let mut other = new_db();
    other.db.write(|tx| juri_core::sync::open_kit(tx, &std::fs::read(&kit_path).unwrap(), NOW, false)).unwrap();
    assert_eq!(
        dossier::dossier_view(other.db.conn(), &comp, "P-001").unwrap(),
        dossier::dossier_view(t.db.conn(), &comp, "P-001").unwrap()
    );
}

#[test]
fn a_kit_with_one_changed_byte_is_refused_whole_and_the_laptop_stays_empty() {
    let (mut t, comp, _src) = master_with_dossiers();
    let out = tempfile::tempdir().unwrap();
    let kit_path = out.path().join("J1.jurikit");
    export_kit_file(&mut t, &comp, "J1", &kit_path);
    // Flip one byte inside a stored evidence file (the PDF text "Bappeda" is stored as is).
    let mut bytes = std::fs::read(&kit_path).unwrap();
    let at = bytes.windows(7).position(|w| w == b"Bappeda").expect("stored, not compressed");
    bytes[at] ^= 0x20;
    let bad = out.path().join("rusak.jurikit");
    std::fs::write(&bad, &bytes).unwrap();

    let mut judge = new_db();
    let before = dump(&judge.db);
    let err = juri_core::sync::open_kit_file(&mut judge.db, &bad, NOW, false).unwrap_err();
    assert!(
        matches!(&err, Error::BadPackage(juri_core::error::PackageProblem::KitFileMismatch(f)) if f == "rencana.pdf"),
        "{err:?}"
    );
    assert!(err.message(Lang::Id).contains("Kit tidak dibuka"), "{}", err.message(Lang::Id));
    assert_eq!(dump(&judge.db), before, "nothing of the kit is kept");

    // A kit whose JSON lists a file the ZIP does not hold is refused the same way.
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&kit_path).unwrap()).unwrap();
    let mut json = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("kit.json").unwrap(), &mut json).unwrap();
    let short = out.path().join("tanpa-berkas.jurikit");
    raw_zip(&short, &[("kit.json", json.as_bytes())]);
    let err = juri_core::sync::open_kit_file(&mut judge.db, &short, NOW, false).unwrap_err();
    assert!(matches!(err, Error::BadPackage(juri_core::error::PackageProblem::KitFileMismatch(_))), "{err:?}");
    assert_eq!(dump(&judge.db), before);
}

#[test]
fn an_updated_kit_replaces_the_dossier_and_keeps_the_judges_scores() {
    let (mut t, comp, src) = master_with_dossiers();
    let out = tempfile::tempdir().unwrap();
    export_kit_file(&mut t, &comp, "J1", &out.path().join("v1.jurikit"));
    let mut judge = new_db();
    juri_core::sync::open_kit_file(&mut judge.db, &out.path().join("v1.jurikit"), NOW, false).unwrap();
    let ctx =
        juri_core::scoring::store::ScoreContext { actor: "J1".into(), device: "laptop-J1".into(), now: NOW.into() };
    let key = juri_core::scoring::store::ScoreKey {
        stage: "proposal".into(),
        proposal: "P-001".into(),
        judge: "J1".into(),
        criterion: "kebaruan".into(),
    };
    judge
        .db
        .write(|tx| {
            juri_core::scoring::sheet::save_score(
                tx,
                &comp,
                &key,
                81.5,
                &ctx,
                juri_core::scoring::store::ScoreOrigin::Form,
            )
        })
        .unwrap();

    judge
        .db
        .write(|tx| {
            juri_core::scoring::notes::save_note(tx, &comp, "proposal", "J1", "P-001", "kebaruan", "Cek SK", NOW)
        })
        .unwrap();
    write(src.path(), "P-001/implementasi/sk-inovasi.pdf", &pdf("SK revisi"));
    import(&mut t, &comp, src.path()).unwrap();
    export_kit_file(&mut t, &comp, "J1", &out.path().join("v2.jurikit"));
    juri_core::sync::open_kit_file(&mut judge.db, &out.path().join("v2.jurikit"), NOW, false).unwrap();
    assert_eq!(
        dossier::dossier_view(judge.db.conn(), &comp, "P-001").unwrap(),
        dossier::dossier_view(t.db.conn(), &comp, "P-001").unwrap(),
        "the new version of the file"
    );
    let value: f64 = judge.db.conn().query_row("SELECT value FROM score", [], |r| r.get(0)).unwrap();
    assert_eq!(value, 81.5, "the judge's score stays");
    let notes = juri_core::scoring::notes::sheet_notes(judge.db.conn(), &comp, "proposal", "J1", "P-001").unwrap();
    assert_eq!(notes.len(), 1, "and the judge's notes stay");
}

#[test]
fn a_kit_without_dossiers_stays_plain_json() {
    let mut t = new_db();
    let comp = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| juri_core::import::import_judges(tx, &comp, b"kode,nama\nJ1,Juri Satu\n", NOW)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let kit = export_kit_file(&mut t, &comp, "J1", &out.path().join("J1.jurikit"));
    assert!(kit.dossiers.is_empty());
    let bytes = std::fs::read(out.path().join("J1.jurikit")).unwrap();
    assert!(bytes.starts_with(b"{") && !String::from_utf8_lossy(&bytes).contains("dossiers"));
}

#[test]
fn the_organiser_sees_which_judges_need_a_new_kit_after_a_dossier_changes() {
    let (mut t, comp, src) = master_with_dossiers();
    let out = tempfile::tempdir().unwrap();
    let status = |t: &TestDb| -> Vec<(String, bool, bool)> {
        juri_core::sync::kit_status(t.db.conn(), &comp)
            .unwrap()
            .into_iter()
            .filter(|k| k.judge == "J1" || k.judge == "J5")
            .map(|k| (k.judge, k.exported_at.is_some(), k.up_to_date))
            .collect()
    };
    assert_eq!(status(&t), [("J1".into(), false, false), ("J5".into(), false, false)], "no kit yet");
    export_kit_file(&mut t, &comp, "J1", &out.path().join("J1.jurikit"));
    export_kit_file(&mut t, &comp, "J5", &out.path().join("J5.jurikit"));
    assert_eq!(status(&t), [("J1".into(), true, true), ("J5".into(), true, true)]);

    // P-009's dossier changes: only J1 carries it (J5 is conflicted).
    write(src.path(), "P-009/rencana.pdf", &pdf("Bappeda, revisi"));
    import(&mut t, &comp, src.path()).unwrap();
    assert_eq!(status(&t), [("J1".into(), true, false), ("J5".into(), true, true)]);
    export_kit_file(&mut t, &comp, "J1", &out.path().join("J1-baru.jurikit"));
    assert_eq!(status(&t), [("J1".into(), true, true), ("J5".into(), true, true)]);
}

#[test]
fn a_kit_is_described_and_judged_before_it_is_opened() {
    use juri_core::sync::{KitFit, check_kit_bytes, check_kit_file};
    let (mut t, comp, _src) = master_with_dossiers();
    let out = tempfile::tempdir().unwrap();
    let (j1, j5) = (out.path().join("J1.jurikit"), out.path().join("J5.jurikit"));
    export_kit_file(&mut t, &comp, "J1", &j1);
    export_kit_file(&mut t, &comp, "J5", &j5);

    let mut laptop = new_db();
    let check = check_kit_file(laptop.db.conn(), &j1).unwrap();
    assert_eq!((check.info.judge_code.as_str(), check.info.proposals, check.fit.clone()), ("J1", 18, KitFit::Open));

    assert_eq!(
        check_kit_bytes(laptop.db.conn(), &std::fs::read(&j1).unwrap()).unwrap(),
        check,
        "bytes or file, same answer"
    );
    assert!(
        matches!(check_kit_file(t.db.conn(), &j1).unwrap().fit, KitFit::Confirm { competitions: 1 }),
        "the master holds data"
    );

    juri_core::sync::open_kit_file(&mut laptop.db, &j1, NOW, false).unwrap();
    assert_eq!(check_kit_file(laptop.db.conn(), &j1).unwrap().fit, KitFit::Open, "this judge's newer kit");
    assert_eq!(check_kit_file(laptop.db.conn(), &j5).unwrap().fit, KitFit::OtherJudge { laptop: "J1".into() });
    let err = juri_core::sync::open_kit_file(&mut laptop.db, &j5, NOW, true).unwrap_err();
    assert!(err.message(Lang::En).contains("J5") && err.message(Lang::En).contains("J1"), "{}", err.message(Lang::En));
}

#[test]
fn staff_type_sections_and_add_or_remove_files_in_the_app_each_in_the_history() {
    let (mut t, comp) = demo();
    let a = actor();
    let v = t
        .db
        .write(|tx| dossier::save_section(tx, &comp, "P-001", "Ringkasan", "  Ibu hamil\r\ndicatat bidan  ", &a, NOW))
        .unwrap();
    assert_eq!(
        (v.sections[0].text.as_str(), v.sections[0].words),
        ("Ibu hamil\ndicatat bidan", 4),
        "by name, trimmed, LF"
    );
    let err = t.db.write(|tx| dossier::save_section(tx, &comp, "P-001", "tidak_ada", "x", &a, NOW)).unwrap_err();
    assert!(matches!(&err, Error::DossierRefused(p) if p[0].issue == DossierIssue::UnknownSection("tidak_ada".into())));
    let v =
        t.db.write(|tx| dossier::save_videos(tx, &comp, "P-001", &["https://youtu.be/a".into(), " ".into()], &a, NOW))
            .unwrap();
    assert_eq!(v.videos, ["https://youtu.be/a"]);
    assert!(
        t.db.write(|tx| dossier::save_videos(tx, &comp, "P-001", &["javascript:alert(1)".into()], &a, NOW)).is_err()
    );

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "SK Kepala Dinas.pdf", &pdf("SK"));
    write(dir.path(), "foto.jpg", &pdf("not a photo"));
    let sk = dir.path().join("SK Kepala Dinas.pdf");
    let add_sk = |t: &mut TestDb| {
        t.db.write(|tx| dossier::add_file_from_path(tx, &comp, "P-001", "implementasi", &sk, &a, NOW)).unwrap()
    };
    let v = add_sk(&mut t);
    assert_eq!(
        (v.files[0].name.as_str(), v.files[0].section.as_deref()),
        ("SK Kepala Dinas.pdf", Some("implementasi"))
    );
    let before = dump(&t.db);
    let err =
        t.db.write(|tx| dossier::add_file_from_path(tx, &comp, "P-001", "", &dir.path().join("foto.jpg"), &a, NOW))
            .unwrap_err();
    assert!(matches!(&err, Error::DossierRefused(p) if p[0].issue == DossierIssue::ContentMismatch("jpg".into())));
    assert_eq!(dump(&t.db), before, "a refused file changes nothing");

    // The same name again replaces the file; removing it leaves no stored bytes behind.
    write(dir.path(), "SK Kepala Dinas.pdf", &pdf("SK revisi"));
    let v = add_sk(&mut t);
    assert_eq!(v.files.len(), 1);
    let sha = v.files[0].sha256.clone();
    let v = t.db.write(|tx| dossier::remove_file(tx, &comp, "P-001", &sha, &a, NOW)).unwrap();
    assert!(v.files.is_empty());
    let blobs: i64 = t.db.conn().query_row("SELECT count(*) FROM dossier_blob", [], |r| r.get(0)).unwrap();
    assert_eq!(blobs, 0);
    let id = juri_core::proposals::find_proposal_by_code(t.db.conn(), &comp, "P-001").unwrap().unwrap().id;
    let actions: Vec<String> = juri_core::proposals::proposal_history(t.db.conn(), &id)
        .unwrap()
        .into_iter()
        .filter(|h| h.action == "dossier")
        .map(|h| h.changes.as_object().unwrap().keys().next().unwrap().clone())
        .collect();
    assert_eq!(
        actions,
        [
            "isian:ringkasan",
            "video",
            "berkas:implementasi/SK Kepala Dinas.pdf",
            "berkas:implementasi/SK Kepala Dinas.pdf",
            "berkas:implementasi/SK Kepala Dinas.pdf"
        ]
    );
}

#[test]
fn opening_a_kit_reports_its_bytes_and_a_cancel_keeps_nothing() {
    let (mut t, comp, _src) = master_with_dossiers();
    let out = tempfile::tempdir().unwrap();
    let kit = out.path().join("J1.jurikit");
    export_kit_file(&mut t, &comp, "J1", &kit);
    let mut judge = new_db();
    let before = dump(&judge.db);
    let mut seen = Vec::new();
    let err = juri_core::sync::open_kit_file_with(&mut judge.db, &kit, NOW, false, &mut |done, total| {
        seen.push((done, total));
        seen.len() < 2
    })
    .unwrap_err();
    assert!(matches!(err, Error::Cancelled), "{err:?}");
    assert_eq!(dump(&judge.db), before, "a cancelled kit leaves the laptop as it was");
    let mut last = (0, 0);
    juri_core::sync::open_kit_file_with(&mut judge.db, &kit, NOW, false, &mut |done, total| {
        last = (done, total);
        true
    })
    .unwrap();
    assert!(last.0 == last.1 && last.1 > 0, "every byte reported: {last:?}");
}

#[test]
fn a_file_name_windows_refuses_is_stored_safe_and_its_kit_still_opens() {
    let (mut t, comp) = demo();
    t.db.write(|tx| juri_core::import::import_judges(tx, &comp, b"kode,nama\nJ1,Juri Satu\n", NOW)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("berkas.zip");
    raw_zip(&zip_path, &[("P-001/CON.pdf", &pdf("a")), ("P-001/a<b>.pdf", &pdf("b"))]);
    import(&mut t, &comp, &zip_path).unwrap();
    let names: Vec<String> =
        dossier::dossier_view(t.db.conn(), &comp, "P-001").unwrap().files.into_iter().map(|f| f.name).collect();
    assert_eq!(names, ["_CON.pdf", "a_b_.pdf"]);
    let kit = dir.path().join("J1.jurikit");
    export_kit_file(&mut t, &comp, "J1", &kit);
    let mut judge = new_db();
    juri_core::sync::open_kit_file(&mut judge.db, &kit, NOW, false).unwrap();
}

#[test]
fn a_file_for_another_program_is_copied_under_its_hash_and_a_type_that_runs_code_is_only_saved() {
    let (mut t, comp) = demo();
    let a = actor();
    let dir = tempfile::tempdir().unwrap();
    let bytes = pdf("SK Bupati");
    // A name Windows refuses (as a ZIP made elsewhere may carry): added as bytes, not from a path.
    let v =
        t.db.write(|tx| {
            let b = bytes.clone();
            dossier::add_file(
                tx,
                &comp,
                "P-001",
                "",
                "SK Bupati: 2026?.pdf",
                &mut || Ok(Box::new(std::io::Cursor::new(b.clone())) as Box<dyn std::io::Read>),
                &a,
                NOW,
            )
        })
        .unwrap();
    let sha = v.files[0].sha256.clone();
    let opened = dir.path().join("dibuka");
    let copy = dossier::copy_for_other_program(t.db.conn(), &comp, "P-001", &sha, &opened, Some(t.db.path())).unwrap();
    assert_eq!(copy, opened.join(&sha[..16]).join("SK Bupati_ 2026_.pdf"), "under its hash, the name made safe");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes, "byte for byte");
    // Again (the judge clicks twice): the same copy, rewritten.
    assert_eq!(dossier::copy_for_other_program(t.db.conn(), &comp, "P-001", &sha, &opened, None).unwrap(), copy);

    // A setup that allowed an older Word file: saved, never handed to Word (macros).
    t.db.conn().execute("UPDATE dossier_file SET name = 'makro.doc'", []).unwrap();
    let err =
        dossier::copy_for_other_program(t.db.conn(), &comp, "P-001", &sha, &dir.path().join("lain"), None).unwrap_err();
    assert_eq!(err.code(), ErrorCode::FileUnreadable);
    assert!(err.message(Lang::Id).contains("makro.doc") && err.message(Lang::Id).contains("Simpan"), "{err}");
    assert!(!dir.path().join("lain").exists(), "nothing written");
    // A PDF name on bytes that are not a PDF is not handed over either.
    t.db.conn().execute("UPDATE dossier_file SET name = 'foto.jpg'", []).unwrap();
    assert!(
        dossier::copy_for_other_program(t.db.conn(), &comp, "P-001", &sha, &dir.path().join("lain"), None).is_err()
    );
}
