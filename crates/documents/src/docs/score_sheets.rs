//! Lembar penilaian (DOMAIN.md §6): one page per judge × proposal of a stage, blank for paper
//! scoring or filled from the recorded scores. Recused pairs get no sheet.

use juri_core::competition::StageSetup;
use juri_core::format_id::{decimal, decimal_plain, nip};
use juri_core::judges::Judge;
use juri_core::proposals::Proposal;
use juri_core::scoring::worklist::score_sheet;
use rusqlite::Connection;

use crate::data::DocData;
use crate::error::{DocError, Result};
use crate::layout::{Align, Cell, Column, Flow, Margins, PageSize, Row, Table, wrap};
use crate::parts::{self, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};

#[derive(Debug, Clone, Default)]
pub struct SheetOptions {
    /// Stage code; None = the first stage.
    pub stage: Option<String>,
    /// Only this judge's sheets.
    pub judge: Option<String>,
    /// Only this proposal's sheets.
    pub proposal: Option<String>,
    /// Print the recorded scores (otherwise blank boxes).
    pub filled: bool,
}

/// One sheet to print: the criterion values and the judge's comment when filled.
pub struct SheetPlan<'a> {
    pub judge: &'a Judge,
    pub proposal: &'a Proposal,
    pub values: Vec<Option<f64>>,
    pub comment: String,
}

/// The sheets of a stage, by judge then proposal code: every judge × proposal that takes part in
/// the stage and is in the judge's panel, without the recused pairs.
pub fn plan_sheets<'a>(
    conn: &Connection,
    data: &'a DocData,
    stage: &StageSetup,
    opts: &SheetOptions,
) -> Result<Vec<SheetPlan<'a>>> {
    let comp = &data.competition.id;
    let mut out = Vec::new();
    for judge in &data.judges {
        if opts.judge.as_deref().is_some_and(|j| !j.eq_ignore_ascii_case(&judge.code)) {
            continue;
        }
        for p in &data.proposals {
            if opts.proposal.as_deref().is_some_and(|c| !c.eq_ignore_ascii_case(&p.code)) {
                continue;
            }
            if !data.reached(&p.code, &stage.code)
                || !judge.covers(&p.category)
                || judge.conflicted_with(&p.code, &p.unit)
            {
                continue;
            }
            let (values, comment) = if opts.filled {
                let sheet = score_sheet(conn, comp, &stage.code, &judge.code, &p.code)?;
                (sheet.criteria.iter().map(|c| c.value).collect(), sheet.comment)
            } else {
                (vec![None; stage.criteria.len()], String::new())
            };
            out.push(SheetPlan { judge, proposal: p, values, comment });
        }
    }
    Ok(out)
}

pub fn score_sheets_pdf(conn: &Connection, data: &DocData, opts: &SheetOptions) -> Result<Vec<u8>> {
    let stage = match &opts.stage {
        Some(code) => data.stage(code).ok_or_else(|| {
            DocError::Core(juri_core::Error::NotFound { what: juri_core::error::Entity::Stage, key: code.clone() })
        })?,
        None => data.setup().stages.first().ok_or(DocError::Empty("no stages"))?,
    };
    let sheets = plan_sheets(conn, data, stage, opts)?;
    if sheets.is_empty() {
        return Err(DocError::Empty("no score sheets"));
    }
    let mut pages = Vec::new();
    for sheet in &sheets {
        // each sheet is its own small flow: "Halaman x dari y" counts the pages of that sheet
        pages.extend(sheet_pages(data, stage, sheet, opts.filled));
    }
    let pictures: Vec<&Picture> = data.logo.iter().collect();
    Ok(render("Lembar Penilaian", &pages, &pictures))
}

