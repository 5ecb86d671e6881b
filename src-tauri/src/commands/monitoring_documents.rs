//! The monitoring screen's printed reports (juri-documents): the quarterly monitoring report and the
//! IKM report, saved through the native save dialog (or `JURI_SAVE_DIR` in end-to-end tests).

use juri_core::ErrorCode;
use juri_core::error::ApiError;
use juri_documents::{DocError, IkmOptions, MonitoringOptions};
use serde::Deserialize;

use super::AppStateRef;
use crate::save::save_path;
use crate::state::blocking;
use juri_documents::SavedDocument;

/// Which report to print (the `juri pdf monitoring|ikm` choices). `today` is the UI's local date.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MonitoringReportRequest {
    Monitoring {
        year: i32,
        quarter: u8,
        today: String,
        #[serde(default)]
        unit: Option<String>,
    },
    Ikm {
        unit: String,
        period: String,
        today: String,
        #[serde(default)]
        population: Option<u32>,
    },
    /// Every monitoring table as an .xlsx workbook (the columns of the imports).
    Workbook { today: String },
}

/// Lower-case ASCII letters, digits and dashes.
fn slug(s: &str) -> String {
    let s: String = s.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

impl MonitoringReportRequest {
    /// The name suggested in the save dialog.
    fn file_name(&self) -> String {
        match self {
            MonitoringReportRequest::Monitoring { year, quarter, unit, .. } => match unit.as_deref().map(slug) {
                Some(u) if !u.is_empty() => format!("laporan-monev-tw{quarter}-{year}-{u}.pdf"),
                _ => format!("laporan-monev-tw{quarter}-{year}.pdf"),
            },
            MonitoringReportRequest::Ikm { unit, period, .. } => {
                format!("laporan-ikm-{}-{}.pdf", slug(unit), slug(period))
            }
            MonitoringReportRequest::Workbook { today } => format!("data-monitoring-{}.xlsx", slug(today)),
        }
    }

    /// The save dialog's filter: (name, extensions).
    fn kind(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            MonitoringReportRequest::Workbook { .. } => ("Excel", &["xlsx"]),
            _ => ("PDF", &["pdf"]),
        }
    }
}

/// Makes the report, then asks where to save it; None when the dialog was cancelled. Refused on a
/// judge's laptop like every document.
#[tauri::command]
pub async fn save_monitoring_report(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    request: MonitoringReportRequest,
) -> Result<Option<SavedDocument>, ApiError> {
    let lang = state.lang();
    let outcome = blocking(&state, move |s| {
        // Made before the dialog: a refusal (nothing to print) comes before any question.
        let made = {
            let db = s.reader()?;
            match &request {
                MonitoringReportRequest::Monitoring { year, quarter, today, unit } => {
                    let opts =
                        MonitoringOptions { year: *year, quarter: *quarter, today: today.clone(), unit: unit.clone() };
                    juri_documents::monitoring_pdf(db.conn(), &opts)
                }
                MonitoringReportRequest::Ikm { unit, period, today, population } => {
                    let opts = IkmOptions {
                        unit: unit.clone(),
                        period: period.clone(),
                        today: today.clone(),
                        population: *population,
                    };
                    juri_documents::ikm_pdf(db.conn(), &opts)
                }
                MonitoringReportRequest::Workbook { .. } => juri_documents::monitoring_workbook(db.conn()),
            }
        };
        let bytes = match made {
            Ok(b) => b,
            Err(e) => return Ok(Err(e)),
        };
        let name = request.file_name();
        let (filter, extensions) = request.kind();
        let Some(path) = save_path(&app, filter, extensions, &name)? else { return Ok(Ok(None)) };
        let db_path = s.db().path().to_path_buf();
        juri_core::files::write_atomic(&path, &bytes, Some(&db_path))?;
        log::info!("monitoring report written: {name}");
        Ok(Ok(Some(SavedDocument { path: path.display().to_string(), files: 1 })))
    })
    .await?;
    match outcome {
        Ok(saved) => Ok(saved),
        Err(e) => {
            let e: DocError = e;
            match e.code() {
                ErrorCode::Storage => log::error!("monitoring report: {e}"),
                code => log::info!("monitoring report refused: {code:?}"),
            }
            Err(e.to_api(lang))
        }
    }
}

/// A name safe to suggest in a save dialog: the stored name without any folder part or control
/// characters; "bukti" when nothing is left.
fn evidence_save_name(stored: &str) -> String {
    let base = stored.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String =
        base.chars().filter(|c| !c.is_control() && !matches!(c, ':' | '*' | '?' | '"' | '<' | '>' | '|')).collect();
    let clean = clean.trim().trim_start_matches('.').to_string();
    // Then the shared rules: no reserved device name, no trailing dot, at most 120 characters.
    juri_core::files::safe_file_name(&clean, "bukti")
}

/// Saves an evidence file of a quarterly report where the user picks (native save dialog, or
/// `JURI_SAVE_DIR` in end-to-end tests), under its stored name; None when the dialog was cancelled.
#[tauri::command]
pub async fn save_evidence_file(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    id: String,
) -> Result<Option<SavedDocument>, ApiError> {
    blocking(&state, move |s| {
        let (info, bytes) = juri_core::monitoring::evidence_file(s.db().conn(), &id)?;
        let name = evidence_save_name(&info.file_name);
        let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).filter(|e| !e.is_empty() && e.len() <= 8);
        let exts: Vec<&str> = match ext.as_deref() {
            Some(e) => vec![e],
            None => vec!["*"],
        };
        let Some(path) = save_path(&app, "Bukti", &exts, &name)? else { return Ok(None) };
        let db_path = s.db().path().to_path_buf();
        juri_core::files::write_atomic(&path, &bytes, Some(&db_path))?;
        log::info!("evidence file written ({} bytes)", info.size);
        Ok(Some(SavedDocument { path: path.display().to_string(), files: 1 }))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_read_as_the_ui_sends_them_and_suggest_plain_file_names() {
        let req = |json: &str| serde_json::from_str::<MonitoringReportRequest>(json).unwrap();
        let cases = [
            (r#"{"kind":"monitoring","year":2026,"quarter":3,"today":"2026-11-23"}"#, "laporan-monev-tw3-2026.pdf"),
            (
                r#"{"kind":"monitoring","year":2026,"quarter":3,"today":"2026-11-23","unit":"U07"}"#,
                "laporan-monev-tw3-2026-u07.pdf",
            ),
            (
                r#"{"kind":"ikm","unit":"Dinas Kesehatan","period":"2026-S1","today":"2026-11-23","population":null}"#,
                "laporan-ikm-dinas-kesehatan-2026-s1.pdf",
            ),
            (r#"{"kind":"workbook","today":"2026-11-23"}"#, "data-monitoring-2026-11-23.xlsx"),
        ];
        for (json, name) in cases {
            assert_eq!(req(json).file_name(), name, "{json}");
        }
        assert_eq!(req(r#"{"kind":"workbook","today":"2026-11-23"}"#).kind().1, ["xlsx"]);
    }

    #[test]
    fn evidence_names_lose_folders_and_awkward_characters() {
        assert_eq!(evidence_save_name("foto kegiatan.jpg"), "foto kegiatan.jpg");
        assert_eq!(evidence_save_name("../../etc/passwd"), "passwd");
        assert_eq!(evidence_save_name("C:\\x\\laporan?.pdf"), "laporan.pdf");
        assert_eq!(evidence_save_name(".."), "bukti");
        assert_eq!(evidence_save_name(""), "bukti");
    }
}
