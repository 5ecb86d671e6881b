//! The one embedded type family, Liberation Sans regular and bold (metric-compatible with Arial, the
//! face of Indonesian tata naskah dinas; SIL OFL, licence in `fonts/LICENSE-Liberation.txt`), and
//! its glyph advances, parsed once per process. printpdf subsets it when saving.

use std::sync::OnceLock;

use printpdf::ParsedFont;

const REGULAR: &[u8] = include_bytes!("../../fonts/LiberationSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../fonts/LiberationSans-Bold.ttf");

/// A typeface of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Face {
    Regular,
    Bold,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Regular, Face::Bold];

    fn index(self) -> usize {
        self as usize
    }

    /// The bold face of the family.
    pub fn bold(self) -> Face {
        Face::Bold
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => REGULAR,
            Face::Bold => BOLD,
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
        let parsed = ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new()).expect("embedded Liberation Sans parses");
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
        let m = f.face(Face::Regular);
        assert!(m.ascent > 0.7 && m.ascent < 1.0, "ascent {}", m.ascent);
        assert!(m.descent > 0.1 && m.descent < 0.4, "descent {}", m.descent);
        let w = f.width(Face::Regular, 10.0, "ii");
        assert!((w - 2.0 * f.width(Face::Regular, 10.0, "i")).abs() < 1e-4);
        assert!(f.width(Face::Regular, 10.0, "W") > f.width(Face::Regular, 10.0, "i"), "proportional");
        assert!(f.width(Face::Bold, 10.0, "Kebaruan") > f.width(Face::Regular, 10.0, "Kebaruan"), "bold is wider");
        for c in "“”–—…’ÉéàĀ".chars() {
            assert!(m.has(c), "Liberation Sans has {c}");
        }
    }
}
