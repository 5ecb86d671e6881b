//! Print-ready documents and spreadsheets (juri-documents): their settings, a preview as PDF bytes
//! for the UI's renderer, and "Simpan" through the native save dialog, with progress and cancel
//! for certificate batches.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use juri_core::api::Progress;
use juri_core::documents_settings::{self as ds, DocumentSettings, DocumentSettingsView};
use juri_core::error::ApiError;
use juri_core::scoring::ties::TieDecision;
use juri_core::{ErrorCode, ids};
use juri_documents::{DocData, DocError, DocumentRequest, SavedDocument, TieView};
use tauri::ipc::{Channel, Response};

use super::AppStateRef;
use crate::save::{save_folder, save_path};
use crate::state::{AppState, blocking};

/// Set by `cancel_documents`; a running batch stops at its next page.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// Runs document work off the UI thread; its error reaches the UI as `{code, message}` in the
/// user's language (the log gets the code only, storage failures their detail). A judge's laptop
/// is refused by the documents themselves (`juri_core::laptop`).
async fn run<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> Result<T, DocError> + Send + 'static,
) -> Result<T, ApiError> {
    let lang = state.lang();
    match blocking(state, move |s| Ok(work(s))).await? {
        Ok(v) => Ok(v),
        Err(e) => {
            match e.code() {
                ErrorCode::Storage => log::error!("documents: {e}"),
                code => log::info!("documents refused: {code:?}"),
            }
            Err(e.to_api(lang))
        }
    }
}

fn view(s: &AppState, competition_id: &str) -> Result<DocumentSettingsView, DocError> {
    Ok(ds::document_settings_view(s.reader()?.conn(), competition_id)?)
}

