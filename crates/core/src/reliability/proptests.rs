//! Properties of the jury statistics over random juries (issue 18): alpha does not move when every
//! score moves by a constant, severities of a balanced design sum to zero, and the bootstrap gives
//! the same result for the same seed whatever the number of threads.

use proptest::prelude::*;

use super::alpha::interval_alpha;
use super::judges::judge_agreement;
use super::stability::{Sample, bootstrap};
use crate::scoring::{CategoryDef, CountedSheet, CriterionDef, Normalisation, RankingSetup, StageDef};

fn sheets(matrix: &[Vec<f64>]) -> Vec<Vec<CountedSheet>> {
    matrix
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(j, &x)| CountedSheet { judge: format!("J{j}"), raw: x, used: x, q: vec![x] })
                .collect()
        })
        .collect()
}

/// Proposals × judges, every judge scoring every proposal (balanced), values 0–100 on a 0.5 grid.
fn balanced() -> impl Strategy<Value = Vec<Vec<f64>>> {
    (2usize..6, 2usize..12).prop_flat_map(|(judges, proposals)| {
        prop::collection::vec(prop::collection::vec((0u32..=200).prop_map(|v| v as f64 / 2.0), judges), proposals)
    })
}

proptest! {
    #[test]
    fn alpha_is_invariant_to_a_constant_shift(m in balanced(), shift in -50.0f64..50.0) {
        let units: Vec<Vec<f64>> = m.clone();
        let shifted: Vec<Vec<f64>> = m.iter().map(|u| u.iter().map(|x| x + shift).collect()).collect();
        match (interval_alpha(&units), interval_alpha(&shifted)) {
            (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-9, "{} {}", a, b),
            (a, b) => prop_assert_eq!(a.is_some(), b.is_some()),
        }
    }

    #[test]
    fn severities_of_a_balanced_design_sum_to_zero(m in balanced()) {
        let agreement = judge_agreement(&sheets(&m));
        let sum: f64 = agreement.iter().map(|j| j.severity.unwrap()).sum();
        prop_assert!(sum.abs() < 1e-9, "{}", sum);
    }

    #[test]
    fn the_bootstrap_depends_on_the_seed_not_the_threads(m in balanced(), seed in any::<u64>()) {
        let setup = RankingSetup {
            competition: "Uji".into(),
            categories: vec![CategoryDef { code: "TK".into(), name: "TK".into() }],
            stages: vec![StageDef {
                code: "s".into(),
                weight: 1.0,
                passing_grade: None,
                finalists_per_category: Some(2),
                criteria: vec![CriterionDef { code: "c".into(), weight: 1.0, min: 0.0, max: 100.0 }],
            }],
            tie_break: vec![],
            normalisation: Normalisation::None,
            disagreement_threshold: 15.0,
        };
        let sample = Sample {
            setup: &setup,
            category: vec![0; m.len()],
            excluded: vec![false; m.len()],
            values: vec![m.clone()],
        };
        let one = bootstrap(&sample, 40, seed, 1, &|| false).unwrap();
        let three = bootstrap(&sample, 40, seed, 3, &|| false).unwrap();
        prop_assert_eq!(one, three);
    }
}
