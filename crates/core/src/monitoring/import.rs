//! Importing innovations, indicator targets and quarterly reports from CSV/XLSX (the one table
//! reader): a preview with every error by row and column, then one all-or-nothing transaction.
//! The columns are ours (FORMATS.md does not define them); they are listed in the README.

use std::collections::HashMap;

use rusqlite::Connection;
use serde::Serialize;
use serde_json::Value;

use super::indicators::{add_indicator, find_indicator, set_target};
use super::model::*;
use super::registry::{diff, find_innovation, find_unit, highest_code_number, insert_innovation, tidied};
use super::reports::{find_report, save_report};
use crate::error::{Error, InputProblem, Result};
use crate::import::{ColumnSpec, Columns, RowError, TableRow, col, read_table};
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

// ---------------------------------------------------------------- innovations

struct InnovationPlan {
    preview: MonitoringImportPreview,
    /// (existing id or None, input)
    writes: Vec<(Option<String>, InnovationInput)>,
    unit_codes: HashMap<String, String>,
}

fn plan_innovations(conn: &Connection, bytes: &[u8]) -> Result<InnovationPlan> {
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, INNOVATION_COLUMNS)?;
    let mut preview = MonitoringImportPreview { rows: table.rows.len(), ..Default::default() };
    let mut writes = Vec::new();
    let mut unit_codes = HashMap::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut next = highest_code_number(conn)?;
    for r in &table.rows {
        let n = r.number;
        let code = tidy(cols.get(r, "kode"));
        if !code.is_empty()
            && let Some(first) = seen.insert(code.to_lowercase(), n)
        {
            preview.errors.push(RowError::new(n, "kode", InputProblem::DuplicateInFile { code, first_row: first }));
            continue;
        }
        let mut errs = Vec::new();
        let y_raw = cols.get(r, "tahun_mulai");
        let start_year = if y_raw.is_empty() {
            None
        } else {
            let y = parse_year(y_raw);
            if y.is_none() {
                errs.push(RowError::new(n, "tahun_mulai", InputProblem::BadYear(y_raw.into())));
            }
            y
        };
        let existing = if code.is_empty() { None } else { find_innovation(conn, &code)? };
        let stage_raw = cols.get(r, "tahapan");
        let stage = if stage_raw.is_empty() {
            Some(existing.as_ref().map(|e| e.stage).unwrap_or(LifecycleStage::Gagasan))
        } else {
            match LifecycleStage::parse(stage_raw) {
                Ok(s) => Some(s),
                Err(_) => {
                    errs.push(RowError::new(n, "tahapan", InputProblem::BadLifecycleStage(stage_raw.into())));
                    None
                }
            }
        };
        let input = InnovationInput {
            code: code.clone(),
            title: cols.get(r, "judul").into(),
            unit: cols.get(r, "unit").into(),
            unit_type: cols.get(r, "jenis_unit").into(),
            start_year,
            description: cols.get(r, "deskripsi").into(),
            stage: stage.unwrap_or(LifecycleStage::Gagasan),
        };
        // A column the file does not have keeps the registry's value.
        let input = match &existing {
            Some(old) => InnovationInput {
                start_year: if cols.has("tahun_mulai") { input.start_year } else { old.start_year },
                description: if cols.has("deskripsi") { input.description } else { old.description.clone() },
                ..input
            },
            None => input,
        };
        if let Err(Error::InvalidInput { field, problem }) =
            crate::limits::check("kode_unit", cols.get(r, "kode_unit"), crate::limits::CODE)
        {
            errs.push(RowError::new(n, field, problem));
        }
        let input = match tidied(input) {
            Ok(i) => Some(i),
            Err(Error::InvalidInput { field, problem }) => {
                errs.push(RowError::new(n, field, problem));
                None
            }
            Err(e) => return Err(e),
        };
        if !errs.is_empty() {
            preview.errors.extend(errs);
            continue;
        }
        let mut input = input.expect("no errors means a tidied input");
        let unit_code = tidy(cols.get(r, "kode_unit"));
        let known = match find_unit(conn, &input.unit)? {
            Some(u) => Some(u),
            None if !unit_code.is_empty() => find_unit(conn, &unit_code)?,
            None => None,
        };
        match &known {
            Some(u) => input.unit = u.name.clone(),
            None => {
                if !preview.new_units.iter().any(|u| match_key(u) == match_key(&input.unit)) {
                    preview.new_units.push(input.unit.clone());
                }
                if !unit_code.is_empty() {
                    unit_codes.insert(match_key(&input.unit), unit_code);
                }
            }
        }
        match existing {
            Some(old) => {
                input.code = old.code.clone();
                let changes = diff(&old.as_input(), &input);
                if changes.is_empty() {
                    preview.unchanged += 1;
                    preview.lines.push(line(n, old.code.clone(), "unchanged"));
                } else {
                    preview.updated += 1;
                    preview.lines.push(PreviewLine {
                        row: n,
                        item: old.code.clone(),
                        action: "update".into(),
                        changes: Value::Object(changes),
                    });
                    writes.push((Some(old.id), input));
                }
            }
            None => {
                if input.code.is_empty() {
                    loop {
                        next += 1;
                        let c = format!("INV-{next:03}");
                        if !seen.contains_key(&c.to_lowercase()) {
                            input.code = c;
                            break;
                        }
                    }
                }
                preview.added += 1;
                preview.lines.push(line(n, input.code.clone(), "add"));
                writes.push((None, input));
            }
        }
    }
    preview.errors.sort_by_key(|e| e.row);
    Ok(InnovationPlan { preview, writes, unit_codes })
}

