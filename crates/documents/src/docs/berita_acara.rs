//! Berita acara rapat pleno (DOMAIN.md §6): the date in words, the jury with unsur, counts in words,
//! the method, results per category, recusals and ties, the closing formula and a signature table
//! with staggered numbered lines.

use juri_core::documents_settings::{parse_date, time_with_zone};
use juri_core::format_id::{self, count_with_words, decimal};
use juri_core::scoring::Status;

use super::method_text;
use crate::data::DocData;
use crate::error::{DocError, Result};
use crate::layout::{Align, Cell, Column, Flow, Margins, PageSize, Row, Table};
use crate::parts::{self, BLANK, BODY, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};

/// "BUPATI SUKAMAJU" → "Bupati Sukamaju" for running text.
pub fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut c = lower.chars();
            match c.next() {
                Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The opening sentence's date: "Pada hari ini Kamis tanggal dua puluh empat bulan September tahun …".
pub fn opening_date(iso: &str) -> String {
    match parse_date(iso) {
        Some(d) => format_id::date_in_words(d),
        None => format!("Pada hari ini {BLANK} tanggal {BLANK} bulan {BLANK} tahun {BLANK}"),
    }
}

pub fn berita_acara_pdf(data: &DocData) -> Result<Vec<u8>> {
    let s = &data.settings;
    let setup = data.setup();
    // Signed results need results: with no final score anywhere there is nothing to sign.
    if !data.recap.categories.iter().any(|c| c.rows.iter().any(|r| r.status == Status::Ranked)) {
        return Err(DocError::Empty("no winners"));
    }
    let mut flow = Flow::new(PageSize::A4_PORTRAIT, Margins::mm(15.0, 20.0, 15.0, 25.0));
    let logo = data.logo.as_ref().map(|p| (0, p.aspect()));
    parts::kop(&mut flow, &s.kop_lines, &s.kop_address, logo);

    flow.paragraph("BERITA ACARA", TITLE.sized(13.0), Align::Center);
    flow.paragraph("RAPAT PLENO TIM PENILAI", TITLE, Align::Center);
    for line in parts::title_lines("", &setup.name, &s.region) {
        flow.paragraph(&line, TITLE, Align::Center);
    }
    flow.paragraph(&format!("Nomor: {}", parts::or_blank(&s.berita_acara_number)), BODY, Align::Center);
    flow.space(10.0);
    opening_paragraph(&mut flow, data);
    jury(&mut flow, data);
    counts(&mut flow, data);
    // 3. Method.
    flow.numbered("3.", 16.0, &format!("Metode penilaian: {}", method_text(setup)), BODY, Align::Justify);
    flow.space(4.0);
    results(&mut flow, data)?;
    recusals_and_ties(&mut flow, data);
    closing(&mut flow, data);
    let pictures: Vec<&Picture> = data.logo.iter().collect();
    let id = parts::doc_id(&format!("Berita acara rapat pleno {}", setup.year), &s.berita_acara_number);
    Ok(render("Berita Acara Rapat Pleno", &flow.finish_with_id(&id), &pictures))
}

/// The opening: when, where, which jury under which decree.
fn opening_paragraph(flow: &mut Flow, data: &DocData) {
    let (s, setup) = (&data.settings, data.setup());
    let head = title_case(&s.head.position);
    let mut opening = opening_date(&s.pleno_date);
    if let Some(time) = time_with_zone(&s.pleno_time, s.time_zone) {
        opening.push_str(&format!(", pukul {time}"));
    }
    opening.push_str(&format!(
        ", bertempat di {}, Tim Penilai {} yang ditetapkan dengan Keputusan {} Nomor {} tanggal {} telah \
         melaksanakan rapat pleno penetapan hasil penilaian, dengan hasil sebagai berikut:",
        parts::or_blank(&s.pleno_venue),
        setup.name,
        if head.is_empty() { "Kepala Daerah".to_string() } else { head.clone() },
        parts::or_blank(&s.jury_sk_number),
        parts::date_or_blank(&s.jury_sk_date),
    ));
    flow.paragraph(&opening, BODY, Align::Justify);
    flow.space(6.0);
}

/// 1. The jury, one row per judge.
fn jury(flow: &mut Flow, data: &DocData) {
    flow.numbered("1.", 16.0, "Tim Penilai terdiri atas:", BODY, Align::Left);
    flow.space(3.0);
    let mut t = Table::new(
        vec![
            Column::new(24.0, Align::Center),
            Column::new(0.0, Align::Left),
            Column::new(170.0, Align::Left),
            Column::new(62.0, Align::Center),
        ],
        TABLE.sized(9.0),
    );
    t.columns[1].width = flow.width() - 16.0 - 24.0 - 170.0 - 62.0;
    t.header =
        vec![Row::new(vec!["No".into(), "Nama".into(), "Institusi / Unsur".into(), "Kedudukan".into()]).fill(0.88)];
    t.rows = data
        .judges
        .iter()
        .enumerate()
        .map(|(i, j)| {
            let unsur =
                if j.institution.is_empty() { j.unsur.clone() } else { format!("{} ({})", j.institution, j.unsur) };
            Row::new(vec![(i + 1).to_string().into(), j.name.clone().into(), unsur.into(), data.jury_role(j).into()])
        })
        .collect();
    flow.table_at(16.0, &t);
    flow.space(6.0);
}

/// 2. The counts, in numbers and words.
fn counts(flow: &mut Flow, data: &DocData) {
    let setup = data.setup();
    let registered = data.proposals.len() as u64;
    let excluded = data.proposals.iter().filter(|p| p.status.is_excluded()).count() as u64;
    let mut counts = format!(
        "Proposal yang terdaftar sebanyak {} proposal; {} proposal tidak diikutkan dalam penilaian (tidak lolos \
         seleksi administrasi, mengundurkan diri atau didiskualifikasi) sehingga {} proposal dinilai",
        count_with_words(registered),
        count_with_words(excluded),
        count_with_words(registered - excluded)
    );
    let stage_counts: Vec<String> = setup
        .stages
        .iter()
        .skip(1)
        .map(|st| {
            let n = data.proposals.iter().filter(|p| data.reached(&p.code, &st.code)).count() as u64;
            format!("{} proposal mengikuti tahap {}", count_with_words(n), st.name)
        })
        .collect();
    if !stage_counts.is_empty() {
        counts.push_str(&format!("; {}", stage_counts.join("; ")));
    }
    counts.push('.');
    flow.numbered("2.", 16.0, &counts, BODY, Align::Justify);
    flow.space(4.0);
}

/// 4. The results per category.
fn results(flow: &mut Flow, data: &DocData) -> Result<()> {
    flow.numbered(
        "4.",
        16.0,
        "Hasil penilaian per kategori adalah sebagai berikut (rincian nilai setiap juri tercantum dalam \
         rekapitulasi nilai terlampir):",
        BODY,
        Align::Justify,
    );
    for cat in &data.recap.categories {
        flow.space(4.0);
        let x = flow.left() + 16.0;
        let w = flow.width() - 16.0;
        let heading = format!("Kategori {} ({})", cat.name, cat.code);
        let ranked: Vec<_> = cat.rows.iter().filter(|r| r.status == Status::Ranked).collect();
        if ranked.is_empty() {
            flow.ensure(BODY.line_height() * 2.0);
            flow.paragraph_in(x, w, &heading, BODY.bold(), Align::Left);
            flow.paragraph_in(x, w, "Belum ada proposal yang memperoleh nilai akhir.", BODY, Align::Left);
            continue;
        }
        let mut t = Table::new(
            vec![
                Column::new(22.0, Align::Center),
                Column::new(36.0, Align::Center),
                Column::new(0.0, Align::Left),
                Column::new(110.0, Align::Left),
                Column::new(40.0, Align::Right),
                Column::new(50.0, Align::Center),
                Column::new(60.0, Align::Left),
            ],
            TABLE,
        );
        let used: f32 = t.columns.iter().map(|c| c.width).sum();
        t.columns[2].width = w - used;
        t.header = vec![
            Row::new(
                ["No", "Kode", "Judul Inovasi", "Unit", "Nilai Akhir", "Peringkat", "Keterangan"]
                    .map(Cell::new)
                    .to_vec(),
            )
            .fill(0.88),
        ];
        t.rows = ranked
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut note = data.place(&cat.code, r).unwrap_or_default();
                if r.tied {
                    note = if note.is_empty() { "seri".into() } else { format!("{note}; seri") };
                }
                // A forwarded proposal's origin goes under its unit: the remarks column is too
                // narrow for an organiser's name.
                let unit = match data.origin_note(&r.proposal) {
                    Some(origin) => format!("{} ({origin})", r.unit),
                    None => r.unit.clone(),
                };
                Row::new(vec![
                    (i + 1).to_string().into(),
                    r.proposal.clone().into(),
                    r.title.clone().into(),
                    unit.into(),
                    r.final_score.map(|v| decimal(v, 2)).unwrap_or_else(|| "–".into()).into(),
                    r.rank.map(|v| v.to_string()).unwrap_or_else(|| "–".into()).into(),
                    note.into(),
                ])
            })
            .collect();
        // The category's heading goes with its table's header and first two rows.
        flow.ensure(BODY.bold().line_height() + t.opening_height(2));
        flow.paragraph_in(x, w, &heading, BODY.bold(), Align::Left);
        flow.table_at(16.0, &t);
    }
    flow.space(6.0);

    Ok(())
}

