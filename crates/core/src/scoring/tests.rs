//! Hand-computed cases. The arithmetic behind each expected number is written
//! next to the assertion, so a failure can be checked on paper.

use super::stats::{mean, pop_sd, zscore_rescale};
use super::*;

// ---------- builders ----------

pub(super) fn crit(code: &str, weight: f64, min: f64, max: f64) -> CriterionDef {
    CriterionDef { code: code.into(), weight, min, max }
}

pub(super) fn stage(code: &str, weight: f64, criteria: Vec<CriterionDef>) -> StageDef {
    StageDef { code: code.into(), weight, passing_grade: None, finalists_per_category: None, criteria }
}

/// One 0–100 criterion "n" of weight 1, so a judge's stage score is the value itself.
fn simple_stage(code: &str, weight: f64) -> StageDef {
    stage(code, weight, vec![crit("n", 1.0, 0.0, 100.0)])
}

fn setup(stages: Vec<StageDef>, tie_break: &[&str]) -> RankingSetup {
    RankingSetup {
        competition: "Uji".into(),
        categories: vec![
            CategoryDef { code: "TK".into(), name: "Tata Kelola".into() },
            CategoryDef { code: "KS".into(), name: "Kesehatan".into() },
        ],
        stages,
        tie_break: tie_break.iter().map(|s| s.to_string()).collect(),
        normalisation: Normalisation::None,
        disagreement_threshold: 15.0,
    }
}

fn prop(code: &str, category: &str) -> ProposalEntry {
    ProposalEntry {
        code: code.into(),
        title: format!("Judul {code}"),
        unit: format!("Unit {code}"),
        category: category.into(),
        excluded: false,
    }
}

fn excluded(code: &str, category: &str) -> ProposalEntry {
    ProposalEntry { excluded: true, ..prop(code, category) }
}

/// One judge's sheet: (criterion, value) pairs.
fn sheet(stage: &str, proposal: &str, judge: &str, values: &[(&str, f64)]) -> Vec<ScoreEntry> {
    values
        .iter()
        .map(|&(criterion, value)| ScoreEntry {
            stage: stage.into(),
            proposal: proposal.into(),
            judge: judge.into(),
            criterion: criterion.into(),
            value,
        })
        .collect()
}

/// Single-criterion sheets: (proposal, judge, value) for criterion "n".
fn simple(stage: &str, rows: &[(&str, &str, f64)]) -> Vec<ScoreEntry> {
    rows.iter().flat_map(|&(p, j, v)| sheet(stage, p, j, &[("n", v)])).collect()
}

fn row<'a>(recap: &'a Recap, code: &str) -> &'a RecapRow {
    recap
        .categories
        .iter()
        .flat_map(|c| &c.rows)
        .find(|r| r.proposal == code)
        .unwrap_or_else(|| panic!("no row {code}"))
}

fn st<'a>(recap: &'a Recap, code: &str, stage: &str) -> &'a StageResult {
    row(recap, code).stages.get(stage).unwrap_or_else(|| panic!("{code} has no stage {stage}"))
}

#[track_caller]
fn close(actual: f64, expected: f64) {
    assert!((actual - expected).abs() < 1e-9, "{actual} != {expected} (diff {})", actual - expected);
}

fn order(recap: &Recap, category: usize) -> Vec<(&str, Option<u32>, bool)> {
    recap.categories[category].rows.iter().map(|r| (r.proposal.as_str(), r.rank, r.tied)).collect()
}

// ---------- stats ----------

#[test]
fn stats_helpers() {
    close(mean(&[72.5, 68.0, 80.0, 76.0]), 74.125); // 296.5 / 4
    // deviations −1.625 −6.125 5.875 1.875 → squares sum 78.1875 → /4 = 19.546875
    close(pop_sd(&[72.5, 68.0, 80.0, 76.0]), 19.546875f64.sqrt());
    close(pop_sd(&[5.0]), 0.0);
    // all: 80 60 70 70 → M 70, S = sqrt((100+100+0+0)/4) = sqrt(50) = 7.0710678…
    // A: μ 70 σ 10 → 70 ± sqrt(50)·1; B: σ 0 → M = 70.
    let out = zscore_rescale(&[("A", 80.0), ("A", 60.0), ("B", 70.0), ("B", 70.0)]);
    assert_eq!(out.len(), 4);
    close(out[0], 77.07106781186548);
    close(out[1], 62.92893218813452);
    close(out[2], 70.0);
    close(out[3], 70.0);
}

