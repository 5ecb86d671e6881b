//! Conflicts a merge keeps: a package value that differs from one entered on the master waits for
//! the organiser, who takes the package's value or keeps the master's.

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::error::{Entity, Error, Result};
use crate::scoring::store::{HistoryLine, ScoreOrigin, ScoreRef, ScoreRow, first_line, new_change, write_batch};

/// A package value that differs from a value entered on the master, awaiting the organiser.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MergeConflict {
    pub event_id: String,
    pub stage: String,
    pub proposal: String,
    pub judge: String,
    pub criterion: String,
    pub master_value: f64,
    pub package_value: f64,
    pub event_at: String,
}

/// Conflicts not yet resolved, for the organiser.
pub fn open_conflicts(conn: &Connection, competition_id: &str) -> Result<Vec<MergeConflict>> {
    let mut stmt = conn.prepare(
        "SELECT m.event_id, s.code, p.code, j.code, c.code, m.master_value, m.package_value, m.event_at
         FROM merge_conflict m
         JOIN proposal p ON p.n = m.proposal_n JOIN judge j ON j.n = m.judge_n
         JOIN criterion c ON c.n = m.criterion_n JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND m.resolved IS NULL ORDER BY m.event_at, m.event_id",
    )?;
    let rows = stmt
        .query_map([competition_id], |r| {
            Ok(MergeConflict {
                event_id: crate::ids::id_text(r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?),
                stage: r.get(1)?,
                proposal: r.get(2)?,
                judge: r.get(3)?,
                criterion: r.get(4)?,
                master_value: r.get(5)?,
                package_value: r.get(6)?,
                event_at: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The organiser's explicit decision on a conflict: take the package's value, or keep the master's.
pub fn resolve_conflict(tx: &Connection, event_id: &str, take_package: bool, actor: &str, now: &str) -> Result<()> {
    // Unknown, or decided already: a typed NotFound, never a storage error.
    let not_found = || Error::NotFound { what: Entity::Conflict, key: event_id.to_string() };
    let id = crate::ids::id_blob(event_id).ok_or_else(not_found)?;
    let found: Option<(ScoreRef, f64, f64, String, Option<i64>)> = tx.query_row(
        "SELECT proposal_n, judge_n, criterion_n, master_value, package_value, event_at, event_seq FROM merge_conflict
         WHERE event_id = ?1 AND resolved IS NULL",
        [&id[..]],
        |r| Ok((ScoreRef::from_row(r, 0)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )
    .optional()?;
    let (key, master, package, event_at, seq) = found.ok_or_else(not_found)?;
    if take_package {
        // From now on the judge's laptop owns this value again: later package events may update it.
        let change = new_change(tx, now, actor, "", ScoreOrigin::Package, "konflik: nilai paket dipakai")?;
        let line = HistoryLine {
            score: key,
            old: Some(master),
            new: Some(package),
            event: *uuid::Uuid::now_v7().as_bytes(),
            at: None,
            actor: None,
            device: None,
        };
        let mut changed = [ScoreRow { score: key, value: package, source: Some(id), seq, at: Some(event_at) }];
        write_batch(tx, now, &mut [], &mut changed, vec![(first_line(change), line)], false)?;
    }
    tx.execute(
        "UPDATE merge_conflict SET resolved = ?2, resolved_at = ?3, resolved_by = ?4 WHERE event_id = ?1",
        params![&id[..], if take_package { "package" } else { "master" }, now, actor],
    )?;
    Ok(())
}
