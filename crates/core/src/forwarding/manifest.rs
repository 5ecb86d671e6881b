//! `manifest.json` of a forwarding ZIP (FORMATS.md §10): where the proposals come from and the
//! SHA-256 and size of every other file in the ZIP. An import checks the ZIP against it first.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Manifest {
    pub organiser: String,
    pub competition: String,
    pub year: i32,
    pub scope: String,
    /// The forwarded proposals' codes at the organiser who sent them.
    pub proposals: Vec<String>,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ManifestFile {
    pub path: String,
    pub sha256: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Largest `manifest.json` read (100,000 files of a few hundred bytes each, with room to spare).
pub const MAX_MANIFEST_BYTES: u64 = 50 * 1024 * 1024;
