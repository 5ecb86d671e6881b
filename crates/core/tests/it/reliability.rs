//! Jury agreement and rank stability (FORMATS.md §11) on real databases and small hand-made juries.

use std::sync::Arc;

use juri_core::reliability::{JuryStats, StatsOptions, compute, jury_statistics, stats_csv};
use juri_core::scoring::{
    CategoryDef, CriterionDef, Normalisation, ProposalEntry, RankingSetup, ScoreEntry, StageDef, jury_matrix,
};

use crate::support::*;

fn never() -> bool {
    false
}

fn opts(replicates: u32, seed: u64, threads: usize) -> StatsOptions {
    StatsOptions { replicates, seed, threads }
}

/// One category, one weighted stage with one 0–100 criterion; `rows` are (proposal, judge, value).
fn one_stage(
    rows: &[(&str, &str, f64)],
    finalists: Option<u32>,
) -> (RankingSetup, Vec<ProposalEntry>, Vec<ScoreEntry>) {
    let setup = RankingSetup {
        competition: "Uji".into(),
        categories: vec![CategoryDef { code: "TK".into(), name: "Tata Kelola".into() }],
        stages: vec![StageDef {
            code: "proposal".into(),
            weight: 1.0,
            passing_grade: None,
            finalists_per_category: finalists,
            criteria: vec![CriterionDef { code: "mutu".into(), weight: 1.0, min: 0.0, max: 100.0 }],
        }],
        tie_break: vec![],
        normalisation: Normalisation::None,
        disagreement_threshold: 15.0,
    };
    let mut codes: Vec<&str> = rows.iter().map(|r| r.0).collect();
    codes.sort();
    codes.dedup();
    let proposals = codes
        .iter()
        .map(|c| ProposalEntry {
            code: c.to_string(),
            title: c.to_string(),
            unit: "Unit".into(),
            category: "TK".into(),
            excluded: false,
        })
        .collect();
    let scores = rows
        .iter()
        .map(|(p, j, v)| ScoreEntry {
            stage: Arc::from("proposal"),
            proposal: Arc::from(*p),
            judge: Arc::from(*j),
            criterion: Arc::from("mutu"),
            value: *v,
        })
        .collect();
    (setup, proposals, scores)
}

fn stats(rows: &[(&str, &str, f64)], finalists: Option<u32>, o: StatsOptions) -> JuryStats {
    let (setup, proposals, scores) = one_stage(rows, finalists);
    let m = jury_matrix(&setup, &proposals, &scores);
    compute(&setup, &[1], &m, o, &never).unwrap()
}

#[test]
fn alpha_severity_and_correlation_by_hand() {
    // Two judges, three proposals: units (1,2), (3,3), (5,4) → alpha = 1 − (2/3)/4 = 5/6.
    let s = stats(
        &[
            ("P1", "J1", 1.0),
            ("P1", "J2", 2.0),
            ("P2", "J1", 3.0),
            ("P2", "J2", 3.0),
            ("P3", "J1", 5.0),
            ("P3", "J2", 4.0),
        ],
        None,
        opts(50, 1, 1),
    );
    let st = &s.stages[0];
    assert!((st.alpha.unwrap() - 5.0 / 6.0).abs() < 1e-12, "{st:?}");
    assert!((st.criteria[0].alpha.unwrap() - 5.0 / 6.0).abs() < 1e-12, "one criterion: the same");
    // J1 − J2 per proposal: −1, 0, +1 → severity 0 for both; correlation of (1,3,5) with (2,3,4) = 1.
    assert_eq!(st.judges.iter().map(|j| (j.judge.as_str(), j.n)).collect::<Vec<_>>(), [("J1", 3), ("J2", 3)]);
    assert!(st.judges[0].severity.unwrap().abs() < 1e-12);
    assert!((st.judges[0].correlation.unwrap() - 1.0).abs() < 1e-12);
}

