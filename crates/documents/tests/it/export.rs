//! Exports re-import: scores in the long format give the same recap in a fresh database.

use juri_core::import::import_scores;
use juri_core::scoring::recap::recap_for_competition;
use juri_core::scoring::recap_json;
use juri_core::scoring::store::ScoreContext;
use juri_documents::export::*;

use crate::support::{NOW, demo};

fn ctx() -> ScoreContext {
    ScoreContext { actor: "uji".into(), device: "uji".into(), now: NOW.into() }
}

#[test]
fn exported_scores_reimport_to_the_same_recap() {
    let d = demo(true);
    let data = d.data();
    let csv = juri_documents::export::scores_csv(d.db.conn(), &data).unwrap();
    // For Excel on an Indonesian Windows: BOM, `;`, CRLF, decimal commas.
    assert!(csv.starts_with("\u{feff}tahap;kode_proposal;kode_juri;kode_kriteria;nilai\r\n"), "{}", &csv[..60]);
    assert!(csv.contains("\r\npresentasi;P-009;J1;kemanfaatan;7,5\r\n"), "values unrounded, decimal comma");
    assert!(!csv.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
    let xlsx = scores_xlsx(d.db.conn(), &data).unwrap();
    let expected = recap_json(&recap_for_competition(d.db.conn(), &d.id).unwrap().recap);

    for file in [csv.as_bytes(), &xlsx[..]] {
        let mut fresh = demo(false);
        let id = fresh.id.clone();
        let s = fresh.db.write(|tx| import_scores(tx, &id, file, &ctx())).unwrap();
        assert_eq!(s.added, csv.lines().count() - 1, "every score imported");
        let got = recap_json(&recap_for_competition(fresh.db.conn(), &id).unwrap().recap);
        assert_eq!(got, expected, "same recap after the round trip");
    }
    let mut same = d;
    let id = same.id.clone();
    let s = same.db.write(|tx| import_scores(tx, &id, csv.as_bytes(), &ctx())).unwrap();
    assert_eq!((s.added, s.changed), (0, 0), "re-importing into the source changes nothing");
}

#[test]
fn proposals_and_judges_export_in_their_import_formats() {
    let d = demo(true);
    let data = d.data();
    let p = proposals_csv(&data);
    assert!(p.starts_with("\u{feff}kode;judul;kategori;unit;jenis_unit;inovator"));
    assert!(p.contains(
        "P-002;ANTRI SEHAT (Antrean Rumah Sakit dari Rumah);KS;RSUD Sukamaju;OPD;dr. Maya Anggraini, Sp.PD.;"
    ));
    let j = judges_csv(&data);
    assert!(j.contains("J3;Nur'aini Rahmawati, S.Sos., M.A.;Perkumpulan Warga Peduli Layanan;LSM;;;"), "{j}");
    assert!(j.contains("J5;Ir. Hendra Gunawan, M.T.;Bappeda Kabupaten Sukamaju;birokrasi;19790503 200501 1 012;Badan Perencanaan Pembangunan Daerah;"));
    let mut fresh = demo(false);
    let id = fresh.id.clone();
    let s = fresh.db.write(|tx| juri_core::import::import_judges(tx, &id, j.as_bytes(), NOW)).unwrap();
    assert_eq!((s.added, s.updated), (0, 0), "the exported judges re-import as unchanged");
    let back = juri_core::import::preview_proposals(d.db.conn(), &d.id, p.as_bytes()).unwrap();
    assert_eq!((back.rows, back.to_add.len(), back.to_update.len()), (20, 0, 0), "the proposals re-import unchanged");
}

#[test]
fn the_workbook_holds_every_table_and_the_recap_columns_of_the_pdf() {
    let d = demo(true);
    let data = d.data();
    let xlsx = workbook_xlsx(d.db.conn(), &data).unwrap();
    assert_eq!(&xlsx[..2], b"PK", "an XLSX (zip) file");
    let recap = recap_table_csv(&data).unwrap();
    let header = recap.lines().next().unwrap();
    assert_eq!(
        header,
        "\u{feff}tahap;kategori;No;Kode;Judul Inovasi;Unit;J1;J2;J3;J4;J5;Nilai Tahap;n;SD;Peringkat Tahap;Keterangan"
    );
    // The overall sheets follow the stages': each stage's score beside the final.
    assert!(recap.lines().any(|l| l.ends_with(
        "tahap;kategori;No;Kode;Judul Inovasi;Unit;Penilaian Proposal (30%);Presentasi dan Wawancara (70%);Nilai Akhir;Peringkat;Keterangan"
    )));
    let final9 = recap.lines().find(|l| l.starts_with("akhir;TK;") && l.contains("P-009")).unwrap();
    assert!(final9.ends_with(";2;Juara II"), "{final9}");
    let p9 = recap.lines().find(|l| l.starts_with("presentasi;TK;") && l.contains("P-009")).unwrap();
    assert!(p9.contains(";75,5;69;80;74,5;KK;74,75;4;"), "{p9}");
}

/// Every field of a CSV text (flexible: the recap has one header per sheet).
fn fields(csv_text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes())
        .into_records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_text_cells_never_start_a_formula_and_numbers_stay_numbers() {
    let d = demo(true);
    d.db.conn()
        .execute_batch(
            "UPDATE proposal SET title = '=HYPERLINK(\"http://x.test\",\"klik\")', unit = '@SUM(A1)',
                                 innovator = '+62 812 3456', summary = '-2+3', phone = char(9) || 'x',
                                 email = char(13) || 'y'
             WHERE code = 'P-009';
             UPDATE judge SET name = '=1+1', institution = '-cmd|'' /C calc''!A0' WHERE code = 'J2';",
        )
        .unwrap();
    let data = d.data();
    let proposals = fields(&proposals_csv(&data));
    let p9 = proposals.iter().find(|r| r[0] == "P-009").unwrap();
    assert_eq!(
        p9[..10],
        [
            "P-009",
            "'=HYPERLINK(\"http://x.test\",\"klik\")",
            "TK",
            "'@SUM(A1)",
            "OPD",
            "'+62 812 3456",
            "'\tx",
            "'\ry",
            "'-2+3",
            "2022"
        ]
    );
    let judges = fields(&judges_csv(&data));
    let j2 = judges.iter().find(|r| r[0] == "J2").unwrap();
    assert_eq!(j2[1..3], ["'=1+1", "'-cmd|' /C calc'!A0"]);
    let recap = recap_table_csv(&data).unwrap();
    let p9 = recap.lines().find(|l| l.starts_with("presentasi;TK;") && l.contains("P-009")).unwrap();
    assert!(p9.contains(";'@SUM(A1);75,5;69;80;74,5;"), "unit neutralised, numbers kept: {p9}");
    let scores = fields(&scores_csv(d.db.conn(), &data).unwrap());
    for table in [proposals, judges, fields(&recap), scores] {
        for cell in table.iter().flatten() {
            let first = cell.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'))
                    || juri_core::csv_safe::is_plain_number(cell),
                "cell {cell:?} would start a formula"
            );
        }
    }
    // Read back by Juri's own importer, the neutralised cells are the values they were (values
    // an import keeps: it trims the tab and carriage return of the phone and email above).
    let mut same = d;
    same.db.conn().execute_batch("UPDATE proposal SET phone = '', email = '''=x' WHERE code = 'P-009'").unwrap();
    let id = same.id.clone();
    let again = proposals_csv(&same.data());
    let actor = juri_core::proposals::Actor::new("uji");
    let s = same
        .db
        .write(|tx| juri_core::import::import_proposals(tx, &id, again.as_bytes(), &actor, NOW, &mut |_, _| true))
        .unwrap();
    assert_eq!((s.added, s.updated), (0, 0), "the neutralised export re-imports as unchanged");
    let j = judges_csv(&same.data());
    let s = same.db.write(|tx| juri_core::import::import_judges(tx, &id, j.as_bytes(), NOW)).unwrap();
    assert_eq!((s.added, s.updated), (0, 0), "the judges too");
}

