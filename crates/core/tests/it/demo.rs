//! The demo as "Buka contoh" and `juri demo` open it: something real on every screen.

use juri_core::competition::list_competitions;
use juri_core::scoring::recap::recap_for_competition;
use juri_core::scoring::ties::winner_ties;
use juri_core::scoring::{StageDecision, Status};

use crate::support::*;

#[test]
fn the_demo_holds_a_scored_desk_stage_and_a_finished_competition() {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_full_demo(tx, &actor(), NOW)).unwrap();
    let list = list_competitions(t.db.conn()).unwrap();
    let years: Vec<(i32, u32)> = list.iter().map(|c| (c.year, c.proposals)).collect();
    assert!(years.contains(&(2026, 20)) && years.contains(&(2025, 16)), "{years:?}");

    // 2026: every eligible proposal has its desk score from the whole jury (J5 recused from
    // P-009), three finalists per category, and the presentations still to come.
    let r = recap_for_competition(t.db.conn(), &id).unwrap().recap;
    let mut finalists = 0;
    for cat in &r.categories {
        let passed = cat
            .rows
            .iter()
            .filter(|row| row.stages.get("proposal").is_some_and(|s| s.decision == StageDecision::Passed))
            .count();
        assert_eq!(passed, 3, "three finalists in {}", cat.code);
        finalists += passed;
        for row in &cat.rows {
            if row.status == Status::Excluded {
                continue;
            }
            let desk = row.stages.get("proposal").unwrap_or_else(|| panic!("{} has its desk score", row.proposal));
            let judges = if row.proposal == "P-009" { 4 } else { 5 };
            assert_eq!(desk.judges, judges, "{}", row.proposal);
            assert!(row.stages.get("presentasi").is_none() && row.final_score.is_none(), "{}", row.proposal);
        }
    }
    assert_eq!(finalists, 12);

    // 2025: finished: three winners per category on both stages, no tie left to the plenary, and
    // its documents' settings filled for that year.
    let old = list.iter().find(|c| c.year == 2025).unwrap();
    let r = recap_for_competition(t.db.conn(), &old.id).unwrap().recap;
    for cat in &r.categories {
        let ranks: Vec<Option<u32>> = cat.rows.iter().filter(|r| r.status == Status::Ranked).map(|r| r.rank).collect();
        assert_eq!(ranks, [Some(1), Some(2), Some(3)], "{}", cat.code);
        assert!(cat.rows.iter().filter(|r| r.status == Status::Ranked).all(|r| r.final_score.is_some()));
        assert_eq!(cat.rows.iter().filter(|r| r.status == Status::NotFinalist).count(), 1, "{}", cat.code);
    }
    assert!(winner_ties(&r, |_| 3).is_empty());
    let s = juri_core::documents_settings::load_document_settings(t.db.conn(), &old.id).unwrap();
    assert!(s.sk_number.ends_with("/Org/2025") && s.pleno_date.starts_with("2025-"), "{s:?}");
}
