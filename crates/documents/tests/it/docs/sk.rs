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

/// The demo with P-004's every score made P-001's: the two tie at Juara II of Kesehatan.
fn tied() -> Demo {
    let d = demo(true);
    d.db.conn()
        .execute(
            "UPDATE score SET value = (SELECT s2.value FROM score s2
                 WHERE s2.proposal_n = (SELECT n FROM proposal WHERE code = 'P-001')
                   AND s2.judge_n = score.judge_n AND s2.criterion_n = score.criterion_n)
             WHERE proposal_n = (SELECT n FROM proposal WHERE code = 'P-004')",
            [],
        )
        .unwrap();
    d
}

#[test]
fn a_tie_at_a_winners_place_waits_for_the_plenarys_decision_then_prints_it() {
    let mut d = tied();
    let e = sk_pdf(&d.data(), SkList::Winners).unwrap_err();
    assert_eq!(e.code(), juri_core::ErrorCode::InvalidInput);
    let msg = e.message(juri_core::Lang::Id);
    assert!(msg.contains("Kesehatan 2: P-001, P-004"), "the refusal names the tie: {msg}");
    assert!(
        juri_documents::certificates_pdf(&d.data(), juri_documents::Recipients::Winners).is_err(),
        "no piagam saying Juara II twice"
    );
    // The plenary decides: P-004 before P-001, with its reason.
    let id = d.id.clone();
    let decision = juri_core::scoring::ties::TieDecision {
        category: "KS".into(),
        rank: 2,
        order: vec!["P-004".into(), "P-001".into()],
        reason: "manfaat bagi lebih banyak desa".into(),
    };
    // A decision without a reason, or with one proposal twice, is refused.
    let no_reason = juri_core::scoring::ties::TieDecision { reason: " ".into(), ..decision.clone() };
    assert!(d.db.write(|tx| juri_core::scoring::ties::record_tie_decision(tx, &id, &no_reason, NOW)).is_err());
    let twice =
        juri_core::scoring::ties::TieDecision { order: vec!["P-004".into(), "P-004".into()], ..decision.clone() };
    assert!(d.db.write(|tx| juri_core::scoring::ties::record_tie_decision(tx, &id, &twice, NOW)).is_err());
    d.db.write(|tx| juri_core::scoring::ties::record_tie_decision(tx, &id, &decision, NOW)).unwrap();
    // The document settings saved from their form afterwards leave the decision alone.
    let s = juri_core::documents_settings::load_document_settings(d.db.conn(), &id).unwrap();
    d.db.write(|tx| juri_core::documents_settings::save_document_settings(tx, &id, &s, NOW)).unwrap();
    let data = d.data();
    let pdf = d.save("lampiran-sk-seri.pdf", &sk_pdf(&data, SkList::Winners).unwrap());
    let t = text(&pdf);
    let (rumah, sigap) = (t.find("RUMAH GIZI DESA").unwrap(), t.find("SIGAP BUMIL").unwrap());
    assert!(rumah < sigap, "P-004 first: {t}");
    let row = |from: &str, to: &str| t[t.find(from).unwrap()..t.find(to).unwrap()].to_string();
    assert!(row("RUMAH GIZI DESA", "SIGAP BUMIL").ends_with("Kesehatan Juara II 6 "), "{t}");
    assert!(row("SIGAP BUMIL", "SAMBUNG CICIL").ends_with("Kesehatan Juara III 7 "), "{t}");
    assert!(t.contains("urutan ditetapkan rapat pleno: manfaat bagi lebih banyak desa"), "{t}");
    let ba = d.save("berita-acara-seri.pdf", &juri_documents::berita_acara_pdf(&data).unwrap());
    let words = text(&ba).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Keputusan rapat pleno: kategori Kesehatan, peringkat 2: P-004 di atas P-001 (manfaat bagi lebih banyak desa)"),
        "{words}"
    );
}