// ---------- DOMAIN.md §3.2 worked example ----------

fn p009_setup() -> RankingSetup {
    let presentation = stage(
        "presentasi",
        70.0,
        vec![
            crit("kebaruan", 30.0, 0.0, 10.0),
            crit("kemanfaatan", 30.0, 0.0, 10.0),
            crit("replikasi", 30.0, 0.0, 10.0),
            crit("penyajian", 10.0, 0.0, 10.0),
        ],
    );
    setup(vec![simple_stage("proposal", 30.0), presentation], &[])
}

fn p009_scores() -> Vec<ScoreEntry> {
    let mut s = simple(
        "proposal",
        &[("P-009", "J1", 72.5), ("P-009", "J2", 68.0), ("P-009", "J3", 80.0), ("P-009", "J4", 76.0)],
    );
    for (j, v) in [
        ("J1", [8.0, 7.5, 7.0, 8.0]),
        ("J2", [7.0, 7.0, 6.5, 7.5]),
        ("J3", [8.5, 8.0, 7.5, 8.0]),
        ("J4", [7.5, 8.0, 7.0, 7.0]),
    ] {
        let codes = ["kebaruan", "kemanfaatan", "replikasi", "penyajian"];
        let pairs: Vec<(&str, f64)> = codes.into_iter().zip(v).collect();
        s.extend(sheet("presentasi", "P-009", j, &pairs));
    }
    s
}

#[test]
fn worked_example_p009() {
    let mut setup = p009_setup();
    setup.disagreement_threshold = 4.0; // between the two SDs, to see both flags
    let result = compute_recap(&setup, &[prop("P-009", "TK")], &p009_scores());
    let r = &result.recap;

    let desk = st(r, "P-009", "proposal");
    close(desk.score, 74.125); // (72.5 + 68 + 80 + 76) / 4 = 296.5 / 4
    close(desk.raw, 74.125); // no normalisation: raw = score
    assert_eq!(desk.judges, 4);
    // squares of deviations 2.640625 + 37.515625 + 34.515625 + 3.515625 = 78.1875; /4 = 19.546875
    close(desk.sd, 4.421184795956848); // sqrt(19.546875)
    assert!(desk.flagged); // 4.42 > 4.0

    let pres = st(r, "P-009", "presentasi");
    // J1: (30·80 + 30·75 + 30·70 + 10·80) / 100 = 75.5;  J2: (2100+2100+1950+750)/100 = 69
    // J3: (2550+2400+2250+800)/100 = 80;               J4: (2250+2400+2100+700)/100 = 74.5
    // mean = 299 / 4 = 74.75
    close(pres.score, 74.75);
    assert_eq!(pres.judges, 4);
    // deviations 0.75 −5.75 5.25 −0.25 → squares 0.5625+33.0625+27.5625+0.0625 = 61.25; /4 = 15.3125
    close(pres.sd, 3.913118960624632); // sqrt(15.3125)
    assert!(!pres.flagged); // 3.91 ≤ 4.0
    assert_eq!(pres.incomplete_sheets, 0);

    let p = row(r, "P-009");
    // (30·74.125 + 70·74.75) / 100 = (2223.75 + 5232.5) / 100 = 74.5625
    close(p.final_score.unwrap(), 74.5625);
    assert_eq!((p.rank, p.tied, p.status), (Some(1), false, Status::Ranked));
    // stages object in setup order, not alphabetical
    let keys: Vec<&str> = p.stages.0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["proposal", "presentasi"]);

    // drill-down: J1's presentation sheet
    let d = &result.details[0].stages[1].judges[0];
    assert_eq!((d.judge.as_str(), d.complete, d.counted), ("J1", true, true));
    close(d.raw.unwrap(), 75.5);
    assert_eq!(d.normalised, None); // normalisation off
    assert_eq!(d.values.len(), 4);
}

// ---------- ties ----------

