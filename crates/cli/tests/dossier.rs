//! `juri import dossiers`, `juri dossier show` and `juri dossier extract` (FORMATS.md §9).

use std::path::Path;
use std::process::{Command, Output};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).env_remove("JURI_LANG").output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

const SETUP: &str = r#"{
  "name": "KIPP Kota Uji 2026", "year": 2026,
  "categories": [ { "code": "KS", "name": "Kesehatan", "quota": 3 } ],
  "dossier": {
    "sections": [ { "code": "ringkasan", "name": "Ringkasan", "max_words": 5, "required": true },
                  { "code": "kebaruan", "name": "Kebaruan / nilai tambah", "required": true } ],
    "max_file_mb": 1, "max_proposal_mb": 2, "file_types": [ "pdf", "jpg" ] },
  "stages": [ { "code": "proposal", "name": "Penilaian Proposal", "kind": "desk", "weight": 1,
      "criteria": [ { "code": "kebaruan", "name": "Kebaruan", "weight": 1, "min": 0, "max": 100, "section": "kebaruan" } ] } ]
}"#;

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, bytes).unwrap();
}

fn master(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("master.sqlite3");
    write(dir, "setup.json", SETUP.as_bytes());
    ok(&juri(&db, &["init", "--config", dir.join("setup.json").to_str().unwrap()]));
    write(
        dir,
        "p.csv",
        b"kode,judul,kategori,unit\nP-001,ANTRI SEHAT,KS,RSUD Sukamaju\nP-002,RESEP ANTAR,KS,RSUD Sukamaju\n",
    );
    ok(&juri(&db, &["import", "proposals", dir.join("p.csv").to_str().unwrap()]));
    db
}

#[test]
fn a_dossier_folder_is_previewed_imported_shown_and_extracted() {
    let dir = tempfile::tempdir().unwrap();
    let db = master(dir.path());
    let d = dir.path().join("berkas");
    write(&d, "isian.csv", "kode;Ringkasan;Kebaruan / nilai tambah;video\nP-001;Antrean dari rumah lewat WhatsApp sampai dipanggil;Tidak perlu datang pagi;https://youtu.be/x\n".as_bytes());
    write(&d, "P-001/kebaruan/alur.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    write(&d, "P-001/foto.JPG", b"\xFF\xD8\xFF\xE0 foto");
    let path = d.to_str().unwrap();

    let preview = ok(&juri(&db, &["import", "dossiers", path, "--dry-run"]));
    assert!(preview.starts_with("Pratinjau isian proposal: 1 proposal, 2 bagian diubah"), "{preview}");
    assert!(preview.contains("P-001: ringkasan melebihi batas kata"), "{preview}");
    let shown = ok(&juri(&db, &["dossier", "show", "P-001", "--format", "json"]));
    assert!(
        serde_json::from_str::<serde_json::Value>(&shown).unwrap()["files"].as_array().unwrap().is_empty(),
        "a preview writes nothing"
    );

    ok(&juri(&db, &["import", "dossiers", path]));
    let v: serde_json::Value =
        serde_json::from_str(&ok(&juri(&db, &["dossier", "show", "p-001", "--format", "json"]))).unwrap();
    assert_eq!(v["proposal"], "P-001");
    assert_eq!(
        v["sections"][0],
        serde_json::json!({"code": "ringkasan", "name": "Ringkasan", "words": 7, "max_words": 5, "text": "Antrean dari rumah lewat WhatsApp sampai dipanggil"})
    );
    assert_eq!(v["sections"][1]["max_words"], serde_json::Value::Null);
    assert_eq!(v["videos"], serde_json::json!(["https://youtu.be/x"]));
    assert_eq!(v["files"][0]["name"], "foto.JPG");
    assert_eq!(v["files"][0]["section"], serde_json::Value::Null);
    assert_eq!(v["files"][0]["type"], "image/jpeg");
    assert_eq!(v["files"][1]["section"], "kebaruan");
    assert_eq!(v["files"][1]["bytes"], 48);
    assert_eq!(v["findings"], serde_json::json!([{"kind": "over_word_limit", "section": "ringkasan"}]));
    let p2: serde_json::Value = serde_json::from_str(&ok(&juri(&db, &["dossier", "show", "P-002"]))).unwrap();
    assert_eq!(p2["findings"][2], serde_json::json!({"kind": "no_files", "section": null}));

    let out = dir.path().join("keluar");
    ok(&juri(&db, &["dossier", "extract", "P-001", "--out", out.to_str().unwrap()]));
    assert_eq!(std::fs::read(out.join("alur.pdf")).unwrap(), std::fs::read(d.join("P-001/kebaruan/alur.pdf")).unwrap());
    assert!(out.join("foto.JPG").is_file());
    let again = ok(&juri(&db, &["import", "dossiers", path]));
    assert!(again.contains("0 baru, 0 diganti, 0 dihapus, 2 tetap"), "{again}");
}

#[test]
fn a_refused_dossier_exits_2_naming_the_folder_and_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let db = master(dir.path());
    let d = dir.path().join("berkas");
    write(&d, "P-009/a.pdf", b"%PDF-1.4");
    write(&d, "P-001/foto.jpg", b"%PDF-1.4 not a photo");
    write(&d, "P-001/video.mp4", b"\x00\x00\x00\x20ftypisom");
    let o = juri(&db, &["--lang", "en", "import", "dossiers", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("{}: Dossier import refused: 3 problems; nothing was changed.", d.display())),
        "{err}"
    );
    assert!(err.contains("- P-009/: proposal code P-009 is not in this competition"), "{err}");
    assert!(err.contains("- P-001/foto.jpg: the content is not a .jpg file"), "{err}");
    assert!(err.contains("- P-001/video.mp4: file type .mp4 is not allowed"), "{err}");
    assert_eq!(juri(&db, &["dossier", "show", "P-404"]).status.code(), Some(2));
}

