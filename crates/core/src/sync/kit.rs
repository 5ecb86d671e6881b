//! Judge kits (`.jurikit`): what a judge's laptop needs to score offline — the setup, the proposals
//! that judge may score (conflicts left out), the judge's identity and signing key.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{JUDGE_CODE_KEY, JUDGE_KEY_KEY, MODE_KEY, STAGE_PARTICIPANTS_KEY, from_hex, new_key, to_hex};
use crate::competition::{Setup, load_competition, set_active_competition};
use crate::error::{Entity, Error, Result};
use crate::judges::{Judge, JudgeInput, find_judge_by_code, upsert_judge};
use crate::proposals::{ProposalFilter, list_proposals};

pub const KIT_FORMAT: &str = "juri-kit";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitProposal {
    pub code: String,
    pub title: String,
    pub category: String,
    pub unit: String,
    pub unit_type: String,
    pub summary: String,
    pub start_year: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgeKit {
    pub format: String,
    pub version: u32,
    pub competition_id: String,
    pub setup: Setup,
    pub proposals: Vec<KitProposal>,
    pub judge: JudgeInput,
    /// The judge's HMAC-SHA256 key, hex: packages are signed with it.
    pub key: String,
    pub created_at: String,
    /// For every stage after the first: the codes of the proposals that reached it on the master
    /// when the kit was made (the finalists at the venue). Empty until the earlier stage is scored;
    /// the organiser then exports the kit again and the judge opens it over the old one.
    #[serde(default)]
    pub stage_participants: std::collections::BTreeMap<String, Vec<String>>,
    /// The highest event sequence the master had merged from this judge when the kit was made: the
    /// laptop numbers its events above it, so a judge moved to a new laptop still wins over their
    /// own older events.
    #[serde(default)]
    pub seq_floor: i64,
    /// The proposals' dossiers (FORMATS.md §9); their files travel beside this JSON in the kit ZIP.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dossiers: Vec<super::KitDossier>,
}

/// The judge's key on the master, created the first time a kit is exported.
pub fn judge_key(tx: &Connection, judge: &Judge, now: &str) -> Result<Vec<u8>> {
    let existing: Option<String> =
        tx.query_row("SELECT key_hex FROM judge_key WHERE judge_id = ?1", [&judge.id], |r| r.get(0)).optional()?;
    if let Some(hex) = existing {
        // A damaged key would sign packages nobody can check: an error, never an empty key.
        return from_hex(&hex)
            .filter(|k| k.len() == 32)
            .ok_or_else(|| Error::Damaged(format!("kunci juri {} / judge key", judge.code)));
    }
    let key = new_key();
    tx.execute(
        "INSERT INTO judge_key (judge_id, key_hex, created_at) VALUES (?1, ?2, ?3)",
        params![judge.id, to_hex(&key), now],
    )?;
    Ok(key)
}

/// Builds the kit of one judge (in a write transaction: the key may be created), and remembers what
/// it held so that [`super::kit_status`] can tell when the judge needs a new one.
pub fn export_kit(tx: &Connection, competition_id: &str, judge_code: &str, now: &str) -> Result<JudgeKit> {
    crate::laptop::require_organiser(tx, crate::laptop::OrganiserTask::KitExport)?;
    let judge = find_judge_by_code(tx, competition_id, judge_code)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: judge_code.to_string() })?;
    let key = judge_key(tx, &judge, now)?;
    let mut kit = kit_content(tx, competition_id, &judge, now)?;
    kit.key = to_hex(&key);
    super::kit_status::remember_export(tx, &judge, &kit, now)?;
    Ok(kit)
}

/// What a judge's kit holds, without the judge's key (empty): the setup, the proposals that judge
/// may score (conflicts and screened-out ones left out) with their dossiers, the later stages'
/// participants and the sequence floor.
pub(crate) fn kit_content(tx: &Connection, competition_id: &str, judge: &Judge, now: &str) -> Result<JudgeKit> {
    let comp = load_competition(tx, competition_id)?;
    let stage_participants = crate::scoring::worklist::later_stage_participants(tx, competition_id)?;
    let seq_floor: i64 = tx.query_row(
        "SELECT max(coalesce((SELECT max(s.source_seq) FROM score s WHERE s.judge_n = j.n), 0),
                    coalesce((SELECT max(m.event_seq) FROM merge_conflict m WHERE m.judge_n = j.n), 0))
         FROM judge j WHERE j.id = ?1",
        [&judge.id],
        |r| r.get(0),
    )?;
    let proposals = list_proposals(tx, competition_id, &ProposalFilter::default())?
        .into_iter()
        .filter(|p| !p.status.is_excluded() && judge.covers(&p.category) && !judge.conflicted_with(&p.code, &p.unit))
        .map(|p| KitProposal {
            code: p.code,
            title: p.title,
            category: p.category,
            unit: p.unit,
            unit_type: p.unit_type,
            summary: p.summary,
            start_year: p.start_year,
        })
        .collect::<Vec<KitProposal>>();
    let codes: Vec<String> = proposals.iter().map(|p| p.code.clone()).collect();
    let dossiers = super::kit_dossier::kit_dossiers(tx, competition_id, &codes)?;
    Ok(JudgeKit {
        format: KIT_FORMAT.into(),
        version: 1,
        competition_id: comp.id,
        setup: comp.setup,
        proposals,
        judge: judge.as_input(),
        key: String::new(),
        created_at: now.to_string(),
        stage_participants,
        seq_floor,
        dossiers,
    })
}

