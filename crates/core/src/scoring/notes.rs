//! A judge's private notes while reading a proposal, one per criterion. They stay on the laptop
//! where they were written: no score package carries them (a judge who wants the organiser to
//! read one turns it into the sheet comment).

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::sheet::{MAX_COMMENT_CHARS, stage_id};
use crate::error::{Entity, Error, InputProblem, Result};
use crate::judges::find_judge_by_code;
use crate::proposals::find_proposal_by_code;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CriterionNote {
    pub criterion: String,
    pub text: String,
    pub updated_at: String,
}

/// (judge id, proposal id, criterion id) of a note; NotFound for an unknown code.
fn note_key(
    conn: &Connection,
    competition_id: &str,
    stage: &str,
    judge: &str,
    proposal: &str,
    criterion: Option<&str>,
) -> Result<(String, String, Option<String>, String)> {
    let sid = stage_id(conn, competition_id, stage)?;
    let j = find_judge_by_code(conn, competition_id, judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: judge.to_string() })?;
    let p = find_proposal_by_code(conn, competition_id, proposal)?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: proposal.to_string() })?;
    let c = match criterion {
        Some(code) => Some(
            conn.query_row("SELECT id FROM criterion WHERE stage_id = ?1 AND code = ?2", params![sid, code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| Error::NotFound { what: Entity::Criterion, key: code.to_string() })?,
        ),
        None => None,
    };
    Ok((j.id, p.id, c, sid))
}

/// Saves (or, empty, removes) the judge's note on one criterion of a proposal. On a judge's laptop
/// only that judge's own notes.
#[allow(clippy::too_many_arguments)] // the sheet's coordinates, each named at the call
pub fn save_note(
    tx: &Connection,
    competition_id: &str,
    stage: &str,
    judge: &str,
    proposal: &str,
    criterion: &str,
    text: &str,
    now: &str,
) -> Result<()> {
    crate::laptop::require_own_scores(tx, judge)?;
    let (j, p, c, _) = note_key(tx, competition_id, stage, judge, proposal, Some(criterion))?;
    let c = c.expect("a criterion was named");
    let text = text.trim();
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(Error::InvalidInput { field: "catatan", problem: InputProblem::TooLong(MAX_COMMENT_CHARS) });
    }
    if text.is_empty() {
        tx.execute(
            "DELETE FROM judge_note WHERE judge_id = ?1 AND proposal_id = ?2 AND criterion_id = ?3",
            params![j, p, c],
        )?;
    } else {
        tx.execute(
            "INSERT INTO judge_note (judge_id, proposal_id, criterion_id, text, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (judge_id, proposal_id, criterion_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
            params![j, p, c, text, now],
        )?;
    }
    Ok(())
}

/// The judge's notes on a proposal's sheet for one stage, in criterion order.
pub fn sheet_notes(
    conn: &Connection,
    competition_id: &str,
    stage: &str,
    judge: &str,
    proposal: &str,
) -> Result<Vec<CriterionNote>> {
    let (j, p, _, sid) = note_key(conn, competition_id, stage, judge, proposal, None)?;
    let mut stmt = conn.prepare(
        "SELECT c.code, n.text, n.updated_at FROM judge_note n JOIN criterion c ON c.id = n.criterion_id
         WHERE n.judge_id = ?1 AND n.proposal_id = ?2 AND c.stage_id = ?3 ORDER BY c.position",
    )?;
    let notes = stmt
        .query_map(params![j, p, sid], |r| {
            Ok(CriterionNote { criterion: r.get(0)?, text: r.get(1)?, updated_at: r.get(2)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(notes)
}
