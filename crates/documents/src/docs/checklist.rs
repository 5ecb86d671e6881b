//! The secretariat's screening checklist (daftar periksa kelengkapan isian proposal): per proposal,
//! the sections filled in, the summary's words against its limit, the evidence files and the
//! dossier findings (FORMATS.md §9), beside the administrative decision; as a landscape A4 PDF and
//! as an XLSX sheet.

use juri_core::dossier::{DossierView, FindingKind, dossier_view};
use juri_core::rusqlite::Connection;

use crate::data::DocData;
use crate::docs::screening_label;
use crate::error::{DocError, Result};
use crate::layout::{Align, Cell, Column, Flow, Margins, PageSize, Row, Table};
use crate::parts::{self, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};
use juri_core::documents_settings::Signatory;

/// One proposal's line of the checklist.
struct Line {
    code: String,
    title: String,
    unit: String,
    filled: String,
    summary_words: String,
    files: usize,
    findings: String,
    decision: &'static str,
}

/// The findings in the words a clerk writes them.
fn findings_text(v: &DossierView) -> String {
    let name = |code: &str| v.sections.iter().find(|s| s.code == code).map(|s| s.name.clone()).unwrap_or(code.into());
    let mut over = Vec::new();
    let mut missing = Vec::new();
    let mut parts = Vec::new();
    for f in &v.findings {
        let section = f.section.as_deref().unwrap_or("");
        match f.kind {
            FindingKind::OverWordLimit => {
                let s = v.sections.iter().find(|s| s.code == section);
                let (words, max) = s.map(|s| (s.words, s.max_words.unwrap_or(0))).unwrap_or_default();
                over.push(format!("{} {words} kata (batas {max})", name(section)));
            }
            FindingKind::MissingSection => missing.push(name(section)),
            FindingKind::NoFiles => parts.push("tanpa bukti dukung".to_string()),
        }
    }
    if !missing.is_empty() && missing.len() == v.sections.len() {
        parts.insert(0, "semua bagian isian kosong".to_string());
    } else if !missing.is_empty() {
        parts.insert(0, format!("kosong: {}", missing.join(", ")));
    }
    if !over.is_empty() {
        parts.insert(0, format!("melebihi batas: {}", over.join(", ")));
    }
    if parts.is_empty() { "lengkap".into() } else { parts.join("; ") }
}

fn lines(conn: &Connection, data: &DocData) -> Result<Vec<Line>> {
    let mut out = Vec::new();
    for p in data.proposals.iter().filter(|p| !p.removed) {
        let v = dossier_view(conn, &data.competition.id, &p.code)?;
        let filled = v.sections.iter().filter(|s| !s.text.trim().is_empty()).count();
        let summary = v.sections.first().map(|s| match s.max_words {
            Some(max) => format!("{} / {max}", s.words),
            None => s.words.to_string(),
        });
        out.push(Line {
            code: p.code.clone(),
            title: p.title.clone(),
            unit: p.unit.clone(),
            filled: format!("{filled} / {}", v.sections.len()),
            summary_words: summary.unwrap_or_else(|| "–".into()),
            files: v.files.len(),
            findings: findings_text(&v),
            decision: screening_label(p.status),
        });
    }
    if out.is_empty() {
        return Err(DocError::Empty("no proposals"));
    }
    Ok(out)
}

/// The checklist as a landscape A4 PDF.
pub fn checklist_pdf(conn: &Connection, data: &DocData) -> Result<Vec<u8>> {
    let lines = lines(conn, data)?;
    let setup = data.setup();
    let mut flow = Flow::new(PageSize::A4_LANDSCAPE, Margins::mm(15.0, 15.0, 15.0, 18.0));
    flow.paragraph("DAFTAR PERIKSA KELENGKAPAN ISIAN PROPOSAL", TITLE, Align::Center);
    flow.paragraph(&setup.name.to_uppercase(), TITLE, Align::Center);
    flow.space(10.0);
    let first = setup.dossier.as_ref().and_then(|d| d.sections.first()).map(|s| s.name.clone());
    let summary_head = format!("{} (kata)", first.unwrap_or_else(|| "Ringkasan".into()));
    let mut t = Table::new(
        vec![
            Column::new(22.0, Align::Center),
            Column::new(44.0, Align::Left),
            Column::new(0.0, Align::Left),
            Column::new(48.0, Align::Center),
            Column::new(58.0, Align::Center),
            Column::new(44.0, Align::Center),
            Column::new(200.0, Align::Left),
            Column::new(86.0, Align::Left),
        ],
        TABLE,
    );
    let used: f32 = t.columns.iter().map(|c| c.width).sum();
    t.columns[2].width = flow.width() - used;
    t.header = vec![
        Row::new(
            [
                "No",
                "Kode",
                "Judul inovasi / unit",
                "Isian terisi",
                summary_head.as_str(),
                "Bukti dukung",
                "Temuan",
                "Keputusan",
            ]
            .map(Cell::new)
            .to_vec(),
        )
        .fill(0.88),
    ];
    for (i, l) in lines.iter().enumerate() {
        t.rows.push(Row::new(vec![
            (i + 1).to_string().into(),
            l.code.clone().into(),
            format!("{}\n{}", l.title, l.unit).into(),
            l.filled.clone().into(),
            l.summary_words.clone().into(),
            l.files.to_string().into(),
            l.findings.clone().into(),
            l.decision.into(),
        ]));
    }
    flow.table(&t);
    flow.space(12.0);
    flow.paragraph(
        "Temuan tidak menolak proposal dengan sendirinya; keputusan administrasi diambil oleh panitia.",
        SMALL,
        Align::Left,
    );
    flow.space(14.0);
    // Signed by whoever checked the files: the name is left for the pen.
    let date = parts::place_date(&data.settings.place, &data.settings.certificate_date);
    let checker = Signatory { position: "Petugas pemeriksa".into(), ..Default::default() };
    parts::sign_right(&mut flow, &SignatureBlock::of(&checker, Some(date)), BODY);
    let pictures: Vec<&Picture> = Vec::new();
    let id = format!("Daftar periksa isian proposal {}", data.setup().year);
    Ok(render("Daftar Periksa Kelengkapan Isian Proposal", &flow.finish_with_id(&id), &pictures))
}

/// The checklist as one XLSX sheet (the same columns, numbers as numbers).
pub fn checklist_xlsx(conn: &Connection, data: &DocData) -> Result<Vec<u8>> {
    let lines = lines(conn, data)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("daftar_periksa")?;
    let head = ["kode", "judul", "unit", "isian_terisi", "ringkasan_kata", "bukti_dukung", "temuan", "keputusan"];
    for (c, h) in head.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for (i, l) in lines.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, v) in [&l.code, &l.title, &l.unit, &l.filled, &l.summary_words].into_iter().enumerate() {
            sheet.write_string(r, c as u16, v.as_str())?;
        }
        sheet.write_number(r, 5, l.files as f64)?;
        sheet.write_string(r, 6, &l.findings)?;
        sheet.write_string(r, 7, l.decision)?;
    }
    Ok(book.save_to_buffer()?)
}
