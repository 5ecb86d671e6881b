//! The UI's test data, made by the core: `ui/tests/fixtures/*.json` are what the app's commands
//! return for the demo ("Buka contoh") plus a few scores, paper entries and a merge, serialised
//! with the same serde as the commands (the functions src-tauri/src/commands call, with the same
//! arguments). The UI's tests read these files instead of hand-made objects, so a changed field or
//! value in the core shows up there.
//!
//! A snapshot test: when the core's output differs from the committed files it fails; rerun with
//! `UPDATE_UI_FIXTURES=1 cargo test -p juri-core --test it ui_fixtures` to rewrite them and commit.
//! Every time is the fixed `NOW`; record ids (UUID v7, new each run) become "id-1", "id-2", … in
//! order of first appearance over the files in the order written here, so one id reads the same
//! in every file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use juri_core::competition::load_competition;
use juri_core::db::Db;
use juri_core::documents_settings::{document_settings_view, load_document_settings, save_document_settings};
use juri_core::monitoring::{
    DashboardQuery, IndicatorInput, IndicatorKind, QuarterTarget, add_indicator, dashboard, find_innovation,
    innovation_detail,
};
use juri_core::paper::{
    PaperContext, PaperEntryInput, PaperKey, PaperValue, paper_sheet, paper_sheets, save_paper_entry,
};
use juri_core::scoring::sheet::{save_comment, save_score};
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use juri_core::scoring::worklist::score_sheet;
use juri_core::sync::{
    JUDGE_KEY_KEY, export_kit, export_package, kit_to_bytes, merge_packages, open_kit, seal, unverified_payload,
};
use serde::Serialize;

use super::support::*;

/// The day the monitoring dashboard is looked at (TW III 2026 is due and PATEN KELILING has not reported).
const TODAY: &str = "2026-11-23";

/// The seven aspects of the demo's desk stage (0–100).
const DESK: [&str; 7] =
    ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/tests/fixtures")
}

fn pretty<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap() + "\n"
}

fn desk(judge: &str, proposal: &str, criterion: &str) -> ScoreKey {
    ScoreKey { stage: "proposal".into(), proposal: proposal.into(), judge: judge.into(), criterion: criterion.into() }
}

fn score(db: &mut Db, id: &str, key: &ScoreKey, value: f64, who: &str) {
    let ctx = ScoreContext { actor: who.into(), device: format!("laptop-{who}"), now: NOW.into() };
    db.write(|tx| save_score(tx, id, key, value, &ctx, ScoreOrigin::Form)).unwrap();
}

fn paper_entry(slot: u8, staff: &str, values: [Option<f64>; 7]) -> PaperEntryInput {
    PaperEntryInput {
        stage: "proposal".into(),
        judge: "J2".into(),
        proposal: "P-004".into(),
        slot,
        staff: staff.into(),
        values: DESK.iter().zip(values).map(|(c, value)| PaperValue { criterion: c.to_string(), value }).collect(),
    }
}

