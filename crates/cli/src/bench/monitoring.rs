//! `juri bench ikm|dashboard`: IKM over many respondents and the monitoring dashboard at scale.

use std::time::Instant;

use juri_core::db::Db;
use juri_core::monitoring as mon;
use juri_core::proposals::Actor;
use juri_core::{Error, ids};

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

/// Imports `respondents` survey rows for one unit and period, then computes the index `runs` times.
pub fn ikm(respondents: usize, runs: usize) -> Result<(), Error> {
    let mut csv = String::from("unit;periode;u1;u2;u3;u4;u5;u6;u7;u8;u9;jenis_kelamin;umur\n");
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in 0..respondents {
        csv.push_str("Dinas Kependudukan dan Pencatatan Sipil;2026-S1");
        for u in 0..9 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Every 50th respondent skips U4 (no fee asked), as real surveys do.
            if u == 3 && i % 50 == 0 {
                csv.push(';');
            } else {
                csv.push_str(&format!(";{}", 2 + x % 3));
            }
        }
        csv.push_str(if i % 2 == 0 { ";L;34\n" } else { ";P;41\n" });
    }
    println!("IKM survey CSV: {respondents} respondents, {} bytes", csv.len());
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.sqlite3"))?;
    let now = ids::now();
    let t = Instant::now();
    let s = db.write(|tx| mon_ikm_import(tx, csv.as_bytes(), &now))?;
    println!("import (parse + one transaction, durable): {:.1} ms", t.elapsed().as_secs_f64() * 1000.0);
    assert_eq!(s, respondents);
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let r = juri_core::ikm::ikm_for(db.conn(), "Dinas Kependudukan dan Pencatatan Sipil", "2026-S1")?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(r);
    }
    let r = last.expect("at least one run");
    let (m, lo, hi) = median(times);
    println!(
        "IKM of {} respondents (read + NRR per unsur + index + band): median {m:.1} ms, min {lo:.1} ms, max {hi:.1} ms over {runs} runs; IKM {:.4}, konversi {:.2}, band {}",
        r.respondents, r.ikm, r.konversi, r.band
    );
    Ok(())
}

fn mon_ikm_import(tx: &juri_core::rusqlite::Transaction, bytes: &[u8], now: &str) -> Result<usize, Error> {
    Ok(juri_core::ikm::import_ikm(tx, bytes, now)?.respondents)
}

/// Builds `innovations` × `indicators` × `quarters` (targets, and reports for most quarters), then
/// times the dashboard query.
pub fn dashboard(innovations: usize, quarters: usize, indicators: usize, runs: usize) -> Result<(), Error> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.sqlite3"))?;
    let actor = Actor::new("bench");
    let now = ids::now();
    let t = Instant::now();
    let stages = mon::LifecycleStage::ALL;
    let types = ["OPD", "OPD", "OPD", "Pemdes", "BUMD"];
    let kinds = [mon::IndicatorKind::Output, mon::IndicatorKind::Kemanfaatan, mon::IndicatorKind::Keberlanjutan];
    let quarter_list: Vec<(i32, u8)> = (0..quarters).map(|q| (2025 + (q / 4) as i32, (q % 4) as u8 + 1)).collect();
    db.write(|tx| {
        for u in 0..(innovations / 3).max(1) + 20 {
            mon::add_unit(
                tx,
                mon::UnitInput {
                    code: format!("U{:03}", u + 1),
                    name: format!("Unit Pelayanan {}", u + 1),
                    unit_type: types[u % types.len()].into(),
                },
                &now,
            )?;
        }
        for i in 0..innovations {
            let inv = mon::add_innovation(
                tx,
                mon::InnovationInput {
                    code: String::new(),
                    title: format!("Inovasi Pelayanan Nomor {}", i + 1),
                    unit: format!("U{:03}", i / 3 + 1),
                    unit_type: String::new(),
                    start_year: Some(2020 + (i % 6) as i32),
                    description: "Layanan jemput bola dengan pendaftaran daring.".into(),
                    stage: stages[i % stages.len()],
                },
                &actor,
                &now,
            )?;
            let mut ids = Vec::new();
            for k in 0..indicators {
                let targets = quarter_list
                    .iter()
                    .enumerate()
                    .map(|(n, &(year, quarter))| mon::QuarterTarget { year, quarter, target: 50.0 + (n * 10) as f64 })
                    .collect();
                let ind = mon::add_indicator(
                    tx,
                    &inv.id,
                    mon::IndicatorInput {
                        kind: kinds[k % kinds.len()],
                        name: format!("Indikator {}", k + 1),
                        measure: "orang".into(),
                        kontrak_kinerja: String::new(),
                        targets,
                    },
                    &actor,
                    &now,
                )?;
                ids.push(ind.id);
            }
            for (n, &(year, quarter)) in quarter_list.iter().enumerate() {
                // One report in ten is missing; a quarter of the rest fall below target.
                if (i + n) % 10 == 0 {
                    continue;
                }
                let values = ids
                    .iter()
                    .enumerate()
                    .map(|(k, id)| mon::ReportValue {
                        indicator_id: id.clone(),
                        realisation: 50.0 + (n * 10) as f64 + if (i + k + n) % 4 == 0 { -5.0 } else { 3.0 },
                    })
                    .collect();
                mon::save_report(
                    tx,
                    &inv.id,
                    mon::ReportInput {
                        year,
                        quarter,
                        narrative: "Berjalan sesuai rencana aksi.".into(),
                        obstacles: String::new(),
                        follow_up: String::new(),
                        values,
                    },
                    &actor,
                    &now,
                )?;
            }
        }
        Ok(())
    })?;
    println!(
        "generated {innovations} innovations x {indicators} indicators x {quarters} quarters (targets and ~90% of reports) in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let query = mon::DashboardQuery { today: "2027-01-20".into(), ..Default::default() };
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let d = db.read(|tx| mon::dashboard(tx, &query))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        last = Some(d);
    }
    let d = last.expect("at least one run");
    let json = serde_json::to_string(&d).expect("dashboard serialises");
    let (m, lo, hi) = median(times);
    println!(
        "dashboard (all counts, coverage, {} statuses of {} TW{}, {} overdue, {} progress series): median {m:.1} ms, min {lo:.1} ms, max {hi:.1} ms over {runs} runs; JSON {} bytes",
        d.statuses.len(),
        d.year,
        d.quarter,
        d.overdue.len(),
        d.progress.len(),
        json.len()
    );
    let mut times = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let today = mon::parse_day("2027-01-20")?;
        db.read(|tx| mon::quarter_statuses(tx, 2026, 4, today, 10))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (m, lo, hi) = median(times);
    println!("status of one quarter: median {m:.1} ms, min {lo:.1} ms, max {hi:.1} ms over {runs} runs");
    Ok(())
}
