//! A judge's scoring sheet: one durable score save at a time with every check, sheets marked
//! final by the judge, and stages locked by the organiser (unlocking needs a reason).

use rusqlite::{Connection, OptionalExtension, params};

use super::store::{Applied, ScoreChange, ScoreContext, ScoreKey, ScoreOrigin, apply_score_changes};
use crate::competition::load_competition;
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;
use crate::judges::find_judge_by_code;
use crate::proposals::find_proposal_by_code;

/// The id of a competition's stage, by code; NotFound when it has none.
pub(crate) fn stage_id(conn: &Connection, competition_id: &str, stage: &str) -> Result<String> {
    conn.query_row("SELECT id FROM stage WHERE competition_id = ?1 AND code = ?2", [competition_id, stage], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| Error::NotFound { what: Entity::Stage, key: stage.to_string() })
}

/// Whether the organiser has locked a stage (the latest lock event decides).
pub fn stage_locked(conn: &Connection, competition_id: &str, stage: &str) -> Result<bool> {
    let sid = stage_id(conn, competition_id, stage)?;
    let locked: Option<i64> = conn
        .query_row(
            "SELECT locked FROM stage_lock_event WHERE stage_id = ?1 ORDER BY at DESC, rowid DESC LIMIT 1",
            [sid],
            |r| r.get(0),
        )
        .optional()?;
    Ok(locked == Some(1))
}

/// Locks (finalises) a stage: no score of it changes until it is unlocked with a reason.
pub fn lock_stage(tx: &Connection, competition_id: &str, stage: &str, actor: &str, now: &str) -> Result<()> {
    if stage_locked(tx, competition_id, stage)? {
        return Ok(());
    }
    let sid = stage_id(tx, competition_id, stage)?;
    tx.execute(
        "INSERT INTO stage_lock_event (id, stage_id, locked, at, actor) VALUES (?1, ?2, 1, ?3, ?4)",
        params![new_id(), sid, now, actor],
    )?;
    Ok(())
}

pub fn unlock_stage(
    tx: &Connection,
    competition_id: &str,
    stage: &str,
    reason: &str,
    actor: &str,
    now: &str,
) -> Result<()> {
    if reason.trim().is_empty() {
        return Err(Error::InvalidInput { field: "alasan", problem: InputProblem::ReasonRequired });
    }
    crate::limits::check("alasan", reason.trim(), crate::limits::REASON)?;
    if !stage_locked(tx, competition_id, stage)? {
        return Ok(());
    }
    let sid = stage_id(tx, competition_id, stage)?;
    tx.execute(
        "INSERT INTO stage_lock_event (id, stage_id, locked, at, actor, reason) VALUES (?1, ?2, 0, ?3, ?4, ?5)",
        params![new_id(), sid, now, actor, reason.trim()],
    )?;
    Ok(())
}

/// Marks (or reopens) a judge's sheet of a stage as final.
pub fn set_sheet_final(
    tx: &Connection,
    competition_id: &str,
    judge: &str,
    stage: &str,
    is_final: bool,
    now: &str,
) -> Result<()> {
    let j = find_judge_by_code(tx, competition_id, judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: judge.to_string() })?;
    let sid = stage_id(tx, competition_id, stage)?;
    if stage_locked(tx, competition_id, stage)? {
        return Err(Error::StageLocked(stage.to_string()));
    }
    if is_final {
        tx.execute(
            "INSERT INTO judge_stage_final (judge_id, stage_id, at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
            params![j.id, sid, now],
        )?;
    } else {
        tx.execute("DELETE FROM judge_stage_final WHERE judge_id = ?1 AND stage_id = ?2", params![j.id, sid])?;
    }
    Ok(())
}

pub fn sheet_final(conn: &Connection, competition_id: &str, judge: &str, stage: &str) -> Result<bool> {
    let n: i64 = conn.query_row(
        "SELECT count(*) FROM judge_stage_final f JOIN judge j ON j.id = f.judge_id JOIN stage s ON s.id = f.stage_id
         WHERE j.competition_id = ?1 AND j.code = ?2 AND s.code = ?3",
        [competition_id, judge, stage],
        |r| r.get(0),
    )?;
    Ok(n > 0)
}

