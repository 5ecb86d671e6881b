//! Venue sync (FORMATS.md §12): a judge's laptop pushes its signed package to the organiser's hub
//! over the venue network. What travels is sealed with a key derived from the judge's kit key
//! (XChaCha20-Poly1305), so nobody on the Wi-Fi reads or alters scores, and only a laptop holding
//! that key can push. Each request names a push session (random, kept by the laptop) and a counter
//! that only grows; the hub refuses a counter it has already taken (a replay). The hub applies
//! exactly the merge of `package merge`; its answer is sealed too, so a judge's "sent" is never
//! an answer someone else made up.
//!
//! This module is the protocol and its effect on the databases; the network (TCP framing, limits,
//! time-outs) is the `juri-venue` crate's.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::Mac;
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{HmacSha256, JUDGE_CODE_KEY, JUDGE_KEY_KEY, MAX_PACKAGE_BYTES, PackageReport, from_hex, to_hex};
use crate::db::{get_setting, put_setting};
use crate::error::{Error, PackageProblem, Result};
use crate::lang::Lang;

/// The first bytes of every request and answer frame.
pub const MAGIC: &[u8; 8] = b"JURIVEN1";
/// A request's header (JSON) is at most this long.
pub const MAX_HEADER_BYTES: usize = 1024;
/// A request frame: header, ciphertext of a package, tag.
pub const MAX_REQUEST_BYTES: usize = MAX_PACKAGE_BYTES + MAX_HEADER_BYTES + 64;

/// Settings of a judge's laptop: its push session and the last counter used, and the highest
/// event sequence the hub has acknowledged.
pub const SESSION_KEY: &str = "venue_session";
pub const COUNTER_KEY: &str = "venue_counter";
pub const ACKED_SEQ_KEY: &str = "venue_acked_seq";

/// What a request says in the clear (it is bound to the ciphertext as associated data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestHeader {
    pub competition_id: String,
    pub judge: String,
    /// 16 random bytes, hex: one laptop's push session.
    pub session: String,
    pub counter: i64,
    /// 24 random bytes, hex.
    pub nonce: String,
}

/// The hub's answer to one push.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct VenueAnswer {
    pub session: String,
    pub counter: i64,
    /// The highest event sequence of the package, now on the hub (events up to it need not travel again).
    pub acked_seq: i64,
    pub events: u32,
    pub new: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub already_merged: u32,
    pub conflicts: u32,
    pub refused_events: u32,
    /// The whole package refused, with the reason (nothing taken).
    pub refused: Option<String>,
}

/// The key that seals venue traffic: HMAC-SHA256 of a fixed label under the judge's kit key, so
/// the kit key itself never seals anything but packages.
fn venue_key(judge_key: &[u8]) -> [u8; 32] {
    let mut mac = <HmacSha256 as hmac::KeyInit>::new_from_slice(judge_key).expect("HMAC takes any key length");
    mac.update(b"juri venue sync v1");
    mac.finalize().into_bytes().into()
}

fn random<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).expect("the operating system gives random bytes");
    b
}

fn seal(key: &[u8; 32], nonce: &[u8; 24], aad: &[u8], plain: &[u8]) -> Vec<u8> {
    XChaCha20Poly1305::new(key.into())
        .encrypt(XNonce::from_slice(nonce), Payload { msg: plain, aad })
        .expect("sealing in memory does not fail")
}

fn open(key: &[u8; 32], nonce: &[u8], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    if nonce.len() != 24 {
        return None;
    }
    XChaCha20Poly1305::new(key.into()).decrypt(XNonce::from_slice(nonce), Payload { msg: sealed, aad }).ok()
}

/// A frame: MAGIC, the header's length (u32 BE), the header, the sealed body.
fn frame(header: &[u8], body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(MAGIC.len() + 4 + header.len() + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(header.len() as u32).to_be_bytes());
    out.extend_from_slice(header);
    out.extend_from_slice(body);
    out
}

