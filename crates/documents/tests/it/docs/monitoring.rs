//! The quarterly monitoring report and the IKM report, from the demo's monitored innovations and
//! a survey whose NRR are DOMAIN.md §4.1's worked example (IKM 3,1667 → 79,17 → B).

use juri_core::proposals::Actor;
use juri_documents::{IkmOptions, MonitoringOptions, ikm_pdf, monitoring_pdf};

use crate::support::*;

const UNITS: [(&str, &str, &str); 12] = [
    ("U01", "Dinas Kesehatan", "OPD"),
    ("U02", "Puskesmas Karangsari", "OPD"),
    ("U03", "RSUD Sukamaju", "OPD"),
    ("U04", "Dinas Kependudukan dan Pencatatan Sipil", "OPD"),
    ("U05", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "OPD"),
    ("U06", "Dinas Komunikasi dan Informatika", "OPD"),
    ("U07", "Dinas Lingkungan Hidup", "OPD"),
    ("U08", "Badan Perencanaan Pembangunan Daerah", "OPD"),
    ("U09", "Kecamatan Karangsari", "OPD"),
    ("U10", "Desa Mekarjaya", "Pemdes"),
    ("U11", "Desa Sindangwangi", "Pemdes"),
    ("U12", "Perumda Air Minum Tirta Sukamaju", "BUMD"),
];

/// The demo with its document settings and the four monitored innovations.
fn monitored() -> Demo {
    let mut d = demo(false);
    d.db.write(|tx| juri_core::monitoring::create_sample_monitoring(tx, &UNITS, &Actor::new("uji"), NOW)).unwrap();
    d
}

/// 100 respondents per period; each unsur's NRR is exactly `nrr` (two decimals).
fn survey(unit: &str, period: &str, nrr: [f64; 9]) -> String {
    let mut csv = String::from("unit;periode;u1;u2;u3;u4;u5;u6;u7;u8;u9\n");
    for i in 0..100 {
        let answers: Vec<String> = nrr
            .iter()
            .map(|&n| {
                let (low, k) = if n >= 3.0 {
                    (3, ((n - 3.0) * 100.0).round() as i32)
                } else {
                    (2, ((n - 2.0) * 100.0).round() as i32)
                };
                (if i < k { low + 1 } else { low }).to_string()
            })
            .collect();
        csv.push_str(&format!("{unit};{period};{}\n", answers.join(";")));
    }
    csv
}

const EXAMPLE: [f64; 9] = [3.21, 3.05, 2.98, 3.62, 3.10, 3.27, 3.41, 2.84, 3.02];

fn opts(unit: Option<&str>) -> MonitoringOptions {
    MonitoringOptions { year: 2026, quarter: 3, today: "2026-11-23".into(), unit: unit.map(Into::into) }
}

