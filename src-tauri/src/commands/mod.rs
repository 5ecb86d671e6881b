//! The UI's commands, one file per area; each is a one-line forward to juri-core.

pub mod app;
pub mod competitions;
pub mod data;
pub mod documents;
pub mod monitoring;
pub mod monitoring_documents;
pub mod paper;
pub mod proposals;
pub mod scoring;
pub mod sync;

use std::sync::Arc;

use crate::state::AppState;

pub type AppStateRef<'a> = tauri::State<'a, Arc<AppState>>;