/// Splits a frame into header bytes and body, within the bounds.
fn unframe(bytes: &[u8]) -> Result<(&[u8], &[u8])> {
    let bad = || Error::BadPackage(PackageProblem::NotAPackage);
    if bytes.len() > MAX_REQUEST_BYTES {
        return Err(Error::BadPackage(PackageProblem::TooLarge));
    }
    let rest = bytes.strip_prefix(MAGIC.as_slice()).ok_or_else(bad)?;
    let (len, rest) = rest.split_at_checked(4).ok_or_else(bad)?;
    let len = u32::from_be_bytes(len.try_into().expect("four bytes")) as usize;
    if len > MAX_HEADER_BYTES {
        return Err(bad());
    }
    rest.split_at_checked(len).ok_or_else(bad)
}

/// The judge laptop's next push: the package of the events the hub has not acknowledged yet
/// (with the comments and finals, which are small), sealed, under a fresh counter that is stored
/// before anything is sent (a crash never reuses one). Returns the frame and the header.
pub fn next_push(tx: &Connection, device: &str, now: &str) -> Result<(Vec<u8>, RequestHeader)> {
    let judge = get_setting(tx, JUDGE_CODE_KEY)?.ok_or_else(|| Error::BadPackage(PackageProblem::NotAJudgeLaptop))?;
    let key = get_setting(tx, JUDGE_KEY_KEY)?
        .as_deref()
        .and_then(from_hex)
        .ok_or_else(|| Error::BadPackage(PackageProblem::NoKey(judge.clone())))?;
    let session = match get_setting(tx, SESSION_KEY)? {
        Some(s) if s.len() == 32 => s,
        _ => {
            let s = to_hex(&random::<16>());
            put_setting(tx, SESSION_KEY, &s)?;
            s
        }
    };
    let counter = get_setting(tx, COUNTER_KEY)?.and_then(|c| c.parse::<i64>().ok()).unwrap_or(0) + 1;
    put_setting(tx, COUNTER_KEY, &counter.to_string())?;
    let acked = acked_seq(tx)?;
    let package = super::export_package_after(tx, device, now, acked)?;
    let payload = super::unverified_payload(&package)?;
    let nonce = random::<24>();
    let header =
        RequestHeader { competition_id: payload.competition_id, judge, session, counter, nonce: to_hex(&nonce) };
    let head = serde_json::to_vec(&header).expect("a header serialises");
    let body = seal(&venue_key(&key), &nonce, &head, &package);
    Ok((frame(&head, &body), header))
}

/// The highest event sequence the hub has acknowledged (0 before the first answer).
pub fn acked_seq(conn: &Connection) -> Result<i64> {
    Ok(get_setting(conn, ACKED_SEQ_KEY)?.and_then(|v| v.parse().ok()).unwrap_or(0))
}

/// Reads the hub's answer to `header`'s request with this laptop's key, and records what it
/// acknowledged. An answer that is not sealed by the hub for this request is refused: the push
/// then counts as not sent.
pub fn take_answer(tx: &Connection, header: &RequestHeader, bytes: &[u8], now: &str) -> Result<VenueAnswer> {
    let unreadable = || Error::BadPackage(PackageProblem::UnreadableAnswer);
    let key = get_setting(tx, JUDGE_KEY_KEY)?.as_deref().and_then(from_hex).ok_or_else(unreadable)?;
    let (head, body) = unframe(bytes).map_err(|_| unreadable())?;
    #[derive(Deserialize)]
    struct AnswerHead {
        nonce: String,
    }
    let h: AnswerHead = serde_json::from_slice(head).map_err(|_| unreadable())?;
    let nonce = from_hex(&h.nonce).ok_or_else(unreadable)?;
    let plain = open(&venue_key(&key), &nonce, head, body).ok_or_else(unreadable)?;
    let answer: VenueAnswer = serde_json::from_slice(&plain).map_err(|_| unreadable())?;
    if answer.session != header.session || answer.counter != header.counter {
        return Err(unreadable());
    }
    if answer.refused.is_none() {
        if answer.acked_seq > acked_seq(tx)? {
            put_setting(tx, ACKED_SEQ_KEY, &answer.acked_seq.to_string())?;
        }
        put_setting(tx, LAST_SENT_KEY, now)?;
    }
    Ok(answer)
}

