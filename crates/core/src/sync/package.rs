//! Score packages (`.jurinilai`): every score event of one judge, authenticated with the judge's
//! key (HMAC-SHA256 over the exact payload bytes) and bound to the competition and the judge.
//!
//! Layout: `JURINILAI 1\n` + payload JSON + `\nMAC ` + 64 hex digits + `\n`.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{JUDGE_KEY_KEY, from_hex, judge_mode, mac_hex, mac_ok};
use crate::error::{Error, PackageProblem, Result};

const HEADER: &[u8] = b"JURINILAI 1\n";
const MAC_MARK: &[u8] = b"\nMAC ";
/// Far above a real judge's history (36,000 events is about 7 MB).
pub const MAX_PACKAGE_BYTES: usize = 64 * 1024 * 1024;

/// One change of one score on a judge's laptop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreEvent {
    /// UUID v7 made on the judge's laptop: the event's identity everywhere.
    pub id: String,
    pub stage: String,
    pub proposal: String,
    pub criterion: String,
    pub old: Option<f64>,
    pub new: f64,
    pub at: String,
    pub device: String,
    /// The event's place in its judge's own sequence (the judge database's history order, raised
    /// above everything the master had merged when the kit was made). Events of one score are
    /// ordered by it, never by `at`, which comes from a laptop clock. Absent in older packages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<i64>,
}

/// A judge's comment on one sheet, as it stands on the laptop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetNote {
    pub stage: String,
    pub proposal: String,
    pub comment: String,
    pub at: String,
}

/// A stage the judge marked final on the laptop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageFinal {
    pub stage: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackagePayload {
    pub format: String,
    pub competition_id: String,
    pub judge: String,
    pub exported_at: String,
    pub device: String,
    pub events: Vec<ScoreEvent>,
    /// The judge's sheet comments (signed with the scores; absent in packages of older versions).
    #[serde(default)]
    pub comments: Vec<SheetNote>,
    #[serde(default)]
    pub finals: Vec<StageFinal>,
}

