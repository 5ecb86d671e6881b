//! Forwarding to the next level (FORMATS.md §10): the organiser checks and saves the ZIP of winners,
//! finalists or chosen proposals; the province's organiser picks such a ZIP, sees what it adds and
//! imports it. The shell keeps the picked path; the UI never names one.

use std::sync::atomic::Ordering;

use juri_core::api::Progress;
use juri_core::error::ApiError;
use juri_core::forwarding::{self, ForwardingImport, ForwardingOverview, Scope};
use juri_core::{Error, ids};
use tauri::ipc::Channel;

use super::AppStateRef;
use crate::save::{pick_path, save_path};
use crate::state::{AppState, blocking};

fn picked_zip(s: &AppState) -> Result<std::path::PathBuf, Error> {
    s.forwarding_source.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or(Error::Cancelled)
}

/// Progress in KB on `channel`; false once `cancel_import` was asked.
fn progress_to<'a>(channel: &'a Channel<Progress>, s: &'a AppState) -> impl FnMut(u64, u64) -> bool + 'a {
    move |done, total| {
        let _ = channel.send(Progress { done: (done / 1024) as u32, total: (total / 1024) as u32 });
        !s.cancel.load(Ordering::SeqCst)
    }
}

forward! {
    /// The proposals a forwarding of `scope` carries and what the next level will reject in them.
    forwarding_overview(competition_id: String, scope: Scope, codes: Vec<String>) -> ForwardingOverview => |s| {
        Ok(forwarding::forwarding_selection(s.reader()?.conn(), &competition_id, scope, &codes)?.overview())
    };

    /// What importing the picked forwarding ZIP would add: the import rehearsed and rolled back.
    preview_forwarding_import(competition_id: String) -> ForwardingImport => |s| {
        let (path, actor, now) = (picked_zip(s)?, s.actor(), ids::now());
        s.db().rehearse(|tx| forwarding::import_forwarding(tx, &competition_id, &path, &actor, &now, &mut |_, _| true))
    };
}

/// Saves the forwarding ZIP where the organiser chooses (evidence streamed; progress in KB,
/// `cancel_import` stops it and nothing is written). None when cancelled.
#[tauri::command]
pub async fn export_forwarding(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    scope: Scope,
    codes: Vec<String>,
    on_progress: Channel<Progress>,
) -> Result<Option<String>, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let reader = s.reader()?;
        let fwd = forwarding::forwarding_selection(reader.conn(), &competition_id, scope, &codes)?;
        let name = format!("penerusan-{}-{}.zip", forwarding::scope_label(scope), fwd.year);
        let Some(path) = save_path(&app, "ZIP", &["zip"], &name)? else { return Ok(None) };
        let db_path = s.db_path.clone();
        forwarding::write_forwarding(reader.conn(), &fwd, &path, Some(&db_path), &mut progress_to(&on_progress, s))?;
        log::info!("forwarding written: {} proposals", fwd.proposals.len());
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Asks for a forwarding ZIP; returns its name to show. The path stays in the shell.
#[tauri::command]
pub async fn pick_forwarding_zip(app: tauri::AppHandle, state: AppStateRef<'_>) -> Result<Option<String>, ApiError> {
    blocking(&state, move |s| {
        let Some(path) = pick_path(&app, false, "ZIP", &["zip"])? else { return Ok(None) };
        let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        *s.forwarding_source.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(shown))
    })
    .await
}

/// Imports the picked forwarding ZIP in one transaction; progress in KB, `cancel_import` stops it.
#[tauri::command]
pub async fn import_forwarding(
    state: AppStateRef<'_>,
    competition_id: String,
    on_progress: Channel<Progress>,
) -> Result<ForwardingImport, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let (path, actor, now) = (picked_zip(s)?, s.actor(), ids::now());
        let mut progress = progress_to(&on_progress, s);
        s.db().write(|tx| forwarding::import_forwarding(tx, &competition_id, &path, &actor, &now, &mut progress))
    })
    .await
}
