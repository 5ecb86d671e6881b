//! The one error type of the core. Each error has a stable code (for the UI and tests) and a
//! message in the user's language; the developer-facing detail goes to the log via `Display`.

mod dossier;
mod fields;
mod messages;
mod problems;

pub use dossier::{DossierIssue, DossierProblem};
pub use fields::{FIELD_NAMES, field_name};

use serde::Serialize;

use crate::import::RowError;
use crate::lang::Lang;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Closed set of codes the UI can react to. Add a variant only when the UI needs to tell it apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    InvalidSetup,
    InvalidInput,
    ImportRefused,
    FileUnreadable,
    DuplicateCode,
    InUse,
    NotJuriDatabase,
    SchemaTooNew,
    Cancelled,
    StageLocked,
    SheetFinal,
    BadPackage,
    /// A paper sheet's double entry refused (same typist twice, already recorded, ...).
    PaperEntry,
    /// The organiser's work asked of a judge's laptop (documents, setup, paper entry, kits, merges).
    NotOnJudgeLaptop,
    Storage,
}

/// What is wrong with a competition setup. Several can be reported at once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum SetupProblem {
    MissingName,
    BadYear(i64),
    NoCategories,
    NoStages,
    DuplicateCategory(String),
    DuplicateStage(String),
    DuplicateCriterion {
        stage: String,
        code: String,
    },
    EmptyCode,
    StageWithoutCriteria(String),
    MinNotBelowMax {
        stage: String,
        code: String,
    },
    NonPositiveCriterionWeight {
        stage: String,
        code: String,
    },
    NegativeStageWeight(String),
    ZeroTotalStageWeight,
    BadTieBreak(String),
    BadNormalisation(String),
    BadThreshold,
    /// A criterion bound or a weight beyond [`crate::competition::MAX_SETUP_NUMBER`] (`what` names it).
    NumberTooLarge {
        what: String,
    },
    /// A passing grade outside 0–100 (stage scores are percentages).
    BadPassingGrade(String),
    BadKind {
        stage: String,
        kind: String,
    },
    BadJson(String),
    /// Two dossier sections with one code.
    DuplicateSection(String),
    /// A criterion names a section the dossier does not have.
    UnknownSection {
        stage: String,
        code: String,
        section: String,
    },
    /// A dossier size limit of 0 or over [`crate::dossier::MAX_LIMIT_MB`].
    BadDossierLimit,
    /// A dossier file type that is not a plain ending like `pdf`.
    BadFileType(String),
    /// A name, code or description longer than its limit ([`crate::limits`]); `code` tells which
    /// category, stage or criterion (empty for the competition's own fields).
    TooLong {
        field: &'static str,
        code: String,
        max: usize,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("not found: {what} {key}")]
    NotFound { what: Entity, key: String },
    #[error("invalid setup: {0:?}")]
    InvalidSetup(Vec<SetupProblem>),
    #[error("invalid input in {field}: {problem:?}")]
    InvalidInput { field: &'static str, problem: InputProblem },
    #[error("import refused: {} row errors", errors.len())]
    ImportRefused { errors: Vec<RowError> },
    /// A dossier import refused whole (FORMATS.md §9): every problem, each with its path.
    #[error("dossier import refused: {0:?}")]
    DossierRefused(Vec<DossierProblem>),
    /// A forwarding ZIP refused whole (FORMATS.md §10): every problem, each with its path.
    #[error("forwarding import refused: {0:?}")]
    ForwardingRefused(Vec<DossierProblem>),
    #[error("file unreadable: {0:?}")]
    FileUnreadable(FileProblem),
    #[error("duplicate code {0}")]
    DuplicateCode(String),
    #[error("{what} {key} is still in use")]
    InUse { what: Entity, key: String },
    #[error("not a Juri database: {0}")]
    NotJuriDatabase(String),
    #[error("database schema {found} is newer than this Juri ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    /// A database of an earlier Juri opened by a command that only reads: it is not upgraded.
    #[error("database schema {found} is older than this Juri ({supported}) and was opened read-only")]
    SchemaTooOld { found: i64, supported: i64 },
    #[error("cancelled")]
    Cancelled,
    #[error("package refused: {0:?}")]
    BadPackage(PackageProblem),
    #[error("stage {0} is locked")]
    StageLocked(String),
    #[error("paper sheet: {0:?}")]
    Paper(PaperProblem),
    #[error("not on a judge's laptop: {0:?}")]
    NotOnJudgeLaptop(crate::laptop::OrganiserTask),
    #[error("sheet of {judge} in {stage} is final")]
    SheetFinal { judge: String, stage: String },
    #[error("database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(String),
    /// A stored value that cannot be read back (a damaged key, list or setting): never read as empty.
    #[error("damaged stored value: {0}")]
    Damaged(String),
    #[error("file: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Entity {
    Competition,
    Category,
    Stage,
    Criterion,
    Proposal,
    Judge,
    Template,
    Survey,
    Unit,
    Innovation,
    Indicator,
    Report,
    Evidence,
    /// A merge conflict (a package value held for the organiser).
    Conflict,
}