#[test]
fn tie_broken_by_stage() {
    let s = setup(vec![simple_stage("A", 50.0), simple_stage("B", 50.0)], &["stage:B"]);
    let mut scores = simple("A", &[("P-1", "J1", 80.0), ("P-2", "J1", 60.0)]);
    scores.extend(simple("B", &[("P-1", "J1", 60.0), ("P-2", "J1", 80.0)]));
    let r = compute_recap(&s, &[prop("P-1", "TK"), prop("P-2", "TK")], &scores).recap;
    close(row(&r, "P-1").final_score.unwrap(), 70.0); // (50·80 + 50·60) / 100
    close(row(&r, "P-2").final_score.unwrap(), 70.0); // (50·60 + 50·80) / 100
    // equal finals; stage B: P-2 80 > P-1 60
    assert_eq!(order(&r, 0), [("P-2", Some(1), false), ("P-1", Some(2), false)]);
}

#[test]
fn tie_broken_by_criterion_mean_raw_percentage() {
    let s = setup(
        vec![stage("S", 100.0, vec![crit("k1", 1.0, 0.0, 100.0), crit("k2", 1.0, 0.0, 100.0)])],
        // unknown / malformed entries first: they must be ignored
        &["stage:nope", "criterion:S/nope", "bogus", "criterion:S/k2"],
    );
    let mut scores = Vec::new();
    scores.extend(sheet("S", "P-1", "J1", &[("k1", 90.0), ("k2", 70.0)])); // 80
    scores.extend(sheet("S", "P-1", "J2", &[("k1", 60.0), ("k2", 100.0)])); // 80
    scores.extend(sheet("S", "P-2", "J1", &[("k1", 70.0), ("k2", 90.0)])); // 80
    scores.extend(sheet("S", "P-2", "J2", &[("k1", 74.0), ("k2", 86.0)])); // 80
    let r = compute_recap(&s, &[prop("P-1", "TK"), prop("P-2", "TK")], &scores).recap;
    close(row(&r, "P-1").final_score.unwrap(), 80.0);
    close(row(&r, "P-2").final_score.unwrap(), 80.0);
    // k2 mean: P-1 (70 + 100)/2 = 85, P-2 (90 + 86)/2 = 88 → P-2 first
    assert_eq!(order(&r, 0), [("P-2", Some(1), false), ("P-1", Some(2), false)]);
}

#[test]
fn unresolved_ties_share_rank() {
    let s = setup(vec![simple_stage("S", 100.0)], &["stage:S"]);
    let scores = simple(
        "S",
        &[
            ("P-4", "J1", 70.0),
            ("P-3", "J1", 80.0),
            // 80 + 1e-10 differs from 80 by less than 1e-9: equal
            ("P-2", "J1", 80.0000000001),
            ("P-1", "J1", 90.0),
        ],
    );
    let props = [prop("P-3", "TK"), prop("P-1", "TK"), prop("P-4", "TK"), prop("P-2", "TK")];
    let r = compute_recap(&s, &props, &scores).recap;
    // 90 | 80, 80 (tie-break stage:S is equal too) | 70 → ranks 1, 2, 2, 4;
    // inside the shared rank by code even though P-2 is the larger by 1e-10
    assert_eq!(
        order(&r, 0),
        [("P-1", Some(1), false), ("P-2", Some(2), true), ("P-3", Some(2), true), ("P-4", Some(4), false),]
    );
}

#[test]
fn a_tie_at_a_winners_place_needs_the_plenarys_decision_for_its_places() {
    use super::ties::{TieDecision, decided_rank, undecided_ties, winner_ties};
    let s = setup(vec![simple_stage("S", 100.0)], &[]);
    let scores = simple("S", &[("P-1", "J1", 90.0), ("P-2", "J1", 80.0), ("P-3", "J1", 80.0), ("P-4", "J1", 70.0)]);
    let props: Vec<ProposalEntry> = ["P-1", "P-2", "P-3", "P-4"].iter().map(|c| prop(c, "TK")).collect();
    let r = compute_recap(&s, &props, &scores).recap;
    let ties = winner_ties(&r, |_| 3);
    assert_eq!(ties.len(), 1);
    assert_eq!((ties[0].rank, ties[0].proposals.clone()), (2, vec!["P-2".to_string(), "P-3".to_string()]));
    assert_eq!(undecided_ties(&r, |_| 3, &[]).len(), 1);
    assert!(winner_ties(&r, |_| 1).is_empty(), "a tie below the winners' places needs no decision");
    // A decision without a reason, or naming other proposals, settles nothing.
    let mut d =
        TieDecision { category: "TK".into(), rank: 2, order: vec!["P-3".into(), "P-2".into()], reason: " ".into() };
    assert_eq!(undecided_ties(&r, |_| 3, std::slice::from_ref(&d)).len(), 1);
    d.reason = "Kemanfaatan lebih luas menurut rapat pleno".into();
    assert!(undecided_ties(&r, |_| 3, std::slice::from_ref(&d)).is_empty());
    let place = |code: &str| decided_rank(&r, "TK", row(&r, code), std::slice::from_ref(&d));
    assert_eq!((place("P-1"), place("P-3"), place("P-2"), place("P-4")), (Some(1), Some(2), Some(3), Some(4)));
    let other = TieDecision { order: vec!["P-2".into(), "P-4".into()], ..d.clone() };
    assert!(undecided_ties(&r, |_| 3, &[other]).len() == 1, "an order of other proposals settles nothing");
}