#[test]
fn a_judge_kit_carries_the_dossier_and_the_judges_database_shows_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = master(dir.path());
    write(dir.path(), "j.csv", b"kode,nama\nJ1,Juri Satu\n");
    ok(&juri(&db, &["import", "judges", dir.path().join("j.csv").to_str().unwrap()]));
    let d = dir.path().join("berkas");
    write(&d, "P-001/kebaruan/alur.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n");
    write(&d, "P-002/foto.jpg", b"\xFF\xD8\xFF\xE0 foto");
    ok(&juri(&db, &["import", "dossiers", d.to_str().unwrap()]));
    let kit = dir.path().join("J1.jurikit");
    let said = ok(&juri(&db, &["kit", "export", "--judge", "J1", "--out", kit.to_str().unwrap()]));
    assert!(said.contains("2 berkas bukti"), "{said}");
    let laptop = dir.path().join("laptop-j1.sqlite3");
    ok(&juri(&laptop, &["kit", "open", kit.to_str().unwrap()]));
    for code in ["P-001", "P-002"] {
        let on_master = ok(&juri(&db, &["dossier", "show", code, "--format", "json"]));
        assert_eq!(ok(&juri(&laptop, &["dossier", "show", code, "--format", "json"])), on_master, "{code}");
    }
    let out = dir.path().join("dari-kit");
    ok(&juri(&laptop, &["dossier", "extract", "P-001", "--out", out.to_str().unwrap()]));
    assert_eq!(std::fs::read(out.join("alur.pdf")).unwrap(), std::fs::read(d.join("P-001/kebaruan/alur.pdf")).unwrap());
    let o = juri(&laptop, &["import", "dossiers", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "a judge's laptop does not import dossiers");
}

#[test]
fn kit_status_names_the_judges_whose_kit_is_out_of_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = master(dir.path());
    write(dir.path(), "j.csv", b"kode,nama\nJ1,Juri Satu\nJ2,Juri Dua\n");
    ok(&juri(&db, &["import", "judges", dir.path().join("j.csv").to_str().unwrap()]));
    let d = dir.path().join("berkas");
    write(&d, "P-001/foto.jpg", b"\xFF\xD8\xFF\xE0 foto");
    ok(&juri(&db, &["import", "dossiers", d.to_str().unwrap()]));
    ok(&juri(&db, &["kit", "export", "--judge", "J1", "--out", dir.path().join("J1.jurikit").to_str().unwrap()]));
    let text = ok(&juri(&db, &["kit", "status"]));
    assert!(text.lines().any(|l| l.starts_with("J1\tJuri Satu\t") && l.ends_with("\tterbaru")), "{text}");
    assert!(text.lines().any(|l| l.starts_with("J2\t") && l.ends_with("belum pernah dibuat")), "{text}");
    write(&d, "P-001/foto.jpg", b"\xFF\xD8\xFF\xE0 foto baru");
    ok(&juri(&db, &["import", "dossiers", d.to_str().unwrap()]));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&juri(&db, &["kit", "status", "--format", "json"]))).unwrap();
    assert_eq!(json[0]["judge"], "J1");
    assert_eq!(json[0]["up_to_date"], false, "{json}");
}

