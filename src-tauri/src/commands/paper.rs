//! Paper fallback: double entry of paper score sheets, picks, conflicts with digital scores.

use juri_core::error::ApiError;
use juri_core::ids;
use juri_core::paper::{self, PaperContext, PaperEntryInput, PaperKey, PaperSheet, PaperSheetRow};

use super::AppStateRef;
use crate::state::{AppState, blocking};

fn ctx(s: &AppState, staff: &str) -> PaperContext {
    PaperContext { staff: staff.to_string(), device: s.device(), now: ids::now() }
}

forward! {
    paper_sheets(competition_id: String, stage: String, judge: String) -> Vec<PaperSheetRow> => |s|
        paper::paper_sheets(s.db().conn(), &competition_id, &stage, &judge);

    paper_sheet(competition_id: String, key: PaperKey) -> PaperSheet => |s|
        paper::paper_sheet(s.db().conn(), &competition_id, &key);

    save_paper_entry(competition_id: String, input: PaperEntryInput) -> PaperSheet => |s| {
        let c = ctx(s, &input.staff);
        s.db().write(|tx| paper::save_paper_entry(tx, &competition_id, &input, &c))
    };
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn resolve_paper_difference(
    state: AppStateRef<'_>,
    competition_id: String,
    key: PaperKey,
    criterion: String,
    value: f64,
    staff: String,
    reason: String,
) -> Result<PaperSheet, ApiError> {
    blocking(&state, move |s| {
        let c = ctx(s, &staff);
        s.db().write(|tx| paper::resolve_paper_difference(tx, &competition_id, &key, &criterion, value, &reason, &c))
    })
    .await
}

#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn resolve_paper_conflict(
    state: AppStateRef<'_>,
    competition_id: String,
    key: PaperKey,
    criterion: String,
    take_paper: bool,
    staff: String,
    reason: String,
) -> Result<PaperSheet, ApiError> {
    blocking(&state, move |s| {
        let c = ctx(s, &staff);
        s.db().write(|tx| paper::resolve_paper_conflict(tx, &competition_id, &key, &criterion, take_paper, &reason, &c))
    })
    .await
}
