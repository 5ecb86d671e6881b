//! Stored scores: the current value per judge x proposal x criterion, and the append-only history
//! that every change (the first entry included) goes into.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use super::model::ScoreEntry;
use crate::error::Result;
use crate::ids::new_id;

/// A score addressed by the codes users see.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScoreKey {
    pub stage: String,
    pub proposal: String,
    pub judge: String,
    pub criterion: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ScoreChange {
    pub key: ScoreKey,
    pub value: f64,
}

/// Who changes scores, from which device, when.
#[derive(Debug, Clone)]
pub struct ScoreContext {
    pub actor: String,
    pub device: String,
    pub now: String,
}

#[derive(Debug, Clone, Copy)]
pub enum ScoreOrigin {
    Form,
    Import,
    Package,
    Paper,
}

impl ScoreOrigin {
    fn as_str(self) -> &'static str {
        match self {
            ScoreOrigin::Form => "form",
            ScoreOrigin::Import => "import",
            ScoreOrigin::Package => "package",
            ScoreOrigin::Paper => "paper",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
}

/// Ids of a competition's codes, looked up once per batch.
struct Ids {
    proposals: HashMap<String, String>,
    judges: HashMap<String, String>,
    criteria: HashMap<String, HashMap<String, String>>,
}

/// The ids `changes` name: for a few changes (a single save) each code is looked up by itself,
/// for more every live proposal and judge is read at once.
fn load_ids(conn: &Connection, competition_id: &str, changes: &[ScoreChange]) -> Result<Ids> {
    let criteria = criterion_ids(conn, competition_id)?;
    if changes.len() <= LOOKUP_EACH_MAX {
        let each = |sql: &str, codes: &mut dyn Iterator<Item = &String>| -> Result<HashMap<String, String>> {
            let mut stmt = conn.prepare_cached(sql)?;
            let mut m = HashMap::new();
            for code in codes {
                if !m.contains_key(code)
                    && let Some(id) = stmt.query_row([competition_id, code], |r| r.get(0)).optional()?
                {
                    m.insert(code.clone(), id);
                }
            }
            Ok(m)
        };
        let proposals = each(
            "SELECT id FROM proposal WHERE competition_id = ?1 AND code = ?2 AND deleted_at IS NULL",
            &mut changes.iter().map(|c| &c.key.proposal),
        )?;
        let judges = each(
            "SELECT id FROM judge WHERE competition_id = ?1 AND code = ?2 AND deleted_at IS NULL",
            &mut changes.iter().map(|c| &c.key.judge),
        )?;
        return Ok(Ids { proposals, judges, criteria });
    }
    let pairs = |sql: &str| -> Result<HashMap<String, String>> {
        let mut stmt = conn.prepare(sql)?;
        let m = stmt
            .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<HashMap<_, _>, _>>()?;
        Ok(m)
    };
    let proposals = pairs("SELECT code, id FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let judges = pairs("SELECT code, id FROM judge WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    Ok(Ids { proposals, judges, criteria })
}

/// Criterion ids of a competition: stage code -> criterion code -> id.
pub fn criterion_ids(conn: &Connection, competition_id: &str) -> Result<HashMap<String, HashMap<String, String>>> {
    let mut stmt = conn.prepare(
        "SELECT s.code, c.code, c.id FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
    )?;
    let mut out: HashMap<String, HashMap<String, String>> = HashMap::new();
    let mut rows = stmt.query([competition_id])?;
    while let Some(r) = rows.next()? {
        out.entry(r.get(0)?).or_default().insert(r.get(1)?, r.get(2)?);
    }
    Ok(out)
}

/// Writes validated score changes; an identical value is left alone, anything else enters the history.
pub fn apply_score_changes(
    tx: &Connection,
    competition_id: &str,
    changes: &[ScoreChange],
    ctx: &ScoreContext,
    origin: ScoreOrigin,
) -> Result<Applied> {
    let ids = load_ids(tx, competition_id, changes)?;
    let writes: Vec<ScoreWrite> = changes
        .iter()
        .filter_map(|ch| {
            // Validated by the caller; a code gone meanwhile is skipped rather than guessed.
            Some(ScoreWrite {
                proposal_id: ids.proposals.get(&ch.key.proposal)?,
                judge_id: ids.judges.get(&ch.key.judge)?,
                criterion_id: ids.criteria.get(&ch.key.stage)?.get(&ch.key.criterion)?,
                value: ch.value,
            })
        })
        .collect();
    write_scores(tx, &writes, ctx, origin)
}

/// A validated score change addressed by the ids of its proposal, judge and criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreWrite<'a> {
    pub proposal_id: &'a str,
    pub judge_id: &'a str,
    pub criterion_id: &'a str,
    pub value: f64,
}

/// Up to this many writes, each current value is looked up by its own query (a single save);
/// above it, the current values of the proposals concerned are read in one query per proposal.
const LOOKUP_EACH_MAX: usize = 16;

/// The current (id, value) of every distinct score the writes touch, and which of them each write
/// touches: read with one query per proposal instead of one per write.
struct Current {
    slots: Vec<Option<(String, f64)>>,
    slot_of_write: Vec<usize>,
}

fn current_values(tx: &Connection, writes: &[ScoreWrite]) -> Result<Current> {
    // Ids as small numbers, so a score is three numbers rather than three strings.
    fn intern<'a>(m: &mut HashMap<&'a str, u32, FxBuild>, id: &'a str) -> u32 {
        let next = m.len() as u32;
        *m.entry(id).or_insert(next)
    }
    let (mut proposals, mut judges, mut criteria) =
        (HashMap::default(), HashMap::default(), HashMap::<&str, u32, FxBuild>::default());
    let mut slot_by_key: HashMap<(u32, u32, u32), usize, FxBuild> = HashMap::default();
    let mut slot_of_write = Vec::with_capacity(writes.len());
    for w in writes {
        let key = (
            intern(&mut proposals, w.proposal_id),
            intern(&mut judges, w.judge_id),
            intern(&mut criteria, w.criterion_id),
        );
        let next = slot_by_key.len();
        slot_of_write.push(*slot_by_key.entry(key).or_insert(next));
    }
    let mut slots = vec![None; slot_by_key.len()];
    let mut stmt = tx.prepare_cached("SELECT judge_id, criterion_id, id, value FROM score WHERE proposal_id = ?1")?;
    for (&p, &pi) in &proposals {
        let mut rows = stmt.query([p])?;
        while let Some(r) = rows.next()? {
            let (Some(&ji), Some(&ci)) = (judges.get(text(r, 0)?), criteria.get(text(r, 1)?)) else { continue };
            if let Some(&slot) = slot_by_key.get(&(pi, ji, ci)) {
                slots[slot] = Some((r.get(2)?, r.get(3)?));
            }
        }
    }
    Ok(Current { slots, slot_of_write })
}

