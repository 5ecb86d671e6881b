//! `juri bench fuzz-import`: a longer pass than the core's hostile-file test. Good files of every
//! import (CSV and XLSX) are damaged at random (bytes changed, cut, repeated, inserted; sheet XML
//! with cell references, long cells and odd characters) from a seed, and each goes through every
//! importer and the setup JSON reader. A panic, an error that is not a typed refusal, or a refusal
//! that changed the database stops the run and saves the input as `fuzz-failure-SEED-N.bin`.

use std::io::{Cursor, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::time::{Duration, Instant};

use juri_core::competition::{Setup, create_competition, template_setup};
use juri_core::db::Db;
use juri_core::error::ErrorCode;
use juri_core::proposals::Actor;
use juri_core::rusqlite::Connection;
use juri_core::scoring::store::ScoreContext;
use juri_core::{Error, Lang, ids};

use juri_core::testing::Rng;

/// The good files the damage starts from: each import's CSV, and the same tables as XLSX.
fn seeds() -> Vec<Vec<u8>> {
    let tables: [&[&[&str]]; 7] = [
        &[&["kode", "judul", "kategori", "unit"], &["P-001", "Layanan Jemput Bola", "TK", "Dinas Kesehatan"]],
        &[&["kode", "nama", "unsur", "konflik"], &["J1", "Dr. Siti", "akademisi", "Dinas Kesehatan"]],
        &[
            &["tahap", "kode_proposal", "kode_juri", "kode_kriteria", "nilai"],
            &["proposal", "P-001", "J1", "kebaruan", "87,5"],
        ],
        &[
            &["unit", "periode", "u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"],
            &["U01", "2026-S1", "4", "3", "3", "4", "", "2", "3", "4", "4"],
        ],
        &[&["kode", "judul", "unit", "kode_unit"], &["INV-001", "SIGAP BUMIL", "Puskesmas Karangsari", "U02"]],
        &[
            &["kode_inovasi", "indikator", "jenis", "satuan", "tahun", "triwulan", "target"],
            &["INV-001", "Kunjungan", "output", "orang", "2026", "1", "40"],
        ],
        &[
            &["kode_inovasi", "tahun", "triwulan", "indikator", "realisasi"],
            &["INV-001", "2026", "TW1", "Kunjungan", "42"],
        ],
    ];
    let mut out = Vec::new();
    for t in tables {
        let csv: Vec<String> = t.iter().map(|r| r.join(",")).collect();
        out.push(format!("{}\n", csv.join("\n")).into_bytes());
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in t.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32, c as u16, *v).expect("in-memory sheet");
            }
        }
        out.push(book.save_to_buffer().expect("in-memory workbook"));
    }
    out.push(template_setup("kabupaten", "Fuzz", 2026).map(|s| s.to_json().into_bytes()).unwrap_or_default());
    out
}

const ODD: [&str; 12] =
    ["A999999999", "ZZZZZ2", "XFD1048576", "A0", "99999999999", "'=1+1", "\0", "\u{feff}", "\"", "<", "&#0;", "é"];

/// The sheet XML of an XLSX, damaged as text (cell references, long or odd cells), re-zipped.
fn damage_sheet(xlsx: &[u8], rng: &mut Rng) -> Option<Vec<u8>> {
    let mut src = zip::ZipArchive::new(Cursor::new(xlsx)).ok()?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).ok()?;
        let name = f.name().ok()?.to_string();
        let mut body = Vec::new();
        f.read_to_end(&mut body).ok()?;
        if name == "xl/worksheets/sheet1.xml" || name == "xl/sharedStrings.xml" {
            let mut text = String::from_utf8(body).ok()?;
            for _ in 0..1 + rng.below(3) {
                let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
                let Some(&at) = quotes.get(rng.below(quotes.len())) else { break };
                let odd = match rng.below(4) {
                    0 => "x".repeat(rng.below(70_000)),
                    1 => ",".repeat(rng.below(2_000)),
                    _ => ODD[rng.below(ODD.len())].to_string(),
                };
                text.insert_str(at + 1, &odd);
            }
            body = text.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).ok()?;
        out.write_all(&body).ok()?;
    }
    Some(out.finish().ok()?.into_inner())
}

