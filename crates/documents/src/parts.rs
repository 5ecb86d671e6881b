//! Pieces every document shares: type styles, dates as clerks write them, the letterhead (kop
//! surat) and signature blocks.

use juri_core::documents_settings::{Signatory, parse_date};
use juri_core::format_id;

use crate::fonts::Face;
use crate::layout::{Align, Flow, Item, Page, Style, fit, measure, wrap};

/// Body text at 12 pt, as tata naskah dinas sets Arial.
pub const BODY: Style = Style::new(Face::Regular, 12.0);
pub const SMALL: Style = Style::new(Face::Regular, 9.0);
pub const TITLE: Style = Style::new(Face::Bold, 13.0);
pub const TABLE: Style = Style::new(Face::Regular, 9.0);

/// What a blank date or number looks like on paper: room to write it by hand.
pub const BLANK: &str = "………………………";

/// "24 September 2026", or a dotted blank when the date is not set.
pub fn date_or_blank(iso: &str) -> String {
    parse_date(iso).map(format_id::date_long).unwrap_or_else(|| BLANK.to_string())
}

/// "Sukamaju, 24 September 2026".
pub fn place_date(place: &str, iso: &str) -> String {
    let place = if place.trim().is_empty() { BLANK } else { place.trim() };
    format!("{place}, {}", date_or_blank(iso))
}

/// A competition's name as title lines, in capitals, broken before the region ("KOMPETISI
/// INOVASI PELAYANAN PUBLIK" / "KABUPATEN SUKAMAJU TAHUN 2026"), never inside it; `prefix` goes
/// before the name ("FINALIS "). One line when the region is not in the name.
pub fn title_lines(prefix: &str, name: &str, region: &str) -> Vec<String> {
    let upper = format!("{prefix}{}", name.trim()).to_uppercase();
    let region = region.trim().to_uppercase();
    let at = (!region.is_empty())
        .then(|| upper.find(&format!(" {region}")))
        .flatten()
        .or_else(|| [" KABUPATEN ", " KOTA ", " PROVINSI "].iter().filter_map(|k| upper.find(k)).min());
    match at {
        Some(i) if i > 0 => vec![upper[..i].to_string(), upper[i + 1..].to_string()],
        _ => vec![upper],
    }
}

/// A document's identifier for its footer: "Berita acara rapat pleno 2026 · 000.5.2/87/Org/2026",
/// the number left out while it is not set.
pub fn doc_id(what: &str, number: &str) -> String {
    if number.trim().is_empty() { what.to_string() } else { format!("{what} · {}", number.trim()) }
}

/// A number as set, or a dotted blank.
pub fn or_blank(s: &str) -> String {
    if s.trim().is_empty() { BLANK.to_string() } else { s.trim().to_string() }
}

/// The letterhead: logo on the left (when there is one), centred lines, thick-over-thin rule.
/// `logo` is the image index and its width/height ratio.
pub fn kop(flow: &mut Flow, lines: &[String], address: &[String], logo: Option<(usize, f32)>) {
    let (x, w) = (flow.left(), flow.width());
    let top = flow.y();
    let logo_h = 21.0 * crate::layout::MM;
    let logo_w = logo.map(|(_, aspect)| (logo_h * aspect).min(logo_h * 1.4)).unwrap_or(0.0);
    // Text is centred on the page and kept clear of the logo on both sides.
    let text_w = if logo.is_some() { w - 2.0 * (logo_w + 6.0) } else { w };
    let text_x = x + (w - text_w) / 2.0;
    let mut y = top;
    for (i, line) in lines.iter().filter(|l| !l.trim().is_empty()).enumerate() {
        let style = if i == 0 { Style::new(Face::Bold, 14.0) } else { Style::new(Face::Bold, 16.0) };
        let (style, wrapped) = fit(style, line, text_w, 1, 10.0);
        for l in wrapped {
            flow.page().line_of_text((text_x, text_w), y, style.leading(1.15), Align::Center, &l, true);
            y += style.size * 1.15;
        }
    }
    // The address lines share one size: the largest at which each fits one line (down to 7 pt,
    // below which a line wraps), so a long line does not print smaller than its neighbours.
    let address: Vec<&String> = address.iter().filter(|l| !l.trim().is_empty()).collect();
    let size = address.iter().map(|l| fit(SMALL, l, text_w, 1, 7.0).0.size).fold(SMALL.size, f32::min);
    for line in address {
        let style = SMALL.sized(size);
        for l in crate::layout::wrap(style, line, text_w) {
            flow.page().line_of_text((text_x, text_w), y, style, Align::Center, &l, true);
            y += style.line_height();
        }
    }
    if let Some((index, _)) = logo {
        let lh = logo_h.min((y - top).max(logo_h * 0.8));
        let lw = logo_w * lh / logo_h;
        flow.page().items.push(Item::Image { index, x, y: top + ((y - top) - lh).max(0.0) / 2.0, w: lw, h: lh });
        y = y.max(top + lh);
    }
    y += 4.0;
    flow.page().line(x, y, x + w, y, 2.2);
    flow.page().line(x, y + 2.6, x + w, y + 2.6, 0.7);
    flow.set_y(y + 2.6 + 14.0);
}

