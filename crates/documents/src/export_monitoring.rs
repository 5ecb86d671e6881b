//! The monitoring workbook: the unit list, registry, targets, reports and evaluations as sheets
//! whose columns re-import with `juri import innovations|targets|reports` (each sheet saved alone),
//! then the IKM surveys and their respondents.

use juri_core::monitoring::{self as mon, Innovation};
use juri_core::rusqlite::Connection;
use rust_xlsxwriter::Workbook;

use crate::error::Result;

/// The workbook's bytes (.xlsx).
pub fn monitoring_workbook(conn: &Connection) -> Result<Vec<u8>> {
    juri_core::laptop::require_organiser(conn, juri_core::laptop::OrganiserTask::Documents)?;
    let mut book = Workbook::new();
    let units = mon::list_units(conn)?;
    let rows = units.iter().map(|u| vec![t(&u.code), t(&u.name), t(&u.unit_type), n(u.innovations)]).collect();
    sheet(&mut book, "unit", &["kode", "nama", "jenis_unit", "inovasi"], rows)?;
    let innovations = mon::list_innovations(conn, &mon::InnovationFilter::default())?;
    sheet(&mut book, "inovasi", &INNOVATION_HEAD, innovations.iter().map(innovation_row).collect())?;
    let lines = innovation_lines(conn, &innovations)?;
    sheet(&mut book, "target", &TARGET_HEAD, lines.targets)?;
    sheet(&mut book, "laporan", &REPORT_HEAD, lines.reports)?;
    sheet(&mut book, "evaluasi", &EVALUATION_HEAD, lines.evaluations)?;
    sheet(&mut book, "ikm", &ikm_head(), ikm_surveys(conn)?)?;
    sheet(&mut book, "ikm_responden", &RESPONDENT_HEAD, ikm_respondents(conn)?)?;
    Ok(book.save_to_buffer()?)
}

const INNOVATION_HEAD: [&str; 8] =
    ["kode", "judul", "unit", "jenis_unit", "kode_unit", "tahun_mulai", "deskripsi", "tahapan"];
const TARGET_HEAD: [&str; 8] =
    ["kode_inovasi", "indikator", "jenis", "satuan", "kontrak_kinerja", "tahun", "triwulan", "target"];
const REPORT_HEAD: [&str; 10] = [
    "kode_inovasi",
    "tahun",
    "triwulan",
    "indikator",
    "realisasi",
    "narasi",
    "kendala",
    "tindak_lanjut",
    "pelapor",
    "diterima",
];
const EVALUATION_HEAD: [&str; 6] = ["kode_inovasi", "periode", "hasil", "rekomendasi", "evaluator", "tanggal"];
/// The respondents in the columns of FORMATS.md §7.
const RESPONDENT_HEAD: [&str; 15] = [
    "unit",
    "periode",
    "u1",
    "u2",
    "u3",
    "u4",
    "u5",
    "u6",
    "u7",
    "u8",
    "u9",
    "jenis_kelamin",
    "umur",
    "pendidikan",
    "pekerjaan",
];

fn ikm_head() -> Vec<&'static str> {
    let mut head = vec!["unit", "periode", "responden"];
    head.extend(["nrr_u1", "nrr_u2", "nrr_u3", "nrr_u4", "nrr_u5", "nrr_u6", "nrr_u7", "nrr_u8", "nrr_u9"]);
    head.extend(["ikm", "konversi", "mutu", "kinerja"]);
    head
}

/// One sheet: the header row, then the rows.
fn sheet(book: &mut Workbook, name: &str, head: &[&str], rows: Vec<Vec<Cell>>) -> Result<()> {
    let s = book.add_worksheet().set_name(name)?;
    for (c, h) in head.iter().enumerate() {
        s.write_string(0, c as u16, *h)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                Cell::Text(t) => s.write_string(r, c, t)?,
                Cell::Num(n) => s.write_number(r, c, *n)?,
                Cell::Empty => s,
            };
        }
    }
    Ok(())
}