#[test]
fn the_quarterly_report_lists_status_indicators_overdue_and_coverage() {
    let d = monitored();
    let pdf = d.save("laporan-monev-tw3.pdf", &monitoring_pdf(d.db.conn(), &opts(None)).unwrap());
    assert_a4_with_embedded_fonts(&pdf, false);
    let t = text(&pdf);
    assert!(t.contains("PEMERINTAH KABUPATEN SUKAMAJU"), "kop surat: {t}");
    assert!(t.contains("LAPORAN MONITORING DAN EVALUASI INOVASI DAERAH TRIWULAN III TAHUN 2026"), "{t}");
    assert!(t.contains("keadaan sampai dengan 23 November 2026"), "Indonesian date: {t}");
    assert!(t.contains("paling lambat 10 hari setelah akhir triwulan, yaitu tanggal 10 Oktober 2026"), "{t}");
    // INV-001, INV-004 on track; INV-002 behind (760 of 1.000 litres); INV-003 has no TW III report.
    assert!(
        t.contains("Inovasi yang dipantau 4 inovasi Sesuai target 2 Di bawah target 1 Laporan belum masuk 1"),
        "{t}"
    );
    assert!(t.contains("Cakupan Satu Instansi Satu Inovasi 2026 4 dari 12 unit (33,33%)"), "coverage: {t}");
    let layout = layout_text(&pdf, 1);
    let row = layout.lines().find(|l| l.contains("INV-002")).expect("INV-002 row");
    assert!(row.contains("Di bawah target"), "{row}");
    let lines: Vec<&str> = layout.lines().collect();
    let i = lines.iter().position(|l| l.contains("INV-003")).expect("INV-003 row");
    assert!(lines[i].contains("–"), "no report date: {}", lines[i]);
    let around = lines[i - 1..=i + 1].join(" ");
    assert!(around.contains("Laporan belum") && around.contains("masuk"), "status (in two lines): {around}");
    // a table row whose cells may sit a line above or below (two-line cells are centred)
    let row = |page: &str, needle: &str| -> String {
        let lines: Vec<&str> = page.lines().collect();
        let i = lines.iter().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle} in {page}"));
        lines[i.saturating_sub(1)..(i + 2).min(lines.len())].join(" ")
    };
    let r = row(&layout, "Minyak jelantah terkumpul");
    for cell in ["liter", "1.000", "760", "76,00%"] {
        assert!(r.contains(cell), "decimal comma, thousands dot: {cell} in {r}");
    }
    let r = row(&layout, "Pasien terlayani dalam 60 menit");
    for cell in ["%", "80", "81,5", "101,88%"] {
        assert!(r.contains(cell), "{cell} in {r}");
    }
    assert!(t.contains("D. Grafik Target dan Realisasi Tahun 2026"));
    assert!(t.contains("INV-001 · Pasien mendaftar antrean daring (orang)"), "chart title: {t}");
    // The charts, wherever the pages break: from the chart heading to the end.
    let all: String = (1..=info(&pdf).0).map(|p| layout_text(&pdf, p)).collect();
    let charts = &all[all.find("D. Grafik Target").expect("chart heading")..];
    assert_eq!(
        charts.matches("Realisasi").count(),
        1 + 6,
        "the heading and a legend per chart (six indicators): {charts}"
    );
    assert!(charts.matches("TW III").count() >= 6, "quarters under the bars: {charts}");
    assert!(charts.contains("2.000") && charts.contains("1.500"), "axis with thousands dots: {charts}");
    let r = row(charts, "TW III 2026");
    assert!(r.contains("INV-003") && r.contains("PATEN KELILING") && r.contains(" 44"), "overdue 44 days: {r}");
    assert!(t.contains("Dua bank sampah mitra berhenti mengumpulkan selama musim hujan."), "obstacles: {t}");
    assert!(t.contains("Penjemputan jelantah dari rumah makan dijadwalkan dua minggu sekali."), "follow-up");
    assert!(t.contains("G. Unit yang Belum Memiliki Inovasi Tahun 2026"));
    assert!(t.contains("Dinas Kesehatan (U01)") && t.contains("Desa Mekarjaya (U10)"), "{t}");
    assert!(!t.contains("RSUD Sukamaju (U03)"), "U03 has ANTRI SEHAT");
    assert!(
        t.contains("Sukamaju, 23 November 2026 Kepala Bagian Organisasi, Dra. Hj. Lilis Suryani, M.AP. NIP 19750912 200003 2 003"),
        "signature: {t}"
    );
    let pages = info(&pdf).0;
    assert!(t.contains(&format!("Halaman 1 dari {pages}")) && t.contains(&format!("Halaman {pages} dari {pages}")));
}

