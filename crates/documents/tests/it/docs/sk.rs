//! The decree annex with the winners and the alphabetical finalist announcement.

use juri_documents::{SkList, sk_pdf};

use crate::support::*;

#[test]
fn the_annex_lists_juara_i_to_iii_per_category() {
    let d = demo(true);
    let pdf = d.save("lampiran-sk.pdf", &sk_pdf(&d.data(), SkList::Winners).unwrap());
    assert_a4_with_embedded_fonts(&pdf, false);
    let t = text(&pdf);
    assert!(t.contains("LAMPIRAN KEPUTUSAN BUPATI SUKAMAJU"));
    assert!(t.contains("NOMOR : 100.3.3.2/215/Org/2026"), "{t}");
    assert!(t.contains("TANGGAL : 20 Oktober 2026"));
    assert_eq!(t.matches("Juara I ").count() + t.matches("Juara I\n").count(), 4, "one Juara I per category: {t}");
    assert_eq!(t.matches("Juara III").count(), 4);
    assert!(t.contains("ANTRI SEHAT (Antrean Rumah Sakit dari Rumah)"));
    assert!(t.contains("BUPATI SUKAMAJU, H. Ahmad Fauzan, S.H., M.H."), "head signs, no NIP");
    assert!(!t.contains("NIP"), "the Bupati has no NIP");
}

#[test]
fn the_finalists_are_alphabetical_and_not_a_ranking() {
    let d = demo(true);
    let pdf = d.save("pengumuman.pdf", &sk_pdf(&d.data(), SkList::Finalists).unwrap());
    assert_a4_with_embedded_fonts(&pdf, false);
    let t = text(&pdf);
    assert!(t.contains("PENGUMUMAN NOMOR: 000.2.3/64/Org/2026"));
    assert!(t.contains("disusun menurut abjad judul inovasi dan tidak menunjukkan peringkat"));
    // KS finalists by desk score are P-002, P-001, P-004; printed A–Z by title
    let a = t.find("ANTRI SEHAT").unwrap();
    let r = t.find("RUMAH GIZI DESA").unwrap();
    let s = t.find("SIGAP BUMIL").unwrap();
    assert!(a < r && r < s, "alphabetical");
    assert!(t.contains(
        "Finalis wajib mengikuti tahap Presentasi dan Wawancara yang dilaksanakan pada hari Kamis, 17 September 2026, pukul 08.30 WITA, bertempat di Aula Sekretariat Daerah Kabupaten Sukamaju."
    ), "when and where: {t}");
    assert!(t.contains(
        "Sanggahan atas pengumuman ini dapat diajukan secara tertulis kepada Bagian Organisasi Sekretariat Daerah Kabupaten Sukamaju disertai alasan dan bukti pendukung, paling lambat tanggal 4 September 2026."
    ), "how and by when to object: {t}");
    assert!(t.contains("FINALIS KOMPETISI INOVASI PELAYANAN PUBLIK KABUPATEN SUKAMAJU TAHUN 2026"));
    // The signature is never alone on its page: the closing sentence is with it.
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    let last = layout_text(&pdf, pages);
    assert!(last.contains("Demikian pengumuman") && last.contains("Sekretaris Daerah"), "{last}");
    assert!(t.contains("Sukamaju, 31 Agustus 2026"));
    assert!(t.contains("a.n. BUPATI SUKAMAJU Sekretaris Daerah, Dr. Ir. Wahyu Santoso, M.Si. Pembina Utama Muda (IV/c) NIP 19720110 199803 1 006"));
}

#[test]
fn no_winners_before_any_score_is_a_clear_refusal() {
    let d = demo(false);
    let e = sk_pdf(&d.data(), SkList::Winners).unwrap_err();
    assert_eq!(e.code(), juri_core::ErrorCode::NotFound);
    assert!(e.message(juri_core::Lang::Id).contains("pemenang belum dapat ditetapkan"));
}
