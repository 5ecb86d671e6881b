//! Paper fallback: double entry of paper score sheets, reconciliation, and what counts.

use juri_core::db::Db;
use juri_core::error::{Error, ErrorCode, InputProblem, PaperProblem};
use juri_core::paper::*;
use juri_core::scoring::recap::recap_for_competition;
use juri_core::scoring::sheet::{lock_stage, save_score};
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin, score_history};
use juri_core::{Lang, Result};

use super::support::*;

/// The seven aspects of the demo's desk stage (0–100).
const DESK: [&str; 7] =
    ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
const SHEET_A: [f64; 7] = [80.0, 75.5, 70.0, 82.0, 78.0, 65.0, 72.0];

fn demo() -> (TestDb, String) {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    (t, id)
}

fn ctx(staff: &str) -> PaperContext {
    PaperContext { staff: staff.into(), device: "laptop-sekretariat".into(), now: NOW.into() }
}

fn key(judge: &str, proposal: &str) -> PaperKey {
    PaperKey { stage: "proposal".into(), judge: judge.into(), proposal: proposal.into() }
}

fn entry(judge: &str, proposal: &str, slot: u8, staff: &str, values: &[f64]) -> PaperEntryInput {
    PaperEntryInput {
        stage: "proposal".into(),
        judge: judge.into(),
        proposal: proposal.into(),
        slot,
        staff: staff.into(),
        values: DESK
            .iter()
            .zip(values)
            .map(|(c, v)| PaperValue { criterion: c.to_string(), value: Some(*v) })
            .collect(),
    }
}

fn type_entry(db: &mut Db, id: &str, e: &PaperEntryInput) -> Result<PaperSheet> {
    let c = ctx(&e.staff);
    db.write(|tx| save_paper_entry(tx, id, e, &c))
}

/// Judges counted for a proposal in the desk stage of the recap (0 when none).
fn counted(db: &Db, id: &str, proposal: &str) -> u32 {
    let r = recap_for_competition(db.conn(), id).unwrap().recap;
    r.categories
        .iter()
        .flat_map(|c| &c.rows)
        .find(|r| r.proposal == proposal)
        .and_then(|r| r.stages.get("proposal").map(|s| s.judges))
        .unwrap_or(0)
}

fn desk_key(judge: &str, proposal: &str, criterion: &str) -> ScoreKey {
    ScoreKey { stage: "proposal".into(), proposal: proposal.into(), judge: judge.into(), criterion: criterion.into() }
}

#[test]
fn two_agreeing_entries_reconcile_and_count_with_paper_history() {
    let (mut t, id) = demo();
    let s = type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &SHEET_A)).unwrap();
    assert_eq!(s.status, PaperStatus::EntryOne);
    assert_eq!(counted(&t.db, &id, "P-001"), 0, "one entry never counts");

    let s = type_entry(&mut t.db, &id, &entry("J1", "P-001", 2, "Dodi", &SHEET_A)).unwrap();
    assert_eq!(s.status, PaperStatus::Recorded, "both entries agree on every criterion");
    assert!(s.criteria.iter().all(|c| c.agreement == Agreement::Equal));
    assert_eq!(s.reconciled_at.as_deref(), Some(NOW));
    assert_eq!(counted(&t.db, &id, "P-001"), 1, "the reconciled sheet counts");

    let h = score_history(t.db.conn(), &id, &desk_key("J1", "P-001", "kebaruan")).unwrap();
    assert_eq!(h.len(), 1, "one history line for the first value");
    assert_eq!((h[0].old, h[0].new), (None, Some(75.5)));
    assert_eq!(h[0].origin, "paper", "paper values enter the score history as origin paper");
    assert_eq!(h[0].actor, "Sari / Dodi", "both typists are named");
    let rows: i64 =
        t.db.conn().query_row("SELECT count(*) FROM score_history h JOIN score_change ch ON ch.id = h.line >> 32 WHERE ch.origin = 'paper'", [], |r| r.get(0)).unwrap();
    assert_eq!(rows, 7, "one history row per criterion of the sheet");

    let err = type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &SHEET_A)).unwrap_err();
    assert!(matches!(err, Error::Paper(PaperProblem::AlreadyRecorded)), "a recorded sheet is frozen: {err:?}");
}

