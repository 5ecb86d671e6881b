//! Offline judging: kits, signed packages, idempotent and order-independent merges, conflicts,
//! and every kind of bad package refused with nothing changed.

use juri_core::db::Db;
use juri_core::error::{Error, PackageProblem};
use juri_core::import::import_judges;
use juri_core::lang::Lang;
use juri_core::scoring::sheet::save_score;
use juri_core::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use juri_core::sync::*;

use super::support::*;

const JUDGES: &str =
    "kode,nama,konflik\nJ1,Juri Satu,\nJ2,Juri Dua,\nJ5,Juri Lima,Badan Perencanaan Pembangunan Daerah\n";

fn master() -> (TestDb, String) {
    let mut t = new_db();
    let id = t.db.write(|tx| juri_core::demo::create_demo(tx, &actor(), NOW)).unwrap();
    t.db.write(|tx| import_judges(tx, &id, JUDGES.as_bytes(), NOW)).unwrap();
    (t, id)
}

/// A judge's laptop database opened from the master's kit.
fn laptop(master: &mut TestDb, id: &str, judge: &str) -> (tempfile::TempDir, Db) {
    let kit = master.db.write(|tx| export_kit(tx, id, judge, NOW)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join(format!("{judge}.sqlite3"))).unwrap();
    db.write(|tx| open_kit(tx, &kit_to_bytes(&kit), NOW, false)).unwrap();
    (dir, db)
}

fn score(db: &mut Db, id: &str, judge: &str, proposal: &str, criterion: &str, v: f64, at: &str) {
    let key = ScoreKey {
        stage: "proposal".into(),
        proposal: proposal.into(),
        judge: judge.into(),
        criterion: criterion.into(),
    };
    let ctx = ScoreContext { actor: judge.into(), device: format!("laptop-{judge}"), now: at.into() };
    db.write(|tx| save_score(tx, id, &key, v, &ctx, ScoreOrigin::Form)).unwrap();
}

fn merge(t: &mut TestDb, id: &str, pkgs: &[(&str, &Vec<u8>)]) -> Vec<PackageReport> {
    let files: Vec<(String, Vec<u8>)> = pkgs.iter().map(|(n, b)| (n.to_string(), (*b).clone())).collect();
    t.db.write(|tx| merge_packages(tx, id, &files, NOW, Lang::Id)).unwrap()
}

fn scores(t: &TestDb) -> String {
    let mut stmt =
        t.db.conn()
            .prepare(
                "SELECT p.code, j.code, c.code, sc.value FROM score sc JOIN proposal p ON p.n = sc.proposal_n
             JOIN judge j ON j.n = sc.judge_n JOIN criterion c ON c.n = sc.criterion_n ORDER BY 1, 2, 3",
            )
            .unwrap();
    let rows: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "{} {} {} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, f64>(3)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let history: i64 = t.db.conn().query_row("SELECT count(*) FROM score_history", [], |r| r.get(0)).unwrap();
    format!("{}\nhistory {history}", rows.join("\n"))
}

#[test]
fn a_kit_leaves_out_conflicted_and_screened_out_proposals() {
    let (mut t, id) = master();
    let kit = t.db.write(|tx| export_kit(tx, &id, "J5", NOW)).unwrap();
    let codes: Vec<&str> = kit.proposals.iter().map(|p| p.code.as_str()).collect();
    assert!(!codes.contains(&"P-009"), "J5 is conflicted with Bappeda's P-009");
    assert!(!codes.contains(&"P-012") && !codes.contains(&"P-015"), "withdrawn and failed entries are not scored");
    assert_eq!(codes.len(), 17);
    let (_d, laptop) = laptop(&mut t, &id, "J5");
    assert_eq!(judge_mode(laptop.conn()).unwrap().as_deref(), Some("J5"));
    assert_eq!(
        juri_core::competition::active_competition(laptop.conn()).unwrap().as_deref(),
        Some(id.as_str()),
        "same competition id"
    );
}

#[test]
fn merging_is_idempotent_order_independent_and_keeps_late_old_packages() {
    let (mut t, id) = master();
    let (_d1, mut j1) = laptop(&mut t, &id, "J1");
    let (_d2, mut j2) = laptop(&mut t, &id, "J2");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 70.0, "2026-08-13T09:00:00Z");
    let old_j1 = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 75.0, "2026-08-13T10:00:00Z");
    score(&mut j1, &id, "J1", "P-002", "kebaruan", 88.5, "2026-08-13T10:05:00Z");
    let new_j1 = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    score(&mut j2, &id, "J2", "P-001", "kebaruan", 60.0, "2026-08-13T11:00:00Z");
    let p2 = export_package(j2.conn(), "laptop-J2", NOW).unwrap();

    let (mut a, id_a) = (t, id.clone());
    let r = merge(&mut a, &id_a, &[("J1-baru", &new_j1), ("J2", &p2)]);
    assert_eq!((r[0].new, r[0].changed, r[0].refused.clone()), (2, 1, None), "first value, its edit, a second score");
    let late = merge(&mut a, &id_a, &[("J1-lama", &old_j1)]);
    assert_eq!(late[0].already_merged, 1, "the old package's only event is already in");
    let once = scores(&a);
    merge(&mut a, &id_a, &[("J1-baru", &new_j1), ("J2", &p2)]);
    assert_eq!(scores(&a), once, "merging the same packages twice changes nothing");
    assert!(once.contains("P-001 J1 kebaruan 75"), "the newest edit wins: {once}");

    // Another master, the packages in the opposite order (old one first): the same result.
    let (mut b, id_b) = master();
    // The kits of `b` have other keys: re-sign the same payloads with b's keys for this check.
    let resign = |b: &mut TestDb, bytes: &Vec<u8>| -> Vec<u8> {
        let payload = unverified_payload(bytes).unwrap();
        let mut p = payload;
        p.competition_id = id_b.clone();
        let kit = b.db.write(|tx| export_kit(tx, &id_b, &p.judge.clone(), NOW)).unwrap();
        seal(&p, &hex(&kit.key))
    };
    let (o, n, q) = (resign(&mut b, &old_j1), resign(&mut b, &new_j1), resign(&mut b, &p2));
    merge(&mut b, &id_b, &[("J2", &q)]);
    merge(&mut b, &id_b, &[("J1-lama", &o)]);
    merge(&mut b, &id_b, &[("J1-baru", &n)]);
    assert_eq!(scores(&b), once, "any order gives the same master");
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

