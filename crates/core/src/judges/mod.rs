//! The jury: judges with their background (unsur), NIP and conflicts of interest.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::error::{Error, InputProblem, Result};
use crate::ids::new_id;
use crate::text::match_key;

/// Backgrounds a judge can represent (DOMAIN.md §1.2), in their canonical spelling.
pub const UNSUR: [&str; 5] = ["akademisi", "LSM", "birokrasi", "praktisi", "media"];

pub fn canonical_unsur(s: &str) -> Option<String> {
    let key = match_key(s);
    if key.is_empty() {
        return Some(String::new());
    }
    UNSUR.iter().find(|u| u.to_lowercase() == key).map(|u| u.to_string())
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Judge {
    pub id: String,
    pub code: String,
    pub name: String,
    pub institution: String,
    pub unsur: String,
    pub nip: String,
    /// Unit names and/or proposal codes this judge must not score.
    pub conflicts: Vec<String>,
    /// Category codes this judge scores; empty = every category.
    pub categories: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeInput {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub institution: String,
    #[serde(default)]
    pub unsur: String,
    #[serde(default)]
    pub nip: String,
    #[serde(default)]
    pub conflicts: Vec<String>,
    /// Category codes this judge scores; empty = every category.
    #[serde(default)]
    pub categories: Vec<String>,
}

impl JudgeInput {
    pub fn tidied(mut self) -> Result<JudgeInput> {
        self.code = crate::text::tidy(&self.code);
        self.name = crate::text::tidy(&self.name);
        self.institution = crate::text::tidy(&self.institution);
        self.nip = crate::text::tidy(&self.nip);
        self.conflicts = self.conflicts.iter().map(|c| crate::text::tidy(c)).filter(|c| !c.is_empty()).collect();
        self.categories = self.categories.iter().map(|c| crate::text::tidy(c)).filter(|c| !c.is_empty()).collect();
        if self.code.is_empty() {
            return Err(Error::InvalidInput { field: "kode", problem: InputProblem::Required });
        }
        if self.name.is_empty() {
            return Err(Error::InvalidInput { field: "nama", problem: InputProblem::Required });
        }
        use crate::limits::{CODE, NAME, SHORT, check};
        check("kode", &self.code, CODE)?;
        check("nama", &self.name, NAME)?;
        check("institusi", &self.institution, NAME)?;
        check("nip", &self.nip, SHORT)?;
        check("unsur", &self.unsur, SHORT)?;
        for c in &self.conflicts {
            check("konflik", c, NAME)?;
        }
        for c in &self.categories {
            check("kategori", c, NAME)?;
        }
        // A judge with more conflicts or categories than this is a hostile file, not a jury.
        if self.conflicts.len() > 1000 {
            return Err(Error::InvalidInput { field: "konflik", problem: InputProblem::TooLong(1000) });
        }
        if self.categories.len() > 1000 {
            return Err(Error::InvalidInput { field: "kategori", problem: InputProblem::TooLong(1000) });
        }
        self.unsur = canonical_unsur(&self.unsur).ok_or_else(|| Error::InvalidInput {
            field: "unsur",
            problem: InputProblem::BadUnsur(self.unsur.clone()),
        })?;
        Ok(self)
    }
}

impl Judge {
    /// Whether this judge must not score a proposal of `unit` with `code` (names compared loosely).
    pub fn conflicted_with(&self, proposal_code: &str, unit: &str) -> bool {
        if self.conflicts.is_empty() {
            return false;
        }
        let (code, unit) = (match_key(proposal_code), match_key(unit));
        self.conflicts.iter().any(|c| {
            let k = match_key(c);
            k == code || k == unit
        })
    }

    pub fn as_input(&self) -> JudgeInput {
        JudgeInput {
            code: self.code.clone(),
            name: self.name.clone(),
            institution: self.institution.clone(),
            unsur: self.unsur.clone(),
            nip: self.nip.clone(),
            conflicts: self.conflicts.clone(),
            categories: self.categories.clone(),
        }
    }

    /// Whether the judge's panel covers a category (an empty list covers all).
    pub fn covers(&self, category: &str) -> bool {
        self.categories.is_empty() || self.categories.iter().any(|c| match_key(c) == match_key(category))
    }
}

/// A stored JSON list; a damaged one is an error (an empty conflict list would let a judge score
/// the proposals they must not).
fn stored_list(json: &str, column: usize) -> rusqlite::Result<Vec<String>> {
    serde_json::from_str(json)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(e)))
}

fn from_row(r: &Row) -> rusqlite::Result<Judge> {
    let conflicts: String = r.get(6)?;
    let categories: String = r.get(7)?;
    Ok(Judge {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        institution: r.get(3)?,
        unsur: r.get(4)?,
        nip: r.get(5)?,
        conflicts: stored_list(&conflicts, 6)?,
        categories: stored_list(&categories, 7)?,
    })
}

const SELECT: &str = "SELECT id, code, name, institution, unsur, nip, conflicts, categories FROM judge";

pub fn list_judges(conn: &Connection, competition_id: &str) -> Result<Vec<Judge>> {
    let mut stmt = conn.prepare(&format!("{SELECT} WHERE competition_id = ?1 AND deleted_at IS NULL ORDER BY code"))?;
    let rows = stmt.query_map([competition_id], from_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn find_judge_by_code(conn: &Connection, competition_id: &str, code: &str) -> Result<Option<Judge>> {
    Ok(conn
        .query_row(
            &format!("{SELECT} WHERE competition_id = ?1 AND code = ?2 COLLATE NOCASE AND deleted_at IS NULL"),
            [competition_id, code],
            from_row,
        )
        .optional()?)
}

/// Adds a judge, or updates the one with the same code. Returns true when anything changed.
pub fn upsert_judge(tx: &Connection, competition_id: &str, input: JudgeInput, now: &str) -> Result<bool> {
    let input = input.tidied()?;
    let conflicts = serde_json::to_string(&input.conflicts).expect("strings serialise");
    let categories = serde_json::to_string(&input.categories).expect("strings serialise");
    match find_judge_by_code(tx, competition_id, &input.code)? {
        Some(old) if old.as_input() == JudgeInput { code: old.code.clone(), ..input.clone() } => Ok(false),
        Some(old) => {
            tx.execute(
                "UPDATE judge SET name = ?2, institution = ?3, unsur = ?4, nip = ?5, conflicts = ?6, categories = ?7,
                        updated_at = ?8 WHERE id = ?1",
                params![old.id, input.name, input.institution, input.unsur, input.nip, conflicts, categories, now],
            )?;
            Ok(true)
        }
        None => {
            tx.execute(
                "INSERT INTO judge (id, competition_id, code, name, institution, unsur, nip, conflicts, categories,
                                    created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    new_id(),
                    competition_id,
                    input.code,
                    input.name,
                    input.institution,
                    input.unsur,
                    input.nip,
                    conflicts,
                    categories,
                    now
                ],
            )?;
            Ok(true)
        }
    }
}

/// Removes a judge from the roster; their scores stay in the database and in the history.
pub fn remove_judge(tx: &Connection, competition_id: &str, code: &str, now: &str) -> Result<()> {
    let j = find_judge_by_code(tx, competition_id, code)?
        .ok_or_else(|| Error::NotFound { what: crate::error::Entity::Judge, key: code.to_string() })?;
    tx.execute("UPDATE judge SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1", params![j.id, now])?;
    Ok(())
}
