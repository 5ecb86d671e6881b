//! The hub on loopback (127.0.0.1): judges' pushes merged as packages are, and a wrong key, a
//! replay, a tampered request, an oversized body and a slow client each refused without
//! disturbing the others.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use juri_core::db::Db;
use juri_core::lang::Lang;
use juri_core::proposals::Actor;
use juri_core::scoring::store::ScoreContext;
use juri_core::sync::venue::next_push;
use juri_venue::{HubEvent, push};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const NOW: &str = "2026-09-17T09:00:00Z";

struct Venue {
    _dir: tempfile::TempDir,
    master: Arc<Mutex<Db>>,
    id: String,
    judges: Vec<PathBuf>,
}

/// A master with the practice demo and judges J1–J3, and a laptop per judge opened from its kit.
fn venue() -> Venue {
    let dir = tempfile::tempdir().unwrap();
    let mut master = Db::open(&dir.path().join("master.sqlite3")).unwrap();
    let id = master.write(|tx| juri_core::demo::create_demo(tx, &Actor::new("uji"), NOW)).unwrap();
    let mut judges = Vec::new();
    for j in ["J1", "J2", "J3"] {
        let kit = master.write(|tx| juri_core::sync::export_kit(tx, &id, j, NOW)).unwrap();
        let path = dir.path().join(format!("{j}.sqlite3"));
        let mut db = Db::open(&path).unwrap();
        db.write(|tx| juri_core::sync::open_kit(tx, &juri_core::sync::kit_to_bytes(&kit), NOW, false)).unwrap();
        judges.push(path);
    }
    Venue { _dir: dir, master: Arc::new(Mutex::new(master)), id, judges }
}

fn score(path: &std::path::Path, id: &str, judge: &str, proposal: &str, value: f64) {
    let mut db = Db::open(path).unwrap();
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    for c in ["latar_belakang", "kebaruan"] {
        csv.push_str(&format!("proposal,{proposal},{judge},{c},{value}\n"));
    }
    let ctx = ScoreContext { actor: judge.into(), device: judge.into(), now: NOW.into() };
    db.write(|tx| juri_core::import::import_scores(tx, id, csv.as_bytes(), &ctx)).unwrap();
}

async fn start(
    v: &Venue,
    read_timeout: Duration,
) -> (String, Arc<Mutex<Vec<String>>>, tokio::sync::oneshot::Sender<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let on_event: Arc<dyn Fn(HubEvent) + Send + Sync> = Arc::new(move |e| {
        log.lock().unwrap().push(match e {
            HubEvent::Merged { judge, answer, .. } => format!("{judge} +{}", answer.new),
            HubEvent::Refused { reason, .. } => format!("refused {reason}"),
        });
    });
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let (master, id) = (v.master.clone(), v.id.clone());
    tokio::spawn(async move {
        let take = juri_venue::take_with(master, id, Lang::En);
        juri_venue::serve_with(
            listener,
            take,
            Lang::En,
            on_event,
            async {
                let _ = rx.await;
            },
            read_timeout,
        )
        .await;
    });
    (addr, seen, tx)
}

/// Sends raw bytes as one request and returns the answer bytes.
async fn raw(addr: &str, bytes: &[u8]) -> Vec<u8> {
    let mut s = TcpStream::connect(addr).await.unwrap();
    let _ = s.write_all(bytes).await;
    let _ = s.shutdown().await;
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out).await;
    out
}

