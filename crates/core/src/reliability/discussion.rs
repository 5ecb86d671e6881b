//! The plenary's discussion queue: proposals ordered by how much their judges disagree (the SD of
//! the stage and the criteria whose percentages differ by more than the disagreement threshold),
//! and a before/after log once a proposal has been discussed.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputProblem, Result};
use crate::scoring::recap::ranking_inputs;
use crate::scoring::stats::EPS;
use crate::scoring::{JuryMatrix, RankingSetup, jury_matrix};

/// A criterion on which the judges of one proposal differ by more than the threshold.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CriterionSpread {
    pub criterion: String,
    /// Highest minus lowest criterion percentage among the counted judges.
    pub spread: f64,
}

/// One judge's stage score before the discussion and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeScoreThen {
    pub judge: String,
    pub x: f64,
}

/// The stage as it stood when the proposal was marked discussed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StageSnapshot {
    pub score: f64,
    pub sd: f64,
    pub judges: Vec<JudgeScoreThen>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Discussed {
    /// The organiser's laptop time, for display only.
    pub at: String,
    pub by: String,
    pub before: StageSnapshot,
    /// Judges whose stage score changed since: (judge, before, now; null when no longer counted).
    pub changes: Vec<JudgeChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeChange {
    pub judge: String,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// One proposal in the queue of one stage.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DiscussionItem {
    pub stage: String,
    pub category: String,
    pub proposal: String,
    pub title: String,
    pub now: StageSnapshot,
    /// The SD is above the threshold, or a criterion's spread is.
    pub flagged: bool,
    pub criteria: Vec<CriterionSpread>,
    pub discussed: Option<Discussed>,
}

/// The proposal's stage as it is now: mean and population SD of the counted judges' values (the
/// recap's, normalised under z-score) and each judge's.
fn snapshot(sheets: &[crate::scoring::CountedSheet]) -> StageSnapshot {
    let used: Vec<f64> = sheets.iter().map(|s| s.used).collect();
    StageSnapshot {
        score: crate::scoring::stats::mean(&used),
        sd: crate::scoring::stats::pop_sd(&used),
        judges: sheets.iter().map(|s| JudgeScoreThen { judge: s.judge.clone(), x: s.used }).collect(),
    }
}

/// The queue from the counted sheets: every proposal with two or more counted judges in a stage,
/// flagged ones first, then by SD, highest first (ties by code).
pub fn queue_of(setup: &RankingSetup, matrix: &JuryMatrix) -> Vec<DiscussionItem> {
    let threshold = setup.disagreement_threshold;
    let mut out = Vec::new();
    for (stage, per_proposal) in setup.stages.iter().zip(&matrix.sheets) {
        let mut items: Vec<DiscussionItem> = Vec::new();
        for (p, sheets) in matrix.proposals.iter().zip(per_proposal) {
            if sheets.len() < 2 {
                continue;
            }
            let criteria: Vec<CriterionSpread> = stage
                .criteria
                .iter()
                .enumerate()
                .filter_map(|(ci, c)| {
                    let (lo, hi) = sheets
                        .iter()
                        .map(|s| s.q[ci])
                        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), q| (lo.min(q), hi.max(q)));
                    (hi - lo > threshold + EPS).then(|| CriterionSpread { criterion: c.code.clone(), spread: hi - lo })
                })
                .collect();
            let now = snapshot(sheets);
            items.push(DiscussionItem {
                stage: stage.code.clone(),
                category: p.category.clone(),
                proposal: p.code.clone(),
                title: p.title.clone(),
                flagged: now.sd > threshold + EPS || !criteria.is_empty(),
                now,
                criteria,
                discussed: None,
            });
        }
        items.sort_by(|a, b| {
            b.flagged.cmp(&a.flagged).then(b.now.sd.total_cmp(&a.now.sd)).then_with(|| a.proposal.cmp(&b.proposal))
        });
        out.extend(items);
    }
    out
}

/// The discussion queue of a competition with what was discussed and what changed since.
pub fn discussion_queue(conn: &Connection, competition_id: &str) -> Result<Vec<DiscussionItem>> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    queue_with_log(conn, competition_id, &setup, &jury_matrix(&setup, &proposals, &scores))
}

/// The queue of counted sheets already read, with the discussion log.
pub fn queue_with_log(
    conn: &Connection,
    competition_id: &str,
    setup: &RankingSetup,
    matrix: &JuryMatrix,
) -> Result<Vec<DiscussionItem>> {
    let mut items = queue_of(setup, matrix);
    let mut stmt = conn.prepare_cached(
        "SELECT discussed_at, discussed_by, before FROM discussion WHERE competition_id = ?1 AND stage = ?2 AND proposal = ?3",
    )?;
    for item in &mut items {
        let row: Option<(String, String, String)> = stmt
            .query_row(params![competition_id, item.stage, item.proposal], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((at, by, before)) = row else { continue };
        let before: StageSnapshot = serde_json::from_str(&before)
            .map_err(|e| Error::Damaged(format!("discussion snapshot of {}: {e}", item.proposal)))?;
        let mut changes = Vec::new();
        for b in &before.judges {
            let now = item.now.judges.iter().find(|j| j.judge == b.judge).map(|j| j.x);
            if now.is_none_or(|x| (x - b.x).abs() >= EPS) {
                changes.push(JudgeChange { judge: b.judge.clone(), before: Some(b.x), after: now });
            }
        }
        for n in item.now.judges.iter().filter(|n| !before.judges.iter().any(|b| b.judge == n.judge)) {
            changes.push(JudgeChange { judge: n.judge.clone(), before: None, after: Some(n.x) });
        }
        item.discussed = Some(Discussed { at, by, before, changes });
    }
    Ok(items)
}

/// Marks a proposal discussed in a stage, keeping the stage as it stands now as "before". Marking
/// it again starts a new round from the current scores.
pub fn mark_discussed(
    tx: &Connection,
    competition_id: &str,
    stage: &str,
    proposal: &str,
    actor: &crate::proposals::Actor,
    now: &str,
) -> Result<()> {
    crate::laptop::require_organiser(tx, crate::laptop::OrganiserTask::Plenary)?;
    let items = {
        let (setup, proposals, scores) = ranking_inputs(tx, competition_id)?;
        queue_of(&setup, &jury_matrix(&setup, &proposals, &scores))
    };
    let Some(item) = items.into_iter().find(|i| i.stage == stage && i.proposal == proposal) else {
        return Err(Error::InvalidInput {
            field: "kode_proposal",
            problem: InputProblem::UnknownCode { what: "kode_proposal", code: format!("{proposal} ({stage})") },
        });
    };
    let before = serde_json::to_string(&item.now).expect("a snapshot serialises");
    tx.execute(
        "INSERT INTO discussion (competition_id, stage, proposal, discussed_at, discussed_by, before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (competition_id, stage, proposal)
         DO UPDATE SET discussed_at = excluded.discussed_at, discussed_by = excluded.discussed_by, before = excluded.before",
        params![competition_id, stage, proposal, now, actor.name, before],
    )?;
    Ok(())
}
