//! Document settings stored per competition: defaults until saved, saved values kept, logo apart.

use juri_core::documents_settings::*;

use super::support::*;

#[test]
fn defaults_until_saved_then_the_saved_values() {
    let (mut t, id) = with_competition();
    let d = load_document_settings(t.db.conn(), &id).unwrap();
    assert_eq!(d.kop_lines[0], "PEMERINTAH KABUPATEN SUKAMAJU", "derived from the organiser");
    assert_eq!(d.head.position, "BUPATI SUKAMAJU");

    let mut s = d.clone();
    s.head.name = "H. Ahmad Fauzan, S.H., M.H.".into();
    s.secretary.name = "Dr. Ir. Wahyu Santoso, M.Si.".into();
    s.secretary.nip = "197201101998031006".into();
    s.pleno_date = "2026-09-24".into();
    t.db.write(|tx| save_document_settings(tx, &id, &s, NOW)).unwrap();
    assert_eq!(load_document_settings(t.db.conn(), &id).unwrap(), s, "read back as saved");

    let bad = DocumentSettings { pleno_date: "24 September 2026".into(), ..s.clone() };
    let e = t.db.write(|tx| save_document_settings(tx, &id, &bad, NOW)).unwrap_err();
    assert_eq!(e.code(), juri_core::ErrorCode::InvalidInput, "dates are ISO");
    assert_eq!(load_document_settings(t.db.conn(), &id).unwrap(), s, "a refused save changes nothing");
}

#[test]
fn partial_json_keeps_the_defaults_of_missing_keys() {
    let (t, id) = with_competition();
    t.db.conn()
        .execute(
            "INSERT INTO document_settings (competition_id, settings, updated_at) VALUES (?1, ?2, ?3)",
            [&id, r#"{"head": {"name": "H. Ahmad Fauzan, S.H., M.H."}}"#, NOW],
        )
        .unwrap();
    let d = load_document_settings(t.db.conn(), &id).unwrap();
    assert_eq!(d.head.name, "H. Ahmad Fauzan, S.H., M.H.");
    assert_eq!(d.head.position, "BUPATI SUKAMAJU", "missing key keeps its default");
    assert_eq!(d.certificate.winner_heading, "PIAGAM PENGHARGAAN");
}

#[test]
fn logo_is_png_or_jpeg_and_survives_a_settings_save() {
    let (mut t, id) = with_competition();
    assert_eq!(load_logo(t.db.conn(), &id).unwrap(), None);
    let mut png = Vec::new();
    let mut enc = png::Encoder::new(&mut png, 2, 2);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.write_header().unwrap().write_image_data(&[20, 110, 60].repeat(4)).unwrap();
    t.db.write(|tx| save_logo(tx, &id, Some(&png), NOW)).unwrap();
    let stored = juri_core::documents_settings::normalise_logo(&png).unwrap();
    let s = load_document_settings(t.db.conn(), &id).unwrap();
    t.db.write(|tx| save_document_settings(tx, &id, &s, NOW)).unwrap();
    assert_eq!(load_logo(t.db.conn(), &id).unwrap(), Some(stored), "saving settings keeps the logo");
    let e = t.db.write(|tx| save_logo(tx, &id, Some(b"GIF89a"), NOW)).unwrap_err();
    assert_eq!(e.code(), juri_core::ErrorCode::InvalidInput);
    // A PNG signature alone is not a logo: refused, and the saved one is kept.
    let e = t.db.write(|tx| save_logo(tx, &id, Some(b"\x89PNG\r\n\x1a\nrest"), NOW)).unwrap_err();
    assert_eq!(e.code(), juri_core::ErrorCode::InvalidInput);
    assert!(load_logo(t.db.conn(), &id).unwrap().is_some(), "the earlier logo stays");
    t.db.write(|tx| save_logo(tx, &id, None, NOW)).unwrap();
    assert_eq!(load_logo(t.db.conn(), &id).unwrap(), None, "removed");
}