// ---------- incomplete sheets ----------

#[test]
fn incomplete_sheets_are_counted_not_used() {
    let s = setup(vec![stage("S", 100.0, vec![crit("k1", 1.0, 0.0, 100.0), crit("k2", 3.0, 0.0, 100.0)])], &[]);
    let mut scores = Vec::new();
    scores.extend(sheet("S", "P-1", "J1", &[("k1", 80.0), ("k2", 60.0)])); // (80 + 180)/4 = 65
    scores.extend(sheet("S", "P-1", "J2", &[("k1", 10.0)])); // incomplete
    scores.extend(sheet("S", "P-2", "J1", &[("k2", 90.0)])); // incomplete, the only sheet
    let result = compute_recap(&s, &[prop("P-1", "TK"), prop("P-2", "TK")], &scores);
    let r = &result.recap;

    let p1 = st(r, "P-1", "S");
    assert_eq!((p1.judges, p1.incomplete_sheets), (1, 1));
    close(p1.score, 65.0); // J2's 10 % is not averaged in
    close(p1.sd, 0.0);
    assert_eq!(row(r, "P-1").status, Status::Ranked);

    let p2 = row(r, "P-2");
    assert!(p2.stages.0.is_empty()); // 0 counted judges → stage left out
    assert_eq!((p2.status, p2.rank, p2.tied, p2.final_score), (Status::Incomplete, None, false, None));

    let j2 = &result.details[0].stages[0].judges[1];
    assert_eq!(j2.judge, "J2");
    assert_eq!((j2.complete, j2.counted, j2.raw), (false, false, None));
    assert_eq!(j2.values.len(), 1);
}

// ---------- exclusion ----------

#[test]
fn excluded_proposals_enter_no_statistic() {
    let mut s = setup(vec![simple_stage("S", 100.0)], &[]);
    s.normalisation = Normalisation::Zscore;
    let props = [prop("P-1", "TK"), excluded("P-2", "TK"), prop("P-3", "TK")];
    let kept = simple("S", &[("P-1", "J1", 80.0), ("P-1", "J2", 60.0), ("P-3", "J1", 60.0), ("P-3", "J2", 50.0)]);
    let mut all = kept.clone();
    all.extend(simple("S", &[("P-2", "J1", 100.0), ("P-2", "J2", 0.0)]));

    let with = compute_recap(&s, &props, &all).recap;
    let without = compute_recap(&s, &props, &kept).recap;
    assert_eq!(with, without); // P-2's scores moved nothing, not even μ_j, σ_j, M, S

    // all 80 60 60 50: M = 62.5, S = sqrt((306.25+6.25+6.25+156.25)/4) = sqrt(118.75)
    // J1: 80, 60 → μ 70 σ 10 ; J2: 60, 50 → μ 55 σ 5
    // P-1: (M + S·1 + M + S·1)/2 = M + S ; P-3: M − S
    let big_s = 118.75f64.sqrt();
    close(st(&with, "P-1", "S").score, 62.5 + big_s);
    close(st(&with, "P-3", "S").score, 62.5 - big_s);
    close(st(&with, "P-1", "S").raw, 70.0); // (80 + 60)/2

    let p2 = row(&with, "P-2");
    assert_eq!((p2.status, p2.rank, p2.tied, p2.final_score), (Status::Excluded, None, false, None));
    assert!(p2.stages.0.is_empty());
    // unranked rows after ranked ones
    assert_eq!(order(&with, 0), [("P-1", Some(1), false), ("P-3", Some(2), false), ("P-2", None, false)]);
}

