//! `juri pdf …` and `juri export xlsx|csv` as an organiser runs them on the demo competition.

use std::path::Path;
use std::process::{Command, Output};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).env_remove("JURI_LANG").output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn pages(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils)");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

/// The demo with DOMAIN.md §3.2's worked example scored (P-009, J5 recused).
fn demo(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("juri.sqlite3");
    ok(&juri(&db, &["demo", "--unscored"]));
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    let desk =
        ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
    for (j, v) in [("J1", 72.5), ("J2", 68.0), ("J3", 80.0), ("J4", 76.0)] {
        for c in desk {
            csv.push_str(&format!("proposal,P-009,{j},{c},{v}\n"));
        }
    }
    for (j, vals) in [
        ("J1", [8.0, 7.5, 7.0, 8.0]),
        ("J2", [7.0, 7.0, 6.5, 7.5]),
        ("J3", [8.5, 8.0, 7.5, 8.0]),
        ("J4", [7.5, 8.0, 7.0, 7.0]),
    ] {
        for (c, v) in ["kebaruan", "kemanfaatan", "replikasi", "penyajian"].iter().zip(vals) {
            csv.push_str(&format!("presentasi,P-009,{j},{c},{v}\n"));
        }
    }
    std::fs::write(dir.join("nilai.csv"), csv).unwrap();
    ok(&juri(&db, &["import", "scores", dir.join("nilai.csv").to_str().unwrap()]));
    std::fs::write(
        dir.join("dokumen.json"),
        r#"{"head": {"name": "H. Ahmad Fauzan, S.H., M.H."}, "pleno_date": "2026-09-24", "certificate_date": "2026-10-28"}"#,
    )
    .unwrap();
    ok(&juri(&db, &["pdf", "settings", "--set", dir.join("dokumen.json").to_str().unwrap()]));
    db
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDFs with poppler's pdftotext, which the Windows run under Wine has not")]
fn every_document_is_written_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let file = |n: &str| dir.path().join(n);
    let s = |p: &Path| p.to_str().unwrap().to_string();
    ok(&juri(&db, &["pdf", "certificates", "--out", &s(&file("piagam.pdf")), "--each", &s(&file("satu"))]));
    assert_eq!(pages(&file("piagam.pdf")), 1, "one winner: P-009, Juara I Tata Kelola");
    assert_eq!(std::fs::read_dir(file("satu")).unwrap().count(), 1);
    ok(&juri(&db, &["pdf", "recap", "--stage", "presentasi", "--out", &s(&file("rekap.pdf"))]));
    assert_eq!(pages(&file("rekap.pdf")), 4, "a page per category");
    ok(&juri(&db, &["pdf", "score-sheets", "--judge", "J5", "--out", &s(&file("lembar.pdf"))]));
    assert_eq!(pages(&file("lembar.pdf")), 17, "J5: 18 proposals in the desk stage less the recusal");
    ok(&juri(&db, &["pdf", "berita-acara", "--out", &s(&file("ba.pdf"))]));
    ok(&juri(&db, &["pdf", "sk", "--out", &s(&file("sk.pdf"))]));
    ok(&juri(&db, &["pdf", "sk", "--finalists", "--out", &s(&file("finalis.pdf"))]));
    let out = ok(&juri(&db, &["export", "xlsx", "--out", &s(&file("semua.xlsx"))]));
    assert!(out.starts_with("Ditulis: "), "{out}");
    ok(&juri(&db, &["export", "csv", "scores", "--out", &s(&file("nilai-ekspor.csv"))]));
    let back = std::fs::read_to_string(file("nilai-ekspor.csv")).unwrap();
    assert_eq!(back.lines().count(), 1 + 4 * 7 + 4 * 4, "every score in the long format");
    let again = ok(&juri(&db, &["import", "scores", &s(&file("nilai-ekspor.csv"))]));
    assert!(again.contains("0 baru, 0 diubah, 44 tetap"), "re-imports unchanged: {again}");
}

