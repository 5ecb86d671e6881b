//! The decree annex (lampiran SK) with the winners per category and their place (Juara I–III by the
//! category's quota), or the announcement (pengumuman) of the finalists in alphabetical order.

use juri_core::documents_settings::{DocumentSettings, parse_date, time_with_zone};
use juri_core::format_id;
use juri_core::scoring::Status;

use crate::data::DocData;
use crate::error::{DocError, Result};
use crate::layout::{Align, Cell, Column, Flow, Margins, PageSize, Row, Table, wrap};
use crate::parts::{self, BLANK, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkList {
    /// The annex of the decree on the winners.
    Winners,
    /// The announcement of the finalists, alphabetical (not a ranking).
    Finalists,
}

fn margins() -> Margins {
    Margins::mm(15.0, 20.0, 15.0, 25.0)
}

/// Label, colon and value lines without borders (the "NOMOR : …" block).
fn label_table(rows: &[(&str, String)], width: f32, label_w: f32) -> Table {
    let mut t = Table::new(
        vec![
            Column::new(label_w, Align::Left),
            Column::new(8.0, Align::Left),
            Column::new(width - label_w - 8.0, Align::Left),
        ],
        BODY,
    );
    t.grid = false;
    t.top_aligned = true;
    t.pad_x = 0.0;
    t.pad_y = 0.0;
    t.rows = rows.iter().map(|(l, v)| Row::new(vec![Cell::new(*l), Cell::new(":"), Cell::new(v.clone())])).collect();
    t
}

pub fn sk_pdf(data: &DocData, list: SkList) -> Result<Vec<u8>> {
    match list {
        SkList::Winners => winners(data),
        SkList::Finalists => finalists(data),
    }
}

fn winners(data: &DocData) -> Result<Vec<u8>> {
    data.require_decided_ties()?;
    let s = &data.settings;
    let setup = data.setup();
    let mut flow = Flow::new(PageSize::A4_PORTRAIT, margins());
    let block_w = flow.width() * 0.55;
    let x = flow.left() + flow.width() - block_w;
    let decree = format!("KEPUTUSAN {}", s.head.position.to_uppercase());
    flow.paragraph_in(x, block_w, "LAMPIRAN", BODY, Align::Left);
    flow.paragraph_in(x, block_w, &decree, BODY, Align::Left);
    let about = format!("PENETAPAN PEMENANG {}", setup.name.to_uppercase());
    let t = label_table(
        &[("NOMOR", parts::or_blank(&s.sk_number)), ("TANGGAL", parts::date_or_blank(&s.sk_date)), ("TENTANG", about)],
        block_w,
        62.0,
    );
    flow.table_at(flow.width() - block_w, &t);
    flow.space(18.0);
    flow.paragraph("DAFTAR PEMENANG", TITLE, Align::Center);
    for line in parts::title_lines("", &setup.name, &s.region) {
        flow.paragraph(&line, TITLE, Align::Center);
    }
    flow.space(10.0);

    let mut t = Table::new(
        vec![
            Column::new(24.0, Align::Center),
            Column::new(0.0, Align::Left),
            Column::new(118.0, Align::Left),
            Column::new(118.0, Align::Left),
            Column::new(52.0, Align::Center),
        ],
        TABLE.sized(9.0),
    );
    let used: f32 = t.columns.iter().map(|c| c.width).sum();
    t.columns[1].width = flow.width() - used;
    t.header =
        vec![Row::new(["No", "Judul Inovasi", "Unit", "Kategori", "Predikat"].map(Cell::new).to_vec()).fill(0.88)];
    for cat in &data.recap.categories {
        // In the order of the places, the plenary's decisions on ties included.
        let mut rows: Vec<_> = cat.rows.iter().filter(|r| r.status == Status::Ranked).collect();
        rows.sort_by_key(|r| (data.decided_rank(&cat.code, r), r.proposal.clone()));
        for r in rows {
            if let Some(place) = data.place(&cat.code, r) {
                let n = t.rows.len() + 1;
                t.rows.push(Row::new(vec![
                    n.to_string().into(),
                    r.title.clone().into(),
                    r.unit.clone().into(),
                    cat.name.clone().into(),
                    place.into(),
                ]));
            }
        }
    }
    if t.rows.is_empty() {
        return Err(DocError::Empty("no winners"));
    }
    flow.table(&t);
    // A place settled by the plenary says so, with its reason.
    for d in data.settled_ties() {
        flow.space(3.0);
        flow.paragraph(
            &format!(
                "Nilai akhir {} sama pada peringkat {} kategori {}; urutan ditetapkan rapat pleno: {}.",
                d.order.join(" dan "),
                d.rank,
                data.category_name(&d.category),
                d.reason.trim()
            ),
            SMALL,
            Align::Left,
        );
    }
    flow.space(18.0);
    let mut head = s.head.clone();
    head.name = data.head_name_for_decree();
    let block = SignatureBlock::of(&head, None);
    parts::sign_right(&mut flow, &block, BODY);
    let pictures: Vec<&Picture> = Vec::new();
    let id = parts::doc_id(&format!("Lampiran SK pemenang {}", setup.year), &s.sk_number);
    Ok(render("Lampiran Keputusan: Daftar Pemenang", &flow.finish_with_id(&id), &pictures))
}

fn finalists(data: &DocData) -> Result<Vec<u8>> {
    let s = &data.settings;
    let setup = data.setup();
    let finalists = data.finalists();
    if finalists.is_empty() {
        return Err(DocError::Empty("no finalists"));
    }
    let mut flow = Flow::new(PageSize::A4_PORTRAIT, margins());
    let logo = data.logo.as_ref().map(|p| (0, p.aspect()));
    parts::kop(&mut flow, &s.kop_lines, &s.kop_address, logo);
    flow.paragraph("PENGUMUMAN", TITLE.sized(13.0), Align::Center);
    flow.paragraph(&format!("NOMOR: {}", parts::or_blank(&s.announcement_number)), BODY, Align::Center);
    flow.space(4.0);
    flow.paragraph("TENTANG", BODY, Align::Center);
    for line in parts::title_lines("FINALIS ", &setup.name, &s.region) {
        flow.paragraph(&line, TITLE, Align::Center);
    }
    flow.space(10.0);
    let cut = setup.stages.iter().rposition(|st| st.passing_grade.is_some() || st.finalists_per_category.is_some());
    let next = cut.and_then(|i| setup.stages.get(i + 1)).map(|st| st.name.clone());
    let intro = match &next {
        Some(stage) => format!(
            "Berdasarkan hasil penilaian Tim Penilai {}, dengan ini diumumkan proposal inovasi yang ditetapkan \
             sebagai finalis dan berhak mengikuti tahap {stage} sebagai berikut:",
            setup.name
        ),
        None => format!(
            "Berdasarkan hasil penilaian Tim Penilai {}, dengan ini diumumkan proposal inovasi yang ditetapkan \
             sebagai finalis sebagai berikut:",
            setup.name
        ),
    };
    flow.paragraph(&intro, BODY, Align::Justify);
    flow.space(8.0);
    let mut t = Table::new(
        vec![Column::new(24.0, Align::Center), Column::new(0.0, Align::Left), Column::new(170.0, Align::Left)],
        TABLE.sized(9.0),
    );
    t.columns[1].width = flow.width() - 24.0 - 170.0;
    t.header = vec![Row::new(["No", "Judul Inovasi", "Unit"].map(Cell::new).to_vec()).fill(0.88)];
    for cat in &setup.categories {
        let mut rows: Vec<_> = finalists.iter().filter(|p| p.category == cat.code).collect();
        if rows.is_empty() {
            continue;
        }
        // Alphabetical by title (then code), as national lists are published: not a ranking.
        rows.sort_by(|a, b| a.title.to_lowercase().cmp(&b.title.to_lowercase()).then(a.code.cmp(&b.code)));
        t.rows.push(
            Row::new(vec![
                Cell::new(format!("Kategori {}", cat.name)).span(3).style(TABLE.sized(9.0).bold()).align(Align::Left),
            ])
            .fill(0.95),
        );
        for (i, p) in rows.iter().enumerate() {
            t.rows.push(Row::new(vec![(i + 1).to_string().into(), p.title.clone().into(), p.unit.clone().into()]));
        }
    }
    flow.table(&t);
    flow.space(4.0);
    flow.paragraph(
        "Daftar finalis pada setiap kategori disusun menurut abjad judul inovasi dan tidak menunjukkan peringkat.",
        SMALL,
        Align::Left,
    );
    let closing = "Demikian pengumuman ini disampaikan untuk menjadi perhatian.";
    let signer = if s.secretary.name.trim().is_empty() { &s.head } else { &s.secretary };
    let block = SignatureBlock::of(signer, Some(parts::place_date(&s.place, &s.announcement_date)));
    // The two points, the closing sentence and the signature stay on one page: a signature is
    // never alone on a page.
    let points = [presentation_text(s, next.as_deref()), objection_text(s)];
    let lines: usize = points.iter().map(|p| wrap(BODY, p, flow.width() - 16.0).len()).sum();
    flow.space(8.0);
    flow.ensure((lines + 2) as f32 * BODY.line_height() + 3.0 + 6.0 + 12.0 + block.height(BODY) + 4.0);
    flow.numbered("1.", 16.0, &points[0], BODY, Align::Justify);
    flow.space(3.0);
    flow.numbered("2.", 16.0, &points[1], BODY, Align::Justify);
    flow.space(6.0);
    flow.paragraph(closing, BODY, Align::Justify);
    flow.space(12.0);
    parts::sign_right(&mut flow, &block, BODY);
    let pictures: Vec<&Picture> = data.logo.iter().collect();
    let id = parts::doc_id(&format!("Pengumuman finalis {}", setup.year), &s.announcement_number);
    Ok(render("Pengumuman Finalis", &flow.finish_with_id(&id), &pictures))
}

/// When and where the finalists present: "Finalis … mengikuti tahap Presentasi dan Wawancara pada
/// hari Senin, 24 Agustus 2026, pukul 09.00 WIB, bertempat di …" (blanks for the clerk when unset).
fn presentation_text(s: &DocumentSettings, stage: Option<&str>) -> String {
    let stage = stage.unwrap_or("berikutnya");
    let day = parse_date(&s.presentation_date).map(format_id::date_with_day).unwrap_or_else(|| BLANK.into());
    let time =
        time_with_zone(&s.presentation_time, s.time_zone).unwrap_or_else(|| format!("{BLANK} {}", s.time_zone.label()));
    format!(
        "Finalis wajib mengikuti tahap {stage} yang dilaksanakan pada hari {day}, pukul {time}, bertempat di {}.",
        parts::or_blank(&s.presentation_venue)
    )
}

/// How and by when an objection (sanggahan) is lodged.
fn objection_text(s: &DocumentSettings) -> String {
    let to = if s.objection_to.trim().is_empty() { BLANK.to_string() } else { s.objection_to.trim().to_string() };
    format!(
        "Sanggahan atas pengumuman ini dapat diajukan {to} disertai alasan dan bukti pendukung, paling lambat \
         tanggal {}. Sanggahan yang diterima setelah tanggal tersebut tidak ditanggapi.",
        parts::date_or_blank(&s.objection_until)
    )
}
