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

/// A setup for the scale benchmark: 4 categories, two stages of six criteria each, no cut.
pub fn scale_setup() -> juri_core::competition::Setup {
    let crit = |i: usize| juri_core::competition::CriterionSetup {
        code: format!("k{i}"),
        name: format!("Kriteria {i}"),
        description: String::new(),
        weight: (i + 1) as f64,
        min: 0.0,
        max: 100.0,
        section: None,
    };
    let stage = |code: &str, kind, weight| juri_core::competition::StageSetup {
        code: code.into(),
        name: code.into(),
        kind,
        weight,
        passing_grade: None,
        finalists_per_category: None,
        criteria: (0..6).map(crit).collect(),
    };
    let mut s = juri_core::competition::template_setup("kabupaten", "Bench skala", 2026).expect("template");
    s.stages = vec![
        stage("proposal", juri_core::competition::StageKind::Desk, 30.0),
        stage("presentasi", juri_core::competition::StageKind::Venue, 70.0),
    ];
    s.tie_break = vec!["stage:presentasi".into()];
    s
}

fn median_ms(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A fresh database in a temporary folder with the scale setup, `proposals` proposals and `judges`
/// judges, and the long-format scores CSV of every judge × proposal × 2 stages × 6 criteria (not
/// imported) with its row count.
fn scale_database(proposals: usize, judges: usize) -> Result<(tempfile::TempDir, Db, String, String, usize), Error> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.sqlite3"))?;
    let now = ids::now();
    let comp = db.write(|tx| juri_core::competition::create_competition(tx, scale_setup(), &now))?;
    let mut pcsv = String::from("kode,judul,kategori,unit\n");
    for i in 0..proposals {
        pcsv.push_str(&format!("P-{:04},Inovasi {i},{},Unit {}\n", i + 1, ["TK", "KS", "PM", "LH"][i % 4], i % 50));
    }
    let actor = Actor::new("bench");
    db.write(|tx| juri_core::import::import_proposals(tx, &comp, pcsv.as_bytes(), &actor, &now, &mut |_, _| true))?;
    let mut jcsv = String::from("kode,nama\n");
    for j in 0..judges {
        jcsv.push_str(&format!("J{},Juri {}\n", j + 1, j + 1));
    }
    db.write(|tx| juri_core::import::import_judges(tx, &comp, jcsv.as_bytes(), &now))?;
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    let mut n = 0usize;
    for p in 0..proposals {
        for j in 0..judges {
            for st in ["proposal", "presentasi"] {
                for k in 0..6 {
                    let v =
                        ((p * 7 + j * 13 + k * 3 + st.len()) % 80) as f64 + 20.0 + if k % 2 == 0 { 0.5 } else { 0.0 };
                    csv.push_str(&format!("{st},P-{:04},J{},k{k},{v}\n", p + 1, j + 1));
                    n += 1;
                }
            }
        }
    }
    Ok((dir, db, comp, csv, n))
}

