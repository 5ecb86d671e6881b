//! Indicators of an innovation (output, kemanfaatan, keberlanjutan) with a target per quarter.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;

/// Units of measure ("orang", "dokumen", "%") are short.
pub const MAX_MEASURE: usize = 100;

use super::model::*;
use super::registry::{append_history, live_innovation};
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;
use crate::proposals::Actor;
use crate::text::match_key;

/// The live indicators of an innovation in the order they were added, with their targets.
pub fn list_indicators(conn: &Connection, innovation_id: &str) -> Result<Vec<Indicator>> {
    let mut stmt = conn.prepare(
        "SELECT id, innovation_id, kind, name, measure, kontrak_kinerja FROM indicator
         WHERE innovation_id = ?1 AND deleted_at IS NULL ORDER BY position, created_at",
    )?;
    let mut rows = stmt
        .query_map([innovation_id], |r| {
            let kind: String = r.get(2)?;
            Ok(Indicator {
                id: r.get(0)?,
                innovation_id: r.get(1)?,
                kind: IndicatorKind::parse(&kind).unwrap_or(IndicatorKind::Output),
                name: r.get(3)?,
                measure: r.get(4)?,
                kontrak_kinerja: r.get(5)?,
                targets: Vec::new(),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut targets = conn
        .prepare("SELECT year, quarter, target FROM indicator_target WHERE indicator_id = ?1 ORDER BY year, quarter")?;
    for ind in &mut rows {
        ind.targets = targets
            .query_map([&ind.id], |r| Ok(QuarterTarget { year: r.get(0)?, quarter: r.get(1)?, target: r.get(2)? }))?
            .collect::<Result<Vec<_>, _>>()?;
    }
    Ok(rows)
}

pub fn get_indicator(conn: &Connection, id: &str) -> Result<Indicator> {
    let innovation_id: String = conn
        .query_row("SELECT innovation_id FROM indicator WHERE id = ?1 AND deleted_at IS NULL", [id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Indicator, key: id.to_string() })?;
    list_indicators(conn, &innovation_id)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or_else(|| Error::NotFound { what: Entity::Indicator, key: id.to_string() })
}

/// A live indicator of the innovation by name (matched loosely).
pub fn find_indicator(conn: &Connection, innovation_id: &str, name: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM indicator WHERE innovation_id = ?1 AND name_key = ?2 AND deleted_at IS NULL",
            params![innovation_id, match_key(name)],
            |r| r.get(0),
        )
        .optional()?)
}

pub(crate) fn check_quarter(year: i32, quarter: u8) -> Result<()> {
    if !(1900..=2200).contains(&year) {
        return Err(Error::InvalidInput { field: "tahun", problem: InputProblem::BadYear(year.to_string()) });
    }
    if !(1..=4).contains(&quarter) {
        return Err(Error::InvalidInput { field: "triwulan", problem: InputProblem::BadQuarter(quarter.to_string()) });
    }
    Ok(())
}

fn checked(input: &IndicatorInput) -> Result<IndicatorInput> {
    let mut targets = input.targets.clone();
    for t in &targets {
        check_quarter(t.year, t.quarter)?;
        if !t.target.is_finite() || t.target < 0.0 {
            return Err(Error::InvalidInput {
                field: "target",
                problem: InputProblem::NotANumber(t.target.to_string()),
            });
        }
    }
    targets.sort_by_key(|t| (t.year, t.quarter));
    if let Some(w) = targets.windows(2).find(|w| (w[0].year, w[0].quarter) == (w[1].year, w[1].quarter)) {
        return Err(Error::InvalidInput {
            field: "triwulan",
            problem: InputProblem::BadQuarter(format!("{} TW{} (2x)", w[0].year, w[0].quarter)),
        });
    }
    Ok(IndicatorInput {
        kind: input.kind,
        name: checked_text("indikator", &input.name, MAX_TEXT, true)?,
        measure: checked_text("satuan", &input.measure, MAX_MEASURE, false)?,
        kontrak_kinerja: checked_text("kontrak_kinerja", &input.kontrak_kinerja, MAX_TEXT, false)?,
        targets,
    })
}

fn write_targets(tx: &Connection, indicator_id: &str, targets: &[QuarterTarget]) -> Result<()> {
    tx.execute("DELETE FROM indicator_target WHERE indicator_id = ?1", [indicator_id])?;
    let mut ins =
        tx.prepare("INSERT INTO indicator_target (indicator_id, year, quarter, target) VALUES (?1, ?2, ?3, ?4)")?;
    for t in targets {
        ins.execute(params![indicator_id, t.year, t.quarter, t.target])?;
    }
    Ok(())
}

/// Sets one quarter's target of an indicator (used by imports), leaving the other quarters.
pub(crate) fn set_target(tx: &Connection, indicator_id: &str, year: i32, quarter: u8, target: f64) -> Result<()> {
    tx.execute(
        "INSERT INTO indicator_target (indicator_id, year, quarter, target) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (indicator_id, year, quarter) DO UPDATE SET target = excluded.target",
        params![indicator_id, year, quarter, target],
    )?;
    Ok(())
}

pub fn add_indicator(
    tx: &Connection,
    innovation_id: &str,
    input: IndicatorInput,
    actor: &Actor,
    now: &str,
) -> Result<Indicator> {
    live_innovation(tx, innovation_id)?;
    let input = checked(&input)?;
    if find_indicator(tx, innovation_id, &input.name)?.is_some() {
        return Err(Error::DuplicateCode(input.name));
    }
    let position: i64 = tx.query_row(
        "SELECT coalesce(max(position), 0) + 1 FROM indicator WHERE innovation_id = ?1",
        [innovation_id],
        |r| r.get(0),
    )?;
    let id = new_id();
    tx.execute(
        "INSERT INTO indicator (id, innovation_id, position, kind, name, name_key, measure, kontrak_kinerja, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            id,
            innovation_id,
            position,
            input.kind.as_str(),
            input.name,
            match_key(&input.name),
            input.measure,
            input.kontrak_kinerja,
            now
        ],
    )?;
    write_targets(tx, &id, &input.targets)?;
    let changes = json!({ "indikator": [null, format!("{} ({})", input.name, input.kind.as_str())] });
    append_history(tx, innovation_id, actor, now, "indicator_added", changes, "")?;
    get_indicator(tx, &id)
}

/// Changes an indicator; its targets are replaced by the input's.
pub fn update_indicator(
    tx: &Connection,
    id: &str,
    input: IndicatorInput,
    actor: &Actor,
    now: &str,
) -> Result<Indicator> {
    let old = get_indicator(tx, id)?;
    live_innovation(tx, &old.innovation_id)?;
    let input = checked(&input)?;
    if find_indicator(tx, &old.innovation_id, &input.name)?.is_some_and(|other| other != id) {
        return Err(Error::DuplicateCode(input.name));
    }
    tx.execute(
        "UPDATE indicator SET kind = ?2, name = ?3, name_key = ?4, measure = ?5, kontrak_kinerja = ?6 WHERE id = ?1",
        params![id, input.kind.as_str(), input.name, match_key(&input.name), input.measure, input.kontrak_kinerja],
    )?;
    write_targets(tx, id, &input.targets)?;
    let new = get_indicator(tx, id)?;
    if new != old {
        let changes = json!({ "indikator": [
            serde_json::to_value(&old).unwrap_or_default(),
            serde_json::to_value(&new).unwrap_or_default()
        ] });
        append_history(tx, &old.innovation_id, actor, now, "indicator_updated", changes, "")?;
    }
    Ok(new)
}

/// Takes an indicator off (kept in the database with its realisations, out of status and dashboard).
pub fn remove_indicator(tx: &Connection, id: &str, actor: &Actor, now: &str) -> Result<()> {
    let old = get_indicator(tx, id)?;
    tx.execute("UPDATE indicator SET deleted_at = ?2 WHERE id = ?1", params![id, now])?;
    let changes = json!({ "indikator": [old.name, null] });
    append_history(tx, &old.innovation_id, actor, now, "indicator_removed", changes, "")
}
