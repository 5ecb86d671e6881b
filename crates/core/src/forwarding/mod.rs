//! Forwarding the best innovations to the next level (FORMATS.md §10): the kabupaten's winners,
//! finalists or chosen proposals with their dossiers and where they came from, as one ZIP that the
//! province's Juri imports, and that is also a dossier folder (§9).

mod export;
mod import;
mod manifest;
mod record;
mod select;

pub use export::{USULAN_COLUMNS, write_forwarding};
pub use import::{ForwardedIn, ForwardingImport, import_forwarding, import_forwardings};
pub use manifest::{MAX_MANIFEST_BYTES, Manifest, ManifestFile};
pub use record::record_forwarding;
pub use select::{
    ForwardedFile, ForwardedProposal, ForwardedSummary, Forwarding, ForwardingOverview, Readiness, Scope,
    forwarding_selection, scope_label,
};

/// The proposals table of a forwarding ZIP.
pub const USULAN: &str = "usulan.xlsx";
/// The sections table (FORMATS.md §9).
pub const ISIAN: &str = "isian.xlsx";
/// The list of every other file with its SHA-256.
pub const MANIFEST: &str = "manifest.json";