/// Every fixture file, in writing order: (file name, JSON as the command returns it).
fn build() -> Vec<(&'static str, String)> {
    let mut t = new_db();
    // The demo before anyone scored (the scenarios below score it), with the monitoring registry.
    let id = t.db.write(|tx| juri_core::demo::create_practice_demo(tx, &actor(), NOW)).unwrap();
    let mut files = Vec::new();

    // get_competition / open_demo
    files.push(("competition.json", pretty(&load_competition(t.db.conn(), &id).unwrap())));

    // score_sheet: J1 has scored three aspects of P-001 on the organiser's laptop and commented.
    for (c, v) in [("latar_belakang", 80.0), ("kebaruan", 87.5), ("implementasi", 75.0)] {
        score(&mut t.db, &id, &desk("J1", "P-001", c), v, "J1");
    }
    t.db.write(|tx| save_comment(tx, &id, "proposal", "J1", "P-001", "  Data dukung lengkap.  ", NOW)).unwrap();
    files.push(("score-sheet.json", pretty(&score_sheet(t.db.conn(), &id, "proposal", "J1", "P-001").unwrap())));

    // paper_sheet / paper_sheets: J2's desk sheet of P-004 typed twice; kebaruan misread, keberlanjutan
    // left blank in the second typing.
    let ctx = |staff: &str| PaperContext { staff: staff.into(), device: "laptop-sekretariat".into(), now: NOW.into() };
    let one = [Some(80.0), Some(75.5), Some(70.0), Some(82.0), Some(78.0), Some(65.0), Some(72.0)];
    let mut two = one;
    two[1] = Some(57.5);
    two[6] = None;
    for e in [paper_entry(1, "Sari Dewi", one), paper_entry(2, "Dodi", two)] {
        let c = ctx(&e.staff);
        t.db.write(|tx| save_paper_entry(tx, &id, &e, &c)).unwrap();
    }
    let key = PaperKey { stage: "proposal".into(), judge: "J2".into(), proposal: "P-004".into() };
    files.push(("paper-sheet.json", pretty(&paper_sheet(t.db.conn(), &id, &key).unwrap())));
    files.push(("paper-sheets.json", pretty(&paper_sheets(t.db.conn(), &id, "proposal", "J2").unwrap())));

    // monitoring_dashboard of the demo as opened, the quarter left to the core (the last one that
    // ended before TODAY).
    let query = DashboardQuery { today: TODAY.into(), year: None, quarter: None, innovation_id: None };
    files.push(("dashboard.json", pretty(&dashboard(t.db.conn(), &query).unwrap())));

    // innovation_detail: ANTRI SEHAT with one more indicator (added as add_indicator does), whose
    // targets span two years and have a decimal.
    let inv = find_innovation(t.db.conn(), "INV-001").unwrap().unwrap();
    let targets = [(2025, 4, 8.0), (2026, 1, 10.0), (2026, 3, 12.5)];
    let input = IndicatorInput {
        kind: IndicatorKind::Kemanfaatan,
        name: "Warga terlayani di desa".into(),
        measure: "orang".into(),
        kontrak_kinerja: "IKU 3.2".into(),
        targets: targets.iter().map(|&(year, quarter, target)| QuarterTarget { year, quarter, target }).collect(),
    };
    t.db.write(|tx| add_indicator(tx, &inv.id, input, &actor(), NOW)).unwrap();
    files.push(("innovation-detail.json", pretty(&t.db.read(|tx| innovation_detail(tx, &inv.id)).unwrap())));

    // save_document_settings: the form saved with the dates and the letterhead's address filled in;
    // the view it returns.
    let mut settings = load_document_settings(t.db.conn(), &id).unwrap();
    settings.certificate_date = "2026-10-28".into();
    settings.pleno_date = "2026-09-04".into();
    settings.kop_address = vec!["Jalan Merdeka No. 1, Sukamaju 45111".into(), "Telepon (0265) 123456".into()];
    t.db.write(|tx| save_document_settings(tx, &id, &settings, NOW)).unwrap();
    let view = document_settings_view(t.db.conn(), &id).unwrap();
    files.push(("document-settings.json", pretty(&view)));

    // J1's kit, opened on a laptop below (the UI asks the core what a kit is: no kit fixture).
    let kit = t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap();

    // apply_merge: J1's laptop changes kebaruan of P-001 (already 87,5 on the master: a conflict),
    // scores P-002 and comments on it; J2's laptop sends one score and one for an unknown proposal;
    // a copy of J1's package with one byte changed is refused whole.
    let laptop = |kit_bytes: &[u8]| {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("laptop.sqlite3")).unwrap();
        db.write(|tx| open_kit(tx, kit_bytes, NOW, false)).unwrap();
        (dir, db)
    };
    let (_d1, mut j1) = laptop(&kit_to_bytes(&kit));
    score(&mut j1, &id, &desk("J1", "P-001", "kebaruan"), 90.0, "J1");
    score(&mut j1, &id, &desk("J1", "P-002", "kebaruan"), 70.0, "J1");
    j1.write(|tx| save_comment(tx, &id, "proposal", "J1", "P-002", "Perlu data pembanding.", NOW)).unwrap();
    let from_j1 = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    let kit2 = t.db.write(|tx| export_kit(tx, &id, "J2", NOW)).unwrap();
    let (_d2, mut j2) = laptop(&kit_to_bytes(&kit2));
    score(&mut j2, &id, &desk("J2", "P-001", "kebaruan"), 66.0, "J2");
    let mut payload = unverified_payload(&export_package(j2.conn(), "laptop-J2", NOW).unwrap()).unwrap();
    let mut stray = payload.events[0].clone();
    stray.id = juri_core::ids::new_id();
    stray.proposal = "P-404".into();
    stray.seq = stray.seq.map(|s| s + 1);
    payload.events.push(stray);
    let key_hex = j2.setting(JUDGE_KEY_KEY).unwrap().unwrap();
    let key: Vec<u8> =
        (0..key_hex.len()).step_by(2).map(|i| u8::from_str_radix(&key_hex[i..i + 2], 16).unwrap()).collect();
    let from_j2 = seal(&payload, &key);
    // One value changed after signing, as someone editing the file would.
    let text = String::from_utf8(from_j1.clone()).unwrap();
    assert!(text.contains("\"new\":90.0"), "{text}");
    let tampered = text.replacen("\"new\":90.0", "\"new\":95.0", 1).into_bytes();
    let packages: Vec<(String, Vec<u8>)> = vec![
        ("J1.jurinilai".into(), from_j1.clone()),
        ("J2.jurinilai".into(), from_j2),
        ("J1-salinan.jurinilai".into(), tampered),
    ];
    let merge = |t: &mut TestDb, packages: &[(String, Vec<u8>)]| {
        t.db.write(|tx| merge_packages(tx, &id, packages, NOW, juri_core::Lang::Id)).unwrap()
    };
    files.push(("merge-reports.json", pretty(&merge(&mut t, &packages))));
    // The same package of J1 again: everything in it is already merged.
    files.push(("merge-again.json", pretty(&merge(&mut t, &[("J1.jurinilai".into(), from_j1)]))));

    // The core's limits that the UI checks before sending (juri_core::limits).
    let limits = serde_json::json!({ "comment": juri_core::limits::COMMENT });
    files.push(("limits.json", pretty(&limits)));
    files
}

