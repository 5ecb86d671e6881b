//! Judges, scores and the recap over a stored competition (FORMATS.md §3–§6).

use juri_core::error::{Error, InputProblem};
use juri_core::import::{import_judges, import_scores};
use juri_core::scoring::recap::recap_for_competition;
use juri_core::scoring::store::{ScoreContext, ScoreKey, score_history};

use super::support::*;

const JUDGES: &str = "kode,nama,institusi,unsur,nip,konflik
J1,\"Prof. Dr. Retno Wulandari, M.Si.\",FISIP Universitas Negeri Sukamaju,akademisi,19680415 199303 2 001,
J2,\"Dr. Bambang Hadi Prasetyo, S.E., M.M.\",STIA Karya Bakti,akademisi,,
J5,\"Ir. Hendra Gunawan, M.T.\",Bappeda Kabupaten Sukamaju,birokrasi,19790503 200501 1 012,Badan Perencanaan Pembangunan Daerah
";

fn ctx() -> ScoreContext {
    ScoreContext { actor: "uji".into(), device: "laptop-uji".into(), now: NOW.into() }
}

fn setup() -> (TestDb, String) {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| import_judges(tx, &id, JUDGES.as_bytes(), NOW)).unwrap();
    (t, id)
}

#[test]
fn scores_import_is_idempotent_and_edits_enter_history() {
    let (mut t, id) = setup();
    let file = "tahap;kode_proposal;kode_juri;kode_kriteria;nilai\nproposal;P-001;J1;kebaruan;87,5\nproposal;P-001;J2;kebaruan;80\n";
    let s = t.db.write(|tx| import_scores(tx, &id, file.as_bytes(), &ctx())).unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (2, 0, 0));
    let before = dump(&t.db);
    let s = t.db.write(|tx| import_scores(tx, &id, file.as_bytes(), &ctx())).unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 0, 2));
    assert_eq!(dump(&t.db), before, "re-importing identical values changes nothing");
    let edited = file.replace("87,5", "90");
    let s = t.db.write(|tx| import_scores(tx, &id, edited.as_bytes(), &ctx())).unwrap();
    assert_eq!((s.added, s.changed, s.unchanged), (0, 1, 1));
    let key = ScoreKey {
        stage: "proposal".into(),
        proposal: "P-001".into(),
        judge: "J1".into(),
        criterion: "kebaruan".into(),
    };
    let h = score_history(t.db.conn(), &id, &key).unwrap();
    let values: Vec<(Option<f64>, Option<f64>)> = h.iter().map(|l| (l.old, l.new)).collect();
    assert_eq!(values, vec![(None, Some(87.5)), (Some(87.5), Some(90.0))], "first entry and the edit");
}

#[test]
fn bad_score_files_are_refused_with_every_error_and_change_nothing() {
    let (mut t, id) = setup();
    let before = dump(&t.db);
    let file = "stage,proposal,judge,criterion,score
proposal,P-001,J1,kebaruan,101
proposal,P-999,J1,kebaruan,80
proposal,P-009,J5,kebaruan,80
proposal,P-001,J9,kebaruan,80
proposal,P-001,J1,kebaruan,80
proposal,P-002,J1,kebaruan,abc
proposal,P-002,J1,kebaruan,
final,P-002,J1,kebaruan,50
proposal,P-002,J1,gaya,50
";
    let err = t.db.write(|tx| import_scores(tx, &id, file.as_bytes(), &ctx())).unwrap_err();
    let Error::ImportRefused { errors } = err else { panic!("expected a refusal") };
    let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (2, "nilai"),
            (3, "kode_proposal"),
            (4, "kode_juri"),
            (5, "kode_juri"),
            (6, "nilai"),
            (7, "nilai"),
            (8, "nilai"),
            (9, "tahap"),
            (10, "kode_kriteria")
        ]
    );
    assert_eq!(errors[0].problem, InputProblem::OutOfRange { value: 101.0, min: 0.0, max: 100.0 });
    assert!(matches!(errors[2].problem, InputProblem::Conflict { .. }), "J5 is conflicted with Bappeda's P-009");
    assert_eq!(errors[4].problem, InputProblem::DuplicateRow { first_row: 2 });
    assert_eq!(dump(&t.db), before, "nothing changed");

    let missing = "tahap,kode_proposal,kode_juri,nilai\nproposal,P-001,J1,80\n";
    let err = t.db.write(|tx| import_scores(tx, &id, missing.as_bytes(), &ctx())).unwrap_err();
    assert_eq!(err.code(), juri_core::ErrorCode::FileUnreadable, "missing column");
    assert_eq!(dump(&t.db), before);
}