/// 5. The judges who recused themselves, and the ties the pleno decided.
fn recusals_and_ties(flow: &mut Flow, data: &DocData) {
    let mut recusals = Vec::new();
    for p in data.proposals.iter().filter(|p| !p.status.is_excluded()) {
        for j in data.judges.iter().filter(|j| j.conflicted_with(&p.code, &p.unit)) {
            recusals.push(format!(
                "{} tidak menilai proposal {} \u{201c}{}\u{201d} dari {} karena konflik kepentingan",
                j.name, p.code, p.title, p.unit
            ));
        }
    }
    let recusal_text = if recusals.is_empty() {
        "Tidak ada anggota Tim Penilai yang menyatakan konflik kepentingan.".to_string()
    } else {
        format!(
            "Konflik kepentingan: {}. Nilai proposal tersebut adalah rata-rata nilai juri lainnya.",
            recusals.join("; ")
        )
    };
    flow.numbered("5.", 16.0, &recusal_text, BODY, Align::Justify);
    let mut ties = Vec::new();
    for cat in &data.recap.categories {
        let mut ranks: Vec<u32> = cat.rows.iter().filter(|r| r.tied).filter_map(|r| r.rank).collect();
        ranks.dedup();
        for rank in ranks {
            let codes: Vec<&str> =
                cat.rows.iter().filter(|r| r.tied && r.rank == Some(rank)).map(|r| r.proposal.as_str()).collect();
            ties.push(format!("kategori {}: {} berbagi peringkat {rank}", cat.name, codes.join(" dan ")));
        }
    }
    if !ties.is_empty() {
        // The plenary's decisions when recorded; a blank to fill in by hand otherwise.
        let decided: Vec<String> = data
            .settled_ties()
            .into_iter()
            .map(|d| {
                format!(
                    "kategori {}, peringkat {}: {} ({})",
                    data.category_name(&d.category),
                    d.rank,
                    d.order.join(" di atas "),
                    d.reason.trim()
                )
            })
            .collect();
        let decision = if decided.is_empty() { format!("{BLANK}{BLANK}") } else { decided.join("; ") };
        flow.space(3.0);
        flow.numbered(
            "6.",
            16.0,
            &format!(
                "Nilai seri yang tidak terurai oleh urutan penentu: {}. Keputusan rapat pleno: {decision}.",
                ties.join("; ")
            ),
            BODY,
            Align::Justify,
        );
    }
}