#[test]
fn a_value_entered_on_the_master_is_a_conflict_resolved_explicitly() {
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut t.db, &id, "J1", "P-003", "kebaruan", 65.0, "2026-08-13T08:00:00Z"); // typed from paper
    score(&mut j1, &id, "J1", "P-003", "kebaruan", 70.0, "2026-08-13T09:00:00Z");
    let pkg = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    let r = merge(&mut t, &id, &[("J1", &pkg)]);
    assert_eq!(r[0].conflicts, 1);
    assert!(scores(&t).contains("P-003 J1 kebaruan 65"), "never overwritten silently");
    let c = open_conflicts(t.db.conn(), &id).unwrap();
    assert_eq!((c.len(), c[0].master_value, c[0].package_value), (1, 65.0, 70.0));
    t.db.write(|tx| resolve_conflict(tx, &c[0].event_id, true, "panitia", NOW)).unwrap();
    assert!(scores(&t).contains("P-003 J1 kebaruan 70"));
    assert!(open_conflicts(t.db.conn(), &id).unwrap().is_empty());
}

#[test]
fn bad_packages_are_refused_and_change_nothing() {
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0, "2026-08-13T09:00:00Z");
    let good = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    t.db.write(|tx| export_kit(tx, &id, "J2", NOW)).unwrap(); // J2 gets a key too
    let before = dump(&t.db);
    let refused = |t: &mut TestDb, bytes: Vec<u8>| -> String {
        let r = merge(t, &id, &[("x", &bytes)]);
        r[0].refused.clone().unwrap_or_default()
    };

    // One flipped byte anywhere: header, payload, MAC.
    for pos in [0, 5, 20, good.len() / 2, good.len() - 10, good.len() - 2] {
        let mut b = good.clone();
        b[pos] ^= 0x01;
        assert!(!refused(&mut t, b).is_empty(), "flipped byte at {pos} is refused");
    }
    assert!(!refused(&mut t, good[..good.len() / 2].to_vec()).is_empty(), "truncated");
    assert!(!refused(&mut t, vec![0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]).is_empty(), "a zip file");
    let mut huge = b"JURINILAI 1\n".to_vec();
    huge.resize(MAX_PACKAGE_BYTES + 1, b' ');
    assert!(refused(&mut t, huge).contains("terlalu besar"), "oversized");

    // Re-signed by someone without the judge's key.
    let payload = unverified_payload(&good).unwrap();
    assert!(refused(&mut t, seal(&payload, &[7u8; 32])).contains("Tanda tangan"), "forged key");
    // Claims to be J2 (who has a key) but is signed with J1's key.
    let mut as_j2 = payload.clone();
    as_j2.judge = "J2".into();
    let j1_key: String = j1.setting(JUDGE_KEY_KEY).unwrap().unwrap();
    assert!(refused(&mut t, seal(&as_j2, &hex(&j1_key))).contains("Tanda tangan"), "another judge's package");
    let mut other = payload.clone();
    other.competition_id = "01900000-0000-7000-8000-000000000000".into();
    assert!(
        refused(&mut t, seal(&other, &hex(&j1_key))).contains("kompetisi lain"),
        "replayed from another competition"
    );
    assert_eq!(dump(&t.db), before, "nothing changed by any refused package");

    // And a good package still merges.
    assert_eq!(merge(&mut t, &id, &[("J1", &good)])[0].new, 1);
    let e = export_package(t.db.conn(), "master", NOW).unwrap_err();
    assert!(matches!(e, Error::BadPackage(PackageProblem::NotAJudgeLaptop)), "the master is not a judge laptop");
    assert!(
        e.message(juri_core::Lang::Id).contains("Ini database panitia, bukan database laptop juri"),
        "{}",
        e.message(juri_core::Lang::Id)
    );
}

