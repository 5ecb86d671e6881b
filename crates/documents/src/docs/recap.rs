//! Rekapitulasi nilai (DOMAIN.md §6): per stage and category, landscape, a column per judge
//! ("KK" recused, "–" missing), mean, n, SD, final score, rank and remarks; every judge signs.
//! The same rows feed the spreadsheet export, so paper and file never disagree.

use juri_core::competition::StageSetup;
use juri_core::format_id::decimal;
use juri_core::judges::Judge;
use juri_core::scoring::{RecapRow, StageDecision, Status};

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
    /// The jury of the category, by code (who signs the sheet).
    pub judges: Vec<Judge>,
    /// How many columns after Unit are one judge's score each (none on the overall sheet).
    pub judge_columns: usize,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

/// The stage code of the overall sheet (every stage score, its weight and the final).
pub const OVERALL: &str = "akhir";

/// The recap sheets of one stage (or all stages, in setup order, then the overall sheets once a
/// final score exists), each category in setup order.
///
/// A stage's sheet is that stage's own ranking: the proposals that took part in it in the order
/// of the stage score, with its place and what the stage decided (Finalis, Tidak masuk finalis,
/// Tidak lolos nilai batas); those without a complete score follow, and the first stage's sheet
/// also lists those excluded at screening, with the reason. The overall sheet puts each weighted
/// stage's score beside the final score, the rank and the place.
pub fn recap_sheets(data: &DocData, stage: Option<&str>) -> Result<Vec<RecapSheet>> {
    let stages: Vec<&StageSetup> = match stage {
        Some(code) if code == OVERALL => Vec::new(),
        Some(code) => vec![data.stage(code).ok_or_else(|| {
            DocError::Core(juri_core::Error::NotFound { what: juri_core::error::Entity::Stage, key: code.into() })
        })?],
        None => data.setup().stages.iter().collect(),
    };
    let mut out = Vec::new();
    for st in stages {
        for cat in &data.recap.categories {
            out.push(stage_sheet(data, st, cat));
        }
    }
    let any_final = data.recap.categories.iter().any(|c| c.rows.iter().any(|r| r.final_score.is_some()));
    if matches!(stage, None | Some(OVERALL)) && any_final {
        for cat in &data.recap.categories {
            out.push(overall_sheet(data, cat));
        }
    }
    Ok(out)
}

/// The columns every recap sheet starts with.
const LEAD_COLUMNS: [&str; 4] = ["No", "Kode", "Judul Inovasi", "Unit"];

/// A row's first cells: its number on the sheet, code, title and unit.
fn lead_cells(n: usize, p: &juri_core::proposals::Proposal) -> Vec<Value> {
    vec![
        Value::Number(n as f64, 0),
        Value::Text(p.code.clone()),
        Value::Text(p.title.clone()),
        Value::Text(p.unit.clone()),
    ]
}

/// One stage of one category, in the order of that stage's own score.
fn stage_sheet(data: &DocData, st: &StageSetup, cat: &juri_core::scoring::RecapCategory) -> RecapSheet {
    let first_stage = data.setup().stages.first().map(|s| s.code.clone()).unwrap_or_default();
    let judges: Vec<Judge> = data.judges.iter().filter(|j| j.covers(&cat.code)).cloned().collect();
    let mut columns: Vec<String> = LEAD_COLUMNS.map(String::from).to_vec();
    columns.extend(judges.iter().map(|j| j.code.clone()));
    columns.extend(["Nilai Tahap", "n", "SD", "Peringkat Tahap", "Keterangan"].map(String::from));
    // Scored first by the stage's place, then those without a complete score, then the excluded.
    let mut shown: Vec<&RecapRow> = cat
        .rows
        .iter()
        .filter(|r| data.reached(&r.proposal, &st.code) || (r.status == Status::Excluded && st.code == first_stage))
        .collect();
    let key = |r: &RecapRow| match (r.status, r.stages.get(&st.code)) {
        (Status::Excluded, _) => (2, 0),
        (_, Some(s)) => (0, s.stage_rank),
        (_, None) => (1, 0),
    };
    shown.sort_by(|a, b| key(a).cmp(&key(b)).then(a.proposal.cmp(&b.proposal)));
    let mut rows = Vec::new();
    for r in shown {
        let Some(p) = data.proposal(&r.proposal) else { continue };
        let mut row = lead_cells(rows.len() + 1, p);
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
        row.push(sr.map(|s| Value::Number(s.stage_rank as f64, 0)).unwrap_or(Value::Empty));
        row.push(Value::Text(stage_remarks(data, st, r, p.status)));
        rows.push(row);
    }
    RecapSheet {
        stage_code: st.code.clone(),
        stage_name: st.name.clone(),
        category_code: cat.code.clone(),
        category_name: cat.name.clone(),
        judge_columns: judges.len(),
        judges,
        columns,
        rows,
    }
}

