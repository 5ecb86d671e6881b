//! Proposal dossiers: staff import them (a folder or ZIP the user picks; the shell keeps the choice,
//! the UI never names a path) and see the screening findings; judges read them beside the sheet.

use std::sync::atomic::Ordering;

use juri_core::api::Progress;
use juri_core::dossier::{self, DossierImportSummary, DossierView, ProposalFindings};
use juri_core::error::ApiError;
use juri_core::{Error, ids};
use tauri::ipc::{Channel, Response};

use super::AppStateRef;
use crate::save::{pick_path, save_path};
use crate::state::{AppState, blocking};

/// Largest evidence file shown in the viewer; a larger one is saved and opened outside.
const VIEW_LIMIT: u64 = 64 * 1024 * 1024;

fn picked_source(s: &AppState) -> Result<std::path::PathBuf, Error> {
    s.dossier_source.lock().unwrap_or_else(|p| p.into_inner()).clone().ok_or(Error::Cancelled)
}

forward! {
    /// Staff type or paste one section of a proposal (empty clears it); the change is in its history.
    save_dossier_section(competition_id: String, proposal: String, section: String, text: String) -> DossierView => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| dossier::save_section(tx, &competition_id, &proposal, &section, &text, &actor, &now))
    };

    /// Replaces a proposal's video links (http or https addresses).
    save_dossier_videos(competition_id: String, proposal: String, videos: Vec<String>) -> DossierView => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| dossier::save_videos(tx, &competition_id, &proposal, &videos, &actor, &now))
    };

    /// A small evidence file dropped on the window (its bytes), to a section or '' for the whole proposal.
    add_dossier_file(competition_id: String, proposal: String, section: String, name: String, bytes: Vec<u8>) -> DossierView => |s| {
        let (actor, now) = (s.actor(), ids::now());
        let mut open = || -> Result<Box<dyn std::io::Read>, Error> { Ok(Box::new(std::io::Cursor::new(bytes.clone()))) };
        s.db().write(|tx| dossier::add_file(tx, &competition_id, &proposal, &section, &name, &mut open, &actor, &now))
    };

    /// Removes one evidence file of a proposal.
    remove_dossier_file(competition_id: String, proposal: String, sha256: String) -> DossierView => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| dossier::remove_file(tx, &competition_id, &proposal, &sha256, &actor, &now))
    };

    /// A proposal's dossier: sections in setup order, video links, files, findings.
    dossier_view(competition_id: String, proposal: String) -> DossierView => |s|
        dossier::dossier_view(s.reader()?.conn(), &competition_id, &proposal);

    /// The findings of every proposal, for the screening screen.
    screening_findings(competition_id: String) -> Vec<ProposalFindings> => |s|
        dossier::screening_findings(s.reader()?.conn(), &competition_id);

    /// What importing the picked folder or ZIP would change; nothing is written.
    preview_dossier_import(competition_id: String) -> DossierImportSummary => |s|
        dossier::preview_dossiers(s.reader()?.conn(), &competition_id, &picked_source(s)?);
}

/// Asks for the dossier folder (`zip` false) or ZIP file; returns its name to show. The path stays
/// in the shell for the preview and the import.
#[tauri::command]
pub async fn pick_dossier_source(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    zip: bool,
) -> Result<Option<String>, ApiError> {
    blocking(&state, move |s| {
        let Some(path) = pick_path(&app, !zip, "ZIP", &["zip"])? else { return Ok(None) };
        let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        *s.dossier_source.lock().unwrap_or_else(|p| p.into_inner()) = Some(path);
        Ok(Some(shown))
    })
    .await
}

