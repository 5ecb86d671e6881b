//! Rekapitulasi nilai (DOMAIN.md §6): per stage and category, landscape, a column per judge
//! ("KK" recused, "–" missing), mean, n, SD, final score, rank and remarks; every judge signs.
//! The same rows feed the spreadsheet export, so paper and file never disagree.

use juri_core::competition::StageSetup;
use juri_core::format_id::decimal;
use juri_core::judges::Judge;
use juri_core::scoring::{RecapRow, Status};

use super::{method_text, screening_label};
use crate::data::{DocData, JudgeCell};
use crate::error::{DocError, Result};
use crate::fonts::Face;
use crate::layout::{Align, Cell, Column, Flow, Margins, Page, PageSize, Row, Style, Table};
use crate::parts::{self, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};

/// A cell value of the recap, written as text on paper and as a number in spreadsheets.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A number and the decimals it is printed with.
    Number(f64, usize),
    /// Nothing to show: "–" on paper, an empty cell in files.
    Empty,
}

impl Value {
    pub fn display(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(v, d) => decimal(*v, *d),
            Value::Empty => "–".into(),
        }
    }
}

/// One recap table: a stage of a category.
#[derive(Debug, Clone)]
pub struct RecapSheet {
    pub stage_code: String,
    pub stage_name: String,
    pub category_code: String,
    pub category_name: String,
    /// Judges with a column, by code.
    pub judges: Vec<Judge>,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The recap sheets of one stage (or all stages, in setup order), each category in setup order.
/// A stage's sheet lists the proposals that took part in it; the first stage's sheet also lists
/// those excluded at screening, with the reason.
pub fn recap_sheets(data: &DocData, stage: Option<&str>) -> Result<Vec<RecapSheet>> {
    let stages: Vec<&StageSetup> = match stage {
        Some(code) => vec![data.stage(code).ok_or_else(|| {
            DocError::Core(juri_core::Error::NotFound { what: juri_core::error::Entity::Stage, key: code.into() })
        })?],
        None => data.setup().stages.iter().collect(),
    };
    let first_stage = data.setup().stages.first().map(|s| s.code.clone()).unwrap_or_default();
    let mut out = Vec::new();
    for st in stages {
        for cat in &data.recap.categories {
            let judges: Vec<Judge> = data.judges.iter().filter(|j| j.covers(&cat.code)).cloned().collect();
            let mut columns: Vec<String> = ["No", "Kode", "Judul Inovasi", "Unit"].map(String::from).to_vec();
            columns.extend(judges.iter().map(|j| j.code.clone()));
            columns.extend(["Rata-rata", "n", "SD", "Nilai Akhir", "Peringkat", "Keterangan"].map(String::from));
            let mut rows = Vec::new();
            for r in &cat.rows {
                let shown =
                    data.reached(&r.proposal, &st.code) || (r.status == Status::Excluded && st.code == first_stage);
                let Some(p) = data.proposal(&r.proposal).filter(|_| shown) else { continue };
                let mut row = vec![
                    Value::Number((rows.len() + 1) as f64, 0),
                    Value::Text(p.code.clone()),
                    Value::Text(p.title.clone()),
                    Value::Text(p.unit.clone()),
                ];
                for j in &judges {
                    row.push(match data.judge_cell(p, &st.code, j) {
                        JudgeCell::Score(v) => Value::Number(v, 2),
                        JudgeCell::Recused => Value::Text("KK".into()),
                        JudgeCell::Missing => Value::Empty,
                    });
                }
                let sr = r.stages.get(&st.code);
                row.push(sr.map(|s| Value::Number(s.score, 2)).unwrap_or(Value::Empty));
                row.push(sr.map(|s| Value::Number(s.judges as f64, 0)).unwrap_or(Value::Empty));
                row.push(sr.map(|s| Value::Number(s.sd, 2)).unwrap_or(Value::Empty));
                row.push(r.final_score.map(|v| Value::Number(v, 2)).unwrap_or(Value::Empty));
                row.push(r.rank.map(|v| Value::Number(v as f64, 0)).unwrap_or(Value::Empty));
                row.push(Value::Text(remarks(data, &cat.code, r, p.status, &st.code)));
                rows.push(row);
            }
            out.push(RecapSheet {
                stage_code: st.code.clone(),
                stage_name: st.name.clone(),
                category_code: cat.code.clone(),
                category_name: cat.name.clone(),
                judges,
                columns,
                rows,
            });
        }
    }
    Ok(out)
}

/// The "Keterangan" of a row: place, ties, why it is not ranked, flags.
fn remarks(
    data: &DocData,
    category: &str,
    r: &RecapRow,
    screening: juri_core::proposals::ScreeningStatus,
    stage: &str,
) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(place) = data.place(category, r) {
        out.push(place);
    }
    if let Some(origin) = data.origin_note(&r.proposal) {
        out.push(origin);
    }
    if r.tied {
        out.push("seri".into());
    }
    match r.status {
        Status::Ranked => {}
        Status::Excluded => out.push(screening_label(screening).into()),
        Status::Incomplete => out.push("Nilai belum lengkap".into()),
        Status::DidNotPass => out.push("Di bawah nilai ambang".into()),
        Status::NotFinalist => out.push("Tidak masuk finalis".into()),
    }
    if let Some(s) = r.stages.get(stage) {
        if s.flagged {
            out.push("SD di atas ambang, dibahas".into());
        }
        if s.incomplete_sheets > 0 {
            out.push(format!("{} lembar belum lengkap", s.incomplete_sheets));
        }
    }
    out.join("; ")
}

