//! "Cadangkan data" and "Pulihkan" on real files.

use juri_core::backup::{backup_to, check_backup};
use juri_core::error::Error;
use juri_core::proposals::{ProposalFilter, list_proposals};

use super::support::*;

#[test]
fn backup_while_open_then_restore_keeps_the_replaced_data() {
    let mut t = new_db();
    let demo = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    let out = t.dir.path().join("cadangan.juribak");
    let info = backup_to(&t.db, &out).unwrap();
    assert_eq!((info.competitions, info.proposals), (1, 20));

    // Later work that the restore will undo.
    let p = list_proposals(t.db.conn(), &demo, &ProposalFilter::default()).unwrap().remove(0);
    t.db.write(|tx| juri_core::proposals::remove_proposal(tx, &p.id, "uji", &actor(), NOW)).unwrap();
    assert_eq!(list_proposals(t.db.conn(), &demo, &ProposalFilter::default()).unwrap().len(), 19);

    let kept = t.db.restore_from(&out).unwrap();
    assert_eq!(list_proposals(t.db.conn(), &demo, &ProposalFilter::default()).unwrap().len(), 20, "restored");
    assert_eq!(check_backup(&kept).unwrap().proposals, 19, "the replaced data was kept");
}

#[test]
fn restore_refuses_files_that_are_not_whole_juri_databases() {
    let mut t = new_db();
    t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    let before = dump(&t.db);

    let text = t.dir.path().join("catatan.txt");
    std::fs::write(&text, "bukan basis data").unwrap();
    assert!(matches!(t.db.restore_from(&text), Err(Error::NotJuriDatabase(_))));

    let other = t.dir.path().join("lain.sqlite3");
    rusqlite::Connection::open(&other).unwrap().execute_batch("CREATE TABLE x (a); PRAGMA user_version = 1;").unwrap();
    assert!(matches!(t.db.restore_from(&other), Err(Error::NotJuriDatabase(_))));

    let good = t.dir.path().join("baik.juribak");
    backup_to(&t.db, &good).unwrap();
    let mut bytes = std::fs::read(&good).unwrap();
    let len = bytes.len();
    bytes.truncate(len / 2);
    let cut = t.dir.path().join("terpotong.juribak");
    std::fs::write(&cut, bytes).unwrap();
    assert!(t.db.restore_from(&cut).is_err(), "a truncated backup is refused");
    assert_eq!(dump(&t.db), before, "nothing replaced");
}