/// The closing, the signature table and the countersignature, kept together.
fn closing(flow: &mut Flow, data: &DocData) {
    let s = &data.settings;
    // The closing, the signature table (staggered numbered lines: 1. left, 2. right) and the
    // countersignature stay together: moved to the next page whole rather than split.
    let closing = "Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya.";
    let sign_table = signature_table(data, flow.width());
    let countersign = (!s.organiser_head.name.trim().is_empty()).then(|| {
        let mut block = SignatureBlock::of(&s.organiser_head, None);
        block.above.insert(0, "Mengetahui,".into());
        block
    });
    let together = 8.0
        + 2.0 * BODY.line_height()
        + 10.0
        + 2.0 * BODY.line_height()
        + 4.0
        + sign_table.height()
        + countersign.as_ref().map(|b| 12.0 + b.height_in(BODY, b.width_for(BODY, 240.0, 400.0))).unwrap_or(0.0);
    flow.space(8.0);
    if together <= flow.full_room() {
        flow.ensure(together);
    }
    flow.paragraph(closing, BODY, Align::Justify);
    flow.space(10.0);
    flow.paragraph(&parts::place_date(&s.place, &s.pleno_date), BODY, Align::Right);
    flow.paragraph("TIM PENILAI", BODY.bold(), Align::Center);
    flow.space(4.0);
    flow.table(&sign_table);
    if let Some(block) = countersign {
        flow.space(12.0);
        // As wide as the name needs to stay on one line.
        let bw = block.width_for(BODY, 240.0, flow.width());
        let h = block.height_in(BODY, bw) + 4.0;
        flow.keep(h, |page, x, y, w| {
            block.draw(page, x + (w - bw) / 2.0, y, bw, BODY);
        });
    }
}