#[test]
fn a_difference_does_not_count_until_staff_pick_the_paper_value() {
    let (mut t, id) = demo();
    let mut b = SHEET_A;
    b[1] = 57.5; // kebaruan misread by the second typist
    type_entry(&mut t.db, &id, &entry("J2", "P-004", 1, "Sari", &SHEET_A)).unwrap();
    let s = type_entry(&mut t.db, &id, &entry("J2", "P-004", 2, "Dodi", &b)).unwrap();
    assert_eq!(s.status, PaperStatus::Different);
    let diffs: Vec<&str> =
        s.criteria.iter().filter(|c| c.agreement == Agreement::Different).map(|c| c.code.as_str()).collect();
    assert_eq!(diffs, ["kebaruan"], "exactly the misread criterion differs");
    assert_eq!(counted(&t.db, &id, "P-004"), 0, "an unreconciled sheet never counts");
    let scores: i64 = t.db.conn().query_row("SELECT count(*) FROM score", [], |r| r.get(0)).unwrap();
    assert_eq!(scores, 0, "nothing of a differing sheet is written as a score");
    let rows = t.db.read(|tx| paper_sheets(tx, &id, "proposal", "J2")).unwrap();
    let row = rows.iter().find(|r| r.proposal == "P-004").unwrap();
    assert_eq!((row.status, row.differences), (PaperStatus::Different, 1));

    // A value typed in neither entry is refused; so is a resolution without a reason.
    let c = ctx("Wati");
    let err = t.db.write(|tx| resolve_paper_difference(tx, &id, &key("J2", "P-004"), "kebaruan", 60.0, "x", &c));
    assert!(matches!(err, Err(Error::Paper(PaperProblem::NotATypedValue { .. }))), "{err:?}");
    let err = t.db.write(|tx| resolve_paper_difference(tx, &id, &key("J2", "P-004"), "kebaruan", 75.5, " ", &c));
    assert!(matches!(err, Err(Error::InvalidInput { problem: InputProblem::ReasonRequired, .. })), "{err:?}");
    let err = t.db.write(|tx| resolve_paper_difference(tx, &id, &key("J2", "P-004"), "implementasi", 70.0, "x", &c));
    assert!(matches!(err, Err(Error::Paper(PaperProblem::NoDifference(_)))), "agreeing criteria need no pick");

    let s =
        t.db.write(|tx| {
            resolve_paper_difference(
                tx,
                &id,
                &key("J2", "P-004"),
                "kebaruan",
                75.5,
                "dibaca ulang dari lembar asli",
                &c,
            )
        })
        .unwrap();
    assert_eq!(s.status, PaperStatus::Recorded);
    let k = s.criteria.iter().find(|c| c.code == "kebaruan").unwrap();
    let r = k.resolution.as_ref().unwrap();
    assert_eq!((r.value, r.staff.as_str(), r.reason.as_str()), (75.5, "Wati", "dibaca ulang dari lembar asli"));
    assert_eq!(s.reconciled_by.as_deref(), Some("Wati"));
    assert_eq!(counted(&t.db, &id, "P-004"), 1, "counted once reconciled");
    let h = score_history(t.db.conn(), &id, &desk_key("J2", "P-004", "kebaruan")).unwrap();
    assert_eq!((h.len(), h[0].new, h[0].origin.as_str()), (1, Some(75.5), "paper"), "the picked value is written");
}