/// What the hub made of one request: the answer frame to send back (sealed for the judge) when
/// the request came from a key holder, and the judge for the live view.
pub struct HubOutcome {
    pub judge: Option<String>,
    pub answer: Option<VenueAnswer>,
    pub frame: Option<Vec<u8>>,
    /// A refusal before anything was merged (wrong key, replay, not a push), with its reason.
    pub refused: Option<Error>,
}

fn answer_frame(key: &[u8; 32], answer: &VenueAnswer) -> Vec<u8> {
    let nonce = random::<24>();
    let head = serde_json::to_vec(&serde_json::json!({ "nonce": to_hex(&nonce) })).expect("a header serialises");
    let plain = serde_json::to_vec(answer).expect("an answer serialises");
    frame(&head, &seal(key, &nonce, &head, &plain))
}

/// The hub's handling of one request, in the caller's write transaction: unseal with the judge's
/// key, refuse a replay, merge the package exactly as `package merge` does, remember the session's
/// counter, answer sealed. Nothing is written for a request that does not unseal.
pub fn hub_take(tx: &Connection, competition_id: &str, bytes: &[u8], now: &str, lang: Lang) -> Result<HubOutcome> {
    let refused =
        |judge: Option<String>, e: Error| Ok(HubOutcome { judge, answer: None, frame: None, refused: Some(e) });
    let (head, body) = match unframe(bytes) {
        Ok(parts) => parts,
        Err(e) => return refused(None, e),
    };
    let Ok(header) = serde_json::from_slice::<RequestHeader>(head) else {
        return refused(None, Error::BadPackage(PackageProblem::NotAPackage));
    };
    if header.competition_id != competition_id {
        return refused(Some(header.judge), Error::BadPackage(PackageProblem::WrongCompetition));
    }
    let Some(judge) = crate::judges::find_judge_by_code(tx, competition_id, &header.judge)? else {
        return refused(None, Error::BadPackage(PackageProblem::UnknownJudge(header.judge)));
    };
    let key_hex: Option<String> =
        tx.query_row("SELECT key_hex FROM judge_key WHERE judge_id = ?1", [&judge.id], |r| r.get(0)).optional()?;
    let Some(kit_key) = key_hex.as_deref().and_then(from_hex) else {
        return refused(Some(judge.code.clone()), Error::BadPackage(PackageProblem::NoKey(judge.code.clone())));
    };
    let key = venue_key(&kit_key);
    let nonce = from_hex(&header.nonce).unwrap_or_default();
    let Some(package) = open(&key, &nonce, head, body) else {
        // Not sealed with this judge's key, or altered on the way: nobody's scores are touched.
        note_refusal(tx, competition_id, &judge.code, &header.session, now, "tampered")?;
        return refused(Some(judge.code.clone()), Error::BadPackage(PackageProblem::Tampered));
    };
    if header.session.len() != 32 || from_hex(&header.session).is_none() || header.counter < 1 {
        return refused(Some(judge.code.clone()), Error::BadPackage(PackageProblem::NotAPackage));
    }
    let last: Option<i64> = tx
        .query_row(
            "SELECT last_counter FROM venue_peer WHERE competition_id = ?1 AND judge = ?2 AND session = ?3",
            params![competition_id, judge.code, header.session],
            |r| r.get(0),
        )
        .optional()?;
    if last.is_some_and(|l| header.counter <= l) {
        note_refusal(tx, competition_id, &judge.code, &header.session, now, "replayed")?;
        return refused(Some(judge.code.clone()), Error::BadPackage(PackageProblem::Replayed));
    }
    // The package inside is checked and merged exactly as a USB package.
    let name = format!("venue:{}:{}", judge.code, header.counter);
    let reports = super::merge_packages(tx, competition_id, &[(name, package.clone())], now, lang)?;
    let report = reports.into_iter().next().unwrap_or_default();
    let payload_seq = if report.refused.is_none() {
        super::unverified_payload(&package)?.events.iter().filter_map(|e| e.seq).max().unwrap_or(0)
    } else {
        0
    };
    tx.execute(
        "INSERT INTO venue_peer (competition_id, judge, session, last_counter, last_seen, pushes, events, refusals, last_refusal)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8)
         ON CONFLICT (competition_id, judge, session) DO UPDATE SET
           last_counter = excluded.last_counter, last_seen = excluded.last_seen, pushes = pushes + 1,
           events = events + excluded.events, refusals = refusals + excluded.refusals,
           last_refusal = CASE WHEN excluded.last_refusal = '' THEN last_refusal ELSE excluded.last_refusal END",
        params![
            competition_id,
            judge.code,
            header.session,
            header.counter,
            now,
            (report.new + report.changed) as i64,
            report.refused.is_some() as i64,
            report.refused.clone().unwrap_or_default()
        ],
    )?;
    let answer = answer_of(&header, &report, payload_seq);
    Ok(HubOutcome {
        judge: Some(judge.code),
        frame: Some(answer_frame(&key, &answer)),
        answer: Some(answer),
        refused: None,
    })
}