/// FORMATS.md §10 through the binary: the kabupaten exports chosen proposals, the province
/// (another database) previews, imports, and imports again for nothing; a tampered ZIP exits 2.
#[test]
fn forwarding_goes_from_one_database_to_another_once() {
    let dir = tempfile::tempdir().unwrap();
    let kab = master(dir.path());
    write(
        dir.path(),
        "berkas/isian.csv",
        "kode;ringkasan;kebaruan\nP-002;Resep diantar ojek.;Antar obat.\n".as_bytes(),
    );
    write(dir.path(), "berkas/P-002/kebaruan/alur.pdf", b"%PDF-1.4\n%%EOF\n");
    ok(&juri(&kab, &["import", "dossiers", dir.path().join("berkas").to_str().unwrap()]));
    let zip = dir.path().join("Penerusan Kota Uji.zip");
    let zip_s = zip.to_str().unwrap();
    let out = juri(&kab, &["export", "forwarding", "--scope", "chosen", "--codes", "P-002,P-001", "--out", zip_s]);
    assert!(ok(&out).contains("2 proposal"), "{}", ok(&out));
    assert!(ok(&out).contains("dicatat di registri monitoring: 0"), "no innovation in the registry yet");
    let readiness = String::from_utf8_lossy(&out.stderr);
    assert!(readiness.contains("P-001: ringkasan kosong") && readiness.contains("tanpa bukti dukung"), "{readiness}");
    let bad_scope = juri(&kab, &["export", "forwarding", "--scope", "semua", "--out", zip_s]);
    assert_eq!(bad_scope.status.code(), Some(2));

    let prov = dir.path().join("provinsi.sqlite3");
    write(dir.path(), "prov.json", SETUP.replace("KIPP Kota Uji 2026", "KIPP Provinsi Uji 2026").as_bytes());
    ok(&juri(&prov, &["init", "--config", dir.path().join("prov.json").to_str().unwrap()]));
    let preview = ok(&juri(&prov, &["import", "forwarding", zip_s, "--dry-run"]));
    assert!(preview.contains("2 proposal baru") && preview.contains("P-002 <- P-002 KS - RESEP ANTAR"), "{preview}");
    let listed = |db: &Path| ok(&juri(db, &["recap", "--format", "json"]));
    assert!(!listed(&prov).contains("RESEP ANTAR"), "the preview changed nothing");
    let done = ok(&juri(&prov, &["import", "forwarding", zip_s]));
    assert!(done.contains("2 proposal baru"), "{done}");
    let shown: serde_json::Value =
        serde_json::from_str(&ok(&juri(&prov, &["dossier", "show", "P-002", "--format", "json"]))).unwrap();
    assert_eq!(shown["sections"][0]["text"], "Resep diantar ojek.");
    assert_eq!(shown["files"][0]["name"], "alur.pdf");
    assert_eq!(shown["files"][0]["section"], "kebaruan");
    let again = ok(&juri(&prov, &["import", "forwarding", zip_s]));
    assert!(again.contains("0 proposal baru, 2 sudah ada"), "{again}");
    // Several ZIPs in one call (one transaction), each reported.
    let both = ok(&juri(&prov, &["import", "forwarding", zip_s, zip_s, "--dry-run"]));
    assert_eq!(both.matches("Pratinjau penerusan").count(), 2, "{both}");

    // One changed byte in the ZIP: refused, with the file named, exit 2.
    let mut bytes = std::fs::read(&zip).unwrap();
    let at = bytes.windows(8).position(|w| w == b"%PDF-1.4").unwrap();
    bytes[at + 1] = b'Q';
    let tampered = dir.path().join("diubah.zip");
    std::fs::write(&tampered, bytes).unwrap();
    let refused = juri(&prov, &["import", "forwarding", tampered.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(why.contains("Berkas penerusan ditolak") && why.contains("P-002/kebaruan/alur.pdf"), "{why}");
}
