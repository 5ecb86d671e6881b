//! Competition setup: JSON in and out (FORMATS.md §1), validation, edits.

use juri_core::competition::{Setup, create_competition, list_competitions, load_competition, update_competition};
use juri_core::error::{Error, SetupProblem};

use super::support::*;

const FORMATS_EXAMPLE: &str = r#"{
  "name": "Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju 2026",
  "year": 2026,
  "organiser": "Bagian Organisasi Setda Kabupaten Sukamaju",
  "place": "Sukamaju",
  "categories": [ { "code": "TK", "name": "Tata Kelola Pemerintahan", "quota": 3 } ],
  "stages": [
    { "code": "proposal", "name": "Penilaian Proposal", "kind": "desk", "weight": 30,
      "passing_grade": 60.0, "finalists_per_category": 5,
      "criteria": [ { "code": "kebaruan", "name": "Kebaruan", "description": "Hal baru",
                      "weight": 15, "min": 0, "max": 100 } ] },
    { "code": "presentasi", "name": "Presentasi dan Wawancara", "kind": "venue", "weight": 70,
      "criteria": [ { "code": "kemanfaatan", "name": "Kemanfaatan", "weight": 30, "min": 0, "max": 10 } ] }
  ],
  "tie_break": [ "stage:presentasi", "criterion:presentasi/kemanfaatan" ],
  "normalisation": "none",
  "disagreement_threshold": 15.0,
  "extra_field": "ignored"
}"#;

#[test]
fn setup_json_round_trips_through_the_database() {
    let mut t = new_db();
    let setup = Setup::from_json(FORMATS_EXAMPLE).unwrap();
    let id = t.db.write(|tx| create_competition(tx, setup.clone(), NOW)).unwrap();
    let loaded = load_competition(t.db.conn(), &id).unwrap().setup;
    assert_eq!(loaded, setup, "what is stored is what was read");
    let again = Setup::from_json(&loaded.to_json()).unwrap();
    assert_eq!(again, setup, "exported JSON imports to the same setup");
    let v: serde_json::Value = serde_json::from_str(&loaded.to_json()).unwrap();
    assert_eq!(v["stages"][0]["passing_grade"], 60.0);
    assert!(v["stages"][1].get("passing_grade").is_none(), "absent optional fields stay absent");
    assert_eq!(v["tie_break"][1], "criterion:presentasi/kemanfaatan");
}

#[test]
fn invalid_setups_report_every_problem_and_save_nothing() {
    let mut t = new_db();
    let mut s = Setup::from_json(FORMATS_EXAMPLE).unwrap();
    s.stages[0].criteria[0].min = 100.0; // min >= max
    let dup = s.stages[1].criteria[0].clone();
    s.stages[1].criteria.push(dup); // duplicate criterion code
    s.categories.push(s.categories[0].clone()); // duplicate category
    s.stages[0].weight = 0.0;
    s.stages[1].weight = 0.0; // zero total weight
    let before = dump(&t.db);
    let err = t.db.write(|tx| create_competition(tx, s, NOW)).unwrap_err();
    let Error::InvalidSetup(problems) = err else { panic!("expected InvalidSetup") };
    assert!(problems.contains(&SetupProblem::MinNotBelowMax { stage: "proposal".into(), code: "kebaruan".into() }));
    assert!(
        problems.contains(&SetupProblem::DuplicateCriterion { stage: "presentasi".into(), code: "kemanfaatan".into() })
    );
    assert!(problems.contains(&SetupProblem::DuplicateCategory("TK".into())));
    assert!(problems.contains(&SetupProblem::ZeroTotalStageWeight));
    assert_eq!(dump(&t.db), before, "nothing saved");
}

#[test]
fn malformed_json_is_a_setup_error_in_both_languages() {
    let err = Setup::from_json("{ not json").unwrap_err();
    assert_eq!(err.code(), juri_core::ErrorCode::InvalidSetup);
    assert!(err.message(juri_core::Lang::Id).contains("tidak valid"));
    assert!(err.message(juri_core::Lang::En).contains("invalid"));
    let err = Setup::from_json(&FORMATS_EXAMPLE.replace("\"desk\"", "\"lapangan\"")).unwrap_err();
    assert_eq!(err.code(), juri_core::ErrorCode::InvalidSetup, "unknown stage kind");
}

#[test]
fn editing_keeps_ids_and_refuses_to_drop_a_category_in_use() {
    let (mut t, id) = with_competition();
    let cat_id = |t: &TestDb| -> String {
        t.db.conn().query_row("SELECT id FROM category WHERE code = 'KS'", [], |r| r.get(0)).unwrap()
    };
    let before_id = cat_id(&t);
    let mut s = load_competition(t.db.conn(), &id).unwrap().setup;
    s.categories[1].name = "Kesehatan Masyarakat".into();
    t.db.write(|tx| update_competition(tx, &id, s.clone(), NOW)).unwrap();
    assert_eq!(cat_id(&t), before_id, "a renamed category keeps its id");
    assert_eq!(load_competition(t.db.conn(), &id).unwrap().setup.categories[1].name, "Kesehatan Masyarakat");

    t.db.write(|tx| {
        juri_core::proposals::add_proposal(
            tx,
            &id,
            juri_core::proposals::ProposalInput {
                title: "SIGAP BUMIL".into(),
                category: "KS".into(),
                unit: "Puskesmas Karangsari".into(),
                ..Default::default()
            },
            &actor(),
            NOW,
        )
    })
    .unwrap();
    s.categories.remove(1);
    let before = dump(&t.db);
    let err = t.db.write(|tx| update_competition(tx, &id, s, NOW)).unwrap_err();
    assert!(matches!(err, Error::InUse { .. }), "got {err:?}");
    assert_eq!(dump(&t.db), before, "a refused edit changes nothing");
    assert_eq!(list_competitions(t.db.conn()).unwrap()[0].proposals, 1);
}

#[test]
fn absurd_ranges_and_weights_are_refused_with_the_reason() {
    let mut s = super::support::kabupaten_setup();
    s.stages[0].criteria[0].min = -1e308;
    s.stages[0].criteria[0].max = 1e308;
    s.stages[0].criteria[1].weight = 1e300;
    s.stages[0].passing_grade = Some(250.0);
    match s.validate() {
        Err(juri_core::Error::InvalidSetup(problems)) => {
            assert_eq!(problems.len(), 3, "{problems:?}");
            let text = juri_core::Error::InvalidSetup(problems).message(juri_core::Lang::Id);
            assert!(text.contains("terlalu besar") && text.contains("nilai batas"), "{text}");
        }
        other => panic!("±1e308 bounds must be refused: {other:?}"),
    }
}