fn answer_of(header: &RequestHeader, r: &PackageReport, acked_seq: i64) -> VenueAnswer {
    VenueAnswer {
        session: header.session.clone(),
        counter: header.counter,
        acked_seq,
        events: r.events,
        new: r.new,
        changed: r.changed,
        unchanged: r.unchanged,
        already_merged: r.already_merged,
        conflicts: r.conflicts,
        refused_events: r.refused_events.len() as u32,
        refused: r.refused.clone(),
    }
}

/// Counts a refused request against a session the hub already knows (the live view shows it). A
/// request that names a session never seen adds nothing: anyone on the network can make up
/// sessions, and a flood of them must not grow the database.
fn note_refusal(
    tx: &Connection,
    competition_id: &str,
    judge: &str,
    session: &str,
    _now: &str,
    why: &str,
) -> Result<()> {
    tx.execute(
        "UPDATE venue_peer SET refusals = refusals + 1, last_refusal = ?4
         WHERE competition_id = ?1 AND judge = ?2 AND session = ?3",
        params![competition_id, judge, session, why],
    )?;
    Ok(())
}

/// One judge as the hub has seen them (all sessions together).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VenuePeer {
    pub judge: String,
    pub last_seen: String,
    pub pushes: u32,
    pub events: u32,
    pub refusals: u32,
    pub last_refusal: String,
    /// Stages the judge has marked final on the master.
    pub finals: Vec<String>,
}

/// What the hub has seen per judge.
pub fn venue_peers(conn: &Connection, competition_id: &str) -> Result<Vec<VenuePeer>> {
    let mut stmt = conn.prepare(
        "SELECT judge, max(last_seen), sum(pushes), sum(events), sum(refusals),
                (SELECT last_refusal FROM venue_peer v2 WHERE v2.competition_id = v.competition_id
                   AND v2.judge = v.judge ORDER BY last_seen DESC LIMIT 1)
         FROM venue_peer v WHERE competition_id = ?1 GROUP BY judge ORDER BY judge",
    )?;
    let rows = stmt.query_map([competition_id], |r| {
        Ok(VenuePeer {
            judge: r.get(0)?,
            last_seen: r.get(1)?,
            pushes: r.get::<_, i64>(2)? as u32,
            events: r.get::<_, i64>(3)? as u32,
            refusals: r.get::<_, i64>(4)? as u32,
            last_refusal: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
            finals: Vec::new(),
        })
    })?;
    let mut peers = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let setup = crate::competition::load_competition(conn, competition_id)?.setup;
    for p in &mut peers {
        for st in &setup.stages {
            if crate::scoring::sheet::sheet_final(conn, competition_id, &p.judge, &st.code)? {
                p.finals.push(st.code.clone());
            }
        }
    }
    Ok(peers)
}

