//! Transport types the app's shell hands to the UI (generated into TypeScript with the rest).

use serde::Serialize;

use crate::backup::BackupInfo;
use crate::lang::Lang;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub data_dir: String,
    pub log_dir: String,
    pub lang: Lang,
}

/// Progress of long work (imports, batches), sent over a channel while it runs.
#[derive(Debug, Clone, Copy, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
}

/// A backup file the user picked for "Pulihkan", checked but not yet applied.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RestoreCandidate {
    pub file_name: String,
    pub info: BackupInfo,
}

/// What the UI shows as "tersimpan": the value and the time of the committed transaction.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedScore {
    pub value: f64,
    pub at: String,
}

/// Which kind of laptop this is: `judge` is set on a judge's laptop opened from a kit.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppMode {
    pub judge: Option<String>,
}

/// A kit opened on this laptop; `kept_copy` is where the data already here was copied first.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OpenedKit {
    pub competition: crate::competition::Competition,
    pub kept_copy: Option<String>,
}

/// A file the user picked in the UI, sent with its name.
#[derive(Debug, Clone, serde::Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageFile {
    pub name: String,
    pub bytes: Vec<u8>,
}
