//! Piagam and sertifikat: recipients, texts, NIP only when present, long titles kept whole.

use juri_core::documents_settings::{Signer, load_document_settings, save_document_settings, save_logo};
use juri_documents::{Recipients, certificates_each, certificates_pdf, recipients};

use crate::support::*;

#[test]
fn winners_get_a_piagam_each_with_place_and_category() {
    let d = demo(true);
    let data = d.data();
    let list = recipients(&data, Recipients::Winners);
    assert_eq!(list.len(), 12, "Juara I–III in four categories");
    assert_eq!(list[0].number, "001/PIAGAM/Org/2026");
    let pdf = d.save("piagam.pdf", &certificates_pdf(&data, Recipients::Winners).unwrap());
    assert_eq!(assert_a4_with_embedded_fonts(&pdf, true), 12);
    let t = text(&pdf);
    assert_eq!(t.matches("PIAGAM PENGHARGAAN").count(), 12);
    assert!(t.contains("diberikan kepada RSUD Sukamaju Inovator: dr. Maya Anggraini, Sp.PD. atas inovasi “ANTRI SEHAT (Antrean Rumah Sakit dari Rumah)” sebagai Juara I Kategori Kesehatan dalam Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2026"), "{t}");
    assert!(t.contains("Sukamaju, 28 Oktober 2026 BUPATI SUKAMAJU, H. Ahmad Fauzan, S.H., M.H."));
    assert!(!t.contains("NIP"), "the Bupati has no NIP");
    assert!(t.contains("Juara II Kategori Tata Kelola Pemerintahan"));
}

#[test]
fn finalists_and_participants_batches_and_one_file_each() {
    let d = demo(true);
    let data = d.data();
    assert_eq!(recipients(&data, Recipients::Finalists).len(), 12, "3 finalists × 4 categories (all won a place)");
    let all = recipients(&data, Recipients::Participants);
    assert_eq!(all.len(), 18, "everyone who took part; withdrawn and failed ones excluded");
    assert!(all.iter().any(|r| r.predicate == "Peserta Kategori Kesehatan"));
    let files = certificates_each(&data, Recipients::Participants).unwrap();
    assert_eq!(files.len(), 18);
    assert!(files[0].0.ends_with(".pdf") && files[0].0.starts_with("001-"), "{}", files[0].0);
    let one = d.save(&files[5].0, &files[5].1);
    assert_eq!(assert_a4_with_embedded_fonts(&one, true), 1);
    let pdf = d.save("sertifikat.pdf", &certificates_pdf(&data, Recipients::Participants).unwrap());
    assert!(text(&pdf).contains("SERTIFIKAT"), "participants get a sertifikat");
}

#[test]
fn the_secretary_signs_with_nip_and_a_long_title_is_never_cut() {
    let mut d = demo(true);
    let id = d.id.clone();
    let mut s = load_document_settings(d.db.conn(), &id).unwrap();
    s.certificate.signer = Signer::Secretary;
    d.db.write(|tx| save_document_settings(tx, &id, &s, NOW)).unwrap();
    let long = "SIGAP BUMIL (Siaga Gerak Cepat Ibu Hamil Berisiko Tinggi melalui Pencatatan Bidan, Kader Posyandu dan Kunjungan Rumah dalam Dua Puluh Empat Jam di Seluruh Desa Wilayah Kerja Puskesmas Karangsari)";
    d.db.conn().execute("UPDATE proposal SET title = ?1 WHERE code = 'P-001'", [long]).unwrap();
    let pdf = d.save("piagam-sekda.pdf", &certificates_pdf(&d.data(), Recipients::Winners).unwrap());
    let t = text(&pdf);
    assert!(t.contains("a.n. BUPATI SUKAMAJU Sekretaris Daerah, Dr. Ir. Wahyu Santoso, M.Si. Pembina Utama Muda (IV/c) NIP 19720110 199803 1 006"), "{t}");
    assert!(t.contains(&format!("“{long}”")), "the long title is printed whole");
}

#[test]
fn a_png_logo_is_embedded_once_and_drawn_on_every_certificate() {
    let mut d = demo(true);
    let id = d.id.clone();
    d.db.write(|tx| save_logo(tx, &id, Some(&emblem_png()), NOW)).unwrap();
    let pdf = d.save("piagam-logo.pdf", &certificates_pdf(&d.data(), Recipients::Winners).unwrap());
    let out = std::process::Command::new("pdfimages").args(["-list", pdf.to_str().unwrap()]).output().unwrap();
    let list = String::from_utf8(out.stdout).unwrap();
    let images: Vec<&str> = list.lines().skip(2).collect();
    assert_eq!(images.len(), 12, "the logo on each of the 12 pages: {list}");
    let objects: std::collections::HashSet<&str> =
        images.iter().map(|l| l.split_whitespace().nth(10).unwrap_or("")).collect();
    assert_eq!(objects.len(), 1, "one image object shared by all pages");
}

