//! Importing proposals (FORMATS.md §2): a preview first, then one all-or-nothing transaction.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::Value;

use super::RowError;
use super::columns::{ColumnSpec, Columns, col};
use super::table::read_table;
use crate::competition::{category_id, load_competition};
use crate::error::{Error, InputProblem, Result};
use crate::ids::new_id;
use crate::proposals::{
    Actor, Proposal, ProposalFilter, ProposalInput, append_history, diff, list_proposals, next_code,
};

pub const PROPOSAL_COLUMNS: &[ColumnSpec] = &[
    col("kode", "code", false),
    col("judul", "title", true),
    col("kategori", "category", true),
    col("unit", "unit", true),
    col("jenis_unit", "unit_type", false),
    col("inovator", "innovator", false),
    col("telepon", "phone", false),
    col("email", "email", false),
    col("ringkasan", "summary", false),
    col("tahun_mulai", "start_year", false),
];

/// A code whose fields change on import.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalUpdate {
    pub row: usize,
    pub code: String,
    /// field -> [old, new]
    pub changes: Value,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalImportPreview {
    pub rows: usize,
    pub to_add: Vec<ProposalInput>,
    pub to_update: Vec<ProposalUpdate>,
    pub unchanged: usize,
    pub errors: Vec<RowError>,
    pub unknown_categories: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

struct Planned {
    preview: ProposalImportPreview,
    /// (row, existing proposal id, new values) for updates.
    updates: Vec<(String, ProposalInput)>,
}

/// Parses and checks a proposals file against the competition without writing anything.
pub fn preview_proposals(conn: &Connection, competition_id: &str, bytes: &[u8]) -> Result<ProposalImportPreview> {
    Ok(plan(conn, competition_id, bytes)?.preview)
}

fn plan(conn: &Connection, competition_id: &str, bytes: &[u8]) -> Result<Planned> {
    let comp = load_competition(conn, competition_id)?;
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, PROPOSAL_COLUMNS)?;
    let existing: HashMap<String, Proposal> = list_proposals(conn, competition_id, &ProposalFilter::default())?
        .into_iter()
        .map(|p| (p.code.to_lowercase(), p))
        .collect();

    // Codes written in the file are reserved before any empty code is generated.
    let mut taken: HashSet<String> = existing.keys().cloned().collect();
    for row in &table.rows {
        let code = crate::text::tidy(cols.get(row, "kode"));
        if !code.is_empty() {
            taken.insert(code.to_lowercase());
        }
    }

    let mut preview = ProposalImportPreview {
        rows: table.rows.len(),
        to_add: Vec::new(),
        to_update: Vec::new(),
        unchanged: 0,
        errors: Vec::new(),
        unknown_categories: Vec::new(),
    };
    let mut updates = Vec::new();
    let mut seen_codes: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let n = row.number;
        let mut errs = Vec::new();
        let input = row_input(&comp.setup, &cols, row, &mut seen_codes, &mut preview.unknown_categories, &mut errs)?;
        let code = input.as_ref().map(|i| i.code.clone()).unwrap_or_default();
        if !errs.is_empty() {
            preview.errors.extend(errs);
            continue;
        }
        let mut input = input.expect("no errors means a tidied input");
        match existing.get(&code.to_lowercase()).filter(|_| !code.is_empty()) {
            Some(old) => {
                input.code = old.code.clone();
                let changes = diff(&old.as_input(), &input);
                if changes.is_empty() {
                    preview.unchanged += 1;
                } else {
                    preview.to_update.push(ProposalUpdate {
                        row: n,
                        code: old.code.clone(),
                        changes: Value::Object(changes),
                    });
                    updates.push((old.id.clone(), input));
                }
            }
            None => {
                if input.code.is_empty() {
                    input.code = next_code(&taken);
                    taken.insert(input.code.to_lowercase());
                }
                preview.to_add.push(input);
            }
        }
    }
    preview.errors.sort_by_key(|e| e.row);
    Ok(Planned { preview, updates })
}