/// 100,000 random and mutated packages: the parser never panics, never accepts one, changes nothing.
#[test]
fn a_hundred_thousand_mutated_packages_are_all_refused() {
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    for (i, c) in ["kebaruan", "signifikansi", "adaptabilitas"].iter().enumerate() {
        score(&mut j1, &id, "J1", "P-001", c, 70.0 + i as f64, &format!("2026-08-13T09:0{i}:00Z"));
    }
    let good = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    assert!(verify_package(t.db.conn(), &id, &good).is_ok(), "the unmutated package is valid");
    let before = dump(&t.db);
    // The suite runs 100,000 cases; a longer pass outside it sets JURI_FUZZ_CASES and JURI_FUZZ_SEED.
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<u64>().ok());
    let cases = env("JURI_FUZZ_CASES").unwrap_or(100_000);
    let mut state: u64 =
        env("JURI_FUZZ_SEED").map_or(0x9E37_79B9_7F4A_7C15, |s| s.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for i in 0..cases {
        let mut b = good.clone();
        match i % 5 {
            0 => {
                let pos = (next() as usize) % b.len();
                b[pos] ^= 1 << (next() % 8);
            }
            1 => b.truncate((next() as usize) % b.len()),
            2 => {
                let pos = (next() as usize) % b.len();
                b.insert(pos, next() as u8);
            }
            3 => {
                let n = (next() % 64) as usize + 1;
                let pos = (next() as usize) % b.len();
                for k in 0..n.min(b.len() - pos) {
                    b[pos + k] = next() as u8;
                }
            }
            _ => b = (0..(next() % 512)).map(|_| next() as u8).collect(),
        }
        if b == good {
            continue;
        }
        assert!(verify_package(t.db.conn(), &id, &b).is_err(), "mutation {i} was accepted");
    }
    assert_eq!(dump(&t.db), before, "nothing changed");
}

#[test]
fn a_kit_is_refused_where_it_does_not_belong_and_nothing_changes() {
    let (mut t, id) = master();
    let kit1 = kit_to_bytes(&t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap());
    let kit2 = kit_to_bytes(&t.db.write(|tx| export_kit(tx, &id, "J2", NOW)).unwrap());
    let problem = |r: juri_core::Result<String>| match r {
        Err(Error::BadPackage(p)) => p,
        other => panic!("expected a refusal, got {other:?}"),
    };

    // The organiser's master holds a competition: opening a kit there is refused unless confirmed.
    let before = scores(&t);
    let p = problem(t.db.write(|tx| open_kit(tx, &kit1, NOW, false)));
    assert_eq!(p, PackageProblem::LaptopHoldsData(1));
    assert!(p.message(Lang::Id).contains("1 kompetisi"), "{}", p.message(Lang::Id));
    assert_eq!(judge_mode(t.db.conn()).unwrap(), None, "still the organiser's laptop");
    assert_eq!(scores(&t), before);

    // J1's laptop refuses J2's kit (whatever the confirmation) and takes its own kit again.
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    let p = problem(j1.write(|tx| open_kit(tx, &kit2, NOW, true)));
    assert_eq!(p, PackageProblem::KitForAnotherJudge { kit: "J2".into(), laptop: "J1".into() });
    assert_eq!(judge_mode(j1.conn()).unwrap().as_deref(), Some("J1"));
    j1.write(|tx| open_kit(tx, &kit1, NOW, false)).expect("the same judge's updated kit opens");

    // A kit of another competition is refused on a judge's laptop.
    let (mut other, other_id) = master();
    let foreign = kit_to_bytes(&other.db.write(|tx| export_kit(tx, &other_id, "J1", NOW)).unwrap());
    assert_eq!(problem(j1.write(|tx| open_kit(tx, &foreign, NOW, true))), PackageProblem::KitForAnotherCompetition);
}

#[test]
fn a_judge_laptop_lists_the_masters_finalists_at_the_venue() {
    use juri_core::scoring::worklist::judge_worklist;
    let (mut t, id) = master();
    let codes = |db: &Db| -> Vec<String> {
        judge_worklist(db.conn(), &id, "presentasi", "J1").unwrap().into_iter().map(|w| w.proposal).collect()
    };
    let (_d, mut j1) = laptop(&mut t, &id, "J1");

    // Complete desk sheets of J1 on the master for every proposal J1 may score, all different.
    let setup = juri_core::competition::load_competition(t.db.conn(), &id).unwrap().setup;
    let desk = setup.stage("proposal").unwrap().criteria.clone();
    let items = judge_worklist(t.db.conn(), &id, "proposal", "J1").unwrap();
    for (i, w) in items.iter().filter(|w| !w.recused).enumerate() {
        for c in &desk {
            score(&mut t.db, &id, "J1", &w.proposal, &c.code, 40.0 + i as f64, "2026-08-13T09:00:00Z");
        }
    }
    let on_master = codes(&t.db);
    assert!(
        !on_master.is_empty() && on_master.len() < items.len(),
        "the venue takes the finalists only: {on_master:?}"
    );

    // The updated kit carries them; the laptop (which holds none of those desk scores) shows the same list.
    let kit = t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap();
    let mut listed = kit.stage_participants["presentasi"].clone();
    listed.sort();
    let mut expected = on_master.clone();
    expected.sort();
    assert_eq!(listed, expected);
    assert!(!kit.stage_participants.contains_key("proposal"), "the first stage is everyone's");
    j1.write(|tx| open_kit(tx, &kit_to_bytes(&kit), NOW, false)).unwrap();
    let mut on_laptop = codes(&j1);
    on_laptop.sort();
    assert_eq!(on_laptop, expected);
    assert_eq!(
        judge_worklist(j1.conn(), &id, "proposal", "J1").unwrap().len(),
        items.len(),
        "the desk stage still lists every proposal of the kit"
    );
}

