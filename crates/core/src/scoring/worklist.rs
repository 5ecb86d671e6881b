//! What a judge has to score in a stage, each sheet with its values, and progress per judge.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;

use super::model::RecapResult;
use super::ranking::compute_recap;
use super::recap::ranking_inputs;
use super::sheet::{sheet_final, stage_locked};
use crate::competition::load_competition;
use crate::error::{Entity, Error, Result};
use crate::judges::{Judge, find_judge_by_code, list_judges};
use crate::proposals::{Proposal, ProposalFilter, list_proposals};

/// One proposal on a judge's list for a stage.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WorkItem {
    pub proposal: String,
    pub title: String,
    pub unit: String,
    pub category: String,
    /// The judge has a conflict of interest: recused, cannot open or score it.
    pub recused: bool,
    pub scored_criteria: u32,
    pub total_criteria: u32,
}

/// A judge's scoring sheet for one proposal in one stage.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ScoreSheet {
    pub stage: String,
    pub stage_name: String,
    pub judge: String,
    pub proposal: Proposal,
    pub criteria: Vec<SheetCriterion>,
    pub is_final: bool,
    pub locked: bool,
    /// The judge's optional comment on this sheet.
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SheetCriterion {
    pub code: String,
    pub name: String,
    pub description: String,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeProgress {
    pub judge: String,
    pub name: String,
    pub scored: u32,
    pub to_score: u32,
    pub recused: u32,
    pub is_final: bool,
}

/// The judge's current values in a stage: (proposal, criterion) -> value.
fn judge_values(
    conn: &Connection,
    competition_id: &str,
    judge: &str,
    stage: &str,
) -> Result<HashMap<(String, String), f64>> {
    let mut stmt = conn.prepare(
        "SELECT p.code, c.code, sc.value FROM score sc
         JOIN proposal p ON p.n = sc.proposal_n JOIN judge j ON j.n = sc.judge_n
         JOIN criterion c ON c.n = sc.criterion_n JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND j.code = ?2 AND s.code = ?3 AND p.deleted_at IS NULL",
    )?;
    let rows = stmt
        .query_map([competition_id, judge, stage], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(rows)
}

/// Proposals that take part in a stage, by code. On a judge's laptop the kit says which proposals
/// reached a later stage (the laptop holds one judge's scores only, too few to rank); elsewhere the
/// ranking decides.
pub fn stage_reached(
    conn: &Connection,
    competition_id: &str,
    stage: &str,
) -> Result<std::collections::HashSet<String>> {
    if let Some(codes) = crate::sync::kit_stage_participants(conn, stage)? {
        return Ok(codes.into_iter().collect());
    }
    Ok(reached(&stage_result(conn, competition_id)?, stage))
}

/// For every stage after the first, the codes (sorted) of the proposals that reached it, from one
/// ranking of the stored scores: what a judge's kit carries.
pub fn later_stage_participants(
    conn: &Connection,
    competition_id: &str,
) -> Result<std::collections::BTreeMap<String, Vec<String>>> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    let result = compute_recap(&setup, &proposals, &scores);
    Ok(setup
        .stages
        .iter()
        .skip(1)
        .map(|st| {
            let mut codes: Vec<String> = reached(&result, &st.code).into_iter().collect();
            codes.sort();
            (st.code.clone(), codes)
        })
        .collect())
}

/// Proposals that take part in a stage (not excluded, not cut at an earlier stage), by code.
fn reached(result: &RecapResult, stage: &str) -> std::collections::HashSet<String> {
    result
        .details
        .iter()
        .filter(|d| d.stages.iter().any(|s| s.stage == stage && s.reached))
        .map(|d| d.proposal.clone())
        .collect()
}

fn stage_result(conn: &Connection, competition_id: &str) -> Result<RecapResult> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    Ok(compute_recap(&setup, &proposals, &scores))
}

fn items_for(judge: &Judge, proposals: &[Proposal], reached: &std::collections::HashSet<String>) -> Vec<Proposal> {
    proposals.iter().filter(|p| reached.contains(&p.code) && judge.covers(&p.category)).cloned().collect()
}

