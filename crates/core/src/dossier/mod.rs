//! Proposal dossiers (FORMATS.md §9): the sections the innovator wrote, video links and evidence
//! files, which judges read beside the score sheet. Files are stored once by SHA-256 and streamed
//! in and out of the database in pieces.

mod setup;

pub use setup::*;

mod edit;
mod import;
pub mod kinds;
pub(crate) mod source;
mod store;

pub use store::{
    DossierView, FileView, Finding, FindingKind, SectionView, copy_for_other_program, dossier_view, extract_files,
    file_bytes, file_name, findings, save_file, screening_findings, word_count,
};

pub use edit::{MAX_SECTION_CHARS, add_file, add_file_from_path, remove_file, save_section, save_videos};
pub(crate) use import::import_dossiers_mapped;
pub use import::{DossierImportSummary, ProposalFindings, import_dossiers, preview_dossiers};
pub use source::MAX_ENTRIES;
pub(crate) use store::{
    StoredFile, copy_blob, find_blob, proposal_ref, put_blob, remove_unused_blobs, sort_files, stored_files,
    stored_texts, stored_videos,
};
