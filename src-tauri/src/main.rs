//! Juri desktop: opens the database, installs the plugins and hands the UI its commands.
//! The domain lives in juri-core; each command here forwards one call.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod save;
mod state;

use std::path::PathBuf;
use std::sync::Arc;

use tauri::Manager;
use tauri_plugin_log::{RotationStrategy, Target, TargetKind};

/// `--data-dir DIR` (or `--data-dir=DIR`) wins, then `JURI_DATA_DIR`; unknown arguments are ignored.
fn data_dir_from_args() -> Option<PathBuf> {
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(v) = a.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(v));
        }
    }
    std::env::var_os("JURI_DATA_DIR").map(PathBuf::from)
}

/// When the process started: the UI's first call is logged against it (cold-start benchmark).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    let explicit_dir = data_dir_from_args();
    let log_target = match &explicit_dir {
        Some(dir) => TargetKind::Folder { path: dir.join("logs"), file_name: Some("juri".into()) },
        None => TargetKind::LogDir { file_name: Some("juri".into()) },
    };
    let log = tauri_plugin_log::Builder::new()
        .targets([Target::new(log_target), Target::new(TargetKind::Stderr)])
        .level(log::LevelFilter::Info)
        .max_file_size(2_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(5))
        .build();

    tauri::Builder::default()
        .plugin(log)
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let data_dir = match &explicit_dir {
                Some(d) => d.clone(),
                None => app.path().app_data_dir()?,
            };
            let log_dir = match &explicit_dir {
                Some(d) => d.join("logs"),
                None => app.path().app_log_dir()?,
            };
            let state = state::AppState::open(data_dir, log_dir)?;
            log::info!("Juri {} started; database {}", env!("CARGO_PKG_VERSION"), state.db_path.display());
            app.manage(Arc::new(state));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::app::set_language,
            commands::app::open_demo,
            commands::competitions::list_competitions,
            commands::competitions::get_competition,
            commands::competitions::active_competition,
            commands::competitions::open_competition,
            commands::competitions::list_templates,
            commands::competitions::template_setup,
            commands::competitions::create_competition,
            commands::competitions::update_competition,
            commands::competitions::export_setup,
            commands::competitions::import_setup,
            commands::proposals::list_proposals,
            commands::proposals::add_proposal,
            commands::proposals::update_proposal,
            commands::proposals::remove_proposal,
            commands::proposals::set_proposal_status,
            commands::proposals::proposal_history,
            commands::proposals::preview_proposals_import,
            commands::proposals::import_proposals,
            commands::proposals::cancel_import,
            commands::data::backup_database,
            commands::data::restore_pick,
            commands::data::restore_apply,
            commands::scoring::list_judges,
            commands::scoring::save_judge,
            commands::scoring::remove_judge,
            commands::scoring::import_judges,
            commands::scoring::import_scores,
            commands::scoring::judge_progress,
            commands::scoring::judge_worklist,
            commands::scoring::score_sheet,
            commands::scoring::save_score,
            commands::scoring::set_sheet_final,
            commands::scoring::lock_stage,
            commands::scoring::unlock_stage,
            commands::scoring::presentation_order,
            commands::scoring::set_presentation_order,
            commands::scoring::draw_presentation_order,
            commands::scoring::get_recap,
            commands::scoring::save_comment,
            commands::sync::app_mode,
            commands::sync::export_kit,
            commands::sync::open_kit,
            commands::sync::export_package,
            commands::sync::preview_merge,
            commands::sync::apply_merge,
            commands::sync::list_conflicts,
            commands::sync::resolve_conflict,
            commands::paper::paper_sheets,
            commands::paper::paper_sheet,
            commands::paper::save_paper_entry,
            commands::paper::resolve_paper_difference,
            commands::paper::resolve_paper_conflict,
            commands::documents::document_settings,
            commands::documents::save_document_settings,
            commands::documents::set_document_logo,
            commands::documents::preview_document,
            commands::documents::save_document,
            commands::documents::cancel_documents,
            commands::monitoring::list_units,
            commands::monitoring::add_unit,
            commands::monitoring::update_unit,
            commands::monitoring::remove_unit,
            commands::monitoring::list_innovations,
            commands::monitoring::innovation_detail,
            commands::monitoring::add_innovation,
            commands::monitoring::update_innovation,
            commands::monitoring::remove_innovation,
            commands::monitoring::restore_innovation,
            commands::monitoring::innovation_history,
            commands::monitoring::add_forwarding,
            commands::monitoring::remove_forwarding,
            commands::monitoring::promote_proposals,
            commands::monitoring::add_indicator,
            commands::monitoring::update_indicator,
            commands::monitoring::remove_indicator,
            commands::monitoring::save_report,
            commands::monitoring::add_evidence,
            commands::monitoring::evidence_file,
            commands::monitoring::remove_evidence,
            commands::monitoring::save_evaluation,
            commands::monitoring::quarter_statuses,
            commands::monitoring::monitoring_dashboard,
            commands::monitoring::monitoring_due_days,
            commands::monitoring::set_monitoring_due_days,
            commands::monitoring::preview_monitoring_import,
            commands::monitoring::import_monitoring,
            commands::monitoring::list_ikm_surveys,
            commands::monitoring::ikm_result,
            commands::monitoring::ikm_trend,
            commands::monitoring::record_ikm_response,
            commands::monitoring::import_ikm,
            commands::monitoring_documents::save_monitoring_report,
            commands::monitoring_documents::save_evidence_file,
        ])
        .run(tauri::generate_context!())
        .expect("Juri could not start");
}
