//! Migrations, each tested on a database made by the previous version, with the backup first.

use juri_core::db::{Db, latest_version};
use rusqlite::Connection;

fn database_at_version(path: &std::path::Path, v: i64) {
    super::support::database_at_version(path, v);
}

fn fill_v1(conn: &Connection) {
    conn.execute_batch(
        "INSERT INTO competition (id, name, year, normalisation, disagreement_threshold, created_at, updated_at)
           VALUES ('c1', 'KIPP Sukamaju 2025', 2025, 'none', 15, 't', 't');
         INSERT INTO category (id, competition_id, position, code, name) VALUES ('k1', 'c1', 0, 'KS', 'Kesehatan');
         INSERT INTO proposal (id, competition_id, code, title, category_id, unit, created_at, updated_at)
           VALUES ('p1', 'c1', 'P-001', 'SIGAP BUMIL', 'k1', 'Puskesmas Karangsari', 't', 't');",
    )
    .unwrap();
}

#[test]
fn every_migration_upgrades_a_database_of_the_previous_version_and_backs_it_up_first() {
    for from in 1..latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("juri.sqlite3");
        database_at_version(&path, from);
        fill_v1(&Connection::open(&path).unwrap());

        let db = Db::open(&path).unwrap();
        let v: i64 = db.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(v, latest_version(), "migrated from v{from} to the latest");
        let title: String =
            db.conn().query_row("SELECT title FROM proposal WHERE code = 'P-001'", [], |r| r.get(0)).unwrap();
        assert_eq!(title, "SIGAP BUMIL", "data survives the migration from v{from}");

        let backups: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains(&format!(".before-v{}-", from + 1)))
            .collect();
        assert_eq!(backups.len(), 1, "one backup written before migrating v{from}");
        let b = Connection::open(backups[0].path()).unwrap();
        let bv: i64 = b.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
        assert_eq!(bv, from, "the backup holds the old schema");
    }
}

#[test]
fn a_new_database_gets_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    drop(Db::open(&dir.path().join("juri.sqlite3")).unwrap());
    let n = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains(".bak"))
        .count();
    assert_eq!(n, 0);
}

#[test]
fn histories_are_append_only() {
    let (mut t, id) = super::support::with_competition();
    let p =
        t.db.write(|tx| {
            juri_core::proposals::add_proposal(
                tx,
                &id,
                juri_core::proposals::ProposalInput {
                    title: "X".into(),
                    category: "KS".into(),
                    unit: "Dinas Kesehatan".into(),
                    ..Default::default()
                },
                &super::support::actor(),
                super::support::NOW,
            )
        })
        .unwrap();
    let upd = t.db.conn().execute("UPDATE proposal_history SET reason = 'x' WHERE proposal_id = ?1", [&p.id]);
    assert!(upd.is_err(), "history rows cannot be updated");
    let del = t.db.conn().execute("DELETE FROM proposal_history WHERE proposal_id = ?1", [&p.id]);
    assert!(del.is_err(), "history rows cannot be deleted");
}

#[test]
fn an_empty_file_is_refused_not_turned_into_a_new_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    std::fs::write(&path, b"").unwrap();
    match Db::open(&path) {
        Err(juri_core::Error::NotJuriDatabase(why)) => assert!(why.contains("0 bytes"), "{why}"),
        Err(e) => panic!("wrong refusal: {e}"),
        Ok(_) => panic!("a 0-byte file must be refused"),
    }
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "the file is left as it was");
}

#[test]
fn a_foreign_sqlite_file_is_refused_without_being_touched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path).unwrap().execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(Db::open(&path), Err(juri_core::Error::NotJuriDatabase(_))));
    assert_eq!(std::fs::read(&path).unwrap(), before, "not switched to WAL, not changed");
    assert!(!dir.path().join("other.db-wal").exists());
}

#[test]
fn a_database_with_an_added_trigger_or_view_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    drop(Db::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER rewrite AFTER INSERT ON score BEGIN UPDATE score SET value = 100 WHERE proposal_n = NEW.proposal_n; END;",
        )
        .unwrap();
    match Db::open(&path) {
        Err(juri_core::Error::NotJuriDatabase(why)) => assert!(why.contains("rewrite"), "{why}"),
        other => panic!("a foreign trigger must be refused: {:?}", other.err()),
    }
    assert!(Db::open_for_reading(&path).is_err(), "also when only reading");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP TRIGGER rewrite; CREATE VIEW v AS SELECT 1;").unwrap();
    drop(conn);
    let err = Db::open(&path).err().expect("a foreign view is refused");
    assert!(err.to_string().contains("view v"), "{err}");
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP VIEW v; ALTER TABLE judge ADD COLUMN extra TEXT;").unwrap();
    drop(conn);
    let err = Db::open(&path).err().expect("a changed table is refused");
    assert!(err.to_string().contains("table judge"), "{err}");
}

#[test]
fn reading_commands_open_read_only_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    {
        let mut db = Db::open(&path).unwrap();
        db.write(|tx| {
            juri_core::demo::create_demo(tx, &juri_core::proposals::Actor::new("uji"), "2026-08-10T09:00:00Z")
        })
        .unwrap();
        db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)").unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let mut db = Db::open_for_reading(&path).unwrap();
    let n: i64 = db.read(|tx| Ok(tx.query_row("SELECT count(*) FROM proposal", [], |r| r.get(0))?)).unwrap();
    assert_eq!(n, 20);
    assert!(db.write(|tx| Ok(tx.execute("DELETE FROM settings", [])?)).is_err(), "a read-only handle cannot write");
    drop(db);
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is unchanged");
    assert!(Db::open_for_reading(&dir.path().join("missing.sqlite3")).is_err());
    assert!(!dir.path().join("missing.sqlite3").exists(), "reading never creates a database");
}