/// Replaces every UUID (8-4-4-4-12 hex) by "id-N", numbered in order of first appearance over all files.
fn stable_ids(files: Vec<(&'static str, String)>) -> Vec<(&'static str, String)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    files
        .into_iter()
        .map(|(name, text)| {
            let b = text.as_bytes();
            let mut out = String::with_capacity(text.len());
            let mut i = 0;
            while i < b.len() {
                if is_uuid_at(b, i) {
                    let n = seen.len() + 1;
                    let n = *seen.entry(text[i..i + 36].to_ascii_lowercase()).or_insert(n);
                    out.push_str(&format!("id-{n}"));
                    i += 36;
                } else {
                    let ch = text[i..].chars().next().unwrap();
                    out.push(ch);
                    i += ch.len_utf8();
                }
            }
            (name, out)
        })
        .collect()
}

/// A UUID starts at `i` of `b`, not inside a longer run of hex digits.
fn is_uuid_at(b: &[u8], i: usize) -> bool {
    let Some(s) = b.get(i..i + 36) else { return false };
    let hex = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii_hexdigit());
    s.iter().enumerate().all(|(k, c)| if [8, 13, 18, 23].contains(&k) { *c == b'-' } else { c.is_ascii_hexdigit() })
        && !hex(i.checked_sub(1).and_then(|p| b.get(p)))
        && !hex(b.get(i + 36))
}

#[test]
fn ui_fixtures_are_what_the_core_returns_now() {
    let files = stable_ids(build());
    let dir = fixtures_dir();
    if std::env::var("UPDATE_UI_FIXTURES").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !files.iter().any(|(n, _)| *n == name) {
                std::fs::remove_file(&path).unwrap();
            }
        }
        for (name, text) in &files {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let mut stale: Vec<String> = Vec::new();
    for (name, text) in &files {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(old) if old == *text => {}
            Ok(old) => {
                let line = old.lines().zip(text.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
                stale.push(format!("{name} differs from line {line}"));
            }
            Err(_) => stale.push(format!("{name} is missing")),
        }
    }
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for entry in entries {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if !files.iter().any(|(n, _)| *n == name) {
                stale.push(format!("{name} is no longer made by the core"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "ui/tests/fixtures no longer match what the core returns ({}).\n\
         Check the change is intended, then rerun with UPDATE_UI_FIXTURES=1 \
         cargo test -p juri-core --test it ui_fixtures, and commit the rewritten files \
         (and adapt the UI tests that read them).",
        stale.join("; ")
    );
}

#[test]
fn ids_are_numbered_in_order_of_first_appearance_across_files() {
    let a = "0190f000-0000-7000-8000-000000000001";
    let b = "0190F000-0000-7000-8000-00000000000A";
    let files = vec![
        ("a.json", format!("[\"{a}\", \"{b}\", \"{a}\"]")),
        ("b.json", format!("{{\"x\": \"{}\", \"k\": \"{}\"}}", b.to_lowercase(), "ab".repeat(32))),
        ("c.json", format!("\"{a}f\" \"é{a}\"")),
    ];
    let out = stable_ids(files);
    assert_eq!(out[0].1, "[\"id-1\", \"id-2\", \"id-1\"]");
    assert_eq!(out[1].1, format!("{{\"x\": \"id-2\", \"k\": \"{}\"}}", "ab".repeat(32)), "hex keys are left alone");
    assert_eq!(out[2].1, format!("\"{a}f\" \"éid-1\""), "a longer hex run is no id");
}