#[test]
fn packages_carry_the_judges_comments_and_final_marks() {
    use juri_core::scoring::sheet::{save_comment, set_sheet_final, sheet_comment, sheet_final};
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0, "2026-08-13T09:00:00Z");
    j1.write(|tx| save_comment(tx, &id, "proposal", "J1", "P-001", "Data dukung lengkap.", "2026-08-13T09:01:00Z"))
        .unwrap();
    j1.write(|tx| set_sheet_final(tx, &id, "J1", "proposal", true, "2026-08-13T09:02:00Z")).unwrap();
    let first = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    j1.write(|tx| {
        save_comment(
            tx,
            &id,
            "proposal",
            "J1",
            "P-001",
            "Data dukung lengkap; replikasi jelas.",
            "2026-08-13T10:00:00Z",
        )
    })
    .unwrap();
    let second = export_package(j1.conn(), "laptop-J1", NOW).unwrap();

    // The newer package first, the older one after: the newer comment stays.
    let r = merge(&mut t, &id, &[("J1-2", &second)]);
    assert_eq!((r[0].comments, r[0].finals), (1, 1));
    let r = merge(&mut t, &id, &[("J1-1", &first)]);
    assert_eq!(r[0].comments, 0, "an older comment does not replace a newer one");
    assert_eq!(
        sheet_comment(t.db.conn(), &id, "proposal", "J1", "P-001").unwrap(),
        "Data dukung lengkap; replikasi jelas."
    );
    assert!(sheet_final(t.db.conn(), &id, "J1", "proposal").unwrap(), "the final mark travels too");
    let again = merge(&mut t, &id, &[("J1-2", &second)]);
    assert_eq!((again[0].comments, again[0].finals), (0, 0), "merging again changes nothing");
}

/// Signs `payload` with the master's key of `judge` (a judge can sign anything with their own key).
fn sign_as(t: &TestDb, id: &str, judge: &str, payload: &PackagePayload) -> Vec<u8> {
    let key: String = t
        .db
        .conn()
        .query_row(
            "SELECT k.key_hex FROM judge_key k JOIN judge j ON j.id = k.judge_id WHERE j.code = ?1 AND j.competition_id = ?2",
            [judge, id],
            |r| r.get(0),
        )
        .unwrap();
    let key: Vec<u8> = (0..key.len()).step_by(2).map(|i| u8::from_str_radix(&key[i..i + 2], 16).unwrap()).collect();
    seal(payload, &key)
}

#[test]
fn a_judge_cannot_make_another_judges_package_look_already_merged() {
    let (mut t, id) = master();
    let (_d1, mut j1) = laptop(&mut t, &id, "J1");
    let (_d2, mut j2) = laptop(&mut t, &id, "J2");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 70.0, "2026-08-13T09:00:00Z");
    score(&mut j2, &id, "J2", "P-001", "kebaruan", 61.0, "2026-08-13T09:00:00Z");
    let real_j2 = export_package(j2.conn(), "laptop-J2", NOW).unwrap();
    // J1 re-signs his own package carrying J2's event ids.
    let mut forged = unverified_payload(&export_package(j1.conn(), "laptop-J1", NOW).unwrap()).unwrap();
    forged.events[0].id = unverified_payload(&real_j2).unwrap().events[0].id.clone();
    let forged = sign_as(&t, &id, "J1", &forged);

    // The forged one first: J2's real package is refused naming J1, not silently "already merged".
    let (mut a, id_a) = (t, id.clone());
    let r = merge(&mut a, &id_a, &[("J1-palsu", &forged)]);
    assert_eq!((r[0].new, r[0].refused.clone()), (1, None), "J1's own score is his to set");
    let r = merge(&mut a, &id_a, &[("J2", &real_j2)]);
    let why = r[0].refused.clone().expect("an id of J1's score in J2's package refuses it");
    assert!(why.contains("J1"), "the reason names the judge whose ids were reused: {why}");
    assert_eq!(r[0].already_merged, 0, "nothing of J2 counted as already merged");

    // In one merge, the real package first: the forged one is refused and J2's score is taken.
    let (mut b, id_b) = master();
    for j in ["J1", "J2"] {
        b.db.write(|tx| export_kit(tx, &id_b, j, NOW)).unwrap();
    }
    let resigned_j2 = sign_as(&b, &id_b, "J2", &{
        let mut p = unverified_payload(&real_j2).unwrap();
        p.competition_id = id_b.clone();
        p
    });
    let forged_b = sign_as(&b, &id_b, "J1", &{
        let mut p = unverified_payload(&forged).unwrap();
        p.competition_id = id_b.clone();
        p
    });
    let r = merge(&mut b, &id_b, &[("J2", &resigned_j2), ("J1-palsu", &forged_b)]);
    assert_eq!((r[0].new, r[0].refused.clone()), (1, None), "J2's real score is taken");
    assert!(r[1].refused.as_deref().is_some_and(|w| w.contains("J2")), "{:?}", r[1]);
    assert!(scores(&b).contains("P-001 J2 kebaruan 61"), "{}", scores(&b));
}

#[test]
fn a_laptop_clock_cannot_freeze_a_score() {
    let (mut t, id) = master();
    let (_d1, mut j1) = laptop(&mut t, &id, "J1");
    // A dead clock battery: the first edit is dated 9999, the real later edit 2026.
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 70.0, "9999-12-31T00:00:00Z");
    let first = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    let r = merge(&mut t, &id, &[("J1-a", &first)]);
    assert!(r[0].warnings.iter().any(|w| w.contains("setelah hari ini")), "the absurd date is reported: {:?}", r[0]);
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 82.0, "2026-08-13T10:00:00Z");
    let second = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    let r = merge(&mut t, &id, &[("J1-b", &second)]);
    assert_eq!((r[0].changed, r[0].already_merged), (1, 1), "{:?}", r[0]);
    assert!(scores(&t).contains("P-001 J1 kebaruan 82"), "the later edit wins whatever its date: {}", scores(&t));

    // Merged in the other order on a fresh master (both packages at once): the same value.
    let (mut b, id_b) = master();
    let resign = |b: &TestDb, bytes: &Vec<u8>| {
        let mut p = unverified_payload(bytes).unwrap();
        p.competition_id = id_b.clone();
        sign_as(b, &id_b, "J1", &p)
    };
    b.db.write(|tx| export_kit(tx, &id_b, "J1", NOW)).unwrap();
    let (s2, s1) = (resign(&b, &second), resign(&b, &first));
    merge(&mut b, &id_b, &[("J1-b", &s2), ("J1-a", &s1)]);
    assert!(scores(&b).contains("P-001 J1 kebaruan 82"), "{}", scores(&b));
}

