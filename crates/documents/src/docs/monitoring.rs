//! The quarterly monitoring report (*laporan monev*, DOMAIN.md §5–6), overall or for one unit:
//! the status of every monitored innovation, each indicator's realisation against its target, a
//! bar chart per indicator over the quarters, overdue reports, obstacles and follow-up, and (overall)
//! the One Agency One Innovation coverage.

use juri_core::documents_settings::{DocumentSettings, load_document_settings, load_logo};
use juri_core::format_id::{self, decimal, roman};
use juri_core::monitoring::{
    self as mon, Dashboard, DashboardQuery, IndicatorKind, IndicatorSeries, InnovationQuarterStatus, QuarterStatus,
};
use juri_core::text::match_key;
use rusqlite::Connection;

use crate::error::{DocError, Result};
use crate::layout::{Align, BarChart, Cell, Column, Flow, Margins, PageSize, Row, Series, Style, Table};
use crate::parts::{self, BODY, SMALL, SignatureBlock, TABLE, TITLE};
use crate::render::{Picture, render};

/// Which report: the quarter, the day it is looked at (for what is overdue) and optionally one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitoringOptions {
    pub year: i32,
    pub quarter: u8,
    /// YYYY-MM-DD; also the date above the signature.
    pub today: String,
    /// A unit name or code; None = every unit.
    pub unit: Option<String>,
}

/// The letterhead and signatories: those of the active competition (the organiser's settings),
/// else of the newest competition, else blanks for the clerk.
pub fn letterhead(conn: &Connection) -> Result<(DocumentSettings, Option<Picture>)> {
    let id = match juri_core::competition::active_competition(conn)? {
        Some(id) => Some(id),
        None => juri_core::competition::list_competitions(conn)?.into_iter().next().map(|c| c.id),
    };
    let Some(id) = id else { return Ok((DocumentSettings::default(), None)) };
    let settings = load_document_settings(conn, &id)?;
    let logo = match load_logo(conn, &id)? {
        Some(bytes) => Some(Picture::decode(&bytes)?),
        None => None,
    };
    Ok((settings, logo))
}

/// "Triwulan III Tahun 2026".
pub fn quarter_long(year: i32, quarter: u8) -> String {
    format!("Triwulan {} Tahun {year}", roman(quarter as u32))
}

/// "TW III 2026".
pub fn quarter_short(year: i32, quarter: u8) -> String {
    format!("TW {} {year}", roman(quarter as u32))
}

/// How the report names a status.
pub fn status_label(s: QuarterStatus) -> &'static str {
    match s {
        QuarterStatus::OnTrack => "Sesuai target",
        QuarterStatus::Behind => "Di bawah target",
        QuarterStatus::ReportMissing => "Laporan belum masuk",
        QuarterStatus::NotYetDue => "Belum jatuh tempo",
    }
}

pub fn kind_label(k: IndicatorKind) -> &'static str {
    match k {
        IndicatorKind::Output => "Output",
        IndicatorKind::Kemanfaatan => "Kemanfaatan",
        IndicatorKind::Keberlanjutan => "Keberlanjutan",
    }
}

fn margins() -> Margins {
    Margins::mm(15.0, 18.0, 15.0, 22.0)
}