#[test]
fn settings_print_as_json_and_refusals_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("juri.sqlite3");
    ok(&juri(&db, &["demo"]));
    let json = ok(&juri(&db, &["pdf", "settings"]));
    assert!(json.contains("\"PEMERINTAH KABUPATEN SUKAMAJU\""), "defaults from the organiser: {json}");
    let o = juri(&db, &["pdf", "sk", "--out", dir.path().join("sk.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("pemenang belum dapat ditetapkan"));
    std::fs::write(dir.path().join("x.json"), r#"{"sk_date": "20-10-2026"}"#).unwrap();
    let o = juri(&db, &["pdf", "settings", "--set", dir.path().join("x.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bukan tanggal yang valid"));
}

/// Every entry of a folder (names), sorted.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect(),
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[test]
fn an_output_on_the_open_database_is_refused_and_the_database_is_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let recap = ok(&juri(&db, &["recap", "--format", "json"]));
    let before = std::fs::read(&db).unwrap();
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let wal = dir.path().join("juri.sqlite3-wal");
    let detour = dir.path().join("sub").join("..").join("juri.sqlite3");
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    for args in [
        vec!["pdf", "recap", "--out", &s(&db)],
        vec!["pdf", "recap", "--out", &s(&detour)],
        vec!["pdf", "berita-acara", "--out", &s(&wal)],
        vec!["export", "csv", "proposals", "--out", &s(&db)],
        vec!["export", "xlsx", "--out", &s(&db)],
        vec!["pdf", "certificates", "--recipients", "participants", "--out", &s(&db)],
    ] {
        let o = juri(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?} refused");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("basis data"), "{args:?}: {err}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "{args:?}: the database file is untouched");
    }
    assert_eq!(ok(&juri(&db, &["recap", "--format", "json"])), recap, "the database still opens, same data");
    assert!(!entries(dir.path()).iter().any(|n| n.ends_with(".juri-tmp")), "{:?}", entries(dir.path()));
}

#[test]
fn a_batch_with_hostile_codes_gives_safe_unique_files_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(dir.path());
    let long = "X".repeat(240);
    let conn = juri_core::rusqlite::Connection::open(&db).unwrap();
    for (old, new) in [
        ("P-001", "../../lolos"),
        ("P-002", "A/B:C*?\"<>|"),
        ("P-003", long.as_str()),
        ("P-004", "CON"),
        ("P-005", "p-006"),
        ("P-007", "  . "),
    ] {
        conn.execute("UPDATE proposal SET code = ?1 WHERE code = ?2", [new, old]).unwrap();
    }
    conn.execute("UPDATE proposal SET unit = ?1 WHERE code = 'P-008'", [format!("Dinas {}/..", "Y".repeat(240))])
        .unwrap();
    drop(conn);
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let each = dir.path().join("piagam");
    let out = ok(&juri(
        &db,
        &[
            "pdf",
            "certificates",
            "--recipients",
            "participants",
            "--out",
            &s(&dir.path().join("semua.pdf")),
            "--each",
            &s(&each),
        ],
    ));
    assert!(out.contains("18 berkas ditulis ke"), "{out}");
    let names = entries(&each);
    assert_eq!(names.len(), 18, "{names:?}");
    let lower: std::collections::HashSet<String> = names.iter().map(|n| n.to_lowercase()).collect();
    assert_eq!(lower.len(), 18, "unique even case-insensitively");
    for n in &names {
        assert!(n.ends_with(".pdf") && !n.starts_with('.') && n.chars().count() <= 120, "{n}");
        assert!(!n.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']), "{n}");
        assert!(std::fs::read(each.join(n)).unwrap().starts_with(b"%PDF"), "{n}");
    }
    assert!(names.iter().any(|n| n.contains("_.._lolos")), "{names:?}");
    assert!(names.iter().any(|n| n.contains(&"X".repeat(100))), "the long code, shortened");
    assert!(!dir.path().join("lolos").exists() && !dir.path().parent().unwrap().join("lolos").exists());

    // A batch that cannot finish leaves nothing behind and names the proposal. A folder in the
    // way of the fifth file makes its move fail.
    let again = dir.path().join("lagi");
    std::fs::create_dir(&again).unwrap();
    std::fs::create_dir(again.join(&names[4])).unwrap();
    let single = dir.path().join("semua-2.pdf");
    let o =
        juri(&db, &["pdf", "certificates", "--recipients", "participants", "--out", &s(&single), "--each", &s(&again)]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Piagam untuk proposal "), "{err}");
    assert_eq!(entries(&again), vec![names[4].clone()], "only what was there before");
    assert!(!single.exists(), "the one PDF is not written either");
}

#[test]
fn a_logo_that_cannot_be_printed_is_refused_when_it_is_set() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("juri.sqlite3");
    ok(&juri(&db, &["demo"]));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    // A PNG signature and a header cut short.
    let cut = dir.path().join("terpotong.png");
    std::fs::write(&cut, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10").unwrap();
    let o = juri(&db, &["pdf", "settings", "--logo", &s(&cut)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("rusak atau terpotong"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    #[cfg(unix)]
    {
        let o = juri(&db, &["pdf", "settings", "--logo", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(2), "a device is refused, not read until memory runs out");
    }
    let json = ok(&juri(&db, &["pdf", "settings"]));
    assert!(json.contains("PEMERINTAH"), "settings still read");
}
