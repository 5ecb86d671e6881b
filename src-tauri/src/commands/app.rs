//! App-wide commands: info, language, the demo competition.

use juri_core::api::AppInfo;
use juri_core::competition::{Competition, load_competition};
use juri_core::error::ApiError;
use juri_core::{Lang, ids};

use super::AppStateRef;
use crate::state::blocking;

#[tauri::command]
pub async fn app_info(state: AppStateRef<'_>) -> Result<AppInfo, ApiError> {
    blocking(&state, |s| {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            db_path: s.db_path.display().to_string(),
            data_dir: s.data_dir.display().to_string(),
            log_dir: s.log_dir.display().to_string(),
            lang: s.lang(),
        })
    })
    .await
}

#[tauri::command]
pub async fn set_language(state: AppStateRef<'_>, lang: Lang) -> Result<(), ApiError> {
    state.set_lang(lang);
    blocking(&state, move |s| s.db().set_setting("lang", if lang == Lang::En { "en" } else { "id" })).await
}

#[tauri::command]
pub async fn open_demo(state: AppStateRef<'_>, unscored: bool) -> Result<Competition, ApiError> {
    blocking(&state, move |s| {
        let (actor, now) = (s.actor(), ids::now());
        let mut db = s.db();
        let id = db.write(|tx| {
            if unscored {
                juri_core::demo::create_practice_demo(tx, &actor, &now)
            } else {
                juri_core::demo::create_full_demo(tx, &actor, &now)
            }
        })?;
        load_competition(db.conn(), &id)
    })
    .await
}
