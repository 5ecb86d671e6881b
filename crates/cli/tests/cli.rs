//! The `juri` binary as organisers and the FORMATS.md contract use it.

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
  "name": "KIPP Kota Uji 2026", "year": 2026, "organiser": "Bagian Organisasi", "place": "Kota Uji",
  "categories": [ { "code": "TK", "name": "Tata Kelola Pemerintahan", "quota": 3 },
                  { "code": "KS", "name": "Kesehatan", "quota": 3 } ],
  "stages": [
    { "code": "proposal", "name": "Penilaian Proposal", "kind": "desk", "weight": 40,
      "criteria": [ { "code": "kebaruan", "name": "Kebaruan", "weight": 1, "min": 0, "max": 100 },
                    { "code": "manfaat", "name": "Kemanfaatan", "weight": 3, "min": 0, "max": 100 } ] },
    { "code": "presentasi", "name": "Presentasi", "kind": "venue", "weight": 60,
      "criteria": [ { "code": "penyajian", "name": "Penyajian", "weight": 1, "min": 1, "max": 5 } ] }
  ],
  "tie_break": [ "stage:presentasi" ],
  "normalisation": "none",
  "disagreement_threshold": 10
}"#;

fn setup_db(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("master.sqlite3");
    std::fs::write(dir.join("setup.json"), SETUP).unwrap();
    ok(&juri(&db, &["init", "--config", dir.join("setup.json").to_str().unwrap()]));
    std::fs::write(
        dir.join("p.csv"),
        "kode,judul,kategori,unit\nP-001,ANTRI SEHAT,KS,RSUD Sukamaju\nP-002,RESEP ANTAR,KS,RSUD Sukamaju\nP-003,IZIN TUNTAS,TK,DPMPTSP\n",
    )
    .unwrap();
    ok(&juri(&db, &["import", "proposals", dir.join("p.csv").to_str().unwrap()]));
    std::fs::write(dir.join("j.csv"), "kode;nama;konflik\nJ1;Dr. Satu;\nJ2;Dua, M.Si.;\"DPMPTSP; P-003\"\n").unwrap();
    ok(&juri(&db, &["import", "judges", dir.join("j.csv").to_str().unwrap()]));
    db
}

#[test]
fn init_exports_the_same_setup() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_db(dir.path());
    let out = ok(&juri(&db, &["export", "setup"]));
    let a = juri_core::competition::Setup::from_json(&out).unwrap();
    let b = juri_core::competition::Setup::from_json(SETUP).unwrap();
    assert_eq!(a, b, "export setup gives back the init config");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["stages"][1]["criteria"][0]["min"], 1.0, "FORMATS.md §1 field names");
}

#[test]
fn refusals_exit_non_zero_with_a_reason_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    std::fs::write(dir.path().join("bad.json"), SETUP.replace("\"min\": 1", "\"min\": 5")).unwrap();
    let o = juri(&db, &["init", "--config", dir.path().join("bad.json").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("presentasi/penyajian") && err.contains("minimum"), "{err}");
    assert_eq!(ok(&juri(&db, &["competitions"])), "", "no competition was created");

    let db = setup_db(dir.path());
    std::fs::write(dir.path().join("s.csv"), "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\nproposal,P-001,J1,kebaruan,80\nproposal,P-003,J2,kebaruan,80\n").unwrap();
    let before = ok(&juri(&db, &["recap"]));
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "--lang",
            "en",
            "import",
            "scores",
            dir.path().join("s.csv").to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("row 3") && err.contains("conflict of interest"), "{err}");
    assert_eq!(ok(&juri(&db, &["recap"])), before, "the valid row 2 was not applied either");
}

#[test]
fn recap_json_is_exact_and_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_db(dir.path());
    // P-001: J1 desk (80·1 + 90·3)/4 = 87,5; J2 (60 + 70·3)/4 = 67,5 → 77,5, SD 10 (not above 10).
    //        venue penyajian 1–5: J1 5 → 100 %, J2 4 → 75 % → 87,5. Final (40·77,5 + 60·87,5)/100 = 83,5.
    // P-002: desk J1 (100 + 100·3)/4 = 100, J2 100 → 100; venue J1 3 → 50 %, J2 3 → 50 % → 50.
    //        Final 40 + 30 = 70.
    let scores = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai
proposal,P-001,J1,kebaruan,80
proposal,P-001,J1,manfaat,90
proposal,P-001,J2,kebaruan,60
proposal,P-001,J2,manfaat,70
presentasi,P-001,J1,penyajian,5
presentasi,P-001,J2,penyajian,4
proposal,P-002,J1,kebaruan,100
proposal,P-002,J1,manfaat,100
proposal,P-002,J2,kebaruan,100
proposal,P-002,J2,manfaat,100
presentasi,P-002,J1,penyajian,3
presentasi,P-002,J2,penyajian,3
proposal,P-003,J1,kebaruan,50
";
    std::fs::write(dir.path().join("s.csv"), scores).unwrap();
    ok(&juri(&db, &["import", "scores", dir.path().join("s.csv").to_str().unwrap()]));
    let a = ok(&juri(&db, &["recap", "--format", "json"]));
    let b = ok(&juri(&db, &["recap", "--format", "json"]));
    assert_eq!(a, b, "same data, same bytes");
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    let ks = &v["categories"][1];
    assert_eq!(ks["code"], "KS");
    assert_eq!(ks["rows"][0]["proposal"], "P-001");
    assert_eq!(ks["rows"][0]["rank"], 1);
    assert_eq!(ks["rows"][0]["final"], 83.5);
    assert_eq!(ks["rows"][0]["stages"]["proposal"]["score"], 77.5);
    assert_eq!(ks["rows"][0]["stages"]["proposal"]["sd"], 10.0);
    assert_eq!(ks["rows"][0]["stages"]["proposal"]["flagged"], false, "SD equal to the threshold is not above it");
    assert_eq!(ks["rows"][1]["final"], 70.0);
    let tk = &v["categories"][0]["rows"][0];
    assert_eq!(tk["status"], "incomplete", "P-003 has one incomplete sheet only");
    assert_eq!(tk["rank"], serde_json::Value::Null);
    assert!(tk["stages"].as_object().unwrap().is_empty(), "no counted judge, no stage entry");

    let csv = ok(&juri(&db, &["recap", "--format", "csv"]));
    assert!(csv.starts_with("kategori,peringkat,seri,kode,judul,unit,final,proposal_nilai"), "{csv}");
    assert!(csv.contains("KS,1,,P-001,ANTRI SEHAT,RSUD Sukamaju,83.5,77.5,77.5,2,10,"), "{csv}");
}

#[test]
fn demo_and_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite3");
    ok(&juri(&db, &["demo"]));
    let out = ok(&juri(&db, &["backup", "--out", dir.path().join("b.juribak").to_str().unwrap()]));
    assert!(out.contains("2 kompetisi, 36 proposal"), "the 2026 demo and the finished 2025: {out}");
    let recap = ok(&juri(&db, &["recap", "--format", "csv"]));
    assert_eq!(recap.matches(",not_finalist").count(), 6, "the desk stage is scored, finalists chosen: {recap}");
    let unscored = dir.path().join("u.sqlite3");
    ok(&juri(&unscored, &["demo", "--unscored"]));
    assert!(!ok(&juri(&unscored, &["recap", "--format", "csv"])).contains(",not_finalist"), "nobody scored yet");
    assert!(dir.path().join("b.juribak").exists());
}

/// SIGKILL the score writer 50 times at random moments; every acknowledged edit must survive.
/// (The writer is a bench subcommand: `cargo test -p juri-cli --features bench`, as scripts/test runs it.)
#[cfg(feature = "bench")]
#[test]
fn no_acknowledged_score_is_lost_when_the_process_is_killed() {
    let o = Command::new(env!("CARGO_BIN_EXE_juri")).args(["bench", "crash", "--kills", "50"]).output().unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}\n{}", String::from_utf8_lossy(&o.stderr));
    assert!(out.contains("50 SIGKILLs") && out.contains(" 0 missing") && out.contains("integrity_check: ok"), "{out}");
    let acked: usize = out
        .split(", ")
        .find(|p| p.ends_with("acknowledged edits"))
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(acked > 50, "the writer got edits through between kills: {out}");
}