/// Writes validated score changes by ids (see [`apply_score_changes`]). Each new score and each
/// history line gets a UUID v7 id; a score written twice in one batch is an edit of the first.
pub fn write_scores(
    tx: &Connection,
    writes: &[ScoreWrite],
    ctx: &ScoreContext,
    origin: ScoreOrigin,
) -> Result<Applied> {
    let bulk = writes.len() > LOOKUP_EACH_MAX;
    let mut w = Writer::new(tx, ctx, origin, bulk);
    if bulk {
        let Current { mut slots, slot_of_write } = current_values(tx, writes)?;
        for (write, &s) in writes.iter().zip(&slot_of_write) {
            let slot = &mut slots[s];
            match w.write(write, slot.as_ref().map(|(id, v)| (id.as_str(), *v)))? {
                Some(id) => *slot = Some((id, write.value)),
                None => {
                    if let Some((_, v)) = slot {
                        *v = write.value;
                    }
                }
            }
        }
    } else {
        let mut find = tx.prepare_cached(
            "SELECT id, value FROM score WHERE proposal_id = ?1 AND judge_id = ?2 AND criterion_id = ?3",
        )?;
        for write in writes {
            // The pending inserts go first, so a score written twice is found the second time.
            w.flush_scores()?;
            let existing: Option<(String, f64)> = find
                .query_row(params![write.proposal_id, write.judge_id, write.criterion_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?;
            w.write(write, existing.as_ref().map(|(id, v)| (id.as_str(), *v)))?;
        }
    }
    w.finish()
}

/// Rows per multi-row INSERT in a bulk write: one statement per chunk keeps SQLite's cursors open
/// across rows (appends then skip the seek from the root) instead of one statement per row.
const CHUNK: usize = 256;

/// An INSERT of rows with `per_row` parameters each, after `shared` parameters (bound once) that
/// every row repeats: for a whole chunk of rows (bulk writes only) and for one row.
pub(crate) struct Insert {
    chunk: Option<String>,
    one: String,
    shared: usize,
    per_row: usize,
}

impl Insert {
    /// `head` is "INSERT INTO t (columns) VALUES " with the columns in the order: per-row ones,
    /// then shared ones.
    pub(crate) fn new(head: &str, per_row: usize, shared: usize, bulk: bool) -> Insert {
        let values = |rows: usize| {
            let mut sql = String::from(head);
            for r in 0..rows {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                let own = (0..per_row).map(|i| format!("?{}", shared + r * per_row + i + 1));
                let all: Vec<String> = own.chain((0..shared).map(|i| format!("?{}", i + 1))).collect();
                sql.push_str(&all.join(", "));
                sql.push(')');
            }
            sql
        };
        Insert { chunk: bulk.then(|| values(CHUNK)), one: values(1), shared, per_row }
    }

    /// Inserts `rows` in order: whole chunks with one statement each, the rest one by one.
    pub(crate) fn run<R>(
        &self,
        tx: &Connection,
        shared: &[&dyn rusqlite::ToSql],
        rows: &[R],
        bind: impl Fn(&mut rusqlite::Statement, usize, &R) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut done = 0;
        if let Some(sql) = self.chunk.as_ref().filter(|_| rows.len() >= CHUNK) {
            let mut stmt = tx.prepare_cached(sql)?;
            for (i, v) in shared.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            for group in rows.chunks_exact(CHUNK) {
                for (i, r) in group.iter().enumerate() {
                    bind(&mut stmt, self.shared + i * self.per_row, r)?;
                }
                stmt.raw_execute()?;
            }
            done = rows.len() / CHUNK * CHUNK;
        }
        if done < rows.len() {
            let mut stmt = tx.prepare_cached(&self.one)?;
            for (i, v) in shared.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            for r in &rows[done..] {
                bind(&mut stmt, self.shared, r)?;
                stmt.raw_execute()?;
            }
        }
        Ok(())
    }
}

/// A history line waiting to be inserted: (id, score id, old value, new value).
type HistoryRow = (String, String, Option<f64>, f64);

/// Buffers new scores and history lines and inserts them in chunks, scores before the history
/// lines that refer to them, each table in the order of the writes.
struct Writer<'t, 'w> {
    tx: &'t Connection,
    ctx: &'w ScoreContext,
    origin: ScoreOrigin,
    /// Pending rows are inserted when this many history lines wait.
    flush_at: usize,
    ids: IdSource,
    scores: Vec<(String, ScoreWrite<'w>)>,
    history: Vec<HistoryRow>,
    insert_score: Insert,
    insert_history: Insert,
    applied: Applied,
}

impl<'t, 'w> Writer<'t, 'w> {
    fn new(tx: &'t Connection, ctx: &'w ScoreContext, origin: ScoreOrigin, bulk: bool) -> Writer<'t, 'w> {
        Writer {
            tx,
            ctx,
            origin,
            flush_at: if bulk { CHUNK } else { 1 },
            ids: if bulk { IdSource::Batch(BatchIds::new()) } else { IdSource::Each },
            scores: Vec::new(),
            history: Vec::new(),
            insert_score: Insert::new(
                "INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at) VALUES ",
                5,
                1,
                bulk,
            ),
            insert_history: Insert::new(
                "INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin) VALUES ",
                4,
                4,
                bulk,
            ),
            applied: Applied::default(),
        }
    }

    /// Writes one score given its current (id, value); returns the id of a new score.
    fn write(&mut self, w: &ScoreWrite<'w>, current: Option<(&str, f64)>) -> Result<Option<String>> {
        let new_id = match current {
            Some((_, old)) if old == w.value => {
                self.applied.unchanged += 1;
                return Ok(None);
            }
            Some((id, old)) => {
                self.flush_scores()?; // the score may be one of the pending ones
                let mut update = self.tx.prepare_cached(
                    "UPDATE score SET value = ?2, updated_at = ?3, source_event = NULL WHERE id = ?1",
                )?;
                update.execute(params![id, w.value, self.ctx.now])?;
                self.applied.changed += 1;
                self.history.push((self.ids.next(), id.to_string(), Some(old), w.value));
                None
            }
            None => {
                let id = self.ids.next();
                self.scores.push((id.clone(), *w));
                self.applied.added += 1;
                self.history.push((self.ids.next(), id.clone(), None, w.value));
                Some(id)
            }
        };
        if self.history.len() >= self.flush_at {
            self.flush_history()?;
        }
        Ok(new_id)
    }

    fn flush_scores(&mut self) -> Result<()> {
        let rows = std::mem::take(&mut self.scores);
        self.insert_score.run(self.tx, &[&self.ctx.now], &rows, |st, o, (id, w)| {
            st.raw_bind_parameter(o + 1, id)?;
            st.raw_bind_parameter(o + 2, w.proposal_id)?;
            st.raw_bind_parameter(o + 3, w.judge_id)?;
            st.raw_bind_parameter(o + 4, w.criterion_id)?;
            st.raw_bind_parameter(o + 5, w.value)
        })
    }

    /// Inserts the pending history lines, after the pending scores they may refer to.
    fn flush_history(&mut self) -> Result<()> {
        self.flush_scores()?;
        let rows = std::mem::take(&mut self.history);
        let shared: [&dyn rusqlite::ToSql; 4] =
            [&self.ctx.now, &self.ctx.actor, &self.ctx.device, &self.origin.as_str()];
        self.insert_history.run(self.tx, &shared, &rows, |st, o, (id, score_id, old, new)| {
            st.raw_bind_parameter(o + 1, id)?;
            st.raw_bind_parameter(o + 2, score_id)?;
            st.raw_bind_parameter(o + 3, old)?;
            st.raw_bind_parameter(o + 4, new)
        })
    }

    fn finish(mut self) -> Result<Applied> {
        self.flush_history()?;
        if let IdSource::Batch(b) = &self.ids {
            b.settle();
        }
        Ok(self.applied)
    }
}

/// Where new ids come from: the shared UUID v7 generator for a few, a batch sequence for many.
enum IdSource {
    Each,
    Batch(BatchIds),
}

impl IdSource {
    fn next(&mut self) -> String {
        match self {
            IdSource::Each => new_id(),
            IdSource::Batch(b) => b.next(),
        }
    }
}

/// UUID v7 ids for a large batch without asking the OS for randomness per id (RFC 9562 §6.2,
/// method 2, "monotonic random"): the 74 bits after the timestamp start at the random bits of an id
/// from the shared generator and grow by one per id, while the timestamp follows the clock (never
/// going back). The top of those bits is set, which the shared generator's counter never does, so
/// within a millisecond a batch id sorts after (and never equals) the shared ids made before it;
/// [`BatchIds::settle`] makes the ids made after it sort after it. The batch's own ids strictly
/// increase, so history lines keep the order they were written in.
pub(crate) struct BatchIds {
    unix_ms: u64,
    rand: u128,
}

impl BatchIds {
    /// The bits after the timestamp that hold randomness: 12 of `rand_a` and 62 of `rand_b`.
    const RAND_MASK: u128 = (1 << 74) - 1;
    const TOP: u128 = 1 << 73;

    pub(crate) fn new() -> BatchIds {
        let seed = uuid::Uuid::now_v7().as_u128();
        let rand_a = (seed >> 64) & 0xfff;
        let rand_b = seed & ((1 << 62) - 1);
        BatchIds { unix_ms: (seed >> 80) as u64, rand: (rand_a << 62) | rand_b | Self::TOP }
    }

    fn now_ms() -> u64 {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
    }

    pub(crate) fn next(&mut self) -> String {
        self.rand = ((self.rand + 1) & Self::RAND_MASK) | Self::TOP;
        self.unix_ms = self.unix_ms.max(Self::now_ms());
        let rand_a = self.rand >> 62;
        let rand_b = self.rand & ((1 << 62) - 1);
        let v =
            ((self.unix_ms as u128 & 0xffff_ffff_ffff) << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b;
        let mut buf = uuid::Uuid::encode_buffer();
        uuid::Uuid::from_u128(v).hyphenated().encode_lower(&mut buf).to_string()
    }

    /// Waits (about a millisecond at most) until the clock has left the batch's last millisecond, so
    /// every id the shared generator makes afterwards sorts after the batch: events are ordered by
    /// (time, id) when packages merge, so later must mean greater. The wait is bounded (2 ms), so a
    /// clock set back cannot hang a write.
    pub(crate) fn settle(&self) {
        let give_up = std::time::Instant::now() + std::time::Duration::from_millis(2);
        while Self::now_ms() <= self.unix_ms && std::time::Instant::now() < give_up {
            std::thread::sleep(std::time::Duration::from_micros(100));
        }
    }
}

/// A fast, non-cryptographic hash (FxHash with a final mix) for maps keyed by ids read from our
/// own database or by small numbers: the keys are not attacker-chosen, so flooding is no concern.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    const K: u64 = 0xf135_7aea_2e62_a9c5;

    fn add(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(Self::K);
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]));
        }
        let mut last = [0u8; 8];
        let rest = chunks.remainder();
        last[..rest.len()].copy_from_slice(rest);
        self.add(u64::from_le_bytes(last) ^ ((rest.len() as u64) << 59));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weak; fold the high bits in (hashbrown uses both ends).
        let h = self.0;
        (h ^ (h >> 29) ^ (h >> 47)).rotate_left(26)
    }
}

pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;

/// A text column borrowed from the row (no copy).
fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)
}

/// An id column's bytes, borrowed from the row (ids are compared, not read as text).
fn id_bytes<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r [u8]> {
    r.get_ref(i)?.as_bytes().map_err(rusqlite::Error::from)
}

/// Codes by id, read once; an id not among the competition's is looked up on its own (and
/// remembered), so the result is the same as joining every table.
struct CodesById<'c> {
    index: HashMap<Vec<u8>, usize, FxBuild>,
    codes: Vec<Option<(String, String)>>,
    lookup: rusqlite::CachedStatement<'c>,
}

impl<'c> CodesById<'c> {
    /// `sql` reads (id, code, code) with the competition as ?1; `lookup` reads the two codes of
    /// the id ?1, if it counts.
    fn new(conn: &'c Connection, competition_id: &str, sql: &str, lookup: &str) -> Result<CodesById<'c>> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([competition_id])?;
        let (mut index, mut codes) = (HashMap::default(), Vec::new());
        while let Some(r) = rows.next()? {
            index.insert(id_bytes(r, 0)?.to_vec(), codes.len());
            codes.push(Some((r.get(1)?, r.get(2)?)));
        }
        Ok(CodesById { index, codes, lookup: conn.prepare_cached(lookup)? })
    }

