//! The innovation registry: units (the OAOI list), innovations with an append-only history and
//! removal with trace, their competition entries and forwarding records.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::model::*;
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;
use crate::proposals::{Actor, HistoryEntry, canonical_unit_type};
use crate::text::{match_key, tidy};

// ---------------------------------------------------------------- units

fn unit_from_row(r: &Row) -> rusqlite::Result<Unit> {
    Ok(Unit { id: r.get(0)?, code: r.get(1)?, name: r.get(2)?, unit_type: r.get(3)?, innovations: r.get(4)? })
}

const UNIT_SELECT: &str = "SELECT u.id, u.code, u.name, u.unit_type,
        (SELECT count(*) FROM innovation i WHERE i.unit_id = u.id AND i.deleted_at IS NULL)
     FROM org_unit u";

/// The live units, by code then name.
pub fn list_units(conn: &Connection) -> Result<Vec<Unit>> {
    let mut stmt =
        conn.prepare(&format!("{UNIT_SELECT} WHERE u.deleted_at IS NULL ORDER BY u.code = '', u.code, u.name_key"))?;
    let rows = stmt.query_map([], unit_from_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// A live unit by name or code (matched loosely), if any.
pub fn find_unit(conn: &Connection, name_or_code: &str) -> Result<Option<Unit>> {
    let key = match_key(name_or_code);
    Ok(conn
        .query_row(
            &format!(
                "{UNIT_SELECT} WHERE u.deleted_at IS NULL AND (u.name_key = ?1 OR (u.code <> '' AND lower(u.code) = ?1))
                 ORDER BY u.name_key = ?1 DESC LIMIT 1"
            ),
            [&key],
            unit_from_row,
        )
        .optional()?)
}

fn checked_unit(input: &UnitInput) -> Result<UnitInput> {
    let name = checked_text("unit", &input.name, crate::limits::NAME, true)?;
    let code = checked_text("kode_unit", &input.code, crate::limits::CODE, false)?;
    let unit_type = canonical_unit_type(&input.unit_type).ok_or_else(|| Error::InvalidInput {
        field: "jenis_unit",
        problem: InputProblem::BadUnitType(input.unit_type.clone()),
    })?;
    Ok(UnitInput { code, name, unit_type })
}

/// Adds a unit to the list; a name already there is refused.
pub fn add_unit(tx: &Connection, input: UnitInput, now: &str) -> Result<Unit> {
    let input = checked_unit(&input)?;
    if find_unit(tx, &input.name)?.is_some() {
        return Err(Error::DuplicateCode(input.name));
    }
    if !input.code.is_empty() && find_unit(tx, &input.code)?.is_some() {
        return Err(Error::DuplicateCode(input.code));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO org_unit (id, code, name, name_key, unit_type, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, input.code, input.name, match_key(&input.name), input.unit_type, now],
    )?;
    get_unit(tx, &id)
}

pub fn get_unit(conn: &Connection, id: &str) -> Result<Unit> {
    conn.query_row(&format!("{UNIT_SELECT} WHERE u.id = ?1"), [id], unit_from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Unit, key: id.to_string() })
}

/// Changes a unit's code, name or type.
pub fn update_unit(tx: &Connection, id: &str, input: UnitInput) -> Result<Unit> {
    let input = checked_unit(&input)?;
    get_unit(tx, id)?;
    for key in [&input.name, &input.code] {
        if let Some(other) = find_unit(tx, key)?.filter(|u| u.id != id && !key.is_empty()) {
            return Err(Error::DuplicateCode(other.name));
        }
    }
    tx.execute(
        "UPDATE org_unit SET code = ?2, name = ?3, name_key = ?4, unit_type = ?5 WHERE id = ?1",
        params![id, input.code, input.name, match_key(&input.name), input.unit_type],
    )?;
    get_unit(tx, id)
}

/// Takes a unit off the list; refused while it owns live innovations.
pub fn remove_unit(tx: &Connection, id: &str, now: &str) -> Result<()> {
    let u = get_unit(tx, id)?;
    if u.innovations > 0 {
        return Err(Error::InUse { what: Entity::Unit, key: u.name });
    }
    tx.execute("UPDATE org_unit SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL", params![id, now])?;
    Ok(())
}

/// The unit with this name or code, added when unknown; an empty type or code on the list is filled in.
/// Returns its id and whether it was added.
pub(crate) fn ensure_unit(
    tx: &Connection,
    name: &str,
    unit_type: &str,
    code: &str,
    now: &str,
) -> Result<(String, bool)> {
    let found = match find_unit(tx, name)? {
        Some(u) => Some(u),
        None if !code.is_empty() => find_unit(tx, code)?,
        None => None,
    };
    if let Some(u) = found {
        if u.unit_type.is_empty() && !unit_type.is_empty() {
            tx.execute("UPDATE org_unit SET unit_type = ?2 WHERE id = ?1", params![u.id, unit_type])?;
        }
        if u.code.is_empty() && !code.is_empty() && find_unit(tx, code)?.is_none() {
            tx.execute("UPDATE org_unit SET code = ?2 WHERE id = ?1", params![u.id, code])?;
        }
        return Ok((u.id, false));
    }
    let u = add_unit(tx, UnitInput { code: code.into(), name: name.into(), unit_type: unit_type.into() }, now)?;
    Ok((u.id, true))
}

// ---------------------------------------------------------------- innovations

const SELECT: &str = "SELECT i.id, i.code, i.title, i.unit_id, u.name, u.code, u.unit_type, i.start_year,
        i.description, i.stage, i.created_at, i.updated_at, i.deleted_at IS NOT NULL, i.deleted_reason
     FROM innovation i JOIN org_unit u ON u.id = i.unit_id";

fn from_row(r: &Row) -> rusqlite::Result<Innovation> {
    let stage: String = r.get(9)?;
    Ok(Innovation {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        unit_id: r.get(3)?,
        unit: r.get(4)?,
        unit_code: r.get(5)?,
        unit_type: r.get(6)?,
        start_year: r.get(7)?,
        description: r.get(8)?,
        stage: LifecycleStage::parse(&stage).unwrap_or(LifecycleStage::Gagasan),
        created_at: r.get(10)?,
        updated_at: r.get(11)?,
        removed: r.get(12)?,
        removed_reason: r.get(13)?,
    })
}

/// Filters of the registry list; empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct InnovationFilter {
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub stage: Option<LifecycleStage>,
    #[serde(default)]
    pub unit_type: Option<String>,
    #[serde(default)]
    pub unit_id: Option<String>,
    #[serde(default)]
    pub include_removed: bool,
}

