//! Every file from a USB stick is hostile (issue 12): hostile inputs generated here (zip bomb,
//! cell references far out, 100k-column rows, 1 MB cells, NUL bytes, invalid UTF-8 and UTF-16
//! text, seeded random bytes, truncated and damaged XLSX) go through every table importer and the
//! setup JSON reader. Each must give a typed error with a short message in both languages, never a
//! panic, and leave the database exactly as it was.

use std::io::{Cursor, Read, Write};

use juri_core::competition::Setup;
use juri_core::error::{Error, ErrorCode, FileProblem};
use juri_core::ikm::import_ikm;
use juri_core::import::{import_judges, import_proposals, import_scores};
use juri_core::monitoring::{import_innovations, import_reports, import_targets};
use juri_core::scoring::store::ScoreContext;
use juri_core::{Lang, rusqlite};

use super::support::*;

use juri_core::testing::{Rng, with_bomb_as, zip_bomb};

/// An XLSX written by rust_xlsxwriter whose first sheet's `<sheetData>` is replaced by `sheet_data`.
fn xlsx_with_sheet_data(sheet_data: &str) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "kode").unwrap();
    juri_core::testing::with_sheet_data(&book.save_to_buffer().unwrap(), sheet_data, &[])
}

/// A good XLSX scores file (a real header and a row), to truncate and damage.
fn good_xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["tahap", "kode_proposal", "kode_juri", "kode_kriteria", "nilai"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    // P-999 is no proposal: read as it should be, the file is still refused.
    for (c, v) in ["proposal", "P-999", "J1", "kebaruan"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_number(1, 4, 80.0).unwrap();
    book.save_to_buffer().unwrap()
}

/// An XLSX whose sheet declares a `<dimension ref>` far beyond any sheet (read before the cells).
fn far_dimension(head: &str) -> Vec<u8> {
    let x = xlsx_with_sheet_data(&format!(r#"{head}<row r="2"><c r="A2"><v>1</v></c></row>"#));
    let mut src = zip::ZipArchive::new(Cursor::new(x)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut body = String::new();
        f.read_to_string(&mut body).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let start = body.find("<dimension").unwrap();
            let end = start + body[start..].find("/>").unwrap() + 2;
            body = format!(r#"{}<dimension ref="A1:ZZZZZZZZ99999999999"/>{}"#, &body[..start], &body[end..]);
        }
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(body.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The hostile inputs, named.
fn hostile_inputs() -> Vec<(String, Vec<u8>)> {
    let head = r#"<row r="1"><c r="A1" t="inlineStr"><is><t>kode</t></is></c></row>"#;
    let mut v: Vec<(String, Vec<u8>)> = vec![
        // (As the shared strings, which the reader reads first: as a sheet, the cell-reference watch
        // over 100 MB costs a second a read in a debug build; the reader's unit tests do that one.)
        (
            "zip bomb (2 MB inflating to 300 MB)".into(),
            with_bomb_as(&good_xlsx(), "xl/sharedStrings.xml", &zip_bomb("xl/sharedStrings.xml", 300 << 20)),
        ),
        (
            "cell reference A999999999".into(),
            xlsx_with_sheet_data(&format!(r#"{head}<row r="2"><c r="A999999999"><v>1</v></c></row>"#)),
        ),
        (
            "cell reference ZZZZZ2".into(),
            xlsx_with_sheet_data(&format!(r#"{head}<row r="2"><c r="ZZZZZ2"><v>1</v></c></row>"#)),
        ),
        (
            "cell reference overflowing 32 bits".into(),
            xlsx_with_sheet_data(&format!(
                r#"{head}<row r="99999999999"><c r="ZZZZZZZZ99999999999"><v>1</v></c></row>"#
            )),
        ),
        ("dimension far out".into(), far_dimension(head)),
        (
            "xlsx cell past the column limit".into(),
            xlsx_with_sheet_data(&format!(r#"{head}<row r="2"><c r="XFD2"><v>1</v></c></row>"#)),
        ),
        (
            "xlsx 1 MB cell".into(),
            xlsx_with_sheet_data(&format!(
                r#"{head}<row r="2"><c r="A2" t="inlineStr"><is><t>{}</t></is></c></row>"#,
                "x".repeat(1 << 20)
            )),
        ),
        ("csv 100k-column row".into(), format!("kode\n{}\n", vec!["1"; 100_000].join(",")).into_bytes()),
        ("csv 100k-column header".into(), format!("{}\n1\n", vec!["h"; 100_000].join(",")).into_bytes()),
        ("csv 1 MB cell".into(), format!("kode,nama\nJ1,{}\n", "é".repeat(1 << 19)).into_bytes()),
        ("NUL bytes".into(), b"kode,nama\nJ1,Ju\0ri\n".to_vec()),
        ("invalid UTF-8".into(), b"kode,nama\nJ1,Ju\xff\xferi\n".to_vec()),
        (
            "UTF-16 text".into(),
            [0xff, 0xfe]
                .into_iter()
                .chain("kode,nama\nJ1,Juri\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
                .collect(),
        ),
        ("empty".into(), Vec::new()),
        ("zip magic then garbage".into(), b"PK\x03\x04not a zip at all".to_vec()),
    ];
    let good = good_xlsx();
    for cut in [4, 30, good.len() / 3, good.len() / 2, good.len() - 22, good.len() - 1] {
        v.push((format!("xlsx truncated at {cut}"), good[..cut].to_vec()));
    }
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for i in 0..12 {
        let mut damaged = good.clone();
        for _ in 0..1 + i % 4 {
            let at = rng.next_u64() as usize % damaged.len();
            damaged[at] = rng.next_u64() as u8;
        }
        v.push((format!("xlsx damaged #{i}"), damaged));
    }
    for i in 0..12 {
        let len = 1 + rng.next_u64() as usize % 4096;
        let mut bytes = rng.bytes(len);
        if i % 3 == 0 {
            bytes.splice(0..0, *b"PK\x03\x04");
        }
        v.push((format!("random bytes #{i} ({len})"), bytes));
    }
    v
}

/// A database with something in every table an importer writes, so "unchanged" means something.
fn populated() -> (TestDb, String) {
    let (mut t, id) = with_competition();
    t.db.write(|tx| {
        import_proposals(tx, &id, b"kode,judul,kategori,unit\nP-001,Judul,TK,Dinas\n", &actor(), NOW, &mut |_, _| true)
    })
    .unwrap();
    t.db.write(|tx| import_judges(tx, &id, b"kode,nama\nJ1,Juri Satu\n", NOW)).unwrap();
    t.db.write(|tx| import_ikm(tx, b"unit,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9\nDinas,2026,4,4,4,4,4,4,4,4,4\n", NOW))
        .unwrap();
    t.db.write(|tx| import_innovations(tx, b"kode,judul,unit\nINV-001,Judul,Dinas\n", &actor(), NOW)).unwrap();
    (t, id)
}

type Importer = fn(&rusqlite::Connection, &str, &[u8]) -> juri_core::Result<()>;

fn importers() -> Vec<(&'static str, Importer)> {
    vec![
        ("proposals", |tx, id, b| import_proposals(tx, id, b, &actor(), NOW, &mut |_, _| true).map(drop)),
        ("judges", |tx, id, b| import_judges(tx, id, b, NOW).map(drop)),
        ("scores", |tx, id, b| {
            let ctx = ScoreContext { actor: "uji".into(), device: "uji".into(), now: NOW.into() };
            import_scores(tx, id, b, &ctx).map(drop)
        }),
        ("ikm", |tx, _, b| import_ikm(tx, b, NOW).map(drop)),
        ("innovations", |tx, _, b| import_innovations(tx, b, &actor(), NOW).map(drop)),
        ("targets", |tx, _, b| import_targets(tx, b, &actor(), NOW).map(drop)),
        ("reports", |tx, _, b| import_reports(tx, b, &actor(), NOW).map(drop)),
        ("setup json", |_, _, b| Setup::from_json_bytes(b).map(drop)),
    ]
}

/// A typed refusal: one of the codes a bad file gives, with a message a person can read.
fn assert_typed(what: &str, e: &Error) {
    let expected =
        [ErrorCode::FileUnreadable, ErrorCode::ImportRefused, ErrorCode::InvalidSetup, ErrorCode::InvalidInput];
    assert!(expected.contains(&e.code()), "{what}: not a typed refusal: {e:?}");
    for lang in [Lang::Id, Lang::En] {
        let m = e.message(lang);
        assert!(!m.trim().is_empty(), "{what}: empty message");
        // Every value echoed is cut: a message stays short whatever the file holds.
        let longest_line = m.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(longest_line < 400, "{what}: a message line of {longest_line} characters");
    }
}

#[test]
fn hostile_files_are_refused_by_every_importer_and_change_nothing() {
    let started = std::time::Instant::now();
    let (mut t, id) = populated();
    let before = dump(&t.db);
    for (name, bytes) in hostile_inputs() {
        for (importer, run) in importers() {
            let what = format!("{importer} ← {name}");
            let result = t.db.write(|tx| run(tx, &id, &bytes));
            match result {
                Err(e) => assert_typed(&what, &e),
                // A random file may, by chance, be a readable table: then it must still be refused
                // as a whole (its columns are not the importer's).
                Ok(()) => panic!("{what}: a hostile file was accepted"),
            }
        }
    }
    assert_eq!(dump(&t.db), before, "the database is unchanged");
    eprintln!("hostile files through every importer: {:?}", started.elapsed());
}

#[test]
fn a_million_and_one_rows_are_refused() {
    // Every importer reads through the same reader; the scores importer, whose files are the
    // largest real ones (324,000 rows), stands for all (a million rows take a second to read in a
    // debug build).
    let (mut t, id) = populated();
    let before = dump(&t.db);
    let mut csv = b"tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n".to_vec();
    csv.extend(b"proposal,P-999,J1,kebaruan,1\n".repeat(juri_core::limits::MAX_ROWS + 1));
    let ctx = ScoreContext { actor: "uji".into(), device: "uji".into(), now: NOW.into() };
    let e = t.db.write(|tx| import_scores(tx, &id, &csv, &ctx)).unwrap_err();
    assert!(
        matches!(e, Error::FileUnreadable(FileProblem::TooManyRows(n)) if n == juri_core::limits::MAX_ROWS),
        "{e:?}"
    );
    assert_typed("a million and one rows", &e);
    assert_eq!(dump(&t.db), before);
}

#[test]
fn hostile_setup_json_is_refused() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let huge_name = format!(r#"{{"name":"{}","year":2026,"categories":[],"stages":[]}}"#, "x".repeat(1 << 20));
    let huge_number = r#"{"name":"a","year":1e999999,"categories":[],"stages":[]}"#.to_string();
    let many = format!(
        r#"{{"name":"a","year":2026,"categories":[{}],"stages":[]}}"#,
        vec![r#"{"code":"A","name":"A"}"#; 100_000].join(",")
    );
    for (name, text) in
        [("deep nesting", deep), ("1 MB name", huge_name), ("huge number", huge_number), ("100k categories", many)]
    {
        match Setup::from_json_bytes(text.as_bytes()) {
            Err(e) => assert_typed(name, &e),
            Ok(_) => panic!("{name}: accepted"),
        }
    }
}