/// A signature block: optional place/date line, role lines, room to sign, the name (bold,
/// underlined), rank and "NIP …" when present. Lines are centred in `width`.
#[derive(Debug, Clone, Default)]
pub struct SignatureBlock {
    pub date_line: Option<String>,
    pub above: Vec<String>,
    pub name: String,
    pub rank: String,
    pub nip: String,
}

/// Room left for the handwritten signature (and the seal).
pub const SIGN_SPACE: f32 = 58.0;

impl SignatureBlock {
    /// The block of a signatory; the last role line ends with a comma as in letters.
    pub fn of(s: &Signatory, date_line: Option<String>) -> SignatureBlock {
        let mut above = Vec::new();
        if !s.on_behalf.trim().is_empty() {
            above.push(s.on_behalf.trim().to_string());
        }
        if !s.position.trim().is_empty() {
            above.push(s.position.trim().to_string());
        }
        if let Some(last) = above.last_mut().filter(|l| !l.ends_with(',')) {
            last.push(',');
        }
        SignatureBlock { date_line, above, name: s.name.clone(), rank: s.rank.clone(), nip: s.nip.clone() }
    }

    /// Height at the usual column width ([`SIGN_WIDTH`]).
    pub fn height(&self, style: Style) -> f32 {
        self.height_in(style, SIGN_WIDTH)
    }

    /// Height in a column `width` wide: long role lines wrap ("Kepala Bagian Organisasi dan Tata
    /// Laksana Sekretariat Daerah Kabupaten Sukamaju,"), never run off the column.
    pub fn height_in(&self, style: Style, width: f32) -> f32 {
        let lh = style.line_height();
        let lines = self.lines_above(style, width).len();
        let name_lines = if self.name.trim().is_empty() { 1 } else { self.name_lines(style, width).1.len() };
        let below = name_lines + usize::from(!self.rank.trim().is_empty()) + usize::from(!self.nip.trim().is_empty());
        lines as f32 * lh + SIGN_SPACE + below as f32 * lh
    }

    /// The column a name needs to stay on one line at a legible size, between `least` and `most`.
    pub fn width_for(&self, style: Style, least: f32, most: f32) -> f32 {
        (measure(style.bold(), self.name.trim()) + 8.0).clamp(least, most.max(least))
    }

    fn lines_above(&self, style: Style, width: f32) -> Vec<String> {
        self.date_line.iter().chain(self.above.iter()).flat_map(|l| wrap(style, l, width)).collect()
    }

    /// The name at the body size, or down to 2 pt smaller (still legible); a name too long even
    /// then wraps.
    fn name_lines(&self, style: Style, width: f32) -> (Style, Vec<String>) {
        fit(style.bold(), self.name.trim(), width, 1, style.size - 2.0)
    }

