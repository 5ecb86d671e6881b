//! Jury, scoring sheets, locks, venue order and the recap.

use juri_core::api::SavedScore;
use juri_core::error::ApiError;
use juri_core::ids;
use juri_core::import::{ImportSummary, ScoreImportSummary};
use juri_core::judges::{self, Judge, JudgeInput};
use juri_core::scoring::order::{self, PresentationSlot};
use juri_core::scoring::sheet;
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use juri_core::scoring::view::{RecapView, recap_view};
use juri_core::scoring::worklist::{self, JudgeProgress, ScoreSheet, WorkItem};

use super::AppStateRef;
use crate::state::{AppState, blocking};

fn score_ctx(s: &AppState) -> ScoreContext {
    ScoreContext { actor: s.actor().name, device: s.device(), now: ids::now() }
}

#[tauri::command]
pub async fn list_judges(state: AppStateRef<'_>, competition_id: String) -> Result<Vec<Judge>, ApiError> {
    blocking(&state, move |s| judges::list_judges(s.db().conn(), &competition_id)).await
}

#[tauri::command]
pub async fn save_judge(
    state: AppStateRef<'_>,
    competition_id: String,
    input: JudgeInput,
) -> Result<Vec<Judge>, ApiError> {
    blocking(&state, move |s| {
        let now = ids::now();
        let mut db = s.db();
        db.write(|tx| judges::upsert_judge(tx, &competition_id, input, &now))?;
        judges::list_judges(db.conn(), &competition_id)
    })
    .await
}

#[tauri::command]
pub async fn remove_judge(state: AppStateRef<'_>, competition_id: String, code: String) -> Result<(), ApiError> {
    blocking(&state, move |s| s.db().write(|tx| judges::remove_judge(tx, &competition_id, &code, &ids::now()))).await
}

#[tauri::command]
pub async fn import_judges(
    state: AppStateRef<'_>,
    competition_id: String,
    bytes: Vec<u8>,
) -> Result<ImportSummary, ApiError> {
    blocking(&state, move |s| {
        let now = ids::now();
        s.db().write(|tx| juri_core::import::import_judges(tx, &competition_id, &bytes, &now))
    })
    .await
}

#[tauri::command]
pub async fn import_scores(
    state: AppStateRef<'_>,
    competition_id: String,
    bytes: Vec<u8>,
) -> Result<ScoreImportSummary, ApiError> {
    blocking(&state, move |s| {
        let ctx = score_ctx(s);
        s.db().write(|tx| juri_core::import::import_scores(tx, &competition_id, &bytes, &ctx))
    })
    .await
}

#[tauri::command]
pub async fn judge_progress(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
) -> Result<Vec<JudgeProgress>, ApiError> {
    blocking(&state, move |s| worklist::judge_progress(s.db().conn(), &competition_id, &stage)).await
}

#[tauri::command]
pub async fn judge_worklist(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    judge: String,
) -> Result<Vec<WorkItem>, ApiError> {
    blocking(&state, move |s| worklist::judge_worklist(s.db().conn(), &competition_id, &stage, &judge)).await
}

#[tauri::command]
pub async fn score_sheet(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    judge: String,
    proposal: String,
) -> Result<ScoreSheet, ApiError> {
    blocking(&state, move |s| worklist::score_sheet(s.db().conn(), &competition_id, &stage, &judge, &proposal)).await
}

/// Saves one score durably (synchronous=FULL commit) before answering.
#[tauri::command]
pub async fn save_score(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    judge: String,
    proposal: String,
    criterion: String,
    value: f64,
) -> Result<SavedScore, ApiError> {
    blocking(&state, move |s| {
        let ctx = score_ctx(s);
        let key = ScoreKey { stage, proposal, judge, criterion };
        s.db().write(|tx| sheet::save_score(tx, &competition_id, &key, value, &ctx, ScoreOrigin::Form))?;
        Ok(SavedScore { value, at: ctx.now })
    })
    .await
}

#[tauri::command]
pub async fn set_sheet_final(
    state: AppStateRef<'_>,
    competition_id: String,
    judge: String,
    stage: String,
    is_final: bool,
) -> Result<(), ApiError> {
    blocking(&state, move |s| {
        s.db().write(|tx| sheet::set_sheet_final(tx, &competition_id, &judge, &stage, is_final, &ids::now()))
    })
    .await
}

#[tauri::command]
pub async fn lock_stage(state: AppStateRef<'_>, competition_id: String, stage: String) -> Result<(), ApiError> {
    blocking(&state, move |s| {
        let actor = s.actor().name;
        s.db().write(|tx| sheet::lock_stage(tx, &competition_id, &stage, &actor, &ids::now()))
    })
    .await
}

#[tauri::command]
pub async fn unlock_stage(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    reason: String,
) -> Result<(), ApiError> {
    blocking(&state, move |s| {
        let actor = s.actor().name;
        s.db().write(|tx| sheet::unlock_stage(tx, &competition_id, &stage, &reason, &actor, &ids::now()))
    })
    .await
}

#[tauri::command]
pub async fn presentation_order(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    category: String,
) -> Result<Vec<PresentationSlot>, ApiError> {
    blocking(&state, move |s| {
        let db = s.db();
        let codes = worklist::stage_participants(db.conn(), &competition_id, &stage, &category)?;
        order::presentation_order(db.conn(), &competition_id, &stage, &codes)
    })
    .await
}

#[tauri::command]
pub async fn set_presentation_order(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    codes: Vec<String>,
) -> Result<(), ApiError> {
    blocking(&state, move |s| {
        s.db().write(|tx| order::set_order(tx, &competition_id, &stage, &codes, "manual", "", &ids::now()))
    })
    .await
}

/// Draws the order of a category at random; the seed is recorded with it.
#[tauri::command]
pub async fn draw_presentation_order(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    category: String,
) -> Result<Vec<PresentationSlot>, ApiError> {
    blocking(&state, move |s| {
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1);
        let mut db = s.db();
        let codes = worklist::stage_participants(db.conn(), &competition_id, &stage, &category)?;
        db.write(|tx| order::draw_order(tx, &competition_id, &stage, &codes, seed, &ids::now()))?;
        order::presentation_order(db.conn(), &competition_id, &stage, &codes)
    })
    .await
}

/// The recap for the organiser (viewer None) or a judge (only their own scores until locked).
#[tauri::command]
pub async fn get_recap(
    state: AppStateRef<'_>,
    competition_id: String,
    viewer: Option<String>,
) -> Result<RecapView, ApiError> {
    blocking(&state, move |s| recap_view(s.reader()?.conn(), &competition_id, viewer.as_deref())).await
}

/// Saves the judge's optional comment on a sheet (empty clears it).
#[tauri::command]
pub async fn save_comment(
    state: AppStateRef<'_>,
    competition_id: String,
    stage: String,
    judge: String,
    proposal: String,
    comment: String,
) -> Result<(), ApiError> {
    blocking(&state, move |s| {
        s.db().write(|tx| sheet::save_comment(tx, &competition_id, &stage, &judge, &proposal, &comment, &ids::now()))
    })
    .await
}