pub fn list_innovations(conn: &Connection, f: &InnovationFilter) -> Result<Vec<Innovation>> {
    let q = f.query.trim().to_lowercase();
    let like = if q.is_empty() { String::new() } else { format!("%{}%", q.replace('%', "\\%").replace('_', "\\_")) };
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 OR i.deleted_at IS NULL)
           AND (?2 = '' OR lower(i.code) LIKE ?2 ESCAPE '\\' OR lower(i.title) LIKE ?2 ESCAPE '\\'
                OR lower(u.name) LIKE ?2 ESCAPE '\\')
           AND (?3 IS NULL OR i.stage = ?3) AND (?4 IS NULL OR u.unit_type = ?4) AND (?5 IS NULL OR i.unit_id = ?5)
         ORDER BY i.code, i.created_at"
    ))?;
    let rows = stmt
        .query_map(params![f.include_removed, like, f.stage.map(|s| s.as_str()), f.unit_type, f.unit_id], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn get_innovation(conn: &Connection, id: &str) -> Result<Innovation> {
    conn.query_row(&format!("{SELECT} WHERE i.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Innovation, key: id.to_string() })
}

/// A live innovation by its code (case-insensitive).
pub fn find_innovation(conn: &Connection, code: &str) -> Result<Option<Innovation>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE i.code = ?1 COLLATE NOCASE AND i.deleted_at IS NULL"),
            [tidy(code)],
            from_row,
        )
        .optional()?)
}

