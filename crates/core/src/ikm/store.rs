//! Storing survey responses and reading them back per unit and period.

use std::collections::BTreeSet;

use rusqlite::{Connection, params};
use serde::Serialize;

use super::compute::{Answers, IkmResult, ikm_from_tally};
use crate::error::{Entity, Error, InputProblem, Result};
use crate::ids::new_id;
use crate::import::{ColumnSpec, Columns, RowError, col, read_table};
use crate::text::{match_key, tidy};

pub const IKM_COLUMNS: &[ColumnSpec] = &[
    col("unit", "unit", true),
    col("periode", "period", true),
    col("u1", "u1", true),
    col("u2", "u2", true),
    col("u3", "u3", true),
    col("u4", "u4", true),
    col("u5", "u5", true),
    col("u6", "u6", true),
    col("u7", "u7", true),
    col("u8", "u8", true),
    col("u9", "u9", true),
    col("jenis_kelamin", "gender", false),
    col("umur", "age", false),
    col("pendidikan", "education", false),
    col("pekerjaan", "occupation", false),
];

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IkmImportSummary {
    pub respondents: usize,
    /// (unit, period) pairs in the file; their earlier responses were replaced.
    pub surveys: usize,
    pub replaced: usize,
}

struct Row {
    number: usize,
    unit: String,
    period: String,
    answers: Answers,
    profile: [String; 4],
}

fn parse(bytes: &[u8]) -> Result<Vec<Row>> {
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, IKM_COLUMNS)?;
    let mut errors = Vec::new();
    let mut rows = Vec::new();
    for r in &table.rows {
        let n = r.number;
        let unit = tidy(cols.get(r, "unit"));
        let period = tidy(cols.get(r, "periode"));
        let before = errors.len();
        if unit.is_empty() {
            errors.push(RowError::new(n, "unit", InputProblem::Required));
        }
        if period.is_empty() {
            errors.push(RowError::new(n, "periode", InputProblem::Required));
        }
        let mut answers: Answers = [None; 9];
        for (i, a) in answers.iter_mut().enumerate() {
            let name = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"][i];
            let cell = cols.get(r, name);
            if cell.is_empty() {
                continue;
            }
            match crate::text::parse_decimal(cell) {
                Some(v) if v.fract() == 0.0 && (1.0..=4.0).contains(&v) => *a = Some(v as u8),
                _ => errors.push(RowError::new(n, name, InputProblem::BadAnswer(cell.to_string()))),
            }
        }
        if errors.len() == before {
            let profile = ["jenis_kelamin", "umur", "pendidikan", "pekerjaan"].map(|c| tidy(cols.get(r, c)));
            rows.push(Row { number: n, unit, period, answers, profile });
        }
    }
    if !errors.is_empty() {
        return Err(Error::ImportRefused { errors });
    }
    Ok(rows)
}

/// Imports a survey file in one transaction. A file holds whole surveys: for every (unit, period)
/// it contains, earlier responses are replaced, so importing an updated spreadsheet again does not
/// count anyone twice. Any answer outside 1–4 refuses the whole file.
pub fn import_ikm(tx: &Connection, bytes: &[u8], now: &str) -> Result<IkmImportSummary> {
    let rows = parse(bytes)?;
    let surveys: BTreeSet<(String, String)> = rows.iter().map(|r| (match_key(&r.unit), r.period.clone())).collect();
    let mut replaced = 0;
    for (unit_key, period) in &surveys {
        replaced +=
            tx.execute("DELETE FROM ikm_response WHERE unit_key = ?1 AND period = ?2", params![unit_key, period])?;
    }
    for r in &rows {
        insert_response(
            tx,
            &r.unit,
            &r.period,
            r.number as i64,
            &r.answers,
            r.profile.each_ref().map(String::as_str),
            now,
        )?;
    }
    Ok(IkmImportSummary { respondents: rows.len(), surveys: surveys.len(), replaced })
}

/// Stores one respondent (`row` is where it came from: a spreadsheet row, or the next number when
/// typed by hand); `profile` is gender, age, education, occupation.
pub(crate) fn insert_response(
    tx: &Connection,
    unit: &str,
    period: &str,
    row: i64,
    answers: &[Option<u8>],
    profile: [&str; 4],
    now: &str,
) -> Result<()> {
    let mut insert = tx.prepare_cached(
        "INSERT INTO ikm_response (id, unit, unit_key, period, row_number, u1, u2, u3, u4, u5, u6, u7, u8, u9,
                                   gender, age, education, occupation, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    )?;
    let a = |i: usize| answers.get(i).copied().flatten();
    insert.execute(params![
        new_id(),
        unit,
        match_key(unit),
        period,
        row,
        a(0),
        a(1),
        a(2),
        a(3),
        a(4),
        a(5),
        a(6),
        a(7),
        a(8),
        profile[0],
        profile[1],
        profile[2],
        profile[3],
        now
    ])?;
    Ok(())
}

/// The index of one unit (matched loosely by name) and period. The database counts and sums the
/// answers per unsur (one indexed pass, no row reaches Rust); the name is the survey's first row's.
pub fn ikm_for(conn: &Connection, unit: &str, period: &str) -> Result<IkmResult> {
    let mut sql = String::from("SELECT unit, min(row_number), count(*)");
    for u in 1..=9 {
        sql.push_str(&format!(", count(u{u}), coalesce(sum(u{u}), 0)"));
    }
    sql.push_str(" FROM ikm_response WHERE unit_key = ?1 AND period = ?2");
    let (name, respondents, tally) = conn.query_row(&sql, params![match_key(unit), tidy(period)], |r| {
        let mut tally = [(0u64, 0u64); 9];
        for (i, t) in tally.iter_mut().enumerate() {
            *t = (r.get::<_, i64>(3 + 2 * i)? as u64, r.get::<_, i64>(4 + 2 * i)? as u64);
        }
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, i64>(2)?, tally))
    })?;
    let Some(name) = name.filter(|_| respondents > 0) else {
        return Err(Error::NotFound { what: Entity::Survey, key: format!("{unit} / {period}") });
    };
    Ok(ikm_from_tally(&name, &tidy(period), respondents as u32, &tally))
}

/// Every (unit, period) with responses, for lists and trends.
pub fn ikm_surveys(conn: &Connection) -> Result<Vec<(String, String, u32)>> {
    let mut stmt = conn.prepare(
        "SELECT min(unit), period, count(*) FROM ikm_response GROUP BY unit_key, period ORDER BY unit_key, period",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
