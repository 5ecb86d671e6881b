//! Text fields have limits (crates/core/src/limits.rs): every importer refuses a longer value
//! with its row and column, every store function the app calls with its field; nothing changes.

use juri_core::competition::{create_competition, update_competition};
use juri_core::error::{Error, InputProblem, SetupProblem};
use juri_core::ikm::{IkmResponseInput, record_ikm_response};
use juri_core::import::{import_judges, import_proposals};
use juri_core::judges::{JudgeInput, upsert_judge};
use juri_core::limits::{CODE, LONG, NAME, REASON, SHORT, TITLE};
use juri_core::monitoring::*;
use juri_core::proposals::{ProposalFilter, ProposalInput, add_proposal, list_proposals, remove_proposal};

use super::support::*;

fn x(n: usize) -> String {
    "x".repeat(n)
}

/// The (row, column, problem) of an import's refusal.
fn row_errors<T: std::fmt::Debug>(r: juri_core::Result<T>) -> Vec<(usize, String, InputProblem)> {
    match r {
        Err(Error::ImportRefused { errors }) => errors.into_iter().map(|e| (e.row, e.column, e.problem)).collect(),
        other => panic!("expected a refused import, got {other:?}"),
    }
}

fn field_error<T: std::fmt::Debug>(r: juri_core::Result<T>) -> (&'static str, InputProblem) {
    match r {
        Err(Error::InvalidInput { field, problem }) => (field, problem),
        other => panic!("expected an invalid input, got {other:?}"),
    }
}

#[test]
fn importers_refuse_over_long_values_with_row_and_column() {
    let (mut t, id) = with_competition();
    let before = dump(&t.db);
    let file = format!(
        "judul,kategori,unit,inovator\nJudul,TK,Dinas,Nama\nJudul,TK,Dinas,{}\n{},TK,Dinas,\n",
        x(NAME + 1),
        x(TITLE + 1)
    );
    let r = t.db.write(|tx| import_proposals(tx, &id, file.as_bytes(), &actor(), NOW, &mut |_, _| true));
    assert_eq!(
        row_errors(r),
        [(3, "inovator".into(), InputProblem::TooLong(NAME)), (4, "judul".into(), InputProblem::TooLong(TITLE))]
    );
    let file = format!("kode,nama,institusi,nip\nJ1,{},Unpad,\nJ2,Nama,Unpad,{}\n", x(NAME + 1), x(SHORT + 1));
    let r = t.db.write(|tx| import_judges(tx, &id, file.as_bytes(), NOW));
    assert_eq!(
        row_errors(r),
        [(2, "nama".into(), InputProblem::TooLong(NAME)), (3, "nip".into(), InputProblem::TooLong(SHORT))]
    );
    assert_eq!(dump(&t.db), before, "nothing changed");
}

#[test]
fn monitoring_importers_refuse_over_long_values() {
    let mut t = new_db();
    let file = format!(
        "judul,unit,kode_unit\n{},Dinas,U1\nJudul,{},U2\nJudul,Dinas,{}\n",
        x(TITLE + 1),
        x(NAME + 1),
        x(CODE + 1)
    );
    let r = t.db.write(|tx| import_innovations(tx, file.as_bytes(), &actor(), NOW));
    assert_eq!(
        row_errors(r),
        [
            (2, "judul".into(), InputProblem::TooLong(TITLE)),
            (3, "unit".into(), InputProblem::TooLong(NAME)),
            (4, "kode_unit".into(), InputProblem::TooLong(CODE))
        ]
    );
    t.db.write(|tx| import_innovations(tx, b"kode,judul,unit\nINV-001,Judul,Dinas\n", &actor(), NOW)).unwrap();
    let before = dump(&t.db);
    let file = format!(
        "kode_inovasi,indikator,jenis,satuan,tahun,triwulan,target\nINV-001,{},output,orang,2026,1,4\nINV-001,Kunjungan,output,{},2026,1,4\n",
        x(TITLE + 1),
        x(200)
    );
    let r = t.db.write(|tx| import_targets(tx, file.as_bytes(), &actor(), NOW));
    let errs = row_errors(r);
    assert_eq!(errs[0], (2, "indikator".into(), InputProblem::TooLong(TITLE)));
    assert_eq!(errs[1], (3, "satuan".into(), InputProblem::TooLong(MAX_MEASURE)));
    let file =
        format!("kode_inovasi,tahun,triwulan,indikator,realisasi,narasi\nINV-001,2026,1,Kunjungan,4,{}\n", x(LONG + 1));
    let r = t.db.write(|tx| import_reports(tx, file.as_bytes(), &actor(), NOW));
    assert!(row_errors(r).contains(&(2, "narasi".into(), InputProblem::TooLong(LONG))));
    assert_eq!(dump(&t.db), before, "nothing changed");
}