    fn get(&mut self, id: &[u8]) -> Result<Option<&(String, String)>> {
        let i = match self.index.get(id) {
            Some(&i) => i,
            None => {
                let found = match std::str::from_utf8(id) {
                    Ok(id) => self.lookup.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?,
                    Err(_) => None, // not an id of ours (ids are ASCII text)
                };
                self.index.insert(id.to_vec(), self.codes.len());
                self.codes.push(found);
                self.codes.len() - 1
            }
        };
        Ok(self.codes[i].as_ref())
    }
}

/// Every current score of a competition's live proposals and judges, by codes (the ranking input).
///
/// One query over the competition's proposals and their scores (by the UNIQUE index, so rows come
/// grouped by proposal and judge); judge and criterion ids become codes in memory instead of
/// joining three more tables for every score.
pub fn load_score_entries(conn: &Connection, competition_id: &str) -> Result<Vec<ScoreEntry>> {
    // A score may name a judge or criterion outside this competition only if written by hand;
    // such an id is looked up on its own, with the conditions of a join.
    let mut judges = CodesById::new(
        conn,
        competition_id,
        "SELECT id, code, '' FROM judge WHERE competition_id = ?1 AND deleted_at IS NULL",
        "SELECT code, '' FROM judge WHERE id = ?1 AND deleted_at IS NULL",
    )?;
    let mut criteria = CodesById::new(
        conn,
        competition_id,
        "SELECT c.id, s.code, c.code FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
        "SELECT s.code, c.code FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE c.id = ?1",
    )?;
    let proposals: i64 = conn.query_row(
        "SELECT count(*) FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL",
        [competition_id],
        |r| r.get(0),
    )?;
    // At most one score per proposal, judge and criterion: reserve that (exact when all is scored).
    let mut out = Vec::with_capacity(proposals as usize * judges.codes.len() * criteria.codes.len());
    let mut stmt = conn.prepare(
        "SELECT p.code, sc.judge_id, sc.criterion_id, sc.value
         FROM proposal p JOIN score sc ON sc.proposal_id = p.id
         WHERE p.competition_id = ?1 AND p.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([competition_id])?;
    let mut proposal = String::new();
    let (mut judge_id, mut judge) = (Vec::new(), None::<String>);
    while let Some(r) = rows.next()? {
        let p = text(r, 0)?;
        if p != proposal {
            proposal = p.to_string();
        }
        let j = id_bytes(r, 1)?;
        if j != judge_id {
            judge_id = j.to_vec();
            judge = judges.get(j)?.map(|(code, _)| code.clone());
        }
        let Some(judge) = &judge else { continue };
        let Some((stage, criterion)) = criteria.get(id_bytes(r, 2)?)? else { continue };
        out.push(ScoreEntry {
            stage: stage.clone(),
            proposal: proposal.clone(),
            judge: judge.clone(),
            criterion: criterion.clone(),
            value: r.get(3)?,
        });
    }
    Ok(out)
}

/// One line of a score's history.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreHistoryLine {
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub at: String,
    pub actor: String,
    pub origin: String,
}