#[test]
fn retyping_an_entry_can_settle_the_difference_and_drops_stale_picks() {
    let (mut t, id) = demo();
    let mut b = SHEET_A;
    b[0] = 8.0; // latar_belakang: 80 typed as 8
    b[4] = 87.0; // adaptabilitas: 78 typed as 87
    type_entry(&mut t.db, &id, &entry("J1", "P-002", 1, "Sari", &SHEET_A)).unwrap();
    type_entry(&mut t.db, &id, &entry("J1", "P-002", 2, "Dodi", &b)).unwrap();
    let c = ctx("Wati");
    let s = t
        .db
        .write(|tx| resolve_paper_difference(tx, &id, &key("J1", "P-002"), "latar_belakang", 8.0, "salah pilih", &c))
        .unwrap();
    assert_eq!(s.status, PaperStatus::Different, "adaptabilitas is still open");
    // Dodi retypes: latar_belakang now 80 (agrees, so the pick of 8 is moot), adaptabilitas still 87.
    b[0] = 80.0;
    let s = type_entry(&mut t.db, &id, &entry("J1", "P-002", 2, "Dodi", &b)).unwrap();
    let lb = s.criteria.iter().find(|c| c.code == "latar_belakang").unwrap();
    assert!(lb.resolution.is_none(), "a pick on a criterion that now agrees is dropped");
    assert_eq!(lb.agreed, Some(80.0));
    assert_eq!(s.status, PaperStatus::Different);
    let s = type_entry(&mut t.db, &id, &entry("J1", "P-002", 2, "Dodi", &SHEET_A)).unwrap();
    assert_eq!(s.status, PaperStatus::Recorded, "the corrected second entry agrees");
    assert_eq!(counted(&t.db, &id, "P-002"), 1);
    let h = score_history(t.db.conn(), &id, &desk_key("J1", "P-002", "latar_belakang")).unwrap();
    assert_eq!(h.iter().map(|l| l.new).collect::<Vec<_>>(), [Some(80.0)], "only the agreed value was ever written");
}

#[test]
fn a_blank_criterion_must_be_settled_before_the_sheet_counts() {
    let (mut t, id) = demo();
    let mut e2 = entry("J3", "P-001", 2, "Dodi", &SHEET_A);
    e2.values[6].value = None;
    type_entry(&mut t.db, &id, &entry("J3", "P-001", 1, "Sari", &SHEET_A)).unwrap();
    let s = type_entry(&mut t.db, &id, &e2).unwrap();
    let c = s.criteria.iter().find(|c| c.code == "keberlanjutan").unwrap();
    assert_eq!((c.agreement, c.entry_two), (Agreement::Missing, None));
    assert_eq!(s.status, PaperStatus::Different);
    assert_eq!(counted(&t.db, &id, "P-001"), 0);
}

#[test]
fn out_of_range_values_are_refused_and_nothing_is_stored() {
    let (mut t, id) = demo();
    let before = dump(&t.db);
    let mut bad = SHEET_A;
    bad[3] = 101.0;
    let err = type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &bad)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidInput { problem: InputProblem::OutOfRange { value: 101.0, min: 0.0, max: 100.0 }, .. }
        ),
        "{err:?}"
    );
    bad[3] = -0.5;
    assert!(type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &bad)).is_err());
    bad[3] = f64::NAN;
    assert!(type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &bad)).is_err());
    assert_eq!(dump(&t.db), before, "a refused entry leaves no trace");
    assert_eq!(err.message(Lang::Id), "nilai: 101 di luar rentang 0–100");
}

#[test]
fn a_locked_stage_refuses_entries_and_picks() {
    let (mut t, id) = demo();
    let mut b = SHEET_A;
    b[2] = 7.0;
    type_entry(&mut t.db, &id, &entry("J1", "P-003", 1, "Sari", &SHEET_A)).unwrap();
    type_entry(&mut t.db, &id, &entry("J1", "P-003", 2, "Dodi", &b)).unwrap();
    t.db.write(|tx| lock_stage(tx, &id, "proposal", "ketua", NOW)).unwrap();
    let before = dump(&t.db);
    let err = type_entry(&mut t.db, &id, &entry("J1", "P-003", 2, "Dodi", &SHEET_A)).unwrap_err();
    assert!(matches!(err, Error::StageLocked(ref s) if s == "proposal"), "{err:?}");
    let c = ctx("Wati");
    let err = t
        .db
        .write(|tx| resolve_paper_difference(tx, &id, &key("J1", "P-003"), "implementasi", 70.0, "lembar asli", &c))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::StageLocked);
    let err = type_entry(&mut t.db, &id, &entry("J2", "P-003", 1, "Sari", &SHEET_A)).unwrap_err();
    assert_eq!(err.code(), ErrorCode::StageLocked, "a new sheet is refused too");
    assert_eq!(dump(&t.db), before);
}

