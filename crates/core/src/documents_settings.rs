//! Settings of the printed documents per competition (DOMAIN.md §6): letterhead, place and dates,
//! signatories with NIP, decree numbers and certificate texts. Stored as one JSON value; keys that
//! were never saved take defaults derived from the competition (organiser, place).

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::competition::{Setup, load_competition};
use crate::error::{Error, ImageProblem, InputProblem, Result};

/// Someone who signs a document, printed as DOMAIN.md §6 "Signature" says.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct Signatory {
    /// Line above the position when signing on behalf of someone: "a.n. BUPATI SUKAMAJU".
    pub on_behalf: String,
    /// Position as printed above the signature: "BUPATI SUKAMAJU", "Sekretaris Daerah".
    pub position: String,
    /// Name exactly as written, with titles: "H. Ahmad Fauzan, S.H., M.H.".
    pub name: String,
    /// Civil-service rank, optional: "Pembina Utama Muda (IV/c)".
    pub rank: String,
    /// 18 digits; printed "NIP 19720110 199803 1 006" only when present.
    pub nip: String,
}

/// Who signs certificates and the decree annex.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Signer {
    /// The head of region (Bupati, Wali Kota, Gubernur).
    #[default]
    Head,
    /// The regional secretary, on behalf of the head.
    Secretary,
}

/// How a line of the certificate body is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum CertificateLineStyle {
    #[default]
    Normal,
    /// The recipient (the unit): large and bold.
    Recipient,
    /// The innovation title: bold; shrinks or wraps when long, never cut.
    Title,
    /// The award: "Juara I Kategori Kesehatan".
    Predicate,
}

/// One line of the certificate body. Fields in braces are filled per recipient:
/// `{unit}`, `{judul}`, `{inovator}`, `{predikat}`, `{kategori}`, `{kompetisi}`, `{tahun}`.
/// A line whose field is empty (e.g. no inovator) is left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CertificateLine {
    pub text: String,
    #[serde(default)]
    pub style: CertificateLineStyle,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct CertificateTexts {
    /// Heading of winners' certificates.
    pub winner_heading: String,
    /// Heading of finalists' and participants' certificates.
    pub participant_heading: String,
    /// Piagam number; `{no}` = the recipient's number in the piagam register, `{tahun}` = year.
    /// Empty = no number.
    pub number_format: String,
    /// Sertifikat number (finalists, participants), from the sertifikat register.
    pub participant_number_format: String,
    pub body: Vec<CertificateLine>,
    pub signer: Signer,
    /// Draw the dashed circle where the official seal goes.
    pub seal_area: bool,
}

impl Default for CertificateTexts {
    fn default() -> Self {
        let line = |text: &str, style| CertificateLine { text: text.into(), style };
        use CertificateLineStyle::*;
        CertificateTexts {
            winner_heading: "PIAGAM PENGHARGAAN".into(),
            participant_heading: "SERTIFIKAT".into(),
            number_format: "{no}/PIAGAM/Org/{tahun}".into(),
            participant_number_format: "{no}/SERTIFIKAT/Org/{tahun}".into(),
            body: vec![
                line("diberikan kepada", Normal),
                line("{unit}", Recipient),
                line("Inovator: {inovator}", Normal),
                line("atas inovasi", Normal),
                line("“{judul}”", Title),
                line("sebagai", Normal),
                line("{predikat}", Predicate),
                line("dalam {kompetisi}", Normal),
            ],
            signer: Signer::Head,
            seal_area: true,
        }
    }
}