#[test]
fn a_unit_report_holds_only_that_unit() {
    let d = monitored();
    let pdf = d.save("laporan-monev-u07.pdf", &monitoring_pdf(d.db.conn(), &opts(Some("U07"))).unwrap());
    assert_a4_with_embedded_fonts(&pdf, false);
    let t = text(&pdf);
    assert!(t.contains("Dinas Lingkungan Hidup (U07)"), "{t}");
    assert!(t.contains("SEDEKAH JELANTAH"));
    assert!(!t.contains("ANTRI SEHAT") && !t.contains("PATEN KELILING"), "other units left out: {t}");
    assert!(t.contains("Inovasi yang dipantau 1 inovasi"));
    assert!(!t.contains("Cakupan"), "coverage is for the whole region");
    assert!(t.contains("Tidak ada laporan yang terlambat."));

    let none = monitoring_pdf(d.db.conn(), &opts(Some("U01"))).unwrap_err();
    assert_eq!(
        none.message(juri_core::Lang::Id),
        "Tidak ada yang dapat dicetak: tidak ada inovasi yang dipantau pada triwulan ini."
    );
    assert!(monitoring_pdf(d.db.conn(), &opts(Some("Dinas Tidak Ada"))).is_err(), "unknown unit refused");
}

#[test]
fn the_ikm_report_gives_nrr_index_band_sample_and_trend() {
    let mut d = monitored();
    let earlier = [3.0, 2.9, 2.8, 3.5, 3.0, 3.1, 3.2, 2.6, 2.9];
    let csv = survey("Dinas Kesehatan", "2025-S2", earlier)
        + survey("Dinas Kesehatan", "2026-S1", EXAMPLE).split_once('\n').unwrap().1;
    d.db.write(|tx| juri_core::ikm::import_ikm(tx, csv.as_bytes(), NOW)).unwrap();
    let o =
        IkmOptions { unit: "U01".into(), period: "2026-S1".into(), today: "2026-11-23".into(), population: Some(1000) };
    let pdf = d.save("laporan-ikm.pdf", &ikm_pdf(d.db.conn(), &o).unwrap());
    assert_a4_with_embedded_fonts(&pdf, false);
    let t = text(&pdf);
    assert!(t.contains("LAPORAN HASIL SURVEI KEPUASAN MASYARAKAT DINAS KESEHATAN SEMESTER I TAHUN 2026"), "{t}");
    let first = layout_text(&pdf, 1);
    assert!(
        first.lines().any(|l| l.starts_with("Periode survei") && l.ends_with(": Semester I Tahun 2026")),
        "{first}"
    );
    assert!(t.contains("Nilai IKM Dinas Kesehatan pada Semester I Tahun 2026 adalah 3,1667"), "{t}");
    assert!(t.contains("bobot setiap unsur 1/9"));
    assert!(
        t.contains("100 orang; sampel minimum untuk populasi 1.000 orang (Krejcie dan Morgan) adalah 278 orang: belum terpenuhi"),
        "{t}"
    );
    assert!(t.contains("1 U1 Persyaratan 100 3,210 0,3567 80,25 B"), "per unsur: {t}");
    assert!(t.contains("8 U8 Penanganan pengaduan, saran dan masukan 100 2,840 0,3156 71,00 C"), "U8 is C: {t}");
    assert!(!t.contains("Profil responden"), "no profile columns in the file: none printed");
    let total = layout_text(&pdf, 1);
    let row = total.lines().find(|l| l.contains("Indeks Kepuasan Masyarakat (IKM)")).expect("the index row");
    assert!(row.contains("3,1667") && row.contains("79,17") && row.trim_end().ends_with('B'), "{row}");
    assert!(t.contains("mutu pelayanan B dan kinerja unit pelayanan Baik"), "{t}");
    assert!(
        t.contains("Unsur dengan nilai terendah adalah U8 Penanganan pengaduan, saran dan masukan (NRR 2,84"),
        "{t}"
    );
    assert!(t.contains("C. Perkembangan IKM antarperiode"));
    assert!(t.contains("1 2025-S2 100 3,0000 75,00 C Kurang Baik 2 2026-S1 100 3,1667 79,17 B Baik"), "trend: {t}");
    assert!(t.contains("Nilai konversi"), "chart legend");
    assert!(t.contains("Sukamaju, 23 November 2026"));

    let by_name = IkmOptions { unit: "dinas kesehatan".into(), population: None, ..o.clone() };
    let t2 = text(&d.save("laporan-ikm-2.pdf", &ikm_pdf(d.db.conn(), &by_name).unwrap()));
    assert!(t2.contains("untuk populasi 1.000.000 orang atau lebih paling sedikit 384 orang"), "{t2}");
    let missing = IkmOptions { period: "2027-S1".into(), ..o };
    assert!(ikm_pdf(d.db.conn(), &missing).is_err(), "no survey, no report");
}