/// Every weighted stage's score beside the final score, the rank and the place, in rank order.
fn overall_sheet(data: &DocData, cat: &juri_core::scoring::RecapCategory) -> RecapSheet {
    let weighted: Vec<&StageSetup> = data.setup().stages.iter().filter(|s| s.weight > 0.0).collect();
    let total: f64 = weighted.iter().map(|s| s.weight).sum();
    let mut columns: Vec<String> = LEAD_COLUMNS.map(String::from).to_vec();
    columns.extend(weighted.iter().map(|s| format!("{} ({}%)", s.name, decimal(100.0 * s.weight / total, 0))));
    columns.extend(["Nilai Akhir", "Peringkat", "Keterangan"].map(String::from));
    let mut rows = Vec::new();
    for r in cat.rows.iter().filter(|r| r.status != Status::Excluded) {
        let Some(p) = data.proposal(&r.proposal) else { continue };
        let mut row = lead_cells(rows.len() + 1, p);
        row.extend(
            weighted.iter().map(|s| r.stages.get(&s.code).map(|x| Value::Number(x.score, 2)).unwrap_or(Value::Empty)),
        );
        row.push(r.final_score.map(|v| Value::Number(v, 2)).unwrap_or(Value::Empty));
        row.push(r.rank.map(|v| Value::Number(v as f64, 0)).unwrap_or(Value::Empty));
        row.push(Value::Text(remarks(data, &cat.code, r, p.status)));
        rows.push(row);
    }
    RecapSheet {
        stage_code: OVERALL.into(),
        stage_name: "Nilai Akhir".into(),
        category_code: cat.code.clone(),
        category_name: cat.name.clone(),
        judges: data.judges.iter().filter(|j| j.covers(&cat.code)).cloned().collect(),
        judge_columns: 0,
        columns,
        rows,
    }
}

/// The "Keterangan" of a stage's row: what the stage decided, or why there is no score; flags.
fn stage_remarks(
    data: &DocData,
    st: &StageSetup,
    r: &RecapRow,
    screening: juri_core::proposals::ScreeningStatus,
) -> String {
    let mut out: Vec<String> = Vec::new();
    if let Some(origin) = data.origin_note(&r.proposal) {
        out.push(origin);
    }
    match (r.status, r.stages.get(&st.code)) {
        (Status::Excluded, _) => out.push(screening_label(screening).into()),
        (_, None) => out.push("Nilai belum lengkap".into()),
        (_, Some(s)) => {
            match s.decision {
                StageDecision::Passed if st.finalists_per_category.is_some() => out.push("Finalis".into()),
                StageDecision::Passed => out.push("Lolos nilai batas".into()),
                StageDecision::BelowGrade => out.push("Tidak lolos nilai batas".into()),
                StageDecision::OutsideQuota => out.push("Tidak masuk finalis".into()),
                StageDecision::NoCut => {}
            }
            if s.flagged {
                out.push("SD di atas ambang, dibahas".into());
            }
            if s.incomplete_sheets > 0 {
                out.push(format!("{} lembar belum lengkap", s.incomplete_sheets));
            }
        }
    }
    out.join("; ")
}