// ---------- z-score ----------

#[test]
fn zscore_with_zero_variance_judge() {
    let mut s = setup(vec![simple_stage("S", 100.0)], &[]);
    s.normalisation = Normalisation::Zscore;
    let scores = simple(
        "S",
        &[
            ("P-1", "J1", 80.0),
            ("P-2", "J1", 60.0),
            ("P-1", "J2", 70.0),
            ("P-2", "J2", 70.0),
            ("P-1", "J3", 90.0),
            ("P-2", "J3", 50.0),
        ],
    );
    let props = [prop("P-1", "TK"), prop("P-2", "TK")];
    let result = compute_recap(&s, &props, &scores);
    let r = &result.recap;
    // all six: 80 60 70 70 90 50 → M = 420/6 = 70,
    // S = sqrt((100+100+0+0+400+400)/6) = sqrt(1000/6) = 12.909944487358056
    // J1 μ 70 σ 10: P-1 → M + S, P-2 → M − S
    // J2 σ 0: both → M = 70
    // J3 μ 70 σ 20: P-1 → M + S, P-2 → M − S
    let big_s = (1000.0f64 / 6.0).sqrt();
    let p1 = st(r, "P-1", "S");
    close(p1.score, 70.0 + 2.0 * big_s / 3.0); // (M+S + M + M+S)/3
    close(p1.raw, 80.0); // (80 + 70 + 90)/3
    // values M+S, M, M+S around their mean: deviations S/3, −2S/3, S/3 →
    // variance (1+4+1)S²/27 = 2S²/9 → sd = S·√2/3
    close(p1.sd, big_s * 2f64.sqrt() / 3.0);
    close(st(r, "P-2", "S").score, 70.0 - 2.0 * big_s / 3.0);
    close(st(r, "P-2", "S").raw, 60.0);
    assert_eq!(r.normalisation, Normalisation::Zscore);

    // J2's normalised sheet is exactly M
    let j2 = &result.details[0].stages[0].judges[1];
    assert_eq!(j2.judge, "J2");
    close(j2.normalised.unwrap(), 70.0);
    close(j2.raw.unwrap(), 70.0);

    assert!(winners_differ(&s, &props, &scores).is_empty()); // P-1 wins either way
}

#[test]
fn winners_differ_reports_changed_winner() {
    let s = setup(vec![simple_stage("S", 100.0)], &[]);
    let scores = simple("S", &[("P-1", "J1", 90.0), ("P-2", "J1", 80.0), ("P-1", "J2", 20.0), ("P-2", "J2", 70.0)]);
    let props = [prop("P-1", "TK"), prop("P-2", "TK")];
    // raw: P-1 (90+20)/2 = 55, P-2 (80+70)/2 = 75 → P-2 alone wins.
    // z: J1 μ 85 σ 5 → P-1 +1, P-2 −1; J2 μ 45 σ 25 → P-1 −1, P-2 +1;
    // both M + S·0 = M → tie, rank-1 set {P-1, P-2}. KS has no rows: unchanged.
    assert_eq!(winners_differ(&s, &props, &scores), ["TK"]);
}

// ---------- passing grade, finalists, statuses ----------

#[test]
fn passing_grade_exactly_equal_passes() {
    let mut desk = simple_stage("desk", 0.0);
    desk.passing_grade = Some(70.0);
    let s = setup(vec![desk, simple_stage("final", 100.0)], &[]);
    let mut scores = simple(
        "desk",
        &[
            // true mean 70; in floating point 69.99999999999999
            ("P-1", "J1", 69.1),
            ("P-1", "J2", 70.3),
            ("P-1", "J3", 70.6),
            ("P-2", "J1", 69.9),
        ],
    );
    scores.extend(simple("final", &[("P-1", "J1", 50.0), ("P-2", "J1", 99.0)]));
    let r = compute_recap(&s, &[prop("P-1", "TK"), prop("P-2", "TK")], &scores).recap;
    let desk_score = st(&r, "P-1", "desk").score;
    assert!(desk_score < 70.0, "precondition: {desk_score}");
    close(desk_score, 70.0);
    assert_eq!(row(&r, "P-1").status, Status::Ranked); // 70 − ε passes 70
    close(row(&r, "P-1").final_score.unwrap(), 50.0); // desk has weight 0

    let p2 = row(&r, "P-2");
    assert_eq!(p2.status, Status::DidNotPass); // 69.9 < 70
    // the final-stage score of 99 was never reached: not shown
    let keys: Vec<&str> = p2.stages.0.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["desk"]);
}

