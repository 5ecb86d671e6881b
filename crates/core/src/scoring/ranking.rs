//! The recap: stages in setup order → statuses → finals → ranks, plus the
//! drill-down details.
//!
//! Proposals are handled by index into a list sorted by code, stages and
//! criteria in setup order, so the output does not depend on input order.

use std::collections::HashMap;

use super::model::*;
use super::stages::{
    Outcome, StageEval, StageSheets, collect_sheets, evaluate_stage, judge_score, percentages, stage_outcomes,
};
use super::stats::{EPS, approx_eq};

enum TieKey {
    Stage(usize),
    Criterion(usize, usize),
}

pub fn compute_recap(setup: &RankingSetup, proposals: &[ProposalEntry], scores: &[ScoreEntry]) -> RecapResult {
    rank(setup, proposals, scores, true)
}

/// The recap alone, without the per-judge drill-down: what `juri recap` prints. The drill-down
/// (a judge sheet with its criterion values for every proposal) is about half of the ranking's time.
pub fn compute_ranking(setup: &RankingSetup, proposals: &[ProposalEntry], scores: &[ScoreEntry]) -> Recap {
    rank(setup, proposals, scores, false).recap
}

fn rank(setup: &RankingSetup, proposals: &[ProposalEntry], scores: &[ScoreEntry], with_details: bool) -> RecapResult {
    let props = known_proposals(setup, proposals);
    let sheets = collect_sheets(setup, &props, scores);
    let walk = walk_stages(setup, &props, &sheets);
    ranked(setup, &props, &sheets, walk, with_details)
}

/// The recap (and, `with_details`, the per-judge drill-down) from the stages' walk.
fn ranked(
    setup: &RankingSetup,
    props: &[&ProposalEntry],
    sheets: &[StageSheets],
    walk: Walk,
    with_details: bool,
) -> RecapResult {
    let n = props.len();
    let Walk { evals, reached_at, status } = walk;
    let status: Vec<Status> = status.into_iter().map(|s| s.unwrap_or(Status::Ranked)).collect();
    let finals: Vec<Option<f64>> = (0..n)
        .map(|p| match status[p] {
            Status::Ranked => final_score(setup, &evals, p),
            _ => None,
        })
        .collect();

    let tie_keys = parse_tie_break(setup);
    let categories = setup
        .categories
        .iter()
        .map(|cat| {
            let members: Vec<usize> = (0..n).filter(|&p| props[p].category == cat.code).collect();
            let row = |p: usize, rank: Option<u32>, tied: bool| RecapRow {
                rank,
                tied,
                proposal: props[p].code.clone(),
                title: props[p].title.clone(),
                unit: props[p].unit.clone(),
                final_score: finals[p],
                stages: stage_results(setup, &evals, &reached_at, p),
                status: status[p],
            };
            let ranked: Vec<usize> = members.iter().copied().filter(|&p| status[p] == Status::Ranked).collect();
            let mut rows = Vec::with_capacity(members.len());
            let mut position = 0;
            for group in rank_groups(&ranked, &finals, &tie_keys, &evals) {
                let rank = Some(position as u32 + 1);
                let tied = group.len() > 1;
                position += group.len();
                rows.extend(group.into_iter().map(|p| row(p, rank, tied)));
            }
            rows.extend(members.iter().filter(|&&p| status[p] != Status::Ranked).map(|&p| row(p, None, false)));
            RecapCategory { code: cat.code.clone(), name: cat.name.clone(), rows }
        })
        .collect();

    RecapResult {
        recap: Recap { competition: setup.competition.clone(), normalisation: setup.normalisation, categories },
        details: if with_details { details(setup, props, sheets, &evals, &reached_at) } else { Vec::new() },
    }
}

/// What the stages made of the sheets, stage by stage in setup order.
struct Walk<'a> {
    evals: Vec<StageEval<'a>>,
    /// Per stage: which proposals reached it.
    reached_at: Vec<Vec<bool>>,
    /// The first failure of a needed stage, or Excluded; None is ranked.
    status: Vec<Option<Status>>,
}

fn walk_stages<'a>(setup: &RankingSetup, props: &[&ProposalEntry], sheets: &[StageSheets<'a>]) -> Walk<'a> {
    let n = props.len();
    // Excluded proposals never reach any stage, so their scores enter no statistic.
    let mut reached: Vec<bool> = props.iter().map(|p| !p.excluded).collect();
    let mut status: Vec<Option<Status>> = props.iter().map(|p| p.excluded.then_some(Status::Excluded)).collect();
    let mut reached_at = Vec::with_capacity(setup.stages.len());
    let mut evals = Vec::with_capacity(setup.stages.len());

    for (si, stage) in setup.stages.iter().enumerate() {
        let mut eval = evaluate_stage(setup, stage, &sheets[si], &reached);
        let outcomes = stage_outcomes(stage, props, &eval.results, &reached);
        place_within_stage(setup, stage, props, &mut eval, &outcomes);
        reached_at.push(reached.clone());
        for p in 0..n {
            if !reached[p] {
                continue;
            }
            let failure = match outcomes[p] {
                Outcome::Pass => continue,
                Outcome::NoEntry => Status::Incomplete,
                Outcome::BelowGrade => Status::DidNotPass,
                Outcome::OutsideQuota => Status::NotFinalist,
            };
            // The first needed stage that fails decides the status.
            if status[p].is_none() && stage.needed() {
                status[p] = Some(failure);
            }
            // Only a cutting stage stops a proposal from reaching the next one.
            if stage.cuts() {
                reached[p] = false;
            }
        }
        evals.push(eval);
    }
    Walk { evals, reached_at, status }
}