#[test]
fn a_new_laptop_continues_above_the_judges_merged_events() {
    let (mut t, id) = master();
    let (_d1, mut old_laptop) = laptop(&mut t, &id, "J1");
    for i in 0..5 {
        score(&mut old_laptop, &id, "J1", "P-001", "kebaruan", 60.0 + i as f64, "2026-08-13T09:00:00Z");
    }
    let old = export_package(old_laptop.conn(), "laptop-lama", NOW).unwrap();
    merge(&mut t, &id, &[("lama", &old)]);
    // The judge moves to a fresh laptop with a kit made after the merge: one edit there wins.
    let (_d2, mut new_laptop) = laptop(&mut t, &id, "J1");
    score(&mut new_laptop, &id, "J1", "P-001", "kebaruan", 90.0, "2026-08-13T08:00:00Z");
    let new = export_package(new_laptop.conn(), "laptop-baru", NOW).unwrap();
    let r = merge(&mut t, &id, &[("baru", &new)]);
    assert_eq!(r[0].changed, 1, "{:?}", r[0]);
    assert!(scores(&t).contains("P-001 J1 kebaruan 90"), "{}", scores(&t));
}

#[test]
fn the_same_package_twice_in_one_merge_counts_once() {
    let (mut t, id) = master();
    let (_d1, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 70.0, "2026-08-13T09:00:00Z");
    let p = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    let r = merge(&mut t, &id, &[("a/J1.jurinilai", &p), ("b/J1.jurinilai", &p)]);
    assert_eq!(r[0].new, 1);
    assert_eq!(r[1].duplicate_of.as_deref(), Some("a/J1.jurinilai"));
    assert_eq!((r[1].new, r[1].already_merged, r[1].events), (0, 0, 0), "the copy adds and counts nothing");
    assert_eq!(r[1].judge.as_deref(), Some("J1"), "the copy names the judge of the first");
}

#[test]
fn a_signed_package_with_a_bad_content_says_what_is_wrong() {
    let (mut t, id) = master();
    t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap();
    // Correctly signed by J1, but an event lacks its value.
    let body = format!(
        r#"{{"format":"juri-nilai","competition_id":"{id}","judge":"J1","exported_at":"{NOW}","device":"x",
            "events":[{{"id":"0190f000-0000-7000-8000-000000000001","stage":"proposal","proposal":"P-001","criterion":"kebaruan","old":null,"at":"{NOW}","device":"x"}}]}}"#
    );
    let key: String = t
        .db
        .conn()
        .query_row("SELECT key_hex FROM judge_key k JOIN judge j ON j.id = k.judge_id WHERE j.code = 'J1'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let key: Vec<u8> = (0..key.len()).step_by(2).map(|i| u8::from_str_radix(&key[i..i + 2], 16).unwrap()).collect();
    use hmac::{KeyInit, Mac};
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(&key).unwrap();
    mac.update(body.as_bytes());
    let tag: String = mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect();
    let bytes = format!("JURINILAI 1\n{body}\nMAC {tag}\n").into_bytes();
    match verify_package(t.db.conn(), &id, &bytes) {
        Err(Error::BadPackage(PackageProblem::BadContent(why))) => assert!(why.contains("new"), "{why}"),
        other => panic!("a signed package with a missing field is a content error, not a bad signature: {other:?}"),
    }
    let r = merge(&mut t, &id, &[("J1", &bytes)]);
    assert!(r[0].refused.as_deref().is_some_and(|w| w.contains("isinya tidak sah")), "{:?}", r[0]);
}

/// A small seeded generator, so a failing hostile input can be reproduced.
fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn hostile_kits_are_refused_with_nothing_changed() {
    let (mut t, id) = master();
    let good = kit_to_bytes(&t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap());
    let text = String::from_utf8(good.clone()).unwrap();
    let mut hostile: Vec<(String, Vec<u8>)> = vec![
        ("empty".into(), Vec::new()),
        ("truncated".into(), good[..good.len() / 2].to_vec()),
        ("nested".into(), "[".repeat(100_000).into_bytes()),
        ("NULs".into(), vec![0; 4096]),
        ("over 20 MB".into(), vec![b' '; 21 * 1024 * 1024]),
        ("absurd range".into(), text.replacen("\"max\": 100.0", "\"max\": 1e308", 1).into_bytes()),
        ("short key".into(), {
            let v: serde_json::Value = serde_json::from_slice(&good).unwrap();
            let mut v = v;
            v["key"] = serde_json::Value::String("abcd".into());
            serde_json::to_vec(&v).unwrap()
        }),
        ("other format".into(), text.replacen("juri-kit", "juri-kat", 1).into_bytes()),
    ];
    let mut seed = 0x5eed_u64;
    for i in 0..200 {
        let mut b = good.clone();
        for _ in 0..1 + i % 8 {
            let at = (xorshift(&mut seed) as usize) % b.len();
            b[at] = xorshift(&mut seed) as u8;
        }
        hostile.push((format!("mutation {i}"), b));
    }
    for (name, bytes) in hostile {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("laptop.sqlite3")).unwrap();
        let before = dump(&db);
        match db.write(|tx| open_kit(tx, &bytes, NOW, false)) {
            Err(e) => {
                assert!(!e.message(Lang::Id).is_empty());
                assert_eq!(dump(&db), before, "{name}: a refused kit changes nothing");
            }
            // A mutation inside a text (a title's letter) still makes a valid kit: that is fine.
            Ok(_) => assert!(name.starts_with("mutation"), "{name} must be refused"),
        }
    }
}