/// No · Nama (+ NIP) · Unsur · Tanda Tangan, the numbered lines alternating left and right.
fn signature_table(data: &DocData, width: f32) -> Table {
    let mut t = Table::new(
        vec![
            Column::new(24.0, Align::Center),
            Column::new(200.0, Align::Left),
            Column::new(80.0, Align::Center),
            Column::new(0.0, Align::Left),
        ],
        TABLE.sized(9.0),
    );
    let used: f32 = t.columns.iter().map(|c| c.width).sum();
    t.columns[3].width = width - used;
    t.header = vec![Row::new(["No", "Nama", "Unsur", "Tanda Tangan"].map(Cell::new).to_vec()).fill(0.88)];
    t.rows = data
        .judges
        .iter()
        .enumerate()
        .map(|(i, j)| {
            let n = i + 1;
            let mut name = Cell::new(format!("{} ({})", j.name, data.jury_role(j)));
            if !j.nip.trim().is_empty() {
                name = name.note(format!("NIP {}", format_id::nip(&j.nip)), TABLE.sized(8.0));
            }
            let line = format!("{n}. ……………………");
            let sign = Cell::new(line).align(if n % 2 == 1 { Align::Left } else { Align::Right });
            // 20 mm: room for a wet signature
            Row::new(vec![n.to_string().into(), name, j.unsur.clone().into(), sign]).min_height(parts::SIGN_SPACE)
        })
        .collect();
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_read_in_title_case_and_blank_dates_leave_room() {
        assert_eq!(title_case("BUPATI SUKAMAJU"), "Bupati Sukamaju");
        assert_eq!(title_case("WALI KOTA TANJUNG PINANG"), "Wali Kota Tanjung Pinang");
        assert_eq!(
            opening_date("2026-09-24"),
            "Pada hari ini Kamis tanggal dua puluh empat bulan September tahun dua ribu dua puluh enam"
        );
        assert!(opening_date("").contains(BLANK));
    }
}
