//! CSV (`,` or `;`, UTF-8 with or without BOM, CRLF or LF) and XLSX (first sheet) into rows of text.
//!
//! Files come from USB sticks and are hostile: every read is bounded by the limits of
//! [`crate::limits`] before anything is allocated for it. An XLSX is a zip: its entries are
//! inflated into a counting sink first (a zip bomb is refused there, and cell references too far
//! out to be represented are refused before the spreadsheet reader parses them); the first sheet
//! is then read cell by cell, never as one rectangle sized by the sheet's own claims.

use std::io::{Cursor, Write};

use calamine::{DataRef, Reader, Xlsx};

use crate::error::{Error, FileProblem, Result};
use crate::limits::{MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, MAX_ZIP_ENTRIES, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES};

pub use crate::limits::MAX_FILE_BYTES;

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TableRow {
    /// Spreadsheet row number: the header is row 1, the first data row is row 2.
    pub number: usize,
    /// The cells in one buffer (two allocations a row, not one per cell: a scores file has
    /// hundreds of thousands of rows).
    pub cells: csv::StringRecord,
}

impl TableRow {
    pub fn cell(&self, i: usize) -> &str {
        self.cells.get(i).unwrap_or("")
    }

    fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

fn unreadable(p: FileProblem) -> Error {
    Error::FileUnreadable(p)
}

/// Reads a CSV or XLSX file from its bytes; the kind is told by content, not by name.
pub fn read_table(bytes: &[u8]) -> Result<Table> {
    let mut headers = Vec::new();
    let mut rows = Vec::new();
    stream_table(
        bytes,
        &mut |h| {
            headers = h.to_vec();
            Ok(())
        },
        &mut |r| {
            rows.push(r.clone());
            Ok(())
        },
    )?;
    Ok(Table { headers, rows })
}

/// Reads a CSV or XLSX file row by row without keeping the rows (a scores file has hundreds of
/// thousands): `on_header` gets the header cells, then `on_row` every data row that is not blank.
/// The same checks and refusals as [`read_table`]. Returns the number of data rows given.
pub fn stream_table(
    bytes: &[u8],
    on_header: &mut dyn FnMut(&[String]) -> Result<()>,
    on_row: &mut dyn FnMut(&TableRow) -> Result<()>,
) -> Result<usize> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(unreadable(FileProblem::TooLarge(bytes.len() as u64)));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(unreadable(FileProblem::Empty));
    }
    let mut given = 0;
    let mut header = |h: &[String]| {
        if h.iter().all(|h| h.is_empty()) {
            return Err(unreadable(FileProblem::Empty));
        }
        on_header(h)
    };
    let mut row = |r: &TableRow| {
        if r.is_blank() {
            return Ok(());
        }
        given += 1;
        on_row(r)
    };
    if bytes.starts_with(b"PK\x03\x04") {
        let table = read_xlsx(bytes)?;
        header(&table.headers)?;
        for r in &table.rows {
            row(r)?;
        }
    } else {
        stream_csv(bytes, &mut header, &mut row)?;
    }
    if given == 0 {
        return Err(unreadable(FileProblem::NoRows));
    }
    Ok(given)
}

/// A CSV cell as it was before an export neutralised it (`'=1+1` is `=1+1`; the one rule is in
/// [`crate::csv_safe`]); None when the cell is as written.
fn unneutralised(cell: &str) -> Option<&str> {
    let plain = crate::csv_safe::unneutralise(cell);
    (plain.len() != cell.len()).then_some(plain)
}

/// Refuses a row with too many cells or a cell too long (`number` is the spreadsheet row).
fn check_row(number: usize, cells: &csv::StringRecord) -> Result<()> {
    if cells.len() > MAX_COLUMNS {
        return Err(unreadable(FileProblem::TooManyColumns(MAX_COLUMNS)));
    }
    if let Some(i) = cells.iter().position(|c| !crate::limits::fits(c, MAX_CELL_CHARS)) {
        return Err(unreadable(FileProblem::CellTooLong { row: number, column: i + 1, limit: MAX_CELL_CHARS }));
    }
    Ok(())
}

