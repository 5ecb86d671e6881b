//! Why a dossier import is refused (FORMATS.md §9): each problem names the path in the folder or
//! ZIP it was found at, in the user's language.

use crate::lang::Lang;

use super::shown;

#[derive(Debug, Clone, PartialEq)]
pub struct DossierProblem {
    /// Where, inside the folder or ZIP (`/`-separated), or the archive itself.
    pub path: String,
    pub issue: DossierIssue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DossierIssue {
    /// A folder or an `isian` row names no proposal of the competition.
    UnknownProposal(String),
    /// A folder or an `isian` column names no section of the dossier setup.
    UnknownSection(String),
    FileTooLarge {
        limit_mb: u32,
    },
    ProposalTooLarge {
        limit_mb: u32,
    },
    /// The file's ending is not among the setup's file types (or it has none).
    TypeNotAllowed(String),
    /// The content is not what the ending says (a renamed file).
    ContentMismatch(String),
    /// `..`, an absolute path, or a drive letter.
    Escapes,
    Link,
    /// Not `isian.*` at the root, `KODE/NAME` or `KODE/SECTION/NAME`.
    NotInLayout,
    /// The same file twice (names differing only in case count as the same).
    Duplicate,
    CorruptZip(String),
    Encrypted,
    TooManyEntries(usize),
    /// The `isian` table has no `kode` column.
    NoCodeColumn,
    MissingCode {
        row: usize,
    },
    DuplicateRow {
        row: usize,
        first: usize,
    },
    BadVideo(String),
    Unreadable(String),
    /// A file changed between its check and its import.
    Changed,
    // Forwarding ZIPs (FORMATS.md §10):
    /// No `manifest.json` at the root.
    NoManifest,
    BadManifest(String),
    /// A file of the ZIP the manifest does not list.
    NotInManifest,
    /// A file the manifest lists and the ZIP lacks.
    MissingFromZip,
    /// Size or SHA-256 differ from the manifest's.
    ManifestMismatch,
    /// A category that matches no category here, by code or by name.
    UnknownCategory(String),
    MissingColumn(String),
}

impl DossierProblem {
    pub fn new(path: impl Into<String>, issue: DossierIssue) -> Self {
        DossierProblem { path: path.into(), issue }
    }

