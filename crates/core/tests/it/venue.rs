//! Venue sync's protocol (FORMATS.md §12) without the network: a judge's push unsealed and merged
//! by the hub exactly as a USB package, a sealed answer, and every bad request refused with
//! nothing changed (wrong key, altered, replayed, oversized).

use juri_core::db::Db;
use juri_core::error::{Error, PackageProblem};
use juri_core::import::import_judges;
use juri_core::lang::Lang;
use juri_core::scoring::sheet::save_score;
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use juri_core::sync::venue::{acked_seq, hub_take, next_push, take_answer, venue_peers};
use juri_core::sync::*;

use super::support::*;

fn laptop(master: &mut TestDb, id: &str, judge: &str) -> (tempfile::TempDir, Db) {
    let kit = master.db.write(|tx| export_kit(tx, id, judge, NOW)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join(format!("{judge}.sqlite3"))).unwrap();
    db.write(|tx| open_kit(tx, &kit_to_bytes(&kit), NOW, false)).unwrap();
    (dir, db)
}

fn score(db: &mut Db, id: &str, judge: &str, proposal: &str, criterion: &str, v: f64) {
    let key = ScoreKey {
        stage: "proposal".into(),
        proposal: proposal.into(),
        judge: judge.into(),
        criterion: criterion.into(),
    };
    let ctx = ScoreContext { actor: judge.into(), device: format!("laptop-{judge}"), now: NOW.into() };
    db.write(|tx| save_score(tx, id, &key, v, &ctx, ScoreOrigin::Form)).unwrap();
}

fn master_scores(t: &TestDb) -> i64 {
    t.db.conn().query_row("SELECT count(*) FROM score", [], |r| r.get(0)).unwrap()
}

fn refusal(o: &juri_core::sync::venue::HubOutcome) -> PackageProblem {
    match &o.refused {
        Some(Error::BadPackage(p)) => p.clone(),
        other => panic!("a package refusal, got {other:?}"),
    }
}

#[test]
fn a_push_is_merged_answered_and_only_new_events_travel_again() {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| import_judges(tx, &id, b"kode,nama\nJ1,Juri Satu\nJ2,Juri Dua\n", NOW)).unwrap();
    let (_d1, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0);
    score(&mut j1, &id, "J1", "P-001", "implementasi", 75.0);

    let (frame, header) = j1.write(|tx| next_push(tx, "laptop-J1", NOW)).unwrap();
    assert_eq!((header.judge.as_str(), header.counter), ("J1", 1));
    assert!(!frame.windows(7).any(|w| w == b"kebaruan"), "nothing readable on the network");
    let out = t.db.write(|tx| hub_take(tx, &id, &frame, NOW, Lang::Id)).unwrap();
    assert!(out.refused.is_none(), "{:?}", out.refused);
    assert_eq!(master_scores(&t), 2);
    let answer = j1.write(|tx| take_answer(tx, &header, out.frame.as_ref().unwrap(), NOW)).unwrap();
    assert_eq!((answer.new, answer.events), (2, 2));
    assert!(acked_seq(j1.conn()).unwrap() > 0);

    // The same request again (a replay): refused, nothing changes.
    let again = t.db.write(|tx| hub_take(tx, &id, &frame, NOW, Lang::Id)).unwrap();
    assert_eq!(refusal(&again), PackageProblem::Replayed);

    // One more score: only it travels.
    score(&mut j1, &id, "J1", "P-001", "signifikansi", 90.0);
    let (frame, header) = j1.write(|tx| next_push(tx, "laptop-J1", NOW)).unwrap();
    assert_eq!(header.counter, 2);
    let out = t.db.write(|tx| hub_take(tx, &id, &frame, NOW, Lang::Id)).unwrap();
    let answer = j1.write(|tx| take_answer(tx, &header, out.frame.as_ref().unwrap(), NOW)).unwrap();
    assert_eq!((answer.events, answer.new), (1, 1), "{answer:?}");
    assert_eq!(master_scores(&t), 3);

    // The hub's view of the judge.
    let peers = venue_peers(t.db.conn(), &id).unwrap();
    assert_eq!((peers[0].judge.as_str(), peers[0].pushes, peers[0].events, peers[0].refusals), ("J1", 2, 3, 1));

    // An answer for another request, or altered, is not taken as sent.
    let mut forged = out.frame.clone().unwrap();
    *forged.last_mut().unwrap() ^= 1;
    let before = acked_seq(j1.conn()).unwrap();
    assert!(j1.write(|tx| take_answer(tx, &header, &forged, NOW)).is_err());
    assert_eq!(acked_seq(j1.conn()).unwrap(), before);
}