/// The judge's comments and final marks on this laptop.
fn judge_notes(conn: &Connection, competition_id: &str, judge: &str) -> Result<(Vec<SheetNote>, Vec<StageFinal>)> {
    let mut stmt = conn.prepare(
        "SELECT s.code, p.code, c.comment, c.updated_at FROM sheet_comment c JOIN stage s ON s.id = c.stage_id
         JOIN proposal p ON p.id = c.proposal_id JOIN judge j ON j.id = c.judge_id
         WHERE s.competition_id = ?1 AND j.code = ?2 ORDER BY 1, 2",
    )?;
    let comments = stmt
        .query_map([competition_id, judge], |r| {
            Ok(SheetNote { stage: r.get(0)?, proposal: r.get(1)?, comment: r.get(2)?, at: r.get(3)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut stmt = conn.prepare(
        "SELECT s.code, f.at FROM judge_stage_final f JOIN stage s ON s.id = f.stage_id JOIN judge j ON j.id = f.judge_id
         WHERE s.competition_id = ?1 AND j.code = ?2 ORDER BY 1",
    )?;
    let finals = stmt
        .query_map([competition_id, judge], |r| Ok(StageFinal { stage: r.get(0)?, at: r.get(1)? }))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((comments, finals))
}

/// Settings key of a judge's laptop: added to every history line number to make an event's `seq`
/// (raised by each kit opened, so a new laptop continues above what the master already holds).
pub const SEQ_BASE_KEY: &str = "seq_base";

/// Every score event of the judge in this (judge-mode) database, in the database's own order.
pub fn judge_events(conn: &Connection, competition_id: &str, judge: &str) -> Result<Vec<ScoreEvent>> {
    let base: i64 = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [SEQ_BASE_KEY], |r| r.get::<_, String>(0))
        .optional()?
        .map(|v| v.parse().map_err(|_| Error::NotJuriDatabase(format!("{SEQ_BASE_KEY} = {v}"))))
        .transpose()?
        .unwrap_or(0);
    let mut stmt = conn.prepare(
        "SELECT h.event, s.code, p.code, c.code, h.old_value, h.new_value, coalesce(h.at, ch.at),
                coalesce(h.device, ch.device), h.line
         FROM score_history h JOIN score_change ch ON ch.id = h.line >> 32
         JOIN proposal p ON p.n = h.proposal_n JOIN judge j ON j.n = h.judge_n
         JOIN criterion c ON c.n = h.criterion_n JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND j.code = ?2 AND h.new_value IS NOT NULL
         ORDER BY h.line",
    )?;
    let rows = stmt
        .query_map([competition_id, judge], |r| {
            Ok(ScoreEvent {
                id: crate::ids::id_text(r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?),
                stage: r.get(1)?,
                proposal: r.get(2)?,
                criterion: r.get(3)?,
                old: r.get(4)?,
                new: r.get(5)?,
                at: r.get(6)?,
                device: r.get(7)?,
                seq: Some(base.saturating_add(r.get::<_, i64>(8)?)),
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Writes the package of this judge-mode database: all the judge's score events, signed.
pub fn export_package(conn: &Connection, device: &str, now: &str) -> Result<Vec<u8>> {
    export_package_after(conn, device, now, 0)
}

/// The package of the judge's events after sequence `after` (those a venue hub has not yet
/// acknowledged; 0 for all), with every comment and final mark, signed.
pub fn export_package_after(conn: &Connection, device: &str, now: &str, after: i64) -> Result<Vec<u8>> {
    let judge = judge_mode(conn)?.ok_or_else(|| Error::BadPackage(PackageProblem::NotAJudgeLaptop))?;
    let key_hex: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [JUDGE_KEY_KEY], |r| r.get(0)).optional()?;
    let key =
        key_hex.as_deref().and_then(from_hex).ok_or_else(|| Error::BadPackage(PackageProblem::NoKey(judge.clone())))?;
    let competition_id = crate::competition::active_competition(conn)?
        .ok_or_else(|| Error::BadPackage(PackageProblem::NotAKit("no competition".into())))?;
    let (comments, finals) = judge_notes(conn, &competition_id, &judge)?;
    let payload = PackagePayload {
        format: "juri-nilai".into(),
        events: judge_events(conn, &competition_id, &judge)?
            .into_iter()
            .filter(|e| after == 0 || e.seq.is_none_or(|s| s > after))
            .collect(),
        comments,
        finals,
        competition_id,
        judge,
        exported_at: now.to_string(),
        device: device.to_string(),
    };
    Ok(seal(&payload, &key))
}

/// Serialises and signs a payload.
pub fn seal(payload: &PackagePayload, key: &[u8]) -> Vec<u8> {
    let body = serde_json::to_vec(payload).expect("payload serialises");
    let mut out = Vec::with_capacity(body.len() + 90);
    out.extend_from_slice(HEADER);
    out.extend_from_slice(&body);
    out.extend_from_slice(MAC_MARK);
    out.extend_from_slice(mac_hex(key, &body).as_bytes());
    out.push(b'\n');
    out
}

/// The fields that say who signed a package: read leniently before the signature is checked.
#[derive(Deserialize)]
struct Envelope {
    #[serde(default)]
    format: String,
    #[serde(default)]
    competition_id: String,
    #[serde(default)]
    judge: String,
}

/// A package split into what names its signer (not yet trusted), the signed bytes and the MAC.
pub struct Sealed<'b> {
    pub competition_id: String,
    pub judge: String,
    pub body: &'b [u8],
    pub mac: String,
}

/// Splits a package into its signer, the raw payload bytes and the MAC, without trusting or
/// parsing the rest: the signature is checked before the content, so a signed package with a bad
/// content is reported as such, not as a bad signature.
pub fn open_envelope(bytes: &[u8]) -> Result<Sealed<'_>> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(Error::BadPackage(PackageProblem::TooLarge));
    }
    let rest = bytes.strip_prefix(HEADER).ok_or(Error::BadPackage(PackageProblem::NotAPackage))?;
    let mark = rest
        .windows(MAC_MARK.len())
        .rposition(|w| w == MAC_MARK)
        .ok_or(Error::BadPackage(PackageProblem::NotAPackage))?;
    let body = &rest[..mark];
    let tail = &rest[mark + MAC_MARK.len()..];
    let mac = std::str::from_utf8(tail).ok().and_then(|t| t.strip_suffix('\n')).unwrap_or("");
    if mac.len() != 64 {
        return Err(Error::BadPackage(PackageProblem::Tampered));
    }
    let envelope: Envelope = serde_json::from_slice(body).map_err(|_| Error::BadPackage(PackageProblem::Tampered))?;
    if envelope.format != "juri-nilai" {
        return Err(Error::BadPackage(PackageProblem::NotAPackage));
    }
    Ok(Sealed { competition_id: envelope.competition_id, judge: envelope.judge, body, mac: mac.to_string() })
}

/// The payload of a package without checking its signature (tests and diagnostics only).
pub fn unverified_payload(bytes: &[u8]) -> Result<PackagePayload> {
    parse_payload(open_envelope(bytes)?.body)
}

/// The payload of a package whose signature was checked; a content error names what is wrong.
fn parse_payload(body: &[u8]) -> Result<PackagePayload> {
    serde_json::from_slice(body).map_err(|e| {
        let why: String = e.to_string().chars().take(160).collect();
        Error::BadPackage(PackageProblem::BadContent(why))
    })
}

/// Checks a package against the master: competition, judge, key, signature. Returns the trusted payload.
pub fn verify_package(conn: &Connection, competition_id: &str, bytes: &[u8]) -> Result<PackagePayload> {
    let sealed = open_envelope(bytes)?;
    let key = key_for(conn, competition_id, &sealed)??;
    if !mac_ok(&key, sealed.body, &sealed.mac) {
        return Err(Error::BadPackage(PackageProblem::Tampered));
    }
    parse_payload(sealed.body)
}

/// Checks several packages as [`verify_package`] does, in order; reading and the MAC checks of the
/// packages run on every core. The outer error is the database's; each package gets its own result.
pub fn verify_packages(
    conn: &Connection,
    competition_id: &str,
    packages: &[&[u8]],
) -> Result<Vec<Result<PackagePayload>>> {
    let opened = par_map(packages, |b| open_envelope(b));
    /// A package's signed bytes with its MAC and the key it must be signed with.
    type Keyed<'b> = (Sealed<'b>, Vec<u8>);
    let mut keyed: Vec<Result<Keyed>> = Vec::with_capacity(opened.len());
    for o in opened {
        keyed.push(match o {
            Err(e) => Err(e),
            Ok(sealed) => key_for(conn, competition_id, &sealed)?.map(|key| (sealed, key)),
        });
    }
    // Signatures and the parsing of the signed payloads run on every core.
    Ok(par_map(&keyed, |k| match k {
        Err(e) => Err(clone_refusal(e)),
        Ok((sealed, key)) if mac_ok(key, sealed.body, &sealed.mac) => parse_payload(sealed.body),
        Ok(_) => Err(Error::BadPackage(PackageProblem::Tampered)),
    }))
}

/// The signing key of the package's judge on this master, or why there is none.
/// A refusal of a package, copied (the errors of this module are all package problems).
fn clone_refusal(e: &Error) -> Error {
    match e {
        Error::BadPackage(p) => Error::BadPackage(p.clone()),
        other => Error::BadPackage(PackageProblem::BadContent(other.to_string())),
    }
}

fn key_for(conn: &Connection, competition_id: &str, payload: &Sealed) -> Result<Result<Vec<u8>>> {
    if payload.competition_id != competition_id {
        // Could be forged too, but either way nothing from it is used.
        return Ok(Err(Error::BadPackage(PackageProblem::WrongCompetition)));
    }
    let Some(judge) = crate::judges::find_judge_by_code(conn, competition_id, &payload.judge)? else {
        return Ok(Err(Error::BadPackage(PackageProblem::UnknownJudge(payload.judge.clone()))));
    };
    let key_hex: Option<String> =
        conn.query_row("SELECT key_hex FROM judge_key WHERE judge_id = ?1", [&judge.id], |r| r.get(0)).optional()?;
    Ok(key_hex
        .as_deref()
        .and_then(from_hex)
        .ok_or_else(|| Error::BadPackage(PackageProblem::NoKey(judge.code.clone()))))
}

/// `f` over `items` on up to every core, results in the order of the items.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    std::thread::scope(|s| {
        let parts: Vec<_> = items
            .chunks(items.len().div_ceil(threads))
            .map(|c| s.spawn(move || c.iter().map(f).collect::<Vec<R>>()))
            .collect();
        parts.into_iter().flat_map(|h| h.join().expect("a package check does not panic")).collect()
    })
}
