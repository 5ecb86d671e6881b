use super::*;
use crate::competition::template_setup;

#[test]
fn region_from_organiser_or_name() {
    assert_eq!(find_region("Bagian Organisasi Setda Kabupaten Sukamaju"), Some(("Kabupaten", "Sukamaju".into())));
    assert_eq!(
        find_region("Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2026"),
        Some(("Kabupaten", "Sukamaju".into()))
    );
    assert_eq!(find_region("KIPP Kota Tanjung Pinang 2025"), Some(("Kota", "Tanjung Pinang".into())));
    assert_eq!(find_region("Lomba inovasi"), None);
}

#[test]
fn defaults_follow_the_competition() {
    let mut s = template_setup("kabupaten", "Kompetisi Inovasi Kabupaten Sukamaju Tahun 2026", 2026).unwrap();
    s.place = "Sukamaju".into();
    let d = DocumentSettings::defaults_for(&s);
    assert_eq!(d.region, "Kabupaten Sukamaju");
    assert_eq!(d.kop_lines, vec!["PEMERINTAH KABUPATEN SUKAMAJU", "SEKRETARIAT DAERAH"]);
    assert_eq!(d.head.position, "BUPATI SUKAMAJU");
    assert_eq!(d.secretary.on_behalf, "a.n. BUPATI SUKAMAJU");
    assert_eq!(d.place, "Sukamaju");
    d.validate().unwrap();
}

#[test]
fn bad_dates_and_nips_are_refused() {
    let mut d = DocumentSettings { pleno_date: "24-09-2026".into(), ..Default::default() };
    assert!(matches!(d.validate(), Err(Error::InvalidInput { problem: InputProblem::BadDate(_), .. })));
    d.pleno_date = "2026-09-24".into();
    d.secretary.nip = "19720110 199803 1 06".into();
    assert!(matches!(d.validate(), Err(Error::InvalidInput { problem: InputProblem::BadNip(_), .. })));
    d.secretary.nip = "19720110 199803 1 006".into();
    d.validate().unwrap();
}

#[test]
fn a_settings_file_changes_only_the_keys_it_names() {
    let base = DocumentSettings { place: "Sukamaju".into(), ..Default::default() };
    let s = settings_with_json(&base, r#"{"head": {"name": "H. Ahmad Fauzan, S.H., M.H."}}"#).unwrap();
    assert_eq!(s.head.name, "H. Ahmad Fauzan, S.H., M.H.");
    assert_eq!(s.place, "Sukamaju", "kept");
    let e = settings_with_json(&base, "{ not json").unwrap_err();
    assert!(matches!(e, Error::InvalidInput { problem: InputProblem::BadJson(_), .. }));
    let e = settings_with_json(&base, r#"{"pleno_date": "kemarin"}"#).unwrap_err();
    assert!(matches!(e, Error::InvalidInput { problem: InputProblem::BadDate(_), .. }), "checked");
}

fn png_of(width: u32, height: u32, color: png::ColorType, depth: png::BitDepth, data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, width, height);
    enc.set_color(color);
    enc.set_depth(depth);
    let mut w = enc.write_header().unwrap();
    w.write_image_data(data).unwrap();
    w.finish().unwrap();
    out
}

/// A PNG chunk with its CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in kind.iter().chain(data) {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&(!crc).to_be_bytes());
    out
}