/// FORMATS.md §7: import survey responses, compute the index; a bad answer refuses the file.
#[test]
fn ikm_import_and_index() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ikm.sqlite3");
    // Two respondents of Dinas Kesehatan 2026-S1 and one of another unit.
    // U1: 4,3 → 3,5; U2–U9: 3,3 → 3, except U9: 4,(empty) → 4.
    // IKM = (3,5 + 7·3 + 4) / 9 = 28,5/9 = 3,1666…; konversi 79,1666… → B (Baik).
    let csv = "unit;periode;u1;u2;u3;u4;u5;u6;u7;u8;u9;jenis_kelamin
Dinas Kesehatan;2026-S1;4;3;3;3;3;3;3;3;4;P
dinas  kesehatan;2026-S1;3;3;3;3;3;3;3;3;;L
RSUD Sukamaju;2026-S1;1;1;1;1;1;1;1;1;1;L
";
    std::fs::write(dir.path().join("ikm.csv"), csv).unwrap();
    ok(&juri(&db, &["import", "ikm", dir.path().join("ikm.csv").to_str().unwrap()]));
    let out = ok(&juri(&db, &["ikm", "--unit", "Dinas Kesehatan", "--period", "2026-S1", "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["respondents"], 2);
    assert_eq!(v["unsur"][0]["code"], "U1");
    assert_eq!(v["unsur"][0]["name"], "Persyaratan");
    assert_eq!(v["unsur"][0]["nrr"], 3.5);
    assert_eq!(v["unsur"][8]["answers"], 1, "an empty cell is not an answer");
    assert!((v["ikm"].as_f64().unwrap() - 28.5 / 9.0).abs() < 1e-12);
    assert!((v["konversi"].as_f64().unwrap() - 25.0 * 28.5 / 9.0).abs() < 1e-12);
    assert_eq!((v["band"].as_str(), v["label"].as_str()), (Some("B"), Some("Baik")));

    // Re-importing the same survey replaces it rather than counting anyone twice.
    ok(&juri(&db, &["import", "ikm", dir.path().join("ikm.csv").to_str().unwrap()]));
    let again = ok(&juri(&db, &["ikm", "--unit", "Dinas Kesehatan", "--period", "2026-S1"]));
    assert_eq!(again, out);

    std::fs::write(dir.path().join("bad.csv"), csv.replace("RSUD Sukamaju;2026-S1;1;", "RSUD Sukamaju;2026-S1;5;"))
        .unwrap();
    let o = juri(&db, &["import", "ikm", dir.path().join("bad.csv").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("baris 4, kolom u1"), "{}", String::from_utf8_lossy(&o.stderr));
    let rsud = ok(&juri(&db, &["ikm", "--unit", "RSUD Sukamaju", "--period", "2026-S1"]));
    assert!(rsud.contains("\"band\": \"D\""), "the refused file changed nothing: {rsud}");
    let o = juri(&db, &["ikm", "--unit", "Dinas Sosial", "--period", "2026-S1"]);
    assert_eq!(o.status.code(), Some(2), "no survey for that unit");
}

/// Nine judges on nine laptops (separate databases, all through the CLI): kits out, scores in on
/// each laptop, packages merged into the master in shuffled orders; the recap equals the one from
/// the same scores imported straight into a single database.
#[test]
fn nine_laptops_merge_into_the_same_recap_in_any_order() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let s = |path: &std::path::Path| path.to_str().unwrap().to_string();
    let mut judges = String::from("kode,nama\n");
    for j in 1..=9 {
        judges.push_str(&format!("J{j},Juri {j}\n"));
    }
    std::fs::write(p("judges.csv"), &judges).unwrap();

    let masters = ["m1.sqlite3", "m2.sqlite3", "single.sqlite3"];
    for m in masters {
        ok(&juri(&p(m), &["demo", "--unscored"]));
        ok(&juri(&p(m), &["import", "judges", &s(&p("judges.csv"))]));
    }
    let criteria =
        ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
    let header = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n";
    let mut all = String::from(header);
    let mut packages = Vec::new();
    for j in 1..=9 {
        let kit = p(&format!("J{j}.jurikit"));
        ok(&juri(&p("m1.sqlite3"), &["kit", "export", "--judge", &format!("J{j}"), "--out", &s(&kit)]));
        let laptop = p(&format!("laptop-J{j}.sqlite3"));
        ok(&juri(&laptop, &["kit", "open", &s(&kit)]));
        let mut mine = String::from(header);
        for (i, code) in ["P-001", "P-002", "P-003", "P-006", "P-007", "P-016"].iter().enumerate() {
            for (k, c) in criteria.iter().enumerate() {
                let v = 50.0 + ((j * 7 + i * 11 + k * 3) % 50) as f64 + if k % 2 == 0 { 0.5 } else { 0.0 };
                mine.push_str(&format!("proposal,{code},J{j},{c},{v}\n"));
            }
        }
        all.push_str(&mine[header.len()..]);
        std::fs::write(p(&format!("J{j}.csv")), &mine).unwrap();
        ok(&juri(&laptop, &["import", "scores", &s(&p(&format!("J{j}.csv")))]));
        let pkg = p(&format!("J{j}.jurinilai"));
        ok(&juri(&laptop, &["package", "export", "--out", &s(&pkg)]));
        packages.push(s(&pkg));
    }
    // A judge's laptop takes only that judge's own scores.
    let o = juri(&p("laptop-J1.sqlite3"), &["import", "scores", &s(&p("J2.csv"))]);
    assert_eq!(o.status.code(), Some(2), "J2's scores refused on J1's laptop");

    // The second master gets the same kits' keys only if it exported them: use m1's database copy.
    std::fs::copy(p("m1.sqlite3"), p("m2.sqlite3")).unwrap();
    let mut forward: Vec<&str> = vec!["package", "merge"];
    forward.extend(packages.iter().map(|s| s.as_str()));
    let dry = ok(&juri(&p("m1.sqlite3"), &[&forward[..], &["--dry-run"]].concat()));
    assert!(dry.contains("42 baru") && dry.contains("tidak ada yang diubah"), "{dry}");
    ok(&juri(&p("m1.sqlite3"), &forward));
    let again = ok(&juri(&p("m1.sqlite3"), &forward));
    assert!(again.contains("0 baru") && again.contains("42 sudah digabung"), "merging twice changes nothing: {again}");
    for chunk in [[8usize, 2, 5], [0, 7, 3], [1, 6, 4]] {
        let mut args: Vec<&str> = vec!["package", "merge"];
        args.extend(chunk.iter().map(|&i| packages[i].as_str()));
        ok(&juri(&p("m2.sqlite3"), &args));
    }
    std::fs::write(p("all.csv"), &all).unwrap();
    ok(&juri(&p("single.sqlite3"), &["import", "scores", &s(&p("all.csv"))]));

    let r1 = ok(&juri(&p("m1.sqlite3"), &["recap"]));
    let r2 = ok(&juri(&p("m2.sqlite3"), &["recap"]));
    let rs = ok(&juri(&p("single.sqlite3"), &["recap"]));
    assert_eq!(r1, r2, "merge order does not matter");
    assert_eq!(r1.replace('\n', ""), rs.replace('\n', ""), "same as one database");
    assert!(r1.contains("\"judges\": 9"), "all nine judges counted");

    // A tampered package is refused with a reason and a non-zero exit.
    let mut bytes = std::fs::read(&packages[0]).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x20;
    std::fs::write(p("tampered.jurinilai"), bytes).unwrap();
    let o = juri(&p("m1.sqlite3"), &["package", "merge", &s(&p("tampered.jurinilai"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stdout).contains("DITOLAK"), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn an_output_never_lands_on_the_open_database_or_its_journals() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_db(dir.path());
    let before = ok(&juri(&db, &["recap"]));
    let wal = format!("{}-wal", db.display());
    for args in [
        vec!["export", "setup", "--out", db.to_str().unwrap()],
        vec!["kit", "export", "--judge", "J1", "--out", &wal],
        vec!["backup", "--out", db.to_str().unwrap()],
    ] {
        let o = juri(&db, &args);
        assert_eq!(o.status.code(), Some(2), "{args:?} must be refused");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("basis data yang sedang dipakai"), "{args:?}: {err}");
    }
    assert_eq!(ok(&juri(&db, &["recap"])), before, "the database is intact");
    let kit = dir.path().join("J1.jurikit");
    ok(&juri(&db, &["kit", "export", "--judge", "J1", "--out", kit.to_str().unwrap()]));
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("juri-tmp"))
        .collect();
    assert!(left.is_empty(), "no temporary file is left behind: {left:?}");
}

#[test]
fn devices_missing_files_and_odd_databases_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_db(dir.path());
    #[cfg(unix)]
    {
        let o = juri(&db, &["import", "judges", "/dev/zero"]);
        assert_eq!(o.status.code(), Some(2), "a device is not read");
        assert!(String::from_utf8_lossy(&o.stderr).contains("bukan berkas biasa"));
    }
    let missing = dir.path().join("juri-tidak-ada.csv");
    let o = juri(&db, &["import", "judges", missing.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("juri-tidak-ada.csv"), "the message names the path");

    let bad_rows = dir.path().join("juri-salah.csv");
    std::fs::write(&bad_rows, format!("kode,nama\nJ9,{}\n", "x".repeat(5000))).unwrap();
    let o = juri(&db, &["import", "judges", bad_rows.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err.contains("juri-salah.csv") && err.contains("baris 2") && err.contains("nama"),
        "file, row, field: {err}"
    );
    assert!(err.len() < 600, "a long value is cut in the message: {err}");

    let empty = dir.path().join("kosong.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    let o = juri(&empty, &["demo"]);
    assert_eq!(o.status.code(), Some(2), "a 0-byte database is not silently made new");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0);

    let absent = dir.path().join("belum-ada.sqlite3");
    assert_eq!(juri(&absent, &["recap"]).status.code(), Some(2), "reading a missing database is refused");
    assert!(!absent.exists(), "and does not create it");

    let bad = dir.path().join("setup-besar.json");
    std::fs::write(&bad, SETUP.replace("\"max\": 100", "\"max\": 1e308").replace("\"min\": 0,", "\"min\": -1e308,"))
        .unwrap();
    let o = juri(&dir.path().join("baru.sqlite3"), &["init", "--config", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "absurd ranges are refused");
    assert!(String::from_utf8_lossy(&o.stderr).contains("terlalu besar"), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_merge_with_a_refused_package_merges_nothing_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let s = |path: &std::path::Path| path.to_str().unwrap().to_string();
    let db = setup_db(dir.path());
    ok(&juri(&db, &["kit", "export", "--judge", "J1", "--out", &s(&p("J1.jurikit"))]));
    ok(&juri(&p("laptop.sqlite3"), &["kit", "open", &s(&p("J1.jurikit"))]));
    std::fs::write(p("n.csv"), "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\nproposal,P-001,J1,kebaruan,80\n")
        .unwrap();
    ok(&juri(&p("laptop.sqlite3"), &["import", "scores", &s(&p("n.csv"))]));
    ok(&juri(&p("laptop.sqlite3"), &["package", "export", "--out", &s(&p("J1.jurinilai"))]));
    // The judge's laptop does a judge's work only, from the command line as in the app.
    for args in [
        vec!["pdf", "recap", "--out", &s(&p("rekap.pdf"))],
        vec!["export", "csv", "scores", "--out", &s(&p("nilai.csv"))],
        vec!["kit", "export", "--judge", "J1", "--out", &s(&p("lagi.jurikit"))],
    ] {
        let o = juri(&p("laptop.sqlite3"), &args);
        assert_eq!(o.status.code(), Some(2), "{args:?} on a judge's laptop");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("laptop panitia"),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let mut forged = std::fs::read(p("J1.jurinilai")).unwrap();
    let mid = forged.len() / 2;
    forged[mid] ^= 0x01;
    std::fs::write(p("palsu.jurinilai"), forged).unwrap();
    let before = ok(&juri(&db, &["recap"]));
    let o = juri(&db, &["package", "merge", &s(&p("J1.jurinilai")), &s(&p("palsu.jurinilai"))]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("Tidak ada yang digabung"), "{err}");
    assert_eq!(ok(&juri(&db, &["recap"])), before, "the good package was not merged either");
    let o = ok(&juri(&db, &["package", "merge", &s(&p("J1.jurinilai")), &s(&p("J1.jurinilai"))]));
    assert!(o.contains("1 baru") && o.contains("dihitung sekali"), "{o}");
}

/// `juri import` on a hostile file: exit 2, and the peak memory of the process stays bounded.
fn refused_within_memory(db: &Path, args: &[&str], limit_mb: u64) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_juri"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JURI_LANG")
        .env("JURI_REPORT_PEAK_RSS", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(2), "{args:?} must be refused: {err}");
    let kb: u64 = err
        .lines()
        .find_map(|l| l.strip_prefix("peak VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("the peak is reported");
    assert!(kb < limit_mb * 1024, "{args:?} used {} MB", kb / 1024);
    err
}

#[cfg(target_os = "linux")]
#[test]
fn hostile_spreadsheets_are_refused_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let db = setup_db(dir.path());
    let path = |n: &str| dir.path().join(n);
    // A zip bomb: a sheet that inflates to 400 MB from about 2.5 MB.
    std::fs::write(path("bom.xlsx"), juri_core::testing::zip_bomb("xl/worksheets/sheet1.xml", 400 << 20)).unwrap();
    // A cell far outside any sheet, in an otherwise ordinary workbook.
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "kode").unwrap();
    let far_cell = r#"<row r="999999999"><c r="A999999999" t="inlineStr"><is><t>x</t></is></c></row>"#;
    let far = juri_core::testing::with_sheet_data(&book.save_to_buffer().unwrap(), far_cell, &[]);
    std::fs::write(path("jauh.xlsx"), far).unwrap();
    // A 40 MB cell, and a million and one rows.
    std::fs::write(path("sel.csv"), format!("kode,judul,kategori,unit\nP-1,{},TK,Dinkes\n", "x".repeat(40 << 20)))
        .unwrap();
    let mut rows = String::from("kode,judul,kategori,unit\n");
    for i in 0..1_000_001 {
        rows.push_str(&format!("P{i},J,TK,U\n"));
    }
    std::fs::write(path("baris.csv"), rows).unwrap();

    let before = ok(&juri(&db, &["export", "csv", "proposals", "--out", path("sebelum.csv").to_str().unwrap()]));
    for (file, says) in [("bom.xlsx", "MB"), ("jauh.xlsx", "XFD1048576"), ("sel.csv", "32"), ("baris.csv", "1.000.000")]
    {
        let err = refused_within_memory(&db, &["import", "proposals", path(file).to_str().unwrap()], 300);
        assert!(err.contains(says), "{file}: the refusal names the limit: {err}");
    }
    let after = ok(&juri(&db, &["export", "csv", "proposals", "--out", path("sesudah.csv").to_str().unwrap()]));
    assert_eq!(before.len(), after.len());
    assert_eq!(
        std::fs::read(path("sebelum.csv")).unwrap(),
        std::fs::read(path("sesudah.csv")).unwrap(),
        "nothing changed"
    );
}

/// A portable copy (a folder or a USB stick): a `JuriData` folder beside the program holds the
/// data; without it the user's data folder is used as before.
#[test]
fn a_portable_copy_keeps_its_data_beside_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let name = std::path::Path::new(env!("CARGO_BIN_EXE_juri")).file_name().unwrap().to_owned();
    let exe = dir.path().join(&name);
    std::fs::copy(env!("CARGO_BIN_EXE_juri"), &exe).unwrap();
    // A Windows program takes the DLLs beside it along (under Wine, the test run's own shim).
    let home = std::path::Path::new(env!("CARGO_BIN_EXE_juri")).parent().unwrap();
    for dll in std::fs::read_dir(home).unwrap().map(|e| e.unwrap().path()) {
        if dll.extension().is_some_and(|e| e.eq_ignore_ascii_case("dll")) {
            std::fs::copy(&dll, dir.path().join(dll.file_name().unwrap())).unwrap();
        }
    }
    std::fs::create_dir(dir.path().join("JuriData")).unwrap();
    let o = Command::new(&exe)
        .arg("demo")
        .env_remove("JURI_DB")
        .env_remove("JURI_DATA_DIR")
        .env_remove("JURI_LANG")
        .output()
        .unwrap();
    ok(&o);
    assert!(dir.path().join("JuriData").join("juri.sqlite3").is_file(), "the database beside the program");
}
