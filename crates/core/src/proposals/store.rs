//! Reading and writing proposals. Every change appends to `proposal_history`.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::{Map, Value, json};

use super::model::*;
use crate::competition::{category_id, load_competition};
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;

/// Who did something, recorded in histories.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
}

impl Actor {
    pub fn new(name: impl Into<String>) -> Actor {
        Actor { name: name.into() }
    }
}

const SELECT: &str = "SELECT p.id, p.code, p.title, k.code, k.name, p.unit, p.unit_type, p.innovator, p.phone, p.email,
        p.summary, p.start_year, p.status, p.status_reason, p.created_at, p.updated_at, p.deleted_at IS NOT NULL,
        p.origin_organiser, p.origin_competition, p.origin_year, p.origin_code, p.origin_rank, p.origin_final
     FROM proposal p JOIN category k ON k.id = p.category_id";

fn from_row(r: &Row) -> rusqlite::Result<Proposal> {
    let status: String = r.get(12)?;
    Ok(Proposal {
        id: r.get(0)?,
        code: r.get(1)?,
        title: r.get(2)?,
        category: r.get(3)?,
        category_name: r.get(4)?,
        unit: r.get(5)?,
        unit_type: r.get(6)?,
        innovator: r.get(7)?,
        phone: r.get(8)?,
        email: r.get(9)?,
        summary: r.get(10)?,
        start_year: r.get(11)?,
        status: ScreeningStatus::parse(&status).unwrap_or(ScreeningStatus::Terdaftar),
        status_reason: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        removed: r.get(16)?,
        origin: match r.get::<_, Option<String>>(20)? {
            Some(code) => Some(ProposalOrigin {
                organiser: r.get::<_, Option<String>>(17)?.unwrap_or_default(),
                competition: r.get::<_, Option<String>>(18)?.unwrap_or_default(),
                year: r.get(19)?,
                code,
                rank: r.get(21)?,
                final_score: r.get(22)?,
            }),
            None => None,
        },
    })
}

impl Proposal {
    pub fn as_input(&self) -> ProposalInput {
        ProposalInput {
            code: self.code.clone(),
            title: self.title.clone(),
            category: self.category.clone(),
            unit: self.unit.clone(),
            unit_type: self.unit_type.clone(),
            innovator: self.innovator.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            summary: self.summary.clone(),
            start_year: self.start_year,
        }
    }
}

/// Lists a competition's proposals by code, filtered.
pub fn list_proposals(conn: &Connection, competition_id: &str, f: &ProposalFilter) -> Result<Vec<Proposal>> {
    let mut sql = format!("{SELECT} WHERE p.competition_id = ?1");
    if !f.include_removed {
        sql.push_str(" AND p.deleted_at IS NULL");
    }
    sql.push_str(
        " AND (?2 = '' OR p.code LIKE ?2 ESCAPE '\\' OR p.title LIKE ?2 ESCAPE '\\' OR p.unit LIKE ?2 ESCAPE '\\'
               OR p.innovator LIKE ?2 ESCAPE '\\' OR p.summary LIKE ?2 ESCAPE '\\')
          AND (?3 IS NULL OR k.code = ?3) AND (?4 IS NULL OR p.unit_type = ?4) AND (?5 IS NULL OR p.status = ?5)
          ORDER BY p.code, p.created_at",
    );
    let q = f.query.trim();
    let like = if q.is_empty() {
        String::new()
    } else {
        format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"))
    };
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(
            params![
                competition_id,
                like,
                f.category.as_deref().filter(|s| !s.is_empty()),
                f.unit_type.as_deref().filter(|s| !s.is_empty()),
                f.status.map(|s| s.as_str())
            ],
            from_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn get_proposal(conn: &Connection, id: &str) -> Result<Proposal> {
    conn.query_row(&format!("{SELECT} WHERE p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: id.to_string() })
}

pub fn find_proposal_by_code(conn: &Connection, competition_id: &str, code: &str) -> Result<Option<Proposal>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE p.competition_id = ?1 AND p.code = ?2 COLLATE NOCASE AND p.deleted_at IS NULL"),
            [competition_id, code],
            from_row,
        )
        .optional()?)
}