#[test]
fn grade_then_quota_statuses() {
    let mut desk = simple_stage("desk", 30.0);
    desk.passing_grade = Some(60.0);
    desk.finalists_per_category = Some(2);
    let s = setup(vec![desk, simple_stage("final", 70.0)], &[]);
    let mut scores =
        simple("desk", &[("P-1", "J1", 90.0), ("P-2", "J1", 85.0), ("P-3", "J1", 70.0), ("P-4", "J1", 55.0)]);
    scores.extend(simple("final", &[("P-1", "J1", 60.0), ("P-2", "J1", 80.0), ("P-3", "J1", 100.0)]));
    let props: Vec<ProposalEntry> = ["P-1", "P-2", "P-3", "P-4"].iter().map(|c| prop(c, "TK")).collect();
    let r = compute_recap(&s, &props, &scores).recap;
    // grade 60: P-4 (55) fails; quota 2 among 90, 85, 70: cut at 85 → P-3 out
    assert_eq!(row(&r, "P-4").status, Status::DidNotPass);
    assert_eq!(row(&r, "P-3").status, Status::NotFinalist);
    // P-1: (30·90 + 70·60)/100 = (2700 + 4200)/100 = 69; P-2: (2550 + 5600)/100 = 81.5
    close(row(&r, "P-1").final_score.unwrap(), 69.0);
    close(row(&r, "P-2").final_score.unwrap(), 81.5);
    assert_eq!(
        order(&r, 0),
        [("P-2", Some(1), false), ("P-1", Some(2), false), ("P-3", None, false), ("P-4", None, false),]
    );
    assert!(row(&r, "P-3").stages.get("final").is_none()); // 100 never reached
    // Each stage's own place and decision, for that stage's recap (not in the §6 JSON).
    let desk: Vec<(u32, StageDecision)> = ["P-1", "P-2", "P-3", "P-4"]
        .iter()
        .map(|c| (st(&r, c, "desk").stage_rank, st(&r, c, "desk").decision))
        .collect();
    assert_eq!(
        desk,
        [
            (1, StageDecision::Passed),
            (2, StageDecision::Passed),
            (3, StageDecision::OutsideQuota),
            (4, StageDecision::BelowGrade)
        ]
    );
    // The final on its own score: P-2 (80) before P-1 (60); the final cuts no one.
    assert_eq!((st(&r, "P-2", "final").stage_rank, st(&r, "P-1", "final").stage_rank), (1, 2));
    assert_eq!(st(&r, "P-1", "final").decision, StageDecision::NoCut);
    let json = serde_json::to_value(st(&r, "P-1", "desk")).unwrap();
    assert!(json.get("stage_rank").is_none() && json.get("decision").is_none(), "the §6 JSON is unchanged: {json}");
}

#[test]
fn level_stage_scores_share_a_place() {
    let s = setup(vec![simple_stage("desk", 100.0)], &[]);
    let scores = simple("desk", &[("P-1", "J1", 80.0), ("P-2", "J1", 80.0), ("P-3", "J1", 70.0)]);
    let props: Vec<ProposalEntry> = ["P-1", "P-2", "P-3"].iter().map(|c| prop(c, "TK")).collect();
    let r = compute_recap(&s, &props, &scores).recap;
    let places: Vec<u32> = ["P-1", "P-2", "P-3"].iter().map(|c| st(&r, c, "desk").stage_rank).collect();
    assert_eq!(places, [1, 1, 3]);
}