fn master_scores(v: &Venue) -> i64 {
    v.master.lock().unwrap().conn().query_row("SELECT count(*) FROM score", [], |r| r.get(0)).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn judges_push_and_bad_requests_are_refused_without_disturbing_them() {
    let v = venue();
    let (addr, seen, stop) = start(&v, Duration::from_millis(800)).await;
    for (i, path) in v.judges.iter().enumerate() {
        score(path, &v.id, &format!("J{}", i + 1), "P-001", 70.0 + i as f64);
    }

    // A slow client holds a connection open without finishing its request...
    let mut slow = TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"JURIVEN1").await.unwrap();
    // ...while the three judges push at once: all taken.
    let pushes: Vec<_> = v
        .judges
        .iter()
        .map(|p| {
            let (p, a) = (p.clone(), addr.clone());
            tokio::spawn(async move { push(&p, &a, "laptop").await })
        })
        .collect();
    for h in pushes {
        let answer = h.await.unwrap().expect("a push is acknowledged");
        assert_eq!(answer.new, 2, "{answer:?}");
    }
    assert_eq!(master_scores(&v), 6);
    // The slow client is cut off with a refusal once its time is up.
    let mut answer = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), slow.read_to_end(&mut answer)).await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&answer).contains("too slow"), "{:?}", String::from_utf8_lossy(&answer));

    // A captured request replayed, the same request altered, a body over the limit, and a request
    // sealed with another judge's key (J2's laptop claiming to be J1): each refused.
    let frame = {
        score(&v.judges[0], &v.id, "J1", "P-002", 60.0);
        let mut db = Db::open(&v.judges[0]).unwrap();
        db.write(|tx| next_push(tx, "laptop", NOW)).unwrap().0
    };
    let first = raw(&addr, &frame).await;
    assert!(!String::from_utf8_lossy(&first).contains("refused"), "the real request is taken");
    assert_eq!(master_scores(&v), 8);
    let replay = raw(&addr, &frame).await;
    assert!(String::from_utf8_lossy(&replay).contains("already taken"), "{}", String::from_utf8_lossy(&replay));
    let mut altered = frame.clone();
    let n = altered.len() - 10;
    altered[n] ^= 1;
    assert!(String::from_utf8_lossy(&raw(&addr, &altered).await).contains("signature does not match"));
    let oversized = vec![b'x'; juri_venue::MAX_REQUEST_BYTES + 10];
    assert!(String::from_utf8_lossy(&raw(&addr, &oversized).await).contains("too large"));
    let forged = {
        let mut db = Db::open(&v.judges[1]).unwrap();
        db.write(|tx| juri_core::db::put_setting(tx, juri_core::sync::JUDGE_CODE_KEY, "J1")).unwrap();
        db.write(|tx| next_push(tx, "laptop", NOW)).unwrap().0
    };
    assert!(String::from_utf8_lossy(&raw(&addr, &forged).await).contains("signature does not match"));
    assert_eq!(master_scores(&v), 8, "nothing from the refused requests");

    // The judges are not disturbed: J3 scores again and is taken.
    score(&v.judges[2], &v.id, "J3", "P-002", 65.0);
    let answer = push(&v.judges[2], &addr, "laptop").await.unwrap();
    assert_eq!(answer.new, 2);
    assert_eq!(master_scores(&v), 10);
    let log = seen.lock().unwrap().clone();
    assert_eq!(log.iter().filter(|l| l.starts_with("refused")).count(), 5, "{log:?}");
    let _ = stop.send(());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_hub_loses_nothing_and_the_next_push_sends_it() {
    let v = venue();
    score(&v.judges[0], &v.id, "J1", "P-001", 80.0);
    // No hub yet: refused as unreachable; the laptop keeps the scores.
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().to_string();
    let err = push(&v.judges[0], &closed, "laptop").await.unwrap_err();
    assert!(err.message(Lang::Id).contains("tidak terjangkau"), "{}", err.message(Lang::Id));
    score(&v.judges[0], &v.id, "J1", "P-002", 75.0);
    let (addr, _seen, stop) = start(&v, Duration::from_secs(5)).await;
    let answer = push(&v.judges[0], &addr, "laptop").await.unwrap();
    assert_eq!(answer.new, 4, "both rounds of scores arrive once");
    let again = push(&v.judges[0], &addr, "laptop").await.unwrap();
    assert_eq!((again.events, again.new), (0, 0), "nothing sent twice");
    assert_eq!(master_scores(&v), 4);
    let _ = stop.send(());
}
