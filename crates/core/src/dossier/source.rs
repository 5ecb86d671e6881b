//! Where a dossier import reads from: a folder or a ZIP. Listing the entries checks every path
//! (no `..`, no absolute path, no link, nothing encrypted) before a byte of content is read;
//! reading an entry is always bounded by the caller.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{DossierIssue, DossierProblem, Error, FileProblem, Result};

/// Most entries a folder or ZIP may hold (100 proposals × a few hundred files each).
pub const MAX_ENTRIES: usize = 100_000;
/// Deepest folder nesting walked (the layout needs three levels).
const MAX_DEPTH: usize = 8;

/// One file of the import, by its `/`-separated path inside the folder or ZIP.
#[derive(Debug, Clone)]
pub struct Entry {
    pub path: String,
    /// As the file system or the ZIP's directory says; reading checks it again.
    pub size: u64,
    at: At,
}

#[derive(Debug, Clone)]
enum At {
    File(PathBuf),
    Zip(usize),
}

pub enum Source {
    Folder,
    Zip(Box<zip::ZipArchive<File>>),
}

/// Files every operating system leaves behind, skipped without a word (FORMATS.md §9).
fn is_litter(path: &str) -> bool {
    let mut parts = path.split('/');
    let name = path.rsplit('/').next().unwrap_or("");
    parts.any(|p| p == "__MACOSX")
        || [".ds_store", "thumbs.db", "desktop.ini"].contains(&name.to_ascii_lowercase().as_str())
}

/// A ZIP entry's name as a clean relative path, or why it is refused.
fn clean_zip_path(raw: &str) -> std::result::Result<String, DossierIssue> {
    let raw = raw.replace('\\', "/");
    let bytes = raw.as_bytes();
    if raw.starts_with('/') || (bytes.len() >= 2 && bytes[1] == b':') || raw.contains('\0') {
        return Err(DossierIssue::Escapes);
    }
    let mut parts = Vec::new();
    for p in raw.split('/') {
        match p {
            "" | "." => {}
            ".." => return Err(DossierIssue::Escapes),
            p => parts.push(p),
        }
    }
    Ok(parts.join("/"))
}

impl Source {
    /// Opens PATH (a folder or a `.zip`) and lists its files, with the problems of paths that are
    /// refused (links, escapes, encrypted entries); a ZIP that cannot be read is refused at once.
    pub fn open(path: &Path) -> Result<(Source, Vec<Entry>, Vec<DossierProblem>)> {
        let meta = std::fs::symlink_metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Error::FileUnreadable(FileProblem::Missing(path.display().to_string())),
            _ => {
                Error::FileUnreadable(FileProblem::CannotOpen { path: path.display().to_string(), why: e.to_string() })
            }
        })?;
        let mut problems = Vec::new();
        let (source, entries) = if meta.is_dir() {
            let mut entries = Vec::new();
            walk(path, "", 0, &mut entries, &mut problems)?;
            (Source::Folder, entries)
        } else {
            let file = File::open(path).map_err(|e| {
                Error::FileUnreadable(FileProblem::CannotOpen { path: path.display().to_string(), why: e.to_string() })
            })?;
            let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut zip = zip::ZipArchive::new(file).map_err(|e| {
                Error::DossierRefused(vec![DossierProblem::new(&shown, DossierIssue::CorruptZip(e.to_string()))])
            })?;
            let entries = zip_entries(&mut zip, &shown, &mut problems)?;
            (Source::Zip(Box::new(zip)), entries)
        };
        Ok((source, entries, problems))
    }

    /// The content of an entry, read as it streams (a ZIP entry is inflated as it is read: the
    /// caller bounds how much it takes).
    pub fn read<'s>(&'s mut self, entry: &Entry) -> Result<Box<dyn Read + 's>> {
        let unreadable =
            |e: String| Error::DossierRefused(vec![DossierProblem::new(&entry.path, DossierIssue::Unreadable(e))]);
        match (&mut *self, &entry.at) {
            (Source::Folder, At::File(p)) => Ok(Box::new(File::open(p).map_err(|e| unreadable(e.to_string()))?)),
            (Source::Zip(zip), At::Zip(i)) => Ok(Box::new(zip.by_index(*i).map_err(|e| unreadable(e.to_string()))?)),
            _ => Err(unreadable("entry of another source".into())),
        }
    }
}