const JPEG_8X6: &[u8] = &[
    0xff, 0xd8, 0xff, 0xe0, 0x0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x0, 0x1, 0x1, 0x0, 0x0, 0x1, 0x0, 0x1, 0x0, 0x0, 0xff,
    0xdb, 0x0, 0x43, 0x0, 0x3, 0x2, 0x2, 0x3, 0x2, 0x2, 0x3, 0x3, 0x3, 0x3, 0x4, 0x3, 0x3, 0x4, 0x5, 0x8, 0x5, 0x5,
    0x4, 0x4, 0x5, 0xa, 0x7, 0x7, 0x6, 0x8, 0xc, 0xa, 0xc, 0xc, 0xb, 0xa, 0xb, 0xb, 0xd, 0xe, 0x12, 0x10, 0xd, 0xe,
    0x11, 0xe, 0xb, 0xb, 0x10, 0x16, 0x10, 0x11, 0x13, 0x14, 0x15, 0x15, 0x15, 0xc, 0xf, 0x17, 0x18, 0x16, 0x14, 0x18,
    0x12, 0x14, 0x15, 0x14, 0xff, 0xdb, 0x0, 0x43, 0x1, 0x3, 0x4, 0x4, 0x5, 0x4, 0x5, 0x9, 0x5, 0x5, 0x9, 0x14, 0xd,
    0xb, 0xd, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
    0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14,
    0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0x14, 0xff, 0xc0, 0x0, 0x11, 0x8,
    0x0, 0x6, 0x0, 0x8, 0x3, 0x1, 0x11, 0x0, 0x2, 0x11, 0x1, 0x3, 0x11, 0x1, 0xff, 0xc4, 0x0, 0x14, 0x0, 0x1, 0x0, 0x0,
    0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x8, 0xff, 0xc4, 0x0, 0x14, 0x10, 0x1, 0x0, 0x0,
    0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0xff, 0xc4, 0x0, 0x15, 0x1, 0x1, 0x1, 0x0,
    0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x6, 0x7, 0xff, 0xc4, 0x0, 0x14, 0x11, 0x1, 0x0,
    0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0x0, 0xff, 0xda, 0x0, 0xc, 0x3, 0x1, 0x0,
    0x2, 0x11, 0x3, 0x11, 0x0, 0x3f, 0x0, 0x3f, 0x8f, 0xa3, 0xef, 0xff, 0xd9,
];

#[test]
fn a_16_bit_png_is_stored_as_8_bit_rgb() {
    // 2×1, 16-bit RGB: a dark green and a yellow (ImageMagick's default depth for PNG).
    let px: Vec<u8> =
        [0x1414u16, 0x6E6E, 0x3C3C, 0xE6E6, 0xBEBE, 0x2828].iter().flat_map(|v| v.to_be_bytes()).collect();
    let stored = normalise_logo(&png_of(2, 1, png::ColorType::Rgb, png::BitDepth::Sixteen, &px)).unwrap();
    let logo = decode_logo(&stored).unwrap();
    assert_eq!((logo.width, logo.height, logo.alpha), (2, 1, false));
    assert_eq!(logo.pixels, [0x14, 0x6E, 0x3C, 0xE6, 0xBE, 0x28]);
    let header = png::Decoder::new(std::io::Cursor::new(&stored)).read_info().unwrap().info().clone();
    assert_eq!((header.color_type, header.bit_depth), (png::ColorType::Rgb, png::BitDepth::Eight));
    // Grey with alpha becomes RGBA; a palette becomes RGB.
    let ga = decode_logo(&png_of(1, 1, png::ColorType::GrayscaleAlpha, png::BitDepth::Eight, &[90, 200])).unwrap();
    assert_eq!((ga.pixels, ga.alpha), (vec![90, 90, 90, 200], true));
}

