//! `juri import innovations|targets|reports`, `juri monitoring …` and `juri export monitoring`.

use std::path::Path;
use std::process::{Command, Output};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).env_remove("JURI_LANG").output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "exit {:?}\nstderr: {}", o.status, String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn monitoring_from_files_to_the_dashboard() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let inv = write(
        dir.path(),
        "inovasi.csv",
        "\u{feff}kode;judul;unit;jenis_unit;tahun_mulai;tahapan\n\
         ;ANTRI SEHAT;RSUD Sukamaju;OPD;2022;penerapan\n\
         ;PADARING;Desa Mekarjaya;Pemdes;2024;uji coba\n",
    );
    let out = ok(&juri(&db, &["import", "innovations", &inv, "--dry-run"]));
    assert!(out.starts_with("Pratinjau: 2 baru"), "{out}");
    assert!(ok(&juri(&db, &["monitoring", "list"])).is_empty(), "a dry run writes nothing");
    ok(&juri(&db, &["import", "innovations", &inv]));
    let list = ok(&juri(&db, &["monitoring", "list"]));
    assert_eq!(list.lines().next().unwrap(), "INV-001\tpenerapan\tOPD\tRSUD Sukamaju\tANTRI SEHAT");

    let targets = write(
        dir.path(),
        "target.csv",
        "kode_inovasi,indikator,jenis,satuan,tahun,triwulan,target\n\
         INV-001,Pasien antre daring,output,orang,2026,3,1500\n\
         INV-002,Transaksi pasar daring,output,transaksi,2026,3,200\n",
    );
    ok(&juri(&db, &["import", "targets", &targets]));
    let reports = write(
        dir.path(),
        "laporan.csv",
        "kode_inovasi,tahun,triwulan,indikator,realisasi,narasi\n\
         INV-001,2026,TW III,Pasien antre daring,\"1.620\",Antrean WhatsApp dipakai di semua poli\n",
    );
    let refused = juri(&db, &["import", "reports", &reports]);
    assert_eq!(refused.status.code(), Some(2), "a thousands dot is ambiguous: refused");
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("baris 2, kolom realisasi") && err.contains("tidak ada data yang diubah"), "{err}");
    let reports = write(
        dir.path(),
        "laporan.csv",
        "kode_inovasi,tahun,triwulan,indikator,realisasi,narasi\n\
         INV-001,2026,TW III,Pasien antre daring,1620,Antrean WhatsApp dipakai di semua poli\n",
    );
    ok(&juri(&db, &["import", "reports", &reports]));

    let status = ok(&juri(&db, &["monitoring", "status", "--year", "2026", "--quarter", "3", "--today", "2026-10-11"]));
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(v[0]["status"], "on_track");
    assert_eq!(v[1]["status"], "report_missing", "due 10 October, missing on the 11th");
    let status = ok(&juri(&db, &["monitoring", "status", "--year", "2026", "--quarter", "3", "--today", "2026-10-10"]));
    let v: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(v[1]["status"], "not_yet_due");

    let dash = ok(&juri(&db, &["monitoring", "dashboard", "--format", "json", "--today", "2026-10-20"]));
    let d: serde_json::Value = serde_json::from_str(&dash).unwrap();
    assert_eq!((d["year"].as_i64(), d["quarter"].as_i64()), (Some(2026), Some(3)));
    assert_eq!(d["innovations"], 2);
    assert_eq!(d["coverage"]["units"], 2);
    assert_eq!(d["overdue"][0]["code"], "INV-002");
    assert_eq!(d["overdue"][0]["days_overdue"], 10);
    assert_eq!(d["progress"][0]["points"][0]["realisation"], 1620.0);

    let bad = juri(&db, &["monitoring", "status", "--year", "2026", "--quarter", "5"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("triwulan \"5\" harus 1–4"));
    let bad = juri(&db, &["--lang", "en", "monitoring", "dashboard", "--today", "tomorrow"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a valid date"));

    let xlsx = dir.path().join("monev.xlsx");
    ok(&juri(&db, &["export", "monitoring", "--out", xlsx.to_str().unwrap()]));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK\x03\x04"));
}

#[test]
fn promotion_of_the_demo_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    ok(&juri(&db, &["demo"]));
    let before = ok(&juri(&db, &["monitoring", "list"]));
    let out = ok(&juri(&db, &["monitoring", "promote", "--scope", "chosen", "--codes", "P-001,P-013"]));
    // P-013 is the demo registry's INV-004 (same title and unit): linked, not duplicated.
    assert!(out.contains("2 dipilih, 1 baru, 1 ditautkan"), "{out}");
    assert!(out.contains("INV-005 INV-004"), "{out}");
    let again = ok(&juri(&db, &["monitoring", "promote", "--scope", "chosen", "--codes", "P-001,P-013"]));
    assert!(again.contains("2 dipilih, 0 baru, 0 ditautkan, 2 sudah ada"), "{again}");
    let after = ok(&juri(&db, &["monitoring", "list"]));
    assert_eq!(after.lines().count(), before.lines().count() + 1, "one new innovation, once");
    let bad = juri(&db, &["monitoring", "promote", "--scope", "chosen", "--codes", "P-404"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(ok(&juri(&db, &["monitoring", "list"])), after, "a refused promotion adds nothing");
    assert_eq!(ok(&juri(&db, &["monitoring", "due-days", "14"])).trim(), "14");
}