/// Everything the documents need besides the data. Dates are ISO (`2026-09-24`); an empty date
/// or number is left as a dotted blank on paper, for the clerk to write by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct DocumentSettings {
    /// The region as written in running text: "Kabupaten Sukamaju".
    pub region: String,
    /// Letterhead lines, in capitals: "PEMERINTAH KABUPATEN SUKAMAJU", "SEKRETARIAT DAERAH".
    pub kop_lines: Vec<String>,
    /// Smaller lines under the letterhead: address, phone, website, e-mail.
    pub kop_address: Vec<String>,
    /// Place in "Sukamaju, 24 September 2026".
    pub place: String,
    /// Date of the plenary (berita acara).
    pub pleno_date: String,
    /// Time of the plenary: "09.00" (the zone is `time_zone`; an older "09.00 WIB" is kept as written).
    pub pleno_time: String,
    /// The region's time zone, printed after every time: WIB, WITA or WIT.
    pub time_zone: TimeZone,
    /// Where the plenary met: "Ruang Rapat Sekretariat Daerah".
    pub pleno_venue: String,
    pub berita_acara_number: String,
    /// The decree appointing the jury, cited in the berita acara.
    pub jury_sk_number: String,
    pub jury_sk_date: String,
    /// The decree on the winners (its annex lists them).
    pub sk_number: String,
    pub sk_date: String,
    /// Number of the announcement of finalists.
    pub announcement_number: String,
    pub announcement_date: String,
    /// The finalists' presentation and interview (in the announcement of finalists): date, time
    /// ("09.00") and place.
    pub presentation_date: String,
    pub presentation_time: String,
    pub presentation_venue: String,
    /// Objections (sanggahan) to the announcement: the last day, and to whom and how
    /// ("secara tertulis kepada Bagian Organisasi Setda Kabupaten Sukamaju").
    pub objection_until: String,
    pub objection_to: String,
    /// Date printed on the certificates.
    pub certificate_date: String,
    /// Date printed on score sheets, per stage code.
    pub stage_dates: std::collections::BTreeMap<String, String>,
    /// Code of the judge who chairs the jury; empty = the first judge by code.
    pub jury_chair: String,
    /// Head of region: signs decrees and certificates.
    pub head: Signatory,
    /// Regional secretary (signs "a.n." the head when chosen).
    pub secretary: Signatory,
    /// Head of the organising section: "Mengetahui" on the berita acara.
    pub organiser_head: Signatory,
    /// Print the head of region's name in capitals without titles on decrees [unconfirmed practice].
    pub head_name_in_capitals: bool,
    pub certificate: CertificateTexts,
    /// Heads of service units: they sign their unit's monev report (the Kabag as "Mengetahui").
    pub unit_heads: Vec<UnitHead>,
}

/// The head of one service unit (by its code or name on the unit list) and how they sign.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(default)]
pub struct UnitHead {
    pub unit: String,
    pub head: Signatory,
}

impl DocumentSettings {
    /// The head set for the unit with this code or name, if any.
    pub fn unit_head(&self, code: &str, name: &str) -> Option<&Signatory> {
        let (code, name) = (crate::text::match_key(code), crate::text::match_key(name));
        self.unit_heads
            .iter()
            .find(|u| {
                let k = crate::text::match_key(&u.unit);
                !k.is_empty() && (k == code || k == name)
            })
            .map(|u| &u.head)
            .filter(|h| !h.name.trim().is_empty() || !h.position.trim().is_empty())
    }
}

/// The time zones of Indonesia, as printed after a time ("pukul 09.00 WIB").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub enum TimeZone {
    /// Western Indonesia (Sumatra, Java, West and Central Kalimantan).
    #[default]
    #[serde(rename = "WIB")]
    Wib,
    /// Central Indonesia (Bali, Nusa Tenggara, Sulawesi, South, East and North Kalimantan).
    #[serde(rename = "WITA")]
    Wita,
    /// Eastern Indonesia (Maluku, Papua).
    #[serde(rename = "WIT")]
    Wit,
}

impl TimeZone {
    pub fn label(self) -> &'static str {
        match self {
            TimeZone::Wib => "WIB",
            TimeZone::Wita => "WITA",
            TimeZone::Wit => "WIT",
        }
    }
}

/// A time as printed: "09.00 WIB" (`9:00` is written `09.00`), the zone after the first time of
/// "08.00 s.d. selesai"; one already written with its zone, or not starting with a time, is kept
/// as written; None when empty.
pub fn time_with_zone(time: &str, zone: TimeZone) -> Option<String> {
    let time = time.trim();
    if time.is_empty() {
        return None;
    }
    let upper = format!(" {} ", time.to_uppercase());
    if [" WIB ", " WITA ", " WIT "].iter().any(|z| upper.contains(z)) {
        return Some(time.to_string());
    }
    let (first, rest) = time.split_once(char::is_whitespace).unwrap_or((time, ""));
    let Some((h, m)) = first.split_once([':', '.']) else { return Some(time.to_string()) };
    if !(1..=2).contains(&h.len()) || m.len() != 2 || !h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) {
        return Some(time.to_string());
    }
    let rest = rest.trim();
    Some(format!("{h:0>2}.{m} {}{}{rest}", zone.label(), if rest.is_empty() { "" } else { " " }))
}

