//! `juri bench ...`: timing runs for BENCHMARKS.md on generated data (run in release).

use std::time::Instant;

use juri_core::db::Db;
use juri_core::proposals::Actor;
use juri_core::{Error, ids};

/// Generates a proposals XLSX of `rows` rows like a kabupaten's register.
pub fn proposals_xlsx(rows: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let head =
        ["kode", "judul", "kategori", "unit", "jenis_unit", "inovator", "telepon", "email", "ringkasan", "tahun_mulai"];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("in-memory sheet");
    }
    let cats = ["TK", "KS", "PM", "LH"];
    let units = [
        "Dinas Kesehatan",
        "RSUD Sukamaju",
        "Desa Mekarjaya",
        "Perumda Air Minum Tirta Sukamaju",
        "Kecamatan Karangsari",
    ];
    for i in 0..rows {
        let r = (i + 1) as u32;
        let cells = [
            format!("P-{:04}", i + 1),
            format!("Inovasi Pelayanan Nomor {} (Layanan Jemput Bola Terpadu)", i + 1),
            cats[i % 4].to_string(),
            units[i % 5].to_string(),
            ["OPD", "OPD", "Pemdes", "BUMD", "OPD"][i % 5].to_string(),
            format!("Inovator {}", i + 1),
            format!("0812{:08}", i),
            format!("inovator{}@sukamaju.go.id", i + 1),
            "Layanan didekatkan ke warga dengan pendaftaran daring, verifikasi di desa dan pelacakan status."
                .to_string(),
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet.write_string(r, c as u16, v).expect("in-memory sheet");
        }
        sheet.write_number(r, 9, 2018.0 + (i % 8) as f64).expect("in-memory sheet");
    }
    book.save_to_buffer().expect("in-memory workbook")
}

pub fn import_proposals(rows: usize, runs: usize) -> Result<(), Error> {
    let bytes = proposals_xlsx(rows);
    println!("proposals XLSX: {rows} rows, {} bytes", bytes.len());
    let mut times = Vec::new();
    for _ in 0..runs {
        let dir = tempfile::tempdir()?;
        let mut db = Db::open(&dir.path().join("bench.sqlite3"))?;
        let now = ids::now();
        let comp = db.write(|tx| {
            juri_core::competition::create_competition(
                tx,
                juri_core::competition::template_setup("kabupaten", "Bench", 2026)?,
                &now,
            )
        })?;
        let actor = Actor::new("bench");
        let t = Instant::now();
        let s =
            db.write(|tx| juri_core::import::import_proposals(tx, &comp, &bytes, &actor, &now, &mut |_, _| true))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(s.added, rows);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "import (parse + preview + one transaction, durable): median {:.1} ms, min {:.1} ms, max {:.1} ms over {runs} runs",
        times[times.len() / 2],
        times[0],
        times[times.len() - 1]
    );
    Ok(())
}
