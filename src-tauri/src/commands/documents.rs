//! Print-ready documents and spreadsheets (juri-documents): their settings, a preview as PDF bytes
//! for the UI's renderer, and "Simpan" through the native save dialog, with progress and cancel
//! for certificate batches.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use juri_core::api::Progress;
use juri_core::documents_settings::{self as ds, DocumentSettings};
use juri_core::error::ApiError;
use juri_core::{ErrorCode, ids};
use juri_documents::{DocData, DocError, Recipients, SheetOptions, SkList, export};
use serde::{Deserialize, Serialize};
use tauri::ipc::{Channel, Response};

use super::AppStateRef;
use crate::save::{save_folder, save_path};
use crate::state::{AppState, blocking};

/// Set by `cancel_documents`; a running batch stops at its next page.
static CANCEL: AtomicBool = AtomicBool::new(false);

/// The settings as the Dokumen screen edits them.
#[derive(Serialize)]
pub struct DocumentSettingsView {
    pub settings: DocumentSettings,
    pub has_logo: bool,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Who {
    Winners,
    Finalists,
    Participants,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    Proposals,
    Judges,
    Scores,
    Recap,
}

/// Which document to make (the `juri pdf …` / `juri export …` choices).
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DocumentRequest {
    /// Piagam / sertifikat; `each`: one file per recipient into a folder instead of one PDF.
    Certificates {
        recipients: Who,
        #[serde(default)]
        each: bool,
    },
    Recap {
        #[serde(default)]
        stage: Option<String>,
    },
    ScoreSheets {
        #[serde(default)]
        stage: Option<String>,
        #[serde(default)]
        judge: Option<String>,
        #[serde(default)]
        proposal: Option<String>,
        #[serde(default)]
        filled: bool,
    },
    BeritaAcara,
    /// Lampiran SK with the winners, or the finalist announcement.
    Sk {
        #[serde(default)]
        finalists: bool,
    },
    /// The workbook (proposals, judges, scores, recap sheets) or the scores alone.
    Xlsx {
        #[serde(default)]
        scores_only: bool,
    },
    Csv {
        table: CsvTable,
    },
}

/// Where a saved document went: the file, or the folder and how many files it holds now.
#[derive(Debug, Serialize)]
pub struct SavedDocument {
    pub path: String,
    pub files: u32,
}

impl Who {
    fn recipients(self) -> Recipients {
        match self {
            Who::Winners => Recipients::Winners,
            Who::Finalists => Recipients::Finalists,
            Who::Participants => Recipients::Participants,
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Who::Winners => "pemenang",
            Who::Finalists => "finalis",
            Who::Participants => "peserta",
        }
    }
}

/// Lower-case ASCII letters, digits and dashes, for file names built from codes.
fn slug(s: &str) -> String {
    let s: String = s.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

impl DocumentRequest {
    /// The name suggested in the save dialog (a folder name for one file per recipient).
    fn file_name(&self, year: i32) -> String {
        match self {
            DocumentRequest::Certificates { recipients, each: true } => format!("piagam-{}-{year}", recipients.slug()),
            DocumentRequest::Certificates { recipients, .. } => format!("piagam-{}-{year}.pdf", recipients.slug()),
            DocumentRequest::Recap { stage } => {
                format!(
                    "rekapitulasi-nilai-{}-{year}.pdf",
                    stage.as_deref().map(slug).unwrap_or_else(|| "semua-tahap".into())
                )
            }
            DocumentRequest::ScoreSheets { stage, judge, proposal, filled } => {
                let mut parts = vec![if *filled { "terisi" } else { "kosong" }.to_string()];
                parts.extend([stage, judge, proposal].into_iter().flatten().map(|p| slug(p)));
                format!("lembar-penilaian-{}-{year}.pdf", parts.join("-"))
            }
            DocumentRequest::BeritaAcara => format!("berita-acara-penilaian-{year}.pdf"),
            DocumentRequest::Sk { finalists: true } => format!("pengumuman-finalis-{year}.pdf"),
            DocumentRequest::Sk { finalists: false } => format!("lampiran-sk-pemenang-{year}.pdf"),
            DocumentRequest::Xlsx { scores_only: true } => format!("nilai-{year}.xlsx"),
            DocumentRequest::Xlsx { scores_only: false } => format!("kompetisi-{year}.xlsx"),
            DocumentRequest::Csv { table } => {
                let name = match table {
                    CsvTable::Proposals => "proposal",
                    CsvTable::Judges => "juri",
                    CsvTable::Scores => "nilai",
                    CsvTable::Recap => "rekapitulasi",
                };
                format!("{name}-{year}.csv")
            }
        }
    }

    /// (filter name, extensions) of the save dialog.
    fn filter(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            DocumentRequest::Xlsx { .. } => ("Excel", &["xlsx"]),
            DocumentRequest::Csv { .. } => ("CSV", &["csv"]),
            _ => ("PDF", &["pdf"]),
        }
    }
}

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
    let db = s.reader()?;
    Ok(DocumentSettingsView {
        settings: ds::load_document_settings(db.conn(), competition_id)?,
        has_logo: ds::load_logo(db.conn(), competition_id)?.is_some(),
    })
}

