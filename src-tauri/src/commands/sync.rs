//! Offline judging: kits out of the master, packages back in, conflicts resolved by the organiser.

use std::sync::atomic::Ordering;

use juri_core::api::{AppMode, OpenedKit, PackageFile, Progress};
use juri_core::competition::load_competition;
use juri_core::error::ApiError;
use juri_core::ids;
use juri_core::sync::{self, KitCheck, KitStatus, LaunchFile, MergeConflict, PackageReport};
use tauri::ipc::Channel;

use super::AppStateRef;
use crate::save::save_path;
use crate::state::blocking;

/// Whether this laptop is the organiser's master or a judge's laptop (opened from a kit).
#[tauri::command]
pub async fn app_mode(state: AppStateRef<'_>) -> Result<AppMode, ApiError> {
    blocking(&state, |s| Ok(AppMode { judge: sync::judge_mode(s.db().conn())? })).await
}

/// Writes one judge's kit where the organiser chooses (its evidence files streamed; progress in KB
/// on `on_progress`, `cancel_import` stops it and nothing is written). None when cancelled.
#[tauri::command]
pub async fn export_kit(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    judge: String,
    on_progress: Channel<Progress>,
) -> Result<Option<String>, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let Some(path) = save_path(&app, "Kit juri", &["jurikit"], &format!("{judge}.jurikit"))? else {
            return Ok(None);
        };
        let now = ids::now();
        let kit = s.db().write(|tx| sync::export_kit(tx, &competition_id, &judge, &now))?;
        // Evidence files are streamed from a read-only connection: saves go on meanwhile.
        let db_path = s.db().path().to_path_buf();
        sync::write_kit(s.reader()?.conn(), &kit, &path, Some(&db_path), &mut super::progress_in_kb(&on_progress, s))?;
        log::info!("judge kit for {judge} written");
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Asks for a kit file (native dialog) and tells what it is and whether it fits this laptop; the
/// path stays in the shell for `open_picked_kit`. None when cancelled. Only the kit's JSON is read.
#[tauri::command]
pub async fn pick_kit(app: tauri::AppHandle, state: AppStateRef<'_>) -> Result<Option<KitCheck>, ApiError> {
    blocking(&state, move |s| {
        let Some(path) = crate::save::pick_path(&app, false, "Kit juri", &["jurikit"])? else { return Ok(None) };
        let check = sync::check_kit_file(s.db().conn(), &path)?;
        *s.kit_source.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(check))
    })
    .await
}

forward! {
    /// The kit or score package Juri was started with (a double-clicked file), once: a kit is
    /// checked as a picked one (and waits for `open_picked_kit`), a package is read for the merge.
    take_launch_file() -> Option<LaunchFile> => |s| {
        let Some(path) = s.launch_file.lock().unwrap_or_else(|p| p.into_inner()).take() else { return Ok(None) };
        log::info!("started with {}", path.display());
        let launched = sync::read_launch_file(s.db().conn(), &path)?;
        if let Some(LaunchFile::Kit { .. }) = launched {
            *s.kit_source.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        }
        Ok(launched)
    };

    /// What a kit dropped on the window is and whether it fits this laptop; nothing is opened.
    check_kit(bytes: Vec<u8>) -> KitCheck => |s| sync::check_kit_bytes(s.db().conn(), &bytes);

    /// Opens the picked kit, its evidence files streamed from disk (a large kit is never held in
    /// memory); `over_data` as for `open_kit`; progress in KB, `cancel_import` stops it.
    open_picked_kit(over_data: bool, on_progress: Channel<Progress>) -> OpenedKit => |s| {
        let path = s.kit_source.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or(juri_core::Error::Cancelled)?;
        s.cancel.store(false, Ordering::SeqCst);
        let mut db = s.db();
        let (id, kept) = sync::open_kit_file_with(&mut db, &path, &ids::now(), over_data, &mut super::progress_in_kb(&on_progress, s))?;
        let kept_copy = kept.map(|k| k.display().to_string());
        Ok(OpenedKit { competition: load_competition(db.conn(), &id)?, kept_copy })
    };

    /// Opens a kit the user picked in the UI: this laptop becomes that judge's laptop. On a laptop
    /// that already holds competitions it is refused unless the user confirmed (`over_data`); the data
    /// is then copied aside first.
    open_kit(bytes: Vec<u8>, over_data: bool) -> OpenedKit => |s| {
        let mut db = s.db();
        let (id, kept) = sync::open_kit_keeping_copy(&mut db, &bytes, &ids::now(), over_data)?;
        let kept_copy = kept.map(|k| k.display().to_string());
        Ok(OpenedKit { competition: load_competition(db.conn(), &id)?, kept_copy })
    };

    /// Every judge's last kit and whether it is still current (a dossier changed since: a new kit).
    kit_status(competition_id: String) -> Vec<KitStatus> => |s| sync::kit_status(s.reader()?.conn(), &competition_id);

    list_conflicts(competition_id: String) -> Vec<MergeConflict> => |s|
        sync::open_conflicts(s.db().conn(), &competition_id);

    resolve_conflict(event_id: String, take_package: bool) -> () => |s| {
        let actor = s.actor().name;
        s.db().write(|tx| sync::resolve_conflict(tx, &event_id, take_package, &actor, &ids::now()))
    };
}

/// Writes this judge's signed package where the judge chooses. None when cancelled.
#[tauri::command]
pub async fn export_package(app: tauri::AppHandle, state: AppStateRef<'_>) -> Result<Option<String>, ApiError> {
    blocking(&state, move |s| {
        let judge = sync::judge_mode(s.db().conn())?.unwrap_or_default();
        let stamp: String = ids::now().chars().take(16).collect::<String>().replace(':', "");
        let Some(path) = save_path(&app, "Paket nilai", &["jurinilai"], &format!("{judge}-{stamp}.jurinilai"))? else {
            return Ok(None);
        };
        let bytes = sync::export_package(s.db().conn(), &s.device(), &ids::now())?;
        juri_core::files::write_atomic(&path, &bytes, Some(s.db().path()))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// What merging these packages would do; nothing is changed.
#[tauri::command]
pub async fn preview_merge(
    state: AppStateRef<'_>,
    competition_id: String,
    files: Vec<PackageFile>,
) -> Result<Vec<PackageReport>, ApiError> {
    merge(state, competition_id, files, false).await
}

/// Merges the packages in one transaction (refused packages contribute nothing).
#[tauri::command]
pub async fn apply_merge(
    state: AppStateRef<'_>,
    competition_id: String,
    files: Vec<PackageFile>,
) -> Result<Vec<PackageReport>, ApiError> {
    merge(state, competition_id, files, true).await
}

/// The merge of both: committed when `apply`, else rehearsed and rolled back.
async fn merge(
    state: AppStateRef<'_>,
    competition_id: String,
    files: Vec<PackageFile>,
    apply: bool,
) -> Result<Vec<PackageReport>, ApiError> {
    blocking(&state, move |s| {
        let (lang, now) = (s.lang(), ids::now());
        let packages: Vec<(String, Vec<u8>)> = files.into_iter().map(|f| (f.name, f.bytes)).collect();
        let merge =
            |tx: &juri_core::rusqlite::Transaction| sync::merge_packages(tx, &competition_id, &packages, &now, lang);
        if apply { s.db().write(merge) } else { s.db().rehearse(merge) }
    })
    .await
}