/// Score import of proposals × judges × 2 stages × 6 criteria, the recap over it, and durable saves.
pub fn scores(proposals: usize, judges: usize, saves: usize) -> Result<(), Error> {
    let (dir, mut db, comp, csv, n) = scale_database(proposals, judges)?;
    let now = ids::now();
    let csv_path = dir.path().join("scores.csv");
    std::fs::write(&csv_path, &csv)?;
    println!("scores CSV: {n} rows, {} bytes", csv.len());

    // The same import in a process of its own, for its peak memory (the bench process also holds
    // the generated CSV and everything before it).
    db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let child_db = dir.path().join("child.sqlite3");
    std::fs::copy(dir.path().join("bench.sqlite3"), &child_db)?;
    let t = Instant::now();
    let child = std::process::Command::new(std::env::current_exe()?)
        .arg("--db")
        .arg(&child_db)
        .args(["import", "scores"])
        .arg(&csv_path)
        .env("JURI_REPORT_PEAK_RSS", "1")
        .output()?;
    let child_ms = t.elapsed().as_secs_f64() * 1000.0;
    let peak = String::from_utf8_lossy(&child.stderr)
        .lines()
        .find_map(|l| l.strip_prefix("peak VmHWM:").map(|v| v.trim().to_string()))
        .unwrap_or_else(|| "?".into());
    println!(
        "score import as `juri import scores` in its own process: {child_ms:.0} ms (exit {}), peak RSS {peak}",
        child.status.code().unwrap_or(-1)
    );

    let ctx =
        juri_core::scoring::store::ScoreContext { actor: "bench".into(), device: "bench".into(), now: now.clone() };
    let t = Instant::now();
    let s = db.write(|tx| juri_core::import::import_scores(tx, &comp, csv.as_bytes(), &ctx))?;
    let import_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!(
        "score import (parse, validate every row, one durable transaction with history): {import_ms:.0} ms ({} added)",
        s.added
    );
    let t = Instant::now();
    let s = db.write(|tx| juri_core::import::import_scores(tx, &comp, csv.as_bytes(), &ctx))?;
    println!(
        "re-import of the same file (no change): {:.0} ms ({} unchanged)",
        t.elapsed().as_secs_f64() * 1000.0,
        s.unchanged
    );

    let bare = dir.path().join("bare.sqlite3");
    let t = Instant::now();
    let st = std::process::Command::new("sqlite3")
        .arg(&bare)
        .arg(format!(".import --csv {} t", csv_path.display()))
        .status();
    let sqlite_ms = t.elapsed().as_secs_f64() * 1000.0;
    match st {
        Ok(s) if s.success() => {
            println!(
                "sqlite3 .import of the same CSV into a bare table: {sqlite_ms:.0} ms; ratio {:.2}x",
                import_ms / sqlite_ms
            )
        }
        _ => println!("sqlite3 CLI not available: ratio not measured"),
    }

    // What `juri recap --format json` does: load, rank, JSON (no per-judge drill-down).
    let mut recap = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let (setup, props, scores) = juri_core::scoring::recap::ranking_inputs(db.conn(), &comp)?;
        let r = juri_core::scoring::compute_ranking(&setup, &props, &scores);
        std::hint::black_box(juri_core::scoring::recap_json(&r));
        recap.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("recap (load {n} scores, rank, JSON): median {:.0} ms over 7 runs", median_ms(recap.clone()));
    // What the app's recap screen computes: the same plus every judge's sheet per proposal.
    let mut screen = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let (setup, props, scores) = juri_core::scoring::recap::ranking_inputs(db.conn(), &comp)?;
        std::hint::black_box(juri_core::scoring::compute_recap(&setup, &props, &scores));
        screen.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("recap with the per-judge drill-down (the app's recap screen): median {:.0} ms", median_ms(screen));
    let (setup, props, scores) = juri_core::scoring::recap::ranking_inputs(db.conn(), &comp)?;
    let mut pure = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        std::hint::black_box(juri_core::scoring::compute_ranking(&setup, &props, &scores));
        pure.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("recap ranking only (scores in memory): median {:.0} ms", median_ms(pure));
    let mut load = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let inputs = juri_core::scoring::recap::ranking_inputs(db.conn(), &comp)?;
        load.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(std::hint::black_box(inputs));
    }
    println!("recap loading only (setup, proposals, {n} scores from the database): median {:.0} ms", median_ms(load));

    let mut lat = Vec::with_capacity(saves);
    let t_all = Instant::now();
    for i in 0..saves {
        lat.push(timed_save(&mut db, &comp, &ctx, i, proposals, judges)?);
    }
    let total = t_all.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    println!(
        "durable single-score save ({saves} saves, each its own synchronous=FULL transaction): p50 {:.2} ms, p99 {:.2} ms, {:.0} saves/s",
        lat[lat.len() / 2],
        lat[lat.len() * 99 / 100],
        saves as f64 / total
    );
    Ok(())
}

/// Saves the `i`-th score of the scale database in its own durable transaction; its time in ms.
fn timed_save(
    db: &mut Db,
    comp: &str,
    ctx: &juri_core::scoring::store::ScoreContext,
    i: usize,
    proposals: usize,
    judges: usize,
) -> Result<f64, Error> {
    let key = juri_core::scoring::store::ScoreKey {
        stage: "proposal".into(),
        proposal: format!("P-{:04}", i % proposals + 1),
        judge: format!("J{}", i % judges + 1),
        criterion: format!("k{}", i % 6),
    };
    let t = Instant::now();
    db.write(|tx| {
        let origin = juri_core::scoring::store::ScoreOrigin::Form;
        juri_core::scoring::sheet::save_score(tx, comp, &key, (i % 100) as f64, ctx, origin)
    })?;
    Ok(t.elapsed().as_secs_f64() * 1000.0)
}

