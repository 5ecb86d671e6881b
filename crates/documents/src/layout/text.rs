//! Text measurement and line breaking.

use crate::fonts::{Face, fonts};

/// Horizontal alignment of a line within its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    /// Both edges flush; the last line of a paragraph is set left.
    Justify,
}

/// A face at a size, with its line height as a multiple of the size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    pub face: Face,
    pub size: f32,
    pub leading: f32,
}

impl Style {
    pub const fn new(face: Face, size: f32) -> Style {
        Style { face, size, leading: 1.2 }
    }

    pub fn bold(self) -> Style {
        Style { face: self.face.bold(), ..self }
    }

    pub fn sized(self, size: f32) -> Style {
        Style { size, ..self }
    }

    pub fn leading(self, leading: f32) -> Style {
        Style { leading, ..self }
    }

    pub fn line_height(&self) -> f32 {
        self.size * self.leading
    }

    /// Distance from the top of a line box to the baseline: the glyphs sit centred in the box.
    pub fn baseline_offset(&self) -> f32 {
        let m = fonts().face(self.face);
        let glyphs = (m.ascent + m.descent) * self.size;
        (self.line_height() - glyphs) / 2.0 + m.ascent * self.size
    }
}

/// Width of `text` in points.
pub fn measure(style: Style, text: &str) -> f32 {
    fonts().width(style.face, style.size, text)
}

/// Breaks `text` into lines no wider than `width`: at spaces, or inside a word only when the word
/// alone is wider than the line. Explicit newlines start a new line. Nothing is ever dropped.
pub fn wrap(style: Style, text: &str, width: f32) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.split('\n') {
        wrap_paragraph(style, para, width, &mut out);
    }
    out
}

fn wrap_paragraph(style: Style, text: &str, width: f32, out: &mut Vec<String>) {
    let space = measure(style, " ");
    let mut line = String::new();
    let mut line_w = 0.0;
    let start = out.len();
    for word in text.split_whitespace() {
        let w = measure(style, word);
        if line.is_empty() {
            // fits, or is longer than a whole line and must be broken
        } else if line_w + space + w <= width + 0.01 {
            line.push(' ');
            line.push_str(word);
            line_w += space + w;
            continue;
        } else {
            out.push(std::mem::take(&mut line));
        }
        if w <= width + 0.01 {
            line = word.to_string();
            line_w = w;
        } else {
            let mut pieces = break_word(style, word, width);
            let last = pieces.pop().unwrap_or_default();
            out.extend(pieces);
            line_w = measure(style, &last);
            line = last;
        }
    }
    if !line.is_empty() || out.len() == start {
        out.push(line);
    }
}

/// Splits a word wider than `width` into pieces that fit: after a hyphen or slash when one fits
/// ("Rata-" / "rata"), else between characters (at least one character per piece).
///
/// One pass over the characters, each measured once, so the time is linear in the word's length
/// (a 1 MB word from a hostile file is laid out in milliseconds, not minutes).
fn break_word(style: Style, word: &str, width: f32) -> Vec<String> {
    let face = fonts().face(style.face);
    let limit = width + 0.01;
    let mut pieces = Vec::new();
    // The piece being filled starts at byte `start` and is `w` wide; `soft` is the byte just after
    // its last hyphen or slash and the width up to there.
    let mut start = 0;
    let mut w = 0.0;
    let mut soft: Option<(usize, f32)> = None;
    for (i, c) in word.char_indices() {
        let cw = face.advance(c) * style.size;
        // At most twice: a cut after a hyphen leaves a part that fits, which `c` may overflow again.
        while w + cw > limit && i > start {
            let (cut, cut_w) = soft.take().unwrap_or((i, w));
            pieces.push(word[start..cut].to_string());
            start = cut;
            w -= cut_w;
        }
        w += cw;
        if c == '-' || c == '/' {
            soft = Some((i + c.len_utf8(), w));
        }
    }
    pieces.push(word[start..].to_string());
    pieces
}

/// The width of the widest word of `text`.
pub fn widest_word(style: Style, text: &str) -> f32 {
    text.split_whitespace().map(|w| measure(style, w)).fold(0.0, f32::max)
}

