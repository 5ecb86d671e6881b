//! Spreadsheet exports: proposals, judges and scores in the import formats of FORMATS.md §2–§4
//! (so a file exported here re-imports unchanged), and the recap per stage and category with the
//! same columns as the printed recap. One XLSX workbook, or CSV per table.

use juri_core::csv_safe;
use juri_core::scoring::ScoreEntry;
use juri_core::scoring::store::load_score_entries;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

use crate::data::DocData;
use crate::docs::recap::{RecapSheet, Value, recap_sheets};
use crate::error::Result;

pub const PROPOSAL_COLUMNS: [&str; 12] = [
    "kode",
    "judul",
    "kategori",
    "unit",
    "jenis_unit",
    "inovator",
    "telepon",
    "email",
    "ringkasan",
    "tahun_mulai",
    "status",
    "alasan_status",
];
pub const JUDGE_COLUMNS: [&str; 7] = ["kode", "nama", "institusi", "unsur", "nip", "konflik", "kategori"];
pub const SCORE_COLUMNS: [&str; 5] = ["tahap", "kode_proposal", "kode_juri", "kode_kriteria", "nilai"];

fn proposal_rows(data: &DocData) -> Vec<Vec<String>> {
    data.proposals
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                p.title.clone(),
                p.category.clone(),
                p.unit.clone(),
                p.unit_type.clone(),
                p.innovator.clone(),
                p.phone.clone(),
                p.email.clone(),
                p.summary.clone(),
                p.start_year.map(|y| y.to_string()).unwrap_or_default(),
                p.status.as_str().to_string(),
                p.status_reason.clone(),
            ]
        })
        .collect()
}

fn judge_rows(data: &DocData) -> Vec<Vec<String>> {
    data.judges
        .iter()
        .map(|j| {
            vec![
                j.code.clone(),
                j.name.clone(),
                j.institution.clone(),
                j.unsur.clone(),
                j.nip.clone(),
                j.conflicts.join("; "),
                j.categories.join("; "),
            ]
        })
        .collect()
}

/// Every recorded score, ordered by stage and criterion (setup order), proposal and judge.
pub fn ordered_scores(conn: &Connection, data: &DocData) -> Result<Vec<ScoreEntry>> {
    let mut scores = load_score_entries(conn, &data.competition.id)?;
    let setup = data.setup();
    let stage_pos = |s: &str| setup.stages.iter().position(|st| st.code == s).unwrap_or(usize::MAX);
    let crit_pos = |s: &str, c: &str| {
        setup.stage(s).and_then(|st| st.criteria.iter().position(|k| k.code == c)).unwrap_or(usize::MAX)
    };
    scores.sort_by(|a, b| {
        (stage_pos(&a.stage), &a.proposal, &a.judge, crit_pos(&a.stage, &a.criterion)).cmp(&(
            stage_pos(&b.stage),
            &b.proposal,
            &b.judge,
            crit_pos(&b.stage, &b.criterion),
        ))
    });
    Ok(scores)
}

/// A CSV table for Excel ([`csv_safe::ExcelCsv`]: BOM, `;`, CRLF, decimal commas); every cell goes
/// through [`csv_safe::write_row`], so text typed by users (a title `=HYPERLINK(…)`, a unit `@…`)
/// never starts a formula in a spreadsheet, while numbers such as a score `-1,5` stay numbers (the
/// rule is in `juri_core::csv_safe`).
fn csv_of(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut w = csv_safe::ExcelCsv::new(false);
    w.row(header);
    for r in rows {
        w.row(&r);
    }
    w.finish()
}

pub fn proposals_csv(data: &DocData) -> String {
    csv_of(&PROPOSAL_COLUMNS, proposal_rows(data).into_iter())
}

pub fn judges_csv(data: &DocData) -> String {
    csv_of(&JUDGE_COLUMNS, judge_rows(data).into_iter())
}

/// Scores in the long format of FORMATS.md §4 (values unrounded, with a decimal comma).
pub fn scores_csv(conn: &Connection, data: &DocData) -> Result<String> {
    let scores = ordered_scores(conn, data)?;
    Ok(csv_of(
        &SCORE_COLUMNS,
        scores.into_iter().map(|s| {
            vec![
                s.stage.to_string(),
                s.proposal.to_string(),
                s.judge.to_string(),
                s.criterion.to_string(),
                csv_safe::decimal_comma(s.value),
            ]
        }),
    ))
}

/// The recap as CSV: the printed columns with a stage and category in front, numbers unrounded;
/// text cells neutralised against formulas as in [`csv_of`].
pub fn recap_table_csv(data: &DocData) -> Result<String> {
    let sheets = recap_sheets(data, None)?;
    let mut w = csv_safe::ExcelCsv::new(true);
    for sheet in &sheets {
        let mut head = vec!["tahap".to_string(), "kategori".to_string()];
        head.extend(sheet.columns.iter().cloned());
        w.row(&head);
        for r in &sheet.rows {
            let mut rec = vec![sheet.stage_code.clone(), sheet.category_code.clone()];
            rec.extend(r.iter().map(|v| match v {
                Value::Text(s) => s.clone(),
                Value::Number(n, _) => csv_safe::decimal_comma(*n),
                Value::Empty => String::new(),
            }));
            w.row(&rec);
        }
    }
    Ok(w.finish())
}