/// Single-score saves on the writer while a full XLSX workbook and a recap PDF are made in a loop
/// on read-only connections, as the app does (one writer, readers with their own snapshot).
pub fn saves_during_export(proposals: usize, judges: usize, saves: usize) -> Result<(), Error> {
    let (dir, mut db, comp, csv, _) = scale_database(proposals, judges)?;
    let path = dir.path().join("bench.sqlite3");
    let now = ids::now();
    let ctx =
        juri_core::scoring::store::ScoreContext { actor: "bench".into(), device: "bench".into(), now: now.clone() };
    db.write(|tx| juri_core::import::import_scores(tx, &comp, csv.as_bytes(), &ctx))?;
    println!("database: {proposals} proposals, {judges} judges, {} scores", csv.lines().count() - 1);

    let run_saves = |db: &mut Db, label: &str| -> Result<(), Error> {
        let mut lat = Vec::with_capacity(saves);
        for i in 0..saves {
            lat.push(timed_save(db, &comp, &ctx, i, proposals, judges)?);
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        lat.sort_by(f64::total_cmp);
        println!(
            "{label}: {saves} durable saves, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            lat[lat.len() / 2],
            lat[lat.len() * 99 / 100],
            lat[lat.len() - 1]
        );
        Ok(())
    };
    run_saves(&mut db, "without load")?;

    let stop = std::sync::atomic::AtomicBool::new(false);
    let made = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| -> Result<(), Error> {
        let reader = |work: &'static str| {
            let (path, comp, stop, made) = (&path, &comp, &stop, &made);
            s.spawn(move || -> Result<(), Error> {
                let reader = Db::open_for_reading(path)?;
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    reader.conn().execute_batch("BEGIN")?;
                    let data = juri_documents::DocData::load(reader.conn(), comp)
                        .map_err(|e| crate::pdf::core_error(e, juri_core::Lang::En))?;
                    let bytes = match work {
                        "xlsx" => juri_documents::export::workbook_xlsx(reader.conn(), &data),
                        _ => juri_documents::recap_pdf(&data, None),
                    }
                    .map_err(|e| crate::pdf::core_error(e, juri_core::Lang::En))?;
                    reader.conn().execute_batch("COMMIT")?;
                    std::hint::black_box(bytes);
                    made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                Ok(())
            })
        };
        let xlsx = reader("xlsx");
        let pdf = reader("pdf");
        let result = run_saves(&mut db, "while a full XLSX workbook and a recap PDF are made in a loop");
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        xlsx.join().expect("reader thread")?;
        pdf.join().expect("reader thread")?;
        println!("documents made meanwhile: {}", made.load(std::sync::atomic::Ordering::Relaxed));
        result
    })
}

/// `juri stats --replicates B` over the scale data, each run in its own process (time and peak RSS).
pub fn stats(proposals: usize, judges: usize, replicates: u32, runs: usize) -> Result<(), Error> {
    let (dir, mut db, comp, csv, n) = scale_database(proposals, judges)?;
    let ctx =
        juri_core::scoring::store::ScoreContext { actor: "bench".into(), device: "bench".into(), now: ids::now() };
    db.write(|tx| juri_core::import::import_scores(tx, &comp, csv.as_bytes(), &ctx))?;
    db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    drop(db);
    println!("{proposals} proposals × {judges} judges × 2 stages: {n} scores; {replicates} replicates");
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let child = std::process::Command::new(std::env::current_exe()?)
            .arg("--db")
            .arg(dir.path().join("bench.sqlite3"))
            .args(["stats", "--replicates", &replicates.to_string()])
            .env("JURI_REPORT_PEAK_RSS", "1")
            .output()?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let peak = String::from_utf8_lossy(&child.stderr)
            .lines()
            .find_map(|l| l.strip_prefix("peak VmHWM:").map(|v| v.trim().to_string()))
            .unwrap_or_else(|| "?".into());
        println!(
            "juri stats: {ms:.0} ms (exit {}, {} bytes of JSON), peak RSS {peak}",
            child.status.code().unwrap_or(-1),
            child.stdout.len()
        );
        times.push(ms);
    }
    println!("median {:.0} ms over {runs} runs", median_ms(times));
    Ok(())
}
