//! Properties over small random competitions. Values sit on a 5 % grid so exact
//! ties (and ties at cuts and grades) occur often.

use proptest::prelude::*;

use super::tests::{crit, stage};
use super::*;

const CATEGORIES: [&str; 2] = ["TK", "KS"];

#[derive(Debug, Clone)]
struct Case {
    setup: RankingSetup,
    proposals: Vec<ProposalEntry>,
    scores: Vec<ScoreEntry>,
}

/// How a judge filled one sheet: 0 = not at all, 1 = all but the first
/// criterion (incomplete), otherwise complete; plus grid steps 0..=20 per criterion.
type SheetGen = (u8, Vec<u32>);

fn build_setup(desk_weight: f64, grade: Option<f64>, quota: Option<u32>, zscore: bool) -> RankingSetup {
    let mut desk = stage("desk", desk_weight, vec![crit("a", 2.0, 0.0, 100.0), crit("b", 3.0, 0.0, 100.0)]);
    desk.passing_grade = grade;
    desk.finalists_per_category = quota;
    let pres =
        stage("pres", 70.0, vec![crit("x", 30.0, 0.0, 10.0), crit("y", 30.0, 0.0, 10.0), crit("z", 10.0, 1.0, 5.0)]);
    RankingSetup {
        competition: "Prop".into(),
        categories: CATEGORIES
            .iter()
            .map(|c| CategoryDef { code: c.to_string(), name: format!("Kategori {c}") })
            .collect(),
        stages: vec![desk, pres],
        tie_break: vec!["stage:pres".into(), "criterion:desk/a".into()],
        normalisation: if zscore { Normalisation::Zscore } else { Normalisation::None },
        disagreement_threshold: 10.0,
    }
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (2usize..=7, 2usize..=4).prop_flat_map(|(np, nj)| {
        let setup = (
            prop_oneof![Just(0.0), Just(30.0)],
            proptest::option::of(Just(50.0)),
            proptest::option::of(1u32..=3),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(|(w, g, q, z, tb)| {
                let mut setup = build_setup(w, g, q, z);
                if !tb {
                    setup.tie_break.clear();
                }
                setup
            });
        // Coarse cases use two values per criterion, or one, so full ties occur.
        let coarse = 0u8..3;
        let props = prop::collection::vec((0usize..2, 0u8..6), np);
        let sheet = (0u8..5, prop::collection::vec(0u32..=20, 3));
        let sheets = prop::collection::vec(sheet, 2 * np * nj);
        (setup, props, sheets, coarse)
            .prop_map(move |(setup, props, sheets, coarse)| build_case(setup, &props, &sheets, nj, coarse))
    })
}

fn build_case(setup: RankingSetup, props: &[(usize, u8)], sheets: &[SheetGen], nj: usize, coarse: u8) -> Case {
    let proposals: Vec<ProposalEntry> = props
        .iter()
        .enumerate()
        .map(|(i, &(cat, ex))| ProposalEntry {
            code: format!("P-{i:02}"),
            title: format!("Judul {i}"),
            unit: format!("Unit {}", i % 3),
            category: CATEGORIES[cat].into(),
            excluded: ex == 0,
        })
        .collect();
    let mut scores = Vec::new();
    let mut next_sheet = sheets.iter();
    for st in &setup.stages {
        for p in &proposals {
            for j in 0..nj {
                let (presence, steps) = next_sheet.next().expect("enough sheets");
                let skip_first = match presence {
                    0 => continue,
                    1 => 1,
                    _ => 0,
                };
                for (c, &step) in st.criteria.iter().zip(steps).skip(skip_first) {
                    let step = match coarse {
                        0 => step,
                        1 => 16 + 4 * (step % 2),
                        _ => 16,
                    };
                    scores.push(ScoreEntry {
                        stage: st.code.clone().into(),
                        proposal: p.code.clone().into(),
                        judge: format!("J{j}").into(),
                        criterion: c.code.clone().into(),
                        value: c.min + (c.max - c.min) * f64::from(step) / 20.0,
                    });
                }
            }
        }
    }
    Case { setup, proposals, scores }
}

/// Deterministic Fisher–Yates driven by xorshift64, seeded by proptest.
fn shuffle<T>(items: &mut [T], mut seed: u64) {
    seed |= 1;
    for i in (1..items.len()).rev() {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        items.swap(i, (seed % (i as u64 + 1)) as usize);
    }
}

fn run(c: &Case) -> RecapResult {
    compute_recap(&c.setup, &c.proposals, &c.scores)
}

/// Ranks, ties, statuses and finals agree row by row (finals within 1e-9).
fn assert_same_outcome(a: &Recap, b: &Recap) -> Result<(), TestCaseError> {
    for (ca, cb) in a.categories.iter().zip(&b.categories) {
        prop_assert_eq!(ca.rows.len(), cb.rows.len());
        for (ra, rb) in ca.rows.iter().zip(&cb.rows) {
            prop_assert_eq!(&ra.proposal, &rb.proposal);
            prop_assert_eq!((ra.rank, ra.tied, ra.status), (rb.rank, rb.tied, rb.status));
            match (ra.final_score, rb.final_score) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9, "{} vs {}", x, y),
                (x, y) => prop_assert_eq!(x, y),
            }
        }
    }
    Ok(())
}