pub fn kit_to_bytes(kit: &JudgeKit) -> Vec<u8> {
    serde_json::to_vec_pretty(kit).expect("kit serialises")
}

/// Opens a kit into an empty (or the same judge's) database: it becomes a judge-mode database
/// holding that competition under the master's id, its proposals and the judge. A judge's laptop
/// refuses another judge's kit and another competition's; a database that already holds
/// competitions (the organiser's master, say) is refused unless `over_data` says the user confirmed
/// (the app keeps a copy of the data first).
///
/// A kit with evidence files is a ZIP ([`super::kit_dossier`]); [`open_kit_file`] opens a large
/// one from disk without holding it in memory.
pub fn open_kit(tx: &Connection, bytes: &[u8], now: &str, over_data: bool) -> Result<String> {
    if bytes.starts_with(b"PK\x03\x04") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Error::BadPackage(crate::error::PackageProblem::NotAKit(e.to_string())))?;
        let json = super::kit_dossier::read_kit_json(&mut zip)?;
        return open_parsed(tx, parse_kit(&json)?, Some(&mut zip), now, over_data, &mut |_, _| true);
    }
    if bytes.len() as u64 > super::kit_dossier::MAX_KIT_JSON_BYTES {
        return Err(Error::BadPackage(crate::error::PackageProblem::TooLarge));
    }
    open_parsed::<std::io::Cursor<&[u8]>>(tx, parse_kit(bytes)?, None, now, over_data, &mut |_, _| true)
}

/// Opens the kit file at `path` as [`open_kit_keeping_copy`] does, streaming a kit ZIP's evidence
/// into the database (the kit is never read whole into memory).
pub fn open_kit_file(
    db: &mut crate::db::Db,
    path: &std::path::Path,
    now: &str,
    over_data: bool,
) -> Result<(String, Option<std::path::PathBuf>)> {
    open_kit_file_with(db, path, now, over_data, &mut |_, _| true)
}