fn sheet_pages(data: &DocData, stage: &StageSetup, sheet: &SheetPlan, filled: bool) -> Vec<crate::layout::Page> {
    let s = &data.settings;
    let mut flow = Flow::new(PageSize::A4_PORTRAIT, Margins::mm(12.0, 18.0, 10.0, 22.0));
    let logo = data.logo.as_ref().map(|p| (0, p.aspect()));
    parts::kop(&mut flow, &s.kop_lines, &s.kop_address, logo);
    flow.paragraph("LEMBAR PENILAIAN", TITLE.sized(13.0), Align::Center);
    flow.paragraph(&format!("TAHAP {}", stage.name.to_uppercase()), TITLE.sized(11.0), Align::Center);
    flow.paragraph(&data.setup().name, BODY.sized(10.0), Align::Center);
    flow.space(8.0);
    sheet_info(&mut flow, sheet);
    criteria_table(&mut flow, stage, sheet, filled);
    let j = sheet.judge;
    let date = s.stage_dates.get(&stage.code).map(String::as_str).unwrap_or("");
    let block = SignatureBlock {
        date_line: Some(parts::place_date(&s.place, date)),
        above: vec!["Juri,".into()],
        name: j.name.clone(),
        rank: String::new(),
        nip: if j.nip.trim().is_empty() { String::new() } else { nip(&j.nip) },
    };
    // The comment box, the declaration and the judge's signature stay together (never a
    // signature alone on a page); the empty box gives up two of its lines to stay on the page.
    let declaration = "Dengan ini saya menyatakan tidak memiliki konflik kepentingan dengan unit pengusul maupun \
                       inovator proposal ini, dan telah menilai secara objektif dan independen.";
    let declaration_h = wrap(BODY.sized(9.5), declaration, flow.width()).len() as f32 * BODY.sized(9.5).line_height();
    let tail = 6.0 + declaration_h + 8.0 + block.height(BODY.sized(10.0)) + 4.0;
    comment_box(&mut flow, sheet, tail);
    flow.space(6.0);
    flow.ensure(tail - 6.0);
    flow.paragraph(declaration, BODY.sized(9.5), Align::Justify);
    flow.space(8.0);
    parts::sign_right(&mut flow, &block, BODY.sized(10.0));
    // Each sheet counts its own pages; the identifier says whose sheet a loose page is.
    flow.finish_with_id(&format!("{} · {} · {}", sheet.proposal.code, j.code, stage.name))
}

/// Whose sheet: the proposal and the judge.
fn sheet_info(flow: &mut Flow, sheet: &SheetPlan) {
    let p = sheet.proposal;
    let j = sheet.judge;
    let info = |label: &str, value: String| Row::new(vec![Cell::new(label), Cell::new(":"), Cell::new(value)]);
    let mut t = Table::new(
        vec![
            Column::new(92.0, Align::Left),
            Column::new(8.0, Align::Left),
            Column::new(flow.width() - 100.0, Align::Left),
        ],
        BODY.sized(10.0),
    );
    t.grid = false;
    // A label stays beside the first line of a value that wraps.
    t.top_aligned = true;
    t.pad_x = 0.0;
    t.pad_y = 1.0;
    t.rows = vec![
        info("Kode proposal", p.code.clone()),
        info("Judul inovasi", p.title.clone()),
        info("Unit pengusul", p.unit.clone()),
        info("Kategori", format!("{} ({})", p.category_name, p.category)),
        info("Nama juri", format!("{} ({})", j.name, j.code)),
        info("Unsur", j.unsur.clone()),
    ];
    flow.table_at(0.0, &t);
    flow.space(8.0);
}

