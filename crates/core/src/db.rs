//! Opening the SQLite file: durability pragmas, schema migrations (with a backup first) and
//! IMMEDIATE write transactions.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};
use rusqlite_migration::{M, Migrations};

use crate::error::{Error, Result};

/// The app's reverse-DNS identifier: it names the data folder, so it never changes.
pub const APP_IDENTIFIER: &str = "id.juri.app";
/// The database file name inside the data folder.
pub const DB_FILE_NAME: &str = "juri.sqlite3";

/// The folder beside the program that makes a portable copy (a folder or a USB stick): when it
/// exists next to the executable, Juri keeps its data there instead of the user's data folder.
pub const PORTABLE_DIR: &str = "JuriData";

/// The portable data folder beside `exe` (the running program), when there is one.
pub fn portable_data_dir(exe: &Path) -> Option<PathBuf> {
    let dir = exe.parent()?.join(PORTABLE_DIR);
    dir.is_dir().then_some(dir)
}

/// 'JURI' as the SQLite application_id; set by the first migration.
pub const APPLICATION_ID: i64 = 0x4A55_5249;

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATION_SQL.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATION_SQL.len() as i64
}

/// A value of the `settings` table (key/value pairs of this database).
pub fn get_setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
}

/// Sets a value of the `settings` table, in the caller's transaction.
pub fn put_setting(tx: &Connection, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

/// An open Juri database.
pub struct Db {
    conn: Connection,
    path: PathBuf,
}

impl Db {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    /// Before migrating a database that already holds data, a `VACUUM INTO` copy is written beside it.
    /// A file that is not a Juri database is refused before anything is written to it (not even
    /// the switch to WAL), and so is an empty (0-byte) file: it is a truncated database, not a new one.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        refuse_empty_or_odd_file(path)?;
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > latest_version() {
            return Err(Error::SchemaTooNew { found: version, supported: latest_version() });
        }
        if version > 0 {
            check_application_id(&conn)?;
            check_schema(&conn, version)?;
        } else if has_foreign_tables(&conn)? {
            return Err(Error::NotJuriDatabase("tables of another application".into()));
        }
        configure(&conn)?;
        if version > 0 && version < latest_version() {
            let backup = pre_migration_backup_path(path, version);
            conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
            log::info!("backup before migrating schema {version}: {}", backup.display());
        }
        migrations().to_latest(&mut conn).map_err(|e| Error::Migration(e.to_string()))?;
        Ok(Db { conn, path: path.to_path_buf() })
    }

    /// Opens an existing Juri database for reading only (recaps, exports, documents): nothing is
    /// written, so a write-protected file or a copy on a read-only stick can be read. The file
    /// must already be at this build's schema version.
    pub fn open_for_reading(path: &Path) -> Result<Db> {
        if !path.exists() {
            return Err(Error::FileUnreadable(crate::error::FileProblem::Missing(path.display().to_string())));
        }
        refuse_empty_or_odd_file(path)?;
        let conn =
            Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > latest_version() {
            return Err(Error::SchemaTooNew { found: version, supported: latest_version() });
        }
        if version == 0 {
            return Err(Error::NotJuriDatabase("no Juri schema".into()));
        }
        check_application_id(&conn)?;
        check_schema(&conn, version)?;
        if version < latest_version() {
            return Err(Error::SchemaTooOld { found: version, supported: latest_version() });
        }
        conn.pragma_update(None, "foreign_keys", "ON")?;
        Ok(Db { conn, path: path.to_path_buf() })
    }

    /// Opens an existing file read-only without migrating (to inspect a backup before restoring it).
    pub fn open_read_only(path: &Path) -> Result<Connection> {
        let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        Ok(conn)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction, committed only if `f` succeeds.
    /// With `synchronous=FULL`, a returned Ok means the change is on disk.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Runs `f` in a write transaction and rolls it back: a dry run that sees its own changes.
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.rollback()?;
        Ok(out)
    }

    /// Reads inside a deferred transaction so a multi-query read sees one snapshot.
    pub fn read<T>(&mut self, f: impl FnOnce(&Transaction) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let out = f(&tx)?;
        tx.finish()?;
        Ok(out)
    }

    /// A setting (language, active competition, ...), or None.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        get_setting(&self.conn, key)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.write(|tx| put_setting(tx, key, value))
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // FULL: a transaction is durable when COMMIT returns, even in WAL mode (a power cut loses nothing acknowledged).
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // 64 MB of page cache: a large merge or import builds more of its B-trees in memory instead of
    // spilling pages to the WAL mid-transaction (the cache grows only as far as the data needs).
    conn.pragma_update(None, "cache_size", -65_536)?;
    Ok(())
}

