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
    assert!(matches!(read_table(&[0xff, 0xfe, 0x00, 0x01, 0x80]), Err(Error::FileUnreadable(FileProblem::NotText))));
    assert!(matches!(read_table(b"kode,judul\n"), Err(Error::FileUnreadable(FileProblem::NoRows))));
    assert!(matches!(read_table(b"PK\x03\x04garbage"), Err(Error::FileUnreadable(FileProblem::NotSpreadsheet(_)))));
}

/// An XLSX written by rust_xlsxwriter with `sheet` (the `<sheetData>` content) in place of its
/// first sheet's cells, and `extra` entries added.
pub(crate) fn xlsx_with_sheet_data(sheet_data: &str, extra: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "kode").unwrap();
    crate::testing::with_sheet_data(&book.save_to_buffer().unwrap(), sheet_data, extra)
}

fn problem(bytes: &[u8]) -> FileProblem {
    match read_table(bytes) {
        Err(Error::FileUnreadable(p)) => p,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn cell_references_beyond_the_sheet_are_refused_before_the_reader_allocates() {
    for r in ["A999999999", "ZZZZZ2", "A99999999999999", "ZZZZZZZZZZ1"] {
        let xlsx = xlsx_with_sheet_data(
            &format!(
                r#"<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c></row><row r="2"><c r="{r}"><v>1</v></c></row>"#
            ),
            &[],
        );
        assert_eq!(problem(&xlsx), FileProblem::CellBeyondSheet(r.into()), "{r}");
    }
    let xlsx = xlsx_with_sheet_data(r#"<row r="99999999999"><c><v>1</v></c></row>"#, &[]);
    assert!(matches!(problem(&xlsx), FileProblem::CellBeyondSheet(_)));
    // Spaces around `=` and single quotes are XML too.
    let xlsx = xlsx_with_sheet_data(r#"<row r = '1'><c r  =  "A99999999999"><v>1</v></c></row>"#, &[]);
    assert_eq!(problem(&xlsx), FileProblem::CellBeyondSheet("A99999999999".into()));
    // A `>` inside another attribute's value does not end the tag.
    let xlsx = xlsx_with_sheet_data(r#"<row r="1"><c t=">" r="A99999999999"><v>1</v></c></row>"#, &[]);
    assert_eq!(problem(&xlsx), FileProblem::CellBeyondSheet("A99999999999".into()));
    // Only the watched names: a value of another attribute ending in r is no reference.
    let xlsx = xlsx_with_sheet_data(
        r#"<row r="1" spans="1:99999999999" x14ac:dyDescentr="99999999999"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#,
        &[],
    );
    assert_eq!(read_table(&xlsx).unwrap().rows.len(), 1);
}

#[test]
fn cells_beyond_the_row_or_column_limit_are_refused() {
    let head = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c></row>"#;
    let far_row = format!(r#"{head}<row r="1000002"><c r="A1000002"><v>1</v></c></row>"#);
    assert_eq!(problem(&xlsx_with_sheet_data(&far_row, &[])), FileProblem::TooManyRows(MAX_ROWS));
    let far_col = format!(r#"{head}<row r="2"><c r="TA2"><v>1</v></c></row>"#);
    assert_eq!(problem(&xlsx_with_sheet_data(&far_col, &[])), FileProblem::TooManyColumns(MAX_COLUMNS));
    // An empty cell or a formatted empty row far out (Excel writes them) is no data: accepted.
    let empty_far = format!(
        r#"{head}<row r="2"><c r="A2"><v>1</v></c></row><row r="1048576" s="1"><c r="XFD1048576" s="1"/></row>"#
    );
    let t = read_table(&xlsx_with_sheet_data(&empty_far, &[])).unwrap();
    assert_eq!((t.rows.len(), t.headers.len()), (1, 1));
    let long = "x".repeat(MAX_CELL_CHARS + 1);
    let long_cell = format!(r#"{head}<row r="2"><c r="B2" t="inlineStr"><is><t>{long}</t></is></c></row>"#);
    assert_eq!(
        problem(&xlsx_with_sheet_data(&long_cell, &[])),
        FileProblem::CellTooLong { row: 2, column: 2, limit: MAX_CELL_CHARS }
    );
}

use crate::testing::{with_bomb_as, zip_bomb};

#[test]
fn a_zip_bomb_is_refused_while_inflating() {
    // An XLSX of 2 MB whose sheet inflates to 300 MB (the first 100 MB are inflated, then the
    // file is refused).
    let good = xlsx_with_sheet_data(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#, &[]);
    let sheet = "xl/worksheets/sheet1.xml";
    let bomb = with_bomb_as(&good, sheet, &zip_bomb(sheet, 300 << 20));
    assert!(bomb.len() < 3 << 20, "{}", bomb.len());
    assert_eq!(
        problem(&bomb),
        FileProblem::Inflates { entry_limit: MAX_ZIP_ENTRY_BYTES, total_limit: MAX_ZIP_TOTAL_BYTES }
    );
    // The total cap holds over several entries each under the entry cap.
    let small = xlsx_with_sheet_data(
        r#"<row r="1"><c r="A1"><v>1</v></c></row>"#,
        &[("xl/media/a.bin", vec![b' '; 3000]), ("xl/media/b.bin", vec![b' '; 3000])],
    );
    let mut zip = zip::ZipArchive::new(Cursor::new(&small)).unwrap();
    let sizes: Vec<u64> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().size()).collect();
    let (total, largest) = (sizes.iter().sum::<u64>(), *sizes.iter().max().unwrap());
    assert!(check_zip_within(&small, largest, total).is_ok());
    assert!(matches!(
        check_zip_within(&small, largest, total - 1),
        Err(Error::FileUnreadable(FileProblem::Inflates { total_limit, .. })) if total_limit == total - 1
    ));
    assert!(check_zip_within(&small, largest - 1, total).is_err(), "an entry over the entry cap");
}

#[test]
fn a_zip_declaring_too_many_entries_is_refused_before_they_are_listed() {
    let mut xlsx = xlsx_with_sheet_data(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#, &[]);
    let eocd = xlsx.windows(4).rposition(|w| w == [0x50, 0x4b, 0x05, 0x06]).unwrap();
    assert_eq!(declared_entries(&xlsx), Some(u64::from(xlsx[eocd + 10])));
    xlsx[eocd + 8..eocd + 12].copy_from_slice(&[0x30, 0x75, 0x30, 0x75]); // 30,000 entries
    match problem(&xlsx) {
        FileProblem::NotSpreadsheet(why) => assert!(why.contains("entries"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_shared_strings_count_beyond_the_limit_is_refused_before_the_reader_reserves_it() {
    // Found by `juri bench fuzz-import`: the reader reserved 240 TB for uniqueCount="9999999999999".
    let good = xlsx_with_sheet_data(r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#, &[]);
    let mut src = zip::ZipArchive::new(Cursor::new(good)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut body = String::new();
        std::io::Read::read_to_string(&mut f, &mut body).unwrap();
        if name == "xl/sharedStrings.xml" {
            let at = body.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
            body.insert_str(at, "9999999999");
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    let xlsx = out.finish().unwrap().into_inner();
    assert_eq!(problem(&xlsx), FileProblem::TooManyTexts(2_000_000));
}

#[test]
fn an_encrypted_xlsx_is_refused() {
    let mut xlsx = xlsx_with_sheet_data(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#, &[]);
    // Set the "encrypted" flag of every entry, in its local and central headers.
    for sig in [[0x50, 0x4b, 0x03, 0x04], [0x50, 0x4b, 0x01, 0x02]] {
        let flag_at = if sig[2] == 3 { 6 } else { 8 };
        let hits: Vec<usize> = xlsx.windows(4).enumerate().filter(|(_, w)| *w == sig).map(|(i, _)| i).collect();
        for i in hits {
            xlsx[i + flag_at] |= 1;
        }
    }
    assert_eq!(problem(&xlsx), FileProblem::Encrypted);
}

#[test]
fn corrupt_and_truncated_xlsx_are_refused() {
    let good =
        xlsx_with_sheet_data(r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#, &[]);
    assert_eq!(read_table(&good).unwrap().rows.len(), 1);
    for cut in [10, good.len() / 2, good.len() - 10] {
        assert!(matches!(problem(&good[..cut]), FileProblem::NotSpreadsheet(_)), "cut at {cut}");
    }
    let mut flipped = good.clone();
    let mid = flipped.len() / 3;
    flipped[mid] ^= 0xff;
    assert!(read_table(&flipped).is_err());
}

#[test]
fn csv_rows_are_bounded_in_columns_and_cell_length() {
    let wide = format!("kode\n{}\n", vec!["1"; MAX_COLUMNS + 1].join(","));
    assert_eq!(problem(wide.as_bytes()), FileProblem::TooManyColumns(MAX_COLUMNS));
    let long = format!("kode,judul\nP-1,{}\n", "é".repeat(MAX_CELL_CHARS + 1));
    assert_eq!(problem(long.as_bytes()), FileProblem::CellTooLong { row: 2, column: 2, limit: MAX_CELL_CHARS });
    let fits = format!("kode,judul\nP-1,{}\n", "é".repeat(MAX_CELL_CHARS));
    assert!(read_table(fits.as_bytes()).is_ok());
}

#[test]
fn neutralised_formulas_of_juri_exports_read_back_unchanged() {
    let t = read_table(b"a,b,c,d,e,f,g\n'=1+1,'+62 812,'-5,'@x,\"'\tx\",'ok,''=\n").unwrap();
    // One `'` before a formula (after any further quotes) is Juri's; any other is the user's.
    assert_eq!(t.rows[0].cells, vec!["=1+1", "+62 812", "-5", "@x", "\tx", "'ok", "'="]);
    let t = read_table(b"a\n\"'\rx\"\n").unwrap();
    assert_eq!(t.rows[0].cell(0), "\rx");
}

#[test]
fn a_sheet_starting_further_in_keeps_its_row_numbers_and_column_offsets() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(2, 1, " kode ").unwrap();
    sheet.write_string(2, 2, "tanggal").unwrap();
    sheet.write_string(3, 1, "P-1").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 3, 1).unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_datetime_with_format(3, 2, &date, &fmt).unwrap();
    sheet.write_number(5, 2, 12.0).unwrap(); // row 5 (0-based 4) is empty
    let t = read_table(&book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(t.headers, vec!["", "kode", "tanggal"]);
    let rows: Vec<(usize, Vec<&str>)> = t.rows.iter().map(|r| (r.number, r.cells.iter().collect())).collect();
    assert_eq!(rows, [(4, vec!["", "P-1", "2023-03-01"]), (6, vec!["", "", "12"])]);
}

#[test]
fn excel_serials_become_dates() {
    assert_eq!(excel_serial_to_date(44197.0), "2021-01-01");
    assert_eq!(excel_serial_to_date(46282.5), "2026-09-17");
}
