//! Monitoring and evaluation of innovations (units, registry, indicators, quarterly reports with
//! evidence, evaluations, status, dashboard, promotion, imports) and IKM surveys.

use juri_core::error::ApiError;
use juri_core::ids;
use juri_core::ikm::{self, IkmImportSummary, IkmResponseInput, IkmResult, IkmSurvey};
use juri_core::monitoring::{self as mon, *};
use juri_core::proposals::HistoryEntry;

use super::AppStateRef;
use crate::state::blocking;

/// Runs a write with the user as actor and the current time.
macro_rules! write_tx {
    ($state:expr, |$tx:ident, $actor:ident, $now:ident| $body:expr) => {
        blocking(&$state, move |s| {
            let ($actor, $now) = (s.actor(), ids::now());
            let _ = (&$actor, &$now);
            s.db().write(|$tx| $body)
        })
        .await
    };
}

// ---------------------------------------------------------------- units

#[tauri::command]
pub async fn list_units(state: AppStateRef<'_>) -> Result<Vec<Unit>, ApiError> {
    blocking(&state, |s| mon::list_units(s.db().conn())).await
}

#[tauri::command]
pub async fn add_unit(state: AppStateRef<'_>, input: UnitInput) -> Result<Unit, ApiError> {
    write_tx!(state, |tx, actor, now| mon::add_unit(tx, input, &now))
}

#[tauri::command]
pub async fn update_unit(state: AppStateRef<'_>, id: String, input: UnitInput) -> Result<Unit, ApiError> {
    write_tx!(state, |tx, actor, now| mon::update_unit(tx, &id, input))
}

#[tauri::command]
pub async fn remove_unit(state: AppStateRef<'_>, id: String) -> Result<(), ApiError> {
    write_tx!(state, |tx, actor, now| mon::remove_unit(tx, &id, &now))
}

// ---------------------------------------------------------------- registry

#[tauri::command]
pub async fn list_innovations(state: AppStateRef<'_>, filter: InnovationFilter) -> Result<Vec<Innovation>, ApiError> {
    blocking(&state, move |s| mon::list_innovations(s.db().conn(), &filter)).await
}

#[tauri::command]
pub async fn innovation_detail(state: AppStateRef<'_>, id: String) -> Result<InnovationDetail, ApiError> {
    blocking(&state, move |s| s.db().read(|tx| mon::innovation_detail(tx, &id))).await
}

#[tauri::command]
pub async fn add_innovation(state: AppStateRef<'_>, input: InnovationInput) -> Result<Innovation, ApiError> {
    write_tx!(state, |tx, actor, now| mon::add_innovation(tx, input, &actor, &now))
}

#[tauri::command]
pub async fn update_innovation(
    state: AppStateRef<'_>,
    id: String,
    input: InnovationInput,
) -> Result<Innovation, ApiError> {
    write_tx!(state, |tx, actor, now| mon::update_innovation(tx, &id, input, &actor, &now))
}

#[tauri::command]
pub async fn remove_innovation(state: AppStateRef<'_>, id: String, reason: String) -> Result<(), ApiError> {
    write_tx!(state, |tx, actor, now| mon::remove_innovation(tx, &id, &reason, &actor, &now))
}

#[tauri::command]
pub async fn restore_innovation(state: AppStateRef<'_>, id: String) -> Result<Innovation, ApiError> {
    write_tx!(state, |tx, actor, now| mon::restore_innovation(tx, &id, &actor, &now))
}

#[tauri::command]
pub async fn innovation_history(state: AppStateRef<'_>, id: String) -> Result<Vec<HistoryEntry>, ApiError> {
    blocking(&state, move |s| mon::innovation_history(s.db().conn(), &id)).await
}

#[tauri::command]
pub async fn add_forwarding(
    state: AppStateRef<'_>,
    innovation_id: String,
    input: ForwardingInput,
) -> Result<Forwarding, ApiError> {
    write_tx!(state, |tx, actor, now| mon::add_forwarding(tx, &innovation_id, input, &actor, &now))
}

#[tauri::command]
pub async fn remove_forwarding(state: AppStateRef<'_>, id: String) -> Result<(), ApiError> {
    write_tx!(state, |tx, actor, now| mon::remove_forwarding(tx, &id, &actor, &now))
}

/// Promotes the competition's proposals into the registry (idempotent).
#[tauri::command]
pub async fn promote_proposals(
    state: AppStateRef<'_>,
    competition_id: String,
    request: PromoteRequest,
) -> Result<PromoteSummary, ApiError> {
    write_tx!(state, |tx, actor, now| mon::promote_proposals(tx, &competition_id, &request, &actor, &now))
}

// ---------------------------------------------------------------- indicators, reports, evaluations

#[tauri::command]
pub async fn add_indicator(
    state: AppStateRef<'_>,
    innovation_id: String,
    input: IndicatorInput,
) -> Result<Indicator, ApiError> {
    write_tx!(state, |tx, actor, now| mon::add_indicator(tx, &innovation_id, input, &actor, &now))
}

#[tauri::command]
pub async fn update_indicator(
    state: AppStateRef<'_>,
    id: String,
    input: IndicatorInput,
) -> Result<Indicator, ApiError> {
    write_tx!(state, |tx, actor, now| mon::update_indicator(tx, &id, input, &actor, &now))
}

#[tauri::command]
pub async fn remove_indicator(state: AppStateRef<'_>, id: String) -> Result<(), ApiError> {
    write_tx!(state, |tx, actor, now| mon::remove_indicator(tx, &id, &actor, &now))
}