/// What importing an innovations file would do; errors are listed, nothing is written.
pub fn preview_innovations(conn: &Connection, bytes: &[u8]) -> Result<MonitoringImportPreview> {
    Ok(plan_innovations(conn, bytes)?.preview)
}

/// Imports innovations in the caller's transaction: new codes are added, known codes updated (with
/// history), unknown units join the unit list. Any row error refuses the whole file.
pub fn import_innovations(tx: &Connection, bytes: &[u8], actor: &Actor, now: &str) -> Result<MonitoringImportPreview> {
    let plan = plan_innovations(tx, bytes)?;
    let preview = refuse_or(plan.preview)?;
    for (existing, input) in plan.writes {
        if let Some(code) = plan.unit_codes.get(&match_key(&input.unit)) {
            super::registry::ensure_unit(tx, &input.unit, &input.unit_type, code, now)?;
        }
        match existing {
            Some(id) => {
                super::registry::update_innovation(tx, &id, input, actor, now)?;
            }
            None => {
                insert_innovation(tx, input, actor, now, "imported")?;
            }
        }
    }
    Ok(preview)
}

// ---------------------------------------------------------------- targets

struct TargetPlan {
    preview: MonitoringImportPreview,
    /// New indicators: (innovation id, input)
    new_indicators: Vec<(String, IndicatorInput)>,
    /// (innovation id, indicator name, year, quarter, target)
    targets: Vec<(String, String, i32, u8, f64)>,
}

