//! Stored scores: the current value per judge x proposal x criterion, and the append-only history
//! that every change (the first entry included) goes into.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::model::ScoreEntry;
use crate::error::Result;
use crate::ids::new_id;

/// A score addressed by the codes users see.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScoreKey {
    pub stage: String,
    pub proposal: String,
    pub judge: String,
    pub criterion: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreChange {
    pub key: ScoreKey,
    pub value: f64,
}

/// Who changes scores, from which device, when.
#[derive(Debug, Clone)]
pub struct ScoreContext {
    pub actor: String,
    pub device: String,
    pub now: String,
}

#[derive(Debug, Clone, Copy)]
pub enum ScoreOrigin {
    Form,
    Import,
    Package,
    Paper,
}

impl ScoreOrigin {
    fn as_str(self) -> &'static str {
        match self {
            ScoreOrigin::Form => "form",
            ScoreOrigin::Import => "import",
            ScoreOrigin::Package => "package",
            ScoreOrigin::Paper => "paper",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
}

/// Ids of a competition's codes, looked up once per batch.
struct Ids {
    proposals: HashMap<String, String>,
    judges: HashMap<String, String>,
    criteria: HashMap<(String, String), String>,
}

fn load_ids(conn: &Connection, competition_id: &str) -> Result<Ids> {
    let pairs = |sql: &str| -> Result<HashMap<String, String>> {
        let mut stmt = conn.prepare(sql)?;
        let m = stmt
            .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<HashMap<_, _>, _>>()?;
        Ok(m)
    };
    let proposals = pairs("SELECT code, id FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let judges = pairs("SELECT code, id FROM judge WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let mut stmt = conn.prepare(
        "SELECT s.code, c.code, c.id FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
    )?;
    let criteria = stmt
        .query_map([competition_id], |r| {
            Ok(((r.get::<_, String>(0)?, r.get::<_, String>(1)?), r.get::<_, String>(2)?))
        })?
        .collect::<Result<HashMap<_, _>, _>>()?;
    Ok(Ids { proposals, judges, criteria })
}

/// Writes validated score changes; an identical value is left alone, anything else enters the history.
pub fn apply_score_changes(
    tx: &Connection,
    competition_id: &str,
    changes: &[ScoreChange],
    ctx: &ScoreContext,
    origin: ScoreOrigin,
) -> Result<Applied> {
    let ids = load_ids(tx, competition_id)?;
    let mut find = tx
        .prepare_cached("SELECT id, value FROM score WHERE proposal_id = ?1 AND judge_id = ?2 AND criterion_id = ?3")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut update = tx.prepare_cached("UPDATE score SET value = ?2, updated_at = ?3 WHERE id = ?1")?;
    let mut history = tx.prepare_cached(
        "INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut applied = Applied::default();
    for ch in changes {
        let (Some(p), Some(j), Some(c)) = (
            ids.proposals.get(&ch.key.proposal),
            ids.judges.get(&ch.key.judge),
            ids.criteria.get(&(ch.key.stage.clone(), ch.key.criterion.clone())),
        ) else {
            continue; // validated by the caller; a code gone meanwhile is skipped rather than guessed
        };
        let existing: Option<(String, f64)> =
            find.query_row(params![p, j, c], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
        match existing {
            Some((_, old)) if old == ch.value => applied.unchanged += 1,
            Some((id, old)) => {
                update.execute(params![id, ch.value, ctx.now])?;
                history.execute(params![
                    new_id(),
                    id,
                    old,
                    ch.value,
                    ctx.now,
                    ctx.actor,
                    ctx.device,
                    origin.as_str()
                ])?;
                applied.changed += 1;
            }
            None => {
                let id = new_id();
                insert.execute(params![id, p, j, c, ch.value, ctx.now])?;
                history.execute(params![
                    new_id(),
                    id,
                    Option::<f64>::None,
                    ch.value,
                    ctx.now,
                    ctx.actor,
                    ctx.device,
                    origin.as_str()
                ])?;
                applied.added += 1;
            }
        }
    }
    Ok(applied)
}

/// Every current score of a competition's live proposals and judges, by codes (the ranking input).
pub fn load_score_entries(conn: &Connection, competition_id: &str) -> Result<Vec<ScoreEntry>> {
    let mut stmt = conn.prepare(
        "SELECT s.code, p.code, j.code, c.code, sc.value
         FROM score sc
         JOIN proposal p ON p.id = sc.proposal_id AND p.deleted_at IS NULL
         JOIN judge j ON j.id = sc.judge_id AND j.deleted_at IS NULL
         JOIN criterion c ON c.id = sc.criterion_id
         JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1",
    )?;
    let rows = stmt
        .query_map([competition_id], |r| {
            Ok(ScoreEntry {
                stage: r.get(0)?,
                proposal: r.get(1)?,
                judge: r.get(2)?,
                criterion: r.get(3)?,
                value: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// One line of a score's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreHistoryLine {
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub at: String,
    pub actor: String,
    pub origin: String,
}

pub fn score_history(conn: &Connection, competition_id: &str, key: &ScoreKey) -> Result<Vec<ScoreHistoryLine>> {
    let mut stmt = conn.prepare(
        "SELECT h.old_value, h.new_value, h.at, h.actor, h.origin FROM score_history h
         JOIN score sc ON sc.id = h.score_id
         JOIN proposal p ON p.id = sc.proposal_id JOIN judge j ON j.id = sc.judge_id
         JOIN criterion c ON c.id = sc.criterion_id JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND s.code = ?2 AND p.code = ?3 AND j.code = ?4 AND c.code = ?5
         ORDER BY h.at, h.rowid",
    )?;
    let rows = stmt
        .query_map(params![competition_id, key.stage, key.proposal, key.judge, key.criterion], |r| {
            Ok(ScoreHistoryLine { old: r.get(0)?, new: r.get(1)?, at: r.get(2)?, actor: r.get(3)?, origin: r.get(4)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
