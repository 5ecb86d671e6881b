//! Juri's print-ready documents (DOMAIN.md §6) and spreadsheet exports: piagam, rekapitulasi,
//! lembar penilaian, berita acara and the SK annex as A4 PDFs, Indonesian by default.
//! The core knows nothing of this crate; this crate only reads from the core.

pub mod data;
pub mod docs;
pub mod error;
pub mod export;
mod export_monitoring;
pub mod fonts;
pub mod layout;
mod parts;
pub mod render;
pub mod request;

pub use data::{DocData, TieProposal, TieView, tie_overview};
pub use docs::berita_acara::berita_acara_pdf;
pub use docs::certificates::{
    Recipient, Recipients, certificates_each, certificates_each_with, certificates_pdf, certificates_pdf_with,
    recipients, register_certificates, write_certificates_each,
};
pub use docs::checklist::{checklist_pdf, checklist_xlsx};
pub use docs::ikm::{IkmOptions, ikm_pdf, krejcie_morgan};
pub use docs::monitoring::{MonitoringOptions, monitoring_pdf};
pub use docs::recap::{RecapSheet, Value, recap_pdf, recap_sheets};
pub use docs::reliability::reliability_pdf;
pub use docs::score_sheets::{SheetOptions, score_sheets_pdf};
pub use docs::sk::{SkList, sk_pdf};
pub use error::{DocError, Result};
pub use export_monitoring::monitoring_workbook;
pub use request::{CsvTable, DocumentRequest, SavedDocument};
