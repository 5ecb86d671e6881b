//! Proposal import (FORMATS.md §2, §8): preview, one transaction, the bad-file corpus.

use juri_core::error::{Error, FileProblem, InputProblem};
use juri_core::import::{import_proposals, preview_proposals};
use juri_core::proposals::{ProposalFilter, list_proposals, proposal_history};

use super::support::*;

fn import(t: &mut TestDb, id: &str, bytes: &[u8]) -> juri_core::Result<juri_core::import::ImportSummary> {
    t.db.write(|tx| import_proposals(tx, id, bytes, &actor(), NOW, &mut |_, _| true))
}

#[test]
fn bom_semicolons_crlf_generated_codes_and_names() {
    let (mut t, id) = with_competition();
    let bytes = fixture("proposals/good_semicolon_bom.csv");
    let p = preview_proposals(t.db.conn(), &id, &bytes).unwrap();
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.to_add.len(), 4);
    let s = import(&mut t, &id, &bytes).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (4, 0, 0));
    let all = list_proposals(t.db.conn(), &id, &ProposalFilter::default()).unwrap();
    let codes: Vec<&str> = all.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(
        codes,
        vec!["P-001", "P-002", "P-003", "P-010"],
        "empty codes skip P-001 and P-010, which the file uses"
    );
    let antri = all.iter().find(|p| p.title.starts_with("ANTRI")).unwrap();
    assert_eq!(antri.category, "KS", "category by name");
    assert_eq!(antri.start_year, Some(2022), "\"2022,0\" is a year");
    assert_eq!(antri.innovator, "dr. Maya Anggraini, Sp.PD.", "names kept exactly");
    let xss = all.iter().find(|p| p.code == "P-003").unwrap();
    assert_eq!(xss.title, "<img src=x onerror=alert(1)>", "markup is stored as plain text");
    assert_eq!(all[0].summary, "Ibu hamil risiko tinggi; dikunjungi dalam 24 jam.", "quoted separator");
}

#[test]
fn reimport_identical_changes_nothing_and_a_changed_row_is_an_update_with_history() {
    let (mut t, id) = with_competition();
    let bytes = fixture("proposals/good_english_headers.csv");
    import(&mut t, &id, &bytes).unwrap();
    let before = dump(&t.db);
    let s = import(&mut t, &id, &bytes).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 2));
    assert_eq!(dump(&t.db), before, "an identical re-import writes nothing");

    let changed = String::from_utf8(bytes).unwrap().replace("2024", "2023");
    let p = preview_proposals(t.db.conn(), &id, changed.as_bytes()).unwrap();
    assert_eq!(p.to_update.len(), 1);
    assert_eq!(p.to_update[0].changes["tahun_mulai"], serde_json::json!([2024, 2023]));
    let s = import(&mut t, &id, changed.as_bytes()).unwrap();
    assert_eq!((s.added, s.updated, s.unchanged), (0, 1, 1));
    let padaring = list_proposals(t.db.conn(), &id, &ProposalFilter::default())
        .unwrap()
        .into_iter()
        .find(|p| p.code == "P-011")
        .unwrap();
    let h = proposal_history(t.db.conn(), &padaring.id).unwrap();
    assert_eq!(h.last().unwrap().action, "updated");
}

#[test]
fn xlsx_with_number_and_date_cells() {
    let (mut t, id) = with_competition();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["Kode", "Judul", "Kategori", "Unit", "Jenis_Unit", "Tahun_Mulai"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "P-016").unwrap();
    sheet.write_string(1, 1, "SEDEKAH JELANTAH").unwrap();
    sheet.write_string(1, 2, "LH").unwrap();
    sheet.write_string(1, 3, "Dinas Lingkungan Hidup").unwrap();
    sheet.write_string(1, 4, "OPD").unwrap();
    sheet.write_number(1, 5, 2022.0).unwrap();
    sheet.write_string(2, 0, "P-017").unwrap();
    sheet.write_string(2, 1, "SILAMPAH").unwrap();
    sheet.write_string(2, 2, "Lingkungan Hidup").unwrap();
    sheet.write_string(2, 3, "Dinas Lingkungan Hidup").unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 3, 1).unwrap();
    sheet
        .write_datetime_with_format(2, 5, &date, &rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy"))
        .unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let s = import(&mut t, &id, &bytes).unwrap();
    assert_eq!(s.added, 2);
    let all = list_proposals(t.db.conn(), &id, &ProposalFilter::default()).unwrap();
    assert_eq!(all[0].start_year, Some(2022), "numeric cell");
    assert_eq!(all[1].start_year, Some(2023), "a date cell gives its year");
}

