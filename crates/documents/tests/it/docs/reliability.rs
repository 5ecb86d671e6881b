//! "Lampiran: keandalan penilaian": the figures of FORMATS.md §11 in Indonesian, explained.

use juri_core::reliability::{StatsOptions, jury_statistics};
use juri_documents::reliability_pdf;

use crate::support::*;

#[test]
fn the_annex_prints_agreement_severity_and_rank_certainty_in_indonesian() {
    let d = demo(true);
    let data = d.data();
    let opts = StatsOptions { replicates: 500, seed: 1, threads: 2 };
    let report = jury_statistics(d.db.conn(), &d.id, opts, &|| false).unwrap().unwrap();
    let pdf = d.save("lampiran-keandalan.pdf", &reliability_pdf(&data, &report, 500, 1).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    let t = text(&pdf);
    assert!(t.contains("LAMPIRAN BERITA ACARA RAPAT PLENO TIM PENILAI"), "{t}");
    assert!(t.contains("NOMOR : 000.5.2/87/Org/2026") && t.contains("TANGGAL : 24 September 2026"), "{t}");
    assert!(t.contains("KEANDALAN PENILAIAN KOMPETISI INOVASI PELAYANAN PUBLIK KABUPATEN SUKAMAJU TAHUN 2026"), "{t}");
    assert!(t.contains("apakah juri lain akan memilih finalis dan pemenang yang sama?"), "the plain explanation");
    // Alpha with three decimals and a decimal comma, and its reading, for both stages.
    let desk = report.stats.stages[0].alpha.unwrap();
    let printed = juri_core::format_id::decimal(desk, 3);
    assert!(printed.starts_with("0,"), "{printed}");
    assert!(t.contains(&format!("Penilaian Proposal {printed} kesepakatan juri")), "{t}");
    assert!(t.contains("Presentasi dan Wawancara"), "{t}");
    // J2 the harshest on the desk stage, signed with a comma.
    let j2 = report.stats.stages[0].judges.iter().find(|j| j.judge == "J2").unwrap();
    assert!(t.contains(&format!("(J2) 18 {}", juri_core::format_id::decimal(j2.severity.unwrap(), 2))), "{t}");
    // Ranked after the presentations: winners with their chance of first place.
    let first = report.stats.stability.iter().find(|r| r.category == "KS" && r.rank == Some(1)).unwrap();
    assert!(t.contains(&first.proposal), "{t}");
    assert!(t.contains("Peluang dari 500 pengundian ulang susunan juri (benih 1)"), "{t}");
    assert!(t.contains("Ketua Tim Penilai, Prof. Dr. Retno Wulandari, M.Si."), "signed by the chair: {t}");
    // Only the finalists present: the annex says why that stage's alpha runs low.
    assert_eq!(report.warnings, [juri_core::reliability::StatsWarning::FinalistsOnly { stage: "presentasi".into() }]);
    assert!(t.contains("Tahap Presentasi dan Wawancara hanya diikuti finalis"), "{t}");
    assert!(t.contains(&format!("Halaman {pages} dari {pages}")));
    // The same seed prints the same figures.
    let again = jury_statistics(d.db.conn(), &d.id, opts, &|| false).unwrap().unwrap();
    assert_eq!(report, again);
}

#[test]
fn an_uncertain_first_place_is_marked_grey() {
    let d = demo(true);
    let opts = StatsOptions { replicates: 500, seed: 1, threads: 2 };
    let report = jury_statistics(d.db.conn(), &d.id, opts, &|| false).unwrap().unwrap();
    // IZIN TUNTAS and SIMRENA are close at the top of Tata Kelola: neither first place is certain.
    let grey: Vec<&str> = report
        .stats
        .stability
        .iter()
        .filter(|r| juri_core::reliability::in_grey_zone(r))
        .map(|r| r.proposal.as_str())
        .collect();
    assert!(grey.contains(&"P-007") && grey.contains(&"P-009"), "{grey:?}");
    assert!(!grey.contains(&"P-013"), "SAMBUNG CICIL wins Pemberdayaan in every replicate");
    let pdf = d.save("lampiran-keandalan-abu.pdf", &reliability_pdf(&d.data(), &report, 500, 1).unwrap());
    let t = text(&pdf);
    assert_eq!(t.matches("zona abu-abu: garis batas belum pasti").count(), grey.len(), "{t}");
}