/// A small shield-like emblem (green with a yellow band) as PNG.
pub fn emblem_png() -> Vec<u8> {
    let (w, h) = (60u32, 72u32);
    let mut px = Vec::with_capacity((w * h * 3) as usize);
    for y in 0..h {
        for x in 0..w {
            let inside = (x as f32 - 30.0).abs() < 28.0 - (y as f32 - 36.0).max(0.0) * 0.7;
            let band = (30..40).contains(&y);
            px.extend_from_slice(match (inside, band) {
                (true, true) => &[230, 190, 40],
                (true, false) => &[20, 110, 60],
                _ => &[255, 255, 255],
            });
        }
    }
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(&px).unwrap();
    out
}

/// The emblem as ImageMagick writes PNGs by default: 16 bits per channel.
fn emblem_png_16() -> Vec<u8> {
    let eight = emblem_png();
    let mut reader = png::Decoder::new(std::io::Cursor::new(&eight)).read_info().unwrap();
    let mut px = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut px).unwrap();
    let wide: Vec<u8> = px[..info.buffer_size()].iter().flat_map(|&v| (u16::from(v) * 257).to_be_bytes()).collect();
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, info.width, info.height);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Sixteen);
    enc.write_header().unwrap().write_image_data(&wide).unwrap();
    out
}

/// How many clearly green pixels (the emblem's colour) page 1 of `pdf` shows at 40 dpi.
fn green_pixels(d: &Demo, pdf: &std::path::Path, name: &str) -> usize {
    let file = render_png(pdf, 1, 40, &d.dir.path().join(name));
    if let Some(dir) = std::env::var_os("JURI_DOCS_OUT") {
        std::fs::copy(&file, std::path::Path::new(&dir).join(format!("{name}.png"))).unwrap();
    }
    let mut reader =
        png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&file).unwrap())).read_info().unwrap();
    let mut px = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut px).unwrap();
    assert_eq!((info.color_type, info.bit_depth), (png::ColorType::Rgb, png::BitDepth::Eight));
    px[..info.buffer_size()]
        .chunks(3)
        .filter(|p| i32::from(p[1]) - i32::from(p[0]) > 40 && i32::from(p[1]) - i32::from(p[2]) > 20)
        .count()
}

#[test]
fn a_16_bit_png_logo_prints_visibly() {
    let mut d = demo(true);
    let id = d.id.clone();
    let none = d.save("piagam-tanpa-logo.pdf", &certificates_pdf(&d.data(), Recipients::Winners).unwrap());
    assert_eq!(green_pixels(&d, &none, "piagam-tanpa-logo"), 0, "nothing green without the logo");

    d.db.write(|tx| save_logo(tx, &id, Some(&emblem_png_16()), NOW)).unwrap();
    let pdf = d.save("piagam-logo-16bit.pdf", &certificates_pdf(&d.data(), Recipients::Winners).unwrap());
    let green = green_pixels(&d, &pdf, "piagam-logo-16bit");
    assert!(green > 100, "the 16-bit logo is printed, not blank: {green} green pixels");

    // A 16-bit logo stored by an older Juri (before save_logo normalised it) prints as well.
    d.db.conn()
        .execute("UPDATE document_settings SET logo = ?1 WHERE competition_id = ?2", (emblem_png_16(), &id))
        .unwrap();
    let old = d.save("piagam-logo-16bit-lama.pdf", &certificates_pdf(&d.data(), Recipients::Winners).unwrap());
    assert!(green_pixels(&d, &old, "piagam-logo-16bit-lama") > 100);

    // A broken stored logo gives the typed refusal, not a panic.
    d.db.conn()
        .execute("UPDATE document_settings SET logo = ?1 WHERE competition_id = ?2", (&emblem_png()[..200], &id))
        .unwrap();
    let err = juri_documents::DocData::load(d.db.conn(), &id).err().expect("refused");
    assert_eq!(err.code(), juri_core::ErrorCode::InvalidInput, "{err:?}");
}

#[test]
fn a_batch_reports_progress_page_by_page_and_stops_when_told() {
    use juri_documents::{DocError, certificates_each_with, certificates_pdf_with};
    let d = demo(true);
    let data = d.data();
    let mut seen = Vec::new();
    let pdf = certificates_pdf_with(&data, Recipients::Winners, &mut |done, total| {
        seen.push((done, total));
        true
    })
    .unwrap();
    assert_eq!(seen, (1..=12).map(|i| (i, 12)).collect::<Vec<_>>(), "one step per certificate");
    assert_eq!(assert_a4_with_embedded_fonts(&d.save("piagam-progress.pdf", &pdf), true), 12);

    // Told to stop after the third page: cancelled, no PDF.
    let err = certificates_pdf_with(&data, Recipients::Winners, &mut |done, _| done < 3).unwrap_err();
    assert!(matches!(err, DocError::Core(juri_core::Error::Cancelled)), "{err:?}");
    assert_eq!(err.code(), juri_core::ErrorCode::Cancelled);

    // File by file: the sink sees each file as it is made and can stop the batch.
    let mut names = Vec::new();
    let err = certificates_each_with(&data, Recipients::Participants, &mut |name, bytes, done, total| {
        assert!(bytes.starts_with(b"%PDF"));
        assert_eq!(total, 18);
        names.push(name.to_string());
        Ok(done < 5)
    })
    .unwrap_err();
    assert!(matches!(err, DocError::Core(juri_core::Error::Cancelled)));
    assert_eq!(names.len(), 5, "stopped after the fifth file: {names:?}");
    assert!(names[0].starts_with("001-") && names[4].starts_with("005-"));
}