    pub fn message(&self, lang: Lang) -> String {
        format!("{}: {}", shown(&self.path), self.issue.message(lang))
    }
}

impl DossierIssue {
    pub fn message(&self, lang: Lang) -> String {
        use DossierIssue as I;
        match lang {
            Lang::Id => match self {
                I::UnknownProposal(c) => format!("kode proposal {} tidak ada di kompetisi ini", shown(c)),
                I::UnknownSection(s) => format!("bagian isian \"{}\" tidak ada di pengaturan", shown(s)),
                I::FileTooLarge { limit_mb } => format!("berkas lebih dari {limit_mb} MB"),
                I::ProposalTooLarge { limit_mb } => format!("berkas proposal ini seluruhnya lebih dari {limit_mb} MB"),
                I::TypeNotAllowed(t) if t.is_empty() => "berkas tanpa akhiran nama (jenis tidak diketahui)".into(),
                I::TypeNotAllowed(t) => format!("jenis berkas .{} tidak diizinkan", shown(t)),
                I::ContentMismatch(t) => format!("isi berkas bukan .{} (akhiran nama tidak sesuai isinya)", shown(t)),
                I::Escapes => "jalur keluar dari folder impor (.. atau jalur mutlak)".into(),
                I::Link => "tautan (symlink) tidak diterima".into(),
                I::NotInLayout => {
                    "letak berkas tidak sesuai: KODE/NAMA, KODE/BAGIAN/NAMA, atau isian.xlsx/isian.csv di akar".into()
                }
                I::Duplicate => "berkas yang sama muncul dua kali".into(),
                I::CorruptZip(w) => format!("berkas ZIP rusak: {}", shown(w)),
                I::Encrypted => "berkas ZIP berkata sandi; simpan ulang tanpa kata sandi".into(),
                I::TooManyEntries(max) => format!("terlalu banyak berkas (paling banyak {max})"),
                I::NoCodeColumn => "kolom kode tidak ada".into(),
                I::MissingCode { row } => format!("baris {row}: kode kosong"),
                I::DuplicateRow { row, first } => format!("baris {row}: kode yang sama sudah ada di baris {first}"),
                I::BadVideo(v) => format!("tautan video \"{}\" bukan alamat http(s)", shown(v)),
                I::Unreadable(w) => format!("tidak dapat dibaca: {}", shown(w)),
                I::Changed => "berkas berubah selama impor; ulangi impor".into(),
                I::NoManifest => "manifest.json tidak ada di akar ZIP (bukan berkas penerusan Juri)".into(),
                I::BadManifest(w) => format!("manifest.json tidak dapat dibaca: {}", shown(w)),
                I::NotInManifest => "berkas ini tidak tercantum di manifest.json (ditambahkan setelah ekspor)".into(),
                I::MissingFromZip => "tercantum di manifest.json tetapi tidak ada di ZIP".into(),
                I::ManifestMismatch => "ukuran atau SHA-256 berbeda dari manifest.json (berkas diubah)".into(),
                I::UnknownCategory(c) => {
                    format!("kategori {} tidak ada di kompetisi ini (menurut kode maupun nama)", shown(c))
                }
                I::MissingColumn(c) => format!("kolom {} tidak ada", shown(c)),
            },
            Lang::En => match self {
                I::NoManifest => "no manifest.json at the ZIP's root (not a Juri forwarding file)".into(),
                I::BadManifest(w) => format!("manifest.json cannot be read: {}", shown(w)),
                I::NotInManifest => "this file is not listed in manifest.json (added after the export)".into(),
                I::MissingFromZip => "listed in manifest.json but not in the ZIP".into(),
                I::ManifestMismatch => "size or SHA-256 differ from manifest.json (the file was changed)".into(),
                I::UnknownCategory(c) => {
                    format!("category {} is not in this competition (by code or by name)", shown(c))
                }
                I::MissingColumn(c) => format!("no {} column", shown(c)),
                I::UnknownProposal(c) => format!("proposal code {} is not in this competition", shown(c)),
                I::UnknownSection(s) => format!("the setup has no dossier section \"{}\"", shown(s)),
                I::FileTooLarge { limit_mb } => format!("file over {limit_mb} MB"),
                I::ProposalTooLarge { limit_mb } => format!("this proposal's files add up to more than {limit_mb} MB"),
                I::TypeNotAllowed(t) if t.is_empty() => "file name without an ending (unknown type)".into(),
                I::TypeNotAllowed(t) => format!("file type .{} is not allowed", shown(t)),
                I::ContentMismatch(t) => format!("the content is not a .{} file (the ending does not match)", shown(t)),
                I::Escapes => "the path leaves the import folder (.. or an absolute path)".into(),
                I::Link => "links (symlinks) are not accepted".into(),
                I::NotInLayout => {
                    "not where files go: CODE/NAME, CODE/SECTION/NAME, or isian.xlsx/isian.csv at the root".into()
                }
                I::Duplicate => "the same file appears twice".into(),
                I::CorruptZip(w) => format!("the ZIP file is damaged: {}", shown(w)),
                I::Encrypted => "the ZIP file is password-protected; save it again without a password".into(),
                I::TooManyEntries(max) => format!("too many files (at most {max})"),
                I::NoCodeColumn => "there is no kode column".into(),
                I::MissingCode { row } => format!("row {row}: the code is empty"),
                I::DuplicateRow { row, first } => format!("row {row}: the same code is already in row {first}"),
                I::BadVideo(v) => format!("video link \"{}\" is not an http(s) address", shown(v)),
                I::Unreadable(w) => format!("cannot be read: {}", shown(w)),
                I::Changed => "the file changed during the import; import again".into(),
            },
        }
    }
}