/// DOMAIN.md §3.2 worked example through the store: P-009, J5 recused, final 74,5625.
#[test]
fn worked_example_of_domain_md() {
    let (mut t, id) = setup();
    let more = "kode,nama\nJ3,\"Nur'aini Rahmawati, S.Sos., M.A.\"\nJ4,\"Drs. Agus Setiawan, M.Si.\"\n";
    t.db.write(|tx| import_judges(tx, &id, more.as_bytes(), NOW)).unwrap();
    // Desk: every criterion equal to the judge's stage score gives exactly that stage score.
    let desk = [("J1", 72.5), ("J2", 68.0), ("J3", 80.0), ("J4", 76.0)];
    let crits =
        ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    for (j, v) in desk {
        for c in crits {
            csv.push_str(&format!("proposal,P-009,{j},{c},{v}\n"));
        }
    }
    let venue = [
        ("J1", [8.0, 7.5, 7.0, 8.0]),
        ("J2", [7.0, 7.0, 6.5, 7.5]),
        ("J3", [8.5, 8.0, 7.5, 8.0]),
        ("J4", [7.5, 8.0, 7.0, 7.0]),
    ];
    for (j, vals) in venue {
        for (c, v) in ["kebaruan", "kemanfaatan", "replikasi", "penyajian"].iter().zip(vals) {
            csv.push_str(&format!("presentasi,P-009,{j},{c},{v}\n"));
        }
    }
    t.db.write(|tx| import_scores(tx, &id, csv.as_bytes(), &ctx())).unwrap();
    let r = recap_for_competition(t.db.conn(), &id).unwrap().recap;
    let tk = r.categories.iter().find(|c| c.code == "TK").unwrap();
    let row = tk.rows.iter().find(|r| r.proposal == "P-009").unwrap();
    let desk = row.stages.get("proposal").unwrap();
    assert!((desk.score - 74.125).abs() < 1e-9, "(72,5+68+80+76)/4 = 74,125, got {}", desk.score);
    assert_eq!(desk.judges, 4, "J5 recused");
    let venue = row.stages.get("presentasi").unwrap();
    // J1 (8·30+7,5·30+7·30+8·10)/100·10 = 75,5; J2 69; J3 80; J4 74,5 → mean 74,75
    assert!((venue.score - 74.75).abs() < 1e-9, "got {}", venue.score);
    assert!((row.final_score.unwrap() - 74.5625).abs() < 1e-9, "0,3·74,125 + 0,7·74,75 = 74,5625");
    assert_eq!(row.rank, Some(1), "the only ranked proposal of TK");
}

mod sheet {
    use juri_core::error::{Error, InputProblem};
    use juri_core::scoring::sheet::*;
    use juri_core::scoring::store::{ScoreKey, ScoreOrigin};

    use super::super::support::*;
    use super::{ctx, setup};

    fn key(p: &str, j: &str) -> ScoreKey {
        ScoreKey { stage: "proposal".into(), proposal: p.into(), judge: j.into(), criterion: "kebaruan".into() }
    }

