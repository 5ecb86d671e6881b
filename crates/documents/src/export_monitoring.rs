//! The monitoring workbook: the unit list, registry, targets, reports and evaluations as sheets
//! whose columns re-import with `juri import innovations|targets|reports` (each sheet saved alone).

use juri_core::monitoring as mon;
use juri_core::rusqlite::Connection;

use crate::error::Result;

/// The workbook's bytes (.xlsx).
pub fn monitoring_workbook(conn: &Connection) -> Result<Vec<u8>> {
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
