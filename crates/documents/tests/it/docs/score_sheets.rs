//! Lembar penilaian: blank for paper, filled from the recorded scores; no sheet for a recusal.

use juri_documents::{SheetOptions, score_sheets_pdf};

use crate::support::*;

#[test]
fn blank_sheets_cover_every_judge_and_proposal_except_recusals() {
    let d = demo(true);
    let data = d.data();
    let opts = SheetOptions { stage: Some("proposal".into()), ..Default::default() };
    let pdf = d.save("lembar-kosong.pdf", &score_sheets_pdf(d.db.conn(), &data, &opts).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    assert_eq!(pages, 18 * 5 - 1, "18 proposals × 5 judges, less J5 × P-009, one page each");
    let t = text(&pdf);
    assert!(t.contains("LEMBAR PENILAIAN TAHAP PENILAIAN PROPOSAL"));
    let first = layout_text(&pdf, 1);
    let criterion = first.lines().position(|l| l.contains("Signifikansi")).expect("criterion on the first sheet");
    assert!(
        first.lines().skip(criterion).take(3).any(|l| l.contains("Dampak nyata dan terukur bagi penerima layanan.")),
        "criteria with descriptions: {first}"
    );
    assert!(t.contains("Dengan ini saya menyatakan tidak memiliki konflik kepentingan"));
    assert!(t.contains("Sukamaju, 21 Agustus 2026"));
    assert!(!t.contains("P-015") && !t.contains("P-012"), "excluded proposals get no sheet");
    let j5 = SheetOptions { stage: Some("proposal".into()), judge: Some("J5".into()), ..Default::default() };
    let pdf = d.save("lembar-j5.pdf", &score_sheets_pdf(d.db.conn(), &data, &j5).unwrap());
    assert!(!text(&pdf).contains("P-009"), "J5 is recused from P-009");
}

#[test]
fn a_filled_sheet_shows_the_recorded_scores_and_the_total() {
    let mut d = demo(true);
    let id = d.id.clone();
    let comment = "Paparan jelas; perlu data capaian sebelum dan sesudah inovasi di setiap desa.";
    d.db.write(|tx| juri_core::scoring::sheet::save_comment(tx, &id, "presentasi", "J1", "P-009", comment, NOW))
        .unwrap();
    let data = d.data();
    let opts = SheetOptions {
        stage: Some("presentasi".into()),
        judge: Some("J1".into()),
        proposal: Some("P-009".into()),
        filled: true,
    };
    let pdf = d.save("lembar-isi-komentar.pdf", &score_sheets_pdf(d.db.conn(), &data, &opts).unwrap());
    assert_eq!(assert_a4_with_embedded_fonts(&pdf, false), 1);
    let t = text(&pdf);
    assert!(t.contains("Prof. Dr. Retno Wulandari, M.Si. (J1)"));
    assert!(t.contains("Kebaruan"));
    // J1: 8 / 7,5 / 7 / 8 with weights 30/30/30/10 → 24,00 + 22,50 + 21,00 + 8,00 = 75,50
    for v in ["24,00", "22,50", "21,00", "8,00", "75,50", "7,5"] {
        assert!(t.contains(v), "{v} on the filled sheet: {t}");
    }
    assert!(t.contains("NIP 19680415 199303 2 001"));
    assert!(t.contains("Sukamaju, 17 September 2026"));
    assert!(t.contains(comment), "the judge's comment in the comment box");
}

#[test]
fn a_long_title_never_leaves_the_signature_alone_and_each_page_says_whose_sheet_it_is() {
    let d = demo(true);
    let long = "SIGAP BUMIL (Sistem Informasi Gerak Cepat Antisipasi dan Penanganan Ibu Hamil Berisiko Tinggi \
                Berbasis Kader Posyandu, Bidan Desa dan Puskesmas di Seluruh Kecamatan Kabupaten Sukamaju) Tahap \
                Kedua Pengembangan Terpadu";
    d.db.conn().execute("UPDATE proposal SET title = ?1 WHERE code = 'P-001'", [long]).unwrap();
    let data = d.data();
    let opts = SheetOptions {
        stage: Some("proposal".into()),
        judge: Some("J1".into()),
        proposal: Some("P-001".into()),
        filled: true,
    };
    let pdf = d.save("lembar-judul-panjang.pdf", &score_sheets_pdf(d.db.conn(), &data, &opts).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    let last = layout_text(&pdf, pages);
    assert!(
        last.contains("Prof. Dr. Retno Wulandari, M.Si.") && last.contains("Dengan ini saya menyatakan"),
        "the signature is with its declaration: {last}"
    );
    assert!(last.contains("Catatan / komentar juri"), "and with the comment box: {last}");
    for p in 1..=pages {
        let page = layout_text(&pdf, p);
        assert!(page.contains(&format!("Halaman {p} dari {pages}")), "{page}");
        assert!(page.contains("P-001 · J1 · Penilaian Proposal"), "the sheet's identifier on page {p}: {page}");
    }
}