#[test]
fn finalist_cut_keeps_ties_and_weight_zero_desk_stays_out_of_final() {
    let mut desk = simple_stage("desk", 0.0);
    desk.finalists_per_category = Some(2);
    let s = setup(vec![desk, simple_stage("final", 100.0)], &[]);
    let mut scores = simple(
        "desk",
        &[
            ("P-1", "J1", 90.0),
            ("P-2", "J1", 80.0),
            ("P-3", "J1", 80.0),
            ("P-4", "J1", 70.0),
            ("P-5", "J1", 50.0),
            ("P-6", "J1", 40.0),
        ],
    );
    scores.extend(simple(
        "final",
        &[
            ("P-1", "J1", 61.0),
            ("P-2", "J1", 62.0),
            ("P-3", "J1", 63.0),
            ("P-4", "J1", 99.0),
            ("P-5", "J1", 10.0),
            ("P-6", "J1", 20.0),
        ],
    ));
    let props = [
        prop("P-1", "TK"),
        prop("P-2", "TK"),
        prop("P-3", "TK"),
        prop("P-4", "TK"),
        prop("P-5", "KS"),
        prop("P-6", "KS"),
    ];
    let r = compute_recap(&s, &props, &scores).recap;
    // TK: 90, 80, 80, 70 with quota 2 → 2nd score 80 is the cut; both 80s stay
    assert_eq!(
        order(&r, 0),
        [("P-3", Some(1), false), ("P-2", Some(2), false), ("P-1", Some(3), false), ("P-4", None, false),]
    );
    assert_eq!(row(&r, "P-4").status, Status::NotFinalist);
    // desk weight 0: final = final-stage score only, not (90·0 + 61·100)/100 mixed with desk
    close(row(&r, "P-1").final_score.unwrap(), 61.0);
    // KS: 2 candidates, quota 2 → both kept; P-6 20 > P-5 10
    assert_eq!(order(&r, 1), [("P-6", Some(1), false), ("P-5", Some(2), false)]);
}

#[test]
fn weight_zero_stage_without_cut_is_not_needed() {
    let s = setup(vec![simple_stage("info", 0.0), simple_stage("final", 100.0)], &["stage:info"]);
    let mut scores = simple("final", &[("P-1", "J1", 70.0), ("P-2", "J1", 70.0)]);
    scores.extend(simple("info", &[("P-2", "J1", 10.0)]));
    let r = compute_recap(&s, &[prop("P-1", "TK"), prop("P-2", "TK")], &scores).recap;
    // P-1 has no "info" entry but is still ranked; as a tie-break its missing
    // value counts as −∞, so P-2 (10) goes first
    assert_eq!(row(&r, "P-1").status, Status::Ranked);
    close(row(&r, "P-1").final_score.unwrap(), 70.0); // only "final" is weighted
    assert_eq!(order(&r, 0), [("P-2", Some(1), false), ("P-1", Some(2), false)]);
}

#[test]
fn incomplete_at_a_cutting_stage_stops_there() {
    let mut desk = simple_stage("desk", 50.0);
    desk.passing_grade = Some(10.0);
    let s = setup(vec![desk, simple_stage("final", 50.0)], &[]);
    let scores = simple("final", &[("P-1", "J1", 70.0)]);
    let r = compute_recap(&s, &[prop("P-1", "TK")], &scores).recap;
    let p1 = row(&r, "P-1");
    assert_eq!(p1.status, Status::Incomplete);
    assert!(p1.stages.0.is_empty()); // no desk entry, final never reached
}

#[test]
fn scores_of_unreached_stage_are_ignored_in_zscore_stats() {
    let mut desk = simple_stage("desk", 0.0);
    desk.finalists_per_category = Some(1);
    let mut s = setup(vec![desk, simple_stage("final", 100.0)], &[]);
    s.normalisation = Normalisation::Zscore;
    let mut scores = simple("desk", &[("P-1", "J1", 90.0), ("P-2", "J1", 50.0)]);
    let finalist = simple("final", &[("P-1", "J1", 80.0), ("P-1", "J2", 60.0)]);
    scores.extend(finalist);
    let without_p2 = scores.clone();
    scores.extend(simple("final", &[("P-2", "J1", 40.0), ("P-2", "J2", 100.0)]));

    let props = [prop("P-1", "TK"), prop("P-2", "TK")];
    let result = compute_recap(&s, &props, &scores);
    let r = &result.recap;
    // final-stage pool is only P-1: M = (80+60)/2 = 70; each judge has one sheet,
    // σ_j = 0 → x' = M = 70 for both. (With P-2's sheets J1 would be μ 60 σ 20.)
    let p1 = st(r, "P-1", "final");
    close(p1.score, 70.0);
    close(p1.sd, 0.0);
    close(p1.raw, 70.0);
    assert_eq!(row(r, "P-2").status, Status::NotFinalist);
    assert_eq!(r, &compute_recap(&s, &props, &without_p2).recap);

    let p2_final = &result.details[1].stages[1];
    assert!(!p2_final.reached);
    assert!(p2_final.judges.iter().all(|j| j.complete && !j.counted));
    assert!(p2_final.judges.iter().all(|j| j.normalised.is_none()));
}

