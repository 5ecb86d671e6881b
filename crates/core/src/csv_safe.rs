//! CSV cells that a spreadsheet will not run as formulas (CSV injection, OWASP): a text cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a `'` in front, so
//! Excel and LibreOffice show it as text instead of evaluating it. The importer drops that one
//! leading `'` again before such a character, so Juri re-imports its own exports unchanged.
//!
//! Numbers stay numbers: a cell that is a plain decimal number, an optional sign, digits, and
//! optionally one `.` or `,` followed by digits (`-1,5`, `75.5`, `-3`, `+62`), is written as it is,
//! whatever its type in Juri. Such a cell cannot hold a formula, and a score `-1,5` must not turn
//! into the text `'-1,5`. Anything else starting with a sign (`-1e5`, `--1`, `-1,5 poin`, `-inf`)
//! is text and is neutralised. Only the first character counts: ` =1+1` (a space first) is text
//! for every spreadsheet and is left as it is.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is a plain decimal number as described in the module comment.
pub fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (int, frac) = match digits.find(['.', ',']) {
        Some(i) => (&digits[..i], Some(&digits[i + 1..])),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

/// Whether `cell`, after any leading `'`, starts a formula: such a cell gets one more `'` on export
/// (so a text that itself begins with `'=` survives the round trip) and loses one on import.
fn formula_after_quotes(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_TRIGGERS)
}

/// `cell` as it must be written to a CSV file: with a `'` in front when it would start a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if formula_after_quotes(cell) && !is_plain_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A CSV cell as it was before [`neutralise`]: `'=1+1` is `=1+1`, `''=x` is `'=x`; any other cell
/// is unchanged. The importers read every CSV through it, so Juri re-imports its own exports.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_after_quotes(rest) => rest,
        _ => cell,
    }
}

/// Writes one record of `cells`, each neutralised, to a CSV writer (no allocation for a safe cell).
pub fn write_row<W: std::io::Write, S: AsRef<str>>(
    w: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    for c in cells {
        w.write_field(neutralise(c.as_ref()).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)
}

/// The CSV dialect of the files Juri saves for people (proposals, judges, scores, recap): as Excel
/// on an Indonesian Windows opens them by double-click. Excel reads a CSV in the list separator and
/// decimal symbol of the Windows region, which for Indonesia are `;` and `,`, and takes a file
/// without a byte-order mark for the ANSI code page (a title with "–" or "é" would come out
/// garbled); Windows text files end lines with CRLF. So: a UTF-8 BOM, `;` between cells, CRLF
/// and numbers with a decimal comma ([`decimal_comma`]). Juri's importers take all of that back
/// (FORMATS.md §8). Where Windows is set to an English region, the XLSX export is the file to open.
/// (`juri recap --format csv`, for scripts, keeps the plain `,` and `.` of FORMATS.md §6.)
pub struct ExcelCsv {
    writer: csv::Writer<Vec<u8>>,
}

impl ExcelCsv {
    /// `flexible`: records may differ in length (the recap has one header per sheet).
    pub fn new(flexible: bool) -> ExcelCsv {
        let mut out = Vec::new();
        out.extend_from_slice("\u{feff}".as_bytes());
        let writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .flexible(flexible)
            .from_writer(out);
        ExcelCsv { writer }
    }

    /// One record, each cell neutralised against formulas ([`write_row`]).
    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) {
        write_row(&mut self.writer, cells).expect("in-memory write");
    }

    /// The file's text, BOM first.
    pub fn finish(self) -> String {
        String::from_utf8(self.writer.into_inner().expect("in-memory flush")).expect("CSV of UTF-8 text")
    }
}

/// A number for [`ExcelCsv`]: unrounded, with a decimal comma (`7,5`, `-1,25`, `80`).
pub fn decimal_comma(v: f64) -> String {
    v.to_string().replace('.', ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever the text, an export read back gives the same text.
        #[test]
        fn every_text_survives_the_round_trip(s in "('{0,3})([=+@\\-\t\r ]?)(.{0,8})") {
            let written = neutralise(&s);
            proptest::prop_assert_eq!(unneutralise(&written), s.as_str());
        }
    }

    #[test]
    fn quotes_before_a_formula_survive() {
        assert_eq!(neutralise("'=x"), "''=x");
        assert_eq!(unneutralise("''=x"), "'=x");
        assert_eq!(unneutralise("'=x"), "=x");
        assert_eq!(unneutralise("'abc"), "'abc", "a quote before plain text is the user's");
        assert_eq!(neutralise("'abc"), "'abc");
    }

    #[test]
    fn formulas_become_text() {
        for bad in ["=1+1", "=HYPERLINK(\"http://x\",\"klik\")", "+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "-", "+"] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?}");
        }
        for bad in ["-1e5", "--1", "-1,5 poin", "-inf", "-1.2.3", "-.5", "-1,", "+62 812 3456"] {
            assert_eq!(neutralise(bad), format!("'{bad}"), "{bad:?} is not a plain number");
        }
    }

    #[test]
    fn rows_are_written_neutralised_and_quoted_as_usual() {
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        write_row(&mut w, ["=1+1", "-1,5", "a,b", "@x"]).unwrap();
        write_row(&mut w, ["", "P-001"]).unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out, "'=1+1,\"-1,5\",\"a,b\",'@x\n,P-001\n");
    }

    #[test]
    fn numbers_and_ordinary_text_stay_as_they_are() {
        for ok in ["-1,5", "-1.5", "75.5", "75", "-3", "+62", "0", "P-001", "Nur'aini", "", " =1", "dr. Maya"] {
            assert_eq!(neutralise(ok), ok, "{ok:?}");
        }
    }
}
