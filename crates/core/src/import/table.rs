//! CSV (`,` or `;`, UTF-8 with or without BOM, CRLF or LF) and XLSX (first sheet) into rows of text.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::error::{Error, FileProblem, Result};

/// Files larger than this are refused before parsing (a zip bomb or a wrong file).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

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

/// Reads a CSV or XLSX file from its bytes; the kind is told by content, not by name.
pub fn read_table(bytes: &[u8]) -> Result<Table> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Error::FileUnreadable(FileProblem::TooLarge(bytes.len() as u64)));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::FileUnreadable(FileProblem::Empty));
    }
    let mut table = if bytes.starts_with(b"PK\x03\x04") { read_xlsx(bytes)? } else { read_csv(bytes)? };
    table.rows.retain(|r| !r.is_blank());
    if table.headers.iter().all(|h| h.is_empty()) {
        return Err(Error::FileUnreadable(FileProblem::Empty));
    }
    if table.rows.is_empty() {
        return Err(Error::FileUnreadable(FileProblem::NoRows));
    }
    Ok(table)
}

fn read_csv(bytes: &[u8]) -> Result<Table> {
    let text = std::str::from_utf8(bytes).map_err(|_| Error::FileUnreadable(FileProblem::NotText))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\0') {
        return Err(Error::FileUnreadable(FileProblem::NotText));
    }
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() { b';' } else { b',' };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let bad = |e: csv::Error| Error::FileUnreadable(FileProblem::BadCsv(e.to_string()));
    // One record is reused for every line; each row keeps only its cells.
    let mut rec = csv::StringRecord::new();
    if !reader.read_record(&mut rec).map_err(bad)? {
        return Err(Error::FileUnreadable(FileProblem::Empty));
    }
    let headers = rec.iter().map(|h| h.trim().to_string()).collect();
    let mut rows = Vec::new();
    let mut number = 2;
    while reader.read_record(&mut rec).map_err(bad)? {
        rows.push(TableRow { number, cells: rec.clone() });
        number += 1;
    }
    Ok(Table { headers, rows })
}

fn read_xlsx(bytes: &[u8]) -> Result<Table> {
    let bad = |e: String| Error::FileUnreadable(FileProblem::NotSpreadsheet(e));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let range = book.worksheet_range_at(0).ok_or_else(|| bad("no sheet".into()))?.map_err(|e| bad(e.to_string()))?;
    let first_row = range.start().map(|(r, _)| r as usize).unwrap_or(0);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let mut rows_iter = range.rows().enumerate();
    let headers = match rows_iter.next() {
        Some((_, cells)) => {
            let mut h: Vec<String> = vec![String::new(); first_col];
            h.extend(cells.iter().map(|c| cell_text(c).trim().to_string()));
            h
        }
        None => return Err(Error::FileUnreadable(FileProblem::Empty)),
    };
    let rows = rows_iter
        .map(|(i, cells)| {
            let mut v: Vec<String> = vec![String::new(); first_col];
            v.extend(cells.iter().map(cell_text));
            TableRow { number: first_row + i + 1, cells: csv::StringRecord::from(v) }
        })
        .collect();
    Ok(Table { headers, rows })
}

/// A cell as the user would read it: whole numbers without ".0", dates as YYYY-MM-DD.
fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_serial_to_date(d.as_f64()),
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
mod tests {
    use super::*;

    #[test]
    fn csv_with_bom_semicolons_and_crlf() {
        let t = read_table("\u{feff}kode;judul\r\nP-1;\"Dinkes; RSUD\"\r\n".as_bytes()).unwrap();
        assert_eq!(t.headers, vec!["kode", "judul"]);
        assert_eq!(t.rows[0].cells, vec!["P-1", "Dinkes; RSUD"]);
        assert_eq!(t.rows[0].number, 2, "first data row is spreadsheet row 2");
    }

    #[test]
    fn separator_is_the_more_frequent_one_in_the_header() {
        let t = read_table(b"a,b,c\n1,2,3\n").unwrap();
        assert_eq!(t.rows[0].cells.len(), 3);
    }

    #[test]
    fn garbage_and_empty_files_are_refused() {
        assert!(matches!(read_table(b""), Err(Error::FileUnreadable(FileProblem::Empty))));
        assert!(matches!(
            read_table(&[0xff, 0xfe, 0x00, 0x01, 0x80]),
            Err(Error::FileUnreadable(FileProblem::NotText))
        ));
        assert!(matches!(read_table(b"kode,judul\n"), Err(Error::FileUnreadable(FileProblem::NoRows))));
        assert!(matches!(read_table(b"PK\x03\x04garbage"), Err(Error::FileUnreadable(FileProblem::NotSpreadsheet(_)))));
    }

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_serial_to_date(44197.0), "2021-01-01");
        assert_eq!(excel_serial_to_date(46282.5), "2026-09-17");
    }
}