    #[test]
    fn out_of_range_conflicts_final_sheets_and_locks_are_refused() {
        let (mut t, id) = setup();
        let before = dump(&t.db);
        let e =
            t.db.write(|tx| save_score(tx, &id, &key("P-001", "J1"), 100.5, &ctx(), ScoreOrigin::Form)).unwrap_err();
        assert!(matches!(e, Error::InvalidInput { problem: InputProblem::OutOfRange { .. }, .. }));
        assert!(e.message(juri_core::Lang::Id).contains("di luar rentang 0–100"), "{}", e.message(juri_core::Lang::Id));
        let e = t.db.write(|tx| save_score(tx, &id, &key("P-009", "J5"), 80.0, &ctx(), ScoreOrigin::Form)).unwrap_err();
        assert!(
            matches!(e, Error::InvalidInput { problem: InputProblem::Conflict { .. }, .. }),
            "J5 recused from P-009"
        );
        assert_eq!(dump(&t.db), before, "refusals write nothing");

        let a = t.db.write(|tx| save_score(tx, &id, &key("P-001", "J1"), 87.5, &ctx(), ScoreOrigin::Form)).unwrap();
        assert_eq!(a.added, 1);
        t.db.write(|tx| set_sheet_final(tx, &id, "J1", "proposal", true, NOW)).unwrap();
        let e = t.db.write(|tx| save_score(tx, &id, &key("P-001", "J1"), 90.0, &ctx(), ScoreOrigin::Form)).unwrap_err();
        assert!(matches!(e, Error::SheetFinal { .. }));
        t.db.write(|tx| set_sheet_final(tx, &id, "J1", "proposal", false, NOW)).unwrap();
        t.db.write(|tx| save_score(tx, &id, &key("P-001", "J1"), 90.0, &ctx(), ScoreOrigin::Form)).unwrap();

        t.db.write(|tx| lock_stage(tx, &id, "proposal", "panitia", NOW)).unwrap();
        let e = t.db.write(|tx| save_score(tx, &id, &key("P-001", "J2"), 70.0, &ctx(), ScoreOrigin::Form)).unwrap_err();
        assert!(matches!(e, Error::StageLocked(_)));
        let file = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\nproposal,P-001,J2,kebaruan,70\n";
        let e = t.db.write(|tx| juri_core::import::import_scores(tx, &id, file.as_bytes(), &ctx())).unwrap_err();
        assert!(matches!(e, Error::ImportRefused { .. }), "imports respect the lock too");
        assert!(
            t.db.write(|tx| unlock_stage(tx, &id, "proposal", " ", "panitia", NOW)).is_err(),
            "unlocking needs a reason"
        );
        t.db.write(|tx| unlock_stage(tx, &id, "proposal", "Koreksi salah ketik J2", "panitia", NOW)).unwrap();
        t.db.write(|tx| save_score(tx, &id, &key("P-001", "J2"), 70.0, &ctx(), ScoreOrigin::Form)).unwrap();
        let locks: i64 = t.db.conn().query_row("SELECT count(*) FROM stage_lock_event", [], |r| r.get(0)).unwrap();
        assert_eq!(locks, 2, "lock and unlock are both kept");
    }
}

mod worklist_and_view {
    use juri_core::import::{import_judges, import_scores};
    use juri_core::scoring::board::projector_board;
    use juri_core::scoring::order::{draw_order, presentation_order, set_order};
    use juri_core::scoring::sheet::lock_stage;
    use juri_core::scoring::view::recap_view;
    use juri_core::scoring::worklist::{judge_progress, judge_worklist, score_sheet, stage_participants};

    use super::super::support::*;
    use super::{JUDGES, ctx, setup};

    fn desk_scores(t: &mut TestDb, id: &str, judge: &str, proposal: &str, v: f64) {
        let crits = [
            "latar_belakang",
            "kebaruan",
            "implementasi",
            "signifikansi",
            "adaptabilitas",
            "sumber_daya",
            "keberlanjutan",
        ];
        let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
        for c in crits {
            csv.push_str(&format!("proposal,{proposal},{judge},{c},{v}\n"));
        }
        t.db.write(|tx| import_scores(tx, id, csv.as_bytes(), &ctx())).unwrap();
    }

