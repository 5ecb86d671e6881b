//! Jury, scoring sheets, locks, venue order and the recap.

use juri_core::api::SavedScore;
use juri_core::ids;
use juri_core::import::{ImportSummary, ScoreImportSummary};
use juri_core::judges::{self, Judge, JudgeInput};
use juri_core::reliability::discussion;
use juri_core::reliability::{ReliabilityView, StatsOptions, reliability_view};
use juri_core::scoring::board::{self, ProjectorBoard};
use juri_core::scoring::notes::{self, CriterionNote};
use juri_core::scoring::order::{self, PresentationSlot};
use juri_core::scoring::sheet;
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use juri_core::scoring::view::{RecapView, recap_view};
use juri_core::scoring::worklist::{self, JudgeProgress, ScoreSheet, WorkItem};

use crate::state::AppState;

fn score_ctx(s: &AppState) -> ScoreContext {
    ScoreContext { actor: s.actor().name, device: s.device(), now: ids::now() }
}

forward! {
    list_judges(competition_id: String) -> Vec<Judge> => |s| judges::list_judges(s.db().conn(), &competition_id);

    save_judge(competition_id: String, input: JudgeInput) -> Vec<Judge> => |s| {
        let now = ids::now();
        let mut db = s.db();
        db.write(|tx| judges::upsert_judge(tx, &competition_id, input, &now))?;
        judges::list_judges(db.conn(), &competition_id)
    };

    remove_judge(competition_id: String, code: String) -> () => |s|
        s.db().write(|tx| judges::remove_judge(tx, &competition_id, &code, &ids::now()));

    import_judges(competition_id: String, bytes: Vec<u8>) -> ImportSummary => |s| {
        let now = ids::now();
        s.db().write(|tx| juri_core::import::import_judges(tx, &competition_id, &bytes, &now))
    };

    import_scores(competition_id: String, bytes: Vec<u8>) -> ScoreImportSummary => |s| {
        let ctx = score_ctx(s);
        s.db().write(|tx| juri_core::import::import_scores(tx, &competition_id, &bytes, &ctx))
    };

    judge_progress(competition_id: String, stage: String) -> Vec<JudgeProgress> => |s|
        worklist::judge_progress(s.db().conn(), &competition_id, &stage);

    /// The venue projector's board: judges' progress, and the stage's scores only once it is locked.
    projector_board(competition_id: String, stage: String) -> ProjectorBoard => |s|
        board::projector_board(s.reader()?.conn(), &competition_id, &stage);

    judge_worklist(competition_id: String, stage: String, judge: String) -> Vec<WorkItem> => |s|
        worklist::judge_worklist(s.db().conn(), &competition_id, &stage, &judge);

    score_sheet(competition_id: String, stage: String, judge: String, proposal: String) -> ScoreSheet => |s|
        worklist::score_sheet(s.db().conn(), &competition_id, &stage, &judge, &proposal);

    /// Saves one score durably (synchronous=FULL commit) before answering.
    save_score(competition_id: String, stage: String, judge: String, proposal: String, criterion: String, value: f64) -> SavedScore => |s| {
        let ctx = score_ctx(s);
        let key = ScoreKey { stage, proposal, judge, criterion };
        s.db().write(|tx| sheet::save_score(tx, &competition_id, &key, value, &ctx, ScoreOrigin::Form))?;
        // A judge laptop with automatic sending pushes it (batched) after the save is durable.
        s.venue.nudge.notify_one();
        Ok(SavedScore { value, at: ctx.now })
    };

    set_sheet_final(competition_id: String, judge: String, stage: String, is_final: bool) -> () => |s| {
        s.db().write(|tx| sheet::set_sheet_final(tx, &competition_id, &judge, &stage, is_final, &ids::now()))
    };

    lock_stage(competition_id: String, stage: String) -> () => |s| {
        let actor = s.actor().name;
        s.db().write(|tx| sheet::lock_stage(tx, &competition_id, &stage, &actor, &ids::now()))
    };

    unlock_stage(competition_id: String, stage: String, reason: String) -> () => |s| {
        let actor = s.actor().name;
        s.db().write(|tx| sheet::unlock_stage(tx, &competition_id, &stage, &reason, &actor, &ids::now()))
    };

    presentation_order(competition_id: String, stage: String, category: String) -> Vec<PresentationSlot> => |s| {
        let db = s.db();
        let codes = worklist::stage_participants(db.conn(), &competition_id, &stage, &category)?;
        order::presentation_order(db.conn(), &competition_id, &stage, &codes)
    };

    set_presentation_order(competition_id: String, stage: String, codes: Vec<String>) -> () => |s| {
        s.db().write(|tx| order::set_order(tx, &competition_id, &stage, &codes, "manual", "", &ids::now()))
    };

    /// Draws the order of a category at random; the seed is recorded with it.
    draw_presentation_order(competition_id: String, stage: String, category: String) -> Vec<PresentationSlot> => |s| {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        let mut db = s.db();
        let codes = worklist::stage_participants(db.conn(), &competition_id, &stage, &category)?;
        db.write(|tx| order::draw_order(tx, &competition_id, &stage, &codes, seed, &ids::now()))?;
        order::presentation_order(db.conn(), &competition_id, &stage, &codes)
    };

    /// The recap for the organiser (viewer None) or a judge (only their own scores until locked).
    get_recap(competition_id: String, viewer: Option<String>) -> RecapView => |s|
        recap_view(s.reader()?.conn(), &competition_id, viewer.as_deref());

    /// The recap's "Keandalan penilaian" panel: FORMATS.md §11 with the default replicates and
    /// seed, the grey zone and the discussion queue (withheld from a judge's view before every
    /// stage is locked).
    reliability(competition_id: String, viewer: Option<String>) -> ReliabilityView => |s| {
        let opts = StatsOptions::default();
        reliability_view(s.reader()?.conn(), &competition_id, viewer.as_deref(), opts, &|| false)?
            .ok_or(juri_core::Error::Cancelled)
    };

    /// Marks a proposal discussed by the plenary in a stage (the stage as it stands is "before").
    mark_discussed(competition_id: String, stage: String, proposal: String) -> () => |s| {
        let actor = s.actor();
        s.db().write(|tx| discussion::mark_discussed(tx, &competition_id, &stage, &proposal, &actor, &ids::now()))
    };

    /// The judge's private notes on a sheet, per criterion (they never leave this laptop).
    sheet_notes(competition_id: String, stage: String, judge: String, proposal: String) -> Vec<CriterionNote> => |s|
        notes::sheet_notes(s.db().conn(), &competition_id, &stage, &judge, &proposal);

    /// Saves (or, empty, removes) the judge's private note on one criterion.
    save_note(competition_id: String, stage: String, judge: String, proposal: String, criterion: String, text: String) -> () => |s| {
        s.db().write(|tx| notes::save_note(tx, &competition_id, &stage, &judge, &proposal, &criterion, &text, &ids::now()))
    };

    /// Saves the judge's optional comment on a sheet (empty clears it).
    save_comment(competition_id: String, stage: String, judge: String, proposal: String, comment: String) -> () => |s| {
        s.db().write(|tx| sheet::save_comment(tx, &competition_id, &stage, &judge, &proposal, &comment, &ids::now()))
    };
}