/// As [`open_kit_file`]; `progress(done, total)` hears of the evidence bytes stored, false
/// cancels (nothing of the kit is kept).
pub fn open_kit_file_with(
    db: &mut crate::db::Db,
    path: &std::path::Path,
    now: &str,
    over_data: bool,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<(String, Option<std::path::PathBuf>)> {
    let mut head = [0u8; 4];
    let file = crate::files::open_regular(path)?;
    let n = std::io::Read::read(&mut &file, &mut head)?;
    if n < 4 || head != *b"PK\x03\x04" {
        let bytes = crate::files::read_bounded(path, super::kit_dossier::MAX_KIT_JSON_BYTES)?;
        return open_kit_keeping_copy(db, &bytes, now, over_data);
    }
    let mut zip = zip::ZipArchive::new(file)
        .map_err(|e| Error::BadPackage(crate::error::PackageProblem::NotAKit(e.to_string())))?;
    let kit = parse_kit(&super::kit_dossier::read_kit_json(&mut zip)?)?;
    // Checked before the copy is kept: a kit that cannot be opened here costs nothing.
    check_kit_fits(db.conn(), &kit, over_data)?;
    let kept = keep_copy_before_kit(db, over_data)?;
    let id = db.write(|tx| open_parsed(tx, kit, Some(&mut zip), now, over_data, progress))?;
    Ok((id, kept))
}

fn parse_kit(json: &[u8]) -> Result<JudgeKit> {
    let kit: JudgeKit = serde_json::from_slice(json)
        .map_err(|e| Error::BadPackage(crate::error::PackageProblem::NotAKit(e.to_string())))?;
    if kit.format != KIT_FORMAT || kit.version != 1 || from_hex(&kit.key).is_none_or(|k| k.len() != 32) {
        return Err(Error::BadPackage(crate::error::PackageProblem::NotAKit("format".into())));
    }
    super::kit_dossier::check_kit_dossiers(&kit)?;
    Ok(kit)
}

fn open_parsed<R: std::io::Read + std::io::Seek>(
    tx: &Connection,
    kit: JudgeKit,
    zip: Option<&mut zip::ZipArchive<R>>,
    now: &str,
    over_data: bool,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<String> {
    check_kit_fits(tx, &kit, over_data)?;
    let setup = kit.setup.clone().normalised()?;
    let existing: Option<String> =
        tx.query_row("SELECT id FROM competition WHERE id = ?1", [&kit.competition_id], |r| r.get(0)).optional()?;
    if existing.is_none() {
        crate::competition::create_competition_with_id(tx, &kit.competition_id, setup, now)?;
    } else {
        crate::competition::update_competition(tx, &kit.competition_id, setup, now)?;
    }
    let actor = crate::proposals::Actor::new(format!("kit {}", kit.judge.code));
    for p in &kit.proposals {
        if crate::proposals::find_proposal_by_code(tx, &kit.competition_id, &p.code)?.is_none() {
            let created = crate::proposals::add_proposal(
                tx,
                &kit.competition_id,
                crate::proposals::ProposalInput {
                    code: p.code.clone(),
                    title: p.title.clone(),
                    category: p.category.clone(),
                    unit: p.unit.clone(),
                    unit_type: p.unit_type.clone(),
                    summary: p.summary.clone(),
                    start_year: p.start_year,
                    ..Default::default()
                },
                &actor,
                now,
            )?;
            crate::proposals::set_status(
                tx,
                &created.id,
                crate::proposals::ScreeningStatus::LolosAdministrasi,
                "",
                &actor,
                now,
            )?;
        }
    }
    upsert_judge(tx, &kit.competition_id, kit.judge.clone(), now)?;
    set_active_competition(tx, &kit.competition_id)?;
    let participants = serde_json::to_string(&kit.stage_participants).expect("codes serialise");
    let base: i64 = tx
        .query_row("SELECT value FROM settings WHERE key = ?1", [super::SEQ_BASE_KEY], |r| r.get::<_, String>(0))
        .optional()?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let base = base.max(kit.seq_floor.clamp(0, 1 << 61)).to_string();
    for (k, v) in [
        (MODE_KEY, "judge"),
        (JUDGE_CODE_KEY, kit.judge.code.as_str()),
        (JUDGE_KEY_KEY, kit.key.as_str()),
        (STAGE_PARTICIPANTS_KEY, participants.as_str()),
        (super::SEQ_BASE_KEY, base.as_str()),
    ] {
        crate::db::put_setting(tx, k, v)?;
    }
    super::kit_dossier::store_kit_dossiers(tx, &kit, zip, now, progress)?;
    Ok(kit.competition_id)
}

/// Opens a kit into `db` as [`open_kit`] does, first keeping a copy of the data when the
/// database holds an organiser's competitions and the user confirmed (`over_data`). Returns the
/// competition's id and where the copy went.
pub fn open_kit_keeping_copy(
    db: &mut crate::db::Db,
    bytes: &[u8],
    now: &str,
    over_data: bool,
) -> Result<(String, Option<std::path::PathBuf>)> {
    let kept = keep_copy_before_kit(db, over_data)?;
    let id = db.write(|tx| open_kit(tx, bytes, now, over_data))?;
    Ok((id, kept))
}

/// The copy of an organiser's data kept before a confirmed kit goes over it.
fn keep_copy_before_kit(db: &mut crate::db::Db, over_data: bool) -> Result<Option<std::path::PathBuf>> {
    let held = !crate::competition::list_competitions(db.conn())?.is_empty();
    if over_data && held && judge_mode(db.conn())?.is_none() {
        let kept = db.keep_copy("before-kit")?;
        log::info!("data copied to {} before opening a kit", kept.display());
        return Ok(Some(kept));
    }
    Ok(None)
}

/// What a kit is, read from its JSON before anything is opened: for the user to confirm.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct KitInfo {
    pub competition_id: String,
    pub competition_name: String,
    pub year: i32,
    pub judge_code: String,
    pub judge_name: String,
    pub proposals: u32,
    /// Evidence files the kit carries, and their bytes (each distinct file once).
    pub files: u32,
    #[ts(type = "number")]
    pub file_bytes: u64,
}

/// Whether a kit may be opened on this laptop (the one rule; the app asks it before opening).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum KitFit {
    /// An empty laptop, or this judge's laptop taking a newer kit of the same competition.
    Open,
    /// The laptop holds competitions (perhaps the organiser's master): only once the user confirms
    /// (a copy of the data is kept first).
    Confirm { competitions: u32 },
    /// Another judge's laptop.
    OtherJudge { laptop: String },
    /// This judge's laptop, for another competition.
    OtherCompetition,
}

/// A kit as the user is asked about it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct KitCheck {
    pub info: KitInfo,
    pub fit: KitFit,
}

