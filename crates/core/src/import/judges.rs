//! Importing the jury (FORMATS.md §3): all rows checked first, then one transaction.

use std::collections::HashMap;

use rusqlite::Connection;

use super::RowError;
use super::columns::{ColumnSpec, Columns, col};
use super::proposals::ImportSummary;
use super::table::read_table;
use crate::error::{Error, InputProblem, Result};
use crate::judges::{JudgeInput, upsert_judge};

pub const JUDGE_COLUMNS: &[ColumnSpec] = &[
    col("kode", "code", true),
    col("nama", "name", true),
    col("institusi", "institution", false),
    col("unsur", "group", false),
    col("nip", "nip", false),
    col("konflik", "conflicts", false),
    // Not in FORMATS.md §3 (extra columns are allowed): the categories this judge scores, ';'-separated.
    col("kategori", "categories", false),
];

/// Parses a judges file into inputs, or every row error.
pub fn parse_judges(bytes: &[u8]) -> Result<Vec<(usize, JudgeInput)>> {
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, JUDGE_COLUMNS)?;
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let n = row.number;
        let input = JudgeInput {
            code: cols.get(row, "kode").to_string(),
            name: cols.get(row, "nama").to_string(),
            institution: cols.get(row, "institusi").to_string(),
            unsur: cols.get(row, "unsur").to_string(),
            nip: cols.get(row, "nip").to_string(),
            conflicts: split_list(cols.get(row, "konflik")),
            categories: split_list(cols.get(row, "kategori")),
        };
        match input.tidied() {
            Ok(i) => {
                if let Some(first) = seen.insert(i.code.to_lowercase(), n) {
                    errors.push(RowError::new(
                        n,
                        "kode",
                        InputProblem::DuplicateInFile { code: i.code.clone(), first_row: first },
                    ));
                } else {
                    out.push((n, i));
                }
            }
            Err(Error::InvalidInput { field, problem }) => errors.push(RowError::new(n, field, problem)),
            Err(e) => return Err(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::ImportRefused { errors });
    }
    Ok(out)
}

/// Imports judges into a competition: new codes are added, known codes updated.
pub fn import_judges(tx: &Connection, competition_id: &str, bytes: &[u8], now: &str) -> Result<ImportSummary> {
    crate::competition::load_competition(tx, competition_id)?;
    let rows = parse_judges(bytes)?;
    let mut s = ImportSummary { added: 0, updated: 0, unchanged: 0 };
    for (_, input) in rows {
        let existed = crate::judges::find_judge_by_code(tx, competition_id, &input.code)?.is_some();
        match (existed, upsert_judge(tx, competition_id, input, now)?) {
            (false, _) => s.added += 1,
            (true, true) => s.updated += 1,
            (true, false) => s.unchanged += 1,
        }
    }
    Ok(s)
}

fn split_list(cell: &str) -> Vec<String> {
    cell.split(';').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect()
}