const MARGINS: (f32, f32, f32, f32) = (14.0, 12.0, 10.0, 14.0);

/// The recap PDF: one section per stage and category, each from a new page with the letterhead.
pub fn recap_pdf(data: &DocData, stage: Option<&str>) -> Result<Vec<u8>> {
    let pages = recap_pages(data, stage)?;
    let pictures: Vec<&Picture> = data.logo.iter().collect();
    Ok(render("Rekapitulasi Nilai", &pages, &pictures))
}

pub fn recap_pages(data: &DocData, stage: Option<&str>) -> Result<Vec<Page>> {
    let sheets = recap_sheets(data, stage)?;
    let (t, r, b, l) = MARGINS;
    let mut flow = Flow::new(PageSize::A4_LANDSCAPE, Margins::mm(t, r, b, l));
    let logo = data.logo.as_ref().map(|p| (0, p.aspect()));
    for (i, sheet) in sheets.iter().enumerate() {
        if i > 0 {
            flow.new_page();
        }
        parts::kop(&mut flow, &data.settings.kop_lines, &data.settings.kop_address, logo);
        flow.paragraph("REKAPITULASI NILAI", TITLE, Align::Center);
        flow.paragraph(&data.setup().name, BODY.bold().sized(10.5), Align::Center);
        flow.paragraph(
            &format!("Tahap: {}   ·   Kategori: {} ({})", sheet.stage_name, sheet.category_name, sheet.category_code),
            BODY.sized(10.5),
            Align::Center,
        );
        flow.space(4.0);
        flow.paragraph(&format!("Metode: {}", method_text(data.setup())), SMALL.sized(7.5), Align::Justify);
        flow.space(5.0);
        flow.table(&sheet_table(sheet, flow.width()));
        flow.space(3.0);
        flow.paragraph(
            "KK = konflik kepentingan (juri tidak menilai); – = tidak ada nilai lengkap; n = jumlah juri yang dihitung.",
            SMALL.sized(7.5),
            Align::Left,
        );
        flow.space(8.0);
        let date = data
            .settings
            .stage_dates
            .get(&sheet.stage_code)
            .filter(|d| !d.is_empty())
            .unwrap_or(&data.settings.pleno_date);
        jury_signatures(&mut flow, data, &sheet.judges, &parts::place_date(&data.settings.place, date));
    }
    Ok(flow.finish(true))
}