impl KitInfo {
    fn of(kit: &JudgeKit) -> KitInfo {
        KitInfo {
            competition_id: kit.competition_id.clone(),
            competition_name: kit.setup.name.clone(),
            year: kit.setup.year,
            judge_code: kit.judge.code.clone(),
            judge_name: kit.judge.name.clone(),
            proposals: kit.proposals.len() as u32,
            files: kit.dossiers.iter().map(|d| d.files.len() as u32).sum(),
            file_bytes: super::kit_file_bytes(kit),
        }
    }
}

/// Whether `kit` fits this laptop.
pub fn kit_fit(conn: &Connection, kit: &JudgeKit) -> Result<KitFit> {
    if let Some(laptop) = judge_mode(conn)? {
        if !laptop.eq_ignore_ascii_case(&kit.judge.code) {
            return Ok(KitFit::OtherJudge { laptop });
        }
        if crate::competition::active_competition(conn)?.is_some_and(|c| c != kit.competition_id) {
            return Ok(KitFit::OtherCompetition);
        }
        return Ok(KitFit::Open);
    }
    let held: i64 = conn.query_row("SELECT count(*) FROM competition", [], |r| r.get(0))?;
    Ok(if held > 0 { KitFit::Confirm { competitions: held as u32 } } else { KitFit::Open })
}

/// Reads the kit at `path` (its JSON only: a kit ZIP's files are not read) and tells whether it fits.
pub fn check_kit_file(conn: &Connection, path: &std::path::Path) -> Result<KitCheck> {
    let file = crate::files::open_regular(path)?;
    let mut head = [0u8; 4];
    let n = std::io::Read::read(&mut &file, &mut head)?;
    let kit = if n == 4 && head == *b"PK\x03\x04" {
        let mut zip = zip::ZipArchive::new(file)
            .map_err(|e| Error::BadPackage(crate::error::PackageProblem::NotAKit(e.to_string())))?;
        parse_kit(&super::kit_dossier::read_kit_json(&mut zip)?)?
    } else {
        parse_kit(&crate::files::read_bounded(path, super::kit_dossier::MAX_KIT_JSON_BYTES)?)?
    };
    Ok(KitCheck { fit: kit_fit(conn, &kit)?, info: KitInfo::of(&kit) })
}

/// As [`check_kit_file`], for a kit read into memory (a small kit dropped on the window).
pub fn check_kit_bytes(conn: &Connection, bytes: &[u8]) -> Result<KitCheck> {
    let kit = if bytes.starts_with(b"PK\x03\x04") {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
            .map_err(|e| Error::BadPackage(crate::error::PackageProblem::NotAKit(e.to_string())))?;
        parse_kit(&super::kit_dossier::read_kit_json(&mut zip)?)?
    } else if bytes.len() as u64 > super::kit_dossier::MAX_KIT_JSON_BYTES {
        return Err(Error::BadPackage(crate::error::PackageProblem::TooLarge));
    } else {
        parse_kit(bytes)?
    };
    Ok(KitCheck { fit: kit_fit(conn, &kit)?, info: KitInfo::of(&kit) })
}

fn check_kit_fits(tx: &Connection, kit: &JudgeKit, over_data: bool) -> Result<()> {
    use crate::error::PackageProblem as P;
    match kit_fit(tx, kit)? {
        KitFit::Open => Ok(()),
        KitFit::Confirm { .. } if over_data => Ok(()),
        KitFit::Confirm { competitions } => Err(Error::BadPackage(P::LaptopHoldsData(competitions as usize))),
        KitFit::OtherJudge { laptop } => {
            Err(Error::BadPackage(P::KitForAnotherJudge { kit: kit.judge.code.clone(), laptop }))
        }
        KitFit::OtherCompetition => Err(Error::BadPackage(P::KitForAnotherCompetition)),
    }
}

/// On a judge's laptop: the proposals that reached `stage` according to the kit, when the kit
/// names that stage (None on the organiser's laptop and for the first stage).
pub fn kit_stage_participants(conn: &Connection, stage: &str) -> Result<Option<Vec<String>>> {
    if judge_mode(conn)?.is_none() {
        return Ok(None);
    }
    let json: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [STAGE_PARTICIPANTS_KEY], |r| r.get(0))
        .optional()?;
    let map: std::collections::BTreeMap<String, Vec<String>> = match json {
        None => Default::default(),
        Some(j) => serde_json::from_str(&j).map_err(|_| Error::Damaged(STAGE_PARTICIPANTS_KEY.into()))?,
    };
    Ok(map.get(stage).cloned())
}

/// The judge code when this database is a judge's laptop (opened from a kit).
pub fn judge_mode(conn: &Connection) -> Result<Option<String>> {
    let mode: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [MODE_KEY], |r| r.get(0)).optional()?;
    if mode.as_deref() != Some("judge") {
        return Ok(None);
    }
    Ok(conn.query_row("SELECT value FROM settings WHERE key = ?1", [JUDGE_CODE_KEY], |r| r.get(0)).optional()?)
}