#[test]
fn a_proposal_far_ahead_is_first_in_every_replicate_and_the_same_seed_gives_the_same_bytes() {
    let mut rows = Vec::new();
    for (p, base) in [("P1", 95.0), ("P2", 61.0), ("P3", 60.0), ("P4", 59.0)] {
        for (j, off) in [("J1", -4.0), ("J2", 0.0), ("J3", 5.0), ("J4", -1.0)] {
            rows.push((p, j, base + off));
        }
    }
    let rows: Vec<(&str, &str, f64)> = rows;
    let a = stats(&rows, Some(2), opts(400, 7, 1));
    let far = a.stability.iter().find(|r| r.proposal == "P1").unwrap();
    assert_eq!((far.rank, far.p_first, far.p_quota, far.p_finalist), (Some(1), 1.0, 1.0, Some(1.0)));
    assert_eq!((far.rank_median, far.rank_p05, far.rank_p95), (1, 1, 1));
    // P2–P4 are a point apart with the same judges: the cut between them is uncertain.
    let p3 = a.stability.iter().find(|r| r.proposal == "P3").unwrap();
    assert!(p3.p_finalist.unwrap() > 0.0 && p3.p_finalist.unwrap() < 1.0, "{p3:?}");
    // Same seed, any number of threads: the same bytes; another seed: other draws.
    let b = stats(&rows, Some(2), opts(400, 7, 3));
    assert_eq!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&b).unwrap());
    assert_eq!(stats_csv(&a), stats_csv(&b));
    let c = stats(&rows, Some(2), opts(400, 8, 1));
    assert_ne!(serde_json::to_string(&a).unwrap(), serde_json::to_string(&c).unwrap());
}

#[test]
fn adding_a_constant_to_every_score_leaves_alpha_and_severity_alone() {
    let rows = [
        ("P1", "J1", 61.0),
        ("P1", "J2", 70.5),
        ("P1", "J3", 66.0),
        ("P2", "J1", 80.0),
        ("P2", "J2", 75.0),
        ("P3", "J1", 55.0),
        ("P3", "J2", 58.5),
        ("P3", "J3", 49.0),
    ];
    let shifted: Vec<(&str, &str, f64)> = rows.iter().map(|&(p, j, v)| (p, j, v + 12.5)).collect();
    let (a, b) = (stats(&rows, None, opts(10, 1, 1)), stats(&shifted, None, opts(10, 1, 1)));
    assert!((a.stages[0].alpha.unwrap() - b.stages[0].alpha.unwrap()).abs() < 1e-12);
    for (x, y) in a.stages[0].judges.iter().zip(&b.stages[0].judges) {
        assert!((x.severity.unwrap() - y.severity.unwrap()).abs() < 1e-9, "{x:?} {y:?}");
    }
    // J3 scored two proposals: no correlation.
    assert_eq!(a.stages[0].judges[2].correlation, None);
}

#[test]
fn the_demo_reads_as_a_jury_that_agrees_and_the_cut_is_known() {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_full_demo(tx, &actor(), NOW)).unwrap();
    let report = jury_statistics(t.db.conn(), &id, opts(300, 1, 2), &never).unwrap().unwrap();
    assert_eq!(report.warnings, [], "eighteen proposals, every judge on all of them");
    let s = report.stats;
    let desk = &s.stages[0];
    assert_eq!(desk.stage, "proposal");
    // The demo's judges differ by a constant: high agreement, and J3 the most lenient (+3 against
    // a mean offset of 0.6 for the others' …).
    assert!(desk.alpha.unwrap() > 0.8, "{desk:?}");
    let j3 = desk.judges.iter().find(|j| j.judge == "J3").unwrap();
    let j2 = desk.judges.iter().find(|j| j.judge == "J2").unwrap();
    assert!(j3.severity.unwrap() > 2.0 && j2.severity.unwrap() < -2.0, "{j3:?} {j2:?}");
    assert_eq!(j3.n, 18);
    assert_eq!(s.stages[1].alpha, None, "no presentation scored yet");
    // Nobody is ranked before the presentations; the desk cut is certain for P-002 (85,6).
    let p2 = s.stability.iter().find(|r| r.proposal == "P-002").unwrap();
    assert_eq!((p2.rank, p2.p_finalist), (None, Some(1.0)));
    assert_eq!(s.stability.len(), 18, "every proposal with a score, excluded ones left out");
    // A wrong number of replicates is refused with the reason.
    let err = jury_statistics(t.db.conn(), &id, opts(0, 1, 1), &never).unwrap_err();
    assert!(err.to_string().contains("replicates") || format!("{err:?}").contains("replicates"), "{err:?}");
}

#[test]
fn few_proposals_and_a_judge_with_few_sheets_are_warned_about() {
    use juri_core::reliability::{StatsWarning, stats_warnings};
    let rows = [("P1", "J1", 60.0), ("P1", "J2", 70.0), ("P2", "J1", 50.0), ("P2", "J2", 65.0), ("P3", "J1", 55.0)];
    let (setup, proposals, scores) = one_stage(&rows, None);
    let m = jury_matrix(&setup, &proposals, &scores);
    let s = compute(&setup, &[1], &m, opts(10, 1, 1), &never).unwrap();
    let w = stats_warnings(&setup, &m, &s);
    assert_eq!(w[0], StatsWarning::FewUnits { stage: "proposal".into(), units: 2 });
    assert!(w.contains(&StatsWarning::FewProposals { stage: "proposal".into(), judge: "J2".into(), n: 2 }), "{w:?}");
    assert!(w[0].message(juri_core::lang::Lang::Id).contains("2 proposal saja"));
}

