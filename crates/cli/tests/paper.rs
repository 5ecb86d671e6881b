//! `juri paper …`: a paper sheet typed twice from the command line, refusals, and the recap.

use std::path::Path;
use std::process::{Command, Output};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).env_remove("JURI_LANG").output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn refused(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(2), "a refusal exits 2; stdout: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8(o.stderr.clone()).unwrap()
}

const SHEET: [&str; 6] = ["--stage", "proposal", "--judge", "J1", "--proposal", "P-001"];

fn entry(slot: &str, staff: &str, kebaruan: &str) -> Vec<String> {
    let mut a: Vec<String> = ["paper", "enter"].iter().chain(SHEET.iter()).map(|s| s.to_string()).collect();
    a.extend(["--entry".into(), slot.into(), "--staff".into(), staff.into()]);
    for c in ["latar_belakang", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"] {
        a.push(format!("{c}=80"));
    }
    a.push(format!("kebaruan={kebaruan}"));
    a
}

fn run(db: &Path, args: &[String]) -> Output {
    juri(db, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The desk stage of P-001 in the recap JSON: (judges counted, score), or None.
fn desk(db: &Path) -> Option<(u64, f64)> {
    let recap: serde_json::Value = serde_json::from_str(&ok(&juri(db, &["recap", "--format", "json"]))).unwrap();
    let row = recap["categories"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["rows"].as_array().unwrap())
        .find(|r| r["proposal"] == "P-001")
        .unwrap()
        .clone();
    let s = &row["stages"]["proposal"];
    s.as_object().map(|_| (s["judges"].as_u64().unwrap(), s["score"].as_f64().unwrap()))
}

#[test]
fn a_sheet_typed_twice_counts_only_once_reconciled() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("master.sqlite3");
    ok(&juri(&db, &["demo", "--unscored"]));

    let out = ok(&run(&db, &entry("1", "Sari", "90")));
    assert!(out.contains("\"status\": \"entry_one\""), "{out}");
    let err = refused(&run(&db, &entry("2", " SARI ", "90")));
    assert!(err.contains("dua petugas yang berbeda"), "{err}");
    let err = refused(&run(&db, &entry("2", "Dodi", "900")));
    assert!(err.contains("di luar rentang 0–100"), "{err}");

    let out = ok(&run(&db, &entry("2", "Dodi", "9")));
    assert!(out.contains("\"status\": \"different\""), "{out}");
    let status = ok(&juri(&db, &["paper", "status", "--stage", "proposal", "--judge", "J1"]));
    assert!(status.lines().any(|l| l == "P-001\tdifferent\tSari\tDodi\t1"), "{status}");
    assert_eq!(desk(&db), None, "a differing sheet does not count");

    let mut pick: Vec<&str> = vec!["paper", "pick"];
    pick.extend(SHEET);
    pick.extend(["--criterion", "kebaruan", "--value", "90", "--staff", "Wati", "--reason", "lembar asli"]);
    let out = ok(&juri(&db, &pick));
    assert!(out.contains("\"status\": \"recorded\""), "{out}");
    let (judges, score) = desk(&db).expect("counted once reconciled");
    assert_eq!(judges, 1);
    assert!((score - 81.5).abs() < 1e-9, "(80·85 + 90·15)/100 = 81,5, got {score}");
}
