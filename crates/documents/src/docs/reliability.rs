//! "Lampiran: keandalan penilaian", the annex to the berita acara (issue 18): the figures of
//! FORMATS.md §11 in Indonesian with decimal commas, and a paragraph a non-statistician can read.

use juri_core::format_id::decimal;
use juri_core::reliability::{AlphaBand, StatsReport, in_grey_zone};

use crate::data::DocData;
use crate::error::{DocError, Result};
use crate::layout::{Align, Cell, Column, Flow, Margins, PageSize, Row, Table};
use crate::parts::{self, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::render;

/// What the annex says before the figures: what each one answers, in plain words.
pub const EXPLANATION: &str = "Lampiran ini menjawab pertanyaan yang biasa muncul dalam rapat pleno dan masa sanggah: \
    apakah juri lain akan memilih finalis dan pemenang yang sama? Alpha Krippendorff mengukur seberapa sepakat para \
    juri menilai proposal yang sama (1 berarti sepakat penuh, 0 berarti tidak lebih baik daripada kebetulan). \
    Keketatan seorang juri adalah rata-rata selisih nilainya dengan rata-rata juri lain pada proposal yang sama; \
    angka negatif berarti lebih ketat, positif lebih longgar. Kepastian peringkat diperoleh dengan mengundi ulang \
    susunan juri setiap proposal berkali-kali dan menghitung ulang peringkat menurut aturan kompetisi: peluang \
    mendekati 100% atau 0% berarti posisinya pasti, sedangkan peluang antara 20% dan 80% (zona abu-abu) berarti \
    garis batas finalis, juara atau juara I di sekitar proposal itu belum dapat dipastikan oleh nilai saja.";

fn margins() -> Margins {
    Margins::mm(15.0, 20.0, 15.0, 25.0)
}

fn two(v: Option<f64>) -> String {
    v.map(|x| decimal(x, 2)).unwrap_or_else(|| "–".into())
}

fn percent(p: f64) -> String {
    format!("{}%", decimal(100.0 * p, 0))
}

fn band_text(b: AlphaBand) -> &'static str {
    b.reading(juri_core::Lang::Id)
}

