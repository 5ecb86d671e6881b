//! Core integration tests on real SQLite files; modules mirror src/.

mod backup;
mod competition;
mod db;
mod demo;
mod documents_settings;
mod dossier;
mod forwarding;
mod hostile;
mod import_proposals;
mod launch;
mod monitoring;
mod paper;
mod proposals;
mod reliability;
mod scores;
mod support;
mod sync;
mod text_limits;
mod ui_fixtures;
mod venue;