/// The region named in `text`: "… Kabupaten Sukamaju Tahun 2026" → ("Kabupaten", "Sukamaju").
fn find_region(text: &str) -> Option<(&'static str, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let kind = match w.to_lowercase().as_str() {
            "kabupaten" => "Kabupaten",
            "kota" => "Kota",
            "provinsi" => "Provinsi",
            _ => continue,
        };
        let name: Vec<&str> = words[i + 1..]
            .iter()
            .take_while(|n| {
                let l = n.to_lowercase();
                l != "tahun"
                    && !n.chars().all(|c| c.is_ascii_digit())
                    && n.chars().next().is_some_and(char::is_uppercase)
            })
            .copied()
            .collect();
        if !name.is_empty() {
            return Some((kind, name.join(" ")));
        }
    }
    None
}

impl DocumentSettings {
    /// Defaults derived from the competition: region from the organiser or the name, a Setda letterhead.
    pub fn defaults_for(setup: &Setup) -> DocumentSettings {
        let region = find_region(&setup.organiser).or_else(|| find_region(&setup.name));
        let (kind, name) = region.clone().unwrap_or(("Kabupaten", String::new()));
        let upper_name = name.to_uppercase();
        let head_title = match kind {
            "Kota" => "WALI KOTA",
            "Provinsi" => "GUBERNUR",
            _ => "BUPATI",
        };
        let head_position = format!("{head_title} {upper_name}").trim().to_string();
        let place = if setup.place.trim().is_empty() { name.clone() } else { setup.place.clone() };
        DocumentSettings {
            region: region.as_ref().map(|(k, n)| format!("{k} {n}")).unwrap_or_default(),
            kop_lines: vec![
                format!("PEMERINTAH {} {upper_name}", kind.to_uppercase()).trim().to_string(),
                "SEKRETARIAT DAERAH".into(),
            ],
            kop_address: Vec::new(),
            place,
            head: Signatory { position: head_position.clone(), ..Default::default() },
            secretary: Signatory {
                on_behalf: format!("a.n. {head_position}"),
                position: "Sekretaris Daerah".into(),
                ..Default::default()
            },
            organiser_head: Signatory { position: "Kepala Bagian Organisasi".into(), ..Default::default() },
            certificate: CertificateTexts::default(),
            ..Default::default()
        }
    }

    /// Checks dates and NIPs; every other field is free text.
    pub fn validate(&self) -> Result<()> {
        let dates = [
            ("tanggal_pleno", &self.pleno_date),
            ("tanggal_sk_juri", &self.jury_sk_date),
            ("tanggal_sk", &self.sk_date),
            ("tanggal_pengumuman", &self.announcement_date),
            ("tanggal_piagam", &self.certificate_date),
            ("tanggal_presentasi", &self.presentation_date),
            ("batas_sanggahan", &self.objection_until),
        ];
        for (field, d) in dates.into_iter().chain(self.stage_dates.values().map(|d| ("tanggal_penilaian", d))) {
            if !d.trim().is_empty() && parse_date(d).is_none() {
                return Err(Error::InvalidInput { field, problem: InputProblem::BadDate(d.clone()) });
            }
        }
        for s in [&self.head, &self.secretary, &self.organiser_head]
            .into_iter()
            .chain(self.unit_heads.iter().map(|u| &u.head))
        {
            let digits: String = s.nip.chars().filter(|c| !c.is_whitespace()).collect();
            let is_nip = digits.len() == 18 && digits.chars().all(|c| c.is_ascii_digit());
            if !digits.is_empty() && !is_nip {
                return Err(Error::InvalidInput { field: "nip", problem: InputProblem::BadNip(s.nip.clone()) });
            }
        }
        Ok(())
    }
}

/// An ISO date (`2026-09-24`), or None.
pub fn parse_date(s: &str) -> Option<time::Date> {
    time::Date::parse(s.trim(), time::macros::format_description!("[year]-[month]-[day]")).ok()
}

