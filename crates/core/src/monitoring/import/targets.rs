//! The targets file: indicators and their quarterly targets, one row per indicator and quarter.

use std::collections::HashMap;

use rusqlite::Connection;

use super::*;

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
    let mut innovations = InnovationLookup::default();
    for r in &table.rows {
        let n = r.number;
        let mut errs = Vec::new();
        let inv = innovations.resolve(conn, n, cols.get(r, "kode_inovasi"), &mut errs)?;
        let name = tidy(cols.get(r, "indikator"));
        if name.is_empty() {
            errs.push(RowError::new(n, "indikator", InputProblem::Required));
        }
        for (field, max) in [
            ("indikator", crate::monitoring::model::MAX_TEXT),
            ("satuan", crate::monitoring::indicators::MAX_MEASURE),
            ("kontrak_kinerja", crate::monitoring::model::MAX_TEXT),
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
