//! What the venue's projector may show of a stage: how far the jury has got while the stage is
//! open, and the stage's scores only once the chair has closed (locked) it. The one place that
//! decides when a score can reach the audience; the app's projector only draws what this gives.

use rusqlite::Connection;
use serde::Serialize;

use super::ranking::compute_ranking;
use super::recap::ranking_inputs;
use super::sheet::stage_locked;
use super::worklist::judge_progress;
use crate::competition::load_competition;
use crate::error::{Entity, Error, Result};

/// One judge's progress as the audience may see it: counts, never a value.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BoardJudge {
    pub judge: String,
    pub name: String,
    /// Proposals this judge has scored completely in the stage.
    pub scored: u32,
    /// Proposals the judge has to score (recusals left out).
    pub total: u32,
    /// The judge has marked the stage's sheets final.
    pub is_final: bool,
}

/// One proposal's line on the board after the stage is closed.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BoardRow {
    /// Place by this stage's score within the category; equal scores share a place.
    pub place: u32,
    pub proposal: String,
    pub title: String,
    pub unit: String,
    /// The stage's score as the ranking uses it (normalised when the competition normalises).
    pub score: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BoardCategory {
    pub code: String,
    pub name: String,
    pub rows: Vec<BoardRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProjectorBoard {
    pub stage: String,
    pub stage_name: String,
    /// The chair has closed (locked) the stage: its scores may be shown.
    pub closed: bool,
    pub judges: Vec<BoardJudge>,
    /// Judges with something to score in the stage who have completed all of it.
    pub judges_done: u32,
    /// Judges with something to score in the stage.
    pub judges_total: u32,
    /// Empty while the stage is open: no score reaches the projector before the chair closes it.
    pub results: Vec<BoardCategory>,
}

/// The projector's board for a stage: progress always, results only once the stage is locked.
pub fn projector_board(conn: &Connection, competition_id: &str, stage: &str) -> Result<ProjectorBoard> {
    let comp = load_competition(conn, competition_id)?;
    let st = comp.setup.stage(stage).ok_or_else(|| Error::NotFound { what: Entity::Stage, key: stage.into() })?;
    let closed = stage_locked(conn, competition_id, stage)?;
    let judges: Vec<BoardJudge> = judge_progress(conn, competition_id, stage)?
        .into_iter()
        .map(|p| BoardJudge {
            judge: p.judge,
            name: p.name,
            scored: p.scored,
            total: p.scored + p.to_score,
            is_final: p.is_final,
        })
        .collect();
    let with_work = judges.iter().filter(|j| j.total > 0);
    let judges_total = with_work.clone().count() as u32;
    let judges_done = with_work.filter(|j| j.scored == j.total).count() as u32;
    let results = if closed { stage_results(conn, competition_id, stage)? } else { Vec::new() };
    Ok(ProjectorBoard {
        stage: st.code.clone(),
        stage_name: st.name.clone(),
        closed,
        judges,
        judges_done,
        judges_total,
        results,
    })
}

/// Each category's proposals with a result in `stage`, best first, at the place the ranking gives
/// them on this stage's own score (level scores share it, as in the stage's printed recap); equal
/// places are listed by code.
fn stage_results(conn: &Connection, competition_id: &str, stage: &str) -> Result<Vec<BoardCategory>> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    Ok(compute_ranking(&setup, &proposals, &scores)
        .categories
        .into_iter()
        .map(|c| {
            let mut rows: Vec<BoardRow> = c
                .rows
                .into_iter()
                .filter_map(|r| {
                    let result = r.stages.get(stage)?;
                    Some(BoardRow {
                        place: result.stage_rank,
                        proposal: r.proposal,
                        title: r.title,
                        unit: r.unit,
                        score: result.score,
                    })
                })
                .collect();
            rows.sort_by(|a, b| a.place.cmp(&b.place).then_with(|| a.proposal.cmp(&b.proposal)));
            BoardCategory { code: c.code, name: c.name, rows }
        })
        .filter(|c| !c.rows.is_empty())
        .collect())
}
