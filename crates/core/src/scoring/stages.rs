//! One stage at a time: sheets → judge stage scores (rules 1–3) → stage
//! results (rule 4) → pass / cut outcomes (rule 7).
//!
//! Proposals are indices into the list sorted by code and judges come in code
//! order (`BTreeMap`), so every sum below runs in one fixed order.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::model::*;
use super::stats::{EPS, mean, pop_sd, zscore_rescale};

/// Per proposal index: judge code → criterion values in setup order.
pub(super) type StageSheets<'a> = Vec<BTreeMap<&'a str, Vec<Option<f64>>>>;

/// One counted sheet: complete, of a non-excluded proposal that reached the stage.
pub(super) struct Counted<'a> {
    pub(super) proposal: usize,
    pub(super) judge: &'a str,
    /// Criterion percentages q_c, setup order.
    pub(super) q: Vec<f64>,
    /// x_jps.
    pub(super) raw: f64,
    /// Value used downstream: x'_jps under z-score, else x_jps.
    pub(super) used: f64,
}

/// What one stage produced, per proposal index.
pub(super) struct StageEval<'a> {
    pub(super) results: Vec<Option<StageResult>>,
    /// Mean raw q_c per criterion over the counted judges (criterion tie-break).
    pub(super) criterion_means: Vec<Vec<f64>>,
    /// Judge → x'_jps, filled only under z-score (drill-down).
    pub(super) normalised: Vec<BTreeMap<&'a str, f64>>,
    /// Every counted sheet, grouped by proposal (the jury statistics read them).
    pub(super) counted: Vec<Counted<'a>>,
}

/// Why a proposal that reached a stage did or did not get through it.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Outcome {
    Pass,
    NoEntry,
    BelowGrade,
    OutsideQuota,
}

/// Groups score values into sheets; scores naming an unknown stage, criterion or
/// proposal are ignored (validation happens at import).
pub(super) fn collect_sheets<'a>(
    setup: &RankingSetup,
    props: &[&ProposalEntry],
    scores: &'a [ScoreEntry],
) -> Vec<StageSheets<'a>> {
    let index: HashMap<&str, usize> = props.iter().enumerate().map(|(i, p)| (p.code.as_str(), i)).collect();
    let mut sheets: Vec<StageSheets> = setup.stages.iter().map(|_| vec![BTreeMap::new(); props.len()]).collect();
    // Loaded scores share their code strings and come grouped by proposal: the proposal, stage and
    // criterion of a row are found by pointer among the last ones seen before any text is compared.
    let mut last_proposal: Option<(&Arc<str>, usize)> = None;
    let mut seen_criteria: Vec<(&Arc<str>, &Arc<str>, usize, usize)> = Vec::new();
    for s in scores {
        let known = seen_criteria
            .iter()
            .find(|(st, c, ..)| Arc::ptr_eq(st, &s.stage) && Arc::ptr_eq(c, &s.criterion))
            .map(|&(.., si, ci)| (si, ci));
        let (si, ci) = match known {
            Some(found) => found,
            None => {
                let Some(si) = setup.stages.iter().position(|st| *st.code == *s.stage) else {
                    continue;
                };
                let Some(ci) = setup.stages[si].criteria.iter().position(|c| *c.code == *s.criterion) else {
                    continue;
                };
                if seen_criteria.len() < 64 {
                    seen_criteria.push((&s.stage, &s.criterion, si, ci));
                }
                (si, ci)
            }
        };
        let criteria = &setup.stages[si].criteria;
        let p = match last_proposal {
            Some((code, p)) if Arc::ptr_eq(code, &s.proposal) => p,
            _ => {
                let Some(&p) = index.get(&*s.proposal) else {
                    continue;
                };
                last_proposal = Some((&s.proposal, p));
                p
            }
        };
        let sheet = sheets[si][p].entry(&*s.judge).or_insert_with(|| vec![None; criteria.len()]);
        // Uniqueness is guaranteed by the import; with a duplicate the result
        // would depend on input order.
        debug_assert!(sheet[ci].is_none(), "duplicate score {s:?}");
        sheet[ci] = Some(s.value);
    }
    sheets
}

/// Criterion percentages q_c (rule 1) of a complete sheet; None if incomplete.
pub(super) fn percentages(stage: &StageDef, values: &[Option<f64>]) -> Option<Vec<f64>> {
    stage.criteria.iter().zip(values).map(|(c, v)| v.map(|v| 100.0 * (v - c.min) / (c.max - c.min))).collect()
}