#[test]
fn a_truncated_or_lying_png_is_refused() {
    let good = png_of(40, 40, png::ColorType::Rgb, png::BitDepth::Eight, &[120; 40 * 40 * 3]);
    let cut = &good[..good.len() - 30];
    let e = normalise_logo(cut).unwrap_err();
    assert!(matches!(e, Error::InvalidInput { problem: InputProblem::Image(ImageProblem::Corrupt(_)), .. }), "{e:?}");
    assert!(e.message(crate::Lang::Id).contains("rusak atau terpotong"), "{}", e.message(crate::Lang::Id));

    // A header claiming 65536 × 32768 pixels (2^31) and no data: refused from the header alone.
    let mut ihdr = 65536u32.to_be_bytes().to_vec();
    ihdr.extend(32768u32.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut huge = b"\x89PNG\r\n\x1a\n".to_vec();
    huge.extend(chunk(b"IHDR", &ihdr));
    huge.extend(chunk(b"IEND", &[]));
    let e = normalise_logo(&huge).unwrap_err();
    assert!(
        matches!(
            e,
            Error::InvalidInput {
                problem: InputProblem::Image(ImageProblem::TooManyPixels { width: 65536, height: 32768, max: 4096 }),
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.message(crate::Lang::En).contains("65536×32768 pixels"), "{}", e.message(crate::Lang::En));
    // Over the byte limit, and not an image at all.
    let mut big = good.clone();
    big.resize(MAX_LOGO_BYTES + 1, 0);
    assert!(matches!(
        normalise_logo(&big),
        Err(Error::InvalidInput { problem: InputProblem::Image(ImageProblem::TooLarge { .. }), .. })
    ));
    assert!(matches!(normalise_logo(b"GIF89a"), Err(Error::InvalidInput { problem: InputProblem::BadImage, .. })));
}

#[test]
fn a_jpeg_is_decoded_and_a_cut_one_refused() {
    let logo = decode_logo(JPEG_8X6).unwrap();
    assert_eq!((logo.width, logo.height, logo.alpha, logo.pixels.len()), (8, 6, false, 8 * 6 * 3));
    let g = &logo.pixels[..3];
    assert!(g[1] > 90 && g[0] < 60 && g[2] < 90, "dark green: {g:?}");
    let stored = normalise_logo(JPEG_8X6).unwrap();
    assert!(stored.starts_with(b"\x89PNG"), "stored as PNG");
    assert!(normalise_logo(&JPEG_8X6[..JPEG_8X6.len() / 2]).is_err(), "half a JPEG is refused");
}

#[test]
fn saved_keys_override_defaults_and_missing_ones_keep_them() {
    let mut base = serde_json::json!({"place": "A", "head": {"position": "BUPATI X", "name": ""}});
    merge(&mut base, serde_json::json!({"head": {"name": "H. Ahmad"}}));
    assert_eq!(base, serde_json::json!({"place": "A", "head": {"position": "BUPATI X", "name": "H. Ahmad"}}));
}

#[test]
fn a_time_is_printed_with_the_regions_zone_once() {
    assert_eq!(time_with_zone("09.00", TimeZone::Wib).as_deref(), Some("09.00 WIB"));
    assert_eq!(time_with_zone(" 9:30 ", TimeZone::Wita).as_deref(), Some("09.30 WITA"));
    assert_eq!(time_with_zone("13.00 WIT", TimeZone::Wib).as_deref(), Some("13.00 WIT"), "already written with a zone");
    assert_eq!(time_with_zone("08.00 s.d. selesai", TimeZone::Wit).as_deref(), Some("08.00 WIT s.d. selesai"));
    assert_eq!(time_with_zone("pagi hari", TimeZone::Wib).as_deref(), Some("pagi hari"), "not a time: as written");
    assert_eq!(time_with_zone("  ", TimeZone::Wib), None);
    // Stored settings without a zone read as WIB; the zone is saved as its label.
    let s: DocumentSettings = serde_json::from_str(r#"{"pleno_time": "09.00"}"#).unwrap();
    assert_eq!(s.time_zone, TimeZone::Wib);
    let s: DocumentSettings = serde_json::from_str(r#"{"time_zone": "WITA"}"#).unwrap();
    assert_eq!(serde_json::to_value(&s).unwrap()["time_zone"], "WITA");
    assert!(serde_json::from_str::<DocumentSettings>(r#"{"time_zone": "GMT"}"#).is_err());
    let bad = DocumentSettings { objection_until: "31 Agustus".into(), ..Default::default() };
    assert!(bad.validate().is_err(), "the objection deadline is a date");
}