pub fn score_history(conn: &Connection, competition_id: &str, key: &ScoreKey) -> Result<Vec<ScoreHistoryLine>> {
    let mut stmt = conn.prepare(
        "SELECT h.old_value, h.new_value, h.at, h.actor, h.origin FROM score_history h
         JOIN score sc ON sc.id = h.score_id
         JOIN proposal p ON p.id = sc.proposal_id JOIN judge j ON j.id = sc.judge_id
         JOIN criterion c ON c.id = sc.criterion_id JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND s.code = ?2 AND p.code = ?3 AND j.code = ?4 AND c.code = ?5
         ORDER BY h.at, h.rowid",
    )?;
    let rows = stmt
        .query_map(params![competition_id, key.stage, key.proposal, key.judge, key.criterion], |r| {
            Ok(ScoreHistoryLine { old: r.get(0)?, new: r.get(1)?, at: r.get(2)?, actor: r.get(3)?, origin: r.get(4)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Db;
    use crate::proposals::Actor;

    const NOW: &str = "2026-08-10T09:00:00Z";

    fn demo() -> (tempfile::TempDir, Db, String) {
        let dir = tempfile::tempdir().unwrap();
        let mut db = Db::open(&dir.path().join("t.sqlite3")).unwrap();
        let id = db.write(|tx| crate::demo::create_demo(tx, &Actor::new("uji"), NOW)).unwrap();
        (dir, db, id)
    }

    fn ctx() -> ScoreContext {
        ScoreContext { actor: "uji".into(), device: "laptop-uji".into(), now: NOW.into() }
    }

    fn change(stage: &str, p: usize, j: usize, criterion: &str, value: f64) -> ScoreChange {
        ScoreChange {
            key: ScoreKey {
                stage: stage.into(),
                proposal: format!("P-{p:03}"),
                judge: format!("J{j}"),
                criterion: criterion.into(),
            },
            value,
        }
    }

    /// Scores with their whole history by codes, ids left out: what two ways of writing must agree on.
    fn content(db: &Db) -> Vec<String> {
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT s.code, p.code, j.code, c.code, sc.value, sc.updated_at,
                        h.old_value, h.new_value, h.at, h.actor, h.device, h.origin
                 FROM score sc JOIN proposal p ON p.id = sc.proposal_id JOIN judge j ON j.id = sc.judge_id
                 JOIN criterion c ON c.id = sc.criterion_id JOIN stage s ON s.id = c.stage_id
                 JOIN score_history h ON h.score_id = sc.id
                 ORDER BY s.code, p.code, j.code, c.code, h.rowid",
            )
            .unwrap();
        stmt.query_map([], |r| {
            Ok((0..12).map(|i| format!("{:?}", r.get_ref(i).unwrap())).collect::<Vec<_>>().join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    /// The bulk path (chunked inserts, current values read per proposal, batch ids) against one
    /// save at a time, with adds, edits, unchanged values and a score written twice in one batch.
    #[test]
    fn a_batch_writes_what_single_saves_write() {
        let desk = ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas"];
        let mut first = Vec::new();
        for p in 1..=20 {
            for j in 1..=3 {
                for (k, c) in desk.iter().enumerate() {
                    first.push(change("proposal", p, j, c, (p * 7 + j * 3 + k) as f64 % 90.0));
                }
            }
        }
        assert!(first.len() > CHUNK, "a whole chunk and a remainder: {}", first.len());
        let mut second: Vec<ScoreChange> = first
            .iter()
            .enumerate()
            .map(|(i, ch)| ScoreChange { value: if i % 3 == 0 { ch.value + 0.5 } else { ch.value }, ..ch.clone() })
            .collect();
        second.extend((1..=20).map(|p| change("presentasi", p, 4, "kebaruan", 7.5)));
        second.push(change("presentasi", 1, 4, "kebaruan", 8.0)); // written twice: an edit of the first
        second.push(change("presentasi", 2, 4, "kebaruan", 7.5)); // twice with the same value
        second.push(change("proposal", 1, 1, "kebaruan", 60.0)); // an existing score edited twice
        second.push(change("proposal", 1, 1, "kebaruan", 61.0));

        let (_d1, mut bulk, c1) = demo();
        let (_d2, mut single, c2) = demo();
        // Second round: 20 new; every third of the first edited, plus the two edits of a score
        // written twice and the two of an existing one; the rest, and the repeat, unchanged.
        for (round, expected) in [(&first, (300, 0, 0)), (&second, (20, 100 + 1 + 2, 200 + 1))] {
            let a = bulk.write(|tx| apply_score_changes(tx, &c1, round, &ctx(), ScoreOrigin::Import)).unwrap();
            let b = single
                .write(|tx| {
                    let mut sum = Applied::default();
                    for ch in round.iter() {
                        let x = apply_score_changes(tx, &c2, std::slice::from_ref(ch), &ctx(), ScoreOrigin::Import)?;
                        sum.added += x.added;
                        sum.changed += x.changed;
                        sum.unchanged += x.unchanged;
                    }
                    Ok(sum)
                })
                .unwrap();
            assert_eq!((a.added, a.changed, a.unchanged), expected);
            assert_eq!(a, b);
            assert_eq!(content(&bulk), content(&single));
        }
        let twice = ScoreKey {
            stage: "proposal".into(),
            proposal: "P-001".into(),
            judge: "J1".into(),
            criterion: "kebaruan".into(),
        };
        let h: Vec<_> = score_history(bulk.conn(), &c1, &twice).unwrap().into_iter().map(|l| (l.old, l.new)).collect();
        let v0 = first[1].value;
        assert_eq!(h, vec![(None, Some(v0)), (Some(v0), Some(60.0)), (Some(60.0), Some(61.0))]);
    }

    #[test]
    fn batch_ids_are_increasing_uuid_v7_between_the_shared_ones() {
        let before = new_id();
        let mut b = BatchIds::new();
        let ids: Vec<String> = (0..20_000).map(|_| b.next()).collect();
        b.settle();
        let after = new_id();
        for w in ids.windows(2) {
            assert!(w[0] < w[1], "{} then {}", w[0], w[1]);
        }
        assert!(before < ids[0] && ids[ids.len() - 1] < after, "{before} < {} .. {} < {after}", ids[0], ids[19_999]);
        for id in [&ids[0], &ids[19_999]] {
            let u = uuid::Uuid::parse_str(id).unwrap();
            assert_eq!(u.get_version_num(), 7);
            assert_eq!(u.get_variant(), uuid::Variant::RFC4122);
            assert_eq!(&u.hyphenated().to_string(), id, "lower-case hyphenated text");
        }
    }

    /// The loader maps ids to codes in memory; it must give what the five-table join gives,
    /// removed proposals and judges and a judge of another competition included.
    #[test]
    fn loaded_scores_equal_the_join() {
        let (_d, mut db, id) = demo();
        let other = db.write(|tx| crate::demo::create_demo(tx, &Actor::new("uji"), NOW)).unwrap();
        let mut changes = Vec::new();
        for p in 1..=20 {
            for j in 1..=5 {
                changes.push(change("proposal", p, j, "kebaruan", (p + j) as f64));
                changes.push(change("presentasi", p, j, "penyajian", (p * j % 10) as f64));
            }
        }
        db.write(|tx| apply_score_changes(tx, &id, &changes, &ctx(), ScoreOrigin::Import)).unwrap();
        db.write(|tx| apply_score_changes(tx, &other, &changes[..7], &ctx(), ScoreOrigin::Import)).unwrap();
        db.write(|tx| {
            crate::judges::remove_judge(tx, &id, "J2", NOW)?;
            let p3 = crate::proposals::find_proposal_by_code(tx, &id, "P-003")?.unwrap();
            crate::proposals::remove_proposal(tx, &p3.id, "salah input", &Actor::new("uji"), NOW)?;
            // A score naming another competition's judge (only possible by hand) still counts, as in a join.
            tx.execute(
                "INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at)
                 SELECT 'by-hand', sc.proposal_id, (SELECT id FROM judge WHERE competition_id = ?2 AND code = 'J3'),
                        sc.criterion_id, 42, ?3
                 FROM score sc JOIN judge j ON j.id = sc.judge_id JOIN proposal p ON p.id = sc.proposal_id
                 WHERE p.competition_id = ?1 AND j.code = 'J2' AND p.code = 'P-001' LIMIT 1",
                params![id, other, NOW],
            )?;
            Ok(())
        })
        .unwrap();
        let key = |e: &ScoreEntry| format!("{}|{}|{}|{}|{}", e.stage, e.proposal, e.judge, e.criterion, e.value);
        let mut got: Vec<String> = load_score_entries(db.conn(), &id).unwrap().iter().map(key).collect();
        let mut stmt = db
            .conn()
            .prepare(
                "SELECT s.code, p.code, j.code, c.code, sc.value
                 FROM score sc
                 JOIN proposal p ON p.id = sc.proposal_id AND p.deleted_at IS NULL
                 JOIN judge j ON j.id = sc.judge_id AND j.deleted_at IS NULL
                 JOIN criterion c ON c.id = sc.criterion_id
                 JOIN stage s ON s.id = c.stage_id
                 WHERE p.competition_id = ?1",
            )
            .unwrap();
        let mut want: Vec<String> = stmt
            .query_map([&id], |r| {
                Ok(ScoreEntry {
                    stage: r.get(0)?,
                    proposal: r.get(1)?,
                    judge: r.get(2)?,
                    criterion: r.get(3)?,
                    value: r.get(4)?,
                })
            })
            .unwrap()
            .map(|e| key(&e.unwrap()))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got.len(), 19 * 4 * 2 + 1, "P-003 and J2 left out, the hand-written score kept");
        assert!(got.iter().any(|k| k.ends_with("|J3|kebaruan|42") || k.ends_with("|J3|penyajian|42")));
        assert_eq!(got, want);
    }
}