/// The largest size from `style.size` down to `min_size` (in half points) at which `text` takes
/// at most `max_lines` lines of `width`; below that the text wraps into more lines at `min_size`.
pub fn fit(style: Style, text: &str, width: f32, max_lines: usize, min_size: f32) -> (Style, Vec<String>) {
    let mut s = style;
    loop {
        let lines = wrap(s, text, width);
        if lines.len() <= max_lines || s.size - 0.5 < min_size {
            return (s, lines);
        }
        s = s.sized(s.size - 0.5);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: Style = Style::new(Face::Regular, 11.0);

    #[test]
    fn short_text_stays_on_one_line() {
        assert_eq!(wrap(BODY, "SIGAP BUMIL", 300.0), vec!["SIGAP BUMIL"]);
        assert_eq!(wrap(BODY, "", 300.0), vec![""], "an empty text is one empty line");
    }

    #[test]
    fn wraps_at_spaces_and_every_line_fits() {
        let t = "JEBOL DILAN (Jemput Bola KTP-el bagi Difabel dan Lansia)";
        let width = measure(BODY, "JEBOL DILAN (Jemput Bola") + 1.0;
        let lines = wrap(BODY, t, width);
        assert_eq!(lines, vec!["JEBOL DILAN (Jemput Bola", "KTP-el bagi Difabel dan", "Lansia)"]);
        for l in &lines {
            assert!(measure(BODY, l) <= width, "{l} fits");
        }
        assert_eq!(lines.join(" "), t, "no word lost or changed");
    }

    #[test]
    fn a_word_longer_than_the_line_is_broken_not_cut() {
        let lines = wrap(BODY, "x https://sukamaju.go.id/inovasi/daftar-panjang-sekali", 80.0);
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat().replace(' ', ""), "xhttps://sukamaju.go.id/inovasi/daftar-panjang-sekali");
        for l in &lines {
            assert!(measure(BODY, l) <= 80.01, "{l} fits");
        }
    }

    #[test]
    fn a_long_word_breaks_after_its_hyphen_when_that_fits() {
        let width = measure(BODY, "Rata-r");
        assert_eq!(wrap(BODY, "Rata-rata", width), vec!["Rata-", "rata"]);
    }

    #[test]
    fn a_megabyte_word_is_broken_in_one_pass() {
        let word = "x".repeat(1 << 20);
        let t = std::time::Instant::now();
        let lines = wrap(BODY, &word, 300.0);
        let took = t.elapsed();
        let per_line = lines[0].len();
        assert!(per_line > 10 && measure(BODY, &lines[0]) <= 300.01, "{per_line}");
        assert!(measure(BODY, &format!("{}x", lines[0])) > 300.01, "a line is as full as it can be");
        assert_eq!(lines.len(), (1usize << 20).div_ceil(per_line));
        assert!(lines[..lines.len() - 1].iter().all(|l| l.len() == per_line));
        assert_eq!(lines.concat(), word, "nothing lost");
        eprintln!("1 MB single word: {} lines in {took:?}", lines.len());
    }

    #[test]
    fn a_megabyte_of_words_wraps_in_one_pass() {
        let text = "Wulandari ".repeat((1 << 20) / 10);
        let words = text.split_whitespace().count();
        let t = std::time::Instant::now();
        let lines = wrap(BODY, &text, 300.0);
        let took = t.elapsed();
        let per_line = lines[0].split(' ').count();
        assert!(per_line > 2, "{per_line}");
        assert_eq!(lines.len(), words.div_ceil(per_line));
        assert!(lines.iter().all(|l| measure(BODY, l) <= 300.01));
        assert_eq!(lines.join(" ").split(' ').count(), words, "no word lost");
        eprintln!("1 MB of words: {} lines in {took:?}", lines.len());
    }

    #[test]
    fn a_long_word_with_hyphens_breaks_after_them() {
        let word = "ab-".repeat(40_000);
        let width = measure(BODY, "ab-ab-ab-ab-a");
        let lines = wrap(BODY, &word, width);
        assert!(lines[..lines.len() - 1].iter().all(|l| l == "ab-ab-ab-ab-"), "{:?}", &lines[..3]);
        assert_eq!(lines.concat(), word);
    }

    #[test]
    fn newlines_start_new_lines() {
        assert_eq!(wrap(BODY, "a b\nc", 300.0), vec!["a b", "c"]);
    }

    #[test]
    fn fit_shrinks_before_wrapping_more() {
        let title = "SIGAP BUMIL (Siaga Gerak Cepat Ibu Hamil Berisiko Tinggi)";
        let width = measure(BODY.sized(20.0), title) * 0.8;
        let (s, lines) = fit(BODY.sized(20.0), title, width, 1, 12.0);
        assert_eq!(lines.len(), 1, "shrunk to one line");
        assert!(s.size < 20.0 && s.size >= 12.0, "size {}", s.size);
        let (s, lines) = fit(BODY.sized(20.0), &title.repeat(6), width, 2, 12.0);
        assert_eq!(s.size, 12.0, "at the smallest size");
        assert!(lines.len() > 2, "then wraps into more lines rather than cutting");
    }

    #[test]
    fn baseline_sits_inside_the_line_box() {
        let b = BODY.baseline_offset();
        assert!(b > 0.0 && b < BODY.line_height(), "{b}");
    }
}