    #[test]
    fn worklists_follow_panels_conflicts_screening_and_the_finalist_cut() {
        let (mut t, id) = setup();
        let panel = "kode,nama,kategori\nJ2,\"Dr. Bambang Hadi Prasetyo, S.E., M.M.\",KS;LH\n";
        t.db.write(|tx| import_judges(tx, &id, panel.as_bytes(), NOW)).unwrap();
        let j1: Vec<String> =
            judge_worklist(t.db.conn(), &id, "proposal", "J1").unwrap().into_iter().map(|w| w.proposal).collect();
        assert_eq!(j1.len(), 18, "20 demo proposals less P-012 (withdrawn) and P-015 (failed screening)");
        assert!(!j1.contains(&"P-015".to_string()));
        let j2 = judge_worklist(t.db.conn(), &id, "proposal", "J2").unwrap();
        assert_eq!(j2.len(), 10, "J2's panel is KS and LH only: 5 + 5");
        let j5 = judge_worklist(t.db.conn(), &id, "proposal", "J5").unwrap();
        assert!(j5.iter().find(|w| w.proposal == "P-009").unwrap().recused, "J5 recused from Bappeda's entry");
        assert!(
            score_sheet(t.db.conn(), &id, "proposal", "J5", "P-009").is_err(),
            "a recused judge cannot open the sheet"
        );

        desk_scores(&mut t, &id, "J1", "P-001", 80.0);
        let sheet = score_sheet(t.db.conn(), &id, "proposal", "J1", "P-001").unwrap();
        assert!(sheet.criteria.iter().all(|c| c.value == Some(80.0)));
        let progress = judge_progress(t.db.conn(), &id, "proposal").unwrap();
        let p1 = progress.iter().find(|p| p.judge == "J1").unwrap();
        assert_eq!((p1.scored, p1.to_score, p1.recused), (1, 17, 0));
        let p5 = progress.iter().find(|p| p.judge == "J5").unwrap();
        assert_eq!((p5.scored, p5.to_score, p5.recused), (0, 17, 1));

        // Kesehatan: score four of five; the kabupaten template keeps 3 finalists per category.
        for (p, v) in [("P-002", 90.0), ("P-003", 70.0), ("P-004", 60.0)] {
            desk_scores(&mut t, &id, "J1", p, v);
        }
        let finalists = stage_participants(t.db.conn(), &id, "presentasi", "KS").unwrap();
        assert_eq!(finalists, vec!["P-001", "P-002", "P-003"], "the three best desk scores reach the venue");
    }

    #[test]
    fn the_projector_board_shows_progress_and_no_score_until_the_stage_is_closed() {
        let (mut t, id) = setup();
        let panel = "kode,nama,kategori\nJ2,\"Dr. Bambang Hadi Prasetyo, S.E., M.M.\",KS\n";
        t.db.write(|tx| import_judges(tx, &id, panel.as_bytes(), NOW)).unwrap();
        for (p, v) in [("P-001", 80.0), ("P-002", 90.0), ("P-003", 80.0), ("P-004", 80.0)] {
            desk_scores(&mut t, &id, "J1", p, v);
        }
        for (p, v) in [("P-001", 70.0), ("P-002", 90.0), ("P-003", 80.0), ("P-004", 80.0), ("P-005", 50.0)] {
            desk_scores(&mut t, &id, "J2", p, v);
        }

        let open = projector_board(t.db.conn(), &id, "proposal").unwrap();
        assert!(!open.closed);
        assert!(open.results.is_empty(), "no score reaches the projector while the stage is open");
        let j1 = open.judges.iter().find(|j| j.judge == "J1").unwrap();
        assert_eq!((j1.scored, j1.total), (4, 18));
        let j2 = open.judges.iter().find(|j| j.judge == "J2").unwrap();
        assert_eq!((j2.scored, j2.total), (5, 5), "J2's panel is Kesehatan only, all of it scored");
        assert_eq!((open.judges_done, open.judges_total), (1, 5), "J2 of the demo's five judges is done");
        let json = serde_json::to_string(&open).unwrap();
        assert!(!json.contains("\"score\""), "no value of any kind in the open board: {json}");

        t.db.write(|tx| lock_stage(tx, &id, "proposal", "panitia", NOW)).unwrap();
        let closed = projector_board(t.db.conn(), &id, "proposal").unwrap();
        assert!(closed.closed);
        let ks = closed.results.iter().find(|c| c.code == "KS").expect("Kesehatan has results");
        let lines: Vec<(u32, &str, f64)> = ks.rows.iter().map(|r| (r.place, r.proposal.as_str(), r.score)).collect();
        assert_eq!(
            lines,
            vec![(1, "P-002", 90.0), (2, "P-003", 80.0), (2, "P-004", 80.0), (4, "P-001", 75.0), (5, "P-005", 50.0)],
            "best first; equal scores share a place"
        );
        assert!(closed.results.iter().all(|c| !c.rows.is_empty()), "a category without results is left out");
        assert!(projector_board(t.db.conn(), &id, "tidak-ada").is_err());
    }

