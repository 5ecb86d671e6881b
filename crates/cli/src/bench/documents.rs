//! `juri pdf bench`: the documents at scale on generated data, for BENCHMARKS.md (run in release):
//! certificates in one PDF, a recap of thousands of rows, the XLSX export of 324,000 scores.

use std::time::Instant;

use juri_core::competition::{create_competition, template_setup};
use juri_core::db::Db;
use juri_core::ids;
use juri_core::proposals::Actor;
use juri_core::scoring::store::ScoreContext;
use juri_documents::{DocData, DocError, Recipients};

const UNITS: [&str; 6] = [
    "Dinas Kesehatan",
    "Puskesmas Karangsari",
    "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
    "Desa Mekarjaya",
    "Perumda Air Minum Tirta Sukamaju",
    "Kecamatan Karangsari",
];

fn proposals_csv(n: usize) -> String {
    let mut csv = String::from("kode,judul,kategori,unit,inovator\n");
    for i in 0..n {
        let title = if i % 7 == 0 {
            format!(
                "LAYANAN TERPADU {i} (Pelayanan Administrasi Kependudukan, Kesehatan Ibu dan Anak serta Perizinan Usaha Mikro Terpadu di Desa)"
            )
        } else {
            format!("INOVASI {i} (Layanan Jemput Bola Terpadu)")
        };
        let innovator = if i % 3 == 0 { "\"dr. Maya Anggraini, Sp.PD.\"" } else { "" };
        csv.push_str(&format!(
            "P-{:04},\"{title}\",{},{},{innovator}\n",
            i + 1,
            ["TK", "KS", "PM", "LH"][i % 4],
            UNITS[i % 6]
        ));
    }
    csv
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A fresh database with one competition (`template`), `n` proposals and `judges` judges.
fn database(dir: &std::path::Path, template: &str, n: usize, judges: usize) -> Result<(Db, String), DocError> {
    let mut db = Db::open(&dir.join("bench.sqlite3"))?;
    let now = ids::now();
    let mut setup = template_setup(template, "Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2026", 2026)?;
    setup.organiser = "Bagian Organisasi Setda Kabupaten Sukamaju".into();
    setup.place = "Sukamaju".into();
    let comp = db.write(|tx| create_competition(tx, setup, &now))?;
    let csv = proposals_csv(n);
    db.write(|tx| {
        juri_core::import::import_proposals(tx, &comp, csv.as_bytes(), &Actor::new("bench"), &now, &mut |_, _| true)
    })?;
    let mut jcsv = String::from("kode,nama,nip\n");
    for j in 1..=judges {
        jcsv.push_str(&format!("J{j},\"Dr. Juri Nomor {j}, M.Si.\",19700822199503100{}\n", j % 10));
    }
    db.write(|tx| juri_core::import::import_judges(tx, &comp, jcsv.as_bytes(), &now))?;
    Ok((db, comp))
}

fn import_scores(db: &mut Db, comp: &str, csv: &str) -> Result<f64, DocError> {
    let ctx = ScoreContext { actor: "bench".into(), device: "bench".into(), now: ids::now() };
    let t = Instant::now();
    db.write(|tx| juri_core::import::import_scores(tx, comp, csv.as_bytes(), &ctx))?;
    Ok(ms(t))
}

pub fn run(certificates: usize, rows: usize, xlsx_proposals: usize) -> Result<(), DocError> {
    // 1. Certificates: no scores yet, so everyone who took part gets a sertifikat.
    let dir = tempfile::tempdir()?;
    let (db, comp) = database(dir.path(), "kabupaten", certificates, 5)?;
    let t = Instant::now();
    let data = DocData::load(db.conn(), &comp)?;
    let load = ms(t);
    let mut times = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        pdf = juri_documents::certificates_pdf(&data, Recipients::Participants)?;
        times.push(ms(t));
    }
    println!(
        "certificates: {certificates} pages in one PDF, {:.0} KB; data load {load:.0} ms; PDF median {:.0} ms over 3 runs (goal < 1.500 ms, < 3 MB)",
        pdf.len() as f64 / 1024.0,
        median(times)
    );

    // 2. Recap of `rows` proposals: one desk stage of seven criteria, five judges.
    let dir = tempfile::tempdir()?;
    let (mut db, comp) = database(dir.path(), "kipp-proposal", rows, 5)?;
    let crits =
        ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    for p in 0..rows {
        for j in 1..=5 {
            for (k, c) in crits.iter().enumerate() {
                let v = ((p * 7 + j * 13 + k * 3) % 60) as f64 + 40.0;
                csv.push_str(&format!("proposal,P-{:04},J{j},{c},{v}\n", p + 1));
            }
        }
    }
    let import = import_scores(&mut db, &comp, &csv)?;
    let t = Instant::now();
    let data = DocData::load(db.conn(), &comp)?;
    let load = ms(t);
    let mut times = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        pdf = juri_documents::recap_pdf(&data, None)?;
        times.push(ms(t));
    }
    println!(
        "recap: {rows} rows × 5 judges ({} scores imported in {import:.0} ms); data load with ranking {load:.0} ms; PDF median {:.0} ms over 3 runs, {:.0} KB (goal < 1.000 ms)",
        rows * 35,
        median(times),
        pdf.len() as f64 / 1024.0
    );

    // 3. XLSX of proposals × 9 judges × 2 stages × 6 criteria scores.
    let dir = tempfile::tempdir()?;
    let mut db = Db::open(&dir.path().join("bench.sqlite3"))?;
    let now = ids::now();
    let comp = db.write(|tx| create_competition(tx, crate::bench::scale_setup(), &now))?;
    let pcsv = proposals_csv(xlsx_proposals);
    db.write(|tx| {
        juri_core::import::import_proposals(tx, &comp, pcsv.as_bytes(), &Actor::new("bench"), &now, &mut |_, _| true)
    })?;
    let mut jcsv = String::from("kode,nama\n");
    for j in 1..=9 {
        jcsv.push_str(&format!("J{j},Juri {j}\n"));
    }
    db.write(|tx| juri_core::import::import_judges(tx, &comp, jcsv.as_bytes(), &now))?;
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    let mut n = 0;
    for p in 0..xlsx_proposals {
        for j in 1..=9 {
            for st in ["proposal", "presentasi"] {
                for k in 0..6 {
                    let v = ((p * 7 + j * 13 + k * 3 + st.len()) % 80) as f64 + 20.0;
                    csv.push_str(&format!("{st},P-{:04},J{j},k{k},{v}\n", p + 1));
                    n += 1;
                }
            }
        }
    }
    let import = import_scores(&mut db, &comp, &csv)?;
    let t = Instant::now();
    let data = DocData::load(db.conn(), &comp)?;
    let load = ms(t);
    let t = Instant::now();
    let book = juri_documents::export::workbook_xlsx(db.conn(), &data)?;
    let all = ms(t);
    let t = Instant::now();
    let scores = juri_documents::export::scores_xlsx(db.conn(), &data)?;
    let only = ms(t);
    println!(
        "xlsx: {n} scores (imported in {import:.0} ms); data load {load:.0} ms; whole workbook (proposals, judges, scores, recap per stage and category) {all:.0} ms, {:.1} MB; scores sheet alone {only:.0} ms, {:.1} MB",
        book.len() as f64 / 1_048_576.0,
        scores.len() as f64 / 1_048_576.0
    );
    Ok(())
}
