//! `juri bench merge`: nine judges' packages of 36,000 score events each merged into a master,
//! the same merge again (a no-op), and one judge's package export (run in release).

use std::time::Instant;

use juri_core::db::Db;
use juri_core::lang::Lang;
use juri_core::proposals::Actor;
use juri_core::sync::{PackagePayload, ScoreEvent, export_kit, merge_packages, seal};
use juri_core::{Error, ids};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or(0)).collect()
}

pub fn merge(proposals: usize, judges: usize) -> Result<(), Error> {
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("master.sqlite3"))?;
    let now = ids::now();
    let comp = db.write(|tx| juri_core::competition::create_competition(tx, crate::bench::scale_setup(), &now))?;
    let mut pcsv = String::from("kode,judul,kategori,unit\n");
    for i in 0..proposals {
        pcsv.push_str(&format!("P-{:04},Inovasi {i},{},Unit {}\n", i + 1, ["TK", "KS", "PM", "LH"][i % 4], i % 50));
    }
    db.write(|tx| {
        juri_core::import::import_proposals(tx, &comp, pcsv.as_bytes(), &Actor::new("bench"), &now, &mut |_, _| true)
    })?;
    let mut jcsv = String::from("kode,nama\n");
    for j in 1..=judges {
        jcsv.push_str(&format!("J{j},Juri {j}\n"));
    }
    db.write(|tx| juri_core::import::import_judges(tx, &comp, jcsv.as_bytes(), &now))?;

    let mut packages = Vec::new();
    let mut total = 0;
    for j in 1..=judges {
        let kit = db.write(|tx| export_kit(tx, &comp, &format!("J{j}"), &now))?;
        let mut events = Vec::with_capacity(proposals * 12);
        for p in 0..proposals {
            for st in ["proposal", "presentasi"] {
                for k in 0..6 {
                    events.push(ScoreEvent {
                        id: ids::new_id(),
                        stage: st.into(),
                        proposal: format!("P-{:04}", p + 1),
                        criterion: format!("k{k}"),
                        old: None,
                        new: ((p * 7 + j * 13 + k * 3) % 80) as f64 + 20.0,
                        at: now.clone(),
                        device: format!("laptop-J{j}"),
                        seq: Some(events.len() as i64 + 1),
                    });
                }
            }
        }
        total += events.len();
        let payload = PackagePayload {
            format: "juri-nilai".into(),
            competition_id: comp.clone(),
            judge: format!("J{j}"),
            exported_at: now.clone(),
            device: format!("laptop-J{j}"),
            events,
            comments: Vec::new(),
            finals: Vec::new(),
        };
        packages.push((format!("J{j}.jurinilai"), seal(&payload, &hex(&kit.key))));
    }
    let bytes: usize = packages.iter().map(|(_, b)| b.len()).sum();
    println!("{judges} packages, {total} score events, {:.1} MB", bytes as f64 / 1e6);

    let t = Instant::now();
    let r = db.write(|tx| merge_packages(tx, &comp, &packages, &now, Lang::Id))?;
    println!(
        "merge into the master (verify, apply, history, one durable transaction): {:.0} ms ({} new)",
        t.elapsed().as_secs_f64() * 1000.0,
        r.iter().map(|r| r.new).sum::<u32>()
    );
    let t = Instant::now();
    let r = db.write(|tx| merge_packages(tx, &comp, &packages, &now, Lang::Id))?;
    println!(
        "the same merge again (no change): {:.0} ms ({} already merged)",
        t.elapsed().as_secs_f64() * 1000.0,
        r.iter().map(|r| r.already_merged).sum::<u32>()
    );

    // One judge's laptop with 36,000 events: export its package.
    let kit = db.write(|tx| export_kit(tx, &comp, "J1", &now))?;
    let mut laptop = Db::open(&dir.path().join("laptop.sqlite3"))?;
    laptop.write(|tx| juri_core::sync::open_kit(tx, &juri_core::sync::kit_to_bytes(&kit), &now, false))?;
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    for p in 0..proposals {
        for st in ["proposal", "presentasi"] {
            for k in 0..6 {
                csv.push_str(&format!("{st},P-{:04},J1,k{k},{}\n", p + 1, 20 + (p + k) % 80));
            }
        }
    }
    let ctx =
        juri_core::scoring::store::ScoreContext { actor: "J1".into(), device: "laptop-J1".into(), now: now.clone() };
    laptop.write(|tx| juri_core::import::import_scores(tx, &comp, csv.as_bytes(), &ctx))?;
    let t = Instant::now();
    let pkg = juri_core::sync::export_package(laptop.conn(), "laptop-J1", &now)?;
    println!(
        "package export for one judge: {:.0} ms ({:.1} MB)",
        t.elapsed().as_secs_f64() * 1000.0,
        pkg.len() as f64 / 1e6
    );
    Ok(())
}
