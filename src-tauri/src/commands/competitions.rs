//! Competition setup commands.

use juri_core::competition::{self as comp, Competition, CompetitionSummary, Setup, TemplateInfo};
use juri_core::error::ApiError;
use juri_core::ids;

use super::AppStateRef;
use crate::save::save_path;
use crate::state::blocking;

#[tauri::command]
pub async fn list_competitions(state: AppStateRef<'_>) -> Result<Vec<CompetitionSummary>, ApiError> {
    blocking(&state, |s| comp::list_competitions(s.db().conn())).await
}

forward! {
    get_competition(id: String) -> Competition => |s| comp::load_competition(s.db().conn(), &id);

    open_competition(id: String) -> Competition => |s| {
        let mut db = s.db();
        let c = comp::load_competition(db.conn(), &id)?;
        db.write(|tx| comp::set_active_competition(tx, &id))?;
        Ok(c)
    };

    create_competition(setup: Setup) -> Competition => |s| {
        let now = ids::now();
        let mut db = s.db();
        let id = db.write(|tx| comp::create_competition(tx, setup, &now))?;
        comp::load_competition(db.conn(), &id)
    };

    update_competition(id: String, setup: Setup) -> Competition => |s| {
        let now = ids::now();
        let mut db = s.db();
        // The setup of a judge's laptop comes from the kit and stays as the organiser made it.
        juri_core::laptop::require_organiser(db.conn(), juri_core::laptop::OrganiserTask::Setup)?;
        db.write(|tx| comp::update_competition(tx, &id, setup, &now))?;
        comp::load_competition(db.conn(), &id)
    };

    /// Creates a competition from setup JSON the user picked in the UI.
    import_setup(text: String) -> Competition => |s| {
        let setup = Setup::from_json(&text)?;
        let now = ids::now();
        let mut db = s.db();
        let id = db.write(|tx| comp::create_competition(tx, setup, &now))?;
        comp::load_competition(db.conn(), &id)
    };
}

#[tauri::command]
pub async fn active_competition(state: AppStateRef<'_>) -> Result<Option<String>, ApiError> {
    blocking(&state, |s| comp::active_competition(s.db().conn())).await
}
#[tauri::command]
pub async fn list_templates() -> Result<Vec<TemplateInfo>, ApiError> {
    Ok(comp::templates())
}

#[tauri::command]
pub async fn template_setup(state: AppStateRef<'_>, code: String, name: String, year: i32) -> Result<Setup, ApiError> {
    blocking(&state, move |_| comp::template_setup(&code, &name, year)).await
}
/// Asks where to save (native dialog), then writes the setup JSON there. None when cancelled.
#[tauri::command]
pub async fn export_setup(
    app: tauri::AppHandle,
    state: AppStateRef<'_>,
    id: String,
) -> Result<Option<String>, ApiError> {
    blocking(&state, move |s| {
        let c = comp::load_competition(s.db().conn(), &id)?;
        let suggested = format!("pengaturan-{}.json", c.setup.year);
        let Some(path) = save_path(&app, "JSON", &["json"], &suggested)? else {
            return Ok(None);
        };
        juri_core::files::write_atomic(&path, (c.setup.to_json() + "\n").as_bytes(), Some(s.db().path()))?;
        Ok(Some(path.display().to_string()))
    })
    .await
}
