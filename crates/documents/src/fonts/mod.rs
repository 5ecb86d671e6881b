//! The embedded fonts (DejaVu Serif and Sans, regular and bold; licence in `fonts/LICENSE-DejaVu.txt`)
//! and their glyph advances, parsed once per process. printpdf subsets them when saving.

use std::sync::OnceLock;

use printpdf::ParsedFont;

const SERIF: &[u8] = include_bytes!("../../fonts/DejaVuSerif.ttf");
const SERIF_BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSerif-Bold.ttf");
const SANS: &[u8] = include_bytes!("../../fonts/DejaVuSans.ttf");
const SANS_BOLD: &[u8] = include_bytes!("../../fonts/DejaVuSans-Bold.ttf");

/// A typeface of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Serif,
    SerifBold,
    Sans,
    SansBold,
}

impl Face {
    pub const ALL: [Face; 4] = [Face::Serif, Face::SerifBold, Face::Sans, Face::SansBold];

    fn index(self) -> usize {
        self as usize
    }

    /// The bold face of the same family.
    pub fn bold(self) -> Face {
        match self {
            Face::Serif | Face::SerifBold => Face::SerifBold,
            Face::Sans | Face::SansBold => Face::SansBold,
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Serif => SERIF,
            Face::SerifBold => SERIF_BOLD,
            Face::Sans => SANS,
            Face::SansBold => SANS_BOLD,
        }
    }
}

/// Advance widths below this code point are kept in a table; others are looked up.
const TABLE_LIMIT: u32 = 0x2200;

pub struct FaceMetrics {
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Ascent and descent as fractions of the font size (descent positive, below the baseline).
    pub ascent: f32,
    pub descent: f32,
    /// Advance per code point in em, for code points below `TABLE_LIMIT`.
    table: Vec<f32>,
}

impl FaceMetrics {
    fn load(face: Face) -> FaceMetrics {
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).expect("embedded DejaVu font parses");
        let m = &parsed.font_metrics;
        let units_per_em = m.units_per_em as f32;
        let (ascent, descent) = (m.ascent / units_per_em, m.descent.abs() / units_per_em);
        let mut metrics = FaceMetrics { parsed, units_per_em, ascent, descent, table: Vec::new() };
        metrics.table = (0..TABLE_LIMIT).map(|cp| metrics.lookup(cp)).collect();
        metrics
    }

    fn lookup(&self, cp: u32) -> f32 {
        let gid = self.parsed.lookup_glyph_index(cp).unwrap_or(0);
        self.parsed.get_horizontal_advance(gid) as f32 / self.units_per_em
    }

    /// Advance of one character in em.
    pub fn advance(&self, c: char) -> f32 {
        let cp = c as u32;
        if cp < TABLE_LIMIT { self.table[cp as usize] } else { self.lookup(cp) }
    }

    /// Whether the font has a glyph for `c`.
    pub fn has(&self, c: char) -> bool {
        self.parsed.lookup_glyph_index(c as u32).is_some_and(|g| g != 0)
    }
}

pub struct Fonts {
    faces: Vec<FaceMetrics>,
}

impl Fonts {
    pub fn face(&self, face: Face) -> &FaceMetrics {
        &self.faces[face.index()]
    }

    /// Width of `text` in points at `size`, by glyph advances (no kerning, as printed).
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let m = self.face(face);
        text.chars().map(|c| m.advance(c)).sum::<f32>() * size
    }
}

/// The fonts, parsed on first use.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| Fonts { faces: Face::ALL.iter().map(|f| FaceMetrics::load(*f)).collect() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_glyph_advances() {
        let f = fonts();
        let m = f.face(Face::Serif);
        assert!(m.ascent > 0.7 && m.ascent < 1.0, "ascent {}", m.ascent);
        assert!(m.descent > 0.1 && m.descent < 0.4, "descent {}", m.descent);
        let w = f.width(Face::Serif, 10.0, "ii");
        assert!((w - 2.0 * f.width(Face::Serif, 10.0, "i")).abs() < 1e-4);
        assert!(f.width(Face::Serif, 10.0, "W") > f.width(Face::Serif, 10.0, "i"), "proportional");
        assert!(f.width(Face::SerifBold, 10.0, "Kebaruan") > f.width(Face::Serif, 10.0, "Kebaruan"), "bold is wider");
        for c in "“”–—…’ÉéàĀ".chars() {
            assert!(m.has(c), "DejaVu Serif has {c}");
        }
    }
}