    #[test]
    fn presentation_order_by_hand_and_by_a_recorded_draw() {
        let (mut t, id) = setup();
        let codes: Vec<String> = ["P-003", "P-001", "P-002"].iter().map(|s| s.to_string()).collect();
        t.db.write(|tx| set_order(tx, &id, "presentasi", &codes, "manual", "", NOW)).unwrap();
        let order = presentation_order(t.db.conn(), &id, "presentasi", &codes).unwrap();
        assert_eq!(order.iter().map(|s| s.proposal.as_str()).collect::<Vec<_>>(), vec!["P-003", "P-001", "P-002"]);
        let a = t.db.write(|tx| draw_order(tx, &id, "presentasi", &codes, 42, NOW)).unwrap();
        let b = t.db.write(|tx| draw_order(tx, &id, "presentasi", &codes, 42, NOW)).unwrap();
        assert_eq!(a, b, "the same seed gives the same draw, so it can be shown to the room");
        let order = presentation_order(t.db.conn(), &id, "presentasi", &codes).unwrap();
        assert_eq!(order[0].method, "draw");
        assert_eq!(order[0].seed, "42");
    }

    #[test]
    fn a_judge_sees_only_their_own_scores_until_every_stage_is_locked() {
        let (mut t, id) = setup();
        t.db.write(|tx| import_judges(tx, &id, JUDGES.as_bytes(), NOW)).unwrap();
        desk_scores(&mut t, &id, "J1", "P-001", 80.0);
        desk_scores(&mut t, &id, "J2", "P-001", 60.0);
        let organiser = recap_view(t.db.conn(), &id, None).unwrap();
        assert!(!organiser.restricted && !organiser.recap.categories.is_empty());
        assert!(organiser.recusals.iter().any(|r| r.judge == "J5" && r.proposal == "P-009"));
        let j1 = recap_view(t.db.conn(), &id, Some("J1")).unwrap();
        assert!(j1.restricted && j1.recap.categories.is_empty(), "no ranking for a judge yet");
        let sheets: Vec<String> = j1
            .details
            .iter()
            .flat_map(|d| d.stages.iter().flat_map(|s| s.judges.iter().map(|j| j.judge.clone())))
            .collect();
        assert!(!sheets.is_empty() && sheets.iter().all(|j| j == "J1"), "only J1's own sheets");
        t.db.write(|tx| lock_stage(tx, &id, "proposal", "panitia", NOW)).unwrap();
        t.db.write(|tx| lock_stage(tx, &id, "presentasi", "panitia", NOW)).unwrap();
        assert!(!recap_view(t.db.conn(), &id, Some("J1")).unwrap().restricted, "everything visible once locked");
    }
}

mod comments {
    use juri_core::scoring::sheet::{lock_stage, save_comment, sheet_comment};
    use juri_core::scoring::worklist::score_sheet;

    use super::super::support::*;
    use super::setup;

