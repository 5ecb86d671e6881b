//! Berita acara: the date in words, jury, method, results, recusals, closing, signature table.

use juri_documents::berita_acara_pdf;

use crate::support::*;

#[test]
fn berita_acara_reads_as_a_clerk_writes_it() {
    let d = demo(true);
    let pdf = d.save("berita-acara.pdf", &berita_acara_pdf(&d.data()).unwrap());
    let pages = assert_a4_with_embedded_fonts(&pdf, false);
    assert!((2..=4).contains(&pages), "{pages} pages");
    let t = text(&pdf);
    assert!(
        t.contains(
            "Pada hari ini Kamis tanggal dua puluh empat bulan September tahun dua ribu dua puluh enam, pukul 09.00 WITA"
        ),
        "date in words: {t}"
    );
    assert!(t.contains("Nomor: 000.5.2/87/Org/2026"));
    assert!(t.contains("Keputusan Bupati Sukamaju Nomor 100.3.3.2/142/Org/2026 tanggal 15 Juli 2026"));
    assert!(t.contains("Proposal yang terdaftar sebanyak 20 (dua puluh) proposal; 2 (dua) proposal tidak diikutkan"));
    assert!(t.contains("sehingga 18 (delapan belas) proposal dinilai"));
    assert!(t.contains("12 (dua belas) proposal mengikuti tahap Presentasi dan Wawancara"));
    assert!(t.contains("Metode penilaian:"));
    assert!(t.contains("Kategori Kesehatan (KS)"));
    assert!(t.contains("74,56"), "P-009's final score");
    assert!(t.contains(
        "Ir. Hendra Gunawan, M.T. tidak menilai proposal P-009 \u{201c}SIMRENA (Sistem Informasi Musrenbang Daring)\u{201d} dari Badan Perencanaan Pembangunan Daerah"
    ), "the recusal, no judge code, the title in quotes: {t}");
    // The title breaks before the region, never inside it.
    let head = layout_text(&pdf, 1);
    assert!(head.lines().any(|l| l.trim() == "KOMPETISI INOVASI PELAYANAN PUBLIK"), "{head}");
    assert!(head.lines().any(|l| l.trim() == "KABUPATEN SUKAMAJU TAHUN 2026"), "{head}");
    assert!(t.contains("Demikian berita acara ini dibuat untuk dipergunakan sebagaimana mestinya."));
    assert!(t.contains("Sukamaju, 24 September 2026"));
    assert!(t.contains("Nur'aini Rahmawati, S.Sos., M.A. (Anggota)"), "names exactly as written");
    assert!(t.contains("Prof. Dr. Retno Wulandari, M.Si. (Ketua) NIP 19680415 199303 2 001"));
    assert!(t.contains("NIP 19700822 199503 1 004"), "NIP typed without spaces is printed 8-6-1-3");
    assert!(
        t.contains("Mengetahui, Kepala Bagian Organisasi, Dra. Hj. Lilis Suryani, M.AP. NIP 19750912 200003 2 003")
    );
    // Every page says which document it belongs to (a loose page is known) and which page it is.
    for p in 1..=pages {
        let page = layout_text(&pdf, p);
        assert!(page.contains("Berita acara rapat pleno 2026 · 000.5.2/87/Org/2026"), "page {p}: {page}");
        assert!(page.contains(&format!("Halaman {p} dari {pages}")), "page {p}: {page}");
    }
    // staggered lines: 1. left, 2. right in the signature column
    let last = layout_text(&pdf, pages);
    let one = last.lines().find(|l| l.contains("1. ……")).expect("line 1");
    let two = last.lines().find(|l| l.contains("2. ……")).expect("line 2");
    assert!(two.find("2. ……").unwrap() > one.find("1. ……").unwrap() + 8, "2. sits right of 1.:\n{one}\n{two}");
}

#[test]
fn a_megabyte_judge_name_is_laid_out_whole_in_linear_time() {
    let d = demo(true);
    // One word of 512 KiB and 512 KiB of words: a name pasted from a hostile file.
    let name = format!("{}{}", "W".repeat(1 << 19), " Wulandari".repeat((1 << 19) / 10));
    d.db.conn().execute("UPDATE judge SET name = ?1 WHERE code = 'J3'", [&name]).unwrap();
    let t = std::time::Instant::now();
    let pdf = berita_acara_pdf(&d.data()).unwrap();
    eprintln!("berita acara with a 1 MB judge name: {} bytes in {:?}", pdf.len(), t.elapsed());
    let pdf = d.save("berita-acara-nama-1mb.pdf", &pdf);
    let t = text(&pdf);
    assert!(t.contains("WWWWWWWWWWWWWWWWWWWW"), "the long name is printed, not dropped");
    assert!(!t.contains("Nur'aini Rahmawati"), "J3's name was replaced");
}

#[test]
fn nothing_ranked_is_a_refusal_that_says_what_is_missing() {
    let d = demo(false);
    let e = berita_acara_pdf(&d.data()).unwrap_err();
    assert_eq!(e.code(), juri_core::ErrorCode::NotFound);
    assert!(e.message(juri_core::Lang::Id).contains("belum ada nilai akhir"), "{}", e.message(juri_core::Lang::Id));
}