/// The bytes of one document, read on a connection of its own (one snapshot): scores keep
/// saving while the document is made.
fn generate(
    s: &AppState,
    competition_id: &str,
    request: &DocumentRequest,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>, DocError> {
    request.generate(s.reader()?.conn(), competition_id, progress)
}

fn year(s: &AppState, competition_id: &str) -> Result<i32, DocError> {
    Ok(juri_core::competition::load_competition(s.db().conn(), competition_id)?.setup.year)
}

#[tauri::command]
pub async fn document_settings(
    state: AppStateRef<'_>,
    competition_id: String,
) -> Result<DocumentSettingsView, ApiError> {
    run(&state, move |s| view(s, &competition_id)).await
}

/// Saves the whole settings (dates and NIPs checked); returns them as stored.
#[tauri::command]
pub async fn save_document_settings(
    state: AppStateRef<'_>,
    competition_id: String,
    settings: DocumentSettings,
) -> Result<DocumentSettingsView, ApiError> {
    run(&state, move |s| {
        s.db().write(|tx| ds::save_document_settings(tx, &competition_id, &settings, &ids::now()))?;
        view(s, &competition_id)
    })
    .await
}

/// The ties at winners' places and the plenary's decisions on them.
#[tauri::command]
pub async fn tie_overview(state: AppStateRef<'_>, competition_id: String) -> Result<Vec<TieView>, ApiError> {
    run(&state, move |s| juri_documents::tie_overview(s.reader()?.conn(), &competition_id)).await
}

/// Records the plenary's order of a tie and its reason; returns the ties as they now stand.
#[tauri::command]
pub async fn record_tie_decision(
    state: AppStateRef<'_>,
    competition_id: String,
    decision: TieDecision,
) -> Result<Vec<TieView>, ApiError> {
    run(&state, move |s| {
        s.db()
            .write(|tx| juri_core::scoring::ties::record_tie_decision(tx, &competition_id, &decision, &ids::now()))?;
        juri_documents::tie_overview(s.reader()?.conn(), &competition_id)
    })
    .await
}

/// Sets the logo (PNG or JPEG the user picked) or, with None, removes it. The core decodes it
/// within bounds and stores it as an 8-bit PNG; one that cannot be printed is refused.
#[tauri::command]
pub async fn set_document_logo(
    state: AppStateRef<'_>,
    competition_id: String,
    bytes: Option<Vec<u8>>,
) -> Result<DocumentSettingsView, ApiError> {
    run(&state, move |s| {
        s.db().write(|tx| ds::save_logo(tx, &competition_id, bytes.as_deref(), &ids::now()))?;
        view(s, &competition_id)
    })
    .await
}

/// The PDF of a document, as bytes for the UI's renderer (nothing is written). Spreadsheets have no preview.
#[tauri::command]
pub async fn preview_document(
    state: AppStateRef<'_>,
    competition_id: String,
    request: DocumentRequest,
) -> Result<Response, ApiError> {
    let request = request.for_preview().map_err(|e| e.to_api(state.lang()))?;
    let bytes = run(&state, move |s| generate(s, &competition_id, &request, &mut |_, _| true)).await?;
    Ok(Response::new(bytes))
}

/// "Simpan": makes the document, asks where (native dialog; a folder for one file per
/// recipient), then writes it. Certificate batches report each page on `on_progress` and stop on `cancel_documents`
/// (nothing is written then). None when the user cancelled the dialog.
#[tauri::command]
pub async fn save_document(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    competition_id: String,
    request: DocumentRequest,
    on_progress: Channel<Progress>,
) -> Result<Option<SavedDocument>, ApiError> {
    CANCEL.store(false, Ordering::SeqCst);
    run(&state, move |s| {
        let name = request.file_name(year(s, &competition_id)?);
        // A batch of certificates takes its numbers from the register (given now when new).
        if let DocumentRequest::Certificates { recipients, .. } = &request {
            let now = juri_core::ids::now();
            s.db().write(|tx| juri_documents::register_certificates(tx, &competition_id, *recipients, &now))?;
        }
        let delay = crate::save::test_page_delay();
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(Progress { done: done as u32, total: total as u32 });
            if let Some(d) = delay {
                std::thread::sleep(d);
            }
            !CANCEL.load(Ordering::SeqCst)
        };
        if let DocumentRequest::Certificates { recipients, each: true } = &request {
            let data = DocData::load(s.reader()?.conn(), &competition_id)?;
            let who = *recipients;
            if juri_documents::recipients(&data, who).is_empty() {
                return Err(DocError::Empty("no recipients"));
            }
            let Some(dir) = save_folder(&app, &name)? else { return Ok(None) };
            // Written into a hidden folder inside `dir`, then moved: a failed or cancelled batch
            // leaves no half set behind (and no empty folder); an error names the proposal.
            let db_path = s.db().path().to_path_buf();
            let written = match juri_documents::write_certificates_each(&data, who, &dir, Some(&db_path), &mut progress)
            {
                Ok(w) => w,
                Err(e) => {
                    let _ = std::fs::remove_dir(&dir);
                    return Err(e);
                }
            };
            log::info!("{} certificates written", written.len());
            return Ok(Some(SavedDocument { path: dir.display().to_string(), files: written.len() as u32 }));
        }
        // Made before the dialog: a refusal (nothing to print) or a cancel comes before any question.
        let bytes = generate(s, &competition_id, &request, &mut progress)?;
        let (filter, extensions) = request.save_filter();
        let Some(path) = save_path(&app, filter, extensions, &name)? else { return Ok(None) };
        // Atomic, and never over the open database or its journals (a save dialog allows it).
        let db_path = s.db().path().to_path_buf();
        juri_core::files::write_atomic(&path, &bytes, Some(&db_path))?;
        log::info!("document written: {name}");
        Ok(Some(SavedDocument { path: path.display().to_string(), files: 1 }))
    })
    .await
}

/// Stops the certificate batch being saved.
#[tauri::command]
pub async fn cancel_documents() -> Result<(), ApiError> {
    CANCEL.store(true, Ordering::SeqCst);
    Ok(())
}
