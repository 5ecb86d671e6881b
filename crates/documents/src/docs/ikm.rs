//! The IKM report (*laporan hasil survei kepuasan masyarakat*, PermenPANRB 14/2017; DOMAIN.md §4.1,
//! FORMATS.md §7): per unsur NRR, weighted NRR and konversi with its mutu, the index, band and
//! label, respondents against the minimum sample, the weakest unsur and the trend over periods.

use juri_core::format_id::decimal;
use juri_core::ikm::{IkmResult, band, ikm_for, ikm_trend};
use juri_core::text::match_key;
use rusqlite::Connection;

use super::monitoring::{letterhead, long_date};
use crate::error::Result;
use crate::fonts::Face;
use crate::layout::{Align, BarChart, Cell, Column, Flow, Margins, PageSize, Row, Series, Style, Table};
use crate::parts::{self, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};

#[derive(Debug, Clone, PartialEq)]
pub struct IkmOptions {
    /// The service unit's name or its code on the unit list.
    pub unit: String,
    pub period: String,
    /// YYYY-MM-DD, the date above the signature.
    pub today: String,
    /// People served in the period, for the minimum sample; None when not known.
    pub population: Option<u32>,
}

/// Minimum sample for a population (Krejcie and Morgan 1970: χ² = 3,841, P = 0,5, d = 0,05).
pub fn krejcie_morgan(population: u32) -> u32 {
    let n = population as f64;
    let (x2, p, d) = (3.841, 0.5, 0.05);
    let s = x2 * n * p * (1.0 - p) / (d * d * (n - 1.0) + x2 * p * (1.0 - p));
    // Krejcie and Morgan's published table rounds to the nearest person (1,200 → 291, 150 → 108).
    s.round().max(0.0) as u32
}

/// The survey of a unit given by name, or by its code on the unit list.
fn find(conn: &Connection, unit: &str, period: &str) -> Result<IkmResult> {
    match ikm_for(conn, unit, period) {
        Ok(r) => Ok(r),
        Err(e) => {
            let units = juri_core::monitoring::list_units(conn)?;
            match units.iter().find(|u| !u.code.is_empty() && match_key(&u.code) == match_key(unit)) {
                Some(u) => Ok(ikm_for(conn, &u.name, period)?),
                None => Err(e.into()),
            }
        }
    }
}

fn n2(v: f64) -> String {
    decimal(v, 2)
}

pub fn ikm_pdf(conn: &Connection, opts: &IkmOptions) -> Result<Vec<u8>> {
    juri_core::laptop::require_organiser(conn, juri_core::laptop::OrganiserTask::Documents)?;
    let r = find(conn, &opts.unit, &opts.period)?;
    let trend = ikm_trend(conn, &r.unit)?;
    let (settings, logo) = letterhead(conn)?;

    let mut flow = Flow::new(PageSize::A4_PORTRAIT, Margins::mm(15.0, 18.0, 15.0, 22.0));
    parts::kop(&mut flow, &settings.kop_lines, &settings.kop_address, logo.as_ref().map(|p| (0, p.aspect())));
    flow.paragraph("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT", TITLE.sized(13.0), Align::Center);
    flow.paragraph(&r.unit.to_uppercase(), TITLE, Align::Center);
    flow.paragraph(&juri_core::ikm::period_in_words(&r.period).to_uppercase(), TITLE, Align::Center);
    flow.space(10.0);
    facts(&mut flow, &r, opts.population);
    profile(&mut flow, &juri_core::ikm::respondent_profile(conn, &r.unit, &r.period)?, r.respondents);
    unsur_table(&mut flow, &r);
    conclusion(&mut flow, &r);
    trend_section(&mut flow, &r, &trend);
    flow.space(16.0);
    let signer = parts::organiser_signer(&settings);
    let block = SignatureBlock::of(&signer, Some(parts::place_date(&settings.place, &opts.today)));
    parts::sign_right(&mut flow, &block, BODY);
    let pictures: Vec<&Picture> = logo.iter().collect();
    let title = format!("Laporan IKM {} {} ({})", r.unit, r.period, long_date(&opts.today));
    let id = format!("Laporan IKM {} · {}", r.unit, r.period);
    Ok(render(&title, &flow.finish_with_id(&id), &pictures))
}