#[test]
fn the_monitoring_workbook_holds_every_table_and_its_first_sheet_reads_back() {
    let mut d = monitored();
    let csv = survey("Dinas Kesehatan", "2026-S1", EXAMPLE);
    d.db.write(|tx| juri_core::ikm::import_ikm(tx, csv.as_bytes(), NOW)).unwrap();
    let bytes = juri_documents::monitoring_workbook(d.db.conn()).unwrap();
    assert!(bytes.starts_with(b"PK"), "an .xlsx (zip) file");
    // The first sheet is the unit list, read back by the importers' own table reader.
    let table = juri_core::import::read_table(&bytes).unwrap();
    assert_eq!(table.headers, ["kode", "nama", "jenis_unit", "inovasi"]);
    assert_eq!(table.rows.len(), UNITS.len());
    assert!(table.rows.iter().any(|r| r.cell(1) == "Perumda Air Minum Tirta Sukamaju" && r.cell(2) == "BUMD"));
    // Units, innovations, targets, reports, evaluations, IKM indices, IKM respondents: seven sheets
    // (zip entry names are stored plainly).
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("xl/worksheets/sheet7.xml") && !text.contains("xl/worksheets/sheet8.xml"));
}

#[test]
fn a_long_position_wraps_and_a_long_name_stays_on_one_legible_line() {
    let mut d = monitored();
    let id = d.id.clone();
    let mut s = juri_core::documents_settings::load_document_settings(d.db.conn(), &id).unwrap();
    s.organiser_head.position =
        "Kepala Bagian Organisasi dan Tata Laksana Sekretariat Daerah Kabupaten Sukamaju".into();
    s.organiser_head.name = "Dr. Hj. Raden Ayu Lilis Suryani Kusumawardhani, S.Sos., M.AP., M.Si.".into();
    d.db.write(|tx| juri_core::documents_settings::save_document_settings(tx, &id, &s, NOW)).unwrap();
    let pdf = d.save("laporan-monev-jabatan-panjang.pdf", &monitoring_pdf(d.db.conn(), &opts(None)).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    let words = text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Kepala Bagian Organisasi dan Tata Laksana Sekretariat Daerah Kabupaten Sukamaju,"),
        "the whole position, wrapped: {words}"
    );
    let last = layout_text(&pdf, pages);
    assert!(
        last.lines().any(|l| l.contains("Dr. Hj. Raden Ayu Lilis Suryani Kusumawardhani, S.Sos., M.AP., M.Si.")),
        "the name on one line: {last}"
    );
    // Legible: the name is set at 10 pt or more (pdftotext -bbox gives each word's height).
    let bbox =
        tool("pdftotext", &["-bbox", "-f", &pages.to_string(), "-l", &pages.to_string(), pdf.to_str().unwrap(), "-"]);
    let line = bbox.lines().find(|l| l.contains(">Kusumawardhani,<")).expect("the name's word");
    let attr = |k: &str| -> f32 {
        let from = line.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
        line[from..].split('"').next().unwrap().parse().unwrap()
    };
    assert!(attr("yMax") - attr("yMin") >= 10.0 * 0.9, "{line}");
}