    #[test]
    fn a_judge_comment_is_saved_cleared_and_locked_with_the_stage() {
        let (mut t, id) = setup();
        t.db.write(|tx| save_comment(tx, &id, "proposal", "J1", "P-001", "  Data capaian perlu bukti dukung.  ", NOW))
            .unwrap();
        assert_eq!(
            sheet_comment(t.db.conn(), &id, "proposal", "J1", "P-001").unwrap(),
            "Data capaian perlu bukti dukung."
        );
        assert_eq!(
            score_sheet(t.db.conn(), &id, "proposal", "J1", "P-001").unwrap().comment,
            "Data capaian perlu bukti dukung."
        );
        t.db.write(|tx| save_comment(tx, &id, "proposal", "J1", "P-001", "", NOW)).unwrap();
        assert_eq!(
            sheet_comment(t.db.conn(), &id, "proposal", "J1", "P-001").unwrap(),
            "",
            "an empty comment clears it"
        );
        t.db.write(|tx| lock_stage(tx, &id, "proposal", "panitia", NOW)).unwrap();
        assert!(t.db.write(|tx| save_comment(tx, &id, "proposal", "J1", "P-001", "x", NOW)).is_err(), "locked");
    }
}

#[test]
fn a_file_of_bad_rows_lists_a_bounded_number_of_errors() {
    let (mut t, id) = super::support::with_competition();
    let mut file = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    for i in 0..5_000 {
        file.push_str(&format!("proposal,P-{i},J-{i},k,x\n"));
    }
    let ctx = juri_core::scoring::store::ScoreContext {
        actor: "uji".into(),
        device: "d".into(),
        now: super::support::NOW.into(),
    };
    match t.db.write(|tx| juri_core::import::import_scores(tx, &id, file.as_bytes(), &ctx)) {
        Err(juri_core::Error::ImportRefused { errors }) => {
            assert_eq!(errors.len(), juri_core::limits::MAX_ROW_ERRORS + 1, "listed up to the limit, then one count");
            let last = errors.last().unwrap().message(juri_core::Lang::Id);
            assert!(last.contains("kesalahan lain"), "{last}");
        }
        other => panic!("a file of bad rows is refused: {other:?}"),
    }
}

mod judges_import {
    use juri_core::import::import_judges;
    use juri_core::judges::list_judges;
    use juri_core::scoring::worklist::judge_worklist;

    use super::super::support::*;

    #[test]
    fn a_jury_file_adds_updates_and_keeps_and_reads_conflicts_and_category_lists() {
        let mut t = new_db();
        let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
        // J6 is new, with a conflict by proposal code and two categories; J1 loses institution and NIP.
        let file = "kode;nama;unsur;konflik;kategori\n\
                    J6;Dra. Sri Lestari, M.Pd.;media;P-001;\"KS; LH\"\n\
                    J1;Prof. Dr. Retno Wulandari, M.Si.;akademisi;;\n";
        let s = t.db.write(|tx| import_judges(tx, &id, file.as_bytes(), NOW)).unwrap();
        assert_eq!((s.added, s.updated, s.unchanged), (1, 1, 0));
        let s = t.db.write(|tx| import_judges(tx, &id, file.as_bytes(), NOW)).unwrap();
        assert_eq!((s.added, s.updated, s.unchanged), (0, 0, 2), "the same file again changes nothing");
        let judges = list_judges(t.db.conn(), &id).unwrap();
        let j6 = judges.iter().find(|j| j.code == "J6").unwrap();
        assert_eq!(j6.categories, ["KS", "LH"], "a ';' list, spaces trimmed");
        assert_eq!(j6.conflicts, ["P-001"]);
        let j1 = judges.iter().find(|j| j.code == "J1").unwrap();
        assert_eq!((j1.institution.as_str(), j1.nip.as_str()), ("", ""), "an update takes the file's row as it is");
        let list = judge_worklist(t.db.conn(), &id, "proposal", "J6").unwrap();
        assert_eq!(list.len(), 10, "KS and LH only: 5 + 5");
        assert!(list.iter().find(|w| w.proposal == "P-001").unwrap().recused, "conflicted by code");
    }
}
