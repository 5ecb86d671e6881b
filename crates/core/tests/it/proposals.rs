//! Proposal registry: add, edit with history, screening with reasons, removal with trace.

use juri_core::error::{Error, InputProblem};
use juri_core::proposals::*;

use super::support::*;

fn input(title: &str) -> ProposalInput {
    ProposalInput {
        title: title.into(),
        category: "Kesehatan".into(),
        unit: "RSUD Sukamaju".into(),
        unit_type: "opd".into(),
        ..Default::default()
    }
}

#[test]
fn codes_are_generated_and_category_names_accepted() {
    let (mut t, id) = with_competition();
    let a = t.db.write(|tx| add_proposal(tx, &id, input("ANTRI SEHAT"), &actor(), NOW)).unwrap();
    assert_eq!(a.code, "P-001");
    assert_eq!(a.category, "KS", "category given by name is stored by code");
    assert_eq!(a.unit_type, "OPD", "unit type in canonical spelling");
    let mut i = input("RESEP ANTAR");
    i.code = "p-001".into();
    let err = t.db.write(|tx| add_proposal(tx, &id, i, &actor(), NOW)).unwrap_err();
    assert!(matches!(err, Error::DuplicateCode(_)), "codes are unique case-insensitively");
}

#[test]
fn screening_needs_a_reason_to_fail_and_every_change_is_in_history() {
    let (mut t, id) = with_competition();
    let p = t.db.write(|tx| add_proposal(tx, &id, input("JEBOL DILAN"), &actor(), NOW)).unwrap();
    let err =
        t.db.write(|tx| set_status(tx, &p.id, ScreeningStatus::TidakLolosAdministrasi, "  ", &actor(), NOW))
            .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { problem: InputProblem::ReasonRequired, .. }));
    let p2 =
        t.db.write(|tx| {
            set_status(
                tx,
                &p.id,
                ScreeningStatus::TidakLolosAdministrasi,
                "Baru berjalan sejak 2026",
                &actor(),
                "2026-08-11T10:00:00Z",
            )
        })
        .unwrap();
    assert_eq!(p2.status, ScreeningStatus::TidakLolosAdministrasi);
    let mut edit = p2.as_input();
    edit.title = "JEBOL DILAN (Jemput Bola KTP-el)".into();
    t.db.write(|tx| update_proposal(tx, &p.id, edit, &actor(), "2026-08-12T10:00:00Z")).unwrap();
    let h = proposal_history(t.db.conn(), &p.id).unwrap();
    let actions: Vec<&str> = h.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["created", "status", "updated"]);
    assert_eq!(h[1].reason, "Baru berjalan sejak 2026");
    assert_eq!(h[1].changes["status"], serde_json::json!(["terdaftar", "tidak_lolos_administrasi"]));
    assert_eq!(h[2].changes["judul"][1], "JEBOL DILAN (Jemput Bola KTP-el)");
}

#[test]
fn removal_keeps_a_trace_and_frees_the_code() {
    let (mut t, id) = with_competition();
    let p = t.db.write(|tx| add_proposal(tx, &id, input("POSBINDU KELILING"), &actor(), NOW)).unwrap();
    assert!(t.db.write(|tx| remove_proposal(tx, &p.id, "", &actor(), NOW)).is_err(), "a reason is required");
    t.db.write(|tx| remove_proposal(tx, &p.id, "Salah input, terdaftar dua kali", &actor(), NOW)).unwrap();
    assert!(list_proposals(t.db.conn(), &id, &ProposalFilter::default()).unwrap().is_empty());
    let all =
        list_proposals(t.db.conn(), &id, &ProposalFilter { include_removed: true, ..Default::default() }).unwrap();
    assert_eq!(all.len(), 1, "the row is kept");
    assert!(all[0].removed);
    assert_eq!(proposal_history(t.db.conn(), &p.id).unwrap().last().unwrap().reason, "Salah input, terdaftar dua kali");
    let again = t.db.write(|tx| add_proposal(tx, &id, input("POSBINDU KELILING"), &actor(), NOW)).unwrap();
    assert_eq!(again.code, "P-001", "a removed proposal's code can be used again");
}

#[test]
fn search_and_filters() {
    let (mut t, id) = with_competition();
    t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    let demo = juri_core::competition::active_competition(t.db.conn()).unwrap().unwrap();
    assert_ne!(demo, id);
    let q = |f: ProposalFilter| {
        list_proposals(t.db.conn(), &demo, &f).unwrap().into_iter().map(|p| p.code).collect::<Vec<_>>()
    };
    assert_eq!(
        q(ProposalFilter { query: "sampah".into(), ..Default::default() }),
        vec!["P-017", "P-019"],
        "search in title and summary"
    );
    assert_eq!(q(ProposalFilter { unit_type: Some("BUMD".into()), ..Default::default() }), vec!["P-013", "P-018"]);
    assert_eq!(
        q(ProposalFilter { status: Some(ScreeningStatus::MengundurkanDiri), ..Default::default() }),
        vec!["P-012"]
    );
    assert_eq!(q(ProposalFilter { category: Some("LH".into()), ..Default::default() }).len(), 5);
    assert_eq!(
        q(ProposalFilter { query: "100%_".into(), ..Default::default() }),
        Vec::<String>::new(),
        "LIKE wildcards are literal"
    );
}

#[test]
fn every_decision_that_ends_an_entry_needs_a_reason_and_passing_needs_none() {
    let (mut t, id) = with_competition();
    let p = t.db.write(|tx| add_proposal(tx, &id, input("SIGAP BUMIL"), &actor(), NOW)).unwrap();
    let before = dump(&t.db);
    for status in
        [ScreeningStatus::TidakLolosAdministrasi, ScreeningStatus::MengundurkanDiri, ScreeningStatus::Didiskualifikasi]
    {
        assert!(status.needs_reason());
        let err = t.db.write(|tx| set_status(tx, &p.id, status, " ", &actor(), NOW)).unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { problem: InputProblem::ReasonRequired, .. }),
            "{status:?}: {err:?}"
        );
    }
    assert_eq!(dump(&t.db), before, "refused decisions write nothing");
    let ok = t.db.write(|tx| set_status(tx, &p.id, ScreeningStatus::LolosAdministrasi, "", &actor(), NOW)).unwrap();
    assert_eq!(ok.status, ScreeningStatus::LolosAdministrasi);
    let withdrawn = t
        .db
        .write(|tx| set_status(tx, &p.id, ScreeningStatus::MengundurkanDiri, "Surat pengunduran diri", &actor(), NOW))
        .unwrap();
    assert_eq!(withdrawn.status_reason, "Surat pengunduran diri");
}
