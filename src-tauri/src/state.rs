//! What the commands share: the open database, the user's language, cancel flags.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use juri_core::db::{DB_FILE_NAME, Db};

/// The data folder's folder of evidence copies handed to other programs (emptied at each start).
pub const OPENED_FILES_DIR: &str = "berkas-dibuka";
use juri_core::error::{ApiError, ErrorCode};
use juri_core::proposals::Actor;
use juri_core::{Error, Lang};

pub struct AppState {
    /// The one writer: every save goes through it, one transaction at a time.
    db: Mutex<Db>,
    /// Read-only connections for work that only reads (documents, exports, the recap, the
    /// dashboard): each reads one snapshot (WAL), so a save never waits for a long export.
    readers: Mutex<Vec<Db>>,
    lang: AtomicU8,
    pub cancel: AtomicBool,
    pub restore_candidate: Mutex<Option<PathBuf>>,
    /// The dossier folder or ZIP the user picked for the next preview and import.
    pub dossier_source: Mutex<Option<PathBuf>>,
    /// The judge kit the user picked, checked and waiting to be opened.
    pub kit_source: Mutex<Option<PathBuf>>,
    /// The forwarding ZIPs the user picked for the next preview and import.
    pub forwarding_source: Mutex<Vec<PathBuf>>,
    /// The kit or score package Juri was started with (a double-clicked file), until the UI takes it.
    pub launch_file: Mutex<Option<PathBuf>>,
    pub db_path: PathBuf,
    pub data_dir: PathBuf,
    pub log_dir: PathBuf,
    /// The venue hub (organiser) or the automatic push (judge).
    pub venue: crate::commands::venue::VenueState,
}

impl AppState {
    /// Opens `JURI_DB` if set, else `juri.sqlite3` in the data folder.
    /// A database that cannot be opened (damaged, another program's, a newer Juri's) is refused
    /// with the path and the reason in Indonesian and English, for the user to read.
    pub fn open(data_dir: PathBuf, log_dir: PathBuf) -> Result<AppState, String> {
        let db_path = std::env::var_os("JURI_DB").map(PathBuf::from).unwrap_or_else(|| data_dir.join(DB_FILE_NAME));
        let refused = |e: Error| {
            log::error!("database {} refused: {e}", db_path.display());
            format!("{}\n\n{}\n\n{}", db_path.display(), e.message(Lang::Id), e.message(Lang::En))
        };
        let db = Db::open(&db_path).map_err(refused)?;
        // Copies handed to other programs last time are not kept (best effort: one may still be
        // open in Word).
        let _ = std::fs::remove_dir_all(data_dir.join(OPENED_FILES_DIR));
        let lang = db.setting("lang").map_err(refused)?.map(|l| Lang::parse(&l)).unwrap_or_default();
        Ok(AppState {
            db: Mutex::new(db),
            readers: Mutex::new(Vec::new()),
            lang: AtomicU8::new(lang as u8),
            cancel: AtomicBool::new(false),
            restore_candidate: Mutex::new(None),
            dossier_source: Mutex::new(None),
            kit_source: Mutex::new(None),
            forwarding_source: Mutex::new(Vec::new()),
            launch_file: Mutex::new(juri_core::sync::launch_file_in_args(std::env::args().skip(1))),
            db_path,
            data_dir,
            log_dir,
            venue: Default::default(),
        })
    }

    pub fn lang(&self) -> Lang {
        if self.lang.load(Ordering::Relaxed) == Lang::En as u8 { Lang::En } else { Lang::Id }
    }

    pub fn set_lang(&self, lang: Lang) {
        self.lang.store(lang as u8, Ordering::Relaxed);
    }

    /// The database; a panic in an earlier command does not lock the user out.
    pub fn db(&self) -> MutexGuard<'_, Db> {
        self.db.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A read-only connection holding one snapshot of the data until it is dropped. Never blocks
    /// the writer, and is not blocked by it.
    /// This database was made by opening a judge's kit.
    pub fn is_judge_laptop(&self) -> bool {
        self.reader().ok().and_then(|r| juri_core::sync::judge_mode(r.conn()).ok().flatten()).is_some()
    }

    pub fn reader(&self) -> Result<Reader<'_>, Error> {
        let pooled = self.readers.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let db = match pooled {
            Some(db) => db,
            None => Db::open_for_reading(&self.db_path)?,
        };
        db.conn().execute_batch("BEGIN")?;
        Ok(Reader { state: self, db: Some(db) })
    }

    /// This laptop's name, recorded with every score change.
    pub fn device(&self) -> String {
        std::fs::read_to_string("/etc/hostname")
            .map(|h| h.trim().to_string())
            .or_else(|_| std::env::var("COMPUTERNAME"))
            .unwrap_or_default()
    }

    pub fn actor(&self) -> Actor {
        let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "panitia".into());
        Actor::new(user)
    }
}

/// A pooled read-only connection inside a read transaction (one snapshot); returned on drop.
pub struct Reader<'a> {
    state: &'a AppState,
    db: Option<Db>,
}

impl std::ops::Deref for Reader<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db.as_ref().expect("present until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        if let Some(db) = self.db.take()
            && db.conn().execute_batch("COMMIT").is_ok()
        {
            let mut pool = self.state.readers.lock().unwrap_or_else(|p| p.into_inner());
            // A few idle connections are enough: two cores, a handful of concurrent readers.
            if pool.len() < 3 {
                pool.push(db);
            }
        }
    }
}

/// Runs core work off the UI thread and turns its error into `{code, message}` in the user's language.
pub async fn blocking<T: Send + 'static>(
    state: &Arc<AppState>,
    work: impl FnOnce(&AppState) -> Result<T, Error> + Send + 'static,
) -> Result<T, ApiError> {
    static FIRST: std::sync::Once = std::sync::Once::new();
    FIRST.call_once(|| {
        if let Some(t) = crate::STARTED.get() {
            log::info!("first UI call {} ms after start", t.elapsed().as_millis());
        }
    });
    let st = state.clone();
    let lang = st.lang();
    match tauri::async_runtime::spawn_blocking(move || work(&st)).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => {
            // Refusals carry user data (names, score values): the log gets the code only,
            // storage failures their detail so a venue problem can be diagnosed.
            match e.code() {
                juri_core::ErrorCode::Storage => log::error!("storage: {e}"),
                code => log::info!("refused: {code:?}"),
            }
            Err(e.to_api(lang))
        }
        Err(join) => {
            log::error!("command task failed: {join}");
            Err(ApiError::new(
                ErrorCode::Storage,
                lang.pick("Terjadi kesalahan internal.", "An internal error occurred."),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_that_cannot_be_opened_is_explained_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(DB_FILE_NAME);
        std::fs::write(&db, b"").unwrap();
        let why = AppState::open(dir.path().to_path_buf(), dir.path().join("logs")).err().expect("refused");
        assert!(why.contains(&db.display().to_string()), "names the file: {why}");
        assert!(why.contains("bukan basis data Juri") && why.contains("not a sound Juri database"), "{why}");
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "the file is left as it was");
    }
}
