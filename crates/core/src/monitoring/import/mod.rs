//! Importing innovations, indicator targets and quarterly reports from CSV/XLSX (the one table
//! reader): a preview with every error by row and column, then one all-or-nothing transaction.
//! The columns are ours (FORMATS.md does not define them); they are listed in the README.
//! One file per kind: innovations, targets (indicators and quarterly targets), reports.

mod innovations;
mod reports;
mod targets;

pub use innovations::{import_innovations, preview_innovations};
pub use reports::{import_reports, preview_reports};
pub use targets::{import_targets, preview_targets};

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::reports::{find_report, save_report};
use crate::error::{Error, InputProblem, Result};
use crate::import::{ColumnSpec, Columns, RowError, TableRow, col, read_table};
use crate::monitoring::indicators::{add_indicator, find_indicator, set_target};
use crate::monitoring::model::*;
use crate::monitoring::registry::{diff, find_innovation, find_unit, highest_code_number, insert_innovation, tidied};
use crate::proposals::Actor;
use crate::text::{match_key, parse_decimal, tidy};

pub const INNOVATION_COLUMNS: &[ColumnSpec] = &[
    col("kode", "code", false),
    col("judul", "title", true),
    col("unit", "unit", true),
    col("jenis_unit", "unit_type", false),
    col("kode_unit", "unit_code", false),
    col("tahun_mulai", "start_year", false),
    col("deskripsi", "description", false),
    col("tahapan", "stage", false),
];

pub const TARGET_COLUMNS: &[ColumnSpec] = &[
    col("kode_inovasi", "innovation", true),
    col("indikator", "indicator", true),
    col("jenis", "kind", false),
    col("satuan", "measure", false),
    col("kontrak_kinerja", "performance_contract", false),
    col("tahun", "year", true),
    col("triwulan", "quarter", true),
    col("target", "target", true),
];

pub const REPORT_COLUMNS: &[ColumnSpec] = &[
    col("kode_inovasi", "innovation", true),
    col("tahun", "year", true),
    col("triwulan", "quarter", true),
    col("indikator", "indicator", true),
    col("realisasi", "realisation", true),
    col("narasi", "narrative", false),
    col("kendala", "obstacles", false),
    col("tindak_lanjut", "follow_up", false),
];

/// What an import would do, shown before anything is written.
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MonitoringImportPreview {
    pub rows: usize,
    /// New innovations, indicators or reports.
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Units the file names that are not on the unit list yet (they would be added).
    pub new_units: Vec<String>,
    pub lines: Vec<PreviewLine>,
    pub errors: Vec<RowError>,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PreviewLine {
    /// First spreadsheet row of the item.
    pub row: usize,
    /// Innovation code (and indicator or quarter).
    pub item: String,
    /// add, update or unchanged.
    pub action: String,
    /// field -> [old, new] for updates of innovations; empty otherwise.
    pub changes: Value,
}

/// The three monitoring files, for callers that pick one (the app's import dialog).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum MonitoringFile {
    Innovations,
    Targets,
    Reports,
}

pub fn preview_monitoring_file(
    conn: &Connection,
    kind: MonitoringFile,
    bytes: &[u8],
) -> Result<MonitoringImportPreview> {
    match kind {
        MonitoringFile::Innovations => preview_innovations(conn, bytes),
        MonitoringFile::Targets => preview_targets(conn, bytes),
        MonitoringFile::Reports => preview_reports(conn, bytes),
    }
}

/// Imports one monitoring file in the caller's transaction (all or nothing).
pub fn import_monitoring_file(
    tx: &Connection,
    kind: MonitoringFile,
    bytes: &[u8],
    actor: &Actor,
    now: &str,
) -> Result<MonitoringImportPreview> {
    match kind {
        MonitoringFile::Innovations => import_innovations(tx, bytes, actor, now),
        MonitoringFile::Targets => import_targets(tx, bytes, actor, now),
        MonitoringFile::Reports => import_reports(tx, bytes, actor, now),
    }
}