/// The next free INV-nnn after every code ever used (removed ones included, so codes are never reused).
pub fn next_innovation_code(conn: &Connection) -> Result<String> {
    Ok(format!("INV-{:03}", highest_code_number(conn)? + 1))
}

pub(crate) fn highest_code_number(conn: &Connection) -> Result<u32> {
    let mut stmt = conn.prepare("SELECT code FROM innovation WHERE code LIKE 'INV-%'")?;
    let codes = stmt.query_map([], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    Ok(codes.iter().filter_map(|c| c[4..].parse::<u32>().ok()).max().unwrap_or(0))
}

/// Tidies and checks an input without the database.
pub(crate) fn tidied(input: InnovationInput) -> Result<InnovationInput> {
    let unit_type = canonical_unit_type(&input.unit_type).ok_or_else(|| Error::InvalidInput {
        field: "jenis_unit",
        problem: InputProblem::BadUnitType(input.unit_type.clone()),
    })?;
    if let Some(y) = input.start_year
        && !(1900..=2200).contains(&y)
    {
        return Err(Error::InvalidInput { field: "tahun_mulai", problem: InputProblem::BadYear(y.to_string()) });
    }
    Ok(InnovationInput {
        code: checked_text("kode", &input.code, crate::limits::CODE, false)?,
        title: checked_text("judul", &input.title, MAX_TEXT, true)?,
        unit: checked_text("unit", &input.unit, crate::limits::NAME, true)?,
        unit_type,
        start_year: input.start_year,
        description: checked_text("deskripsi", &input.description, MAX_LONG_TEXT, false)?,
        stage: input.stage,
    })
}

impl Innovation {
    pub fn as_input(&self) -> InnovationInput {
        InnovationInput {
            code: self.code.clone(),
            title: self.title.clone(),
            unit: self.unit.clone(),
            unit_type: self.unit_type.clone(),
            start_year: self.start_year,
            description: self.description.clone(),
            stage: self.stage,
        }
    }
}

/// field -> [old, new] for every field that differs (the unit type belongs to the unit, not compared).
pub fn diff(old: &InnovationInput, new: &InnovationInput) -> Map<String, Value> {
    let mut m = Map::new();
    let mut put = |k: &str, a: Value, b: Value| {
        if a != b {
            m.insert(k.to_string(), json!([a, b]));
        }
    };
    put("kode", json!(old.code), json!(new.code));
    put("judul", json!(old.title), json!(new.title));
    put("unit", json!(old.unit), json!(new.unit));
    put("tahun_mulai", json!(old.start_year), json!(new.start_year));
    put("deskripsi", json!(old.description), json!(new.description));
    put("tahapan", json!(old.stage.as_str()), json!(new.stage.as_str()));
    m
}

/// Adds an innovation; an empty code gets the next INV-nnn, an unknown unit joins the unit list.
pub fn add_innovation(tx: &Connection, input: InnovationInput, actor: &Actor, now: &str) -> Result<Innovation> {
    let id = insert_innovation(tx, tidied(input)?, actor, now, "created")?;
    get_innovation(tx, &id)
}

pub(crate) fn insert_innovation(
    tx: &Connection,
    mut input: InnovationInput,
    actor: &Actor,
    now: &str,
    action: &str,
) -> Result<String> {
    if input.code.is_empty() {
        input.code = next_innovation_code(tx)?;
    } else if find_innovation(tx, &input.code)?.is_some() {
        return Err(Error::DuplicateCode(input.code));
    }
    let (unit_id, _) = ensure_unit(tx, &input.unit, &input.unit_type, "", now)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO innovation (id, code, title, unit_id, start_year, description, stage, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![id, input.code, input.title, unit_id, input.start_year, input.description, input.stage.as_str(), now],
    )?;
    let empty = InnovationInput {
        code: String::new(),
        title: String::new(),
        unit: String::new(),
        unit_type: String::new(),
        start_year: None,
        description: String::new(),
        stage: input.stage,
    };
    let mut changes = diff(&empty, &input);
    changes.insert("tahapan".into(), json!([null, input.stage.as_str()]));
    append_history(tx, &id, actor, now, action, Value::Object(changes), "")?;
    Ok(id)
}

/// Edits an innovation; the change is kept in its history. An unchanged input writes nothing.
pub fn update_innovation(
    tx: &Connection,
    id: &str,
    input: InnovationInput,
    actor: &Actor,
    now: &str,
) -> Result<Innovation> {
    let old = get_innovation(tx, id)?;
    if old.removed {
        return Err(Error::NotFound { what: Entity::Innovation, key: old.code });
    }
    let mut input = tidied(input)?;
    if input.code.is_empty() {
        input.code = old.code.clone();
    }
    if let Some(other) = find_innovation(tx, &input.code)?.filter(|o| o.id != id) {
        return Err(Error::DuplicateCode(other.code));
    }
    let (unit_id, _) = ensure_unit(tx, &input.unit, &input.unit_type, "", now)?;
    let unit_name = get_unit(tx, &unit_id)?.name;
    input.unit = unit_name;
    let changes = diff(&old.as_input(), &input);
    if changes.is_empty() {
        return Ok(old);
    }
    tx.execute(
        "UPDATE innovation SET code = ?2, title = ?3, unit_id = ?4, start_year = ?5, description = ?6, stage = ?7,
                updated_at = ?8 WHERE id = ?1",
        params![id, input.code, input.title, unit_id, input.start_year, input.description, input.stage.as_str(), now],
    )?;
    append_history(tx, id, actor, now, "updated", Value::Object(changes), "")?;
    get_innovation(tx, id)
}

/// Removes an innovation from the registry: the row stays with the reason, and a history line.
pub fn remove_innovation(tx: &Connection, id: &str, reason: &str, actor: &Actor, now: &str) -> Result<()> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput { field: "alasan", problem: InputProblem::ReasonRequired });
    }
    crate::limits::check("alasan", reason, crate::limits::REASON)?;
    let i = get_innovation(tx, id)?;
    if i.removed {
        return Ok(());
    }
    tx.execute(
        "UPDATE innovation SET deleted_at = ?2, deleted_reason = ?3, updated_at = ?2 WHERE id = ?1",
        params![id, now, reason],
    )?;
    append_history(tx, id, actor, now, "removed", json!({}), reason)
}