fn stream_csv(
    bytes: &[u8],
    on_header: &mut dyn FnMut(&[String]) -> Result<()>,
    on_row: &mut dyn FnMut(&TableRow) -> Result<()>,
) -> Result<()> {
    let text = std::str::from_utf8(bytes).map_err(|_| unreadable(FileProblem::NotText))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(unreadable(FileProblem::NotText));
    }
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let bad = |e: csv::Error| unreadable(FileProblem::BadCsv(crate::error::shown(&e.to_string())));
    // One record is reused for every line; a row is handed on and not kept.
    let mut rec = csv::StringRecord::new();
    if !reader.read_record(&mut rec).map_err(bad)? {
        return Err(unreadable(FileProblem::Empty));
    }
    check_row(1, &rec)?;
    let headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
    on_header(&headers)?;
    let mut row = TableRow { number: 2, cells: csv::StringRecord::new() };
    while reader.read_record(&mut rec).map_err(bad)? {
        if row.number - 1 > MAX_ROWS {
            return Err(unreadable(FileProblem::TooManyRows(MAX_ROWS)));
        }
        check_row(row.number, &rec)?;
        if rec.iter().any(|c| unneutralised(c).is_some()) {
            row.cells = rec.iter().map(|c| unneutralised(c).unwrap_or(c)).collect();
            on_row(&row)?;
        } else {
            std::mem::swap(&mut row.cells, &mut rec);
            on_row(&row)?;
            std::mem::swap(&mut row.cells, &mut rec);
        }
        row.number += 1;
    }
    Ok(())
}

/// Why the counting sink stopped an entry.
enum Stop {
    Inflated,
    Reference(String),
    SharedStrings,
}

/// Counts the bytes an entry inflates to, refusing past `limit`; for a worksheet or the shared
/// strings, also watches the attributes the spreadsheet reader sizes memory or numbers by.
struct CountingSink {
    count: u64,
    limit: u64,
    refs: Option<RefScanner>,
    stop: Option<Stop>,
}

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.count += buf.len() as u64;
        if self.count > self.limit {
            self.stop = Some(Stop::Inflated);
            return Err(std::io::Error::other("inflates beyond the limit"));
        }
        if let Some(scanner) = &mut self.refs
            && let Err(stop) = scanner.feed(buf)
        {
            self.stop = Some(stop);
            return Err(std::io::Error::other("an attribute beyond the limits"));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The last row and column a spreadsheet can have (Excel's XFD1048576). The spreadsheet reader
/// keeps rows and columns in 32-bit numbers and overflows on references much beyond these, so
/// they are refused before it parses the sheet.
const SHEET_LAST_ROW: u64 = 1_048_576;
const SHEET_LAST_COLUMN: u64 = 16_384;

/// Distinct texts an XLSX may declare in its shared strings. The spreadsheet reader reserves
/// memory for as many as the file's `uniqueCount` claims (24 bytes each) before reading one; a
/// real file has a few thousand (the 324,000-row scores sheet: about 650).
const MAX_SHARED_STRINGS: u64 = 2_000_000;

/// Which attributes a [`RefScanner`] watches.
#[derive(Default, Clone, Copy, PartialEq)]
enum Watch {
    /// A worksheet: `r`, `ref` and `sqref` hold cell references.
    #[default]
    Sheet,
    /// The shared strings: `uniqueCount` and `count` hold a number of texts.
    SharedStrings,
}

/// Watches attributes of an XLSX part's XML as it streams by, across chunk boundaries: in a
/// worksheet, a cell reference beyond [`SHEET_LAST_ROW`] or [`SHEET_LAST_COLUMN`]; in the shared
/// strings, a count beyond [`MAX_SHARED_STRINGS`].
#[derive(Default)]
struct RefScanner {
    watch: Watch,
    in_tag: bool,
    /// The current attribute name (with any `prefix:`), up to 16 bytes.
    name: [u8; 16],
    name_len: usize,
    /// The name ended (a space came): the next name character starts another name.
    name_done: bool,
    /// Right after `name=`, waiting for the opening quote.
    after_eq: bool,
    /// Inside an attribute's value: its quote (a `>` there does not end the tag).
    quote: Option<u8>,
    /// That attribute is a watched one.
    watching: bool,
    col: u64,
    row: u64,
    /// The part of the value being read, to show (first 16 bytes).
    part: Vec<u8>,
}

impl RefScanner {
    fn new(watch: Watch) -> RefScanner {
        RefScanner { watch, ..Default::default() }
    }

    fn feed(&mut self, buf: &[u8]) -> std::result::Result<(), Stop> {
        for &b in buf {
            if let Some(q) = self.quote {
                if !self.watching {
                    if b == q {
                        self.quote = None;
                    }
                    continue;
                }
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' => {
                        self.col =
                            self.col.saturating_mul(26).saturating_add(u64::from(b.to_ascii_uppercase() - b'A') + 1)
                    }
                    b'0'..=b'9' => self.row = self.row.saturating_mul(10).saturating_add(u64::from(b - b'0')),
                    _ => {}
                }
                if b == q || b == b':' || b.is_ascii_whitespace() {
                    self.end_part()?;
                    if b == q {
                        self.quote = None;
                    }
                } else if self.part.len() < 16 {
                    self.part.push(b);
                }
                continue;
            }
            match b {
                b'<' => {
                    self.in_tag = true;
                    self.name_len = 0;
                    self.name_done = false;
                    self.after_eq = false;
                }
                b'>' => self.in_tag = false,
                _ if !self.in_tag => {}
                b'=' => self.after_eq = true,
                b'"' | b'\'' if self.after_eq => {
                    let name = &self.name[..self.name_len];
                    let local = name.rsplit(|&c| c == b':').next().unwrap_or(name);
                    let watched = !name.starts_with(b"xmlns")
                        && match self.watch {
                            Watch::Sheet => matches!(local, b"r" | b"ref" | b"sqref"),
                            Watch::SharedStrings => matches!(local, b"uniqueCount" | b"count"),
                        };
                    self.quote = Some(b);
                    self.watching = watched;
                    self.after_eq = false;
                    self.name_len = 0;
                    self.name_done = false;
                }
                // XML allows spaces around `=`: a space ends the name without forgetting it.
                _ if b.is_ascii_whitespace() => self.name_done = true,
                _ => {
                    if self.after_eq || self.name_done {
                        self.name_len = 0;
                        self.name_done = false;
                    }
                    self.after_eq = false;
                    if self.name_len < self.name.len() {
                        self.name[self.name_len] = b;
                        self.name_len += 1;
                    } else {
                        // A long name is not watched: mark it so it matches nothing.
                        self.name[0] = 0;
                    }
                }
            }
        }
        Ok(())
    }

    fn end_part(&mut self) -> std::result::Result<(), Stop> {
        let stop = match self.watch {
            Watch::Sheet if self.col > SHEET_LAST_COLUMN || self.row > SHEET_LAST_ROW => {
                Some(Stop::Reference(String::from_utf8_lossy(&self.part).into_owned()))
            }
            // The digits of a count are read as a row number.
            Watch::SharedStrings if self.row > MAX_SHARED_STRINGS => Some(Stop::SharedStrings),
            _ => None,
        };
        (self.col, self.row) = (0, 0);
        self.part.clear();
        stop.map_or(Ok(()), Err)
    }
}