#[test]
fn a_conflicted_judge_is_refused() {
    let (mut t, id) = demo();
    // J5 sits in Bappeda, which entered P-009.
    let err = type_entry(&mut t.db, &id, &entry("J5", "P-009", 1, "Sari", &SHEET_A)).unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { problem: InputProblem::Conflict { ref judge, ref proposal }, .. }
            if judge == "J5" && proposal == "P-009"),
        "{err:?}"
    );
    let rows = t.db.read(|tx| paper_sheets(tx, &id, "proposal", "J5")).unwrap();
    assert!(rows.iter().find(|r| r.proposal == "P-009").unwrap().recused, "listed as recused");
    let n: i64 = t.db.conn().query_row("SELECT count(*) FROM paper_sheet", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 0);
}

#[test]
fn the_same_person_cannot_type_both_entries() {
    let (mut t, id) = demo();
    type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari Dewi", &SHEET_A)).unwrap();
    let err = type_entry(&mut t.db, &id, &entry("J1", "P-001", 2, "  sari  dewi", &SHEET_A)).unwrap_err();
    assert!(matches!(err, Error::Paper(PaperProblem::SameTypist(ref n)) if n == "Sari Dewi"), "{err:?}");
    assert_eq!(err.code(), ErrorCode::PaperEntry);
    assert!(err.message(Lang::Id).contains("dua petugas yang berbeda"));
    assert!(err.message(Lang::En).contains("two different people"));
    let err = type_entry(&mut t.db, &id, &entry("J1", "P-001", 2, "", &SHEET_A)).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { field: "petugas", problem: InputProblem::Required }), "{err:?}");
    // The first typist may retype their own entry.
    let s = type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari Dewi", &SHEET_A)).unwrap();
    assert_eq!(s.status, PaperStatus::EntryOne);
    assert_eq!(counted(&t.db, &id, "P-001"), 0);
}

#[test]
fn a_differing_digital_score_is_a_conflict_decided_explicitly() {
    let (mut t, id) = demo();
    let sc = ScoreContext { actor: "J4".into(), device: "laptop-j4".into(), now: NOW.into() };
    // The judge already scored two criteria on the laptop: one as on paper, one not.
    t.db.write(|tx| save_score(tx, &id, &desk_key("J4", "P-006", "latar_belakang"), 80.0, &sc, ScoreOrigin::Form))
        .unwrap();
    t.db.write(|tx| save_score(tx, &id, &desk_key("J4", "P-006", "kebaruan"), 90.0, &sc, ScoreOrigin::Form)).unwrap();
    type_entry(&mut t.db, &id, &entry("J4", "P-006", 1, "Sari", &SHEET_A)).unwrap();
    let s = type_entry(&mut t.db, &id, &entry("J4", "P-006", 2, "Dodi", &SHEET_A)).unwrap();
    assert_eq!(s.status, PaperStatus::Conflict, "agreed, but the digital kebaruan differs");
    let k = s.criteria.iter().find(|c| c.code == "kebaruan").unwrap();
    let conflict = k.conflict.as_ref().expect("kebaruan is in conflict");
    assert_eq!((conflict.digital_value, conflict.paper_value, conflict.resolved.as_deref()), (90.0, 75.5, None));
    assert!(s.criteria.iter().filter(|c| c.code != "kebaruan").all(|c| c.conflict.is_none()));
    let h = score_history(t.db.conn(), &id, &desk_key("J4", "P-006", "kebaruan")).unwrap();
    assert_eq!(h.len(), 1, "the digital value is not overwritten silently");
    let paper: i64 =
        t.db.conn().query_row("SELECT count(*) FROM score_history h JOIN score_change ch ON ch.id = h.line >> 32 WHERE ch.origin = 'paper'", [], |r| r.get(0)).unwrap();
    assert_eq!(paper, 0, "nothing of the sheet is written while a conflict is open");

    let c = ctx("Wati");
    let s =
        t.db.write(|tx| {
            resolve_paper_conflict(tx, &id, &key("J4", "P-006"), "kebaruan", false, "juri menilai ulang di laptop", &c)
        })
        .unwrap();
    assert_eq!(s.status, PaperStatus::Recorded);
    let cur: f64 = s.criteria.iter().find(|c| c.code == "kebaruan").unwrap().current.unwrap();
    assert_eq!(cur, 90.0, "the digital value was kept by decision");
    let lb = score_history(t.db.conn(), &id, &desk_key("J4", "P-006", "latar_belakang")).unwrap();
    assert_eq!(lb.len(), 1, "an equal digital value is left alone");
    let imp = score_history(t.db.conn(), &id, &desk_key("J4", "P-006", "implementasi")).unwrap();
    assert_eq!((imp[0].new, imp[0].origin.as_str()), (Some(70.0), "paper"));
    assert_eq!(counted(&t.db, &id, "P-006"), 1);
}

