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

fn load_ids(conn: &Connection, competition_id: &str) -> Result<Ids> {
    let pairs = |sql: &str| -> Result<HashMap<String, String>> {
        let mut stmt = conn.prepare(sql)?;
        let m = stmt
            .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<Result<HashMap<_, _>, _>>()?;
        Ok(m)
    };
    let proposals = pairs("SELECT code, id FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let judges = pairs("SELECT code, id FROM judge WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    Ok(Ids { proposals, judges, criteria: criterion_ids(conn, competition_id)? })
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
    let ids = load_ids(tx, competition_id)?;
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
struct Insert {
    chunk: Option<String>,
    one: String,
    shared: usize,
    per_row: usize,
}

impl Insert {
    /// `head` is "INSERT INTO t (columns) VALUES " with the columns in the order: per-row ones,
    /// then shared ones.
    fn new(head: &str, per_row: usize, shared: usize, bulk: bool) -> Insert {
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
    fn run<R>(
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
                let mut update =
                    self.tx.prepare_cached("UPDATE score SET value = ?2, updated_at = ?3 WHERE id = ?1")?;
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
/// going back). The top of those bits is set, which the shared generator's counter never does, so a
/// batch cannot meet the ids generated around it; the ids are strictly increasing within the batch.
struct BatchIds {
    unix_ms: u64,
    rand: u128,
}

impl BatchIds {
    /// The bits after the timestamp that hold randomness: 12 of `rand_a` and 62 of `rand_b`.
    const RAND_MASK: u128 = (1 << 74) - 1;
    const TOP: u128 = 1 << 73;

    fn new() -> BatchIds {
        let seed = uuid::Uuid::now_v7().as_u128();
        let rand_a = (seed >> 64) & 0xfff;
        let rand_b = seed & ((1 << 62) - 1);
        BatchIds { unix_ms: (seed >> 80) as u64, rand: (rand_a << 62) | rand_b | Self::TOP }
    }

    fn next(&mut self) -> String {
        self.rand = ((self.rand + 1) & Self::RAND_MASK) | Self::TOP;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        self.unix_ms = self.unix_ms.max(now);
        let rand_a = self.rand >> 62;
        let rand_b = self.rand & ((1 << 62) - 1);
        let v =
            ((self.unix_ms as u128 & 0xffff_ffff_ffff) << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b;
        let mut buf = uuid::Uuid::encode_buffer();
        uuid::Uuid::from_u128(v).hyphenated().encode_lower(&mut buf).to_string()
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

/// Codes by id, read once; an id not among the competition's is looked up on its own (and
/// remembered), so the result is the same as joining every table.
struct CodesById<'c> {
    known: HashMap<String, Option<(String, String)>, FxBuild>,
    lookup: rusqlite::CachedStatement<'c>,
}

impl CodesById<'_> {
    fn get(&mut self, id: &str) -> Result<Option<&(String, String)>> {
        if !self.known.contains_key(id) {
            let found = self.lookup.query_row([id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
            self.known.insert(id.to_string(), found);
        }
        Ok(self.known.get(id).and_then(|v| v.as_ref()))
    }
}

/// Every current score of a competition's live proposals and judges, by codes (the ranking input).
///
/// One plain query over the scores of the competition's proposals; ids become codes in memory
/// rather than by joining five tables for every score.
pub fn load_score_entries(conn: &Connection, competition_id: &str) -> Result<Vec<ScoreEntry>> {
    let codes = |sql: &str, lookup: &str| -> Result<CodesById<'_>> {
        let mut stmt = conn.prepare(sql)?;
        let mut known = HashMap::default();
        let mut rows = stmt.query([competition_id])?;
        while let Some(r) = rows.next()? {
            known.insert(r.get(0)?, Some((r.get(1)?, r.get(2)?)));
        }
        Ok(CodesById { known, lookup: conn.prepare_cached(lookup)? })
    };
    // (id, code, "") for judges; (id, stage code, criterion code) for criteria.
    let mut judges = codes(
        "SELECT id, code, '' FROM judge WHERE competition_id = ?1 AND deleted_at IS NULL",
        "SELECT code, '' FROM judge WHERE id = ?1 AND deleted_at IS NULL",
    )?;
    let mut criteria = codes(
        "SELECT c.id, s.code, c.code FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
        "SELECT s.code, c.code FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE c.id = ?1",
    )?;
    let mut stmt = conn.prepare(
        "SELECT p.code, sc.judge_id, sc.criterion_id, sc.value
         FROM proposal p JOIN score sc ON sc.proposal_id = p.id
         WHERE p.competition_id = ?1 AND p.deleted_at IS NULL",
    )?;
    let mut out = Vec::new();
    let mut rows = stmt.query([competition_id])?;
    let mut proposal = String::new();
    while let Some(r) = rows.next()? {
        let p = text(r, 0)?;
        if p != proposal {
            proposal = p.to_string();
        }
        let Some((judge, _)) = judges.get(text(r, 1)?)? else { continue };
        let Some((stage, criterion)) = criteria.get(text(r, 2)?)? else { continue };
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