/// Walks an XLSX's zip before the spreadsheet reader sees it: every entry is inflated into a
/// counting sink (declared sizes are not trusted), so a zip bomb, an encrypted or a corrupt zip is
/// refused, and so is a worksheet whose cell references lie beyond the last cell of a sheet.
fn check_zip(bytes: &[u8]) -> Result<()> {
    check_zip_within(bytes, MAX_ZIP_ENTRY_BYTES, MAX_ZIP_TOTAL_BYTES)
}

fn check_zip_within(bytes: &[u8], entry_limit: u64, total_limit: u64) -> Result<()> {
    let corrupt =
        |e: &dyn std::fmt::Display| unreadable(FileProblem::NotSpreadsheet(crate::error::shown(&e.to_string())));
    // The entry count is read from the end record before the zip reader lists every entry (a
    // 50 MB file can declare a million entries, each a few hundred bytes in memory).
    if declared_entries(bytes).is_some_and(|n| n > MAX_ZIP_ENTRIES as u64) {
        return Err(corrupt(&format!("more than {MAX_ZIP_ENTRIES} entries")));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| corrupt(&e))?;
    if archive.len() > MAX_ZIP_ENTRIES {
        return Err(corrupt(&format!("more than {MAX_ZIP_ENTRIES} entries")));
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let (encrypted, watch) = {
            let raw = archive.by_index_raw(i).map_err(|e| corrupt(&e))?;
            let name = raw.name().map_err(|e| corrupt(&e))?;
            let watch = if name.starts_with("xl/worksheets/") && name.ends_with(".xml") {
                Some(Watch::Sheet)
            } else if name.ends_with("sharedStrings.xml") {
                Some(Watch::SharedStrings)
            } else {
                None
            };
            (raw.encrypted(), watch)
        };
        if encrypted {
            return Err(unreadable(FileProblem::Encrypted));
        }
        let mut entry = archive.by_index(i).map_err(|e| corrupt(&e))?;
        let mut sink = CountingSink {
            count: 0,
            limit: entry_limit.min(total_limit - total),
            refs: watch.map(RefScanner::new),
            stop: None,
        };
        if let Err(e) = std::io::copy(&mut entry, &mut sink) {
            return Err(match sink.stop {
                Some(Stop::Inflated) => unreadable(FileProblem::Inflates { entry_limit, total_limit }),
                Some(Stop::Reference(r)) => unreadable(FileProblem::CellBeyondSheet(r)),
                Some(Stop::SharedStrings) => unreadable(FileProblem::TooManyTexts(MAX_SHARED_STRINGS)),
                None => corrupt(&e),
            });
        }
        total += sink.count;
    }
    Ok(())
}