/// The survey's facts: unit, period, method, respondents against the minimum sample.
fn facts(flow: &mut Flow, r: &IkmResult, population: Option<u32>) {
    let sample = match population {
        Some(pop) => {
            let min = krejcie_morgan(pop);
            let verdict = if r.respondents >= min { "terpenuhi" } else { "belum terpenuhi" };
            format!(
                "{} orang; sampel minimum untuk populasi {} orang (Krejcie dan Morgan) adalah {} orang: {verdict}",
                decimal(r.respondents as f64, 0),
                decimal(pop as f64, 0),
                decimal(min as f64, 0)
            )
        }
        None => format!(
            "{} orang (sampel minimum menurut tabel Krejcie dan Morgan bergantung pada jumlah penerima layanan; \
             untuk populasi 1.000.000 orang atau lebih paling sedikit 384 orang)",
            decimal(r.respondents as f64, 0)
        ),
    };
    let facts = [
        ("Unit layanan", r.unit.clone()),
        ("Periode survei", juri_core::ikm::period_in_words(&r.period)),
        (
            "Metode",
            "Peraturan Menteri PANRB Nomor 14 Tahun 2017: sembilan unsur pelayanan, jawaban 1–4, \
             bobot setiap unsur 1/9, nilai konversi = IKM × 25"
                .to_string(),
        ),
        ("Jumlah responden", sample),
    ];
    let mut t = Table::new(
        vec![Column::new(110.0, Align::Left), Column::new(8.0, Align::Left), Column::new(0.0, Align::Left)],
        BODY.sized(10.0),
    );
    t.columns[2].width = flow.width() - 118.0;
    t.grid = false;
    t.top_aligned = true;
    t.pad_x = 0.0;
    t.pad_y = 1.5;
    t.rows = facts.iter().map(|(l, v)| Row::new(vec![Cell::new(*l), Cell::new(":"), Cell::new(v.clone())])).collect();
    flow.table_at(0.0, &t);
}

/// The respondents' profile as imported (gender, age, education, occupation): each answer with its
/// count and share. Left out when the file had no profile columns.
fn profile(flow: &mut Flow, groups: &[juri_core::ikm::ProfileGroup], respondents: u32) {
    if groups.is_empty() {
        return;
    }
    flow.space(10.0);
    flow.paragraph("Profil responden", BODY.bold(), Align::Left);
    flow.space(3.0);
    let mut t = Table::new(
        vec![
            Column::new(110.0, Align::Left),
            Column::new(0.0, Align::Left),
            Column::new(56.0, Align::Right),
            Column::new(64.0, Align::Right),
        ],
        TABLE.sized(9.0),
    );
    t.columns[1].width = flow.width() - t.width();
    t.header = vec![Row::new(["Karakteristik", "Kategori", "Jumlah", "Persentase"].map(Cell::new).to_vec()).fill(0.88)];
    for g in groups {
        for (i, (label, n)) in g.counts.iter().enumerate() {
            let share = 100.0 * *n as f64 / respondents.max(1) as f64;
            t.rows.push(Row::new(vec![
                if i == 0 { Cell::new(g.name).style(TABLE.sized(9.0).bold()) } else { Cell::new("") },
                label.clone().into(),
                decimal(*n as f64, 0).into(),
                format!("{}%", decimal(share, 1)).into(),
            ]));
        }
    }
    flow.table(&t);
}

/// A. NRR, NRR × 1/9, conversion and grade per unsur, and the index.
fn unsur_table(flow: &mut Flow, r: &IkmResult) {
    flow.space(10.0);
    flow.paragraph("A. Nilai per Unsur Pelayanan", BODY.bold(), Align::Left);
    flow.space(3.0);
    let mut t = Table::new(
        vec![
            Column::new(24.0, Align::Center),
            Column::new(0.0, Align::Left),
            Column::new(48.0, Align::Right),
            Column::new(44.0, Align::Right),
            Column::new(56.0, Align::Right),
            Column::new(52.0, Align::Right),
            Column::new(34.0, Align::Center),
        ],
        TABLE.sized(9.0),
    );
    t.columns[1].width = flow.width() - t.width();
    t.header = vec![
        Row::new(["No", "Unsur Pelayanan", "Jawaban", "NRR", "NRR × 1/9", "Konversi", "Mutu"].map(Cell::new).to_vec())
            .fill(0.88),
    ];
    for (i, u) in r.unsur.iter().enumerate() {
        let (nrr, weighted, konv, mutu) = match u.nrr {
            // NRR to three decimals: NRR × 1/9 (four) follows from the printed NRR.
            Some(n) => (decimal(n, 3), decimal(n / 9.0, 4), n2(n * 25.0), band(n * 25.0).0.to_string()),
            None => ("–".into(), "–".into(), "–".into(), "–".into()),
        };
        t.rows.push(Row::new(vec![
            (i + 1).to_string().into(),
            format!("{} {}", u.code, u.name).into(),
            decimal(u.answers as f64, 0).into(),
            nrr.into(),
            weighted.into(),
            konv.into(),
            mutu.into(),
        ]));
    }
    let bold = TABLE.sized(9.0).bold();
    t.rows.push(
        Row::new(vec![
            Cell::new("Indeks Kepuasan Masyarakat (IKM)").span(3).style(bold).align(Align::Left),
            Cell::new(decimal(r.ikm, 4)).span(2).style(bold).align(Align::Right),
            Cell::new(n2(r.konversi)).style(bold),
            Cell::new(r.band.clone()).style(bold),
        ])
        .fill(0.95),
    );
    flow.table(&t);
    flow.space(3.0);
    flow.paragraph(
        "NRR = jumlah nilai jawaban ÷ jumlah responden yang menjawab unsur tersebut. Mutu: A (Sangat Baik) \
         88,31–100,00; B (Baik) 76,61–88,30; C (Kurang Baik) 65,00–76,60; D (Tidak Baik) 25,00–64,99, \
         ditetapkan dari nilai konversi yang dibulatkan dua angka di belakang koma.",
        SMALL,
        Align::Justify,
    );
}

