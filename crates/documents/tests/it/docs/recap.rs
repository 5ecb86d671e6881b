//! Rekapitulasi nilai: judges' scores with KK and –, the worked example, header on every page.

use juri_documents::{Value, recap_pdf, recap_sheets};

use crate::support::*;

#[test]
fn the_presentation_recap_shows_each_judge_kk_for_the_recusal_and_the_worked_example() {
    let d = demo(true);
    let data = d.data();
    let pdf = d.save("rekap.pdf", &recap_pdf(&data, Some("presentasi")).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, true);
    assert_eq!(pages, 4, "one page per category");
    let t = text(&pdf);
    assert!(t.contains("PEMERINTAH KABUPATEN SUKAMAJU SEKRETARIAT DAERAH"), "kop: {t}");
    assert!(t.contains("REKAPITULASI NILAI"));
    assert!(t.contains("Tahap: Presentasi dan Wawancara · Kategori: Tata Kelola Pemerintahan (TK)"));
    assert!(t.contains("Nilai akhir = 30% Penilaian Proposal + 70% Presentasi dan Wawancara."), "method in the header");
    let tk = layout_text(&pdf, 1);
    let row = tk.lines().find(|l| l.contains("P-009")).expect("P-009 in the TK recap");
    // J1–J4 venue scores of DOMAIN.md §3.2, J5 recused, stage score 74,75, n 4, SD 3,91; the
    // final (74,56) is on the overall sheet, not on the stage's.
    for cell in ["75,50", "69,00", "80,00", "74,50", "KK", "74,75", "3,91"] {
        assert!(row.contains(cell), "P-009 row shows {cell}: {row}");
    }
    assert!(!row.contains("74,56"), "{row}");
    // The venue stage's own order: P-009 (74,75) before P-007 (74,00) and P-006 (69,00).
    let order: Vec<usize> = ["P-009", "P-007", "P-006"].iter().map(|c| tk.find(c).unwrap()).collect();
    assert!(order[0] < order[1] && order[1] < order[2], "{tk}");
    // The jury signs by role, without codes.
    assert!(t.contains("Ketua,") && !t.contains("Ketua (J1)"), "{t}");
    assert!(t.contains("Sukamaju, 17 September 2026"), "the stage's date");
    for name in [
        "Prof. Dr. Retno Wulandari, M.Si.",
        "Dr. Bambang Hadi Prasetyo, S.E., M.M.",
        "Nur'aini Rahmawati, S.Sos., M.A.",
        "Drs. Agus Setiawan, M.Si.",
        "Ir. Hendra Gunawan, M.T.",
    ] {
        assert!(t.contains(name), "all judges sign: {name}");
    }
    assert!(t.contains("NIP 19680415 199303 2 001") && t.contains("NIP 19700822 199503 1 004"), "NIP 8-6-1-3");
    assert!(t.contains("Halaman 1 dari 4") && t.contains("Halaman 4 dari 4"));
}

#[test]
fn recap_rows_carry_places_statuses_and_missing_marks() {
    let d = demo(true);
    let data = d.data();
    let sheets = recap_sheets(&data, None).unwrap();
    assert_eq!(sheets.len(), 12, "two stages × four categories, then the overall sheet of each category");
    let overall_tk = sheets.iter().find(|s| s.stage_code == "akhir" && s.category_code == "TK").unwrap();
    assert_eq!(
        overall_tk.columns[4..],
        ["Penilaian Proposal (30%)", "Presentasi dan Wawancara (70%)", "Nilai Akhir", "Peringkat", "Keterangan"]
    );
    let p9 = overall_tk.rows.iter().find(|r| r[1] == Value::Text("P-009".into())).unwrap();
    assert_eq!(
        p9[4..].iter().map(Value::display).collect::<Vec<_>>(),
        ["74,13", "74,75", "74,56", "2", "Juara II"],
        "each stage beside the final"
    );
    let desk_pm = sheets.iter().find(|s| s.stage_code == "proposal" && s.category_code == "PM").unwrap();
    let remark = |code: &str| {
        let r = desk_pm.rows.iter().find(|r| r[1] == Value::Text(code.into())).expect("row present");
        r.last().unwrap().display()
    };
    assert_eq!(remark("P-012"), "Mengundurkan diri", "withdrawal shown on the first stage");
    assert_eq!(remark("P-015"), "Tidak lolos administrasi");
    let withdrawn = desk_pm.rows.iter().find(|r| r[1] == Value::Text("P-012".into())).unwrap();
    assert_eq!(withdrawn[4], Value::Empty, "no score: –");
    let venue_ks = sheets.iter().find(|s| s.stage_code == "presentasi" && s.category_code == "KS").unwrap();
    assert_eq!(venue_ks.rows.len(), 3, "only the finalists reach the presentation");
    let desk_tk = sheets.iter().find(|s| s.stage_code == "proposal" && s.category_code == "TK").unwrap();
    let p10 = desk_tk.rows.iter().find(|r| r[1] == Value::Text("P-010".into())).unwrap();
    assert_eq!(p10.last().unwrap().display(), "Tidak masuk finalis");
    // The desk stage in its own order, with its place and decision (the finalist pleno).
    let desk: Vec<(String, String, String)> =
        desk_tk.rows.iter().map(|r| (r[1].display(), r[r.len() - 2].display(), r.last().unwrap().display())).collect();
    assert_eq!(
        desk,
        [
            ("P-006".into(), "1".into(), "Finalis".into()),
            ("P-007".into(), "2".into(), "Finalis".into()),
            ("P-009".into(), "3".into(), "Finalis".into()),
            ("P-008".into(), "4".into(), "Tidak masuk finalis".into()),
            ("P-010".into(), "5".into(), "Tidak masuk finalis".into()),
        ]
    );
}

#[test]
fn a_long_recap_repeats_its_header_and_wraps_long_titles() {
    let mut d = demo(false);
    // 120 more proposals in KS with a long title: the KS sheet runs over several pages.
    let mut csv = String::from("kode,judul,kategori,unit\n");
    for i in 0..120 {
        csv.push_str(&format!(
            "X-{i:03},LAYANAN KESEHATAN TERPADU KELILING DESA (Pelayanan Kesehatan Ibu dan Anak Terpadu di Desa Terpencil nomor {i}),KS,Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu\n"
        ));
    }
    let id = d.id.clone();
    d.db.write(|tx| {
        juri_core::import::import_proposals(
            tx,
            &id,
            csv.as_bytes(),
            &juri_core::proposals::Actor::new("uji"),
            NOW,
            &mut |_, _| true,
        )
    })
    .unwrap();
    let data = d.data();
    let pdf = d.save("rekap-panjang.pdf", &recap_pdf(&data, Some("proposal")).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, true);
    assert!(pages >= 7, "the KS sheet runs over several pages: {pages}");
    for p in 1..=pages {
        let page = layout_text(&pdf, p);
        if page.contains("X-") || page.contains("P-0") {
            assert!(page.contains("Nilai") && page.contains("Keterangan"), "header repeated on page {p}");
            if p > 1 && !page.contains("REKAPITULASI NILAI\n") && !page.contains("PEMERINTAH") {
                assert!(
                    page.contains("(lanjutan)") && page.contains("Kategori"),
                    "a continued page says what it continues: {page}"
                );
            }
        }
        assert!(page.contains(&format!("Halaman {p} dari {pages}")), "page {p} numbered");
    }
    let t = text(&pdf);
    for i in [0, 57, 119] {
        assert!(t.contains(&format!("Terpencil nomor {i})")), "long title {i} printed whole");
    }
}