/// Merges `over` into `base`: objects key by key (recursively), anything else replaced.
fn merge(base: &mut serde_json::Value, over: serde_json::Value) {
    match (base, over) {
        (serde_json::Value::Object(b), serde_json::Value::Object(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(slot) => merge(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (slot, v) => *slot = v,
    }
}

/// `current` with the keys given in `json` replaced (nested objects key by key), as a file of
/// settings is applied: keys left out keep their value.
pub fn settings_with_json(current: &DocumentSettings, json: &str) -> Result<DocumentSettings> {
    let bad = |e: serde_json::Error| Error::InvalidInput {
        field: "pengaturan_dokumen",
        problem: InputProblem::BadJson(e.to_string()),
    };
    let given: serde_json::Value = serde_json::from_str(json.trim_start_matches('\u{feff}')).map_err(bad)?;
    let mut value = serde_json::to_value(current).expect("settings serialise");
    merge(&mut value, given);
    let s: DocumentSettings = serde_json::from_value(value).map_err(bad)?;
    s.validate()?;
    Ok(s)
}

/// The saved settings over the competition's defaults.
pub fn load_document_settings(conn: &Connection, competition_id: &str) -> Result<DocumentSettings> {
    let comp = load_competition(conn, competition_id)?;
    let defaults = DocumentSettings::defaults_for(&comp.setup);
    let saved: Option<String> = conn
        .query_row("SELECT settings FROM document_settings WHERE competition_id = ?1", [competition_id], |r| r.get(0))
        .optional()?;
    let Some(saved) = saved else { return Ok(defaults) };
    let mut value = serde_json::to_value(&defaults).expect("settings serialise");
    match serde_json::from_str::<serde_json::Value>(&saved) {
        Ok(v) => merge(&mut value, v),
        Err(e) => log::warn!("document settings of {competition_id} are not JSON, defaults used: {e}"),
    }
    Ok(serde_json::from_value(value).unwrap_or_else(|e| {
        log::warn!("document settings of {competition_id} do not fit, defaults used: {e}");
        defaults
    }))
}

/// Saves the whole settings value (checked first); the logo is kept.
pub fn save_document_settings(tx: &Connection, competition_id: &str, s: &DocumentSettings, now: &str) -> Result<()> {
    load_competition(tx, competition_id)?;
    s.validate()?;
    let json = serde_json::to_string(s).expect("settings serialise");
    tx.execute(
        "INSERT INTO document_settings (competition_id, settings, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (competition_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at",
        params![competition_id, json, now],
    )?;
    Ok(())
}

/// The logo (PNG or JPEG bytes), if one was saved.
/// The settings as the Dokumen screen edits them, and whether a logo is stored.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DocumentSettingsView {
    pub settings: DocumentSettings,
    pub has_logo: bool,
}

pub fn document_settings_view(conn: &Connection, competition_id: &str) -> Result<DocumentSettingsView> {
    Ok(DocumentSettingsView {
        settings: load_document_settings(conn, competition_id)?,
        has_logo: load_logo(conn, competition_id)?.is_some(),
    })
}

pub fn load_logo(conn: &Connection, competition_id: &str) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .query_row("SELECT logo FROM document_settings WHERE competition_id = ?1", [competition_id], |r| r.get(0))
        .optional()?
        .flatten())
}

/// Largest logo file accepted, in bytes (an emblem is a few hundred kilobytes at most).
pub const MAX_LOGO_BYTES: usize = 5 * 1024 * 1024;
/// Largest logo accepted, in pixels per side (4096 px is 35 cm at 300 dpi).
pub const MAX_LOGO_SIDE: u32 = 4096;

/// A logo decoded to 8-bit pixels, the form every document embeds.
#[derive(Debug, Clone, PartialEq)]
pub struct LogoPixels {
    pub width: u32,
    pub height: u32,
    /// Rows top to bottom, RGBA when `alpha`, else RGB, one byte per channel.
    pub pixels: Vec<u8>,
    pub alpha: bool,
}

fn bad_image(problem: ImageProblem) -> Error {
    Error::InvalidInput { field: "logo", problem: InputProblem::Image(problem) }
}

fn check_side(width: u32, height: u32) -> Result<()> {
    if width == 0 || height == 0 || width > MAX_LOGO_SIDE || height > MAX_LOGO_SIDE {
        return Err(bad_image(ImageProblem::TooManyPixels { width, height, max: MAX_LOGO_SIDE }));
    }
    Ok(())
}

/// Decodes a PNG or JPEG logo to 8-bit RGB or RGBA. The file size and the pixel size (read from
/// the header, before any pixel is decoded) are bounded; 16-bit, grey, palette and interlaced PNGs
/// are converted; a file that does not decode whole (truncated, corrupt) is refused.
pub fn decode_logo(bytes: &[u8]) -> Result<LogoPixels> {
    if bytes.len() > MAX_LOGO_BYTES {
        return Err(bad_image(ImageProblem::TooLarge { bytes: bytes.len() as u64, max: MAX_LOGO_BYTES as u64 }));
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        decode_png(bytes)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        decode_jpeg(bytes)
    } else {
        Err(Error::InvalidInput { field: "logo", problem: InputProblem::BadImage })
    }
}