/// Each bad file is refused with the expected problem, and the database content is unchanged.
#[test]
fn bad_file_corpus_is_refused_and_changes_nothing() {
    let (mut t, id) = with_competition();
    import(&mut t, &id, &fixture("proposals/good_english_headers.csv")).unwrap();
    let before = dump(&t.db);

    let refused = |t: &mut TestDb, name: &str| -> Error {
        let err = import(t, &id, &fixture(&format!("proposals/bad/{name}"))).unwrap_err();
        assert_eq!(dump(&t.db), before, "{name}: nothing changed");
        assert!(!err.message(juri_core::Lang::Id).is_empty());
        err
    };

    match refused(&mut t, "missing_column.csv") {
        Error::FileUnreadable(FileProblem::MissingColumns(c)) => assert_eq!(c, vec!["kategori"]),
        e => panic!("missing_column: {e:?}"),
    }
    match refused(&mut t, "wrong_types.csv") {
        Error::ImportRefused { errors } => {
            let cells: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
            assert_eq!(cells, vec![(2, "tahun_mulai"), (3, "jenis_unit"), (4, "judul"), (5, "unit")]);
            assert!(matches!(errors[0].problem, InputProblem::BadYear(_)));
            assert!(errors[1].message(juri_core::Lang::Id).starts_with("baris 3, kolom jenis_unit"));
        }
        e => panic!("wrong_types: {e:?}"),
    }
    match refused(&mut t, "duplicate_codes.csv") {
        Error::ImportRefused { errors } => {
            assert_eq!(errors.len(), 1);
            assert_eq!(errors[0].row, 4);
            assert_eq!(errors[0].problem, InputProblem::DuplicateInFile { code: "p-001".into(), first_row: 2 });
        }
        e => panic!("duplicate_codes: {e:?}"),
    }
    match refused(&mut t, "unknown_category.csv") {
        Error::ImportRefused { errors } => {
            assert_eq!((errors[0].row, errors[0].column.as_str()), (3, "kategori"));
        }
        e => panic!("unknown_category: {e:?}"),
    }
    assert!(matches!(refused(&mut t, "empty.csv"), Error::FileUnreadable(FileProblem::Empty)));
    assert!(matches!(refused(&mut t, "header_only.csv"), Error::FileUnreadable(FileProblem::NoRows)));
    assert!(matches!(refused(&mut t, "garbage.csv"), Error::FileUnreadable(FileProblem::NotText)));
    assert!(matches!(refused(&mut t, "broken.xlsx"), Error::FileUnreadable(FileProblem::NotSpreadsheet(_))));

    let p = preview_proposals(t.db.conn(), &id, &fixture("proposals/bad/unknown_category.csv")).unwrap();
    assert_eq!(p.unknown_categories, vec!["Pendidikan"], "the preview lists unknown categories");
}

#[test]
fn cancelling_rolls_everything_back() {
    let (mut t, id) = with_competition();
    let mut csv = String::from("judul,kategori,unit\n");
    for i in 0..250 {
        csv.push_str(&format!("Inovasi {i},KS,Dinas Kesehatan\n"));
    }
    let before = dump(&t.db);
    let err =
        t.db.write(|tx| import_proposals(tx, &id, csv.as_bytes(), &actor(), NOW, &mut |done, _| done < 200))
            .unwrap_err();
    assert!(matches!(err, Error::Cancelled));
    assert_eq!(dump(&t.db), before, "a cancelled import leaves nothing behind");
}
