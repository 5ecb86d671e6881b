//! Every size limit on input, in one place. Files from a venue's USB stick are hostile: each
//! limit is far above what a real user reaches, and low enough that a hostile file is refused
//! with a typed error before it can exhaust memory.

// ---- Files read as tables (CSV, XLSX) -------------------------------------------------------

/// Files larger than this are refused before parsing (a wrong file, or one built to hurt).
/// The largest real file, a whole jury's scores (324,000 rows), is about 15 MB as CSV.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// A competition setup (JSON): a few kilobytes in practice, even with every criterion described
/// at length.
pub const MAX_SETUP_BYTES: u64 = 10 * 1024 * 1024;

/// Data rows of a table. A full jury's scores file is 324,000 rows (30 judges × 600 proposals ×
/// 18 criteria); Excel itself stops at 1,048,576.
pub const MAX_ROWS: usize = 1_000_000;

/// Row errors kept for one refused file: enough to fix a file by, while a file of a million bad
/// rows cannot fill memory with messages. Errors past it are counted in one last line.
pub const MAX_ROW_ERRORS: usize = 1_000;

/// Columns of a table. Juri's widest file (a forwarding sheet with every dossier section) has
/// fewer than 40; 512 leaves room for users' extra columns.
pub const MAX_COLUMNS: usize = 512;

/// Characters in one cell: Excel's own limit, so no file saved by Excel is refused.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Bytes one entry of an XLSX (a zip) may inflate to. Declared sizes are not trusted: the
/// entries are inflated into a counting sink before the spreadsheet reader sees the file. A
/// 50 MB XLSX of real data has sheets of a few hundred MB at most after compression ratios
/// seen in practice (~10×); the 324,000-row scores sheet inflates to about 40 MB.
pub const MAX_ZIP_ENTRY_BYTES: u64 = 100 * 1024 * 1024;

/// Bytes all entries of an XLSX together may inflate to.
pub const MAX_ZIP_TOTAL_BYTES: u64 = 200 * 1024 * 1024;

/// Entries in an XLSX (a workbook of a few sheets has about a dozen).
pub const MAX_ZIP_ENTRIES: usize = 10_000;

// ---- Text fields (typed in the app or read from a file) -------------------------------------
// Limits in characters (not bytes). A real user never reaches them: the longest real proposal
// title seen is about 200 characters, a judge's name with every academic title under 100.

/// Codes: proposal, judge, category, stage, criterion, unit, innovation codes.
pub const CODE: usize = 50;
/// Names of people, units, institutions, categories, stages, criteria, indicators.
pub const NAME: usize = 200;
/// Titles of proposals and innovations, competition names, organisers.
pub const TITLE: usize = 500;
/// Short free-text fields: phone, email, NIP, unsur, periods, units of measure, profile fields.
pub const SHORT: usize = 200;
/// Reasons (status changes, unlocks, verdicts) and comments.
pub const REASON: usize = 2_000;
/// A judge's comment on a score sheet (shared by the sheet and the package merge).
pub const COMMENT: usize = 5_000;
/// Long texts: a proposal's summary, an innovation's or criterion's description, a report's note.
/// (20,000 rather than 10,000: proposals' summaries were already accepted up to 20,000.)
pub const LONG: usize = 20_000;

/// Whether `value` fits in `max` characters (counted without allocating).
pub fn fits(value: &str, max: usize) -> bool {
    // Bytes bound characters from above: most values are decided without counting.
    value.len() <= max || value.chars().count() <= max
}

/// `Err(TooLong)` for `field` when `value` is longer than `max` characters.
pub fn check(field: &'static str, value: &str, max: usize) -> crate::Result<()> {
    if fits(value, max) {
        Ok(())
    } else {
        Err(crate::Error::InvalidInput { field, problem: crate::error::InputProblem::TooLong(max) })
    }
}
