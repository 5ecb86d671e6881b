//! Forwarding to the next level (FORMATS.md §10): the organiser checks and saves the ZIP of winners,
//! finalists or chosen proposals; the province's organiser picks such a ZIP, sees what it adds and
//! imports it. The shell keeps the picked path; the UI never names one.

use std::sync::atomic::Ordering;

use juri_core::api::Progress;
use juri_core::error::ApiError;
use juri_core::forwarding::{self, ForwardingImport, ForwardingOverview, Scope};
use juri_core::monitoring::ForwardingLevel;
use juri_core::{Error, ids};
use tauri::ipc::Channel;

use super::AppStateRef;
use crate::save::{pick_files, save_path};
use crate::state::{AppState, blocking};

fn picked_zips(s: &AppState) -> Result<Vec<std::path::PathBuf>, Error> {
    let picked = s.forwarding_source.lock().unwrap_or_else(|p| p.into_inner()).clone();
    if picked.is_empty() { Err(Error::Cancelled) } else { Ok(picked) }
}

forward! {
    /// The proposals a forwarding of `scope` carries and what the next level will reject in them.
    forwarding_overview(competition_id: String, scope: Scope, codes: Vec<String>) -> ForwardingOverview => |s| {
        Ok(forwarding::forwarding_selection(s.reader()?.conn(), &competition_id, scope, &codes)?.overview())
    };

    /// What importing the picked forwarding ZIPs would add: the import rehearsed and rolled back.
    preview_forwarding_import(competition_id: String) -> Vec<ForwardingImport> => |s| {
        let (paths, actor, now) = (picked_zips(s)?, s.actor(), ids::now());
        s.db().rehearse(|tx| forwarding::import_forwardings(tx, &competition_id, &paths, &actor, &now, &mut |_, _| true))
    };
}

/// Saves the forwarding ZIP where the organiser chooses (evidence streamed; progress in KB,
/// `cancel_import` stops it and nothing is written), then notes the forwarding to `level` in the
/// monitoring registry for the innovations entered with its proposals. None when cancelled.
#[tauri::command]
pub async fn export_forwarding(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    scope: Scope,
    codes: Vec<String>,
    level: ForwardingLevel,
    on_progress: Channel<Progress>,
) -> Result<Option<String>, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let reader = s.reader()?;
        let fwd = forwarding::forwarding_selection(reader.conn(), &competition_id, scope, &codes)?;
        let name = format!("penerusan-{}-{}.zip", forwarding::scope_label(scope), fwd.year);
        let Some(path) = save_path(&app, "ZIP", &["zip"], &name)? else { return Ok(None) };
        let db_path = s.db_path.clone();
        forwarding::write_forwarding(
            reader.conn(),
            &fwd,
            &path,
            Some(&db_path),
            &mut super::progress_in_kb(&on_progress, s),
        )?;
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| forwarding::record_forwarding(tx, &competition_id, &fwd, level, &actor, &now))?;
        log::info!("forwarding written: {} proposals", fwd.proposals.len());
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Asks for forwarding ZIPs (several at once); returns their names to show. The paths stay in the
/// shell. Empty when cancelled.
#[tauri::command]
pub async fn pick_forwarding_zips(app: tauri::AppHandle, state: AppStateRef<'_>) -> Result<Vec<String>, ApiError> {
    blocking(&state, move |s| {
        let paths = pick_files(&app, "ZIP", &["zip"])?;
        let shown =
            paths.iter().map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
        *s.forwarding_source.lock().unwrap_or_else(|p| p.into_inner()) = paths;
        Ok(shown)
    })
    .await
}

/// Imports the picked forwarding ZIPs in one transaction; progress in KB, `cancel_import` stops it.
#[tauri::command]
pub async fn import_forwardings(
    state: AppStateRef<'_>,
    competition_id: String,
    on_progress: Channel<Progress>,
) -> Result<Vec<ForwardingImport>, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let (paths, actor, now) = (picked_zips(s)?, s.actor(), ids::now());
        let mut progress = super::progress_in_kb(&on_progress, s);
        s.db().write(|tx| forwarding::import_forwardings(tx, &competition_id, &paths, &actor, &now, &mut progress))
    })
    .await
}