/// Brings a removed innovation back (its code must still be free).
pub fn restore_innovation(tx: &Connection, id: &str, actor: &Actor, now: &str) -> Result<Innovation> {
    let i = get_innovation(tx, id)?;
    if !i.removed {
        return Ok(i);
    }
    if find_innovation(tx, &i.code)?.is_some() {
        return Err(Error::DuplicateCode(i.code));
    }
    tx.execute(
        "UPDATE innovation SET deleted_at = NULL, deleted_reason = '', updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    append_history(tx, id, actor, now, "restored", json!({}), "")?;
    get_innovation(tx, id)
}

pub fn innovation_history(conn: &Connection, id: &str) -> Result<Vec<HistoryEntry>> {
    crate::history::INNOVATION.read(conn, id)
}

pub(crate) fn append_history(
    tx: &Connection,
    innovation_id: &str,
    actor: &Actor,
    now: &str,
    action: &str,
    changes: Value,
    reason: &str,
) -> Result<()> {
    crate::history::INNOVATION.append(tx, innovation_id, actor, now, action, changes, reason)
}

/// A live innovation, or NotFound (also for a removed one: it takes no new records).
pub(crate) fn live_innovation(conn: &Connection, id: &str) -> Result<Innovation> {
    let i = get_innovation(conn, id)?;
    if i.removed {
        return Err(Error::NotFound { what: Entity::Innovation, key: i.code });
    }
    Ok(i)
}

// ---------------------------------------------------------------- forwarding and entries

pub fn add_forwarding(
    tx: &Connection,
    innovation_id: &str,
    input: ForwardingInput,
    actor: &Actor,
    now: &str,
) -> Result<Forwarding> {
    live_innovation(tx, innovation_id)?;
    if !(1900..=2200).contains(&input.year) {
        return Err(Error::InvalidInput { field: "tahun", problem: InputProblem::BadYear(input.year.to_string()) });
    }
    let outcome = checked_text("hasil", &input.outcome, MAX_TEXT, false)?;
    let note = checked_text("catatan", &input.note, MAX_LONG_TEXT, false)?;
    let id = new_id();
    tx.execute(
        "INSERT INTO innovation_forwarding (id, innovation_id, level, year, outcome, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, innovation_id, input.level.as_str(), input.year, outcome, note, now],
    )?;
    let changes =
        json!({ "diteruskan": [null, format!("{} {} {}", input.level.as_str(), input.year, outcome).trim()] });
    append_history(tx, innovation_id, actor, now, "forwarded", changes, "")?;
    Ok(Forwarding { id, level: input.level, year: input.year, outcome, note })
}

pub fn remove_forwarding(tx: &Connection, forwarding_id: &str, actor: &Actor, now: &str) -> Result<()> {
    let (innovation_id, level, year): (String, String, i32) = tx
        .query_row("SELECT innovation_id, level, year FROM innovation_forwarding WHERE id = ?1", [forwarding_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Innovation, key: forwarding_id.to_string() })?;
    tx.execute("DELETE FROM innovation_forwarding WHERE id = ?1", [forwarding_id])?;
    let changes = json!({ "diteruskan": [format!("{level} {year}"), null] });
    append_history(tx, &innovation_id, actor, now, "forwarding_removed", changes, "")
}

pub fn forwardings(conn: &Connection, innovation_id: &str) -> Result<Vec<Forwarding>> {
    let mut stmt = conn.prepare(
        "SELECT id, level, year, outcome, note FROM innovation_forwarding WHERE innovation_id = ?1 ORDER BY year, created_at",
    )?;
    let rows = stmt
        .query_map([innovation_id], |r| {
            let level: String = r.get(1)?;
            Ok(Forwarding {
                id: r.get(0)?,
                level: ForwardingLevel::parse(&level).unwrap_or(ForwardingLevel::Lainnya),
                year: r.get(2)?,
                outcome: r.get(3)?,
                note: r.get(4)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn competition_entries(conn: &Connection, innovation_id: &str) -> Result<Vec<CompetitionEntry>> {
    let mut stmt = conn.prepare(
        "SELECT e.proposal_id, c.name, c.year, p.code, k.name, e.rank, e.result
         FROM innovation_entry e JOIN proposal p ON p.id = e.proposal_id
         JOIN competition c ON c.id = p.competition_id JOIN category k ON k.id = p.category_id
         WHERE e.innovation_id = ?1 ORDER BY c.year, c.name",
    )?;
    let rows = stmt
        .query_map([innovation_id], |r| {
            Ok(CompetitionEntry {
                proposal_id: r.get(0)?,
                competition: r.get(1)?,
                year: r.get(2)?,
                proposal_code: r.get(3)?,
                category: r.get(4)?,
                rank: r.get(5)?,
                result: r.get(6)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Everything about one innovation.
pub fn innovation_detail(conn: &Connection, id: &str) -> Result<InnovationDetail> {
    Ok(InnovationDetail {
        innovation: get_innovation(conn, id)?,
        entries: competition_entries(conn, id)?,
        forwardings: forwardings(conn, id)?,
        indicators: super::indicators::list_indicators(conn, id)?,
        reports: super::reports::list_reports(conn, id)?,
        evaluations: super::reports::list_evaluations(conn, id)?,
    })
}