/// The organiser's hub as the app shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VenueHubView {
    pub running: bool,
    /// The address the hub listens on (what the judges type).
    pub address: Option<String>,
    /// The address as a QR code (SVG), for the judges' laptops or phones to read.
    pub qr_svg: Option<String>,
    pub peers: Vec<VenuePeer>,
}

/// Where a judge laptop's push stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PushState {
    /// Every event acknowledged by the hub.
    Sent,
    /// A push is on its way.
    Sending,
    /// Events wait: the hub is away or refused (see `last_error`).
    Waiting,
}

/// A judge laptop's "Kirim otomatis ke panitia".
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct VenuePushStatus {
    /// The hub's address; None when automatic sending is off.
    pub address: Option<String>,
    pub state: PushState,
    /// Events the hub has not acknowledged.
    pub pending_events: u32,
    /// The sheets ("stage/proposal") holding them.
    pub pending_sheets: Vec<String>,
    /// When the hub last acknowledged a push (this laptop's clock, for display).
    pub last_sent_at: Option<String>,
    pub last_error: Option<String>,
}

/// Settings of a judge's laptop: the hub to push to, and when it last acknowledged.
pub const HUB_ADDRESS_KEY: &str = "venue_hub_address";
pub const LAST_SENT_KEY: &str = "venue_last_sent";

/// Turns automatic sending on (the hub's ADDR:PORT) or off (None), on a judge's laptop.
pub fn set_hub_address(tx: &Connection, address: Option<&str>) -> Result<()> {
    if get_setting(tx, JUDGE_CODE_KEY)?.is_none() {
        return Err(Error::BadPackage(PackageProblem::NotAJudgeLaptop));
    }
    match address.map(str::trim) {
        None | Some("") => {
            tx.execute("DELETE FROM settings WHERE key = ?1", [HUB_ADDRESS_KEY])?;
        }
        Some(a) => {
            if a.parse::<std::net::SocketAddr>().is_err() {
                return Err(Error::InvalidInput {
                    field: "alamat_hub",
                    problem: crate::error::InputProblem::BadHubAddress(crate::error::shown(a)),
                });
            }
            put_setting(tx, HUB_ADDRESS_KEY, a)?;
        }
    }
    Ok(())
}

/// What this judge laptop has not yet had acknowledged, and where its automatic sending stands
/// (`sending` and `last_error` come from the app, which does the sending).
pub fn push_status(conn: &Connection, sending: bool, last_error: Option<String>) -> Result<VenuePushStatus> {
    let address = get_setting(conn, HUB_ADDRESS_KEY)?;
    let mut pending_events = 0;
    let mut sheets = std::collections::BTreeSet::new();
    if let (Some(judge), Some(competition_id)) =
        (get_setting(conn, JUDGE_CODE_KEY)?, crate::competition::active_competition(conn)?)
    {
        let acked = acked_seq(conn)?;
        for e in super::judge_events(conn, &competition_id, &judge)? {
            if e.seq.is_none_or(|s| s > acked) {
                pending_events += 1;
                sheets.insert(format!("{}/{}", e.stage, e.proposal));
            }
        }
    }
    let state = if sending {
        PushState::Sending
    } else if pending_events == 0 {
        PushState::Sent
    } else {
        PushState::Waiting
    };
    Ok(VenuePushStatus {
        address,
        state,
        pending_events,
        pending_sheets: sheets.into_iter().collect(),
        last_sent_at: get_setting(conn, LAST_SENT_KEY)?,
        last_error,
    })
}