/// The "Keterangan" of an overall row: place, origin, ties, why it is not ranked.
fn remarks(data: &DocData, category: &str, r: &RecapRow, screening: juri_core::proposals::ScreeningStatus) -> String {
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
            flow.set_running_head(None);
            flow.new_page();
        }
        parts::kop(&mut flow, &data.settings.kop_lines, &data.settings.kop_address, logo);
        flow.paragraph("REKAPITULASI NILAI", TITLE, Align::Center);
        flow.paragraph(&data.setup().name, BODY.bold().sized(10.5), Align::Center);
        let what = if sheet.stage_code == OVERALL {
            format!("Nilai Akhir (semua tahap)   ·   Kategori: {} ({})", sheet.category_name, sheet.category_code)
        } else {
            format!("Tahap: {}   ·   Kategori: {} ({})", sheet.stage_name, sheet.category_name, sheet.category_code)
        };
        flow.paragraph(&what, BODY.sized(10.5), Align::Center);
        flow.space(4.0);
        flow.paragraph(&format!("Metode: {}", method_text(data.setup())), SMALL.sized(7.5), Align::Justify);
        flow.space(5.0);
        // A page the sheet runs onto says which sheet it continues (the table repeats its header).
        flow.set_running_head(Some((format!("REKAPITULASI NILAI (lanjutan)   ·   {what}"), BODY.bold().sized(9.0))));
        flow.table(&sheet_table(sheet, flow.width()));
        flow.space(3.0);
        let legend = if sheet.stage_code == OVERALL {
            "Nilai setiap tahap dengan bobotnya; Nilai Akhir = jumlah nilai tahap × bobot; – = tidak ada nilai lengkap."
        } else {
            "KK = konflik kepentingan (juri tidak menilai); – = tidak ada nilai lengkap; n = jumlah juri yang \
             dihitung; Peringkat Tahap = urutan menurut nilai tahap ini."
        };
        flow.paragraph(legend, SMALL.sized(7.5), Align::Left);
        flow.space(8.0);
        let date = data
            .settings
            .stage_dates
            .get(&sheet.stage_code)
            .filter(|d| !d.is_empty())
            .unwrap_or(&data.settings.pleno_date);
        jury_signatures(&mut flow, data, &sheet.judges, &parts::place_date(&data.settings.place, date));
    }
    Ok(flow.finish_with_id(&format!("Rekapitulasi nilai {}", data.setup().year)))
}

/// The recap table: fixed columns for numbers, the rest shared by title and unit.
fn sheet_table(sheet: &RecapSheet, width: f32) -> Table {
    let n = sheet.judge_columns;
    // The columns after the judges, by what they hold.
    let trailing: Vec<(f32, Align)> = sheet.columns[4 + n..]
        .iter()
        .map(|c| match c.as_str() {
            "n" => (16.0, Align::Center),
            "SD" => (32.0, Align::Right),
            "Nilai Tahap" | "Nilai Akhir" => (44.0, Align::Right),
            "Peringkat" | "Peringkat Tahap" => (46.0, Align::Center),
            "Keterangan" => (112.0, Align::Left),
            _ => (66.0, Align::Right), // a stage's score on the overall sheet
        })
        .collect();
    let fixed: f32 = 20.0 + 36.0 + trailing.iter().map(|(w, _)| w).sum::<f32>();
    let judge_w = if n == 0 { 0.0 } else { ((width - fixed - 190.0) / n as f32).clamp(25.0, 36.0) };
    let flexible = (width - fixed - judge_w * n as f32).max(120.0);
    let (title_w, unit_w) = (flexible * 0.56, flexible * 0.44);
    let mut cols = vec![
        Column::new(20.0, Align::Center),
        Column::new(36.0, Align::Center),
        Column::new(title_w, Align::Left),
        Column::new(unit_w, Align::Left),
    ];
    cols.extend((0..n).map(|_| Column::new(judge_w, Align::Right)));
    cols.extend(trailing.iter().map(|&(w, a)| Column::new(w, a)));
    let bold_col = sheet.columns.iter().position(|c| c == "Nilai Akhir" || c == "Nilai Tahap");
    let mut t = Table::new(cols, TABLE);
    t.head = Style::new(Face::Bold, 8.0);
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
                        // KK and "–" sit centred; the stage's or the final score is bold.
                        match v {
                            Value::Text(_) | Value::Empty if (4..4 + n).contains(&i) => cell.align(Align::Center),
                            Value::Empty => cell.align(Align::Center),
                            _ if Some(i) == bold_col => cell.style(TABLE.bold()),
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
            above: vec![format!("{},", data.jury_role(j))],
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
    let block_h = 4.0 * style.line_height() + parts::SIGN_SPACE;
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
    y += parts::SIGN_SPACE - lh;
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