#[test]
fn taking_the_paper_value_in_a_conflict_is_an_edit_with_paper_origin() {
    let (mut t, id) = demo();
    let sc = ScoreContext { actor: "J4".into(), device: "laptop-j4".into(), now: NOW.into() };
    t.db.write(|tx| save_score(tx, &id, &desk_key("J4", "P-007", "kebaruan"), 90.0, &sc, ScoreOrigin::Form)).unwrap();
    type_entry(&mut t.db, &id, &entry("J4", "P-007", 1, "Sari", &SHEET_A)).unwrap();
    type_entry(&mut t.db, &id, &entry("J4", "P-007", 2, "Dodi", &SHEET_A)).unwrap();
    let c = ctx("Wati");
    let err = t.db.write(|tx| resolve_paper_conflict(tx, &id, &key("J4", "P-007"), "implementasi", true, "x", &c));
    assert!(matches!(err, Err(Error::Paper(PaperProblem::NoConflict(_)))), "{err:?}");
    let s =
        t.db.write(|tx| {
            resolve_paper_conflict(tx, &id, &key("J4", "P-007"), "kebaruan", true, "lembar bertanda tangan", &c)
        })
        .unwrap();
    assert_eq!(s.status, PaperStatus::Recorded);
    let h = score_history(t.db.conn(), &id, &desk_key("J4", "P-007", "kebaruan")).unwrap();
    let lines: Vec<(Option<f64>, Option<f64>, &str)> = h.iter().map(|l| (l.old, l.new, l.origin.as_str())).collect();
    assert_eq!(lines, vec![(None, Some(90.0), "form"), (Some(90.0), Some(75.5), "paper")]);
}

#[test]
fn the_status_list_follows_each_sheet() {
    let (mut t, id) = demo();
    type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &SHEET_A)).unwrap();
    type_entry(&mut t.db, &id, &entry("J1", "P-002", 2, "Dodi", &SHEET_A)).unwrap();
    type_entry(&mut t.db, &id, &entry("J1", "P-003", 1, "Sari", &SHEET_A)).unwrap();
    type_entry(&mut t.db, &id, &entry("J1", "P-003", 2, "Dodi", &SHEET_A)).unwrap();
    let rows = t.db.read(|tx| paper_sheets(tx, &id, "proposal", "J1")).unwrap();
    let status = |p: &str| rows.iter().find(|r| r.proposal == p).map(|r| r.status);
    assert_eq!(status("P-001"), Some(PaperStatus::EntryOne));
    assert_eq!(status("P-002"), Some(PaperStatus::EntryTwo));
    assert_eq!(status("P-003"), Some(PaperStatus::Recorded));
    assert_eq!(status("P-004"), Some(PaperStatus::None));
    assert_eq!(status("P-015"), None, "a proposal that failed screening is not on the list");
    let p3 = rows.iter().find(|r| r.proposal == "P-003").unwrap();
    assert_eq!((p3.entry_one.as_deref(), p3.entry_two.as_deref()), (Some("Sari"), Some("Dodi")));
}