/// The number of entries a zip's end-of-central-directory record declares (its ZIP64 record's
/// when it has one), if the record is found.
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const ZIP64_LOCATOR: [u8; 4] = [0x50, 0x4b, 0x06, 0x07];
    const ZIP64_EOCD: [u8; 4] = [0x50, 0x4b, 0x06, 0x06];
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u64_at = |at: usize| Some(u64::from_le_bytes(bytes.get(at..at + 8)?.try_into().ok()?));
    // The record is 22 bytes plus a comment of at most 65,535.
    let from = bytes.len().saturating_sub(22 + 65_535);
    let eocd = from + bytes[from..].windows(4).rposition(|w| w == EOCD)?;
    let count = u64::from(u16_at(eocd + 10)?);
    if count != 0xffff {
        return Some(count);
    }
    let locator = eocd.checked_sub(20)?;
    if bytes.get(locator..locator + 4)? != ZIP64_LOCATOR {
        return Some(count);
    }
    let at = usize::try_from(u64_at(locator + 8)?).ok()?;
    if bytes.get(at..at + 4)? != ZIP64_EOCD {
        return None;
    }
    u64_at(at + 32)
}

fn read_xlsx(bytes: &[u8]) -> Result<Table> {
    check_zip(bytes)?;
    // The checks above leave the reader nothing known to crash on; should it still panic on some
    // other malformed file, the file is refused rather than the app brought down.
    std::panic::catch_unwind(|| read_xlsx_cells(bytes)).unwrap_or_else(|_| {
        Err(unreadable(FileProblem::NotSpreadsheet("the spreadsheet reader failed on this file".into())))
    })
}

/// Reads the first sheet cell by cell; a non-empty cell beyond the row or column limit, or too
/// long, refuses the file before anything is allocated for it.
fn read_xlsx_cells(bytes: &[u8]) -> Result<Table> {
    let bad = |e: String| unreadable(FileProblem::NotSpreadsheet(crate::error::shown(&e)));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let name = book.sheet_names().first().cloned().ok_or_else(|| bad("no sheet".into()))?;
    let mut reader = book.worksheet_cells_reader(&name).map_err(|e| bad(e.to_string()))?;
    // (row, column, text) of every non-empty cell, 0-based as the reader gives them.
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| bad(e.to_string()))? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        if c as usize >= MAX_COLUMNS {
            return Err(unreadable(FileProblem::TooManyColumns(MAX_COLUMNS)));
        }
        if r as usize > MAX_ROWS {
            return Err(unreadable(FileProblem::TooManyRows(MAX_ROWS)));
        }
        let text = cell_text(cell.get_value());
        if !crate::limits::fits(&text, MAX_CELL_CHARS) {
            return Err(unreadable(FileProblem::CellTooLong {
                row: r as usize + 1,
                column: c as usize + 1,
                limit: MAX_CELL_CHARS,
            }));
        }
        cells.push((r, c, text));
    }
    if cells.is_empty() {
        return Err(unreadable(FileProblem::Empty));
    }
    // Cells do not always come in (row, column) order; a later one wins, as in the sheet.
    cells.sort_by_key(|&(r, c, _)| (r, c));
    let first_row = cells[0].0;
    let first_col = cells.iter().map(|&(_, c, _)| c).min().unwrap_or(0) as usize;
    let last_col = cells.iter().map(|&(_, c, _)| c).max().unwrap_or(0) as usize;
    let mut headers: Vec<String> = vec![String::new(); last_col + 1];
    let mut rows = Vec::new();
    let mut iter = cells.into_iter().peekable();
    while let Some(&(r, _, _)) = iter.peek() {
        let mut line: Vec<String> = Vec::new();
        while let Some((_, c, text)) = iter.next_if(|&(rr, _, _)| rr == r) {
            let c = c as usize;
            if line.len() <= c {
                line.resize(c + 1, String::new());
            }
            line[c] = text;
        }
        if r == first_row {
            for (h, t) in headers.iter_mut().zip(line).skip(first_col) {
                *h = t.trim().to_string();
            }
        } else {
            rows.push(TableRow { number: r as usize + 1, cells: csv::StringRecord::from(line) });
        }
    }
    Ok(Table { headers, rows })
}

/// A cell as the user would read it: whole numbers without ".0", dates as YYYY-MM-DD.
fn cell_text(c: &DataRef) -> String {
    match c {
        DataRef::Empty | DataRef::Error(_) => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) => excel_serial_to_date(d.as_f64()),
    }
}

/// Excel's day serial (1900 system, counted from 1899-12-30) as YYYY-MM-DD.
pub fn excel_serial_to_date(serial: f64) -> String {
    let base = time::Date::from_calendar_date(1899, time::Month::December, 30).expect("valid date");
    match base.checked_add(time::Duration::days(serial.floor() as i64)) {
        Some(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()),
        None => serial.to_string(),
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