/// B. The conclusion, with the weakest unsur.
fn conclusion(flow: &mut Flow, r: &IkmResult) {
    flow.space(10.0);
    flow.ensure(BODY.line_height() * 6.0);
    flow.paragraph("B. Kesimpulan", BODY.bold(), Align::Left);
    flow.space(3.0);
    flow.paragraph(
        &format!(
            "Nilai IKM {} pada {} adalah {} dengan nilai konversi {}, mutu pelayanan {} dan kinerja unit \
             pelayanan {}.",
            r.unit,
            juri_core::ikm::period_in_words(&r.period),
            decimal(r.ikm, 4),
            n2(r.konversi),
            r.band,
            r.label
        ),
        BODY,
        Align::Justify,
    );
    let weakest = r
        .unsur
        .iter()
        .filter_map(|u| u.nrr.map(|n| (u, n)))
        .min_by(|a, b| a.1.partial_cmp(&b.1).unwrap_or(std::cmp::Ordering::Equal));
    if let Some((u, n)) = weakest {
        let (b, label) = band(n * 25.0);
        flow.space(4.0);
        flow.paragraph(
            &format!(
                "Unsur dengan nilai terendah adalah {} {} (NRR {}, konversi {}, mutu {b} – {label}); unsur ini menjadi \
                 prioritas rencana tindak lanjut perbaikan pelayanan.",
                u.code,
                u.name,
                decimal(n, 3),
                n2(n * 25.0)
            ),
            BODY,
            Align::Justify,
        );
    }
}

/// C. The index across periods, as a table and a chart (when there is more than one period).
fn trend_section(flow: &mut Flow, r: &IkmResult, trend: &[IkmResult]) {
    if trend.len() > 1 {
        flow.space(10.0);
        let mut t = Table::new(
            vec![
                Column::new(24.0, Align::Center),
                Column::new(90.0, Align::Left),
                Column::new(70.0, Align::Right),
                Column::new(60.0, Align::Right),
                Column::new(60.0, Align::Right),
                Column::new(40.0, Align::Center),
                Column::new(90.0, Align::Left),
            ],
            TABLE.sized(9.0),
        );
        t.header = vec![
            Row::new(["No", "Periode", "Responden", "IKM", "Konversi", "Mutu", "Kinerja"].map(Cell::new).to_vec())
                .fill(0.88),
        ];
        for (i, x) in trend.iter().enumerate() {
            let row = Row::new(vec![
                (i + 1).to_string().into(),
                x.period.clone().into(),
                decimal(x.respondents as f64, 0).into(),
                decimal(x.ikm, 4).into(),
                n2(x.konversi).into(),
                x.band.clone().into(),
                x.label.clone().into(),
            ]);
            t.rows.push(if x.period == r.period { row.fill(0.95) } else { row });
        }
        let chart_h = 130.0;
        flow.ensure(BODY.line_height() * 2.0 + t.height() + chart_h + 12.0);
        flow.paragraph("C. Perkembangan IKM antarperiode", BODY.bold(), Align::Left);
        flow.space(3.0);
        flow.table_at(0.0, &t);
        flow.space(8.0);
        let chart = BarChart {
            series: vec![Series { name: "Nilai konversi".into(), gray: 0.45 }],
            groups: trend.iter().map(|x| (x.period.clone(), vec![Some(x.konversi)])).collect(),
            style: Style::new(Face::Regular, 7.0),
            // the conversion's whole scale (0–100, by 25), so every period reads against the bands
            top: Some(100.0),
        };
        let w = (flow.width() * 0.7).min(60.0 * trend.len() as f32 + 60.0);
        flow.keep(chart_h, |page, x, y, _| chart.draw(page, x, y, w, chart_h));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimum_samples_follow_the_krejcie_morgan_table() {
        // Published table values: 100 → 80, 1.000 → 278, 10.000 → 370, 1.000.000 → 384.
        assert_eq!(krejcie_morgan(100), 80);
        // As in the published table (Krejcie & Morgan 1970, Table 1).
        for (population, sample) in [(10, 10), (50, 44), (150, 108), (200, 132), (300, 169), (1200, 291), (5000, 357)] {
            assert_eq!(krejcie_morgan(population), sample, "N = {population}");
        }
        assert_eq!(krejcie_morgan(1000), 278);
        assert_eq!(krejcie_morgan(10_000), 370);
        assert_eq!(krejcie_morgan(1_000_000), 384);
    }
}