/// Normalised sheet scores of one stage, standardised over the stage, keyed by
/// (proposal, judge). See `zscore_offset_…` for why standardised.
fn standardised(r: &RecapResult, stage_index: usize) -> Vec<((String, String), f64)> {
    let mut sheets = Vec::new();
    for d in &r.details {
        for j in &d.stages[stage_index].judges {
            if let Some(x) = j.normalised {
                sheets.push(((d.proposal.clone(), j.judge.clone()), x));
            }
        }
    }
    let xs: Vec<f64> = sheets.iter().map(|(_, x)| *x).collect();
    let (m, s) = (stats::mean(&xs), stats::pop_sd(&xs));
    sheets.into_iter().map(|(k, x)| (k, if s < 1e-9 { 0.0 } else { (x - m) / s })).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn input_order_does_not_change_bytes(case in case_strategy(), seed in any::<u64>()) {
        let base = run(&case);
        let mut shuffled = case.clone();
        shuffle(&mut shuffled.proposals, seed);
        shuffle(&mut shuffled.scores, seed.rotate_left(17));
        let other = run(&shuffled);
        prop_assert_eq!(recap_json(&base.recap), recap_json(&other.recap));
        let alone = compute_ranking(&shuffled.setup, &shuffled.proposals, &shuffled.scores);
        prop_assert_eq!(recap_json(&base.recap), recap_json(&alone), "the recap without the drill-down is the same");
        prop_assert_eq!(
            serde_json::to_string(&base.details).unwrap(),
            serde_json::to_string(&other.details).unwrap()
        );
    }

    /// Scores loaded from the database share one string per code (the ranking then matches them
    /// by pointer); the same scores with a string each must give the same bytes, in any order.
    #[test]
    fn shared_code_strings_do_not_change_bytes(case in case_strategy(), seed in any::<u64>()) {
        let base = run(&case);
        let mut shared = case.clone();
        let mut pool: std::collections::HashMap<String, std::sync::Arc<str>> = Default::default();
        let mut intern = |s: &std::sync::Arc<str>| pool.entry(s.to_string()).or_insert_with(|| s.clone()).clone();
        for e in &mut shared.scores {
            (e.stage, e.proposal, e.judge, e.criterion) =
                (intern(&e.stage), intern(&e.proposal), intern(&e.judge), intern(&e.criterion));
        }
        shuffle(&mut shared.scores, seed);
        let other = run(&shared);
        prop_assert_eq!(recap_json(&base.recap), recap_json(&other.recap));
        prop_assert_eq!(
            serde_json::to_string(&base.details).unwrap(),
            serde_json::to_string(&other.details).unwrap()
        );
    }

    #[test]
    fn scaling_criterion_weights_keeps_outcome(case in case_strategy(), k in 0.01f64..100.0) {
        let mut scaled = case.clone();
        for st in &mut scaled.setup.stages {
            for c in &mut st.criteria {
                c.weight *= k;
            }
        }
        assert_same_outcome(&run(&case).recap, &run(&scaled).recap)?;
    }

    #[test]
    fn scaling_stage_weights_keeps_outcome(case in case_strategy(), k in 0.01f64..100.0) {
        let mut scaled = case.clone();
        for st in &mut scaled.setup.stages {
            st.weight *= k;
        }
        assert_same_outcome(&run(&case).recap, &run(&scaled).recap)?;
    }

    /// Shifting every value of one judge by d on a 0–1000 scale shifts that
    /// judge's stage scores by d/10. The per-judge z-values are unchanged, but
    /// M and S (pooled over all judges) move, so x' = M + S·z changes by one
    /// affine map for the whole stage: standardised x' and the ranks stay put.
    #[test]
    fn zscore_offset_of_one_judge_changes_nothing_relative(
        np in 2usize..=6,
        nj in 2usize..=4,
        grid in prop::collection::vec((any::<bool>(), 10u32..=80, 10u32..=80), 24),
        offset in 1u32..=200,
    ) {
        let mut setup = build_setup(0.0, None, None, true);
        setup.stages = vec![stage(
            "S",
            100.0,
            vec![crit("a", 1.0, 0.0, 1000.0), crit("b", 2.0, 0.0, 1000.0)],
        )];
        let proposals: Vec<ProposalEntry> = (0..np)
            .map(|i| ProposalEntry {
                code: format!("P-{i}"),
                title: String::new(),
                unit: String::new(),
                category: CATEGORIES[i % 2].into(),
                excluded: false,
            })
            .collect();
        let make = |shift: u32| -> Vec<ScoreEntry> {
            let mut scores = Vec::new();
            for (i, p) in proposals.iter().enumerate() {
                for j in 0..nj {
                    let (present, a, b) = grid[i * nj + j];
                    if !present { continue; }
                    let bump = if j == 0 { f64::from(shift) } else { 0.0 };
                    for (c, v) in [("a", a), ("b", b)] {
                        scores.push(ScoreEntry {
                            stage: "S".into(),
                            proposal: p.code.clone().into(),
                            judge: format!("J{j}").into(),
                            criterion: c.into(),
                            value: f64::from(v) * 10.0 + bump, // ≤ 800 + 200
                        });
                    }
                }
            }
            scores
        };
        let base = compute_recap(&setup, &proposals, &make(0));
        let moved = compute_recap(&setup, &proposals, &make(offset));
        let (za, zb) = (standardised(&base, 0), standardised(&moved, 0));
        prop_assert_eq!(za.len(), zb.len());
        for ((ka, a), (kb, b)) in za.iter().zip(&zb) {
            prop_assert_eq!(ka, kb);
            prop_assert!((a - b).abs() < 1e-6, "{:?}: {} vs {}", ka, a, b);
        }
        for (ca, cb) in base.recap.categories.iter().zip(&moved.recap.categories) {
            let ranks = |c: &RecapCategory| -> Vec<(String, Option<u32>)> {
                c.rows.iter().map(|r| (r.proposal.clone(), r.rank)).collect()
            };
            prop_assert_eq!(ranks(ca), ranks(cb));
        }
    }
}