/// The bytes of one document. `progress(done, total)` hears of certificate pages; false cancels.
fn generate(
    s: &AppState,
    competition_id: &str,
    request: &DocumentRequest,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<u8>, DocError> {
    // Read on a connection of its own (one snapshot): scores keep saving while the document is made.
    let db = s.reader()?;
    let data = DocData::load(db.conn(), competition_id)?;
    Ok(match request {
        DocumentRequest::Certificates { recipients, .. } => {
            juri_documents::certificates_pdf_with(&data, recipients.recipients(), progress)?
        }
        DocumentRequest::Recap { stage } => juri_documents::recap_pdf(&data, stage.as_deref())?,
        DocumentRequest::ScoreSheets { stage, judge, proposal, filled } => {
            let opts = SheetOptions {
                stage: stage.clone(),
                judge: judge.clone(),
                proposal: proposal.clone(),
                filled: *filled,
            };
            juri_documents::score_sheets_pdf(db.conn(), &data, &opts)?
        }
        DocumentRequest::BeritaAcara => juri_documents::berita_acara_pdf(&data)?,
        DocumentRequest::Sk { finalists } => {
            juri_documents::sk_pdf(&data, if *finalists { SkList::Finalists } else { SkList::Winners })?
        }
        DocumentRequest::Xlsx { scores_only: true } => export::scores_xlsx(db.conn(), &data)?,
        DocumentRequest::Xlsx { scores_only: false } => export::workbook_xlsx(db.conn(), &data)?,
        DocumentRequest::Csv { table } => match table {
            CsvTable::Proposals => export::proposals_csv(&data),
            CsvTable::Judges => export::judges_csv(&data),
            CsvTable::Scores => export::scores_csv(db.conn(), &data)?,
            CsvTable::Recap => export::recap_table_csv(&data)?,
        }
        .into_bytes(),
    })
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
    let request = match request {
        DocumentRequest::Xlsx { .. } | DocumentRequest::Csv { .. } => {
            let lang = state.lang();
            return Err(ApiError::new(
                ErrorCode::InvalidInput,
                lang.pick("Lembar kerja tidak memiliki pratinjau.", "Spreadsheets have no preview."),
            ));
        }
        DocumentRequest::Certificates { recipients, .. } => DocumentRequest::Certificates { recipients, each: false },
        other => other,
    };
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
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(Progress { done: done as u32, total: total as u32 });
            !CANCEL.load(Ordering::SeqCst)
        };
        if let DocumentRequest::Certificates { recipients, each: true } = &request {
            let data = DocData::load(s.reader()?.conn(), &competition_id)?;
            let who = recipients.recipients();
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
        let (filter, extensions) = request.filter();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: &str) -> DocumentRequest {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn requests_read_as_the_ui_sends_them_and_suggest_plain_file_names() {
        let cases = [
            (r#"{"kind":"certificates","recipients":"winners"}"#, "piagam-pemenang-2026.pdf"),
            (r#"{"kind":"certificates","recipients":"participants","each":true}"#, "piagam-peserta-2026"),
            (r#"{"kind":"recap","stage":null}"#, "rekapitulasi-nilai-semua-tahap-2026.pdf"),
            (r#"{"kind":"recap","stage":"presentasi"}"#, "rekapitulasi-nilai-presentasi-2026.pdf"),
            (
                r#"{"kind":"score_sheets","stage":"proposal","judge":"J1","proposal":null,"filled":true}"#,
                "lembar-penilaian-terisi-proposal-j1-2026.pdf",
            ),
            (r#"{"kind":"score_sheets"}"#, "lembar-penilaian-kosong-2026.pdf"),
            (r#"{"kind":"berita_acara"}"#, "berita-acara-penilaian-2026.pdf"),
            (r#"{"kind":"sk","finalists":true}"#, "pengumuman-finalis-2026.pdf"),
            (r#"{"kind":"sk","finalists":false}"#, "lampiran-sk-pemenang-2026.pdf"),
            (r#"{"kind":"xlsx","scores_only":false}"#, "kompetisi-2026.xlsx"),
            (r#"{"kind":"csv","table":"scores"}"#, "nilai-2026.csv"),
        ];
        for (json, name) in cases {
            assert_eq!(req(json).file_name(2026), name, "{json}");
        }
        assert_eq!(req(r#"{"kind":"csv","table":"judges"}"#).filter(), ("CSV", &["csv"][..]));
        assert_eq!(req(r#"{"kind":"berita_acara"}"#).filter(), ("PDF", &["pdf"][..]));
        assert!(serde_json::from_str::<DocumentRequest>(r#"{"kind":"certificates","recipients":"all"}"#).is_err());
    }

    #[test]
    fn codes_become_safe_file_name_parts() {
        assert_eq!(slug("P-001"), "p-001");
        assert_eq!(slug("../Tahap 2/"), "tahap-2");
    }
}
