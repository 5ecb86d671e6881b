//! A file Juri is started with (a double-clicked kit or score package): which arguments name one,
//! what each kind leads to, and what is refused.

use std::path::{Path, PathBuf};

use juri_core::db::Db;
use juri_core::error::{Error, ErrorCode};
use juri_core::laptop::OrganiserTask;
use juri_core::sync::*;

use super::support::*;

fn args(a: &[&str]) -> Option<PathBuf> {
    launch_file_in_args(a.iter().map(|s| s.to_string()))
}

#[test]
fn the_first_kit_or_package_among_the_arguments_is_the_launch_file() {
    assert_eq!(launch_kind(Path::new(r"C:\Users\Siti\Downloads\J1.JURIKIT")), Some(LaunchKind::Kit));
    assert_eq!(launch_kind(Path::new("/media/usb/J1-2026.jurinilai")), Some(LaunchKind::Package));
    assert_eq!(launch_kind(Path::new("J1.jurikit.pdf")), None);
    assert_eq!(launch_kind(Path::new("jurikit")), None);
    assert_eq!(args(&[]), None);
    assert_eq!(args(&["--data-dir", "D:\\data.jurikit"]), None, "the value of --data-dir is no launch file");
    assert_eq!(
        args(&["--data-dir", "D:\\Juri", "notes.txt", r"E:\Kit Juri\J2.jurikit", "J3.jurikit"]),
        Some(PathBuf::from(r"E:\Kit Juri\J2.jurikit"))
    );
    assert_eq!(args(&["--data-dir=x", "a.jurinilai"]), Some(PathBuf::from("a.jurinilai")));
}

#[test]
fn a_launched_kit_is_checked_like_a_picked_one_and_a_package_goes_to_its_competition() {
    let mut master = new_db();
    let id = master.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let kit_path = dir.path().join("J1.JuriKit");
    let kit = master.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap();
    std::fs::write(&kit_path, kit_to_bytes(&kit)).unwrap();

    // On an empty laptop the kit fits at once.
    let mut laptop = Db::open(&dir.path().join("laptop.sqlite3")).unwrap();
    match read_launch_file(laptop.conn(), &kit_path).unwrap() {
        Some(LaunchFile::Kit { check }) => {
            assert_eq!(check.info.judge_code, "J1");
            assert_eq!(check.info.competition_id, id);
            assert!(matches!(check.fit, KitFit::Open), "{:?}", check.fit);
        }
        other => panic!("a kit: {other:?}"),
    }

    // The judge's package, double-clicked on the organiser's laptop: read for the merge.
    laptop.write(|tx| open_kit(tx, &kit_to_bytes(&kit), NOW, false)).unwrap();
    let package_path = dir.path().join("J1-2026-12-06.jurinilai");
    std::fs::write(&package_path, export_package(laptop.conn(), "laptop-J1", NOW).unwrap()).unwrap();
    match read_launch_file(master.db.conn(), &package_path).unwrap() {
        Some(LaunchFile::Package { name, bytes, competition_id }) => {
            assert_eq!(name, "J1-2026-12-06.jurinilai");
            assert_eq!(bytes, std::fs::read(&package_path).unwrap());
            assert_eq!(competition_id.as_deref(), Some(id.as_str()));
        }
        other => panic!("a package: {other:?}"),
    }

    // On a judge's laptop a package is refused: merging is the organiser's.
    let refused = read_launch_file(laptop.conn(), &package_path).unwrap_err();
    assert!(matches!(refused, Error::NotOnJudgeLaptop(OrganiserTask::Merge)), "{refused:?}");

    // A package of a competition this master does not hold, or not a package at all: read, with no
    // competition (the merge preview says what is wrong with it).
    let other = new_db();
    match read_launch_file(other.db.conn(), &package_path).unwrap() {
        Some(LaunchFile::Package { competition_id, .. }) => assert_eq!(competition_id, None),
        other => panic!("a package: {other:?}"),
    }
    let junk = dir.path().join("rusak.jurinilai");
    std::fs::write(&junk, b"bukan paket").unwrap();
    assert!(matches!(
        read_launch_file(master.db.conn(), &junk).unwrap(),
        Some(LaunchFile::Package { competition_id: None, .. })
    ));

    // A file gone since the double-click, a folder named like a kit, anything else.
    let gone = read_launch_file(master.db.conn(), &dir.path().join("hilang.jurikit")).unwrap_err();
    assert_eq!(gone.code(), ErrorCode::FileUnreadable, "{gone:?}");
    let folder = dir.path().join("map.jurinilai");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(read_launch_file(master.db.conn(), &folder).unwrap_err().code(), ErrorCode::FileUnreadable);
    assert!(read_launch_file(master.db.conn(), &dir.path().join("laptop.sqlite3")).unwrap().is_none());
}