/// The counted sheets behind the recap (FORMATS.md §11: complete sheets of proposals that reached
/// the stage, excluded proposals left out), with the recap itself, for the jury statistics.
pub fn jury_matrix(setup: &RankingSetup, proposals: &[ProposalEntry], scores: &[ScoreEntry]) -> JuryMatrix {
    let props = known_proposals(setup, proposals);
    let sheets = collect_sheets(setup, &props, scores);
    let walk = walk_stages(setup, &props, &sheets);
    let stages = walk
        .evals
        .iter()
        .map(|eval| {
            let mut per_proposal: Vec<Vec<CountedSheet>> = vec![Vec::new(); props.len()];
            for c in &eval.counted {
                per_proposal[c.proposal].push(CountedSheet {
                    judge: c.judge.to_string(),
                    raw: c.raw,
                    used: c.used,
                    q: c.q.clone(),
                });
            }
            per_proposal
        })
        .collect();
    // The recap from the same walk: the stages are evaluated once.
    JuryMatrix {
        proposals: props.iter().map(|p| (*p).clone()).collect(),
        sheets: stages,
        recap: ranked(setup, &props, &sheets, walk, false).recap,
    }
}

/// Category codes whose set of rank-1 proposals differs between plain means and
/// z-score normalisation, in setup order.
pub fn winners_differ(setup: &RankingSetup, proposals: &[ProposalEntry], scores: &[ScoreEntry]) -> Vec<String> {
    let recap_with = |normalisation| {
        let setup = RankingSetup { normalisation, ..setup.clone() };
        compute_recap(&setup, proposals, scores).recap
    };
    let plain = recap_with(Normalisation::None);
    let zscore = recap_with(Normalisation::Zscore);
    // Rows sharing rank 1 are in code order, so comparing the lists compares sets.
    let winners = |c: &RecapCategory| -> Vec<String> {
        c.rows.iter().filter(|r| r.rank == Some(1)).map(|r| r.proposal.clone()).collect()
    };
    plain
        .categories
        .iter()
        .zip(&zscore.categories)
        .filter(|(a, b)| winners(a) != winners(b))
        .map(|(a, _)| a.code.clone())
        .collect()
}

/// Proposals of a known category, sorted by code. Others are left out of the
/// recap and, so that what is not shown cannot move what is, of every statistic.
fn known_proposals<'a>(setup: &RankingSetup, proposals: &'a [ProposalEntry]) -> Vec<&'a ProposalEntry> {
    let mut props: Vec<&ProposalEntry> =
        proposals.iter().filter(|p| setup.categories.iter().any(|c| c.code == p.category)).collect();
    props.sort_by(|a, b| a.code.cmp(&b.code));
    debug_assert!(props.windows(2).all(|w| w[0].code != w[1].code), "proposal codes must be unique");
    props
}

/// Σ W_s·score_s / Σ W_s over stages with weight > 0 (rule 5); None when no
/// stage is weighted or an entry is missing (the status walk rules that out).
fn final_score(setup: &RankingSetup, evals: &[StageEval], p: usize) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for (stage, eval) in setup.stages.iter().zip(evals) {
        if stage.weight > 0.0 {
            num += stage.weight * eval.results[p].as_ref()?.score;
            den += stage.weight;
        }
    }
    (den > 0.0).then(|| num / den)
}

/// The `stages` object of a row: stages the proposal reached with ≥ 1 counted judge.
fn stage_results(setup: &RankingSetup, evals: &[StageEval], reached_at: &[Vec<bool>], p: usize) -> StageResults {
    StageResults(
        setup
            .stages
            .iter()
            .enumerate()
            .filter(|&(si, _)| reached_at[si][p])
            .filter_map(|(si, stage)| {
                let r = evals[si].results[p].clone()?;
                Some((stage.code.clone(), r))
            })
            .collect(),
    )
}