/// Saves one score after every check (codes, range, conflict of interest, lock, final sheet).
/// Returns what changed; when it returns Ok the value is committed durably by the caller's transaction.
pub fn save_score(
    tx: &Connection,
    competition_id: &str,
    key: &ScoreKey,
    value: f64,
    ctx: &ScoreContext,
    origin: ScoreOrigin,
) -> Result<Applied> {
    crate::laptop::require_own_scores(tx, &key.judge)?;
    let comp = load_competition(tx, competition_id)?;
    let stage =
        comp.setup.stage(&key.stage).ok_or_else(|| Error::NotFound { what: Entity::Stage, key: key.stage.clone() })?;
    let crit = stage
        .criteria
        .iter()
        .find(|c| c.code == key.criterion)
        .ok_or_else(|| Error::NotFound { what: Entity::Criterion, key: key.criterion.clone() })?;
    let proposal = find_proposal_by_code(tx, competition_id, &key.proposal)?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: key.proposal.clone() })?;
    let judge = find_judge_by_code(tx, competition_id, &key.judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: key.judge.clone() })?;
    if !value.is_finite() || value < crit.min || value > crit.max {
        return Err(Error::InvalidInput {
            field: "nilai",
            problem: InputProblem::OutOfRange { value, min: crit.min, max: crit.max },
        });
    }
    if judge.conflicted_with(&proposal.code, &proposal.unit) {
        return Err(Error::InvalidInput {
            field: "kode_juri",
            problem: InputProblem::Conflict { judge: judge.code, proposal: proposal.code },
        });
    }
    if stage_locked(tx, competition_id, &key.stage)? {
        return Err(Error::StageLocked(key.stage.clone()));
    }
    if matches!(origin, ScoreOrigin::Form) && sheet_final(tx, competition_id, &judge.code, &key.stage)? {
        return Err(Error::SheetFinal { judge: judge.code, stage: key.stage.clone() });
    }
    let change = ScoreChange {
        key: ScoreKey {
            stage: stage.code.clone(),
            proposal: proposal.code,
            judge: judge.code,
            criterion: crit.code.clone(),
        },
        value,
    };
    apply_score_changes(tx, competition_id, &[change], ctx, origin)
}

/// The longest comment a judge may write on one sheet, in characters.
pub const MAX_COMMENT_CHARS: usize = crate::limits::COMMENT;

/// Saves (or clears, when empty) a judge's comment on a proposal's sheet in a stage.
pub fn save_comment(
    tx: &Connection,
    competition_id: &str,
    stage: &str,
    judge: &str,
    proposal: &str,
    comment: &str,
    now: &str,
) -> Result<()> {
    let sid = stage_id(tx, competition_id, stage)?;
    let j = find_judge_by_code(tx, competition_id, judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: judge.to_string() })?;
    let p = find_proposal_by_code(tx, competition_id, proposal)?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: proposal.to_string() })?;
    if stage_locked(tx, competition_id, stage)? {
        return Err(Error::StageLocked(stage.to_string()));
    }
    let comment = comment.trim();
    if comment.chars().count() > MAX_COMMENT_CHARS {
        return Err(Error::InvalidInput { field: "catatan", problem: InputProblem::TooLong(MAX_COMMENT_CHARS) });
    }
    if comment.is_empty() {
        tx.execute(
            "DELETE FROM sheet_comment WHERE judge_id = ?1 AND proposal_id = ?2 AND stage_id = ?3",
            params![j.id, p.id, sid],
        )?;
    } else {
        tx.execute(
            "INSERT INTO sheet_comment (judge_id, proposal_id, stage_id, comment, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (judge_id, proposal_id, stage_id) DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at",
            params![j.id, p.id, sid, comment, now],
        )?;
    }
    Ok(())
}

/// The judge's comment on a sheet, "" when none.
pub fn sheet_comment(
    conn: &Connection,
    competition_id: &str,
    stage: &str,
    judge: &str,
    proposal: &str,
) -> Result<String> {
    Ok(conn
        .query_row(
            "SELECT sc.comment FROM sheet_comment sc JOIN judge j ON j.id = sc.judge_id JOIN proposal p ON p.id = sc.proposal_id
             JOIN stage s ON s.id = sc.stage_id
             WHERE s.competition_id = ?1 AND s.code = ?2 AND j.code = ?3 AND p.code = ?4",
            params![competition_id, stage, judge, proposal],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_default())
}