impl std::fmt::Display for Entity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum InputProblem {
    Required,
    UnknownCategory(String),
    BadUnitType(String),
    BadYear(String),
    BadStatus(String),
    ReasonRequired,
    TooLong(usize),
    DuplicateInFile {
        code: String,
        first_row: usize,
    },
    BadUnsur(String),
    UnknownCode {
        what: &'static str,
        code: String,
    },
    NotANumber(String),
    OutOfRange {
        value: f64,
        min: f64,
        max: f64,
    },
    Conflict {
        judge: String,
        proposal: String,
    },
    DuplicateRow {
        first_row: usize,
    },
    StageLocked(String),
    BadAnswer(String),
    BadDate(String),
    BadNip(String),
    BadImage,
    /// A PNG or JPEG that cannot be printed (a logo).
    Image(ImageProblem),
    BadJson(String),
    /// Not ADDR:PORT (the venue hub's address).
    BadHubAddress(String),
    /// No QR code could be read in the picture (the hub's address, scanned).
    NoQrCode,
    /// Monitoring (DOMAIN.md §5).
    BadLifecycleStage(String),
    BadQuarter(String),
    BadIndicatorKind(String),
    BadVerdict(String),
    BadForwardingLevel(String),
    FileTooLarge {
        size: u64,
        limit: u64,
    },
    SameAsRow {
        first_row: usize,
    },
    AmbiguousThousands(String),
    /// More row errors than are listed (the count of those not listed).
    MoreErrors(usize),
}

/// Why a judge kit or score package is refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PackageProblem {
    TooLarge,
    NotAKit(String),
    NotAPackage,
    Tampered,
    WrongCompetition,
    UnknownJudge(String),
    NotThisJudge {
        package: String,
        database: String,
    },
    KitForAnotherJudge {
        kit: String,
        laptop: String,
    },
    KitForAnotherCompetition,
    LaptopHoldsData(usize),
    NoKey(String),
    Refused(usize),
    /// Correctly signed, but its content is not a valid package (what is wrong).
    BadContent(String),
    /// Event ids that belong to another judge's events on this master.
    ForeignEvents {
        judge: String,
        count: usize,
    },
    /// A kit's evidence file whose bytes are missing or do not match their SHA-256.
    KitFileMismatch(String),
    /// A venue push the hub has already taken (the same request sent again, or an old one).
    Replayed,
    /// The hub's answer could not be read as the hub's (not sealed with this judge's key, or for
    /// another request): nothing counts as sent.
    UnreadableAnswer,
    /// The venue hub could not be reached, or did not answer in time (where, and why).
    HubUnreachable(String),
    /// The venue hub refused the push (its reason, as it wrote it).
    HubRefused(String),
    /// Sending scores (a package, a venue push) asked of the organiser's database: only a judge's
    /// laptop, opened from a kit, sends.
    NotAJudgeLaptop,
}

/// Why a paper sheet's entry or reconciliation is refused.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum PaperProblem {
    /// Entry 1 and entry 2 must be typed by two different people.
    SameTypist(String),
    AlreadyRecorded,
    EntriesMissing,
    BadSlot(u8),
    NoDifference(String),
    NotATypedValue {
        criterion: String,
        value: f64,
    },
    NoConflict(String),
}