/// Each result's place on the stage's own score within its category (1, 2, 2, 4: level scores
/// share a place) and what the stage decided for it, for the stage's recap.
fn place_within_stage(
    setup: &RankingSetup,
    stage: &StageDef,
    props: &[&ProposalEntry],
    eval: &mut StageEval,
    outcomes: &[Outcome],
) {
    for cat in &setup.categories {
        let mut scored: Vec<(usize, f64)> = (0..props.len())
            .filter(|&p| props[p].category == cat.code)
            .filter_map(|p| eval.results[p].as_ref().map(|r| (p, r.score)))
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut place = 0;
        for (i, &(p, score)) in scored.iter().enumerate() {
            if i == 0 || scored[i - 1].1 - score > EPS {
                place = i as u32 + 1;
            }
            let Some(r) = eval.results[p].as_mut() else { continue };
            r.stage_rank = place;
            r.decision = match (stage.cuts(), outcomes[p]) {
                (false, _) => StageDecision::NoCut,
                (true, Outcome::Pass) => StageDecision::Passed,
                (true, Outcome::BelowGrade) => StageDecision::BelowGrade,
                (true, Outcome::OutsideQuota) => StageDecision::OutsideQuota,
                // a result always has an entry
                (true, Outcome::NoEntry) => StageDecision::NoCut,
            };
        }
    }
}

/// Unknown or malformed tie-break entries are ignored.
fn parse_tie_break(setup: &RankingSetup) -> Vec<TieKey> {
    let stage_index = |code: &str| setup.stages.iter().position(|s| s.code == code);
    setup
        .tie_break
        .iter()
        .filter_map(|entry| {
            if let Some(code) = entry.strip_prefix("stage:") {
                return stage_index(code).map(TieKey::Stage);
            }
            let (stage, criterion) = entry.strip_prefix("criterion:")?.split_once('/')?;
            let si = stage_index(stage)?;
            let ci = setup.stages[si].criteria.iter().position(|c| c.code == criterion)?;
            Some(TieKey::Criterion(si, ci))
        })
        .collect()
}

/// Ranked proposals of one category split into groups sharing a rank, best
/// first, each group in code order.
///
/// Keys are compared one at a time: sort by the key, then split where two
/// neighbours differ by EPS or more, and recurse into each run with the next
/// key. Grouping neighbours (rather than sorting with an EPS comparator, which
/// is not a total order) keeps the result well defined and the sort panic-free.
fn rank_groups(ranked: &[usize], finals: &[Option<f64>], tie_keys: &[TieKey], evals: &[StageEval]) -> Vec<Vec<usize>> {
    let keys: HashMap<usize, Vec<f64>> = ranked
        .iter()
        .map(|&p| {
            let mut k = vec![finals[p].unwrap_or(f64::NEG_INFINITY)];
            k.extend(tie_keys.iter().map(|t| tie_value(t, evals, p)));
            (p, k)
        })
        .collect();
    let mut out = Vec::new();
    split_groups(ranked.to_vec(), &keys, 0, 1 + tie_keys.len(), &mut out);
    out
}

fn split_groups(
    mut items: Vec<usize>,
    keys: &HashMap<usize, Vec<f64>>,
    level: usize,
    levels: usize,
    out: &mut Vec<Vec<usize>>,
) {
    if items.is_empty() {
        return;
    }
    if level == levels {
        items.sort_unstable(); // indices follow proposal code order
        out.push(items);
        return;
    }
    let key = |p: &usize| keys[p][level];
    items.sort_by(|a, b| key(b).total_cmp(&key(a)).then(a.cmp(b)));
    let mut start = 0;
    for i in 1..=items.len() {
        if i == items.len() || !approx_eq(key(&items[i - 1]), key(&items[i])) {
            split_groups(items[start..i].to_vec(), keys, level + 1, levels, out);
            start = i;
        }
    }
}

/// Missing values rank below everything.
fn tie_value(key: &TieKey, evals: &[StageEval], p: usize) -> f64 {
    match *key {
        TieKey::Stage(si) => evals[si].results[p].as_ref().map(|r| r.score),
        TieKey::Criterion(si, ci) => evals[si].criterion_means[p].get(ci).copied(),
    }
    .unwrap_or(f64::NEG_INFINITY)
}

fn details(
    setup: &RankingSetup,
    props: &[&ProposalEntry],
    sheets: &[StageSheets],
    evals: &[StageEval],
    reached_at: &[Vec<bool>],
) -> Vec<ProposalDetail> {
    let judge_sheet = |si: usize, p: usize, judge: &str, values: &[Option<f64>]| {
        let stage = &setup.stages[si];
        let raw = percentages(stage, values).map(|q| judge_score(stage, &q));
        JudgeSheet {
            judge: judge.to_string(),
            values: stage
                .criteria
                .iter()
                .zip(values)
                .filter_map(|(c, v)| v.map(|value| CriterionValue { criterion: c.code.clone(), value }))
                .collect(),
            complete: raw.is_some(),
            raw,
            normalised: evals[si].normalised[p].get(judge).copied(),
            counted: raw.is_some() && reached_at[si][p],
        }
    };
    props
        .iter()
        .enumerate()
        .map(|(p, prop)| ProposalDetail {
            proposal: prop.code.clone(),
            stages: setup
                .stages
                .iter()
                .enumerate()
                .map(|(si, stage)| StageDetail {
                    stage: stage.code.clone(),
                    reached: reached_at[si][p],
                    judges: sheets[si][p].iter().map(|(&j, values)| judge_sheet(si, p, j, values)).collect(),
                })
                .collect(),
        })
        .collect()
}
