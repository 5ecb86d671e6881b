//! Shared helpers: a database in a temp folder, a demo-like competition, a content dump.

use juri_core::competition::{Setup, create_competition, template_setup};
use juri_core::db::Db;
use juri_core::proposals::Actor;

pub const NOW: &str = "2026-08-10T09:00:00Z";

pub struct TestDb {
    pub db: Db,
    pub dir: tempfile::TempDir,
}

pub fn new_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("juri.sqlite3")).unwrap();
    TestDb { db, dir }
}

pub fn actor() -> Actor {
    Actor::new("uji")
}

pub fn kabupaten_setup() -> Setup {
    let mut s = template_setup("kabupaten", "KIPP Kabupaten Sukamaju 2026", 2026).unwrap();
    s.organiser = "Bagian Organisasi Setda Kabupaten Sukamaju".into();
    s
}

pub fn with_competition() -> (TestDb, String) {
    let mut t = new_db();
    let id = t.db.write(|tx| create_competition(tx, kabupaten_setup(), NOW)).unwrap();
    (t, id)
}

/// Every row of every table, in a stable order: equal dumps mean equal content.
pub fn dump(db: &Db) -> String {
    let conn = db.conn();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM {t} ORDER BY 1")).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| match r.get_ref(i).unwrap() {
                        rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                        other => format!("{other:?}"),
                    })
                    .collect();
                Ok(cells.join("|"))
            })
            .unwrap()
            .collect::<Result<Vec<_>, _>>()
            .unwrap();
        out.push_str(&format!("## {t}\n{}\n", rows.join("\n")));
    }
    out
}

pub fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Builds a database at schema `v` exactly as that version of Juri left it: the embedded
/// migrations 1..=v, each followed by its user_version (the one list, from core's migrations/).
pub fn database_at_version(path: &std::path::Path, v: i64) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    for (i, m) in juri_core::db::MIGRATION_SQL.iter().take(v as usize).enumerate() {
        conn.execute_batch(m).unwrap();
        conn.pragma_update(None, "user_version", (i + 1) as i64).unwrap();
    }
    conn
}

/// A database at schema `v` holding the demo competition: the demo is made by today's code in a
/// database of today's schema, then every row is copied into a version-`v` database, column by
/// column where both have them (an old schema has fewer columns, never other meanings). `fill`
/// adds more with today's code before the copy.
pub fn demo_at_version(
    path: &std::path::Path,
    v: i64,
    fill: impl FnOnce(&rusqlite::Connection, &str),
) -> (rusqlite::Connection, String) {
    let source = tempfile::tempdir().unwrap();
    let mut today = Db::open(&source.path().join("today.sqlite3")).unwrap();
    let id = today.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    fill(today.conn(), &id);
    drop(today);
    let conn = database_at_version(path, v);
    conn.execute("ATTACH DATABASE ?1 AS today", [source.path().join("today.sqlite3").to_string_lossy()]).unwrap();
    let columns = |schema: &str, table: &str| -> Vec<String> {
        conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}', '{schema}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for t in tables {
        let theirs = columns("today", &t);
        let shared: Vec<String> = columns("main", &t).into_iter().filter(|c| theirs.contains(c)).collect();
        if shared.is_empty() {
            continue;
        }
        let list = shared.join(", ");
        conn.execute(&format!("INSERT INTO main.{t} ({list}) SELECT {list} FROM today.{t}"), []).unwrap();
    }
    conn.execute("DETACH DATABASE today", []).unwrap();
    (conn, id)
}