    /// Draws the block with its top at `y`; returns the y of the name's baseline box top.
    pub fn draw(&self, page: &mut Page, x: f32, y: f32, width: f32, style: Style) -> f32 {
        let lh = style.line_height();
        let mut y = y;
        for l in self.lines_above(style, width) {
            page.line_of_text((x, width), y, style, Align::Center, &l, true);
            y += lh;
        }
        y += SIGN_SPACE;
        let name_top = y;
        if self.name.trim().is_empty() {
            page.line_of_text((x, width), y, style, Align::Center, &format!("({BLANK}……)"), true);
            y += lh;
        } else {
            let (s, lines) = self.name_lines(style, width);
            for l in lines {
                page.line_of_text((x, width), y, s, Align::Center, &l, true);
                let tw = measure(s, &l);
                let ux = x + (width - tw) / 2.0;
                let uy = y + s.baseline_offset() + 1.5;
                page.line(ux, uy, ux + tw, uy, 0.6);
                y += lh;
            }
        }
        if !self.rank.trim().is_empty() {
            page.line_of_text((x, width), y, style, Align::Center, self.rank.trim(), true);
            y += lh;
        }
        if !self.nip.trim().is_empty() {
            page.line_of_text((x, width), y, style, Align::Center, &format!("NIP {}", format_id::nip(&self.nip)), true);
        }
        name_top
    }
}

/// The usual width of a signature column (points).
pub const SIGN_WIDTH: f32 = 230.0;

/// A signature block at the right of the flow, kept whole on one page; its column is wide enough
/// for the name on one line (up to the whole text width).
pub fn sign_right(flow: &mut Flow, block: &SignatureBlock, style: Style) {
    let least = (flow.width() * 0.45).max(200.0).min(flow.width());
    let width = block.width_for(style, least, flow.width());
    let h = block.height_in(style, width) + 4.0;
    flow.keep(h, |page, x, y, w| {
        block.draw(page, x + w - width, y, width, style);
    });
}

/// Two signature blocks side by side, kept on one page: `left` ("Mengetahui, …") and `right`.
pub fn sign_two(flow: &mut Flow, left: &SignatureBlock, right: &SignatureBlock, style: Style) {
    let width = (flow.width() / 2.0 - 8.0).max(150.0);
    let h = left.height_in(style, width).max(right.height_in(style, width)) + 4.0;
    flow.keep(h, |page, x, y, w| {
        left.draw(page, x, y, width, style);
        right.draw(page, x + w - width, y, width, style);
    });
}

/// Who signs the monitoring and IKM reports: the organising unit's head from the settings, or an
/// unnamed "Kepala Bagian Organisasi" when none is set.
pub fn organiser_signer(settings: &juri_core::documents_settings::DocumentSettings) -> Signatory {
    let head = &settings.organiser_head;
    if head.position.trim().is_empty() && head.name.trim().is_empty() {
        Signatory { position: "Kepala Bagian Organisasi".into(), ..Default::default() }
    } else {
        head.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::title_lines;

    #[test]
    fn a_title_breaks_before_the_region_never_inside_it() {
        let name = "Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2026";
        assert_eq!(
            title_lines("", name, "Kabupaten Sukamaju"),
            ["KOMPETISI INOVASI PELAYANAN PUBLIK", "KABUPATEN SUKAMAJU TAHUN 2026"]
        );
        assert_eq!(
            title_lines("FINALIS ", name, ""),
            ["FINALIS KOMPETISI INOVASI PELAYANAN PUBLIK", "KABUPATEN SUKAMAJU TAHUN 2026"],
            "without a region setting, before Kabupaten/Kota/Provinsi"
        );
        assert_eq!(title_lines("", "Lomba Inovasi Desa 2026", "Kota Sukaindah"), ["LOMBA INOVASI DESA 2026"]);
    }

    #[test]
    fn the_letterheads_address_lines_share_one_size() {
        use crate::layout::{Flow, Item, Margins, PageSize};
        let mut flow = Flow::new(PageSize::A4_PORTRAIT, Margins::mm(15.0, 20.0, 15.0, 25.0));
        let address = [
            "Jalan Veteran Nomor 1, Sukamaju 45111".to_string(),
            "Telepon (0261) 201234, Faksimile (0261) 201235, Laman setda.sukamajukab.go.id, Pos-el \
             organisasi@sukamajukab.go.id, Instagram @setdasukamaju"
                .to_string(),
        ];
        super::kop(&mut flow, &["PEMERINTAH KABUPATEN SUKAMAJU".into()], &address, None);
        let pages = flow.finish(false);
        let sizes: Vec<f32> = pages[0]
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, size, .. } if text.contains("Jalan") || text.contains("Telepon") => Some(*size),
                _ => None,
            })
            .collect();
        assert_eq!(sizes.len(), 2, "{sizes:?}");
        assert_eq!(sizes[0], sizes[1], "one size for every address line");
        assert!(sizes[0] < super::SMALL.size, "the long line made them all smaller");
    }
}