/// A proposal forwarded from a kabupaten (FORMATS.md §10) says where it came from in the remarks
/// of the recap (PDF, CSV, XLSX share the rows) and the berita acara.
#[test]
fn a_forwarded_proposal_names_its_origin_in_the_remarks() {
    let d = demo(true);
    d.db.conn()
        .execute(
            "UPDATE proposal SET origin_organiser = 'Bagian Organisasi Setda Kabupaten Sukamakmur',
                    origin_competition = 'KIPP Sukamakmur 2026', origin_year = 2026, origin_code = 'P-017',
                    origin_rank = 1, origin_final = 81.5 WHERE code = 'P-004'",
            [],
        )
        .unwrap();
    let data = d.data();
    let recap = recap_table_csv(&data).unwrap();
    let row = recap.lines().find(|l| l.starts_with("akhir;") && l.contains(";P-004;")).unwrap();
    assert!(row.ends_with("\"Juara III; asal: Bagian Organisasi Setda Kabupaten Sukamakmur, P-017\""), "{row}");
    let desk = recap.lines().find(|l| l.starts_with("proposal;") && l.contains(";P-004;")).unwrap();
    assert!(desk.ends_with("\"asal: Bagian Organisasi Setda Kabupaten Sukamakmur, P-017; Finalis\""), "{desk}");
    assert!(!recap.lines().filter(|l| !l.contains(";P-004;")).any(|l| l.contains("asal:")), "only P-004 has an origin");
    // The berita acara puts it under the unit (its remarks column is narrow).
    let ba = d.save("ba-asal.pdf", &juri_documents::berita_acara_pdf(&data).unwrap());
    let words = crate::support::text(&ba).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("Desa Sindangwangi (asal: Bagian Organisasi Setda Kabupaten Sukamakmur, P-017)"), "{words}");
}
