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

/// Data as each version wrote it, written right after the migration that made its tables (so it
/// always meets the schema of its own version): a competition with a proposal (v1), two judges
/// with scores and a history line (v2), a merged event and an open conflict (v4), a paper sheet
/// with both entries (v7), a unit with an innovation (v8).
fn fill_after(conn: &Connection, version: i64) {
    let sql = match version {
        1 => {
            "INSERT INTO competition (id, name, year, normalisation, disagreement_threshold, created_at, updated_at)
               VALUES ('c1', 'KIPP Sukamaju 2025', 2025, 'none', 15, 't', 't');
             INSERT INTO category (id, competition_id, position, code, name) VALUES ('k1', 'c1', 0, 'KS', 'Kesehatan');
             INSERT INTO stage (id, competition_id, position, code, name, kind, weight)
               VALUES ('s1', 'c1', 0, 'proposal', 'Proposal', 'desk', 100);
             INSERT INTO criterion (id, stage_id, position, code, name, weight, min, max)
               VALUES ('r1', 's1', 0, 'kebaruan', 'Kebaruan', 1, 0, 100);
             INSERT INTO proposal (id, competition_id, code, title, category_id, unit, created_at, updated_at)
               VALUES ('p1', 'c1', 'P-001', 'SIGAP BUMIL', 'k1', 'Puskesmas Karangsari', 't', 't');"
        }
        2 => {
            "INSERT INTO judge (id, competition_id, code, name, created_at, updated_at)
               VALUES ('j1', 'c1', 'J1', 'Juri Satu', 't', 't'), ('j2', 'c1', 'J2', 'Juri Dua', 't', 't');
             INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at)
               VALUES ('0193aaaa-0000-7000-8000-000000000001', 'p1', 'j1', 'r1', 75.5, 't'),
                      ('0193aaaa-0000-7000-8000-000000000003', 'p1', 'j2', 'r1', 60, 't');
             INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin)
               VALUES ('0193aaaa-0000-7000-8000-000000000002', '0193aaaa-0000-7000-8000-000000000001', NULL, 75.5,
                       '2025-08-01T09:00:00Z', 'uji', 'd', 'form');"
        }
        4 => {
            "INSERT INTO sync_event (id, judge_id, outcome, merged_at)
               VALUES ('0193bbbb-0000-7000-8000-000000000009', 'j2', 'conflict', 't');
             INSERT INTO merge_conflict (event_id, score_id, master_value, package_value, event_at)
               VALUES ('0193bbbb-0000-7000-8000-000000000009', '0193aaaa-0000-7000-8000-000000000003', 60, 80, 't');"
        }
        7 => {
            "INSERT INTO paper_sheet (id, stage_id, judge_id, proposal_id, created_at) VALUES ('ps1', 's1', 'j1', 'p1', 't');
             INSERT INTO paper_entry (sheet_id, slot, staff, at) VALUES ('ps1', 1, 'Sari', 't'), ('ps1', 2, 'Dodi', 't');
             INSERT INTO paper_entry_value (sheet_id, slot, criterion_id, value) VALUES ('ps1', 1, 'r1', 70), ('ps1', 2, 'r1', 71);"
        }
        8 => {
            "INSERT INTO org_unit (id, code, name, name_key, unit_type, created_at)
               VALUES ('u1', 'U07', 'Dinas Kesehatan', 'dinas kesehatan', 'OPD', 't');
             INSERT INTO innovation (id, code, title, unit_id, created_at, updated_at)
               VALUES ('i1', 'INV-001', 'SIGAP BUMIL', 'u1', 't', 't');"
        }
        _ => "",
    };
    conn.execute_batch(sql).unwrap();
}

/// A database made by every earlier version, with the data each version held, upgraded to this
/// one (a backup first): nothing is lost, and the data still works (the conflict can be decided).
#[test]
fn every_earlier_version_with_its_data_upgrades_without_loss() {
    for from in 1..latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("juri.sqlite3");
        {
            let conn = Connection::open(&path).unwrap();
            for (i, m) in juri_core::db::MIGRATION_SQL.iter().take(from as usize).enumerate() {
                conn.execute_batch(m).unwrap();
                conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
                fill_after(&conn, i as i64 + 1);
            }
        }
        let mut db = Db::open(&path).unwrap_or_else(|e| panic!("v{from} opens: {e}"));
        let count = |db: &Db, sql: &str| -> i64 { db.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count(&db, "SELECT count(*) FROM proposal"), 1, "v{from}: the proposal");
        if from >= 2 {
            let values: Vec<f64> = db
                .conn()
                .prepare("SELECT value FROM score ORDER BY value")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(values, [60.0, 75.5], "v{from}: both scores with their values");
            assert_eq!(
                count(&db, "SELECT count(*) FROM score_history WHERE new_value = 75.5"),
                1,
                "v{from}: the history line"
            );
        }
        if from >= 4 {
            let open = juri_core::sync::open_conflicts(db.conn(), "c1").unwrap();
            assert_eq!(open.len(), 1, "v{from}: the open conflict");
            assert_eq!((open[0].master_value, open[0].package_value), (60.0, 80.0));
            db.write(|tx| {
                juri_core::sync::resolve_conflict(tx, "0193bbbb-0000-7000-8000-000000000009", true, "panitia", "t2")
            })
            .unwrap();
            assert_eq!(
                count(&db, "SELECT count(*) FROM score WHERE value = 80"),
                1,
                "v{from}: decided after the upgrade"
            );
        }
        if from >= 7 {
            assert_eq!(count(&db, "SELECT count(*) FROM paper_entry_value"), 2, "v{from}: both typings of the sheet");
        }
        if from >= 8 {
            assert_eq!(
                count(&db, "SELECT count(*) FROM innovation WHERE code = 'INV-001'"),
                1,
                "v{from}: the innovation"
            );
        }
    }
}

#[test]
fn a_command_that_only_reads_an_earlier_database_says_so_in_the_users_language_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    database_at_version(&path, latest_version() - 1);
    let before = std::fs::read(&path).unwrap();
    let err = Db::open_for_reading(&path).err().expect("refused");
    assert!(matches!(err, juri_core::Error::SchemaTooOld { found, .. } if found == latest_version() - 1), "{err}");
    let id = err.message(juri_core::Lang::Id);
    assert!(id.contains("Juri versi sebelumnya") && id.contains("tidak ada yang diubah"), "{id}");
    assert!(!id.contains("must"), "no English inside the Indonesian message: {id}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the file is unchanged");
}