/// One damaged input from a good one.
fn damage(good: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = good.to_vec();
    match rng.below(6) {
        0 => {
            for _ in 0..1 + rng.below(8) {
                let at = rng.below(b.len());
                if let Some(x) = b.get_mut(at) {
                    *x = rng.next_u64() as u8;
                }
            }
        }
        1 => b.truncate(rng.below(b.len())),
        2 => {
            let at = rng.below(b.len());
            let junk: Vec<u8> = (0..rng.below(64)).map(|_| rng.next_u64() as u8).collect();
            b.splice(at..at, junk);
        }
        3 => {
            let from = rng.below(b.len());
            let to = (from + rng.below(256)).min(b.len());
            let piece = b[from..to].to_vec();
            for _ in 0..rng.below(1000) {
                b.extend_from_slice(&piece);
            }
        }
        4 if b.starts_with(b"PK") => return damage_sheet(good, rng).unwrap_or(b),
        _ => {
            let odd = ODD[rng.below(ODD.len())].as_bytes();
            let at = rng.below(b.len());
            b.splice(at..at, odd.iter().copied());
        }
    }
    b
}

type Importer = fn(&Connection, &str, &[u8]) -> juri_core::Result<()>;

fn importers() -> [(&'static str, Importer); 8] {
    [
        ("proposals", |tx, id, b| {
            juri_core::import::import_proposals(tx, id, b, &Actor::new("fuzz"), "t", &mut |_, _| true).map(drop)
        }),
        ("judges", |tx, id, b| juri_core::import::import_judges(tx, id, b, "t").map(drop)),
        ("scores", |tx, id, b| {
            let ctx = ScoreContext { actor: "fuzz".into(), device: "fuzz".into(), now: "t".into() };
            juri_core::import::import_scores(tx, id, b, &ctx).map(drop)
        }),
        ("ikm", |tx, _, b| juri_core::ikm::import_ikm(tx, b, "t").map(drop)),
        ("innovations", |tx, _, b| {
            juri_core::monitoring::import_innovations(tx, b, &Actor::new("fuzz"), "t").map(drop)
        }),
        ("targets", |tx, _, b| juri_core::monitoring::import_targets(tx, b, &Actor::new("fuzz"), "t").map(drop)),
        ("reports", |tx, _, b| juri_core::monitoring::import_reports(tx, b, &Actor::new("fuzz"), "t").map(drop)),
        ("setup json", |_, _, b| Setup::from_json_bytes(b).map(drop)),
    ]
}

/// Rows per table: a refusal must leave every count as it was (and an import adds rows).
fn counts(conn: &Connection) -> Result<Vec<(String, i64)>, Error> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    let mut out = Vec::new();
    for n in names {
        let c = conn.query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0))?;
        out.push((n, c));
    }
    Ok(out)
}

fn fresh() -> Result<(tempfile::TempDir, Db, String), Error> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("fuzz.sqlite3"))?;
    let id = db.write(|tx| create_competition(tx, template_setup("kabupaten", "Fuzz", 2026)?, &ids::now()))?;
    Ok((dir, db, id))
}

pub fn fuzz_import(seconds: u64, seed: u64) -> Result<(), Error> {
    let seeds = seeds();
    let mut rng = Rng(seed | 1);
    let (mut _dir, mut db, mut id) = fresh()?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let typed = [ErrorCode::FileUnreadable, ErrorCode::ImportRefused, ErrorCode::InvalidSetup, ErrorCode::InvalidInput];
    let (mut inputs, mut runs, mut accepted) = (0u64, 0u64, 0u64);
    // Panics are caught and reported as failures, without the default hook's noise.
    std::panic::set_hook(Box::new(|_| {}));
    while Instant::now() < deadline {
        let good = &seeds[rng.below(seeds.len())];
        let input = damage(good, &mut rng);
        inputs += 1;
        for (name, run) in importers() {
            runs += 1;
            let before = counts(db.conn())?;
            let result = catch_unwind(AssertUnwindSafe(|| db.write(|tx| run(tx, &id, &input))));
            let failure = match &result {
                Err(_) => Some("panicked".to_string()),
                Ok(Err(e)) if !typed.contains(&e.code()) => Some(format!("untyped error {e:?}")),
                Ok(Err(e)) if e.message(Lang::En).lines().any(|l| l.chars().count() > 400) => {
                    Some("a message line over 400 characters".into())
                }
                Ok(Err(_)) if counts(db.conn())? != before => Some("a refusal changed the database".into()),
                Ok(Err(_)) => None,
                Ok(Ok(())) => {
                    // A damaged file that is still a good one: start again from a fresh database.
                    accepted += 1;
                    (_dir, db, id) = fresh()?;
                    None
                }
            };
            if let Some(why) = failure {
                let _ = std::panic::take_hook();
                let path = format!("fuzz-failure-{seed}-{inputs}.bin");
                std::fs::write(&path, &input)?;
                return Err(Error::Io(std::io::Error::other(format!(
                    "fuzz-import: {name} {why}; the input is saved as {path}"
                ))));
            }
        }
    }
    let _ = std::panic::take_hook();
    println!(
        "fuzz-import seed {seed}: {inputs} inputs, {runs} importer runs, {accepted} accepted as good files, no failure"
    );
    Ok(())
}
