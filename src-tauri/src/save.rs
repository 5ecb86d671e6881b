//! Where a file the user saves goes: the native save dialog, or, with `JURI_SAVE_DIR` set, that
//! folder under the suggested name without any dialog (end-to-end tests: WebDriver cannot drive
//! native dialogs).

use std::path::PathBuf;

use juri_core::Error;
use tauri_plugin_dialog::DialogExt;

fn io_err(e: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The test folder, created when missing; None when `JURI_SAVE_DIR` is not set.
fn test_dir() -> Result<Option<PathBuf>, Error> {
    match std::env::var_os("JURI_SAVE_DIR").filter(|d| !d.is_empty()) {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            std::fs::create_dir_all(&dir)?;
            Ok(Some(dir))
        }
        None => Ok(None),
    }
}

/// Asks where to save a file (`filter` names the kind, `extensions` its endings), suggesting
/// `suggested`. None when the user cancelled. Blocking: call it off the UI thread.
pub fn save_path(
    app: &tauri::AppHandle,
    filter: &str,
    extensions: &[&str],
    suggested: &str,
) -> Result<Option<PathBuf>, Error> {
    // A suggested name may carry data (a code, an evidence file's name): never a path of its own.
    let suggested = &juri_core::files::safe_file_name(suggested, "berkas");
    if let Some(dir) = test_dir()? {
        return Ok(Some(dir.join(suggested)));
    }
    match app.dialog().file().add_filter(filter, extensions).set_file_name(suggested).blocking_save_file() {
        Some(path) => Ok(Some(path.into_path().map_err(io_err)?)),
        None => Ok(None),
    }
}

/// Asks for a folder and returns its sub-folder `name` (created), where a batch of files goes.
/// None when the user cancelled.
pub fn save_folder(app: &tauri::AppHandle, name: &str) -> Result<Option<PathBuf>, Error> {
    let parent = match test_dir()? {
        Some(dir) => dir,
        None => match app.dialog().file().blocking_pick_folder() {
            Some(path) => path.into_path().map_err(io_err)?,
            None => return Ok(None),
        },
    };
    let dir = parent.join(juri_core::files::safe_file_name(name, "berkas"));
    std::fs::create_dir_all(&dir)?;
    Ok(Some(dir))
}

/// End-to-end tests only (with `JURI_SAVE_DIR` set): `JURI_TEST_PAGE_DELAY_MS` pauses a batch after
/// each page, so that a test can press "Batal" while the batch still runs.
pub fn test_page_delay() -> Option<std::time::Duration> {
    std::env::var_os("JURI_SAVE_DIR")?;
    let ms: u64 = std::env::var("JURI_TEST_PAGE_DELAY_MS").ok()?.parse().ok()?;
    Some(std::time::Duration::from_millis(ms.min(2_000)))
}

/// Asks for a folder (`folder`) or a file with one of `extensions`; None when cancelled. In
/// end-to-end tests (`JURI_SAVE_DIR` set) `JURI_TEST_PICK` or `JURI_TEST_PICK_FROM` give the answer, since
/// WebDriver cannot drive native dialogs. Blocking: call it off the UI thread.
pub fn pick_path(
    app: &tauri::AppHandle,
    folder: bool,
    filter: &str,
    extensions: &[&str],
) -> Result<Option<PathBuf>, Error> {
    if std::env::var_os("JURI_SAVE_DIR").is_some() {
        // JURI_TEST_PICK_FROM names a file holding the answer, read at each pick (a test that picks
        // several files writes the next one there); JURI_TEST_PICK is one fixed answer.
        if let Some(from) = std::env::var_os("JURI_TEST_PICK_FROM").filter(|p| !p.is_empty()) {
            let answer = std::fs::read_to_string(from)?;
            return Ok(Some(PathBuf::from(answer.trim())).filter(|p| !p.as_os_str().is_empty()));
        }
        if let Some(p) = std::env::var_os("JURI_TEST_PICK").filter(|p| !p.is_empty()) {
            return Ok(Some(PathBuf::from(p)));
        }
    }
    let dialog = app.dialog().file();
    let picked =
        if folder { dialog.blocking_pick_folder() } else { dialog.add_filter(filter, extensions).blocking_pick_file() };
    match picked {
        Some(path) => Ok(Some(path.into_path().map_err(io_err)?)),
        None => Ok(None),
    }
}

/// Asks for one or more files with one of `extensions`; empty when cancelled. The test answers of
/// [`pick_path`] give one file.
pub fn pick_files(app: &tauri::AppHandle, filter: &str, extensions: &[&str]) -> Result<Vec<PathBuf>, Error> {
    if std::env::var_os("JURI_SAVE_DIR").is_some() {
        // Tests: the JURI_TEST_PICK_FROM file names one file per line (several picked at once).
        if let Some(from) = std::env::var_os("JURI_TEST_PICK_FROM").filter(|p| !p.is_empty()) {
            let answer = std::fs::read_to_string(from)?;
            return Ok(answer.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from).collect());
        }
        if std::env::var_os("JURI_TEST_PICK").is_some() {
            return Ok(pick_path(app, false, filter, extensions)?.into_iter().collect());
        }
    }
    let picked = app.dialog().file().add_filter(filter, extensions).blocking_pick_files().unwrap_or_default();
    picked.into_iter().map(|p| p.into_path().map_err(io_err)).collect()
}