/// x_jps = Σ w_c q_c / Σ w_c (rule 2), criteria in setup order.
pub(super) fn judge_score(stage: &StageDef, q: &[f64]) -> f64 {
    let num: f64 = stage.criteria.iter().zip(q).map(|(c, q)| c.weight * q).sum();
    let den: f64 = stage.criteria.iter().map(|c| c.weight).sum();
    num / den
}

pub(super) fn evaluate_stage<'a>(
    setup: &RankingSetup,
    stage: &StageDef,
    sheets: &StageSheets<'a>,
    reached: &[bool],
) -> StageEval<'a> {
    let n = sheets.len();
    let mut incomplete = vec![0u32; n];
    let mut counted: Vec<Counted<'a>> = Vec::new();
    for (p, by_judge) in sheets.iter().enumerate().filter(|&(p, _)| reached[p]) {
        for (&judge, values) in by_judge {
            match percentages(stage, values) {
                Some(q) => {
                    let raw = judge_score(stage, &q);
                    counted.push(Counted { proposal: p, judge, q, raw, used: raw });
                }
                None => incomplete[p] += 1,
            }
        }
    }
    if setup.normalisation == Normalisation::Zscore {
        let samples: Vec<(&str, f64)> = counted.iter().map(|c| (c.judge, c.raw)).collect();
        for (c, x) in counted.iter_mut().zip(zscore_rescale(&samples)) {
            c.used = x;
        }
    }

    let mut eval = StageEval {
        results: vec![None; n],
        criterion_means: vec![Vec::new(); n],
        normalised: vec![BTreeMap::new(); n],
        counted: Vec::new(),
    };
    // `counted` is grouped by proposal already (outer loop above).
    for group in counted.chunk_by(|a, b| a.proposal == b.proposal) {
        let p = group[0].proposal;
        let used: Vec<f64> = group.iter().map(|c| c.used).collect();
        let raw: Vec<f64> = group.iter().map(|c| c.raw).collect();
        let sd = pop_sd(&used);
        eval.results[p] = Some(StageResult {
            score: mean(&used),
            raw: mean(&raw),
            judges: group.len() as u32,
            sd,
            flagged: sd > setup.disagreement_threshold + EPS,
            incomplete_sheets: incomplete[p],
            stage_rank: 0,
            decision: StageDecision::NoCut,
        });
        eval.criterion_means[p] =
            (0..stage.criteria.len()).map(|ci| mean(&group.iter().map(|c| c.q[ci]).collect::<Vec<_>>())).collect();
        if setup.normalisation == Normalisation::Zscore {
            eval.normalised[p] = group.iter().map(|c| (c.judge, c.used)).collect();
        }
    }
    eval.counted = counted;
    eval
}

/// Passing grade, then finalist quota per category (FORMATS.md §5 rule 7, §8).
/// Only meaningful for proposals that reached the stage.
pub(super) fn stage_outcomes(
    stage: &StageDef,
    props: &[&ProposalEntry],
    results: &[Option<StageResult>],
    reached: &[bool],
) -> Vec<Outcome> {
    let mut out: Vec<Outcome> = results
        .iter()
        .map(|r| match (r, stage.passing_grade) {
            (None, _) => Outcome::NoEntry,
            (Some(r), Some(grade)) if r.score < grade - EPS => Outcome::BelowGrade,
            (Some(_), _) => Outcome::Pass,
        })
        .collect();
    let Some(quota) = stage.finalists_per_category else {
        return out;
    };
    let quota = quota as usize;
    let mut by_category: BTreeMap<&str, Vec<(usize, f64)>> = BTreeMap::new();
    for (p, r) in results.iter().enumerate() {
        if let (true, Outcome::Pass, Some(r)) = (reached[p], out[p], r) {
            by_category.entry(props[p].category.as_str()).or_default().push((p, r.score));
        }
    }
    for candidates in by_category.values() {
        if candidates.len() <= quota {
            continue;
        }
        let mut sorted: Vec<f64> = candidates.iter().map(|&(_, s)| s).collect();
        sorted.sort_by(|a, b| b.total_cmp(a));
        // Everyone level with the quota-th score stays: no tie-break at a cut.
        let cut = quota.checked_sub(1).map(|i| sorted[i]); // quota 0 keeps no one
        for &(p, score) in candidates {
            if cut.is_none_or(|t| score < t - EPS) {
                out[p] = Outcome::OutsideQuota;
            }
        }
    }
    out
}