#[test]
fn store_functions_refuse_over_long_values() {
    let (mut t, id) = with_competition();
    let proposal = ProposalInput {
        title: "Judul".into(),
        category: "TK".into(),
        unit: "Dinas".into(),
        phone: x(SHORT + 1),
        ..Default::default()
    };
    let r = t.db.write(|tx| add_proposal(tx, &id, proposal.clone(), &actor(), NOW));
    assert_eq!(field_error(r), ("telepon", InputProblem::TooLong(SHORT)));
    let ok = t.db.write(|tx| add_proposal(tx, &id, ProposalInput { phone: "0812".into(), ..proposal }, &actor(), NOW));
    let p = ok.unwrap();
    let r = t.db.write(|tx| remove_proposal(tx, &p.id, &x(REASON + 1), &actor(), NOW));
    assert_eq!(field_error(r), ("alasan", InputProblem::TooLong(REASON)));
    assert!(!list_proposals(t.db.conn(), &id, &ProposalFilter::default()).unwrap()[0].removed);

    let judge = JudgeInput { code: "J1".into(), name: "Nama".into(), institution: x(NAME + 1), ..Default::default() };
    assert_eq!(
        field_error(t.db.write(|tx| upsert_judge(tx, &id, judge, NOW))),
        ("institusi", InputProblem::TooLong(NAME))
    );

    let unit = UnitInput { code: "U1".into(), name: x(NAME + 1), unit_type: String::new() };
    assert_eq!(field_error(t.db.write(|tx| add_unit(tx, unit, NOW))), ("unit", InputProblem::TooLong(NAME)));
    let inv = InnovationInput {
        code: String::new(),
        title: "Judul".into(),
        unit: "Dinas".into(),
        unit_type: String::new(),
        start_year: None,
        description: x(LONG + 1),
        stage: LifecycleStage::Gagasan,
    };
    assert_eq!(
        field_error(t.db.write(|tx| add_innovation(tx, inv, &actor(), NOW))),
        ("deskripsi", InputProblem::TooLong(LONG))
    );
    let ikm = IkmResponseInput {
        unit: "Dinas".into(),
        period: x(SHORT + 1),
        answers: vec![Some(4); 9],
        ..Default::default()
    };
    assert_eq!(
        field_error(t.db.write(|tx| record_ikm_response(tx, ikm, NOW))),
        ("periode", InputProblem::TooLong(SHORT))
    );
}

#[test]
fn competition_setup_names_have_limits() {
    let mut t = new_db();
    let mut setup = kabupaten_setup();
    setup.name = x(TITLE + 1);
    setup.categories[0].name = x(NAME + 1);
    setup.stages[0].criteria[0].description = x(LONG + 1);
    let cat = setup.categories[0].code.clone();
    let crit = setup.stages[0].criteria[0].code.clone();
    let Err(Error::InvalidSetup(problems)) = t.db.write(|tx| create_competition(tx, setup.clone(), NOW)) else {
        panic!("refused")
    };
    assert_eq!(
        problems,
        [
            SetupProblem::TooLong { field: "nama_kompetisi", code: String::new(), max: TITLE },
            SetupProblem::TooLong { field: "nama_kategori", code: cat, max: NAME },
            SetupProblem::TooLong { field: "deskripsi_kriteria", code: crit, max: LONG },
        ]
    );
    let m = Error::InvalidSetup(problems).message(juri_core::Lang::En);
    assert!(m.contains("competition name: too long (at most 500 characters)"), "{m}");
    let id = t.db.write(|tx| create_competition(tx, kabupaten_setup(), NOW)).unwrap();
    let mut edit = kabupaten_setup();
    edit.organiser = x(TITLE + 1);
    assert!(matches!(t.db.write(|tx| update_competition(tx, &id, edit, NOW)), Err(Error::InvalidSetup(_))));
}