fn plan_targets(conn: &Connection, bytes: &[u8]) -> Result<TargetPlan> {
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, TARGET_COLUMNS)?;
    let mut preview = MonitoringImportPreview { rows: table.rows.len(), ..Default::default() };
    let mut plan =
        TargetPlan { preview: MonitoringImportPreview::default(), new_indicators: Vec::new(), targets: Vec::new() };
    let mut seen: HashMap<(String, String, i32, u8), usize> = HashMap::new();
    let mut innovations: HashMap<String, Option<(String, String)>> = HashMap::new();
    for r in &table.rows {
        let n = r.number;
        let mut errs = Vec::new();
        let code = tidy(cols.get(r, "kode_inovasi"));
        let inv = match innovations.get(&code.to_lowercase()) {
            Some(found) => found.clone(),
            None => {
                let found = find_innovation(conn, &code)?.map(|i| (i.id, i.code));
                innovations.insert(code.to_lowercase(), found.clone());
                found
            }
        };
        if inv.is_none() {
            let p = if code.is_empty() {
                InputProblem::Required
            } else {
                InputProblem::UnknownCode { what: "kode_inovasi", code: code.clone() }
            };
            errs.push(RowError::new(n, "kode_inovasi", p));
        }
        let name = tidy(cols.get(r, "indikator"));
        if name.is_empty() {
            errs.push(RowError::new(n, "indikator", InputProblem::Required));
        }
        for (field, max) in [
            ("indikator", super::model::MAX_TEXT),
            ("satuan", super::indicators::MAX_MEASURE),
            ("kontrak_kinerja", super::model::MAX_TEXT),
        ] {
            if let Err(Error::InvalidInput { field, problem }) = crate::limits::check(field, cols.get(r, field), max) {
                errs.push(RowError::new(n, field, problem));
            }
        }
        let yq = year_quarter(&cols, r, &mut errs);
        let target = number(&cols, r, "target", &mut errs);
        let kind_raw = cols.get(r, "jenis");
        let kind = if kind_raw.is_empty() {
            None
        } else {
            match IndicatorKind::parse(kind_raw) {
                Ok(k) => Some(k),
                Err(_) => {
                    errs.push(RowError::new(n, "jenis", InputProblem::BadIndicatorKind(kind_raw.into())));
                    None
                }
            }
        };
        let (Some((inv_id, inv_code)), Some((year, quarter)), Some(target), true) = (inv, yq, target, errs.is_empty())
        else {
            preview.errors.extend(errs);
            continue;
        };
        if let Some(first) = seen.insert((inv_id.clone(), match_key(&name), year, quarter), n) {
            preview.errors.push(RowError::new(n, "indikator", InputProblem::SameAsRow { first_row: first }));
            continue;
        }
        let known = find_indicator(conn, &inv_id, &name)?.is_some()
            || plan.new_indicators.iter().any(|(i, d)| *i == inv_id && match_key(&d.name) == match_key(&name));
        if !known {
            let Some(kind) = kind else {
                preview.errors.push(RowError::new(n, "jenis", InputProblem::Required));
                continue;
            };
            let input = IndicatorInput {
                kind,
                name: name.clone(),
                measure: cols.get(r, "satuan").into(),
                kontrak_kinerja: cols.get(r, "kontrak_kinerja").into(),
                targets: Vec::new(),
            };
            preview.added += 1;
            preview.lines.push(line(n, format!("{inv_code} / {name}"), "add"));
            plan.new_indicators.push((inv_id.clone(), input));
        }
        plan.targets.push((inv_id, name, year, quarter, target));
    }
    preview.updated = plan.targets.len();
    preview.errors.sort_by_key(|e| e.row);
    plan.preview = preview;
    Ok(plan)
}

pub fn preview_targets(conn: &Connection, bytes: &[u8]) -> Result<MonitoringImportPreview> {
    Ok(plan_targets(conn, bytes)?.preview)
}

/// Imports indicators and their quarterly targets (long format: one row per indicator and
/// quarter). Unknown indicators are created (their `jenis` is then required); targets are set.
pub fn import_targets(tx: &Connection, bytes: &[u8], actor: &Actor, now: &str) -> Result<MonitoringImportPreview> {
    let plan = plan_targets(tx, bytes)?;
    let preview = refuse_or(plan.preview)?;
    for (inv, input) in plan.new_indicators {
        add_indicator(tx, &inv, input, actor, now)?;
    }
    for (inv, name, year, quarter, target) in plan.targets {
        let id = find_indicator(tx, &inv, &name)?.expect("indicator known or just added");
        set_target(tx, &id, year, quarter, target)?;
    }
    Ok(preview)
}

// ---------------------------------------------------------------- quarterly reports

struct ReportGroup {
    row: usize,
    item: String,
    innovation_id: String,
    year: i32,
    quarter: u8,
    texts: [String; 3],
    values: Vec<ReportValue>,
}

