//! Backup and restore of the whole database, through native file dialogs only.

use juri_core::api::RestoreCandidate;
use juri_core::backup::{backup_to, check_backup};
use juri_core::error::ApiError;
use juri_core::{Error, ids};
use tauri_plugin_dialog::DialogExt;

use super::AppStateRef;
use crate::save::save_path;
use crate::state::blocking;

fn io_err(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// "Cadangkan data": asks where, then writes a consistent copy. None when the user cancelled.
#[tauri::command]
pub async fn backup_database(app: tauri::AppHandle, state: AppStateRef<'_>) -> Result<Option<String>, ApiError> {
    blocking(&state, move |s| {
        let stamp: String = ids::now().chars().take(10).collect();
        let suggested = format!("juri-cadangan-{stamp}.juribak");
        let Some(path) = save_path(&app, "Cadangan Juri", &["juribak", "sqlite3"], &suggested)? else {
            return Ok(None);
        };
        backup_to(&s.db(), &path)?;
        log::info!("backup written to {}", path.display());
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// "Pulihkan", step 1: the user picks a backup; it is checked, nothing is replaced yet.
#[tauri::command]
pub async fn restore_pick(app: tauri::AppHandle, state: AppStateRef<'_>) -> Result<Option<RestoreCandidate>, ApiError> {
    blocking(&state, move |s| {
        let Some(path) =
            app.dialog().file().add_filter("Cadangan Juri", &["juribak", "sqlite3", "db"]).blocking_pick_file()
        else {
            return Ok(None);
        };
        let path = path.into_path().map_err(io_err)?;
        let info = check_backup(&path)?;
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        *s.restore_candidate.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(RestoreCandidate { file_name, info }))
    })
    .await
}

/// "Pulihkan", step 2: replaces the data with the picked backup; returns where the old data was kept.
#[tauri::command]
pub async fn restore_apply(state: AppStateRef<'_>) -> Result<String, ApiError> {
    blocking(&state, |s| {
        let path = s.restore_candidate.lock().unwrap_or_else(|p| p.into_inner()).take().ok_or(Error::Cancelled)?;
        let kept = s.db().restore_from(&path)?;
        log::info!("restored from {}; previous data kept at {}", path.display(), kept.display());
        Ok(kept.display().to_string())
    })
    .await
}