fn innovation_row(i: &Innovation) -> Vec<Cell> {
    vec![
        t(&i.code),
        t(&i.title),
        t(&i.unit),
        t(&i.unit_type),
        t(&i.unit_code),
        i.start_year.map(n).unwrap_or(Cell::Empty),
        t(&i.description),
        t(i.stage.as_str()),
    ]
}

/// The rows of the target, report and evaluation sheets, innovation by innovation.
#[derive(Default)]
struct InnovationLines {
    targets: Vec<Vec<Cell>>,
    reports: Vec<Vec<Cell>>,
    evaluations: Vec<Vec<Cell>>,
}

fn innovation_lines(conn: &Connection, innovations: &[Innovation]) -> Result<InnovationLines> {
    let mut lines = InnovationLines::default();
    for i in innovations {
        let indicators = mon::list_indicators(conn, &i.id)?;
        for d in &indicators {
            for q in &d.targets {
                let (kind, year, quarter) = (d.kind.as_str(), n(q.year), n(q.quarter));
                lines.targets.push(vec![
                    t(&i.code),
                    t(&d.name),
                    t(kind),
                    t(&d.measure),
                    t(&d.kontrak_kinerja),
                    year,
                    quarter,
                    Cell::Num(q.target),
                ]);
            }
        }
        for r in mon::list_reports(conn, &i.id)? {
            for v in &r.values {
                let name = indicators.iter().find(|d| d.id == v.indicator_id).map(|d| d.name.as_str()).unwrap_or("");
                lines.reports.push(vec![
                    t(&i.code),
                    n(r.year),
                    n(r.quarter),
                    t(name),
                    Cell::Num(v.realisation),
                    t(&r.narrative),
                    t(&r.obstacles),
                    t(&r.follow_up),
                    t(&r.reported_by),
                    t(&r.reported_at),
                ]);
            }
        }
        for e in mon::list_evaluations(conn, &i.id)? {
            let fields = [&i.code, &e.period, e.verdict.as_str(), &e.recommendation, &e.evaluated_by, &e.evaluated_at];
            lines.evaluations.push(fields.into_iter().map(t).collect());
        }
    }
    Ok(lines)
}

/// The index of every IKM survey.
fn ikm_surveys(conn: &Connection) -> Result<Vec<Vec<Cell>>> {
    let mut surveys = Vec::new();
    for sv in juri_core::ikm::list_ikm_surveys(conn)? {
        let r = juri_core::ikm::ikm_for(conn, &sv.unit, &sv.period)?;
        let mut row = vec![t(&r.unit), t(&r.period), n(r.respondents)];
        row.extend(r.unsur.iter().map(|u| u.nrr.map(Cell::Num).unwrap_or(Cell::Empty)));
        row.extend([Cell::Num(r.ikm), Cell::Num(r.konversi), t(&r.band), t(&r.label)]);
        surveys.push(row);
    }
    Ok(surveys)
}

/// Every respondent, answers as numbers.
fn ikm_respondents(conn: &Connection) -> Result<Vec<Vec<Cell>>> {
    let mut stmt = conn.prepare(
        "SELECT unit, period, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation
         FROM ikm_response ORDER BY unit_key, period, row_number, id",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let mut row = vec![t(&r.get::<_, String>(0)?), t(&r.get::<_, String>(1)?)];
            for i in 2..11 {
                row.push(r.get::<_, Option<i64>>(i)?.map(n).unwrap_or(Cell::Empty));
            }
            for i in 11..15 {
                row.push(t(&r.get::<_, String>(i)?));
            }
            Ok(row)
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    Ok(rows)
}

enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}

/// A whole number (a year, a quarter, a count) as a number cell.
fn n(v: impl Into<i64>) -> Cell {
    Cell::Num(v.into() as f64)
}