/// The certificate register as CSV: series, number as printed, proposal, title, unit, predicate,
/// date given; by series then number.
pub fn certificate_register_csv(conn: &Connection, data: &DocData) -> Result<String> {
    let entries = juri_core::certificates::register_entries(conn, &data.competition.id)?;
    let texts = &data.settings.certificate;
    let year = data.setup().year.to_string();
    let mut w = csv_safe::ExcelCsv::new(true);
    w.row(["seri", "no", "nomor", "kode", "judul", "unit", "predikat", "tanggal"]);
    for e in entries {
        let format = match e.series {
            juri_core::certificates::Series::Piagam => &texts.number_format,
            juri_core::certificates::Series::Sertifikat => &texts.participant_number_format,
        };
        let printed = format.replace("{no}", &format!("{:03}", e.number)).replace("{tahun}", &year);
        w.row(&[
            e.series.as_str().to_string(),
            e.number.to_string(),
            printed,
            e.proposal,
            e.title,
            e.unit,
            e.predicate,
            e.issued_at.get(..10).unwrap_or(&e.issued_at).to_string(),
        ]);
    }
    Ok(w.finish())
}

fn write_table(sheet: &mut Worksheet, header: &[&str], rows: &[Vec<String>], bold: &Format) -> Result<()> {
    for (c, h) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                sheet.write_string(r as u32 + 1, c as u16, v)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A unique sheet name of at most 31 characters without the characters Excel refuses.
fn sheet_name(base: &str, used: &mut Vec<String>) -> String {
    let clean: String = base.chars().map(|c| if "[]:*?/\\".contains(c) { '-' } else { c }).take(31).collect();
    let mut name = clean.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = clean.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    used.push(name.clone());
    name
}

fn write_recap(sheet: &mut Worksheet, s: &RecapSheet, bold: &Format, two: &Format) -> Result<()> {
    for (c, h) in s.columns.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, h, bold)?;
    }
    for (r, row) in s.rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match v {
                Value::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Value::Number(n, 0) => {
                    sheet.write_number(r, c, *n)?;
                }
                Value::Number(n, _) => {
                    sheet.write_number_with_format(r, c, *n, two)?;
                }
                Value::Empty => {}
            }
        }
    }
    sheet.set_column_width(2, 40)?;
    sheet.set_column_width(3, 30)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The scores alone as a one-sheet workbook in the long format (re-imports with `juri import scores`).
pub fn scores_xlsx(conn: &Connection, data: &DocData) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name("Nilai")?;
    write_scores(sheet, &ordered_scores(conn, data)?, &bold)?;
    Ok(book.save_to_buffer()?)
}

fn write_scores(sheet: &mut Worksheet, scores: &[ScoreEntry], bold: &Format) -> Result<()> {
    for (c, h) in SCORE_COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, bold)?;
    }
    for (i, s) in scores.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &*s.stage)?;
        sheet.write_string(r, 1, &*s.proposal)?;
        sheet.write_string(r, 2, &*s.judge)?;
        sheet.write_string(r, 3, &*s.criterion)?;
        sheet.write_number(r, 4, s.value)?;
    }
    Ok(())
}

/// The whole workbook: Proposal, Juri, Nilai (long format), then one recap sheet per stage and category.
pub fn workbook_xlsx(conn: &Connection, data: &DocData) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let two = Format::new().set_num_format("0.00");
    let mut used = Vec::new();

    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name("Proposal", &mut used))?;
    write_table(sheet, &PROPOSAL_COLUMNS, &proposal_rows(data), &bold)?;

    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name("Juri", &mut used))?;
    write_table(sheet, &JUDGE_COLUMNS, &judge_rows(data), &bold)?;

    // Scores can run to hundreds of thousands of rows: written row by row in constant memory.
    let scores = ordered_scores(conn, data)?;
    let sheet = book.add_worksheet_with_constant_memory()?;
    sheet.set_name(sheet_name("Nilai", &mut used))?;
    write_scores(sheet, &scores, &bold)?;

    for s in recap_sheets(data, None)? {
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name(&format!("Rekap {} {}", s.category_code, s.stage_code), &mut used))?;
        write_recap(sheet, &s, &bold, &two)?;
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_short_unique_and_clean() {
        let mut used = Vec::new();
        assert_eq!(sheet_name("Rekap KS presentasi", &mut used), "Rekap KS presentasi");
        assert_eq!(sheet_name("Rekap KS presentasi", &mut used), "Rekap KS presentasi (2)");
        let long = sheet_name("Rekap Pemberdayaan/Masyarakat dan Inklusi proposal", &mut used);
        assert!(long.chars().count() <= 31 && !long.contains('/'), "{long}");
    }
}
