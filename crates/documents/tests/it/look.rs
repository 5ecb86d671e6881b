//! The look of each document, as reviewed: page 1 rendered at 40 dpi is compared with the PNG in
//! tests/reference/ (mean absolute difference per channel). After a reviewed change of the look,
//! regenerate with `JURI_UPDATE_REFERENCE=1 cargo test -p juri-documents --test it look` and look
//! at the new images before committing them. `JURI_DOCS_OUT=DIR` also keeps the PDFs there.

use std::path::{Path, PathBuf};

use juri_documents::*;

use crate::support::*;

/// Largest accepted mean absolute difference (grey levels 0–255) before the look counts as changed.
const TOLERANCE: f64 = 1.5;

fn reference_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/reference")
}

/// A PNG as one grey value per pixel, whatever its encoding.
fn decode(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let grey: Vec<u8> = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|px| {
            if channels >= 3 {
                ((px[0] as u32 * 30 + px[1] as u32 * 59 + px[2] as u32 * 11) / 100) as u8
            } else {
                px[0]
            }
        })
        .collect();
    (info.width, info.height, grey)
}

/// Saves a rendering as a greyscale PNG (a third of the size of the RGB one).
fn save_grey(from: &Path, to: &Path) {
    let (w, h, grey) = decode(from);
    let file = std::io::BufWriter::new(std::fs::File::create(to).unwrap());
    let mut enc = png::Encoder::new(file, w, h);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::High);
    enc.write_header().unwrap().write_image_data(&grey).unwrap();
}

/// Mean absolute difference per pixel (grey levels 0–255) between two PNGs of the same size.
pub fn difference(a: &Path, b: &Path) -> f64 {
    let (wa, ha, pa) = decode(a);
    let (wb, hb, pb) = decode(b);
    assert_eq!((wa, ha), (wb, hb), "same page size");
    pa.iter().zip(&pb).map(|(x, y)| (*x as f64 - *y as f64).abs()).sum::<f64>() / pa.len() as f64
}

fn check(d: &Demo, name: &str, pdf: Vec<u8>, page: usize) {
    let file = d.save(&format!("{name}.pdf"), &pdf);
    let current = render_png(&file, page, 40, &d.dir.path().join(format!("{name}-current")));
    let reference = reference_dir().join(format!("{name}.png"));
    if std::env::var_os("JURI_UPDATE_REFERENCE").is_some() {
        save_grey(&current, &reference);
        return;
    }
    assert!(
        reference.exists(),
        "no reference image {}: review the look, then set JURI_UPDATE_REFERENCE=1",
        reference.display()
    );
    let diff = difference(&current, &reference);
    assert!(
        diff <= TOLERANCE,
        "{name}: the look changed (mean difference {diff:.2} > {TOLERANCE}); review {} against {}",
        current.display(),
        reference.display()
    );
}

#[test]
fn documents_look_as_reviewed() {
    let d = demo(true);
    let data = d.data();
    check(&d, "piagam", certificates_pdf(&data, Recipients::Winners).unwrap(), 1);
    check(&d, "rekap-presentasi", recap_pdf(&data, Some("presentasi")).unwrap(), 1);
    check(&d, "rekap-proposal", recap_pdf(&data, Some("proposal")).unwrap(), 1);
    let blank = SheetOptions {
        stage: Some("proposal".into()),
        judge: Some("J2".into()),
        proposal: Some("P-007".into()),
        filled: false,
    };
    check(&d, "lembar-kosong", score_sheets_pdf(d.db.conn(), &data, &blank).unwrap(), 1);
    let filled = SheetOptions {
        stage: Some("presentasi".into()),
        judge: Some("J1".into()),
        proposal: Some("P-009".into()),
        filled: true,
    };
    check(&d, "lembar-isi", score_sheets_pdf(d.db.conn(), &data, &filled).unwrap(), 1);
    let ba = berita_acara_pdf(&data).unwrap();
    check(&d, "berita-acara-1", ba.clone(), 1);
    let last = {
        let f = d.save("ba-pages.pdf", &ba);
        info(&f).0
    };
    check(&d, "berita-acara-akhir", ba, last);
    check(&d, "lampiran-sk", sk_pdf(&data, SkList::Winners).unwrap(), 1);
    check(&d, "pengumuman-finalis", sk_pdf(&data, SkList::Finalists).unwrap(), 1);
}

#[test]
fn the_comparison_notices_a_changed_page() {
    let d = demo(true);
    let data = d.data();
    let a = d.save("a.pdf", &sk_pdf(&data, SkList::Winners).unwrap());
    let b = d.save("b.pdf", &sk_pdf(&data, SkList::Finalists).unwrap());
    let pa = render_png(&a, 1, 40, &d.dir.path().join("a"));
    let pb = render_png(&b, 1, 40, &d.dir.path().join("b"));
    assert_eq!(difference(&pa, &pa), 0.0);
    assert!(difference(&pa, &pb) > TOLERANCE, "two different documents differ beyond the tolerance");
}