#[test]
fn the_ikm_report_shows_the_respondent_profile_that_was_imported() {
    let mut d = monitored();
    let mut csv = String::from("unit;periode;u1;u2;u3;u4;u5;u6;u7;u8;u9;jenis_kelamin;umur;pendidikan;pekerjaan\n");
    for i in 0..40 {
        let gender = if i < 24 { "Perempuan" } else { "Laki-laki" };
        let age = [19, 25, 34, 47, 63][i % 5];
        let education = if i % 4 == 0 { "S1" } else { "SMA" };
        let job = if i % 2 == 0 { "Wiraswasta" } else { "" };
        csv.push_str(&format!("Dinas Kesehatan;2026-TW3;4;3;3;4;3;3;4;3;3;{gender};{age};{education};{job}\n"));
    }
    d.db.write(|tx| juri_core::ikm::import_ikm(tx, csv.as_bytes(), NOW)).unwrap();
    let o = IkmOptions { unit: "U01".into(), period: "2026-TW3".into(), today: "2026-11-23".into(), population: None };
    let pdf = d.save("laporan-ikm-profil.pdf", &ikm_pdf(d.db.conn(), &o).unwrap());
    let t = text(&pdf);
    assert!(t.contains("TRIWULAN III TAHUN 2026"), "{t}");
    assert!(t.contains("Profil responden"), "{t}");
    assert!(t.contains("Jenis kelamin Umur Pendidikan Pekerjaan"), "{t}");
    assert!(t.contains("Perempuan 24 60,0% Laki-laki 16 40,0%"), "{t}");
    assert!(
        t.contains("< 20 tahun 8 20,0% 20–29 tahun 8 20,0%") && t.contains("40–49 tahun 8 20,0% ≥ 60 tahun 8 20,0%"),
        "{t}"
    );
    assert!(t.contains("SMA 30 75,0% S1 10 25,0%"), "{t}");
    assert!(t.contains("Tidak diisi 20 50,0% Wiraswasta 20 50,0%"), "{t}");
    assert!(t.contains("(NRR 3,000, konversi 75,00"), "the conclusion's NRR as the table prints it: {t}");
}

#[test]
fn a_units_report_is_signed_by_its_head_and_known_by_the_kabag() {
    let mut d = monitored();
    let id = d.id.clone();
    let mut s = juri_core::documents_settings::load_document_settings(d.db.conn(), &id).unwrap();
    s.unit_heads.push(juri_core::documents_settings::UnitHead {
        unit: "U07".into(),
        head: juri_core::documents_settings::Signatory {
            position: "Kepala Dinas Lingkungan Hidup Kabupaten Sukamaju".into(),
            name: "Ir. Bambang Widodo, M.Env.".into(),
            nip: "197305121998031007".into(),
            ..Default::default()
        },
    });
    d.db.write(|tx| juri_core::documents_settings::save_document_settings(tx, &id, &s, NOW)).unwrap();
    let pdf = d.save("laporan-monev-u07-kepala.pdf", &monitoring_pdf(d.db.conn(), &opts(Some("U07"))).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    let last = layout_text(&pdf, pages);
    let knows = last.lines().position(|l| l.contains("Mengetahui,")).expect("the Kabag knows it");
    let head = last.lines().position(|l| l.contains("Kepala Dinas Lingkungan Hidup")).expect("the unit's head signs");
    assert!(knows.abs_diff(head) <= 2, "side by side: {last}");
    assert!(last.contains("Ir. Bambang Widodo, M.Env.") && last.contains("NIP 19730512 199803 1 007"), "{last}");
    assert!(last.contains("Dra. Hj. Lilis Suryani, M.AP."), "the Kabag's name: {last}");
    // The region's report keeps the Kabag alone.
    let all = d.save("laporan-monev-semua.pdf", &monitoring_pdf(d.db.conn(), &opts(None)).unwrap());
    let all_pages = assert_a4_with_embedded_fonts(&all, false);
    let last_all = layout_text(&all, all_pages);
    assert!(!last_all.contains("Mengetahui") && !last_all.contains("Bambang Widodo"), "{last_all}");
}