#[tauri::command]
pub async fn save_report(
    state: AppStateRef<'_>,
    innovation_id: String,
    input: ReportInput,
) -> Result<QuarterlyReport, ApiError> {
    write_tx!(state, |tx, actor, now| mon::save_report(tx, &innovation_id, input, &actor, &now))
}

/// Stores an evidence file (bytes read by the UI from a picked or dropped file); over 10 MB is refused.
#[tauri::command]
pub async fn add_evidence(
    state: AppStateRef<'_>,
    report_id: String,
    file_name: String,
    mime: String,
    bytes: Vec<u8>,
) -> Result<EvidenceInfo, ApiError> {
    write_tx!(state, |tx, actor, now| mon::add_evidence(tx, &report_id, &file_name, &mime, &bytes, &actor, &now))
}

/// The evidence file's bytes, as a raw binary response (an ArrayBuffer in the UI).
#[tauri::command]
pub async fn evidence_file(state: AppStateRef<'_>, id: String) -> Result<tauri::ipc::Response, ApiError> {
    let (_, bytes) = blocking(&state, move |s| mon::evidence_file(s.db().conn(), &id)).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

#[tauri::command]
pub async fn remove_evidence(state: AppStateRef<'_>, id: String) -> Result<(), ApiError> {
    write_tx!(state, |tx, actor, now| mon::remove_evidence(tx, &id, &actor, &now))
}

#[tauri::command]
pub async fn save_evaluation(
    state: AppStateRef<'_>,
    innovation_id: String,
    input: EvaluationInput,
) -> Result<Evaluation, ApiError> {
    write_tx!(state, |tx, actor, now| mon::save_evaluation(tx, &innovation_id, input, &actor, &now))
}

// ---------------------------------------------------------------- status and dashboard

/// Status of every monitored innovation in a quarter; `today` is the UI's local date (YYYY-MM-DD).
#[tauri::command]
pub async fn quarter_statuses(
    state: AppStateRef<'_>,
    year: i32,
    quarter: u8,
    today: String,
) -> Result<Vec<InnovationQuarterStatus>, ApiError> {
    blocking(&state, move |s| {
        let today = mon::parse_day(&today)?;
        let mut db = s.db();
        let due = mon::due_days(db.conn())?;
        db.read(|tx| mon::quarter_statuses(tx, year, quarter, today, due))
    })
    .await
}

#[tauri::command]
pub async fn monitoring_dashboard(state: AppStateRef<'_>, query: DashboardQuery) -> Result<Dashboard, ApiError> {
    blocking(&state, move |s| mon::dashboard(s.reader()?.conn(), &query)).await
}

#[tauri::command]
pub async fn monitoring_due_days(state: AppStateRef<'_>) -> Result<u32, ApiError> {
    blocking(&state, |s| mon::due_days(s.db().conn())).await
}

#[tauri::command]
pub async fn set_monitoring_due_days(state: AppStateRef<'_>, days: u32) -> Result<u32, ApiError> {
    write_tx!(state, |tx, actor, now| mon::set_due_days(tx, days).map(|_| days))
}

// ---------------------------------------------------------------- imports

#[tauri::command]
pub async fn preview_monitoring_import(
    state: AppStateRef<'_>,
    kind: MonitoringFile,
    bytes: Vec<u8>,
) -> Result<MonitoringImportPreview, ApiError> {
    blocking(&state, move |s| {
        let lang = s.lang();
        let mut p = mon::preview_monitoring_file(s.db().conn(), kind, &bytes)?;
        p.errors = p.errors.into_iter().map(|e| e.localised(lang)).collect();
        Ok(p)
    })
    .await
}

/// One all-or-nothing transaction; a file with any error changes nothing.
#[tauri::command]
pub async fn import_monitoring(
    state: AppStateRef<'_>,
    kind: MonitoringFile,
    bytes: Vec<u8>,
) -> Result<MonitoringImportPreview, ApiError> {
    write_tx!(state, |tx, actor, now| mon::import_monitoring_file(tx, kind, &bytes, &actor, &now))
}

// ---------------------------------------------------------------- IKM

#[tauri::command]
pub async fn list_ikm_surveys(state: AppStateRef<'_>) -> Result<Vec<IkmSurvey>, ApiError> {
    blocking(&state, |s| ikm::list_ikm_surveys(s.db().conn())).await
}

#[tauri::command]
pub async fn ikm_result(state: AppStateRef<'_>, unit: String, period: String) -> Result<IkmResult, ApiError> {
    blocking(&state, move |s| ikm::ikm_for(s.db().conn(), &unit, &period)).await
}

#[tauri::command]
pub async fn ikm_trend(state: AppStateRef<'_>, unit: String) -> Result<Vec<IkmResult>, ApiError> {
    blocking(&state, move |s| s.db().read(|tx| ikm::ikm_trend(tx, &unit))).await
}

#[tauri::command]
pub async fn record_ikm_response(state: AppStateRef<'_>, input: IkmResponseInput) -> Result<IkmResult, ApiError> {
    write_tx!(state, |tx, actor, now| ikm::record_ikm_response(tx, input, &now))
}

/// Imports a survey file (one row per respondent); the unit-periods it holds are replaced.
#[tauri::command]
pub async fn import_ikm(state: AppStateRef<'_>, bytes: Vec<u8>) -> Result<IkmImportSummary, ApiError> {
    write_tx!(state, |tx, actor, now| ikm::import_ikm(tx, &bytes, &now))
}
