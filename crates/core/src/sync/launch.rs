//! A file Juri was started with: a double-clicked `.jurikit` (a judge's kit) or `.jurinilai` (a
//! judge's score package), handed over by the operating system as the program's argument (the
//! Windows installer registers both types). What each kind leads to is decided here, once.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;

use super::{KitCheck, MAX_PACKAGE_BYTES, check_kit_file, open_envelope};
use crate::error::Result;
use crate::laptop::{OrganiserTask, require_organiser};

pub const KIT_EXTENSION: &str = "jurikit";
pub const PACKAGE_EXTENSION: &str = "jurinilai";

/// The kinds of file Juri opens when started with one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LaunchKind {
    Kit,
    Package,
}

/// What a path names by its extension (any case, as Windows names it); None for anything else.
pub fn launch_kind(path: &Path) -> Option<LaunchKind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        KIT_EXTENSION => Some(LaunchKind::Kit),
        PACKAGE_EXTENSION => Some(LaunchKind::Package),
        _ => None,
    }
}

/// The first program argument naming a kit or a package; options (`--data-dir DIR`) are skipped.
pub fn launch_file_in_args(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(a) = args.next() {
        if a == "--data-dir" {
            args.next();
        } else if !a.starts_with("--") && launch_kind(Path::new(&a)).is_some() {
            return Some(PathBuf::from(a));
        }
    }
    None
}

/// A launch file as the UI takes it over.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LaunchFile {
    /// A kit, checked against this laptop as a picked one is (its path stays with the caller).
    Kit { check: KitCheck },
    /// A score package for the organiser's merge: its bytes, and the competition it belongs to
    /// when this database holds it (else the merge preview says why it does not fit).
    Package { name: String, bytes: Vec<u8>, competition_id: Option<String> },
}

/// Reads what the launch file is: a kit is checked (only its description is read), a package is
/// read (bounded) for the merge, which only the organiser's laptop does.
pub fn read_launch_file(conn: &Connection, path: &Path) -> Result<Option<LaunchFile>> {
    Ok(match launch_kind(path) {
        None => None,
        Some(LaunchKind::Kit) => Some(LaunchFile::Kit { check: check_kit_file(conn, path)? }),
        Some(LaunchKind::Package) => {
            require_organiser(conn, OrganiserTask::Merge)?;
            let bytes = crate::files::read_bounded(path, MAX_PACKAGE_BYTES as u64)?;
            let named = open_envelope(&bytes).ok().map(|sealed| sealed.competition_id);
            let competition_id = match named {
                Some(id) => {
                    let held: bool =
                        conn.query_row("SELECT EXISTS (SELECT 1 FROM competition WHERE id = ?1)", [&id], |r| r.get(0))?;
                    held.then_some(id)
                }
                None => None,
            };
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Some(LaunchFile::Package { name, bytes, competition_id })
        }
    })
}
