//! `juri pdf monitoring` and `juri pdf ikm` on the demo (its four monitored innovations) and an
//! imported survey; read back with pdftotext.

use std::path::Path;
use std::process::{Command, Output};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).env_remove("JURI_LANG").output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn text(pdf: &Path) -> String {
    let out = Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output().expect("pdftotext");
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
#[cfg_attr(windows, ignore = "reads the PDFs with poppler's pdftotext, which the Windows run under Wine has not")]
fn monitoring_and_ikm_reports_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("juri.sqlite3");
    let s = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    ok(&juri(&db, &["demo"]));

    let out = ok(&juri(
        &db,
        &["pdf", "monitoring", "--year", "2026", "--quarter", "3", "--today", "2026-11-23", "--out", &s("monev.pdf")],
    ));
    assert!(out.contains("Ditulis:") && out.contains("monev.pdf"), "{out}");
    let t = text(&dir.path().join("monev.pdf"));
    assert!(t.contains("LAPORAN MONITORING DAN EVALUASI INOVASI DAERAH TRIWULAN III TAHUN 2026"), "{t}");
    assert!(t.contains("Laporan belum masuk 1"), "INV-003 has not reported TW III: {t}");
    assert!(t.contains("Sukamaju, 23 November 2026"), "{t}");

    let unit = ok(&juri(
        &db,
        &["pdf", "monitoring", "--year", "2026", "--quarter", "3", "--unit", "U03", "--out", &s("u03.pdf")],
    ));
    assert!(unit.contains("u03.pdf"));
    let t = text(&dir.path().join("u03.pdf"));
    assert!(t.contains("RSUD Sukamaju (U03)") && t.contains("ANTRI SEHAT") && !t.contains("SEDEKAH JELANTAH"), "{t}");

    // A quarter nobody is monitored in is refused, and nothing is written.
    let refused = juri(&db, &["pdf", "monitoring", "--year", "2025", "--quarter", "1", "--out", &s("kosong.pdf")]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("tidak ada inovasi yang dipantau"));
    assert!(!dir.path().join("kosong.pdf").exists());

    let mut csv = String::from("unit,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9\n");
    for i in 0..4 {
        let a = if i % 2 == 0 { "4" } else { "3" };
        csv.push_str(&format!("Dinas Kesehatan,2026-S1,{a},{a},{a},{a},{a},{a},{a},{a},{a}\n"));
    }
    std::fs::write(dir.path().join("skm.csv"), csv).unwrap();
    ok(&juri(&db, &["import", "ikm", &s("skm.csv")]));
    ok(&juri(
        &db,
        &[
            "pdf",
            "ikm",
            "--unit",
            "U01",
            "--period",
            "2026-S1",
            "--population",
            "100",
            "--today",
            "2026-11-23",
            "--out",
            &s("ikm.pdf"),
        ],
    ));
    let t = text(&dir.path().join("ikm.pdf"));
    assert!(t.contains("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT DINAS KESEHATAN SEMESTER I TAHUN 2026"), "{t}");
    // NRR 3,5 everywhere: IKM 3,5000, konversi 87,50, B (Baik)
    assert!(
        t.contains("adalah 3,5000 dengan nilai konversi 87,50, mutu pelayanan B dan kinerja unit pelayanan Baik"),
        "{t}"
    );
    assert!(t.contains(
        "4 orang; sampel minimum untuk populasi 100 orang (Krejcie dan Morgan) adalah 80 orang: belum terpenuhi"
    ));
    let missing = juri(&db, &["pdf", "ikm", "--unit", "U02", "--period", "2026-S1", "--out", &s("x.pdf")]);
    assert!(!missing.status.success(), "no survey for U02");
}
