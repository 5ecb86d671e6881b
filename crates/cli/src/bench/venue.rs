//! `juri bench venue`: the hub (`juri venue serve`, its own process) and nine judges' laptops
//! pushing over loopback: the latency from a push of one saved score to its acknowledgement (the
//! hub answers after the merge is committed, so the score is in the master's recap by then), the
//! throughput of nine judges pushing a full desk stage at once, and the hub's idle memory; and how
//! long reading one camera frame for the hub's QR code takes (the judge's scan).

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use juri_core::db::Db;
use juri_core::proposals::Actor;
use juri_core::scoring::sheet::save_score;
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use juri_core::{Error, ids};

const CRITERIA: [&str; 7] =
    ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];

fn rss_kb(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmRSS:")).map(|l| l[6..].trim().to_string()))
        .unwrap_or_else(|| "?".into())
}

/// Each judge's laptop on its own loopback address (127.0.0.N), as each has its own at a venue:
/// the hub's limits are per address.
fn source(judge: &str) -> std::net::IpAddr {
    let n: u8 = judge.trim_start_matches('J').parse().unwrap_or(1);
    std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 0, 10 + n))
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    sorted[((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1]
}

pub fn run(rounds: usize) -> Result<(), Error> {
    let dir = tempfile::tempdir()?;
    let master_path = dir.path().join("master.sqlite3");
    let mut master = Db::open(&master_path)?;
    let now = ids::now();
    let id = master.write(|tx| juri_core::demo::create_practice_demo(tx, &Actor::new("bench"), &now))?;
    let mut jcsv = String::from("kode,nama\n");
    for j in 1..=9 {
        jcsv.push_str(&format!("J{j},Juri {j}\n"));
    }
    master.write(|tx| juri_core::import::import_judges(tx, &id, jcsv.as_bytes(), &now))?;
    let mut laptops: Vec<(String, PathBuf, Vec<String>)> = Vec::new();
    for j in 1..=9 {
        let code = format!("J{j}");
        let kit = master.write(|tx| juri_core::sync::export_kit(tx, &id, &code, &now))?;
        let proposals: Vec<String> = kit.proposals.iter().map(|p| p.code.clone()).collect();
        let path = dir.path().join(format!("{code}.sqlite3"));
        let mut db = Db::open(&path)?;
        db.write(|tx| juri_core::sync::open_kit(tx, &juri_core::sync::kit_to_bytes(&kit), &now, false))?;
        laptops.push((code, path, proposals));
    }
    drop(master);

    let mut hub = Command::new(std::env::current_exe()?)
        .arg("--db")
        .arg(&master_path)
        .args(["venue", "serve", "--listen", "127.0.0.1:0", "--for", "600"])
        .stdout(Stdio::piped())
        .spawn()?;
    let mut first = String::new();
    let mut out = BufReader::new(hub.stdout.take().expect("piped"));
    out.read_line(&mut first)?;
    let addr = first.trim().strip_prefix("listening on ").unwrap_or_default().to_string();
    // The hub's lines are drained so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in out.lines() {});
    std::thread::sleep(Duration::from_secs(2));
    println!("hub idle (2 s after start, nothing pushed): RSS {}", rss_kb(hub.id()));

    // Each laptop keeps its database open, as the app does: one connection for saves and pushes.
    let open: Vec<Arc<Mutex<Db>>> =
        laptops.iter().map(|(_, path, _)| Db::open(path).map(|d| Arc::new(Mutex::new(d)))).collect::<Result<_, _>>()?;
    let save = |db: &Arc<Mutex<Db>>, judge: &str, proposal: &str, criterion: &str, v: f64| -> Result<(), Error> {
        let key = ScoreKey {
            stage: "proposal".into(),
            proposal: proposal.into(),
            judge: judge.into(),
            criterion: criterion.into(),
        };
        let ctx = ScoreContext { actor: judge.into(), device: judge.into(), now: ids::now() };
        let mut db = db.lock().expect("laptop lock");
        db.write(|tx| save_score(tx, &id, &key, v, &ctx, ScoreOrigin::Form)).map(|_| ())
    };

    // Latency of one judge alone first (nothing else on the hub), then all nine at once.
    {
        let (code, _, proposals) = &laptops[0];
        let db = &open[0];
        let mut times = Vec::with_capacity(rounds);
        for r in 0..rounds {
            save(
                db,
                code,
                &proposals[r % proposals.len()],
                CRITERIA[(r + 3) % CRITERIA.len()],
                40.0 + (r % 50) as f64,
            )?;
            let t = Instant::now();
            juri_venue::push_blocking_shared(db.clone(), &addr, code, Some(source(code)))?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "one judge alone, {rounds} pushes of one saved score: p50 {:.1} ms, p99 {:.1} ms",
            percentile(&times, 0.5),
            percentile(&times, 0.99)
        );
    }

    // Latency: each judge saves one score and pushes it, `rounds` times, all nine at once.
    let started = Instant::now();
    let latencies: Vec<f64> = std::thread::scope(|s| {
        let handles: Vec<_> = laptops
            .iter()
            .zip(&open)
            .map(|((code, _, proposals), db)| {
                let (addr, save) = (&addr, &save);
                s.spawn(move || -> Result<Vec<f64>, Error> {
                    let mut times = Vec::with_capacity(rounds);
                    for r in 0..rounds {
                        // A judge saves at most about ten scores a second (the app batches its
                        // pushes 120 ms after a save); the nine are staggered.
                        std::thread::sleep(Duration::from_millis(if r == 0 { 11 * code.len() as u64 } else { 100 }));
                        let p = &proposals[r % proposals.len()];
                        save(db, code, p, CRITERIA[r % CRITERIA.len()], 50.0 + (r % 50) as f64)?;
                        let t = Instant::now();
                        let a = juri_venue::push_blocking_shared(db.clone(), addr, code, Some(source(code)))?;
                        times.push(t.elapsed().as_secs_f64() * 1000.0);
                        assert!(a.refused.is_none() && a.events == 1, "one event per push: {a:?}");
                    }
                    Ok(times)
                })
            })
            .collect();
        let mut all = Vec::new();
        for h in handles {
            all.extend(h.join().expect("a judge thread").expect("pushes succeed"));
        }
        all
    });
    let wall = started.elapsed().as_secs_f64();
    let mut sorted = latencies.clone();
    sorted.sort_by(f64::total_cmp);
    println!(
        "push of one saved score to its acknowledgement (merged, committed), 9 judges at once, {} pushes: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms ({:.1} s wall)",
        sorted.len(),
        percentile(&sorted, 0.5),
        percentile(&sorted, 0.99),
        sorted[sorted.len() - 1],
        wall
    );

    // Throughput: every judge scores the whole desk stage, then all nine push at once.
    let mut total = 0usize;
    for ((code, _, proposals), db) in laptops.iter().zip(&open) {
        for (i, p) in proposals.iter().enumerate() {
            for (k, c) in CRITERIA.iter().enumerate() {
                save(db, code, p, c, 40.0 + ((i * 7 + k * 3) % 60) as f64)?;
                total += 1;
            }
        }
    }
    let t = Instant::now();
    let events: u32 = std::thread::scope(|s| {
        let handles: Vec<_> = laptops
            .iter()
            .zip(&open)
            .map(|((code, _, _), db)| {
                let addr = &addr;
                s.spawn(move || {
                    juri_venue::push_blocking_shared(db.clone(), addr, code, Some(source(code))).map(|a| a.events)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a judge thread").expect("pushes succeed")).sum()
    });
    let secs = t.elapsed().as_secs_f64();
    println!(
        "nine judges pushing a full desk stage at once: {events} events ({total} saves) in {:.0} ms, {:.0} events/s; hub RSS after {}",
        secs * 1000.0,
        events as f64 / secs,
        rss_kb(hub.id())
    );
    hub.kill()?;
    hub.wait()?;
    qr_frames();
    Ok(())
}

/// An 800×600 greyscale frame, the size the app's scan sends, with the hub's QR code drawn at
/// `scale` pixels per module (or a blank page when 0).
fn frame(address: &str, scale: usize) -> Vec<u8> {
    let (w, h) = (800, 600);
    let mut px = vec![200u8; w * h];
    if scale == 0 {
        return px;
    }
    let code = qrcode::QrCode::new(address.as_bytes()).expect("a short address fits a QR code");
    let n = code.width();
    let (x0, y0) = (250, 120);
    for (i, c) in code.to_colors().iter().enumerate() {
        if *c == qrcode::Color::Dark {
            for dy in 0..scale {
                for dx in 0..scale {
                    px[(y0 + (i / n) * scale + dy) * w + x0 + (i % n) * scale + dx] = 30;
                }
            }
        }
    }
    px
}

fn qr_frames() {
    let address = "192.168.43.1:7878";
    for (what, scale) in
        [("with the code at 4 px per module", 4), ("with the code at 8 px per module", 8), ("without a code", 0)]
    {
        let px = frame(address, scale);
        let mut times: Vec<f64> = (0..30)
            .map(|_| {
                let t = Instant::now();
                let read = juri_core::sync::venue_qr::hub_address_from_picture(800, 600, &px);
                assert_eq!(read.is_ok(), scale > 0, "{what}");
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "QR scan, one 800×600 frame {what}: median {:.1} ms, max {:.1} ms",
            percentile(&times, 0.5),
            times[29]
        );
    }
}
