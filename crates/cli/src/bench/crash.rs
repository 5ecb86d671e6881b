//! Crash safety: a writer saves scores one durable transaction at a time and prints "ACK ..." only
//! after each commit; the checker kills it with SIGKILL at random moments, reopens the database and
//! checks that every acknowledged edit is there (`juri bench crash`, also run by the test suite).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use juri_core::db::Db;
use juri_core::proposals::{Actor, ProposalFilter, list_proposals};
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin, score_history};
use juri_core::{Error, ids};

const JUDGES: &str = "kode,nama\nJ1,Juri Satu\nJ2,Juri Dua\nJ3,Juri Tiga\nJ4,Juri Empat\n";

/// Every desk-stage score key of the demo competition (judges J1–J4).
fn keys(db: &Db, comp: &str) -> Result<Vec<ScoreKey>, Error> {
    let setup = juri_core::competition::load_competition(db.conn(), comp)?.setup;
    let desk = &setup.stages[0];
    let mut out = Vec::new();
    for p in list_proposals(db.conn(), comp, &ProposalFilter::default())? {
        for j in ["J1", "J2", "J3", "J4"] {
            for c in &desk.criteria {
                out.push(ScoreKey {
                    stage: desk.code.clone(),
                    proposal: p.code.clone(),
                    judge: j.into(),
                    criterion: c.code.clone(),
                });
            }
        }
    }
    Ok(out)
}

/// The writer: `count` single-score saves starting at key `start`, each acknowledged after commit.
pub fn writer(db_path: &Path, start: usize, count: usize) -> Result<(), Error> {
    let mut db = Db::open(db_path)?;
    let comp = juri_core::competition::active_competition(db.conn())?.expect("prepared database");
    let keys = keys(&db, &comp)?;
    let out = std::io::stdout();
    for i in 0..count {
        let key = &keys[(start + i) % keys.len()];
        let current: Option<f64> = db
            .conn()
            .query_row(
                "SELECT sc.value FROM score sc JOIN proposal p ON p.n = sc.proposal_n JOIN judge j ON j.n = sc.judge_n
                 JOIN criterion c ON c.n = sc.criterion_n WHERE p.code = ?1 AND j.code = ?2 AND c.code = ?3",
                [&key.proposal, &key.judge, &key.criterion],
                |r| r.get(0),
            )
            .ok();
        let value = ((current.unwrap_or(0.0) as i64 + 1 + (i % 7) as i64) % 101) as f64;
        let ctx = ScoreContext { actor: "crash-writer".into(), device: "uji".into(), now: ids::now() };
        db.write(|tx| juri_core::scoring::sheet::save_score(tx, &comp, key, value, &ctx, ScoreOrigin::Form))?;
        let mut o = out.lock();
        writeln!(o, "ACK {} {} {} {} {value}", key.stage, key.proposal, key.judge, key.criterion)?;
        o.flush()?;
    }
    Ok(())
}

/// A small random generator (xorshift) so runs differ without a dependency; the seed is printed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// Kills the writer `kills` times (and keeps going until `min_edits` are acknowledged), then checks.
/// Returns an error when any acknowledged edit is missing or the database is damaged.
pub fn run(exe: &Path, kills: usize, min_edits: usize) -> Result<(), Error> {
    let dir = tempfile::tempdir()?;
    let db_path = dir.path().join("crash.sqlite3");
    {
        let mut db = Db::open(&db_path)?;
        let now = ids::now();
        let comp = db.write(|tx| juri_core::demo::create_demo(tx, &Actor::new("uji"), &now))?;
        db.write(|tx| juri_core::import::import_judges(tx, &comp, JUDGES.as_bytes(), &now))?;
    }
    let seed =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(7)
            | 1;
    let mut rng = Rng(seed);
    let acked: Arc<Mutex<Vec<String>>> = Arc::default();
    let (mut runs, mut killed, mut start) = (0usize, 0usize, 0usize);
    let t0 = Instant::now();
    while killed < kills || acked.lock().expect("no panics").len() < min_edits {
        runs += 1;
        let mut child = Command::new(exe)
            .args([
                "--db",
                &db_path.display().to_string(),
                "bench",
                "score-writer",
                "--start",
                &start.to_string(),
                "--count",
                "100000",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().expect("piped");
        let sink = acked.clone();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("ACK ") && line.split(' ').count() == 6 {
                    sink.lock().expect("no panics").push(line);
                }
            }
        });
        std::thread::sleep(Duration::from_millis(50 + rng.next() % 400));
        child.kill()?; // SIGKILL on Unix: no chance to flush or clean up
        child.wait()?;
        reader.join().expect("reader thread");
        killed += 1;
        start += 37;
    }

    let mut db = Db::open(&db_path)?;
    let integrity: String = db.conn().query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    let comp = juri_core::competition::active_competition(db.conn())?.expect("prepared database");
    let acked = acked.lock().expect("no panics").clone();
    let mut missing = 0;
    let mut expected: std::collections::HashMap<(String, String, String, String), Vec<f64>> = Default::default();
    for line in &acked {
        let f: Vec<&str> = line.split(' ').collect();
        let v: f64 = f[5].parse().expect("writer prints numbers");
        expected.entry((f[1].into(), f[2].into(), f[3].into(), f[4].into())).or_default().push(v);
    }
    let _ = db.read(|_| Ok(()));
    for ((stage, proposal, judge, criterion), values) in &expected {
        let key = ScoreKey {
            stage: stage.clone(),
            proposal: proposal.clone(),
            judge: judge.clone(),
            criterion: criterion.clone(),
        };
        let history: Vec<f64> = score_history(db.conn(), &comp, &key)?.into_iter().filter_map(|h| h.new).collect();
        // Every acknowledged value is in the history, in the order it was acknowledged.
        let mut it = history.iter();
        for v in values {
            if !it.any(|h| h == v) {
                missing += 1;
            }
        }
    }
    println!(
        "crash test: {killed} SIGKILLs over {runs} runs in {:.1} s, {} acknowledged edits, {missing} missing, integrity_check: {integrity} (seed {seed})",
        t0.elapsed().as_secs_f64(),
        acked.len()
    );
    if missing > 0 || integrity != "ok" {
        return Err(Error::Migration(format!(
            "crash test failed: {missing} acknowledged edits missing, integrity {integrity}"
        )));
    }
    Ok(())
}
