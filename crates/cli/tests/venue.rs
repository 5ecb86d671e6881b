//! Venue sync through the CLI on loopback (FORMATS.md §12): a hub and nine judges' laptops as
//! separate processes; scores entered while the hub is stopped, a few packages merged from USB in
//! between, the hub started again: the master ends equal to one database holding all the scores,
//! and nothing is applied twice.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

fn juri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_juri")).arg("--db").arg(db).args(args).output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Starts `juri venue serve` on a free loopback port; returns the process and its address.
fn hub(master: &Path) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_juri"))
        .arg("--db")
        .arg(master)
        .args(["venue", "serve", "--listen", "127.0.0.1:0", "--for", "120"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut first).unwrap();
    let addr =
        first.trim().strip_prefix("listening on ").unwrap_or_else(|| panic!("first line: {first:?}")).to_string();
    (child, addr)
}

/// Every judge pushes at once, each in its own process; returns their outputs.
fn push_all(laptops: &[PathBuf], addr: &str) -> Vec<Output> {
    let children: Vec<Child> = laptops
        .iter()
        .map(|l| {
            Command::new(env!("CARGO_BIN_EXE_juri"))
                .arg("--db")
                .arg(l)
                .args(["venue", "push", "--to", addr])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output().unwrap()).collect()
}

#[test]
fn nine_laptops_push_over_loopback_with_the_hub_stopped_and_usb_in_between() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    let s = |path: &Path| path.to_str().unwrap().to_string();
    let mut judges = String::from("kode,nama\n");
    for j in 1..=9 {
        judges.push_str(&format!("J{j},Juri {j}\n"));
    }
    std::fs::write(p("judges.csv"), &judges).unwrap();
    for m in ["master.sqlite3", "single.sqlite3"] {
        ok(&juri(&p(m), &["demo", "--unscored"]));
        ok(&juri(&p(m), &["import", "judges", &s(&p("judges.csv"))]));
    }
    let criteria =
        ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
    let header = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n";
    let scores = |j: usize, codes: &[&str]| {
        let mut csv = String::from(header);
        for (i, code) in codes.iter().enumerate() {
            for (k, c) in criteria.iter().enumerate() {
                let v = 50.0 + ((j * 7 + i * 11 + k * 3) % 50) as f64;
                csv.push_str(&format!("proposal,{code},J{j},{c},{v}\n"));
            }
        }
        csv
    };
    let mut all = String::from(header);
    let mut laptops = Vec::new();
    for j in 1..=9 {
        let kit = p(&format!("J{j}.jurikit"));
        ok(&juri(&p("master.sqlite3"), &["kit", "export", "--judge", &format!("J{j}"), "--out", &s(&kit)]));
        let laptop = p(&format!("laptop-J{j}.sqlite3"));
        ok(&juri(&laptop, &["kit", "open", &s(&kit)]));
        laptops.push(laptop);
    }

    // Round 1 with the hub on: three proposals each, pushed by nine processes at once.
    for (j, laptop) in laptops.iter().enumerate() {
        let csv = scores(j + 1, &["P-001", "P-002", "P-003"]);
        all.push_str(&csv[header.len()..]);
        std::fs::write(p("round.csv"), &csv).unwrap();
        ok(&juri(laptop, &["import", "scores", &s(&p("round.csv"))]));
    }
    let (mut h, addr) = hub(&p("master.sqlite3"));
    for o in push_all(&laptops, &addr) {
        let out = ok(&o);
        assert!(out.contains("21 baru"), "{out}");
    }
    h.kill().unwrap();
    h.wait().unwrap();

    // Round 2 with the hub away: pushes fail and lose nothing; three judges bring USB packages.
    for (j, laptop) in laptops.iter().enumerate() {
        let csv = scores(j + 1, &["P-006", "P-007"]);
        all.push_str(&csv[header.len()..]);
        std::fs::write(p("round.csv"), &csv).unwrap();
        ok(&juri(laptop, &["import", "scores", &s(&p("round.csv"))]));
    }
    let o = juri(&laptops[0], &["venue", "push", "--to", &addr]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("tidak terjangkau"), "{}", String::from_utf8_lossy(&o.stderr));
    let mut usb = vec!["package".to_string(), "merge".to_string()];
    for laptop in &laptops[..3] {
        let pkg = laptop.with_extension("jurinilai");
        ok(&juri(laptop, &["package", "export", "--out", &s(&pkg)]));
        usb.push(s(&pkg));
    }
    let merged = ok(&juri(&p("master.sqlite3"), &usb.iter().map(String::as_str).collect::<Vec<_>>()));
    assert!(merged.contains("14 baru"), "{merged}");

    // The hub again: everyone's round 2 arrives once; the USB judges' events are already there.
    let (mut h, addr) = hub(&p("master.sqlite3"));
    // The organiser's own database sends nothing, and says why in the user's language.
    let o = juri(&p("master.sqlite3"), &["venue", "push", "--to", &addr]);
    assert_eq!(o.status.code(), Some(2));
    let said = String::from_utf8_lossy(&o.stderr);
    assert!(said.contains("Ini database panitia, bukan database laptop juri"), "{said}");
    let outs = push_all(&laptops, &addr);
    for (j, o) in outs.iter().enumerate() {
        let out = ok(o);
        if j < 3 {
            assert!(out.contains("0 baru") && out.contains("14 sudah digabung"), "J{}: {out}", j + 1);
        } else {
            assert!(out.contains("14 baru"), "J{}: {out}", j + 1);
        }
    }
    // Nothing left to send: a push carries nothing.
    let again = ok(&juri(&laptops[4], &["venue", "push", "--to", &addr]));
    assert_eq!(
        again.trim(),
        "Terkirim ke panitia: 0 baru, 0 diubah, 0 tetap, 0 sudah digabung, 0 konflik, 0 ditolak",
        "the hub's answer in the words of package merge"
    );
    h.kill().unwrap();
    h.wait().unwrap();

    std::fs::write(p("all.csv"), &all).unwrap();
    ok(&juri(&p("single.sqlite3"), &["import", "scores", &s(&p("all.csv"))]));
    let master = ok(&juri(&p("master.sqlite3"), &["recap"]));
    let single = ok(&juri(&p("single.sqlite3"), &["recap"]));
    assert_eq!(master.replace('\n', ""), single.replace('\n', ""), "the master equals one database of all scores");
    // Nothing applied twice: one history line per score.
    let count = |db: &str, sql: &str| -> i64 { rusqlite_count(&p(db), sql) };
    let scores_n = count("master.sqlite3", "SELECT count(*) FROM score");
    assert_eq!(scores_n, 9 * 5 * 7);
    assert_eq!(count("master.sqlite3", "SELECT count(*) FROM score_history"), scores_n);
}

fn rusqlite_count(db: &Path, sql: &str) -> i64 {
    let db = juri_core::db::Db::open_for_reading(db).unwrap();
    db.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}
