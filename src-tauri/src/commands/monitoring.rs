//! Monitoring and evaluation of innovations (units, registry, indicators, quarterly reports with
//! evidence, evaluations, status, dashboard, promotion, imports) and IKM surveys.

use juri_core::error::ApiError;
use juri_core::ikm::{self, IkmImportSummary, IkmResponseInput, IkmResult, IkmSurvey};
use juri_core::monitoring::{self as mon, *};
use juri_core::proposals::HistoryEntry;

use super::AppStateRef;
use crate::state::blocking;

// ---------------------------------------------------------------- units

forward! {
    list_units() -> Vec<Unit> => |s| mon::list_units(s.db().conn());

    monitoring_due_days() -> u32 => |s| mon::due_days(s.db().conn());

    list_ikm_surveys() -> Vec<IkmSurvey> => |s| ikm::list_ikm_surveys(s.db().conn());
}

forward_write! {
    add_unit(input: UnitInput) -> Unit => |tx, actor, now| mon::add_unit(tx, input, &now);

    update_unit(id: String, input: UnitInput) -> Unit => |tx, actor, now| mon::update_unit(tx, &id, input);

    remove_unit(id: String) -> () => |tx, actor, now| mon::remove_unit(tx, &id, &now);

    add_innovation(input: InnovationInput) -> Innovation => |tx, actor, now|
        mon::add_innovation(tx, input, &actor, &now);

    update_innovation(id: String, input: InnovationInput) -> Innovation => |tx, actor, now|
        mon::update_innovation(tx, &id, input, &actor, &now);

    remove_innovation(id: String, reason: String) -> () => |tx, actor, now|
        mon::remove_innovation(tx, &id, &reason, &actor, &now);

    restore_innovation(id: String) -> Innovation => |tx, actor, now| mon::restore_innovation(tx, &id, &actor, &now);

    add_forwarding(innovation_id: String, input: ForwardingInput) -> Forwarding => |tx, actor, now|
        mon::add_forwarding(tx, &innovation_id, input, &actor, &now);

    remove_forwarding(id: String) -> () => |tx, actor, now| mon::remove_forwarding(tx, &id, &actor, &now);

    /// Promotes the competition's proposals into the registry (idempotent).
    promote_proposals(competition_id: String, request: PromoteRequest) -> PromoteSummary => |tx, actor, now|
        mon::promote_proposals(tx, &competition_id, &request, &actor, &now);

    add_indicator(innovation_id: String, input: IndicatorInput) -> Indicator => |tx, actor, now|
        mon::add_indicator(tx, &innovation_id, input, &actor, &now);

    update_indicator(id: String, input: IndicatorInput) -> Indicator => |tx, actor, now|
        mon::update_indicator(tx, &id, input, &actor, &now);

    remove_indicator(id: String) -> () => |tx, actor, now| mon::remove_indicator(tx, &id, &actor, &now);

    save_report(innovation_id: String, input: ReportInput) -> QuarterlyReport => |tx, actor, now|
        mon::save_report(tx, &innovation_id, input, &actor, &now);

    /// Stores an evidence file (bytes read by the UI from a picked or dropped file); over 10 MB is refused.
    add_evidence(report_id: String, file_name: String, mime: String, bytes: Vec<u8>) -> EvidenceInfo => |tx, actor, now|
        mon::add_evidence(tx, &report_id, &file_name, &mime, &bytes, &actor, &now);

    remove_evidence(id: String) -> () => |tx, actor, now| mon::remove_evidence(tx, &id, &actor, &now);

    save_evaluation(innovation_id: String, input: EvaluationInput) -> Evaluation => |tx, actor, now|
        mon::save_evaluation(tx, &innovation_id, input, &actor, &now);

    set_monitoring_due_days(days: u32) -> u32 => |tx, actor, now| mon::set_due_days(tx, days).map(|_| days);

    /// One all-or-nothing transaction; a file with any error changes nothing.
    import_monitoring(kind: MonitoringFile, bytes: Vec<u8>) -> MonitoringImportPreview => |tx, actor, now|
        mon::import_monitoring_file(tx, kind, &bytes, &actor, &now);

    record_ikm_response(input: IkmResponseInput) -> IkmResult => |tx, actor, now|
        ikm::record_ikm_response(tx, input, &now);

    /// Imports a survey file (one row per respondent); the unit-periods it holds are replaced.
    import_ikm(bytes: Vec<u8>) -> IkmImportSummary => |tx, actor, now| ikm::import_ikm(tx, &bytes, &now);
}

// ---------------------------------------------------------------- registry

forward! {
    list_innovations(filter: InnovationFilter) -> Vec<Innovation> => |s| mon::list_innovations(s.db().conn(), &filter);

    innovation_detail(id: String) -> InnovationDetail => |s| s.db().read(|tx| mon::innovation_detail(tx, &id));

    innovation_history(id: String) -> Vec<HistoryEntry> => |s| mon::innovation_history(s.db().conn(), &id);

    /// Status of every monitored innovation in a quarter; `today` is the UI's local date (YYYY-MM-DD).
    quarter_statuses(year: i32, quarter: u8, today: String) -> Vec<InnovationQuarterStatus> => |s| {
        let today = mon::parse_day(&today)?;
        let mut db = s.db();
        let due = mon::due_days(db.conn())?;
        db.read(|tx| mon::quarter_statuses(tx, year, quarter, today, due))
    };

    monitoring_dashboard(query: DashboardQuery) -> Dashboard => |s| mon::dashboard(s.reader()?.conn(), &query);

    preview_monitoring_import(kind: MonitoringFile, bytes: Vec<u8>) -> MonitoringImportPreview => |s| {
        let lang = s.lang();
        let mut p = mon::preview_monitoring_file(s.db().conn(), kind, &bytes)?;
        p.errors = p.errors.into_iter().map(|e| e.localised(lang)).collect();
        Ok(p)
    };

    ikm_result(unit: String, period: String) -> IkmResult => |s| ikm::ikm_for(s.db().conn(), &unit, &period);

    ikm_trend(unit: String) -> Vec<IkmResult> => |s| s.db().read(|tx| ikm::ikm_trend(tx, &unit));
}
// ---------------------------------------------------------------- indicators, reports, evaluations
/// The evidence file's bytes, as a raw binary response (an ArrayBuffer in the UI).
#[tauri::command]
pub async fn evidence_file(state: AppStateRef<'_>, id: String) -> Result<tauri::ipc::Response, ApiError> {
    let (_, bytes) = blocking(&state, move |s| mon::evidence_file(s.db().conn(), &id)).await?;
    Ok(tauri::ipc::Response::new(bytes))
}
// ---------------------------------------------------------------- status and dashboard
// ---------------------------------------------------------------- imports
// ---------------------------------------------------------------- IKM