/// The annex; refused when no stage has two judges on one proposal yet.
pub fn reliability_pdf(data: &DocData, report: &StatsReport, replicates: u32, seed: u64) -> Result<Vec<u8>> {
    let stats = &report.stats;
    if stats.stages.iter().all(|s| s.judges.is_empty()) {
        return Err(DocError::Empty("no scores"));
    }
    let s = &data.settings;
    let setup = data.setup();
    let mut flow = Flow::new(PageSize::A4_PORTRAIT, margins());

    // The annex block at the right, as the decree's.
    let block_w = flow.width() * 0.55;
    let x = flow.left() + flow.width() - block_w;
    flow.paragraph_in(x, block_w, "LAMPIRAN BERITA ACARA RAPAT PLENO TIM PENILAI", BODY, Align::Left);
    let mut head = Table::new(
        vec![Column::new(62.0, Align::Left), Column::new(8.0, Align::Left), Column::new(block_w - 70.0, Align::Left)],
        BODY,
    );
    head.grid = false;
    head.top_aligned = true;
    head.pad_x = 0.0;
    head.pad_y = 0.0;
    head.rows = vec![
        Row::new(vec!["NOMOR".into(), ":".into(), parts::or_blank(&s.berita_acara_number).into()]),
        Row::new(vec!["TANGGAL".into(), ":".into(), parts::date_or_blank(&s.pleno_date).into()]),
    ];
    flow.table_at(flow.width() - block_w, &head);
    flow.space(16.0);
    flow.paragraph("KEANDALAN PENILAIAN", TITLE, Align::Center);
    for line in parts::title_lines("", &setup.name, &s.region) {
        flow.paragraph(&line, TITLE, Align::Center);
    }
    flow.space(10.0);
    flow.paragraph(EXPLANATION, BODY, Align::Justify);
    flow.space(8.0);

    // A. Agreement per stage, with the criteria.
    // The heading stays with the first rows of its table.
    flow.ensure(BODY.line_height() * 6.0);
    flow.paragraph("A. Kesepakatan Juri", BODY.bold(), Align::Left);
    flow.space(3.0);
    let mut t = Table::new(
        vec![Column::new(0.0, Align::Left), Column::new(70.0, Align::Right), Column::new(150.0, Align::Left)],
        TABLE,
    );
    t.columns[0].width = flow.width() - 220.0;
    t.header = vec![Row::new(["Tahap / kriteria", "Alpha", "Bacaan"].map(Cell::new).to_vec()).fill(0.88)];
    for st in &stats.stages {
        let name = data.stage(&st.stage).map(|x| x.name.clone()).unwrap_or_else(|| st.stage.clone());
        let reading =
            st.alpha.map(|a| band_text(AlphaBand::of(a)).to_string()).unwrap_or_else(|| "belum dapat dihitung".into());
        t.rows.push(Row::new(vec![
            Cell::new(name).style(TABLE.bold()),
            Cell::new(st.alpha.map(|a| decimal(a, 3)).unwrap_or_else(|| "–".into())).style(TABLE.bold()),
            Cell::new(reading),
        ]));
        let stage = data.stage(&st.stage);
        for c in &st.criteria {
            let cname = stage
                .and_then(|x| x.criteria.iter().find(|k| k.code == c.criterion))
                .map(|k| k.name.clone())
                .unwrap_or_else(|| c.criterion.clone());
            t.rows.push(Row::new(vec![format!("    {cname}").into(), two(c.alpha).into(), "".into()]));
        }
    }
    flow.table(&t);
    flow.space(2.0);
    flow.paragraph(
        "Bacaan alpha: 0,800 ke atas tinggi; 0,667–0,800 cukup untuk simpulan sementara (Krippendorff, 2004); \
         0,400–0,667 lemah; di bawah 0,400 rendah. Alpha dihitung dari nilai juri per tahap (skala 0–100) pada \
         proposal yang dinilai sedikitnya dua juri; alpha kriteria dari persentase skor kriteria.",
        SMALL,
        Align::Left,
    );
    flow.space(8.0);

    // B. Judges.
    // The heading stays with the first rows of its table.
    flow.ensure(BODY.line_height() * 6.0);
    flow.paragraph("B. Keketatan dan Korelasi Juri", BODY.bold(), Align::Left);
    flow.space(3.0);
    let mut t = Table::new(
        vec![
            Column::new(0.0, Align::Left),
            Column::new(0.0, Align::Left),
            Column::new(60.0, Align::Right),
            Column::new(70.0, Align::Right),
            Column::new(70.0, Align::Right),
        ],
        TABLE,
    );
    let rest = flow.width() - 200.0;
    t.columns[0].width = rest * 0.32;
    t.columns[1].width = rest * 0.68;
    t.header =
        vec![Row::new(["Tahap", "Juri", "Proposal", "Keketatan", "Korelasi"].map(Cell::new).to_vec()).fill(0.88)];
    for st in stats.stages.iter().filter(|s| !s.judges.is_empty()) {
        let name = data.stage(&st.stage).map(|x| x.name.clone()).unwrap_or_else(|| st.stage.clone());
        for (i, j) in st.judges.iter().enumerate() {
            let who =
                data.judge(&j.judge).map(|x| format!("{} ({})", x.name, x.code)).unwrap_or_else(|| j.judge.clone());
            let severity = j.severity.map(|v| format!("{}{}", if v > 0.0 { "+" } else { "" }, decimal(v, 2)));
            t.rows.push(Row::new(vec![
                if i == 0 { name.clone().into() } else { "".into() },
                who.into(),
                j.n.to_string().into(),
                severity.unwrap_or_else(|| "–".into()).into(),
                two(j.correlation).into(),
            ]));
        }
    }
    flow.table(&t);
    flow.space(2.0);
    flow.paragraph(
        "Keketatan: rata-rata selisih nilai juri dengan rata-rata juri lain pada proposal yang sama (negatif = lebih \
         ketat). Korelasi: kesamaan urutan nilai juri dengan rata-rata juri lain (1 = sama persis; kosong bila \
         proposalnya kurang dari tiga).",
        SMALL,
        Align::Left,
    );
    flow.space(8.0);

    // C. Rank certainty per category.
    // The heading stays with the first rows of its table.
    flow.ensure(BODY.line_height() * 6.0);
    flow.paragraph("C. Kepastian Peringkat", BODY.bold(), Align::Left);
    flow.space(3.0);
    let has_cut = stats.stability.iter().any(|r| r.p_finalist.is_some());
    let mut t = Table::new(
        vec![
            Column::new(40.0, Align::Left),
            Column::new(0.0, Align::Left),
            Column::new(42.0, Align::Center),
            Column::new(44.0, Align::Right),
            Column::new(50.0, Align::Right),
            Column::new(44.0, Align::Right),
            Column::new(58.0, Align::Center),
        ],
        TABLE.sized(8.5),
    );
    let used: f32 = t.columns.iter().map(|c| c.width).sum();
    t.columns[1].width = flow.width() - used;
    t.header = vec![
        Row::new(
            ["Kode", "Judul Inovasi", "Peringkat", "Juara I", "Kuota juara", "Finalis", "Median (5–95%)"]
                .map(Cell::new)
                .to_vec(),
        )
        .fill(0.88),
    ];
    for cat in &setup.categories {
        let rows: Vec<_> = stats.stability.iter().filter(|r| r.category == cat.code).collect();
        if rows.is_empty() {
            continue;
        }
        t.rows.push(
            Row::new(vec![Cell::new(format!("Kategori {}", cat.name)).style(TABLE.sized(8.5).bold()).span(7)])
                .fill(0.95),
        );
        for r in rows {
            let grey = in_grey_zone(r);
            let title = data.proposal(&r.proposal).map(|p| p.title.clone()).unwrap_or_default();
            let ranked = r.rank.is_some();
            let mut row = Row::new(vec![
                r.proposal.clone().into(),
                if grey {
                    Cell::new(title).note("zona abu-abu: garis batas belum pasti", SMALL.sized(7.5))
                } else {
                    title.into()
                },
                r.rank.map(|x| x.to_string()).unwrap_or_else(|| "–".into()).into(),
                if ranked { percent(r.p_first) } else { "–".into() }.into(),
                if ranked { percent(r.p_quota) } else { "–".into() }.into(),
                r.p_finalist.map(percent).unwrap_or_else(|| "–".into()).into(),
                if ranked { format!("{} ({}–{})", r.rank_median, r.rank_p05, r.rank_p95) } else { "–".into() }.into(),
            ]);
            if grey {
                row = row.fill(0.9);
            }
            t.rows.push(row);
        }
    }
    flow.table(&t);
    flow.space(2.0);
    let finalist_note = if has_cut { " Finalis: peluang lolos batas finalis tahap seleksi." } else { "" };
    flow.paragraph(
        &format!(
            "Peluang dari {} pengundian ulang susunan juri (benih {seed}); hasil yang sama diperoleh setiap kali \
             dihitung ulang. Juara I dan kuota juara: peluang menempati peringkat 1 dan peringkat dalam kuota juara \
             kategorinya.{finalist_note} Baris berarsir: zona abu-abu (peluang finalis, kuota juara atau juara I antara 20% dan 80%).",
            decimal(replicates as f64, 0)
        ),
        SMALL,
        Align::Left,
    );

    if !report.warnings.is_empty() {
        flow.space(6.0);
        flow.paragraph("Catatan:", BODY.bold(), Align::Left);
        for w in &report.warnings {
            let name = |code: &str| data.stage(code).map(|s| s.name.clone()).unwrap_or_else(|| code.to_string());
            flow.numbered("–", 12.0, &w.message_named(juri_core::Lang::Id, &name), BODY, Align::Left);
        }
    }

    flow.space(14.0);
    let chair = data.chair();
    let signer = juri_core::documents_settings::Signatory {
        on_behalf: String::new(),
        position: "Ketua Tim Penilai".into(),
        name: chair.map(|j| j.name.clone()).unwrap_or_default(),
        rank: String::new(),
        nip: chair.map(|j| j.nip.clone()).unwrap_or_default(),
    };
    let block = SignatureBlock::of(&signer, Some(parts::place_date(&s.place, &s.pleno_date)));
    parts::sign_right(&mut flow, &block, BODY);
    let id = parts::doc_id(&format!("Lampiran keandalan penilaian {}", setup.year), &s.berita_acara_number);
    Ok(render("Lampiran: Keandalan Penilaian", &flow.finish_with_id(&id), &[]))
}