/// Migration 7 on a database made by version 6 holding scores: the paper tables start empty and work.
#[test]
fn migration_7_upgrades_a_version_6_database_with_scores() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    {
        let (conn, id) = crate::support::demo_at_version(&path, 6, |_, _| {});
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        // Written as version 6 wrote them: text ids, one history line, a merged event and a conflict.
        let score = |judge: &str, id_: &str| {
            conn.execute(
                "INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at)
                 SELECT ?3, p.id, j.id, c.id, 75.5, ?2 FROM proposal p, judge j, criterion c
                 JOIN stage s ON s.id = c.stage_id
                 WHERE p.competition_id = ?1 AND p.code = 'P-001' AND j.competition_id = ?1 AND j.code = ?4
                   AND s.competition_id = ?1 AND s.code = 'proposal' AND c.code = 'kebaruan'",
                rusqlite::params![id, NOW, id_, judge],
            )
            .unwrap();
        };
        score("J1", "0193aaaa-0000-7000-8000-000000000001");
        score("J2", "0193aaaa-0000-7000-8000-000000000003");
        conn.execute_batch(&format!(
            "INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin)
             VALUES ('0193aaaa-0000-7000-8000-000000000002', '0193aaaa-0000-7000-8000-000000000001', NULL, 75.5,
                     '{NOW}', 'uji', 'd', 'form');
             INSERT INTO sync_event (id, judge_id, outcome, merged_at)
             SELECT '0193bbbb-0000-7000-8000-000000000009', id, 'conflict', '{NOW}' FROM judge WHERE code = 'J2';
             INSERT INTO merge_conflict (event_id, score_id, master_value, package_value, event_at)
             VALUES ('0193bbbb-0000-7000-8000-000000000009', '0193aaaa-0000-7000-8000-000000000003', 75.5, 80,
                     '{NOW}');"
        ))
        .unwrap();
    }
    let mut db = Db::open(&path).unwrap();
    let v: i64 = db.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert!(v >= 9, "migrated past 9");
    let id: String = db.conn().query_row("SELECT id FROM competition", [], |r| r.get(0)).unwrap();
    // Migration 9 moved the scores, their history, the events seen and the conflict.
    let h = score_history(db.conn(), &id, &desk_key("J1", "P-001", "kebaruan")).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].old, h[0].new, h[0].actor.as_str(), h[0].origin.as_str()), (None, Some(75.5), "uji", "form"));
    let open = juri_core::sync::open_conflicts(db.conn(), &id).unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].event_id, "0193bbbb-0000-7000-8000-000000000009");
    assert_eq!((open[0].judge.as_str(), open[0].master_value, open[0].package_value), ("J2", 75.5, 80.0));
    let seen: i64 = db.conn().query_row("SELECT count(*) FROM sync_event WHERE outcome = 2", [], |r| r.get(0)).unwrap();
    assert_eq!(seen, 1);
    db.write(|tx| juri_core::sync::resolve_conflict(tx, "0193bbbb-0000-7000-8000-000000000009", true, "panitia", NOW))
        .unwrap();
    let h = score_history(db.conn(), &id, &desk_key("J2", "P-001", "kebaruan")).unwrap();
    assert_eq!(h.iter().map(|l| (l.old, l.new)).collect::<Vec<_>>(), vec![(Some(75.5), Some(80.0))]);
    assert_eq!(counted(&db, &id, "P-001"), 0, "an incomplete digital sheet does not count");
    type_entry(&mut db, &id, &entry("J1", "P-001", 1, "Sari", &SHEET_A)).unwrap();
    let s = type_entry(&mut db, &id, &entry("J1", "P-001", 2, "Dodi", &SHEET_A)).unwrap();
    assert_eq!(s.status, PaperStatus::Recorded, "the old digital value equals the paper's");
    assert_eq!(counted(&db, &id, "P-001"), 1);
}

#[test]
fn a_judge_laptop_refuses_paper_entry() {
    let (mut t, id) = demo();
    t.db.set_setting("mode", "judge").unwrap();
    t.db.set_setting("judge_code", "J1").unwrap();
    let err = type_entry(&mut t.db, &id, &entry("J1", "P-001", 1, "Sari", &SHEET_A)).unwrap_err();
    assert!(
        matches!(err, Error::NotOnJudgeLaptop(juri_core::laptop::OrganiserTask::PaperEntry)),
        "organiser only: {err:?}"
    );
}