fn line(row: usize, item: String, action: &str) -> PreviewLine {
    PreviewLine { row, item, action: action.into(), changes: Value::Null }
}

fn parse_year(raw: &str) -> Option<i32> {
    parse_decimal(raw).filter(|v| v.fract() == 0.0 && (1900.0..=2200.0).contains(v)).map(|v| v as i32)
}

/// The cells that locate a row: year and quarter.
fn year_quarter(cols: &Columns, r: &TableRow, errs: &mut Vec<RowError>) -> Option<(i32, u8)> {
    let n = r.number;
    let y_raw = cols.get(r, "tahun");
    let year = parse_year(y_raw);
    if year.is_none() {
        let p = if y_raw.is_empty() { InputProblem::Required } else { InputProblem::BadYear(y_raw.into()) };
        errs.push(RowError::new(n, "tahun", p));
    }
    let q_raw = cols.get(r, "triwulan");
    let quarter = parse_quarter(q_raw);
    if quarter.is_none() {
        let p = if q_raw.is_empty() { InputProblem::Required } else { InputProblem::BadQuarter(q_raw.into()) };
        errs.push(RowError::new(n, "triwulan", p));
    }
    Some((year?, quarter?))
}

/// "1.620" is 1620 to an Indonesian clerk and 1.62 to a parser: refused rather than guessed.
fn thousands_dot(raw: &str) -> bool {
    let mut parts = raw.split('.');
    let head = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&head.len())
        && !head.starts_with('0')
        && head.bytes().all(|b| b.is_ascii_digit())
        && rest.iter().all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn number(cols: &Columns, r: &TableRow, column: &'static str, errs: &mut Vec<RowError>) -> Option<f64> {
    let raw = cols.get(r, column);
    if thousands_dot(raw) {
        errs.push(RowError::new(r.number, column, InputProblem::AmbiguousThousands(raw.into())));
        return None;
    }
    match parse_decimal(raw) {
        Some(v) if v >= 0.0 => Some(v),
        _ => {
            let p = if raw.is_empty() { InputProblem::Required } else { InputProblem::NotANumber(raw.into()) };
            errs.push(RowError::new(r.number, column, p));
            None
        }
    }
}

fn refuse_or(preview: MonitoringImportPreview) -> Result<MonitoringImportPreview> {
    if preview.errors.is_empty() { Ok(preview) } else { Err(Error::ImportRefused { errors: preview.errors }) }
}

/// Innovations named by code in a targets or reports file, each looked up once.
#[derive(Default)]
struct InnovationLookup {
    /// lower-case code -> (id, code) when it exists
    found: HashMap<String, Option<(String, String)>>,
}

impl InnovationLookup {
    /// The innovation `raw` names (its id and code), or None with the row's error added.
    fn resolve(
        &mut self,
        conn: &Connection,
        row: usize,
        raw: &str,
        errs: &mut Vec<RowError>,
    ) -> Result<Option<(String, String)>> {
        let code = tidy(raw);
        let inv = match self.found.get(&code.to_lowercase()) {
            Some(found) => found.clone(),
            None => {
                let found = find_innovation(conn, &code)?.map(|i| (i.id, i.code));
                self.found.insert(code.to_lowercase(), found.clone());
                found
            }
        };
        if inv.is_none() {
            let p = if code.is_empty() {
                InputProblem::Required
            } else {
                InputProblem::UnknownCode { what: "kode_inovasi", code: code.clone() }
            };
            errs.push(RowError::new(row, "kode_inovasi", p));
        }
        Ok(inv)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_thousands_dot_is_told_from_a_decimal_point() {
        for v in ["1.620", "12.500.000", "100.000"] {
            assert!(super::thousands_dot(v), "{v}");
        }
        for v in ["1.5", "87.25", "0.125", "1620", "1,620", "1.6200", ""] {
            assert!(!super::thousands_dot(v), "{v}");
        }
    }
}