pub(crate) fn check_application_id(conn: &Connection) -> Result<()> {
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotJuriDatabase(format!("application_id {app_id}")));
    }
    Ok(())
}

/// A database path must be a regular file (or not exist yet); an existing 0-byte file is a
/// truncated or failed copy, which SQLite would silently treat as a new empty database.
fn refuse_empty_or_odd_file(path: &Path) -> Result<()> {
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => Err(Error::NotJuriDatabase("not a regular file".into())),
        Ok(m) if m.len() == 0 => Err(Error::NotJuriDatabase("empty file (0 bytes)".into())),
        _ => Ok(()),
    }
}

/// One schema object as SQLite describes it: (type, name, table, SQL with whitespace collapsed).
type SchemaObject = (String, String, String, String);

fn schema_objects(conn: &Connection) -> Result<Vec<SchemaObject>> {
    let mut stmt = conn.prepare(
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let sql: String = r.get(3)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, sql.split_whitespace().collect::<Vec<_>>().join(" ")))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The schema objects the migrations create up to `version`, built once in memory.
fn expected_schema(version: i64) -> Result<Vec<SchemaObject>> {
    let mut conn = Connection::open_in_memory()?;
    migrations().to_version(&mut conn, version as usize).map_err(|e| Error::Migration(e.to_string()))?;
    schema_objects(&conn)
}

/// Refuses a database whose tables, indexes, triggers or views differ from the ones the
/// migrations create (an added trigger could rewrite every score saved). Names what differs.
pub(crate) fn check_schema(conn: &Connection, version: i64) -> Result<()> {
    let expected = expected_schema(version)?;
    let found = schema_objects(conn)?;
    let mut odd: Vec<String> = Vec::new();
    for f in &found {
        if !expected.contains(f) {
            let changed = expected.iter().any(|e| e.0 == f.0 && e.1 == f.1);
            odd.push(format!("{} {} {}", f.0, f.1, if changed { "diubah/changed" } else { "asing/foreign" }));
        }
    }
    for e in &expected {
        if !found.iter().any(|f| f.0 == e.0 && f.1 == e.1) {
            odd.push(format!("{} {} hilang/missing", e.0, e.1));
        }
    }
    if odd.is_empty() {
        return Ok(());
    }
    odd.truncate(8);
    Err(Error::NotJuriDatabase(format!("schema: {}", odd.join(", "))))
}

fn has_foreign_tables(conn: &Connection) -> Result<bool> {
    let n: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema WHERE type = 'table'", [], |r| r.get(0))?;
    Ok(n > 0)
}

fn pre_migration_backup_path(path: &Path, version: i64) -> PathBuf {
    let stamp = crate::ids::now().replace([':', '-'], "");
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "juri".into());
    path.with_file_name(format!("{name}.before-v{}-{stamp}.bak", version + 1))
}

/// Checks the migration list itself (used by tests).
pub fn validate_migrations() -> Result<()> {
    migrations().validate().map_err(|e| Error::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        validate_migrations().unwrap();
    }

    #[test]
    fn new_database_is_wal_with_foreign_keys_and_juri_id() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(&dir.path().join("a.sqlite3")).unwrap();
        let mode: String = db.conn().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = db.conn().pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1, "foreign keys must be enforced");
        let sync: i64 = db.conn().pragma_query_value(None, "synchronous", |r| r.get(0)).unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
        check_application_id(db.conn()).unwrap();
        let v: i64 = db.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, latest_version());
    }

    #[test]
    fn refuses_a_foreign_sqlite_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("other.sqlite3");
        Connection::open(&p).unwrap().execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(matches!(Db::open(&p), Err(Error::NotJuriDatabase(_))));
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("new.sqlite3");
        drop(Db::open(&p).unwrap());
        Connection::open(&p).unwrap().pragma_update(None, "user_version", 99).unwrap();
        assert!(matches!(Db::open(&p), Err(Error::SchemaTooNew { found: 99, .. })));
    }
}