/// The criteria with weight, range, score and weighted value (filled from the recorded scores).
fn criteria_table(flow: &mut Flow, stage: &StageSetup, sheet: &SheetPlan, filled: bool) {
    let total_w: f64 = stage.criteria.iter().map(|c| c.weight).sum();
    let mut t = Table::new(
        vec![
            Column::new(22.0, Align::Center),
            Column::new(0.0, Align::Left),
            Column::new(38.0, Align::Center),
            Column::new(52.0, Align::Center),
            Column::new(46.0, Align::Center),
            Column::new(46.0, Align::Right),
            Column::new(86.0, Align::Left),
        ],
        TABLE.sized(9.0),
    );
    let used: f32 = t.columns.iter().map(|c| c.width).sum();
    t.columns[1].width = flow.width() - used;
    t.header = vec![
        Row::new(
            ["No", "Aspek yang Dinilai", "Bobot", "Rentang Skor", "Skor", "Nilai*", "Catatan"].map(Cell::new).to_vec(),
        )
        .fill(0.88),
    ];
    let mut total = 0.0;
    let mut complete = true;
    for (i, (c, v)) in stage.criteria.iter().zip(&sheet.values).enumerate() {
        let nilai = v.map(|v| c.weight * 100.0 * (v - c.min) / (c.max - c.min) / total_w);
        match nilai {
            Some(n) => total += n,
            None => complete = false,
        }
        t.rows.push(
            Row::new(vec![
                (i + 1).to_string().into(),
                Cell::new(c.name.clone()).style(TABLE.sized(9.0).bold()).note(c.description.clone(), TABLE.sized(7.5)),
                decimal_plain(c.weight).into(),
                format!("{}–{}", decimal_plain(c.min), decimal_plain(c.max)).into(),
                v.map(decimal_plain).unwrap_or_default().into(),
                nilai.map(|n| decimal(n, 2)).unwrap_or_default().into(),
                "".into(),
            ])
            .min_height(30.0),
        );
    }
    let show_total = filled && complete;
    t.rows.push(
        Row::new(vec![
            Cell::new("Jumlah").style(TABLE.sized(9.0).bold()).span(2).align(Align::Right),
            decimal_plain(total_w).into(),
            "".into(),
            "".into(),
            Cell::new(if show_total { decimal(total, 2) } else { String::new() }).style(TABLE.sized(9.0).bold()),
            "".into(),
        ])
        .min_height(20.0)
        .fill(0.95),
    );
    flow.table_at(0.0, &t);
    flow.space(2.0);
    flow.paragraph(
        "* Nilai = bobot × persentase skor dalam rentangnya ÷ jumlah bobot; jumlah nilai adalah nilai juri untuk tahap ini (0–100).",
        SMALL.sized(8.0),
        Align::Left,
    );
    if filled {
        let note = if complete {
            "Diisi dari nilai yang tercatat di aplikasi Juri."
        } else {
            "Diisi dari nilai yang tercatat di aplikasi Juri; lembar ini belum lengkap."
        };
        flow.paragraph(note, SMALL.sized(8.0), Align::Left);
    }
    flow.space(8.0);
}

/// The comment: a box with ruled lines to write on, or the recorded comment on them.
/// The judge's comment in a lined box (four lines when empty, two when only two fit with the
/// `tail` that must follow it on the same page).
fn comment_box(flow: &mut Flow, sheet: &SheetPlan, tail: f32) {
    let style = BODY.sized(9.5);
    let pitch = 16.0;
    let written: Vec<String> = if sheet.comment.trim().is_empty() {
        Vec::new()
    } else {
        wrap(style, sheet.comment.trim(), flow.width() - 12.0)
    };
    if written.len() > 20 {
        // a long comment flows over pages as a paragraph rather than in a box taller than a page
        flow.paragraph("Catatan / komentar juri:", style.bold(), Align::Left);
        flow.paragraph(sheet.comment.trim(), style, Align::Justify);
        flow.space(4.0);
    }
    let least = if 16.0 + 4.0 * pitch + 4.0 + tail > flow.room() && 16.0 + 2.0 * pitch + 4.0 + tail <= flow.room() {
        2
    } else {
        4
    };
    let lines = if written.len() > 20 { 0 } else { written.len().max(least) };
    let box_h = 16.0 + lines as f32 * pitch;
    if lines > 0 {
        flow.ensure(box_h + 4.0 + tail);
    }
    flow.keep(if lines == 0 { 0.0 } else { box_h + 4.0 }, |page, x, y, w| {
        if lines == 0 {
            return;
        }
        page.rect(x, y, w, box_h, Some(0.5), None);
        page.line_of_text((x + 4.0, w - 8.0), y + 2.0, style.bold(), Align::Left, "Catatan / komentar juri:", true);
        for k in 1..=lines {
            let ly = y + 14.0 + k as f32 * pitch - 2.0;
            if let Some(text) = written.get(k - 1) {
                page.line_of_text((x + 6.0, w - 12.0), ly - style.line_height() - 0.5, style, Align::Left, text, true);
            }
            page.dashed_line(x + 6.0, ly, x + w - 6.0, ly, 0.4, 1.0);
        }
    });
}