#[test]
fn damaged_stored_keys_and_lists_are_errors_not_empty_values() {
    let (mut t, id) = master();
    t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap();
    t.db.conn().execute("UPDATE judge_key SET key_hex = 'zz'", []).unwrap();
    let err = t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).expect_err("a damaged key is an error");
    assert_eq!(err.code(), juri_core::ErrorCode::Storage);
    assert!(err.message(Lang::Id).contains("rusak"), "{}", err.message(Lang::Id));
    t.db.conn().execute("UPDATE judge SET conflicts = '[\"Bappeda' WHERE code = 'J5'", []).unwrap();
    assert!(
        juri_core::judges::list_judges(t.db.conn(), &id).is_err(),
        "a damaged conflict list must not read as 'no conflicts'"
    );
}

#[test]
fn a_judge_laptop_does_only_a_judges_work_whatever_the_entry_point() {
    use juri_core::laptop::{OrganiserTask, Role, role};
    let (mut t, id) = master();
    assert_eq!(role(t.db.conn()).unwrap(), Role::Organiser);
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    assert_eq!(role(j1.conn()).unwrap(), Role::Judge("J1".into()));
    // Scoring for another judge, by form or by file.
    let key = ScoreKey {
        stage: "proposal".into(),
        proposal: "P-001".into(),
        judge: "J2".into(),
        criterion: "kebaruan".into(),
    };
    let ctx = ScoreContext { actor: "J1".into(), device: "laptop-J1".into(), now: NOW.into() };
    let e = j1.write(|tx| save_score(tx, &id, &key, 70.0, &ctx, ScoreOrigin::Form)).unwrap_err();
    assert!(matches!(e, Error::BadPackage(PackageProblem::NotThisJudge { .. })), "{e:?}");
    let file = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\nproposal,P-001,J2,kebaruan,70\n";
    let e = j1.write(|tx| juri_core::import::import_scores(tx, &id, file.as_bytes(), &ctx)).unwrap_err();
    assert!(matches!(e, Error::ImportRefused { .. }), "another judge's rows are refused: {e:?}");
    // The organiser's work.
    let e = j1.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap_err();
    assert!(matches!(e, Error::NotOnJudgeLaptop(OrganiserTask::KitExport)), "{e:?}");
    let e = j1.write(|tx| merge_packages(tx, &id, &[], NOW, Lang::Id)).unwrap_err();
    assert!(matches!(e, Error::NotOnJudgeLaptop(OrganiserTask::Merge)), "{e:?}");
    assert_eq!(e.code(), juri_core::ErrorCode::NotOnJudgeLaptop);
    // The judge's own scores are fine.
    let own = ScoreKey { judge: "j1".into(), ..key };
    j1.write(|tx| save_score(tx, &id, &own, 70.0, &ctx, ScoreOrigin::Form)).unwrap();
}

/// Migration 10 on a database made by version 9 holding a merged score whose laptop clock said
/// 9999: the score is kept, and a later edit from the judge's laptop (with a sequence) wins over it.
#[test]
fn migration_10_keeps_merged_scores_and_a_sequenced_edit_wins_over_a_clock_frozen_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("juri.sqlite3");
    let id = {
        let (conn, id) = crate::support::demo_at_version(&path, 9, |c, id| {
            import_judges(c, id, JUDGES.as_bytes(), NOW).unwrap();
        });
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        // As version 9 merged it: an event from a laptop whose clock said 9999.
        conn.execute_batch(&format!(
            "INSERT INTO score_change (id, at, actor, device, origin) VALUES (1, '{NOW}', 'J1', 'laptop-J1', 'package');
             INSERT INTO score (proposal_n, judge_n, criterion_n, value, updated_at, source_event)
             SELECT p.n, j.n, c.n, 70, '9999-12-31T00:00:00Z', x'0190f0000000700080000000000000aa'
             FROM proposal p, judge j, criterion c JOIN stage s ON s.id = c.stage_id
             WHERE p.code = 'P-001' AND j.code = 'J1' AND s.code = 'proposal' AND c.code = 'kebaruan';
             INSERT INTO score_history (proposal_n, judge_n, criterion_n, line, event, old_value, new_value, at)
             SELECT proposal_n, judge_n, criterion_n, 1 << 32, source_event, NULL, 70, '9999-12-31T00:00:00Z' FROM score;"
        ))
        .unwrap();
        id
    };
    let db = Db::open(&path).unwrap();
    let v: i64 = db.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(v, juri_core::db::latest_version());
    let mut t = TestDb { db, dir };
    assert!(scores(&t).contains("P-001 J1 kebaruan 70"), "the merged score survives: {}", scores(&t));
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 84.0, "2026-08-13T10:00:00Z");
    let p = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    let r = merge(&mut t, &id, &[("J1", &p)]);
    assert_eq!(r[0].changed, 1, "{:?}", r[0]);
    assert!(scores(&t).contains("P-001 J1 kebaruan 84"), "a sequenced edit wins over the 9999 one: {}", scores(&t));
}

