//! The innovations file: registry rows; known codes are updated.

use std::collections::HashMap;

use rusqlite::Connection;

use super::*;

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
        let existing = if code.is_empty() { None } else { find_innovation(conn, &code)? };
        let input = row_input(&cols, r, &code, existing.as_ref(), &mut errs)?;
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

/// One row as a tidied innovation (a column the file lacks keeps `existing`'s value), or None with
/// its errors in `errs`: a bad year or stage, a field too long.
fn row_input(
    cols: &Columns,
    r: &TableRow,
    code: &str,
    existing: Option<&Innovation>,
    errs: &mut Vec<RowError>,
) -> Result<Option<InnovationInput>> {
    let n = r.number;
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
        code: code.to_string(),
        title: cols.get(r, "judul").into(),
        unit: cols.get(r, "unit").into(),
        unit_type: cols.get(r, "jenis_unit").into(),
        start_year,
        description: cols.get(r, "deskripsi").into(),
        stage: stage.unwrap_or(LifecycleStage::Gagasan),
    };
    // A column the file does not have keeps the registry's value.
    let input = match existing {
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
    Ok(match tidied(input) {
        Ok(i) => Some(i),
        Err(Error::InvalidInput { field, problem }) => {
            errs.push(RowError::new(n, field, problem));
            None
        }
        Err(e) => return Err(e),
    })
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
            crate::monitoring::registry::ensure_unit(tx, &input.unit, &input.unit_type, code, now)?;
        }
        match existing {
            Some(id) => {
                crate::monitoring::registry::update_innovation(tx, &id, input, actor, now)?;
            }
            None => {
                insert_innovation(tx, input, actor, now, "imported")?;
            }
        }
    }
    Ok(preview)
}
