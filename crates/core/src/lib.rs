//! Juri's domain core: competitions, proposals, screening and the SQLite store.
//! No UI and no PDF code lives here, so everything is testable headless.

pub mod api;
pub mod backup;
pub mod certificates;
pub mod competition;
pub mod csv_safe;
pub mod db;
pub mod demo;
pub mod documents_settings;
pub mod dossier;
pub mod error;
pub mod files;
pub mod format_id;
pub mod forwarding;
mod history;
pub mod ids;
pub mod ikm;
pub mod import;
pub mod judges;
pub mod lang;
pub mod laptop;
pub mod limits;
pub mod monitoring;
pub mod paper;
pub mod proposals;
pub mod reliability;
pub mod scoring;
pub mod sync;
#[doc(hidden)]
pub mod testing;
pub mod text;

pub use error::{Error, ErrorCode, Result};
pub use lang::Lang;
/// The SQLite binding, for callers that hold a transaction (`Db::write`).
pub use rusqlite;