/// Imports the picked folder or ZIP in one transaction; progress in bytes on `on_progress`,
/// `cancel_import` stops it and nothing is kept.
#[tauri::command]
pub async fn import_dossiers(
    state: AppStateRef<'_>,
    competition_id: String,
    on_progress: Channel<Progress>,
) -> Result<DossierImportSummary, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let path = picked_source(s)?;
        let (actor, now) = (s.actor(), ids::now());
        let mut progress = super::progress_in_kb(&on_progress, s);
        s.db().write(|tx| dossier::import_dossiers(tx, &competition_id, &path, &actor, &now, &mut progress))
    })
    .await
}

/// Asks for evidence files (native dialog, several at once) and adds them to a proposal, streamed
/// from disk, all in one transaction. None when cancelled.
#[tauri::command]
pub async fn pick_dossier_files(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    proposal: String,
    section: String,
) -> Result<Option<DossierView>, ApiError> {
    blocking(&state, move |s| {
        let paths = crate::save::pick_files(
            &app,
            "Bukti dukung",
            &["pdf", "jpg", "jpeg", "png", "xlsx", "docx", "pptx", "mp4"],
        )?;
        if paths.is_empty() {
            return Ok(None);
        }
        let (actor, now) = (s.actor(), ids::now());
        let view = s.db().write(|tx| {
            let mut view = None;
            for p in &paths {
                view = Some(dossier::add_file_from_path(tx, &competition_id, &proposal, &section, p, &actor, &now)?);
            }
            Ok(view)
        })?;
        Ok(view)
    })
    .await
}

/// An evidence file's bytes for the in-app viewer (a raw binary response).
#[tauri::command]
pub async fn dossier_file(
    state: AppStateRef<'_>,
    competition_id: String,
    proposal: String,
    sha256: String,
) -> Result<Response, ApiError> {
    let (_, _, bytes) = blocking(&state, move |s| {
        dossier::file_bytes(s.reader()?.conn(), &competition_id, &proposal, &sha256, VIEW_LIMIT)
    })
    .await?;
    Ok(Response::new(bytes))
}

/// Saves an evidence file where the user chooses (to open it with another program). None when
/// cancelled.
#[tauri::command]
pub async fn save_dossier_file(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    proposal: String,
    sha256: String,
) -> Result<Option<String>, ApiError> {
    blocking(&state, move |s| {
        let reader = s.reader()?;
        let name = dossier::file_name(reader.conn(), &competition_id, &proposal, &sha256)?;
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_string()).unwrap_or_default();
        let Some(path) = save_path(&app, "Berkas", &[ext.as_str()], &name)? else { return Ok(None) };
        let db_path = s.db().path().to_path_buf();
        dossier::save_file(reader.conn(), &competition_id, &proposal, &sha256, &path, Some(&db_path))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}

/// Opens an evidence file with the laptop's own program for its type (Word for a DOCX, the video
/// player for an MP4), at the judge's request: a copy goes into the data folder's
/// `berkas-dibuka` (emptied at each start) and the system opens that. Types that could run code
/// are refused (core rule); they can only be saved. Returns the copy's file name. End-to-end tests
/// (`JURI_SAVE_DIR` set) make the copy but start no program.
#[tauri::command]
pub async fn open_dossier_file_outside(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    proposal: String,
    sha256: String,
) -> Result<String, ApiError> {
    blocking(&state, move |s| {
        let folder = s.data_dir.join(crate::state::OPENED_FILES_DIR);
        let reader = s.reader()?;
        let copy = dossier::copy_for_other_program(
            reader.conn(),
            &competition_id,
            &proposal,
            &sha256,
            &folder,
            Some(&s.db_path),
        )?;
        if std::env::var_os("JURI_SAVE_DIR").is_none() {
            use tauri_plugin_opener::OpenerExt;
            app.opener().open_path(copy.to_string_lossy(), None::<&str>).map_err(|e| {
                Error::FileUnreadable(juri_core::error::FileProblem::CannotOpen {
                    path: copy.display().to_string(),
                    why: e.to_string(),
                })
            })?;
        }
        log::info!("evidence file opened outside Juri: {}", copy.display());
        Ok(copy.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default())
    })
    .await
}