/// Live codes of a competition (to generate new ones and detect duplicates).
pub fn codes_in_use(conn: &Connection, competition_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT code FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let codes = stmt.query_map([competition_id], |r| r.get(0))?.collect::<Result<Vec<String>, _>>()?;
    Ok(codes)
}

/// The next free code P-001, P-002, ... skipping the ones in `taken` (compared case-insensitively).
pub fn next_code(taken: &std::collections::HashSet<String>) -> String {
    (1..)
        .map(|n| format!("P-{n:03}"))
        .find(|c| !taken.contains(&c.to_lowercase()))
        .expect("an unbounded range has a free code")
}

/// Adds a proposal. The category must exist in the competition; an empty code is generated.
pub fn add_proposal(
    tx: &Connection,
    competition_id: &str,
    input: ProposalInput,
    actor: &Actor,
    now: &str,
) -> Result<Proposal> {
    let mut input = input.tidied()?;
    let comp = load_competition(tx, competition_id)?;
    let cat = comp
        .setup
        .find_category(&input.category)
        .ok_or_else(|| Error::InvalidInput {
            field: "kategori",
            problem: InputProblem::UnknownCategory(input.category.clone()),
        })?
        .code
        .clone();
    if input.code.is_empty() {
        let taken = codes_in_use(tx, competition_id)?.iter().map(|c| c.to_lowercase()).collect();
        input.code = next_code(&taken);
    } else if find_proposal_by_code(tx, competition_id, &input.code)?.is_some() {
        return Err(Error::DuplicateCode(input.code));
    }
    let id = new_id();
    tx.execute(
        "INSERT INTO proposal (id, competition_id, code, title, category_id, unit, unit_type, innovator, phone, email,
                               summary, start_year, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            id,
            competition_id,
            input.code,
            input.title,
            category_id(tx, competition_id, &cat)?,
            input.unit,
            input.unit_type,
            input.innovator,
            input.phone,
            input.email,
            input.summary,
            input.start_year,
            now
        ],
    )?;
    input.category = cat;
    let changes = diff(&ProposalInput::default(), &input);
    append_history(tx, &id, actor, now, "created", Value::Object(changes), "")?;
    get_proposal(tx, &id)
}

/// Edits a proposal; returns it unchanged (and records nothing) when no field differs.
pub fn update_proposal(tx: &Connection, id: &str, input: ProposalInput, actor: &Actor, now: &str) -> Result<Proposal> {
    let old = get_proposal(tx, id)?;
    if old.removed {
        return Err(Error::NotFound { what: Entity::Proposal, key: old.code });
    }
    let competition_id: String =
        tx.query_row("SELECT competition_id FROM proposal WHERE id = ?1", [id], |r| r.get(0))?;
    let mut input = input.tidied()?;
    let comp = load_competition(tx, &competition_id)?;
    input.category = comp
        .setup
        .find_category(&input.category)
        .ok_or_else(|| Error::InvalidInput {
            field: "kategori",
            problem: InputProblem::UnknownCategory(input.category.clone()),
        })?
        .code
        .clone();
    if input.code.is_empty() {
        input.code = old.code.clone();
    }
    if !input.code.eq_ignore_ascii_case(&old.code) && find_proposal_by_code(tx, &competition_id, &input.code)?.is_some()
    {
        return Err(Error::DuplicateCode(input.code));
    }
    let changes = diff(&old.as_input(), &input);
    if changes.is_empty() {
        return Ok(old);
    }
    tx.execute(
        "UPDATE proposal SET code = ?2, title = ?3, category_id = ?4, unit = ?5, unit_type = ?6, innovator = ?7,
                phone = ?8, email = ?9, summary = ?10, start_year = ?11, updated_at = ?12 WHERE id = ?1",
        params![
            id,
            input.code,
            input.title,
            category_id(tx, &competition_id, &input.category)?,
            input.unit,
            input.unit_type,
            input.innovator,
            input.phone,
            input.email,
            input.summary,
            input.start_year,
            now
        ],
    )?;
    append_history(tx, id, actor, now, "updated", Value::Object(changes), "")?;
    get_proposal(tx, id)
}

