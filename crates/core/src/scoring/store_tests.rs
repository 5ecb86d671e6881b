use super::*;
use crate::db::Db;
use crate::proposals::Actor;

const NOW: &str = "2026-08-10T09:00:00Z";

fn demo() -> (tempfile::TempDir, Db, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("t.sqlite3")).unwrap();
    let id = db.write(|tx| crate::demo::create_demo(tx, &Actor::new("uji"), NOW)).unwrap();
    (dir, db, id)
}

fn ctx() -> ScoreContext {
    ScoreContext { actor: "uji".into(), device: "laptop-uji".into(), now: NOW.into() }
}

fn change(stage: &str, p: usize, j: usize, criterion: &str, value: f64) -> ScoreChange {
    ScoreChange {
        key: ScoreKey {
            stage: stage.into(),
            proposal: format!("P-{p:03}"),
            judge: format!("J{j}"),
            criterion: criterion.into(),
        },
        value,
    }
}

/// Scores with their whole history by codes, ids left out: what two ways of writing must agree on.
fn content(db: &Db) -> Vec<String> {
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT s.code, p.code, j.code, c.code, sc.value, sc.updated_at, h.old_value, h.new_value,
                    coalesce(h.at, ch.at), coalesce(h.actor, ch.actor), coalesce(h.device, ch.device), ch.origin
             FROM score sc JOIN proposal p ON p.n = sc.proposal_n JOIN judge j ON j.n = sc.judge_n
             JOIN criterion c ON c.n = sc.criterion_n JOIN stage s ON s.id = c.stage_id
             JOIN score_history h
               ON (h.proposal_n, h.judge_n, h.criterion_n) = (sc.proposal_n, sc.judge_n, sc.criterion_n)
             JOIN score_change ch ON ch.id = h.line >> 32
             ORDER BY s.code, p.code, j.code, c.code, h.line",
        )
        .unwrap();
    stmt.query_map([], |r| Ok((0..12).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|")))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The bulk path (chunked inserts, current values read per proposal, batch ids) against one
/// save at a time, with adds, edits, unchanged values and a score written twice in one batch.
#[test]
fn a_batch_writes_what_single_saves_write() {
    let desk = ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas"];
    let mut first = Vec::new();
    for p in 1..=20 {
        for j in 1..=3 {
            for (k, c) in desk.iter().enumerate() {
                first.push(change("proposal", p, j, c, (p * 7 + j * 3 + k) as f64 % 90.0));
            }
        }
    }
    assert!(first.len() > crate::scoring::insert::CHUNK, "a whole chunk and a remainder: {}", first.len());
    let mut second: Vec<ScoreChange> = first
        .iter()
        .enumerate()
        .map(|(i, ch)| ScoreChange { value: if i % 3 == 0 { ch.value + 0.5 } else { ch.value }, ..ch.clone() })
        .collect();
    second.extend((1..=20).map(|p| change("presentasi", p, 4, "kebaruan", 7.5)));
    second.push(change("presentasi", 1, 4, "kebaruan", 8.0)); // written twice: an edit of the first
    second.push(change("presentasi", 2, 4, "kebaruan", 7.5)); // twice with the same value
    second.push(change("proposal", 1, 1, "kebaruan", 60.0)); // an existing score edited twice
    second.push(change("proposal", 1, 1, "kebaruan", 61.0));

    let (_d1, mut bulk, c1) = demo();
    let (_d2, mut single, c2) = demo();
    // Second round: 20 new; every third of the first edited, plus the two edits of a score
    // written twice and the two of an existing one; the rest, and the repeat, unchanged.
    for (round, expected) in [(&first, (300, 0, 0)), (&second, (20, 100 + 1 + 2, 200 + 1))] {
        let a = bulk.write(|tx| apply_score_changes(tx, &c1, round, &ctx(), ScoreOrigin::Import)).unwrap();
        let b = single
            .write(|tx| {
                let mut sum = Applied::default();
                for ch in round.iter() {
                    let x = apply_score_changes(tx, &c2, std::slice::from_ref(ch), &ctx(), ScoreOrigin::Import)?;
                    sum.added += x.added;
                    sum.changed += x.changed;
                    sum.unchanged += x.unchanged;
                }
                Ok(sum)
            })
            .unwrap();
        assert_eq!((a.added, a.changed, a.unchanged), expected);
        assert_eq!(a, b);
        assert_eq!(content(&bulk), content(&single));
    }
    let twice = ScoreKey {
        stage: "proposal".into(),
        proposal: "P-001".into(),
        judge: "J1".into(),
        criterion: "kebaruan".into(),
    };
    let h: Vec<_> = score_history(bulk.conn(), &c1, &twice).unwrap().into_iter().map(|l| (l.old, l.new)).collect();
    let v0 = first[1].value;
    assert_eq!(h, vec![(None, Some(v0)), (Some(v0), Some(60.0)), (Some(60.0), Some(61.0))]);
}

/// J1's desk score of P-001 for kebaruan, saved from the form.
fn save_one(db: &mut Db, id: &str, value: f64) {
    let one = [change("proposal", 1, 1, "kebaruan", value)];
    db.write(|tx| apply_score_changes(tx, id, &one, &ctx(), ScoreOrigin::Form)).unwrap();
}

/// Scores carry no declared foreign keys (see migration 9); the triggers must refuse what they
/// would: removing a scored criterion (a setup edit says which), judge or proposal, or
/// renumbering one. Unscored ones go as before.
#[test]
fn scored_rows_cannot_be_removed_or_renumbered() {
    let (_d, mut db, id) = demo();
    save_one(&mut db, &id, 70.0);
    let mut setup = crate::competition::load_competition(db.conn(), &id).unwrap().setup;
    let desk = setup.stages.iter_mut().find(|s| s.code == "proposal").unwrap();
    desk.criteria.retain(|c| c.code != "kebaruan");
    let err = db.write(|tx| crate::competition::update_competition(tx, &id, setup.clone(), NOW)).unwrap_err();
    assert!(matches!(&err, crate::error::Error::InUse { key, .. } if key == "kebaruan"), "got {err:?}");
    for (sql, what) in [
        ("DELETE FROM judge WHERE code = 'J1' AND competition_id = ?1", "judge"),
        ("DELETE FROM proposal WHERE code = 'P-001' AND competition_id = ?1", "proposal"),
        ("UPDATE judge SET n = n + 1000 WHERE code = 'J1' AND competition_id = ?1", "judge numbers"),
    ] {
        let err = db.write(|tx| Ok(tx.execute(sql, [&id])?)).unwrap_err();
        assert!(err.to_string().contains(what), "{sql}: {err}");
    }
    // An unscored judge can still be removed for good.
    let n =
        db.write(|tx| Ok(tx.execute("DELETE FROM judge WHERE code = 'J5' AND competition_id = ?1", [&id])?)).unwrap();
    assert_eq!(n, 1);
    let left: i64 = db.conn().query_row("SELECT count(*) FROM score", [], |r| r.get(0)).unwrap();
    assert_eq!(left, 1);
}

/// Nothing in a score's history, nor in the batch rows saying who wrote it, can be changed or
/// removed; the score's current value can.
#[test]
fn score_history_and_batches_are_append_only() {
    let (_d, mut db, id) = demo();
    save_one(&mut db, &id, 70.0);
    for sql in [
        "UPDATE score_history SET new_value = 1",
        "UPDATE score_history SET at = 'x'",
        "DELETE FROM score_history",
        "UPDATE score_change SET actor = 'x'",
        "DELETE FROM score_change",
    ] {
        let err = db.write(|tx| Ok(tx.execute(sql, [])?)).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
    save_one(&mut db, &id, 71.0);
    let lines: i64 = db.conn().query_row("SELECT count(*) FROM score_history", [], |r| r.get(0)).unwrap();
    assert_eq!(lines, 2, "the edit added a line, the first one stayed");
}

#[test]
fn batch_ids_are_increasing_uuid_v7_between_the_shared_ones() {
    let before = uuid::Uuid::now_v7();
    let mut b = crate::ids::BatchIds::new();
    let ids: Vec<uuid::Uuid> = (0..20_000).map(|_| uuid::Uuid::from_bytes(b.next())).collect();
    b.settle();
    let after = uuid::Uuid::now_v7();
    for w in ids.windows(2) {
        assert!(w[0] < w[1], "{} then {}", w[0], w[1]);
        assert!(w[0].to_string() < w[1].to_string(), "as text too");
    }
    assert!(before < ids[0] && ids[ids.len() - 1] < after, "{before} < {} .. {} < {after}", ids[0], ids[19_999]);
    for u in [&ids[0], &ids[19_999]] {
        assert_eq!(u.get_version_num(), 7);
        assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
    }
}

/// The loader maps ids to codes in memory; it must give what the five-table join gives,
/// removed proposals and judges and a judge of another competition included.
#[test]
fn loaded_scores_equal_the_join() {
    let (_d, mut db, id) = demo();
    let other = db.write(|tx| crate::demo::create_demo(tx, &Actor::new("uji"), NOW)).unwrap();
    let mut changes = Vec::new();
    for p in 1..=20 {
        for j in 1..=5 {
            changes.push(change("proposal", p, j, "kebaruan", (p + j) as f64));
            changes.push(change("presentasi", p, j, "penyajian", (p * j % 10) as f64));
        }
    }
    db.write(|tx| apply_score_changes(tx, &id, &changes, &ctx(), ScoreOrigin::Import)).unwrap();
    db.write(|tx| apply_score_changes(tx, &other, &changes[..7], &ctx(), ScoreOrigin::Import)).unwrap();
    db.write(|tx| {
        crate::judges::remove_judge(tx, &id, "J2", NOW)?;
        let p3 = crate::proposals::find_proposal_by_code(tx, &id, "P-003")?.unwrap();
        crate::proposals::remove_proposal(tx, &p3.id, "salah input", &Actor::new("uji"), NOW)?;
        // A score naming another competition's judge (only possible by hand) still counts, as in a join.
        tx.execute(
            "INSERT INTO score (proposal_n, judge_n, criterion_n, value, updated_at)
             SELECT sc.proposal_n, (SELECT n FROM judge WHERE competition_id = ?2 AND code = 'J3'),
                    sc.criterion_n, 42, ?3
             FROM score sc JOIN judge j ON j.n = sc.judge_n JOIN proposal p ON p.n = sc.proposal_n
             WHERE p.competition_id = ?1 AND j.code = 'J2' AND p.code = 'P-001' LIMIT 1",
            params![id, other, NOW],
        )?;
        Ok(())
    })
    .unwrap();
    let key = |e: &ScoreEntry| format!("{}|{}|{}|{}|{}", e.stage, e.proposal, e.judge, e.criterion, e.value);
    let mut got: Vec<String> = load_score_entries(db.conn(), &id).unwrap().iter().map(key).collect();
    let mut stmt = db
        .conn()
        .prepare(
            "SELECT s.code, p.code, j.code, c.code, sc.value
             FROM score sc
             JOIN proposal p ON p.n = sc.proposal_n AND p.deleted_at IS NULL
             JOIN judge j ON j.n = sc.judge_n AND j.deleted_at IS NULL
             JOIN criterion c ON c.n = sc.criterion_n
             JOIN stage s ON s.id = c.stage_id
             WHERE p.competition_id = ?1",
        )
        .unwrap();
    let mut want: Vec<String> = stmt
        .query_map([&id], |r| {
            Ok(ScoreEntry {
                stage: r.get(0)?,
                proposal: r.get(1)?,
                judge: r.get(2)?,
                criterion: r.get(3)?,
                value: r.get(4)?,
            })
        })
        .unwrap()
        .map(|e| key(&e.unwrap()))
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got.len(), 19 * 4 * 2 + 1, "P-003 and J2 left out, the hand-written score kept");
    assert!(got.iter().any(|k| k.ends_with("|J3|kebaruan|42") || k.ends_with("|J3|penyajian|42")));
    assert_eq!(got, want);
}
