//! `juri stats` (FORMATS.md §11) on the demo: JSON and CSV, the same seed the same bytes, refusals.

use std::path::Path;
use std::process::{Command, Output};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn stats_of_the_demo_are_deterministic_in_json_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("juri.sqlite3");
    ok(&juri(&db, &["demo"]));
    let a = ok(&juri(&db, &["stats", "--replicates", "500", "--seed", "3"]));
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    let desk = &v["stages"][0];
    assert_eq!(desk["stage"], "proposal");
    assert!(desk["alpha"].as_f64().unwrap() > 0.8, "{desk}");
    assert_eq!(desk["criteria"].as_array().unwrap().len(), 7);
    assert_eq!(desk["judges"][2]["judge"], "J3");
    assert_eq!(desk["judges"][2]["n"], 18);
    assert!(v["stages"][1]["alpha"].is_null(), "no presentation scored yet");
    let p2 = v["stability"].as_array().unwrap().iter().find(|r| r["proposal"] == "P-002").unwrap();
    assert_eq!((p2["rank"].clone(), p2["p_finalist"].as_f64()), (serde_json::Value::Null, Some(1.0)));
    for key in ["category", "p_first", "p_quota", "rank_median", "rank_p05", "rank_p95"] {
        assert!(p2.get(key).is_some(), "{key} in {p2}");
    }
    assert_eq!(a, ok(&juri(&db, &["stats", "--replicates", "500", "--seed", "3"])), "same seed, same bytes");

    let csv = ok(&juri(&db, &["stats", "--format", "csv", "--replicates", "500", "--seed", "3"]));
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("section,stage,criterion,judge,n,alpha,severity,correlation,category"));
    assert!(csv.lines().any(|l| l.starts_with("judge,proposal,,J3,18,")), "{csv}");
    assert_eq!(csv.lines().filter(|l| l.starts_with("stability,")).count(), 18);

    // A number of replicates out of range: refused with the reason, exit 2.
    let o = juri(&db, &["stats", "--replicates", "0"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("ulangan bootstrap") && (err.contains("100000") || err.contains("100.000")), "{err}");
}