/// The decimals (0–2) a column needs so that every value in it is written with the same number
/// of them ("80,0" beside "81,5", never "80" beside "81,5").
fn places(values: impl IntoIterator<Item = f64>) -> usize {
    values
        .into_iter()
        .map(|v| {
            let hundredths = (v.abs() * 100.0).round() as i64;
            if hundredths % 10 != 0 {
                2
            } else if hundredths % 100 != 0 {
                1
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
}

/// A value of a column written with the column's `places`, or a dash.
fn in_column(v: Option<f64>, places: usize) -> String {
    v.map(|v| decimal(v, places)).unwrap_or_else(|| "–".into())
}

fn date(iso: &str) -> String {
    parts::date_or_blank(iso.get(..10).unwrap_or(iso))
}

fn heading(flow: &mut Flow, text: &str) {
    flow.space(8.0);
    flow.ensure(BODY.line_height() * 4.0);
    flow.paragraph(text, BODY.bold(), Align::Left);
    flow.space(3.0);
}

/// Keeps what belongs to `unit` (name or code, loose match); everything when None.
fn unit_matches(unit: &Option<(String, String)>, name: &str) -> bool {
    match unit {
        None => true,
        Some((n, _)) => match_key(n) == match_key(name),
    }
}

/// What the sections of the monev report read.
struct Report<'a> {
    conn: &'a Connection,
    opts: &'a MonitoringOptions,
    dash: &'a Dashboard,
    statuses: Vec<&'a InnovationQuarterStatus>,
    /// The unit asked for, as (name, code) from the unit list.
    unit: Option<(String, String)>,
    quarter: String,
}

/// The unit asked for (name or code on the unit list), as (name, code); None for all units.
fn find_unit(conn: &Connection, opts: &MonitoringOptions) -> Result<Option<(String, String)>> {
    Ok(match opts.unit.as_deref().map(str::trim).filter(|u| !u.is_empty()) {
        None => None,
        Some(u) => {
            let units = mon::list_units(conn)?;
            let found = units.iter().find(|x| match_key(&x.code) == match_key(u) || match_key(&x.name) == match_key(u));
            match found {
                Some(x) => Some((x.name.clone(), x.code.clone())),
                None => {
                    return Err(DocError::Core(juri_core::Error::NotFound {
                        what: juri_core::error::Entity::Unit,
                        key: u.to_string(),
                    }));
                }
            }
        }
    })
}

pub fn monitoring_pdf(conn: &Connection, opts: &MonitoringOptions) -> Result<Vec<u8>> {
    juri_core::laptop::require_organiser(conn, juri_core::laptop::OrganiserTask::Documents)?;
    let query = DashboardQuery {
        today: opts.today.clone(),
        year: Some(opts.year),
        quarter: Some(opts.quarter),
        innovation_id: None,
    };
    let dash: Dashboard = mon::dashboard(conn, &query)?;
    let unit = find_unit(conn, opts)?;
    let statuses: Vec<&InnovationQuarterStatus> =
        dash.statuses.iter().filter(|s| unit_matches(&unit, &s.unit)).collect();
    if statuses.is_empty() {
        return Err(DocError::Empty("no monitored innovations"));
    }
    let (settings, logo) = letterhead(conn)?;
    let quarter = quarter_long(opts.year, opts.quarter);
    let r = Report { conn, opts, dash: &dash, statuses, unit, quarter };
    let mut flow = Flow::new(PageSize::A4_PORTRAIT, margins());
    intro(&mut flow, &r, &settings, logo.as_ref());
    summary(&mut flow, &r);
    status_table(&mut flow, &r);
    indicator_table(&mut flow, &r);
    charts(&mut flow, &r);
    overdue(&mut flow, &r);
    obstacles(&mut flow, &r)?;
    units_without(&mut flow, &r);
    flow.space(14.0);
    let signer = parts::organiser_signer(&settings);
    let date = Some(parts::place_date(&settings.place, &opts.today));
    // A unit's own report is signed by its head, the Kabag knowing it ("Mengetahui").
    match r.unit.as_ref().and_then(|(name, code)| settings.unit_head(code, name)) {
        Some(head) => {
            let mut knows = SignatureBlock::of(&signer, None);
            knows.above.insert(0, "Mengetahui,".into());
            // the date line goes above both blocks' first lines, on the right
            let mut unit_block = SignatureBlock::of(head, None);
            unit_block.above.insert(0, date.clone().unwrap_or_default());
            knows.above.insert(0, String::new());
            parts::sign_two(&mut flow, &knows, &unit_block, BODY);
        }
        None => parts::sign_right(&mut flow, &SignatureBlock::of(&signer, date), BODY),
    }
    let pictures: Vec<&Picture> = logo.iter().collect();
    let title = format!("Laporan Monitoring Inovasi {}", quarter_short(opts.year, opts.quarter));
    let id = format!("Laporan monev {}", quarter_short(opts.year, opts.quarter));
    Ok(render(&title, &flow.finish_with_id(&id), &pictures))
}

/// The letterhead, the title and the opening paragraph.
fn intro(flow: &mut Flow, r: &Report, settings: &DocumentSettings, logo: Option<&Picture>) {
    parts::kop(flow, &settings.kop_lines, &settings.kop_address, logo.map(|p| (0, p.aspect())));
    flow.paragraph("LAPORAN MONITORING DAN EVALUASI INOVASI DAERAH", TITLE.sized(13.0), Align::Center);
    flow.paragraph(&r.quarter.to_uppercase(), TITLE, Align::Center);
    if let Some((name, code)) = &r.unit {
        let label = if code.is_empty() { name.clone() } else { format!("{name} ({code})") };
        flow.paragraph(&label, BODY, Align::Center);
    }
    flow.space(10.0);
    let due = r.statuses.first().map(|s| date(&s.due_date)).unwrap_or_default();
    flow.paragraph(
        &format!(
            "Laporan ini memuat hasil pemantauan inovasi daerah {} {}keadaan sampai dengan {}. \
             Laporan triwulan disampaikan paling lambat {} hari setelah akhir triwulan, yaitu tanggal {}.",
            r.quarter,
            r.unit.as_ref().map(|(n, _)| format!("pada {n} ")).unwrap_or_default(),
            date(&r.opts.today),
            r.dash.due_days,
            due
        ),
        BODY,
        Align::Justify,
    );
}

/// A. The counts of the quarter's statuses (and, overall, the One Agency One Innovation coverage).
fn summary(flow: &mut Flow, r: &Report) {
    heading(flow, "A. Ringkasan");
    let count = |s: QuarterStatus| r.statuses.iter().filter(|x| x.status == s).count();
    let mut summary: Vec<(String, String)> = vec![
        ("Inovasi yang dipantau".into(), format!("{} inovasi", r.statuses.len())),
        (status_label(QuarterStatus::OnTrack).into(), count(QuarterStatus::OnTrack).to_string()),
        (status_label(QuarterStatus::Behind).into(), count(QuarterStatus::Behind).to_string()),
        (status_label(QuarterStatus::ReportMissing).into(), count(QuarterStatus::ReportMissing).to_string()),
        (status_label(QuarterStatus::NotYetDue).into(), count(QuarterStatus::NotYetDue).to_string()),
    ];
    if r.unit.is_none() {
        let c = &r.dash.coverage;
        summary.push((
            format!("Cakupan Satu Instansi Satu Inovasi {}", c.year),
            format!("{} dari {} unit ({}%)", c.covered, c.units, decimal(c.percent, 2)),
        ));
    }
    let mut t = Table::new(vec![Column::new(230.0, Align::Left), Column::new(140.0, Align::Right)], TABLE.sized(9.0));
    t.rows = summary.into_iter().map(|(a, b)| Row::new(vec![a.into(), b.into()])).collect();
    flow.table_at(0.0, &t);
}

/// B. Each innovation's status in the quarter.
fn status_table(flow: &mut Flow, r: &Report) {
    heading(flow, &format!("B. Status Inovasi {}", r.quarter));
    let mut t = Table::new(
        vec![
            Column::new(22.0, Align::Center),
            Column::new(46.0, Align::Left),
            Column::new(0.0, Align::Left),
            Column::new(96.0, Align::Left),
            Column::new(78.0, Align::Center),
            Column::new(94.0, Align::Center),
        ],
        TABLE,
    );
    t.columns[2].width = flow.width() - t.width();
    t.header = vec![
        Row::new(["No", "Kode", "Judul Inovasi", "Unit", "Laporan diterima", "Status"].map(Cell::new).to_vec())
            .fill(0.88),
    ];
    for (i, s) in r.statuses.iter().enumerate() {
        let received = match &s.reported_at {
            Some(at) if s.late => format!("{} (terlambat)", date(at)),
            Some(at) => date(at),
            None => "–".into(),
        };
        let mut status = Cell::new(status_label(s.status));
        if matches!(s.status, QuarterStatus::Behind | QuarterStatus::ReportMissing) {
            status = status.style(TABLE.bold());
        }
        t.rows.push(Row::new(vec![
            (i + 1).to_string().into(),
            s.code.clone().into(),
            s.title.clone().into(),
            s.unit.clone().into(),
            received.into(),
            status,
        ]));
    }
    flow.table(&t);
}

/// C. Every indicator's realisation against its target.
fn indicator_table(flow: &mut Flow, r: &Report) {
    heading(flow, "C. Realisasi Indikator terhadap Target");
    let mut t = Table::new(
        vec![
            Column::new(22.0, Align::Center),
            Column::new(0.0, Align::Left),
            Column::new(62.0, Align::Left),
            Column::new(50.0, Align::Right),
            Column::new(50.0, Align::Right),
            Column::new(46.0, Align::Right),
        ],
        TABLE,
    );
    t.columns[1].width = flow.width() - t.width();
    t.header = vec![
        Row::new(["No", "Indikator", "Satuan", "Target", "Realisasi", "Capaian"].map(Cell::new).to_vec()).fill(0.88),
    ];
    let small = TABLE.sized(7.5);
    let all = || r.statuses.iter().flat_map(|s| s.indicators.iter());
    let (target_places, real_places, pct_places) = (
        places(all().filter_map(|i| i.target)),
        places(all().filter_map(|i| i.realisation)),
        places(all().filter_map(|i| i.achievement)),
    );
    for s in &r.statuses {
        t.rows.push(
            Row::new(vec![
                Cell::new(format!("{} — {}", s.code, s.title)).span(6).style(TABLE.bold()).align(Align::Left),
            ])
            .fill(0.95),
        );
        for (k, ind) in s.indicators.iter().enumerate() {
            t.rows.push(Row::new(vec![
                (k + 1).to_string().into(),
                Cell::new(ind.name.clone()).note(kind_label(ind.kind), small),
                ind.measure.clone().into(),
                in_column(ind.target, target_places).into(),
                in_column(ind.realisation, real_places).into(),
                ind.achievement.map(|a| format!("{}%", decimal(a, pct_places))).unwrap_or_else(|| "–".into()).into(),
            ]));
        }
    }
    flow.table(&t);
    flow.space(3.0);
    flow.paragraph("Capaian = realisasi ÷ target × 100%.", SMALL, Align::Left);
}

/// D. Two charts a row, each an indicator's target and realisation per quarter of the year.
fn charts(flow: &mut Flow, r: &Report) {
    let ids: Vec<&str> = r.statuses.iter().map(|s| s.innovation_id.as_str()).collect();
    let series: Vec<&IndicatorSeries> = r
        .dash
        .progress
        .iter()
        .filter(|p| ids.contains(&p.innovation_id.as_str()) && p.points.iter().any(|pt| pt.year == r.opts.year))
        .collect();
    if !series.is_empty() {
        heading(flow, &format!("D. Grafik Target dan Realisasi Tahun {}", r.opts.year));
        let gap = 16.0;
        let w = (flow.width() - gap) / 2.0;
        let title_style = Style::new(crate::fonts::Face::Bold, 8.0);
        let h = 150.0;
        for pair in series.chunks(2) {
            let titles: Vec<Vec<String>> = pair
                .iter()
                .map(|p| {
                    let measure = if p.measure.is_empty() { String::new() } else { format!(" ({})", p.measure) };
                    crate::layout::wrap(title_style, &format!("{} · {}{measure}", p.innovation_code, p.name), w)
                })
                .collect();
            let title_lines = titles.iter().map(Vec::len).max().unwrap_or(1) as f32;
            let block = title_lines * title_style.line_height() + 4.0 + h + 10.0;
            flow.keep(block, |page, x, y, _| {
                for (i, p) in pair.iter().enumerate() {
                    let cx = x + i as f32 * (w + gap);
                    let mut ty = y;
                    for line in &titles[i] {
                        page.line_of_text((cx, w), ty, title_style, Align::Left, line, true);
                        ty += title_style.line_height();
                    }
                    let chart = BarChart {
                        series: vec![
                            Series { name: "Target".into(), gray: 0.85 },
                            Series { name: "Realisasi".into(), gray: 0.35 },
                        ],
                        groups: p
                            .points
                            .iter()
                            .filter(|pt| pt.year == r.opts.year)
                            .map(|pt| (format!("TW {}", roman(pt.quarter as u32)), vec![pt.target, pt.realisation]))
                            .collect(),
                        style: Style::new(crate::fonts::Face::Regular, 7.0),
                        top: None,
                    };
                    chart.draw(page, cx, y + title_lines * title_style.line_height() + 4.0, w, h);
                }
            });
        }
    }
}

/// E. Every report still missing after its due day (all quarters up to today).
fn overdue(flow: &mut Flow, r: &Report) {
    let overdue: Vec<_> = r.dash.overdue.iter().filter(|o| unit_matches(&r.unit, &o.unit)).collect();
    heading(flow, "E. Laporan yang Belum Masuk setelah Jatuh Tempo");
    if overdue.is_empty() {
        flow.paragraph("Tidak ada laporan yang terlambat.", BODY, Align::Left);
    } else {
        let mut t = Table::new(
            vec![
                Column::new(22.0, Align::Center),
                Column::new(46.0, Align::Left),
                Column::new(0.0, Align::Left),
                Column::new(100.0, Align::Left),
                Column::new(56.0, Align::Center),
                Column::new(66.0, Align::Center),
                Column::new(46.0, Align::Right),
            ],
            TABLE,
        );
        t.columns[2].width = flow.width() - t.width();
        t.header = vec![
            Row::new(
                ["No", "Kode", "Judul Inovasi", "Unit", "Triwulan", "Jatuh tempo", "Terlambat (hari)"]
                    .map(Cell::new)
                    .to_vec(),
            )
            .fill(0.88),
        ];
        for (i, o) in overdue.iter().enumerate() {
            t.rows.push(Row::new(vec![
                (i + 1).to_string().into(),
                o.code.clone().into(),
                o.title.clone().into(),
                o.unit.clone().into(),
                quarter_short(o.year, o.quarter).into(),
                date(&o.due_date).into(),
                o.days_overdue.to_string().into(),
            ]));
        }
        flow.table(&t);
    }
}

/// F. Obstacles and follow-up from the quarter's reports.
fn obstacles(flow: &mut Flow, r: &Report) -> Result<()> {
    let mut notes = Vec::new();
    for s in &r.statuses {
        let detail = mon::innovation_detail(r.conn, &s.innovation_id)?;
        if let Some(q) = detail.reports.iter().find(|q| q.year == r.opts.year && q.quarter == r.opts.quarter)
            && (!q.obstacles.trim().is_empty() || !q.follow_up.trim().is_empty())
        {
            notes.push((s.code.clone(), s.title.clone(), q.obstacles.clone(), q.follow_up.clone()));
        }
    }
    if !notes.is_empty() {
        heading(flow, "F. Kendala dan Tindak Lanjut");
        let mut t = Table::new(
            vec![Column::new(0.0, Align::Left), Column::new(150.0, Align::Left), Column::new(150.0, Align::Left)],
            TABLE,
        );
        t.columns[0].width = flow.width() - 300.0;
        t.top_aligned = true;
        t.header = vec![Row::new(["Inovasi", "Kendala", "Tindak lanjut"].map(Cell::new).to_vec()).fill(0.88)];
        for (code, title, obstacles, follow) in notes {
            t.rows.push(Row::new(vec![
                format!("{code} — {title}").into(),
                parts::or_blank(&obstacles).replace(parts::BLANK, "–").into(),
                parts::or_blank(&follow).replace(parts::BLANK, "–").into(),
            ]));
        }
        flow.table(&t);
    }
    Ok(())
}

/// G. The units without an innovation (overall report only).
fn units_without(flow: &mut Flow, r: &Report) {
    if r.unit.is_none() && !r.dash.coverage.without.is_empty() {
        heading(flow, &format!("G. Unit yang Belum Memiliki Inovasi Tahun {}", r.dash.coverage.year));
        let list: Vec<String> = r
            .dash
            .coverage
            .without
            .iter()
            .map(|u| if u.code.is_empty() { u.name.clone() } else { format!("{} ({})", u.name, u.code) })
            .collect();
        for (i, u) in list.iter().enumerate() {
            flow.numbered(&format!("{}.", i + 1), 18.0, u, BODY, Align::Left);
        }
    }
}

/// "23 November 2026" for an ISO day; re-exported for the IKM report.
pub(crate) fn long_date(iso: &str) -> String {
    juri_core::documents_settings::parse_date(iso).map(format_id::date_long).unwrap_or_else(|| iso.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_numbers_as_printed() {
        assert_eq!(quarter_long(2026, 3), "Triwulan III Tahun 2026");
        assert_eq!(quarter_short(2026, 4), "TW IV 2026");
        assert_eq!(in_column(Some(1875.0), 0), "1.875");
        // One column, one number of decimals.
        assert_eq!(places([80.0, 81.5]), 1);
        assert_eq!(places([80.0, 81.25, 3.0]), 2);
        assert_eq!(places([1000.0, 760.0]), 0);
        assert_eq!(in_column(Some(80.0), places([80.0, 81.5])), "80,0");
        assert_eq!(in_column(None, 1), "–");
        assert_eq!(long_date("2026-11-23"), "23 November 2026");
    }
}