/// Removes a proposal from the registry, keeping the row and a history line with the reason.
pub fn remove_proposal(tx: &Connection, id: &str, reason: &str, actor: &Actor, now: &str) -> Result<()> {
    let reason = reason.trim();
    crate::limits::check("alasan", reason, crate::limits::REASON)?;
    if reason.is_empty() {
        return Err(Error::InvalidInput { field: "alasan", problem: InputProblem::ReasonRequired });
    }
    let p = get_proposal(tx, id)?;
    if p.removed {
        return Ok(());
    }
    tx.execute(
        "UPDATE proposal SET deleted_at = ?2, deleted_reason = ?3, updated_at = ?2 WHERE id = ?1",
        params![id, now, reason],
    )?;
    append_history(tx, id, actor, now, "removed", json!({}), reason)
}

/// Sets the screening status; failing, withdrawing and disqualifying need a reason.
pub fn set_status(
    tx: &Connection,
    id: &str,
    status: ScreeningStatus,
    reason: &str,
    actor: &Actor,
    now: &str,
) -> Result<Proposal> {
    let reason = reason.trim();
    crate::limits::check("alasan", reason, crate::limits::REASON)?;
    if status.needs_reason() && reason.is_empty() {
        return Err(Error::InvalidInput { field: "alasan", problem: InputProblem::ReasonRequired });
    }
    let p = get_proposal(tx, id)?;
    if p.removed {
        return Err(Error::NotFound { what: Entity::Proposal, key: p.code });
    }
    if p.status == status && p.status_reason == reason {
        return Ok(p);
    }
    tx.execute(
        "UPDATE proposal SET status = ?2, status_reason = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, status.as_str(), reason, now],
    )?;
    let changes = json!({ "status": [p.status.as_str(), status.as_str()] });
    append_history(tx, id, actor, now, "status", changes, reason)?;
    get_proposal(tx, id)
}

pub fn proposal_history(conn: &Connection, id: &str) -> Result<Vec<HistoryEntry>> {
    crate::history::PROPOSAL.read(conn, id)
}

pub(crate) fn append_history(
    tx: &Connection,
    proposal_id: &str,
    actor: &Actor,
    now: &str,
    action: &str,
    changes: Value,
    reason: &str,
) -> Result<()> {
    crate::history::PROPOSAL.append(tx, proposal_id, actor, now, action, changes, reason)
}

/// field -> [old, new] for every field that differs.
pub fn diff(old: &ProposalInput, new: &ProposalInput) -> Map<String, Value> {
    let mut m = Map::new();
    let mut put = |k: &str, a: Value, b: Value| {
        if a != b {
            m.insert(k.to_string(), json!([a, b]));
        }
    };
    put("kode", json!(old.code), json!(new.code));
    put("judul", json!(old.title), json!(new.title));
    put("kategori", json!(old.category), json!(new.category));
    put("unit", json!(old.unit), json!(new.unit));
    put("jenis_unit", json!(old.unit_type), json!(new.unit_type));
    put("inovator", json!(old.innovator), json!(new.innovator));
    put("telepon", json!(old.phone), json!(new.phone));
    put("email", json!(old.email), json!(new.email));
    put("ringkasan", json!(old.summary), json!(new.summary));
    put("tahun_mulai", json!(old.start_year), json!(new.start_year));
    m
}