fn plan_reports(conn: &Connection, bytes: &[u8]) -> Result<(MonitoringImportPreview, Vec<ReportGroup>)> {
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, REPORT_COLUMNS)?;
    let mut preview = MonitoringImportPreview { rows: table.rows.len(), ..Default::default() };
    let mut groups: Vec<ReportGroup> = Vec::new();
    let mut group_of: HashMap<(String, i32, u8), usize> = HashMap::new();
    let mut seen: HashMap<(String, i32, u8, String), usize> = HashMap::new();
    let mut innovations: HashMap<String, Option<(String, String)>> = HashMap::new();
    for r in &table.rows {
        let n = r.number;
        let mut errs = Vec::new();
        let code = tidy(cols.get(r, "kode_inovasi"));
        let inv = match innovations.get(&code.to_lowercase()) {
            Some(found) => found.clone(),
            None => {
                let found = find_innovation(conn, &code)?.map(|i| (i.id, i.code));
                innovations.insert(code.to_lowercase(), found.clone());
                found
            }
        };
        if inv.is_none() {
            let p = if code.is_empty() {
                InputProblem::Required
            } else {
                InputProblem::UnknownCode { what: "kode_inovasi", code: code.clone() }
            };
            errs.push(RowError::new(n, "kode_inovasi", p));
        }
        let yq = year_quarter(&cols, r, &mut errs);
        let name = tidy(cols.get(r, "indikator"));
        let indicator = match &inv {
            Some((id, _)) if !name.is_empty() => {
                let found = find_indicator(conn, id, &name)?;
                if found.is_none() {
                    errs.push(RowError::new(
                        n,
                        "indikator",
                        InputProblem::UnknownCode { what: "indikator", code: name.clone() },
                    ));
                }
                found
            }
            _ => {
                if name.is_empty() {
                    errs.push(RowError::new(n, "indikator", InputProblem::Required));
                }
                None
            }
        };
        let realisation = number(&cols, r, "realisasi", &mut errs);
        let texts = ["narasi", "kendala", "tindak_lanjut"].map(|c| cols.get(r, c).trim().to_string());
        for (c, t) in ["narasi", "kendala", "tindak_lanjut"].iter().zip(&texts) {
            if t.chars().count() > MAX_LONG_TEXT {
                errs.push(RowError::new(n, c, InputProblem::TooLong(MAX_LONG_TEXT)));
            }
        }
        let (Some((inv_id, inv_code)), Some((year, quarter)), Some(ind), Some(v), true) =
            (inv, yq, indicator, realisation, errs.is_empty())
        else {
            preview.errors.extend(errs);
            continue;
        };
        if let Some(first) = seen.insert((inv_id.clone(), year, quarter, ind.clone()), n) {
            preview.errors.push(RowError::new(n, "indikator", InputProblem::SameAsRow { first_row: first }));
            continue;
        }
        let g = match group_of.get(&(inv_id.clone(), year, quarter)) {
            Some(&i) => &mut groups[i],
            None => {
                group_of.insert((inv_id.clone(), year, quarter), groups.len());
                groups.push(ReportGroup {
                    row: n,
                    item: format!("{inv_code} {year} TW{quarter}"),
                    innovation_id: inv_id,
                    year,
                    quarter,
                    texts: Default::default(),
                    values: Vec::new(),
                });
                groups.last_mut().expect("just pushed")
            }
        };
        for (slot, t) in g.texts.iter_mut().zip(texts) {
            if slot.is_empty() {
                *slot = t;
            }
        }
        g.values.push(ReportValue { indicator_id: ind, realisation: v });
    }
    for g in &groups {
        let exists = find_report(conn, &g.innovation_id, g.year, g.quarter)?.is_some();
        if exists {
            preview.updated += 1;
        } else {
            preview.added += 1;
        }
        preview.lines.push(line(g.row, g.item.clone(), if exists { "update" } else { "add" }));
    }
    preview.errors.sort_by_key(|e| e.row);
    Ok((preview, groups))
}

pub fn preview_reports(conn: &Connection, bytes: &[u8]) -> Result<MonitoringImportPreview> {
    Ok(plan_reports(conn, bytes)?.0)
}

/// Imports quarterly reports (long format: one row per innovation, quarter and indicator). A
/// report already received is updated: realisations in the file replace saved ones, and texts
/// left empty in the file keep their saved value. Any row error refuses the whole file.
pub fn import_reports(tx: &Connection, bytes: &[u8], actor: &Actor, now: &str) -> Result<MonitoringImportPreview> {
    let (preview, groups) = plan_reports(tx, bytes)?;
    let preview = refuse_or(preview)?;
    for g in groups {
        let old = find_report(tx, &g.innovation_id, g.year, g.quarter)?;
        let keep =
            |new: String, old: Option<&String>| if new.is_empty() { old.cloned().unwrap_or_default() } else { new };
        let [narrative, obstacles, follow_up] = g.texts;
        let input = ReportInput {
            year: g.year,
            quarter: g.quarter,
            narrative: keep(narrative, old.as_ref().map(|o| &o.narrative)),
            obstacles: keep(obstacles, old.as_ref().map(|o| &o.obstacles)),
            follow_up: keep(follow_up, old.as_ref().map(|o| &o.follow_up)),
            values: g.values,
        };
        save_report(tx, &g.innovation_id, input, actor, now)?;
    }
    Ok(preview)
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