#[test]
fn unknown_codes_are_ignored() {
    let s = setup(vec![simple_stage("S", 100.0)], &[]);
    let mut scores = simple("S", &[("P-1", "J1", 70.0), ("P-X", "J1", 10.0)]);
    scores.extend(simple("T", &[("P-1", "J1", 10.0)])); // unknown stage
    scores.extend(sheet("S", "P-1", "J2", &[("zz", 10.0)])); // unknown criterion
    let props = [prop("P-1", "TK"), prop("P-9", "??")]; // unknown category: left out
    let r = compute_recap(&s, &props, &scores).recap;
    let p1 = st(&r, "P-1", "S");
    assert_eq!((p1.judges, p1.incomplete_sheets), (1, 0));
    close(p1.score, 70.0);
    let codes: Vec<&str> = r.categories.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["TK", "KS"]); // setup order, empty category kept
    assert_eq!(r.categories.iter().map(|c| c.rows.len()).sum::<usize>(), 1);
}

// ---------- exact JSON ----------

#[test]
fn recap_json_exact_bytes() {
    let s = setup(
        vec![
            simple_stage("proposal", 30.0),
            stage("presentasi", 70.0, vec![crit("k1", 1.0, 0.0, 10.0), crit("k2", 1.0, 0.0, 10.0)]),
        ],
        &[],
    );
    let mut scores = simple("proposal", &[("P-1", "J1", 80.0), ("P-1", "J2", 90.0), ("P-3", "J1", 60.0)]);
    scores.extend(sheet("presentasi", "P-1", "J1", &[("k1", 7.0), ("k2", 7.0)]));
    scores.extend(sheet("presentasi", "P-1", "J2", &[("k1", 5.0)]));
    scores.extend(simple("proposal", &[("P-2", "J1", 100.0)]));
    let props = [prop("P-3", "TK"), excluded("P-2", "TK"), prop("P-1", "TK")];
    let json = recap_json(&compute_recap(&s, &props, &scores).recap);
    // P-1: proposal (80+90)/2 = 85, sd 5; presentasi J1 (70+70)/2 = 70, J2 incomplete;
    // final (30·85 + 70·70)/100 = (2550 + 4900)/100 = 74.5.
    // P-2 excluded; P-3 has no presentasi entry (weight 70) → incomplete.
    let expected = r#"{
  "competition": "Uji",
  "normalisation": "none",
  "categories": [
    {
      "code": "TK",
      "name": "Tata Kelola",
      "rows": [
        {
          "rank": 1,
          "tied": false,
          "proposal": "P-1",
          "title": "Judul P-1",
          "unit": "Unit P-1",
          "final": 74.5,
          "stages": {
            "proposal": {
              "score": 85.0,
              "raw": 85.0,
              "judges": 2,
              "sd": 5.0,
              "flagged": false
            },
            "presentasi": {
              "score": 70.0,
              "raw": 70.0,
              "judges": 1,
              "sd": 0.0,
              "flagged": false,
              "incomplete_sheets": 1
            }
          },
          "status": "ranked"
        },
        {
          "rank": null,
          "tied": false,
          "proposal": "P-2",
          "title": "Judul P-2",
          "unit": "Unit P-2",
          "final": null,
          "stages": {},
          "status": "excluded"
        },
        {
          "rank": null,
          "tied": false,
          "proposal": "P-3",
          "title": "Judul P-3",
          "unit": "Unit P-3",
          "final": null,
          "stages": {
            "proposal": {
              "score": 60.0,
              "raw": 60.0,
              "judges": 1,
              "sd": 0.0,
              "flagged": false
            }
          },
          "status": "incomplete"
        }
      ]
    },
    {
      "code": "KS",
      "name": "Kesehatan",
      "rows": []
    }
  ]
}"#;
    assert_eq!(json, expected);
}