/// The laptop's signing key, as the kit left it there.
fn laptop_key(laptop: &Db) -> Vec<u8> {
    hex(&laptop.setting(JUDGE_KEY_KEY).unwrap().unwrap())
}

/// `base` again under a fresh event id, for another proposal or criterion, with another value.
fn event_like(base: &ScoreEvent, proposal: &str, criterion: &str, new: f64, seq: i64) -> ScoreEvent {
    ScoreEvent {
        id: juri_core::ids::new_id(),
        proposal: proposal.into(),
        criterion: criterion.into(),
        new,
        seq: Some(seq),
        ..base.clone()
    }
}

#[test]
fn packages_of_an_unknown_judge_or_one_without_a_kit_are_refused_whole() {
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0, "2026-08-13T09:00:00Z");
    let payload = unverified_payload(&export_package(j1.conn(), "laptop-J1", NOW).unwrap()).unwrap();
    let key = laptop_key(&j1);
    let before = dump(&t.db);
    let as_judge = |judge: &str| seal(&PackagePayload { judge: judge.into(), ..payload.clone() }, &key);
    let r = merge(&mut t, &id, &[("J9.jurinilai", &as_judge("J9")), ("J2.jurinilai", &as_judge("J2"))]);
    assert_eq!(r[0].refused.as_deref(), Some("Juri J9 tidak terdaftar di kompetisi ini."));
    assert_eq!(r[1].refused.as_deref(), Some("Belum ada kit untuk juri J2; paketnya tidak dapat diperiksa."));
    assert!(r.iter().all(|p| p.new == 0 && p.events == 0), "{r:?}");
    assert_eq!(dump(&t.db), before, "nothing taken from either");
}

#[test]
fn bad_events_are_refused_one_by_one_and_a_locked_stage_takes_its_events_once_unlocked() {
    use juri_core::scoring::sheet::{lock_stage, unlock_stage};
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0, "2026-08-13T09:00:00Z");
    let mut payload = unverified_payload(&export_package(j1.conn(), "laptop-J1", NOW).unwrap()).unwrap();
    let base = payload.events[0].clone();
    let seq = base.seq.unwrap();
    payload.events.push(event_like(&base, "P-002", "kebaruan", 101.0, seq + 1));
    payload.events.push(event_like(&base, "P-404", "kebaruan", 70.0, seq + 2));
    payload.events.push(event_like(&base, "P-002", "gaya", 70.0, seq + 3));
    let key = laptop_key(&j1);
    let r = merge(&mut t, &id, &[("J1", &seal(&payload, &key))]);
    assert_eq!((r[0].events, r[0].new, r[0].refused.clone()), (4, 1, None), "the good event is taken: {:?}", r[0]);
    assert_eq!(
        r[0].refused_events,
        [
            "P-002 kebaruan: nilai 101 di luar rentang 0–100",
            "proposal P-404 tidak dikenal",
            "kriteria gaya tidak dikenal",
        ]
    );
    assert!(scores(&t).contains("P-001 J1 kebaruan 80"));

    // An event of a locked stage is refused and not recorded: the same package merges once unlocked.
    t.db.write(|tx| lock_stage(tx, &id, "proposal", "panitia", NOW)).unwrap();
    let late = PackagePayload { events: vec![event_like(&base, "P-002", "kebaruan", 70.0, seq + 4)], ..payload };
    let late = seal(&late, &key);
    let r = merge(&mut t, &id, &[("J1-susulan", &late)]);
    assert_eq!((r[0].new, r[0].refused_events.clone()), (0, vec!["tahap proposal sudah dikunci".to_string()]));
    assert!(!scores(&t).contains("P-002"), "{}", scores(&t));
    t.db.write(|tx| unlock_stage(tx, &id, "proposal", "Nilai susulan J1", "panitia", NOW)).unwrap();
    let r = merge(&mut t, &id, &[("J1-susulan", &late)]);
    assert_eq!((r[0].new, r[0].already_merged), (1, 0), "{:?}", r[0]);
    assert!(scores(&t).contains("P-002 J1 kebaruan 70"));
}

#[test]
fn a_conflict_decided_for_the_master_stays_decided_when_the_package_comes_again() {
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut t.db, &id, "J1", "P-003", "kebaruan", 65.0, "2026-08-13T08:00:00Z"); // typed from paper
    score(&mut j1, &id, "J1", "P-003", "kebaruan", 70.0, "2026-08-13T09:00:00Z");
    let pkg = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    merge(&mut t, &id, &[("J1", &pkg)]);
    let c = open_conflicts(t.db.conn(), &id).unwrap();
    t.db.write(|tx| resolve_conflict(tx, &c[0].event_id, false, "panitia", NOW)).unwrap();
    assert!(scores(&t).contains("P-003 J1 kebaruan 65"), "the master's value kept by decision");
    assert!(open_conflicts(t.db.conn(), &id).unwrap().is_empty());
    let before = dump(&t.db);
    let again_decided = t.db.write(|tx| resolve_conflict(tx, &c[0].event_id, true, "panitia", NOW)).unwrap_err();
    assert_eq!(again_decided.code(), juri_core::ErrorCode::NotFound, "a decided conflict cannot be decided again");
    let again = merge(&mut t, &id, &[("J1", &pkg)]);
    assert_eq!((again[0].already_merged, again[0].conflicts, again[0].new), (1, 0, 0), "{:?}", again[0]);
    assert!(open_conflicts(t.db.conn(), &id).unwrap().is_empty(), "no new conflict");
    assert_eq!(dump(&t.db), before);
}