#[test]
fn a_cancelled_bootstrap_returns_nothing() {
    let rows = [("P1", "J1", 60.0), ("P1", "J2", 70.0), ("P2", "J1", 50.0), ("P2", "J2", 65.0)];
    let (setup, proposals, scores) = one_stage(&rows, None);
    let m = jury_matrix(&setup, &proposals, &scores);
    assert!(compute(&setup, &[1], &m, opts(100, 1, 2), &|| true).is_none());
}

#[test]
fn the_discussion_queue_puts_disagreement_first_and_logs_what_changed_after_the_plenary() {
    use juri_core::reliability::discussion::{discussion_queue, mark_discussed};
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_full_demo(tx, &actor(), NOW)).unwrap();
    let crits =
        ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
    let j2 = |v: f64| {
        let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
        for c in crits {
            csv.push_str(&format!("proposal,P-007,J2,{c},{v}\n"));
        }
        csv
    };
    let ctx = juri_core::scoring::store::ScoreContext { actor: "uji".into(), device: "uji".into(), now: NOW.into() };
    let q = discussion_queue(t.db.conn(), &id).unwrap();
    assert_eq!(q.len(), 18, "every desk-scored proposal, none flagged: {:?}", q.iter().find(|i| i.flagged));
    assert!(q.iter().all(|i| !i.flagged && i.discussed.is_none()));

    // J2 reads IZIN TUNTAS far lower than the others: first in the queue, every criterion listed.
    t.db.write(|tx| juri_core::import::import_scores(tx, &id, j2(40.0).as_bytes(), &ctx)).unwrap();
    let q = discussion_queue(t.db.conn(), &id).unwrap();
    assert_eq!((q[0].proposal.as_str(), q[0].flagged), ("P-007", true));
    assert_eq!(q[0].criteria.len(), 7);
    assert!(q[0].now.sd > 15.0, "{:?}", q[0].now);

    // Discussed; J2 revises after hearing the others; the log shows before and after.
    t.db.write(|tx| mark_discussed(tx, &id, "proposal", "P-007", &actor(), "2026-09-24T10:00:00Z")).unwrap();
    t.db.write(|tx| juri_core::import::import_scores(tx, &id, j2(74.0).as_bytes(), &ctx)).unwrap();
    let q = discussion_queue(t.db.conn(), &id).unwrap();
    let item = q.iter().find(|i| i.proposal == "P-007").unwrap();
    assert!(!item.flagged, "agreement after the discussion");
    let d = item.discussed.as_ref().unwrap();
    assert_eq!(d.at, "2026-09-24T10:00:00Z");
    assert_eq!(d.changes.len(), 1, "{d:?}");
    assert_eq!((d.changes[0].judge.as_str(), d.changes[0].before, d.changes[0].after), ("J2", Some(40.0), Some(74.0)));
    assert!(d.before.sd > 15.0 && item.now.sd < 15.0);
    // An unknown proposal is refused; nothing is written.
    assert!(t.db.write(|tx| mark_discussed(tx, &id, "proposal", "P-999", &actor(), NOW)).is_err());
}

#[test]
fn a_judge_viewing_before_every_stage_is_locked_sees_no_figures() {
    use juri_core::reliability::{AlphaBand, reliability_view};
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_full_demo(tx, &actor(), NOW)).unwrap();
    let v = reliability_view(t.db.conn(), &id, Some("J1"), opts(50, 1, 1), &never).unwrap().unwrap();
    assert!(v.withheld && v.stats.is_none() && v.queue.is_empty());
    let v = reliability_view(t.db.conn(), &id, None, opts(200, 1, 1), &never).unwrap().unwrap();
    assert!(!v.withheld);
    assert_eq!(v.bands, [Some(AlphaBand::High), None]);
    assert_eq!(v.queue.len(), 18);
    assert_eq!(AlphaBand::of(0.39), AlphaBand::Low);
    assert_eq!(AlphaBand::of(0.667), AlphaBand::Tentative);
    assert_eq!(AlphaBand::of(0.5), AlphaBand::Weak);
}