/// Why a picture (the logo) cannot be printed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ImageProblem {
    /// The file is larger than `max` bytes.
    TooLarge { bytes: u64, max: u64 },
    /// The header claims more pixels per side than `max` (or none at all).
    TooManyPixels { width: u32, height: u32, max: u32 },
    /// It does not decode whole: truncated, damaged or of a kind the decoder refuses (the detail).
    Corrupt(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FileProblem {
    Empty,
    NotText,
    NotSpreadsheet(String),
    NoRows,
    MissingColumns(Vec<String>),
    TooLarge(u64),
    BadCsv(String),
    /// The path does not exist.
    Missing(String),
    /// A folder, a device (`/dev/zero`), a pipe: only regular files are read.
    NotAFile(String),
    CannotOpen {
        path: String,
        why: String,
    },
    /// An output path that is the open database or one of its journal files.
    WouldOverwriteDatabase(String),
    CannotWrite {
        path: String,
        why: String,
    },
    /// The target is open in another program that keeps it locked (Windows: a PDF in a reader, a
    /// spreadsheet in Excel), or is read-only: it cannot be replaced.
    InUse(String),
    /// More data rows than [`crate::limits::MAX_ROWS`] (the limit).
    TooManyRows(usize),
    /// A row with more columns than [`crate::limits::MAX_COLUMNS`] (the limit).
    TooManyColumns(usize),
    /// A cell longer than [`crate::limits::MAX_CELL_CHARS`]; row is the spreadsheet row, column 1-based.
    CellTooLong {
        row: usize,
        column: usize,
        limit: usize,
    },
    /// An XLSX cell reference beyond the last cell a sheet can have (XFD1048576).
    CellBeyondSheet(String),
    /// An XLSX (a zip) whose entries inflate beyond the limits: a zip bomb.
    Inflates {
        entry_limit: u64,
        total_limit: u64,
    },
    /// A password-protected (encrypted) XLSX.
    Encrypted,
    /// An evidence file of a type that is not handed to another program (it could run code, as a
    /// macro document or a script can): it can only be saved. The file's name.
    NotForOtherProgram(String),
    /// The disk holding `path` has less free space than the file needs (in MB; the free space
    /// when the system tells it).
    NoSpace {
        path: String,
        needed_mb: u64,
        free_mb: Option<u64>,
    },
    /// An XLSX declaring more distinct texts (shared strings) than the limit.
    TooManyTexts(u64),
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::NotFound { .. } => ErrorCode::NotFound,
            Error::InvalidSetup(_) => ErrorCode::InvalidSetup,
            Error::InvalidInput { .. } => ErrorCode::InvalidInput,
            Error::ImportRefused { .. } | Error::DossierRefused(_) | Error::ForwardingRefused(_) => {
                ErrorCode::ImportRefused
            }
            Error::FileUnreadable(_) => ErrorCode::FileUnreadable,
            Error::DuplicateCode(_) => ErrorCode::DuplicateCode,
            Error::InUse { .. } => ErrorCode::InUse,
            Error::NotJuriDatabase(_) => ErrorCode::NotJuriDatabase,
            Error::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            Error::SchemaTooOld { .. } => ErrorCode::NotJuriDatabase,
            Error::Cancelled => ErrorCode::Cancelled,
            Error::StageLocked(_) => ErrorCode::StageLocked,
            Error::BadPackage(_) => ErrorCode::BadPackage,
            Error::SheetFinal { .. } => ErrorCode::SheetFinal,
            Error::Paper(_) => ErrorCode::PaperEntry,
            Error::NotOnJudgeLaptop(_) => ErrorCode::NotOnJudgeLaptop,
            Error::Database(_) | Error::Migration(_) | Error::Io(_) | Error::Damaged(_) => ErrorCode::Storage,
        }
    }
}

/// The longest user value shown in a message, in characters.
pub const SHOWN_CHARS: usize = 80;

/// A user value as shown in a message: cut to [`SHOWN_CHARS`] characters with "…", so a 10 MB
/// bad value is not echoed in full. Every message that shows a value from a file or a form uses it.
pub fn shown(value: &str) -> String {
    match value.char_indices().nth(SHOWN_CHARS) {
        None => value.to_string(),
        Some((cut, _)) => format!("{}…", &value[..cut]),
    }
}

/// The error as it crosses to the UI: a code, a message in the user's language and, for a
/// refused file, every row error in its parts (the UI lists them; it never splits the message).
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rows: Option<Vec<ApiRowError>>,
}

/// One row error of a refused file: the spreadsheet row, the field's key, the column as the user
/// reads it, and the problem, in the user's language.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ApiRowError {
    #[ts(type = "number")]
    pub row: usize,
    pub field: String,
    pub column: String,
    pub problem: String,
}

impl ApiError {
    /// An error with a message only (no rows).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: message.into(), rows: None }
    }
}