fn decode_png(bytes: &[u8]) -> Result<LogoPixels> {
    let corrupt = |e: png::DecodingError| bad_image(ImageProblem::Corrupt(e.to_string()));
    // The decoder's own buffers are capped too (a lying header or a zip bomb of an IDAT).
    let limits = png::Limits { bytes: 4 * (MAX_LOGO_SIDE as usize) * (MAX_LOGO_SIDE as usize) * 2 };
    let mut decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    let header = decoder.read_header_info().map_err(corrupt)?;
    check_side(header.width, header.height)?;
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().map_err(corrupt)?;
    let size = reader.output_buffer_size().ok_or_else(|| bad_image(ImageProblem::Corrupt("size".into())))?;
    let mut buf = vec![0; size];
    let frame = reader.next_frame(&mut buf).map_err(corrupt)?;
    buf.truncate(frame.buffer_size());
    let (width, height) = (frame.width, frame.height);
    let (pixels, alpha) = match (frame.color_type, frame.bit_depth) {
        (png::ColorType::Rgb, png::BitDepth::Eight) => (buf, false),
        (png::ColorType::Rgba, png::BitDepth::Eight) => (buf, true),
        (png::ColorType::Grayscale, png::BitDepth::Eight) => (buf.iter().flat_map(|&g| [g, g, g]).collect(), false),
        (png::ColorType::GrayscaleAlpha, png::BitDepth::Eight) => {
            (buf.chunks_exact(2).flat_map(|ga| [ga[0], ga[0], ga[0], ga[1]]).collect(), true)
        }
        (c, d) => return Err(bad_image(ImageProblem::Corrupt(format!("{c:?} {d:?}")))),
    };
    Ok(LogoPixels { width, height, pixels, alpha })
}

fn decode_jpeg(bytes: &[u8]) -> Result<LogoPixels> {
    use zune_jpeg::zune_core::bytestream::ZCursor;
    use zune_jpeg::zune_core::colorspace::ColorSpace;
    use zune_jpeg::zune_core::options::DecoderOptions;
    let corrupt = |e: zune_jpeg::errors::DecodeErrors| bad_image(ImageProblem::Corrupt(e.to_string()));
    // The decoder's own size limit is lifted so that the header is read and our bound, checked
    // before any pixel is decoded, gives the message. Strict: a truncated or damaged file is
    // refused rather than printed half grey.
    let options = DecoderOptions::default()
        .set_max_width(usize::from(u16::MAX))
        .set_max_height(usize::from(u16::MAX))
        .set_strict_mode(true)
        .jpeg_set_out_colorspace(ColorSpace::RGB);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(ZCursor::new(bytes), options);
    decoder.decode_headers().map_err(corrupt)?;
    let info = decoder.info().ok_or_else(|| bad_image(ImageProblem::Corrupt("header".into())))?;
    check_side(u32::from(info.width), u32::from(info.height))?;
    let pixels = decoder.decode().map_err(corrupt)?;
    let (width, height) = (u32::from(info.width), u32::from(info.height));
    if pixels.len() != width as usize * height as usize * 3 {
        return Err(bad_image(ImageProblem::Corrupt("pixel count".into())));
    }
    Ok(LogoPixels { width, height, pixels, alpha: false })
}

/// The logo as it is stored: decoded, bounded and written again as an 8-bit RGB or RGBA PNG, which
/// every document embeds alike (a 16-bit PNG would print blank, a broken file would stop every PDF).
pub fn normalise_logo(bytes: &[u8]) -> Result<Vec<u8>> {
    let logo = decode_logo(bytes)?;
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, logo.width, logo.height);
    enc.set_color(if logo.alpha { png::ColorType::Rgba } else { png::ColorType::Rgb });
    enc.set_depth(png::BitDepth::Eight);
    let written = enc.write_header().and_then(|mut w| w.write_image_data(&logo.pixels).and_then(|()| w.finish()));
    written.map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(out)
}

/// Saves or (with None) removes the logo. PNG and JPEG are accepted when they decode within the
/// bounds of [`decode_logo`]; the stored logo is the [`normalise_logo`] PNG.
pub fn save_logo(tx: &Connection, competition_id: &str, logo: Option<&[u8]>, now: &str) -> Result<()> {
    load_competition(tx, competition_id)?;
    let logo = logo.map(normalise_logo).transpose()?;
    tx.execute(
        "INSERT INTO document_settings (competition_id, logo, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (competition_id) DO UPDATE SET logo = excluded.logo, updated_at = excluded.updated_at",
        params![competition_id, logo, now],
    )?;
    Ok(())
}

#[cfg(test)]
#[path = "documents_settings_tests.rs"]
mod tests;