/// The judge's list for a stage, in code order (the venue order is applied by the caller).
pub fn judge_worklist(conn: &Connection, competition_id: &str, stage: &str, judge: &str) -> Result<Vec<WorkItem>> {
    let comp = load_competition(conn, competition_id)?;
    let st = comp.setup.stage(stage).ok_or_else(|| Error::NotFound { what: Entity::Stage, key: stage.into() })?;
    let j = find_judge_by_code(conn, competition_id, judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: judge.into() })?;
    let proposals = list_proposals(conn, competition_id, &ProposalFilter::default())?;
    let reached = stage_reached(conn, competition_id, stage)?;
    let values = judge_values(conn, competition_id, &j.code, stage)?;
    Ok(items_for(&j, &proposals, &reached)
        .into_iter()
        .map(|p| WorkItem {
            recused: j.conflicted_with(&p.code, &p.unit),
            scored_criteria: st
                .criteria
                .iter()
                .filter(|c| values.contains_key(&(p.code.clone(), c.code.clone())))
                .count() as u32,
            total_criteria: st.criteria.len() as u32,
            proposal: p.code,
            title: p.title,
            unit: p.unit,
            category: p.category,
        })
        .collect())
}

/// One sheet with the judge's values; a recused judge cannot open it.
pub fn score_sheet(
    conn: &Connection,
    competition_id: &str,
    stage: &str,
    judge: &str,
    proposal: &str,
) -> Result<ScoreSheet> {
    let comp = load_competition(conn, competition_id)?;
    let st = comp.setup.stage(stage).ok_or_else(|| Error::NotFound { what: Entity::Stage, key: stage.into() })?;
    let j = find_judge_by_code(conn, competition_id, judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: judge.into() })?;
    let p = crate::proposals::find_proposal_by_code(conn, competition_id, proposal)?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: proposal.into() })?;
    if j.conflicted_with(&p.code, &p.unit) {
        return Err(Error::InvalidInput {
            field: "kode_juri",
            problem: crate::error::InputProblem::Conflict { judge: j.code, proposal: p.code },
        });
    }
    let values = judge_values(conn, competition_id, &j.code, stage)?;
    Ok(ScoreSheet {
        stage: st.code.clone(),
        stage_name: st.name.clone(),
        is_final: sheet_final(conn, competition_id, &j.code, stage)?,
        locked: stage_locked(conn, competition_id, stage)?,
        comment: super::sheet::sheet_comment(conn, competition_id, stage, &j.code, &p.code)?,
        criteria: st
            .criteria
            .iter()
            .map(|c| SheetCriterion {
                code: c.code.clone(),
                name: c.name.clone(),
                description: c.description.clone(),
                weight: c.weight,
                min: c.min,
                max: c.max,
                value: values.get(&(p.code.clone(), c.code.clone())).copied(),
            })
            .collect(),
        judge: j.code,
        proposal: p,
    })
}

/// Scored and remaining sheets per judge in a stage (a sheet is scored when every criterion has a value).
pub fn judge_progress(conn: &Connection, competition_id: &str, stage: &str) -> Result<Vec<JudgeProgress>> {
    let comp = load_competition(conn, competition_id)?;
    let st = comp.setup.stage(stage).ok_or_else(|| Error::NotFound { what: Entity::Stage, key: stage.into() })?;
    let proposals = list_proposals(conn, competition_id, &ProposalFilter::default())?;
    let reached = stage_reached(conn, competition_id, stage)?;
    let mut out = Vec::new();
    for j in list_judges(conn, competition_id)? {
        let values = judge_values(conn, competition_id, &j.code, stage)?;
        let (mut scored, mut to_score, mut recused) = (0, 0, 0);
        for p in items_for(&j, &proposals, &reached) {
            if j.conflicted_with(&p.code, &p.unit) {
                recused += 1;
            } else if st.criteria.iter().all(|c| values.contains_key(&(p.code.clone(), c.code.clone()))) {
                scored += 1;
            } else {
                to_score += 1;
            }
        }
        out.push(JudgeProgress {
            is_final: sheet_final(conn, competition_id, &j.code, stage)?,
            judge: j.code,
            name: j.name,
            scored,
            to_score,
            recused,
        });
    }
    Ok(out)
}

/// Codes of a category's proposals that take part in a stage (e.g. the finalists at the venue).
pub fn stage_participants(conn: &Connection, competition_id: &str, stage: &str, category: &str) -> Result<Vec<String>> {
    let reached = stage_reached(conn, competition_id, stage)?;
    let mut codes: Vec<String> = list_proposals(conn, competition_id, &ProposalFilter::default())?
        .into_iter()
        .filter(|p| p.category == category && reached.contains(&p.code))
        .map(|p| p.code)
        .collect();
    codes.sort();
    Ok(codes)
}