#[test]
fn a_wrong_key_an_altered_request_or_an_oversized_one_changes_nothing() {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| import_judges(tx, &id, b"kode,nama\nJ1,Juri Satu\nJ2,Juri Dua\n", NOW)).unwrap();
    let (_d1, mut j1) = laptop(&mut t, &id, "J1");
    let (_d2, mut j2) = laptop(&mut t, &id, "J2");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0);
    score(&mut j2, &id, "J2", "P-001", "kebaruan", 70.0);

    // J2's laptop claims to be J1: sealed with J2's key, refused as altered.
    j2.write(|tx| juri_core::db::put_setting(tx, JUDGE_CODE_KEY, "J1")).unwrap();
    let (frame, _) = j2.write(|tx| next_push(tx, "laptop-J2", NOW)).unwrap();
    let out = t.db.write(|tx| hub_take(tx, &id, &frame, NOW, Lang::Id)).unwrap();
    assert_eq!(refusal(&out), PackageProblem::Tampered);
    assert!(out.frame.is_none(), "no answer for a request that does not unseal");

    // A byte changed on the way.
    let (mut frame, _) = j1.write(|tx| next_push(tx, "laptop-J1", NOW)).unwrap();
    let last = frame.len() - 20;
    frame[last] ^= 0x40;
    assert_eq!(refusal(&t.db.write(|tx| hub_take(tx, &id, &frame, NOW, Lang::Id)).unwrap()), PackageProblem::Tampered);

    // Not a push at all, and a body over the limit.
    assert_eq!(
        refusal(&t.db.write(|tx| hub_take(tx, &id, b"GET / HTTP/1.1\r\n\r\n", NOW, Lang::Id)).unwrap()),
        PackageProblem::NotAPackage
    );
    let huge = vec![0u8; juri_core::sync::venue::MAX_REQUEST_BYTES + 1];
    assert_eq!(refusal(&t.db.write(|tx| hub_take(tx, &id, &huge, NOW, Lang::Id)).unwrap()), PackageProblem::TooLarge);
    assert_eq!(master_scores(&t), 0, "nothing from any of them");
}

#[test]
fn requests_under_made_up_sessions_leave_no_trace_on_the_hub() {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| import_judges(tx, &id, b"kode,nama\nJ1,Juri Satu\nJ2,Juri Dua\n", NOW)).unwrap();
    let (_d1, _j1) = laptop(&mut t, &id, "J1");
    let (_d2, mut j2) = laptop(&mut t, &id, "J2");
    j2.write(|tx| juri_core::db::put_setting(tx, JUDGE_CODE_KEY, "J1")).unwrap();
    for _ in 0..20 {
        // A new made-up session each time, sealed with the wrong key.
        j2.write(|tx| juri_core::db::put_setting(tx, juri_core::sync::venue::SESSION_KEY, "")).unwrap();
        let (frame, _) = j2.write(|tx| next_push(tx, "laptop-J2", NOW)).unwrap();
        let out = t.db.write(|tx| hub_take(tx, &id, &frame, NOW, Lang::Id)).unwrap();
        assert_eq!(refusal(&out), PackageProblem::Tampered);
    }
    let rows: i64 = t.db.conn().query_row("SELECT count(*) FROM venue_peer", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 0, "nothing written for requests that do not unseal");
}
