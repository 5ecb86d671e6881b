//! The monitoring workbook: the unit list, registry, targets, reports and evaluations as sheets
//! whose columns re-import with `juri import innovations|targets|reports` (each sheet saved alone).

use juri_core::monitoring as mon;
use juri_core::rusqlite::Connection;

use crate::error::Result;

/// The workbook's bytes (.xlsx).
pub fn monitoring_workbook(conn: &Connection) -> Result<Vec<u8>> {
    juri_core::laptop::require_organiser(conn, juri_core::laptop::OrganiserTask::Documents)?;
    let mut book = rust_xlsxwriter::Workbook::new();
    let mut sheet = |name: &str, head: &[&str], rows: Vec<Vec<Cell>>| -> Result<()> {
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
    };
    let units = mon::list_units(conn)?;
    sheet(
        "unit",
        &["kode", "nama", "jenis_unit", "inovasi"],
        units.iter().map(|u| vec![t(&u.code), t(&u.name), t(&u.unit_type), Cell::Num(u.innovations as f64)]).collect(),
    )?;
    let innovations = mon::list_innovations(conn, &mon::InnovationFilter::default())?;
    sheet(
        "inovasi",
        &["kode", "judul", "unit", "jenis_unit", "kode_unit", "tahun_mulai", "deskripsi", "tahapan"],
        innovations
            .iter()
            .map(|i| {
                vec![
                    t(&i.code),
                    t(&i.title),
                    t(&i.unit),
                    t(&i.unit_type),
                    t(&i.unit_code),
                    i.start_year.map(|y| Cell::Num(y as f64)).unwrap_or(Cell::Empty),
                    t(&i.description),
                    t(i.stage.as_str()),
                ]
            })
            .collect(),
    )?;
    let mut targets = Vec::new();
    let mut reports = Vec::new();
    let mut evaluations = Vec::new();
    for i in &innovations {
        let indicators = mon::list_indicators(conn, &i.id)?;
        for d in &indicators {
            for q in &d.targets {
                targets.push(vec![
                    t(&i.code),
                    t(&d.name),
                    t(d.kind.as_str()),
                    t(&d.measure),
                    t(&d.kontrak_kinerja),
                    Cell::Num(q.year as f64),
                    Cell::Num(q.quarter as f64),
                    Cell::Num(q.target),
                ]);
            }
        }
        for r in mon::list_reports(conn, &i.id)? {
            for v in &r.values {
                let name = indicators.iter().find(|d| d.id == v.indicator_id).map(|d| d.name.as_str()).unwrap_or("");
                reports.push(vec![
                    t(&i.code),
                    Cell::Num(r.year as f64),
                    Cell::Num(r.quarter as f64),
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
            evaluations.push(vec![
                t(&i.code),
                t(&e.period),
                t(e.verdict.as_str()),
                t(&e.recommendation),
                t(&e.evaluated_by),
                t(&e.evaluated_at),
            ]);
        }
    }
    sheet(
        "target",
        &["kode_inovasi", "indikator", "jenis", "satuan", "kontrak_kinerja", "tahun", "triwulan", "target"],
        targets,
    )?;
    sheet(
        "laporan",
        &[
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
        ],
        reports,
    )?;
    sheet("evaluasi", &["kode_inovasi", "periode", "hasil", "rekomendasi", "evaluator", "tanggal"], evaluations)?;

    // IKM: the index of every survey, then every respondent in the columns of FORMATS.md §7.
    let mut surveys = Vec::new();
    for sv in juri_core::ikm::list_ikm_surveys(conn)? {
        let r = juri_core::ikm::ikm_for(conn, &sv.unit, &sv.period)?;
        let mut row = vec![t(&r.unit), t(&r.period), Cell::Num(r.respondents as f64)];
        row.extend(r.unsur.iter().map(|u| u.nrr.map(Cell::Num).unwrap_or(Cell::Empty)));
        row.extend([Cell::Num(r.ikm), Cell::Num(r.konversi), t(&r.band), t(&r.label)]);
        surveys.push(row);
    }
    let mut head = vec!["unit", "periode", "responden"];
    head.extend(["nrr_u1", "nrr_u2", "nrr_u3", "nrr_u4", "nrr_u5", "nrr_u6", "nrr_u7", "nrr_u8", "nrr_u9"]);
    head.extend(["ikm", "konversi", "mutu", "kinerja"]);
    sheet("ikm", &head, surveys)?;
    let mut stmt = conn.prepare(
        "SELECT unit, period, u1, u2, u3, u4, u5, u6, u7, u8, u9, gender, age, education, occupation
         FROM ikm_response ORDER BY unit_key, period, row_number, id",
    )?;
    let respondents = stmt
        .query_map([], |r| {
            let mut row = vec![t(&r.get::<_, String>(0)?), t(&r.get::<_, String>(1)?)];
            for i in 2..11 {
                row.push(r.get::<_, Option<i64>>(i)?.map(|a| Cell::Num(a as f64)).unwrap_or(Cell::Empty));
            }
            for i in 11..15 {
                row.push(t(&r.get::<_, String>(i)?));
            }
            Ok(row)
        })?
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let head = [
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
    sheet("ikm_responden", &head, respondents)?;
    Ok(book.save_to_buffer()?)
}

enum Cell {
    Text(String),
    Num(f64),
    Empty,
}

fn t(s: &str) -> Cell {
    Cell::Text(s.to_string())
}