/// One row as a tidied proposal, or None with its errors in `errs` (a duplicate code, a missing or
/// unknown category, a bad year, a field too long). Unknown categories are collected for the preview.
fn row_input(
    setup: &crate::competition::Setup,
    cols: &Columns,
    row: &super::TableRow,
    seen_codes: &mut HashMap<String, usize>,
    unknown_categories: &mut Vec<String>,
    errs: &mut Vec<RowError>,
) -> Result<Option<ProposalInput>> {
    let n = row.number;
    let code = crate::text::tidy(cols.get(row, "kode"));
    if !code.is_empty()
        && let Some(first) = seen_codes.insert(code.to_lowercase(), n)
    {
        errs.push(RowError::new(n, "kode", InputProblem::DuplicateInFile { code: code.clone(), first_row: first }));
    }
    let category_text = cols.get(row, "kategori");
    let category = match setup.find_category(category_text) {
        Some(c) => c.code.clone(),
        None if category_text.is_empty() => {
            errs.push(RowError::new(n, "kategori", InputProblem::Required));
            String::new()
        }
        None => {
            let t = crate::text::tidy(category_text);
            if !unknown_categories.contains(&t) {
                unknown_categories.push(t.clone());
            }
            errs.push(RowError::new(n, "kategori", InputProblem::UnknownCategory(t)));
            String::new()
        }
    };
    let start_year = match parse_year(cols.get(row, "tahun_mulai")) {
        Ok(y) => y,
        Err(raw) => {
            errs.push(RowError::new(n, "tahun_mulai", InputProblem::BadYear(raw)));
            None
        }
    };
    let input = ProposalInput {
        code: code.clone(),
        title: cols.get(row, "judul").to_string(),
        category: if category.is_empty() { "?".into() } else { category },
        unit: cols.get(row, "unit").to_string(),
        unit_type: cols.get(row, "jenis_unit").to_string(),
        innovator: cols.get(row, "inovator").to_string(),
        phone: cols.get(row, "telepon").to_string(),
        email: cols.get(row, "email").to_string(),
        summary: cols.get(row, "ringkasan").to_string(),
        start_year,
    };
    Ok(match input.tidied() {
        Ok(i) => Some(i),
        Err(Error::InvalidInput { field, problem }) => {
            errs.push(RowError::new(n, field, problem));
            None
        }
        Err(e) => return Err(e),
    })
}

/// Imports a proposals file in the caller's transaction. Any row error refuses the whole file
/// (`ImportRefused`) before anything is written. `progress(done, total)` returning false cancels.
pub fn import_proposals(
    tx: &Connection,
    competition_id: &str,
    bytes: &[u8],
    actor: &Actor,
    now: &str,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<ImportSummary> {
    let Planned { preview, updates } = plan(tx, competition_id, bytes)?;
    if !preview.errors.is_empty() {
        return Err(Error::ImportRefused { errors: preview.errors });
    }
    let total = preview.to_add.len() + updates.len();
    let mut categories: HashMap<String, String> = HashMap::new();
    let mut insert = tx.prepare(
        "INSERT INTO proposal (id, competition_id, code, title, category_id, unit, unit_type, innovator, phone, email,
                               summary, start_year, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
    )?;
    let mut done = 0;
    for input in &preview.to_add {
        let cat = match categories.get(&input.category) {
            Some(c) => c.clone(),
            None => {
                let c = category_id(tx, competition_id, &input.category)?;
                categories.insert(input.category.clone(), c.clone());
                c
            }
        };
        let id = new_id();
        insert.execute(params![
            id,
            competition_id,
            input.code,
            input.title,
            cat,
            input.unit,
            input.unit_type,
            input.innovator,
            input.phone,
            input.email,
            input.summary,
            input.start_year,
            now
        ])?;
        append_history(tx, &id, actor, now, "imported", Value::Object(diff(&ProposalInput::default(), input)), "")?;
        done += 1;
        if done % 100 == 0 && !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    for (id, input) in &updates {
        crate::proposals::update_proposal(tx, id, input.clone(), actor, now)?;
        done += 1;
        if done % 100 == 0 && !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    progress(total, total);
    Ok(ImportSummary { added: preview.to_add.len(), updated: updates.len(), unchanged: preview.unchanged })
}

/// A start year from "2023", "2023.0", an Excel date "2023-05-01" or "01/05/2023"; Err(raw) when unreadable.
fn parse_year(raw: &str) -> std::result::Result<Option<i32>, String> {
    let t = raw.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let year = if let Some(v) = crate::text::parse_decimal(t) {
        (v.fract() == 0.0).then_some(v as i64)
    } else if t.len() >= 10 && t.as_bytes()[4] == b'-' {
        t[..4].parse().ok()
    } else {
        t.rsplit(['/', '-']).next().and_then(|y| y.parse().ok()).filter(|_| t.contains('/'))
    };
    match year {
        Some(y) if (1900..=2200).contains(&y) => Ok(Some(y as i32)),
        _ => Err(raw.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_year;

    #[test]
    fn years_in_the_shapes_spreadsheets_give() {
        assert_eq!(parse_year("2023"), Ok(Some(2023)));
        assert_eq!(parse_year("2023,0"), Ok(Some(2023)));
        assert_eq!(parse_year("2023-05-01"), Ok(Some(2023)));
        assert_eq!(parse_year("01/05/2023"), Ok(Some(2023)));
        assert_eq!(parse_year(""), Ok(None));
        assert!(parse_year("dua ribu").is_err());
        assert!(parse_year("12").is_err());
    }
}
