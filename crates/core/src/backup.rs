//! "Cadangkan data" and "Pulihkan": consistent copies of the live database, and restoring one only
//! after it has been checked, keeping the replaced data as a backup of its own.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::db::{Db, check_application_id, latest_version};
use crate::error::{Error, Result};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    #[ts(type = "number")]
    pub schema_version: i64,
    #[ts(type = "number")]
    pub competitions: i64,
    #[ts(type = "number")]
    pub proposals: i64,
}

/// Writes a consistent copy of the database to `out` while it stays in use.
/// The copy is written to a temporary file beside `out` and renamed into place only when whole;
/// on failure (a full disk) the temporary file is removed and the message names the target file,
/// not the database. `out` may never be the database itself or one of its journals.
pub fn backup_to(db: &Db, out: &Path) -> Result<BackupInfo> {
    crate::files::check_not_database(out, db.path())?;
    let tmp = crate::files::temp_path_beside(out);
    let written = db
        .conn()
        .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
        .map_err(|e| {
            Error::FileUnreadable(crate::error::FileProblem::CannotWrite {
                path: out.display().to_string(),
                why: e.to_string(),
            })
        })
        .and_then(|_| check_backup(&tmp))
        .and_then(|info| std::fs::rename(&tmp, out).map(|_| info).map_err(Error::from));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// Checks that a file is a whole Juri database this version can open.
pub fn check_backup(path: &Path) -> Result<BackupInfo> {
    let conn = Db::open_read_only(path).map_err(|_| Error::NotJuriDatabase("not SQLite".into()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|_| Error::NotJuriDatabase("not SQLite".into()))?;
    if integrity != "ok" {
        return Err(Error::NotJuriDatabase(format!("integrity_check: {integrity}")));
    }
    check_application_id(&conn)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version < 1 {
        return Err(Error::NotJuriDatabase("no schema".into()));
    }
    if version > latest_version() {
        return Err(Error::SchemaTooNew { found: version, supported: latest_version() });
    }
    crate::db::check_schema(&conn, version)?;
    let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
    Ok(BackupInfo {
        schema_version: version,
        competitions: count("SELECT count(*) FROM competition WHERE deleted_at IS NULL")?,
        proposals: count("SELECT count(*) FROM proposal WHERE deleted_at IS NULL")?,
    })
}

impl Db {
    /// Copies the live data next to the database file as `<db>.<label>-<time>.bak` (a consistent
    /// `VACUUM INTO` copy) and returns its path: written before anything replaces or repurposes data.
    pub fn keep_copy(&self, label: &str) -> Result<PathBuf> {
        let stamp = crate::ids::now().replace([':', '-'], "");
        let kept = self.path().with_file_name(format!(
            "{}.{label}-{stamp}.bak",
            self.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
        self.conn().execute("VACUUM INTO ?1", [kept.to_string_lossy()])?;
        Ok(kept)
    }

    /// Replaces the live data with a checked backup. The data it replaces is first copied to
    /// `<db>.before-restore-<time>.bak`, whose path is returned.
    pub fn restore_from(&mut self, backup: &Path) -> Result<PathBuf> {
        check_backup(backup)?;
        let kept = self.keep_copy("before-restore")?;
        let src = Db::open_read_only(backup)?;
        {
            let mut dst = rusqlite::Connection::open(self.path())?;
            let b = rusqlite::backup::Backup::new(&src, &mut dst)?;
            b.run_to_completion(256, std::time::Duration::ZERO, None)?;
        }
        // Reopen so this connection sees the new pages and the schema is migrated if the backup was older.
        *self = Db::open(self.path())?;
        Ok(kept)
    }
}