/// The recap table: fixed columns for numbers, the rest shared by title and unit.
fn sheet_table(sheet: &RecapSheet, width: f32) -> Table {
    let n = sheet.judges.len();
    // No, Kode, then Rata-rata, n, SD, Nilai Akhir, Peringkat, Keterangan
    let fixed = [20.0, 36.0, 48.0, 16.0, 30.0, 40.0, 46.0, 90.0];
    let judge_w = if n == 0 { 0.0 } else { ((width - fixed.iter().sum::<f32>() - 190.0) / n as f32).clamp(25.0, 36.0) };
    let flexible = (width - fixed.iter().sum::<f32>() - judge_w * n as f32).max(120.0);
    let (title_w, unit_w) = (flexible * 0.56, flexible * 0.44);
    let mut cols = vec![
        Column::new(fixed[0], Align::Center),
        Column::new(fixed[1], Align::Center),
        Column::new(title_w, Align::Left),
        Column::new(unit_w, Align::Left),
    ];
    cols.extend((0..n).map(|_| Column::new(judge_w, Align::Right)));
    cols.extend([
        Column::new(fixed[2], Align::Right),
        Column::new(fixed[3], Align::Center),
        Column::new(fixed[4], Align::Right),
        Column::new(fixed[5], Align::Right),
        Column::new(fixed[6], Align::Center),
        Column::new(fixed[7], Align::Left),
    ]);
    let mut t = Table::new(cols, TABLE);
    t.head = Style::new(Face::SansBold, 8.0);
    t.header = vec![Row::new(sheet.columns.iter().map(|c| Cell::new(c.clone())).collect()).fill(0.88)];
    t.rows = sheet
        .rows
        .iter()
        .map(|r| {
            Row::new(
                r.iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let cell = Cell::new(v.display());
                        // KK and "–" sit centred in the judge columns; the final score is bold.
                        match v {
                            Value::Text(_) | Value::Empty if (4..4 + n).contains(&i) => cell.align(Align::Center),
                            Value::Empty => cell.align(Align::Center),
                            _ if i == 4 + n + 3 => cell.style(TABLE.bold()),
                            _ => cell,
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    t
}

/// "Sukamaju, …", "Tim Penilai," and a grid of signature blocks, one per judge, kept on one page.
pub fn jury_signatures(flow: &mut Flow, data: &DocData, judges: &[Judge], date_line: &str) {
    if judges.is_empty() {
        return;
    }
    let style = BODY.sized(9.5);
    let blocks: Vec<SignatureBlock> = judges
        .iter()
        .map(|j| SignatureBlock {
            date_line: None,
            above: vec![format!("{} ({}),", data.jury_role(j), j.code)],
            name: j.name.clone(),
            rank: String::new(),
            nip: j.nip.clone(),
        })
        .collect();
    // The size at which every name fits one line of a column; all names share it.
    let fitting = |per_row: usize| {
        let col_w = flow.width() / per_row as f32 - 8.0;
        blocks
            .iter()
            .map(|b| style.size * (col_w / crate::layout::measure(style.bold(), &b.name)).min(1.0))
            .fold(style.size, f32::min)
    };
    // role line, signing space, up to two lines of name, NIP
    let block_h = 4.0 * style.line_height() + 40.0;
    let head_h = 2.0 * style.line_height() + 4.0;
    let total_for = |per_row: usize| head_h + judges.len().div_ceil(per_row) as f32 * (block_h + 6.0);
    // Up to five side by side. Fewer per row when names would be set too small, unless only the
    // single row still fits under the table: then names wrap rather than the block moving alone
    // to a new page.
    let most = judges.len().min(5);
    let legible = (most.min(3)..=most).rev().find(|&p| fitting(p) >= 8.5);
    let per_row = match legible {
        Some(p) if total_for(p) <= flow.room() => p,
        _ if total_for(most) <= flow.room() => most,
        Some(p) => p,
        None => most,
    };
    let name_size = fitting(per_row).clamp(8.5, style.size);
    let col_w = flow.width() / per_row as f32;
    let total = total_for(per_row);
    flow.keep(total, |page, x, y, w| {
        let right_w = col_w;
        page.line_of_text((x + w - right_w, right_w), y, style, Align::Center, date_line, true);
        page.line_of_text((x, w), y + style.line_height(), style.bold(), Align::Center, "TIM PENILAI", true);
        for (i, b) in blocks.iter().enumerate() {
            let (row, col) = (i / per_row, i % per_row);
            let in_row = (judges.len() - row * per_row).min(per_row);
            // centre a short last row
            let offset = (per_row - in_row) as f32 * col_w / 2.0;
            let bx = x + offset + col as f32 * col_w;
            let by = y + head_h + row as f32 * (block_h + 6.0);
            draw_compact(page, b, bx + 4.0, by, col_w - 8.0, style, name_size);
        }
    });
}

/// A signature block with a shorter signing space (several side by side).
fn draw_compact(page: &mut Page, b: &SignatureBlock, x: f32, y: f32, w: f32, style: Style, name_size: f32) {
    let lh = style.line_height();
    let mut y = y;
    for l in &b.above {
        page.line_of_text((x, w), y, style, Align::Center, l, true);
        y += lh;
    }
    y += 40.0 - lh;
    page.dashed_line(x + w * 0.15, y + lh * 0.2, x + w * 0.85, y + lh * 0.2, 0.4, 1.0);
    y += lh * 0.6;
    let s = style.bold().sized(name_size);
    let lines = crate::layout::wrap(s, &b.name, w);
    for l in lines {
        page.line_of_text((x, w), y, s, Align::Center, &l, true);
        y += s.line_height();
    }
    if !b.nip.trim().is_empty() {
        page.line_of_text(
            (x, w),
            y,
            style.sized(style.size - 1.0),
            Align::Center,
            &format!("NIP {}", juri_core::format_id::nip(&b.nip)),
            true,
        );
    }
}