fn walk(dir: &Path, rel: &str, depth: usize, out: &mut Vec<Entry>, problems: &mut Vec<DossierProblem>) -> Result<()> {
    let mut names: Vec<_> = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    names.sort_by_key(|e| e.file_name());
    for e in names {
        let name = e.file_name().to_string_lossy().into_owned();
        let path = if rel.is_empty() { name.clone() } else { format!("{rel}/{name}") };
        if is_litter(&path) {
            continue;
        }
        let meta = std::fs::symlink_metadata(e.path())?;
        if meta.file_type().is_symlink() {
            problems.push(DossierProblem::new(&path, DossierIssue::Link));
        } else if meta.is_dir() {
            if depth >= MAX_DEPTH {
                problems.push(DossierProblem::new(&path, DossierIssue::NotInLayout));
            } else {
                walk(&e.path(), &path, depth + 1, out, problems)?;
            }
        } else if meta.is_file() {
            if out.len() >= MAX_ENTRIES {
                return Err(Error::DossierRefused(vec![DossierProblem::new(
                    path,
                    DossierIssue::TooManyEntries(MAX_ENTRIES),
                )]));
            }
            out.push(Entry { path, size: meta.len(), at: At::File(e.path()) });
        } else {
            problems.push(DossierProblem::new(&path, DossierIssue::Unreadable("not a regular file".into())));
        }
    }
    Ok(())
}

fn zip_entries(zip: &mut zip::ZipArchive<File>, shown: &str, problems: &mut Vec<DossierProblem>) -> Result<Vec<Entry>> {
    if zip.len() > MAX_ENTRIES {
        return Err(Error::DossierRefused(vec![DossierProblem::new(shown, DossierIssue::TooManyEntries(MAX_ENTRIES))]));
    }
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| {
            Error::DossierRefused(vec![DossierProblem::new(shown, DossierIssue::CorruptZip(e.to_string()))])
        })?;
        let raw =
            f.name().map(|n| n.into_owned()).unwrap_or_else(|_| String::from_utf8_lossy(f.name_raw()).into_owned());
        let path = match clean_zip_path(&raw) {
            Ok(p) => p,
            Err(issue) => {
                problems.push(DossierProblem::new(&raw, issue));
                continue;
            }
        };
        if path.is_empty() || f.is_dir() || is_litter(&path) {
            continue;
        }
        if f.is_symlink() {
            problems.push(DossierProblem::new(&path, DossierIssue::Link));
        } else if f.encrypted() {
            problems.push(DossierProblem::new(&path, DossierIssue::Encrypted));
        } else {
            out.push(Entry { path, size: f.size(), at: At::Zip(i) });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_paths_stay_inside() {
        assert_eq!(clean_zip_path("P-001/./sk.pdf"), Ok("P-001/sk.pdf".into()));
        assert_eq!(clean_zip_path("P-001\\kebaruan\\a.pdf"), Ok("P-001/kebaruan/a.pdf".into()));
        assert_eq!(clean_zip_path("../etc/passwd"), Err(DossierIssue::Escapes));
        assert_eq!(clean_zip_path("P-001/../../x"), Err(DossierIssue::Escapes));
        assert_eq!(clean_zip_path("/abs/x.pdf"), Err(DossierIssue::Escapes));
        assert_eq!(clean_zip_path("C:/x.pdf"), Err(DossierIssue::Escapes));
        assert!(is_litter("__MACOSX/P-001/._a.pdf") && is_litter("P-001/Thumbs.db") && is_litter(".DS_Store"));
        assert!(!is_litter("P-001/a.pdf"));
    }
}
