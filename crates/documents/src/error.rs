//! Errors of the documents: the core's, or a logo/picture or spreadsheet problem of our own,
//! each with a stable code and a message in the user's language like the core's.

use juri_core::{ErrorCode, Lang};

#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error(transparent)]
    Core(#[from] juri_core::Error),
    /// The logo (or another picture) could not be decoded.
    #[error("image: {0}")]
    Image(String),
    /// The spreadsheet writer failed.
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// Nothing to print (e.g. certificates for winners before any ranking).
    #[error("nothing to print: {0}")]
    Empty(&'static str),
    /// Spreadsheets are saved without a preview.
    #[error("no preview for spreadsheets")]
    NoPreview,
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
    /// Ties at a winner's place without the plenary's decision ("category rank: proposals").
    #[error("undecided ties: {0:?}")]
    UndecidedTies(Vec<String>),
    /// A file of a batch (one certificate per recipient) failed: which proposal it was for.
    #[error("proposal {proposal}: {source}")]
    Recipient { proposal: String, source: Box<DocError> },
}

impl From<rusqlite::Error> for DocError {
    fn from(e: rusqlite::Error) -> Self {
        DocError::Core(e.into())
    }
}

impl DocError {
    /// The code the UI reacts to (the core's closed set).
    pub fn code(&self) -> ErrorCode {
        match self {
            DocError::Core(e) => e.code(),
            DocError::Image(_) => ErrorCode::FileUnreadable,
            DocError::Empty(_) => ErrorCode::NotFound,
            DocError::NoPreview | DocError::UndecidedTies(_) => ErrorCode::InvalidInput,
            DocError::Xlsx(_) | DocError::Io(_) => ErrorCode::Storage,
            DocError::Recipient { source, .. } => source.code(),
        }
    }

    /// The error as it crosses to the UI (a core refusal keeps its row errors).
    pub fn to_api(&self, lang: Lang) -> juri_core::error::ApiError {
        match self {
            DocError::Core(e) => e.to_api(lang),
            other => juri_core::error::ApiError::new(other.code(), other.message(lang)),
        }
    }

    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DocError::Core(e), _) => e.message(lang),
            (DocError::Image(w), Lang::Id) => format!("Gambar logo tidak dapat dibaca (PNG atau JPEG): {w}"),
            (DocError::Image(w), Lang::En) => format!("The logo image cannot be read (PNG or JPEG): {w}"),
            (DocError::Empty(what), Lang::Id) => format!("Tidak ada yang dapat dicetak: {}.", empty_id(what)),
            (DocError::Empty(what), Lang::En) => format!("Nothing to print: {what}."),
            (DocError::UndecidedTies(ties), Lang::Id) => format!(
                "Peringkat seri pada tempat pemenang belum diputuskan rapat pleno (kategori, peringkat: proposal): {}. \
                 Catat urutan dan alasannya pada kartu Keputusan nilai seri, lalu cetak lagi.",
                ties.join("; ")
            ),
            (DocError::UndecidedTies(ties), Lang::En) => format!(
                "Tied winners' places the plenary has not decided yet (category, rank: proposals): {}. Record the \
                 order and the reason on the Tie decisions card, then print again.",
                ties.join("; ")
            ),
            (DocError::NoPreview, Lang::Id) => "Lembar kerja tidak memiliki pratinjau.".into(),
            (DocError::NoPreview, Lang::En) => "Spreadsheets have no preview.".into(),
            (DocError::Xlsx(e), Lang::Id) => format!("Berkas XLSX tidak dapat ditulis: {e}"),
            (DocError::Xlsx(e), Lang::En) => format!("The XLSX file could not be written: {e}"),
            (DocError::Io(e), Lang::Id) => format!("Berkas tidak dapat ditulis: {e}"),
            (DocError::Io(e), Lang::En) => format!("The file could not be written: {e}"),
            (DocError::Recipient { proposal, source }, Lang::Id) => {
                format!("Piagam untuk proposal {proposal}: {}", source.message(lang))
            }
            (DocError::Recipient { proposal, source }, Lang::En) => {
                format!("Certificate for proposal {proposal}: {}", source.message(lang))
            }
        }
    }
}

fn empty_id(what: &str) -> &'static str {
    match what {
        "no recipients" => "belum ada penerima (pemenang belum ditetapkan atau tidak ada peserta)",
        "no score sheets" => "tidak ada lembar penilaian untuk pilihan ini",
        "no winners" => "pemenang belum dapat ditetapkan (belum ada nilai akhir)",
        "no finalists" => "finalis belum ditetapkan",
        "no stages" => "kompetisi belum memiliki tahap penilaian",
        "no proposals" => "belum ada proposal",
        "no monitored innovations" => "tidak ada inovasi yang dipantau pada triwulan ini",
        _ => "data belum ada",
    }
}

pub type Result<T, E = DocError> = std::result::Result<T, E>;