impl Error {
    pub fn to_api(&self, lang: Lang) -> ApiError {
        match self {
            Error::ImportRefused { errors } => ApiError {
                code: self.code(),
                message: self.headline(lang),
                rows: Some(
                    errors
                        .iter()
                        .map(|e| ApiRowError {
                            row: e.row,
                            field: e.column.clone(),
                            column: field_name(&e.column, lang),
                            problem: e.problem.message(lang),
                        })
                        .collect(),
                ),
            },
            _ => ApiError::new(self.code(), self.message(lang)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_room_for_a_kit_names_the_file_and_the_sizes_the_system_told() {
        let told = Error::FileUnreadable(FileProblem::NoSpace {
            path: "E:/J1.jurikit".into(),
            needed_mb: 1200,
            free_mb: Some(300),
        });
        assert_eq!(
            told.message(Lang::Id),
            "Ruang kosong di disk untuk E:/J1.jurikit tidak cukup: perlu 1200 MB, tersedia 300 MB. Tidak ada yang ditulis."
        );
        let untold = Error::FileUnreadable(FileProblem::NoSpace {
            path: "E:/J1.jurikit".into(),
            needed_mb: 1200,
            free_mb: None,
        });
        assert_eq!(
            untold.message(Lang::En),
            "Not enough free disk space for E:/J1.jurikit: 1200 MB needed. Nothing was written."
        );
    }

    #[test]
    fn a_refused_file_crosses_with_its_rows_in_parts() {
        let e = Error::ImportRefused {
            errors: vec![
                RowError::new(2, "nama", InputProblem::Required),
                RowError::new(4, "kode", InputProblem::DuplicateInFile { code: "J10".into(), first_row: 3 }),
            ],
        };
        let api = e.to_api(Lang::En);
        assert_eq!(api.code, ErrorCode::ImportRefused);
        assert_eq!(api.message, "File refused: 2 errors; nothing was changed.", "the headline only");
        let rows = api.rows.expect("row errors in their parts");
        assert_eq!((rows[0].row, rows[0].field.as_str(), rows[0].column.as_str()), (2, "nama", "name"));
        assert!(rows[1].problem.contains("J10") && rows[1].problem.contains('3'), "{}", rows[1].problem);
        let json = serde_json::to_value(Error::Cancelled.to_api(Lang::Id)).unwrap();
        assert!(json.get("rows").is_none(), "no rows key for other errors: {json}");
    }

    /// Field keys named in the sources as string literals after `field:`, `what:`, the second
    /// argument of `RowError::new`, the first of `checked_text`, `check`, `check_text` and `col`.
    fn keys_in_sources() -> std::collections::BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let mut files = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
        let literal = |rest: &str| -> Option<String> {
            let rest = rest.trim_start().strip_prefix('"')?;
            let key = &rest[..rest.find('"')?];
            key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_').then(|| key.to_string())
        };
        let mut keys = std::collections::BTreeSet::new();
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for pat in ["field: ", "what: ", "checked_text(", "check(", "check_text(", "col("] {
                for (i, _) in text.match_indices(pat) {
                    keys.extend(literal(&text[i + pat.len()..]));
                }
            }
            for (i, _) in text.match_indices("RowError::new(") {
                let rest = &text[i + "RowError::new(".len()..];
                if let Some(comma) = rest.find(',') {
                    keys.extend(literal(&rest[comma + 1..]));
                }
            }
        }
        keys
    }

    #[test]
    fn every_field_key_in_the_sources_has_a_name() {
        let keys = keys_in_sources();
        assert!(keys.len() > 40 && keys.contains("batas_hari") && keys.contains("kode_juri"), "{keys:?}");
        let missing: Vec<&String> = keys.iter().filter(|k| !FIELD_NAMES.iter().any(|(f, _, _)| f == k)).collect();
        assert!(missing.is_empty(), "field keys without a name in FIELD_NAMES: {missing:?}");
        for (key, _, en) in FIELD_NAMES {
            assert!(!en.contains('_'), "{key}: the English name is not a raw key");
        }
    }

    #[test]
    fn values_echoed_in_messages_are_cut() {
        let huge = "x".repeat(10 << 20);
        let e = Error::ImportRefused { errors: vec![RowError::new(2, "unsur", InputProblem::BadUnsur(huge.clone()))] };
        for lang in [Lang::Id, Lang::En] {
            let m = e.message(lang);
            assert!(m.len() < 400 && m.contains(&format!("{}…", "x".repeat(SHOWN_CHARS))), "{m}");
        }
        let e = Error::InvalidSetup(vec![SetupProblem::BadTieBreak(huge.clone())]);
        assert!(e.message(Lang::Id).chars().count() < 300);
        let e = Error::BadPackage(PackageProblem::UnknownJudge(huge.clone()));
        assert!(e.message(Lang::En).chars().count() < 150);
        let e = Error::NotFound { what: Entity::Judge, key: huge };
        assert!(e.message(Lang::En).chars().count() < 120);
        assert_eq!(shown("Dinas Kesehatan"), "Dinas Kesehatan");
        assert_eq!(shown(&"é".repeat(81)).chars().count(), 81, "80 characters and the ellipsis");
    }

    #[test]
    fn english_messages_say_score_only_for_scores() {
        let p = InputProblem::OutOfRange { value: 120.0, min: 0.0, max: 92.0 };
        let m = Error::InvalidInput { field: "batas_hari", problem: p }.message(Lang::En);
        assert_eq!(m, "days allowed: 120 is outside the range 0–92");
    }
}
