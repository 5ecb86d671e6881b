//! The reports file: quarterly realisations, one row per innovation, quarter and indicator.

use std::collections::HashMap;

use rusqlite::Connection;

use super::*;

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
    let mut innovations = InnovationLookup::default();
    for r in &table.rows {
        let n = r.number;
        let mut errs = Vec::new();
        let inv = innovations.resolve(conn, n, cols.get(r, "kode_inovasi"), &mut errs)?;
        let yq = year_quarter(&cols, r, &mut errs);
        let indicator =
            indicator(conn, n, inv.as_ref().map(|(id, _)| id.as_str()), cols.get(r, "indikator"), &mut errs)?;
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

/// The indicator a row names, of the row's innovation (when that is known); its id, or None with
/// the row's error (required, or not an indicator of that innovation).
fn indicator(
    conn: &Connection,
    n: usize,
    innovation: Option<&str>,
    raw: &str,
    errs: &mut Vec<RowError>,
) -> Result<Option<String>> {
    let name = tidy(raw);
    if name.is_empty() {
        errs.push(RowError::new(n, "indikator", InputProblem::Required));
        return Ok(None);
    }
    let Some(id) = innovation else { return Ok(None) };
    let found = find_indicator(conn, id, &name)?;
    if found.is_none() {
        errs.push(RowError::new(n, "indikator", InputProblem::UnknownCode { what: "indikator", code: name }));
    }
    Ok(found)
}