#[test]
fn a_merge_preview_reports_what_the_merge_then_does_and_changes_nothing() {
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0, "2026-08-13T09:00:00Z");
    score(&mut j1, &id, "J1", "P-001", "kebaruan", 82.5, "2026-08-13T09:01:00Z");
    let files = vec![("J1.jurinilai".to_string(), export_package(j1.conn(), "laptop-J1", NOW).unwrap())];
    let before = dump(&t.db);
    let preview = t.db.rehearse(|tx| merge_packages(tx, &id, &files, NOW, Lang::Id)).unwrap();
    assert_eq!(dump(&t.db), before, "a preview is a dry run");
    assert_eq!((preview[0].events, preview[0].new, preview[0].changed), (2, 1, 1), "{:?}", preview[0]);
    let applied = t.db.write(|tx| merge_packages(tx, &id, &files, NOW, Lang::Id)).unwrap();
    assert_eq!(format!("{applied:?}"), format!("{preview:?}"), "the merge does what the preview said");
    assert!(scores(&t).contains("P-001 J1 kebaruan 82.5"), "{}", scores(&t));
}

#[test]
fn opening_a_kit_over_the_organisers_data_keeps_a_copy_first_once_confirmed() {
    use juri_core::laptop::{OrganiserTask, require_organiser};
    let (mut t, id) = master();
    let kit = kit_to_bytes(&t.db.write(|tx| export_kit(tx, &id, "J1", NOW)).unwrap());
    let copies = |t: &TestDb| {
        std::fs::read_dir(t.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("before-kit"))
            .count()
    };
    let e = open_kit_keeping_copy(&mut t.db, &kit, NOW, false).unwrap_err();
    assert!(matches!(e, Error::BadPackage(PackageProblem::LaptopHoldsData(1))), "{e:?}");
    assert_eq!((copies(&t), judge_mode(t.db.conn()).unwrap()), (0, None), "unconfirmed: nothing done");

    let (opened, kept) = open_kit_keeping_copy(&mut t.db, &kit, NOW, true).unwrap();
    assert_eq!(opened, id);
    let kept = kept.expect("the organiser's data is copied aside first");
    assert!(kept.file_name().unwrap().to_string_lossy().contains("before-kit"), "{}", kept.display());
    let copy = Db::open(&kept).unwrap();
    assert_eq!(judge_mode(copy.conn()).unwrap(), None, "the copy is the organiser's database as it was");
    assert_eq!(juri_core::judges::list_judges(copy.conn(), &id).unwrap().len(), 5);
    assert_eq!(judge_mode(t.db.conn()).unwrap().as_deref(), Some("J1"), "now J1's laptop");
    let e = require_organiser(t.db.conn(), OrganiserTask::Setup).unwrap_err();
    assert!(matches!(e, Error::NotOnJudgeLaptop(OrganiserTask::Setup)), "the setup stays as the kit made it");

    // An empty laptop takes a kit without a copy.
    let empty = tempfile::tempdir().unwrap();
    let mut db = Db::open(&empty.path().join("juri.sqlite3")).unwrap();
    assert_eq!(open_kit_keeping_copy(&mut db, &kit, NOW, false).unwrap().1, None);
}

/// A judge's notes per criterion stay on the laptop: saved, read back in criterion order, cleared
/// by an empty text, never in the package; another judge's notes are refused there.
#[test]
fn a_judges_private_notes_stay_on_the_laptop() {
    use juri_core::scoring::notes::{save_note, sheet_notes};
    let (mut t, id) = master();
    let (_d, mut j1) = laptop(&mut t, &id, "J1");
    let secret = "Angka kunjungan perlu dicek ke Dinkes";
    j1.write(|tx| save_note(tx, &id, "proposal", "J1", "P-001", "kebaruan", &format!("  {secret} "), NOW)).unwrap();
    j1.write(|tx| save_note(tx, &id, "proposal", "J1", "P-001", "latar_belakang", "Latar jelas", NOW)).unwrap();
    let notes = sheet_notes(j1.conn(), &id, "proposal", "J1", "P-001").unwrap();
    let codes: Vec<(&str, &str)> = notes.iter().map(|n| (n.criterion.as_str(), n.text.as_str())).collect();
    assert_eq!(codes, [("latar_belakang", "Latar jelas"), ("kebaruan", secret)], "trimmed, in criterion order");

    score(&mut j1, &id, "J1", "P-001", "kebaruan", 80.0, NOW);
    let pkg = export_package(j1.conn(), "laptop-J1", NOW).unwrap();
    assert!(!String::from_utf8_lossy(&pkg).contains("Dinkes"), "a note never leaves the laptop");

    j1.write(|tx| save_note(tx, &id, "proposal", "J1", "P-001", "kebaruan", "  ", NOW)).unwrap();
    assert_eq!(sheet_notes(j1.conn(), &id, "proposal", "J1", "P-001").unwrap().len(), 1, "an empty note is removed");
    let other = j1.write(|tx| save_note(tx, &id, "proposal", "J2", "P-001", "kebaruan", "x", NOW)).unwrap_err();
    assert!(matches!(other, juri_core::Error::BadPackage(_)), "{other:?}");
    let long = "x".repeat(juri_core::limits::COMMENT + 1);
    assert!(j1.write(|tx| save_note(tx, &id, "proposal", "J1", "P-001", "kebaruan", &long, NOW)).is_err());
}