#[test]
fn a_batch_written_to_a_folder_is_all_or_nothing() {
    use juri_documents::{DocError, write_certificates_each};
    let d = demo(true);
    let data = d.data();
    let dir = d.dir.path().join("piagam-peserta");
    // Cancelled after the third file: the folder this call created is gone, nothing is left.
    let err =
        write_certificates_each(&data, Recipients::Participants, &dir, None, &mut |done, _| done < 3).unwrap_err();
    assert!(matches!(err, DocError::Core(juri_core::Error::Cancelled)), "{err:?}");
    assert!(!dir.exists(), "no folder, no half batch");
    let left: Vec<_> = std::fs::read_dir(d.dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().contains("juri-tmp")), "{left:?}");
    // Into a folder the user already has: it is kept, only our files are added.
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("catatan.txt"), "milik panitia").unwrap();
    let files = write_certificates_each(&data, Recipients::Participants, &dir, None, &mut |_, _| true).unwrap();
    assert_eq!(files.len(), 18);
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 19, "18 certificates beside the organiser's note");
    // The open database is never a target: a database named like a certificate is refused.
    let db = dir.join(files[0].file_name().unwrap());
    let err = write_certificates_each(&data, Recipients::Participants, &dir, Some(&db), &mut |_, _| true).unwrap_err();
    assert!(
        matches!(&err, DocError::Recipient { source, .. } if matches!(**source, DocError::Core(juri_core::Error::FileUnreadable(_)))),
        "{err:?}"
    );
    assert!(
        err.message(juri_core::Lang::Id).starts_with("Piagam untuk proposal "),
        "{}",
        err.message(juri_core::Lang::Id)
    );
}

#[test]
fn a_recipient_keeps_its_number_in_every_batch_and_sertifikat_have_their_own_series() {
    let mut d = demo(true);
    let id = d.id.clone();
    let number_of = |list: &[juri_documents::Recipient], code: &str| {
        list.iter().find(|r| r.proposal == code).map(|r| r.number.clone()).unwrap()
    };
    // The winners' batch first: Juara I Kesehatan (P-002) is the fourth piagam.
    d.db.write(|tx| juri_documents::register_certificates(tx, &id, Recipients::Winners, NOW)).unwrap();
    let winners = recipients(&d.data(), Recipients::Winners);
    assert_eq!(number_of(&winners, "P-002"), "004/PIAGAM/Org/2026");
    // Then the participants' batch: P-002 keeps 004; the others get sertifikat numbers from 001.
    d.db.write(|tx| juri_documents::register_certificates(tx, &id, Recipients::Participants, NOW)).unwrap();
    let all = recipients(&d.data(), Recipients::Participants);
    assert_eq!(number_of(&all, "P-002"), "004/PIAGAM/Org/2026", "the same piagam number in every batch");
    let sertifikat: Vec<&str> = all.iter().filter(|r| !r.winner).map(|r| r.number.as_str()).collect();
    assert_eq!(sertifikat.len(), 6);
    assert_eq!(sertifikat[0], "001/SERTIFIKAT/Org/2026");
    assert_eq!(sertifikat[5], "006/SERTIFIKAT/Org/2026");
    // A reprint registers nothing new and prints the same numbers.
    let before = juri_core::certificates::register_entries(d.db.conn(), &id).unwrap();
    d.db.write(|tx| juri_documents::register_certificates(tx, &id, Recipients::Participants, NOW)).unwrap();
    assert_eq!(juri_core::certificates::register_entries(d.db.conn(), &id).unwrap(), before);
    assert_eq!(before.len(), 18, "12 piagam and 6 sertifikat");
    let pdf = d.save("sertifikat-ulang.pdf", &certificates_pdf(&d.data(), Recipients::Participants).unwrap());
    assert!(text(&pdf).contains("Nomor: 004/PIAGAM/Org/2026"));
    // The register exported: series, number as printed, the recipient.
    let csv = juri_documents::export::certificate_register_csv(d.db.conn(), &d.data()).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("piagam;4;004/PIAGAM/Org/2026;P-002;")), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("sertifikat;1;001/SERTIFIKAT/Org/2026;")), "{csv}");
}
