//! Stored scores: the current value per judge x proposal x criterion, and the append-only history
//! that every change (the first entry included) goes into.

use std::collections::HashMap;
use std::sync::Arc;

use crate::scoring::insert::Insert;
use rusqlite::{Connection, OptionalExtension, params};

use super::model::ScoreEntry;
use crate::error::Result;

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

/// The local numbers of a competition's codes, looked up once per batch.
struct Numbers {
    proposals: HashMap<String, i64>,
    judges: HashMap<String, i64>,
    criteria: HashMap<String, HashMap<String, i64>>,
}

/// The numbers `changes` name: for a few changes (a single save) each code is looked up by
/// itself, for more every live proposal and judge is read at once.
fn load_numbers(conn: &Connection, competition_id: &str, changes: &[ScoreChange]) -> Result<Numbers> {
    let criteria = criterion_numbers(conn, competition_id)?;
    if changes.len() <= LOOKUP_EACH_MAX {
        let each = |sql: &str, codes: &mut dyn Iterator<Item = &String>| -> Result<HashMap<String, i64>> {
            let mut stmt = conn.prepare_cached(sql)?;
            let mut m = HashMap::new();
            for code in codes {
                if !m.contains_key(code)
                    && let Some(n) = stmt.query_row([competition_id, code], |r| r.get(0)).optional()?
                {
                    m.insert(code.clone(), n);
                }
            }
            Ok(m)
        };
        let proposals = each(
            "SELECT n FROM proposal WHERE competition_id = ?1 AND code = ?2 AND deleted_at IS NULL",
            &mut changes.iter().map(|c| &c.key.proposal),
        )?;
        let judges = each(
            "SELECT n FROM judge WHERE competition_id = ?1 AND code = ?2 AND deleted_at IS NULL",
            &mut changes.iter().map(|c| &c.key.judge),
        )?;
        return Ok(Numbers { proposals, judges, criteria });
    }
    let pairs = |sql: &str| -> Result<HashMap<String, i64>> {
        let mut stmt = conn.prepare(sql)?;
        let m = stmt
            .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<Result<HashMap<_, _>, _>>()?;
        Ok(m)
    };
    let proposals = pairs("SELECT code, n FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let judges = pairs("SELECT code, n FROM judge WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    Ok(Numbers { proposals, judges, criteria })
}

/// Criterion numbers of a competition: stage code -> criterion code -> number.
pub fn criterion_numbers(conn: &Connection, competition_id: &str) -> Result<HashMap<String, HashMap<String, i64>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.code, c.code, c.n FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
    )?;
    let mut out: HashMap<String, HashMap<String, i64>> = HashMap::new();
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
    let n = load_numbers(tx, competition_id, changes)?;
    let writes: Vec<ScoreWrite> = changes
        .iter()
        .filter_map(|ch| {
            // Validated by the caller; a code gone meanwhile is skipped rather than guessed.
            Some(ScoreWrite {
                score: ScoreRef {
                    proposal: *n.proposals.get(&ch.key.proposal)?,
                    judge: *n.judges.get(&ch.key.judge)?,
                    criterion: *n.criteria.get(&ch.key.stage)?.get(&ch.key.criterion)?,
                },
                value: ch.value,
            })
        })
        .collect();
    write_scores(tx, &writes, ctx, origin)
}

/// A stored score by the local numbers of its proposal, judge and criterion (its primary key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScoreRef {
    pub proposal: i64,
    pub judge: i64,
    pub criterion: i64,
}

impl ScoreRef {
    /// Reads the three numbers from columns `i`, `i + 1`, `i + 2`.
    pub(crate) fn from_row(r: &rusqlite::Row, i: usize) -> rusqlite::Result<ScoreRef> {
        Ok(ScoreRef { proposal: r.get(i)?, judge: r.get(i + 1)?, criterion: r.get(i + 2)? })
    }
}

/// A validated score change addressed by its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScoreWrite {
    pub score: ScoreRef,
    pub value: f64,
}

/// Up to this many writes, each current value is looked up by its own query (a single save);
/// above it, the current values of the proposals concerned are read in one query per proposal.
const LOOKUP_EACH_MAX: usize = 16;

/// Rows of history and score written per `write_batch` call in a large batch: memory stays bounded
/// (a full jury's file is 324,000 scores) while each call still appends whole chunks.
const FLUSH_LINES: usize = 16 * 1024;

/// The current values of the scores a batch touches, read as the batch walks its writes in key
/// order: one query per score for a few writes, one query per proposal (its scores in key order)
/// for many. Only one proposal's scores are held at a time.
struct CurrentValues<'t> {
    tx: &'t Connection,
    each: bool,
    proposal: Option<i64>,
    values: HashMap<(i64, i64), f64, FxBuild>,
}

impl<'t> CurrentValues<'t> {
    fn get(&mut self, s: ScoreRef) -> Result<Option<f64>> {
        if self.each {
            let mut find = self.tx.prepare_cached(
                "SELECT value FROM score WHERE proposal_n = ?1 AND judge_n = ?2 AND criterion_n = ?3",
            )?;
            return Ok(find.query_row(params![s.proposal, s.judge, s.criterion], |r| r.get(0)).optional()?);
        }
        if self.proposal != Some(s.proposal) {
            self.values.clear();
            let mut stmt =
                self.tx.prepare_cached("SELECT judge_n, criterion_n, value FROM score WHERE proposal_n = ?1")?;
            let mut rows = stmt.query([s.proposal])?;
            while let Some(r) = rows.next()? {
                self.values.insert((r.get(0)?, r.get(1)?), r.get(2)?);
            }
            self.proposal = Some(s.proposal);
        }
        Ok(self.values.get(&(s.judge, s.criterion)).copied())
    }
}

/// Writes validated score changes by score (see [`apply_score_changes`]) as one batch: one
/// `score_change` row says who, when and from where; each history line gets a UUID v7 event id.
/// A score written twice in one batch is an edit of the first write.
///
/// The writes are walked in key order (a stable sort of their positions, so writes of one score
/// keep their order), and scores and history lines are written in bounded chunks as they come:
/// memory does not grow with the batch beyond the writes themselves.
pub fn write_scores(
    tx: &Connection,
    writes: &[ScoreWrite],
    ctx: &ScoreContext,
    origin: ScoreOrigin,
) -> Result<Applied> {
    let mut order: Vec<u32> = (0..writes.len() as u32).collect();
    order.sort_by_key(|&i| writes[i as usize].score);
    let bulk = writes.len() > LOOKUP_EACH_MAX;
    let mut current = CurrentValues { tx, each: !bulk, proposal: None, values: HashMap::default() };
    let mut ids = if bulk { IdSource::Batch(crate::ids::BatchIds::new()) } else { IdSource::Each };
    let mut applied = Applied::default();
    let mut change: Option<i64> = None;
    let mut next_line = 0i64;
    let (mut new, mut changed, mut lines) = (Vec::new(), Vec::new(), Vec::new());
    let mut i = 0;
    while i < order.len() {
        let score = writes[order[i] as usize].score;
        let stored = current.get(score)?;
        let mut value = stored;
        // Every write of this score, in the batch's order.
        while i < order.len() && writes[order[i] as usize].score == score {
            let w = writes[order[i] as usize];
            i += 1;
            match value {
                Some(v) if v == w.value => {
                    applied.unchanged += 1;
                    continue;
                }
                Some(_) => applied.changed += 1,
                None => applied.added += 1,
            }
            let change = match change {
                Some(c) => c,
                None => *change.insert(new_change(tx, &ctx.now, &ctx.actor, &ctx.device, origin, "")?),
            };
            lines.push((
                first_line(change) + next_line,
                HistoryLine {
                    score,
                    old: value,
                    new: Some(w.value),
                    event: ids.next(),
                    at: None,
                    actor: None,
                    device: None,
                },
            ));
            next_line += 1;
            value = Some(w.value);
        }
        match (stored, value) {
            (None, Some(v)) => new.push(ScoreRow { score, value: v, source: None, seq: None, at: None }),
            (Some(old), Some(v)) if old != v => {
                changed.push(ScoreRow { score, value: v, source: None, seq: None, at: None })
            }
            _ => {}
        }
        if lines.len() >= FLUSH_LINES {
            write_batch(tx, &ctx.now, &mut new, &mut changed, std::mem::take(&mut lines), bulk)?;
            new.clear();
            changed.clear();
        }
    }
    if !lines.is_empty() {
        write_batch(tx, &ctx.now, &mut new, &mut changed, lines, bulk)?;
    }
    if let IdSource::Batch(b) = &ids {
        b.settle();
    }
    Ok(applied)
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotState {
    /// In the database, untouched by this batch.
    Stored,
    /// In the database, its value replaced by this batch.
    Changed,
    /// Made by this batch.
    New,
}

/// One history line to write; `at`, `actor` and `device` are None when they are the batch's.
pub(crate) struct HistoryLine {
    pub score: ScoreRef,
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub event: [u8; 16],
    pub at: Option<String>,
    pub actor: Option<String>,
    pub device: Option<String>,
}

/// Starts a batch of score changes: who, when, from where, why. Returns its id.
pub(crate) fn new_change(
    tx: &Connection,
    at: &str,
    actor: &str,
    device: &str,
    origin: ScoreOrigin,
    reason: &str,
) -> Result<i64> {
    tx.prepare_cached("INSERT INTO score_change (at, actor, device, origin, reason) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![at, actor, device, origin.as_str(), reason])?;
    Ok(tx.last_insert_rowid())
}

/// The first history line number of a batch: line numbers grow with time and name their batch.
pub(crate) fn first_line(change: i64) -> i64 {
    change << 32
}

/// A score to insert or update: the package event that set it (None: entered here) and the time it
/// was set (None: the batch's).
pub(crate) struct ScoreRow {
    pub score: ScoreRef,
    pub value: f64,
    pub source: Option<[u8; 16]>,
    /// The source event's place in its judge's sequence (None: entered here, or an older package).
    pub seq: Option<i64>,
    pub at: Option<String>,
}

/// Writes a batch: new scores (in key order, so the B-tree is appended to rather than split),
/// changed scores, then the numbered history lines (in key order).
/// `updated_at` is the time of every score row written unless the row's line says otherwise.
pub(crate) fn write_batch(
    tx: &Connection,
    updated_at: &str,
    new: &mut [ScoreRow],
    changed: &mut [ScoreRow],
    lines: Vec<(i64, HistoryLine)>,
    bulk: bool,
) -> Result<()> {
    new.sort_unstable_by_key(|r| r.score);
    changed.sort_unstable_by_key(|r| r.score);
    // Scores entered here all carry the batch's time and no event: four values a row, not six.
    if new.iter().all(|r| r.source.is_none() && r.at.is_none()) {
        Insert::new("INSERT INTO score (proposal_n, judge_n, criterion_n, value, updated_at) VALUES ", 4, 1, bulk)
            .run(tx, &[&updated_at], new, |st, o, r| {
                st.raw_bind_parameter(o + 1, r.score.proposal)?;
                st.raw_bind_parameter(o + 2, r.score.judge)?;
                st.raw_bind_parameter(o + 3, r.score.criterion)?;
                st.raw_bind_parameter(o + 4, r.value)
            })?;
    } else {
        Insert::new(
            "INSERT INTO score (proposal_n, judge_n, criterion_n, value, source_event, updated_at, source_seq) VALUES ",
            7,
            0,
            bulk,
        )
        .run(tx, &[], new, |st, o, r| {
            st.raw_bind_parameter(o + 1, r.score.proposal)?;
            st.raw_bind_parameter(o + 2, r.score.judge)?;
            st.raw_bind_parameter(o + 3, r.score.criterion)?;
            st.raw_bind_parameter(o + 4, r.value)?;
            st.raw_bind_parameter(o + 5, r.source.as_ref().map(|b| &b[..]))?;
            st.raw_bind_parameter(o + 6, r.at.as_deref().unwrap_or(updated_at))?;
            st.raw_bind_parameter(o + 7, r.seq)
        })?;
    }
    let mut update = tx.prepare_cached(
        "UPDATE score SET value = ?4, source_event = ?5, updated_at = ?6, source_seq = ?7
         WHERE proposal_n = ?1 AND judge_n = ?2 AND criterion_n = ?3",
    )?;
    for r in changed.iter() {
        let k = r.score;
        let src = r.source.as_ref().map(|b| &b[..]);
        update.execute(params![
            k.proposal,
            k.judge,
            k.criterion,
            r.value,
            src,
            r.at.as_deref().unwrap_or(updated_at),
            r.seq
        ])?;
    }
    write_lines(tx, lines, bulk)
}

/// The history lines of a batch, inserted in key order; the columns that are all the batch's
/// (who, when, where) stay NULL.
fn write_lines(tx: &Connection, lines: Vec<(i64, HistoryLine)>, bulk: bool) -> Result<()> {
    // Sorted as references: a line is some 150 bytes, moving them would cost more than the sort.
    let mut lines: Vec<&(i64, HistoryLine)> = lines.iter().collect();
    lines.sort_unstable_by_key(|(line, h)| (h.score, *line));
    let bind_line = |st: &mut rusqlite::Statement, o: usize, &&(line, ref h): &&(i64, HistoryLine)| {
        st.raw_bind_parameter(o + 1, h.score.proposal)?;
        st.raw_bind_parameter(o + 2, h.score.judge)?;
        st.raw_bind_parameter(o + 3, h.score.criterion)?;
        st.raw_bind_parameter(o + 4, line)?;
        st.raw_bind_parameter(o + 5, &h.event[..])?;
        st.raw_bind_parameter(o + 6, h.old)?;
        st.raw_bind_parameter(o + 7, h.new)
    };
    // Lines that are all the batch's (who, when, where) leave those columns NULL.
    if lines.iter().all(|(_, h)| h.at.is_none() && h.actor.is_none() && h.device.is_none()) {
        return Insert::new(
            "INSERT INTO score_history (proposal_n, judge_n, criterion_n, line, event, old_value, new_value) VALUES ",
            7,
            0,
            bulk,
        )
        .run(tx, &[], &lines, bind_line);
    }
    Insert::new(
        "INSERT INTO score_history (proposal_n, judge_n, criterion_n, line, event, old_value, new_value, at, actor, device)
         VALUES ",
        10,
        0,
        bulk,
    )
    .run(tx, &[], &lines, |st, o, l| {
        bind_line(st, o, l)?;
        let h = &l.1;
        st.raw_bind_parameter(o + 8, &h.at)?;
        st.raw_bind_parameter(o + 9, &h.actor)?;
        st.raw_bind_parameter(o + 10, &h.device)
    })
}

/// Where event ids come from: the shared UUID v7 generator for a few, a batch sequence for many.
enum IdSource {
    Each,
    Batch(crate::ids::BatchIds),
}

impl IdSource {
    fn next(&mut self) -> [u8; 16] {
        match self {
            IdSource::Each => *uuid::Uuid::now_v7().as_bytes(),
            IdSource::Batch(b) => b.next(),
        }
    }
}

/// The fast, non-cryptographic hash (rustc-hash) for maps keyed by small numbers or ids read from
/// our own database or a verified package: the keys are not attacker-chosen, so flooding is no concern.
pub(crate) type FxBuild = rustc_hash::FxBuildHasher;

/// A text column borrowed from the row (no copy).
fn text<'r>(r: &'r rusqlite::Row, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)
}

/// Every current score of a competition's live proposals and judges, by codes (the ranking input).
///
/// One query over the competition's proposals and their scores (by the primary key, so rows come
/// grouped by proposal and judge); judge and criterion numbers become codes in memory instead of
/// joining three more tables for every score. Every live judge and every criterion is mapped, as
/// the join would: a score naming another competition's judge (only possible by hand) counts.
pub fn load_score_entries(conn: &Connection, competition_id: &str) -> Result<Vec<ScoreEntry>> {
    type Codes = HashMap<i64, (Arc<str>, Arc<str>), FxBuild>;
    let codes = |sql: &str| -> Result<Codes> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut m = HashMap::default();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            m.insert(r.get(0)?, (text(r, 1)?.into(), text(r, 2)?.into()));
        }
        Ok(m)
    };
    let judges = codes("SELECT n, code, '' FROM judge WHERE deleted_at IS NULL")?;
    let criteria = codes("SELECT c.n, s.code, c.code FROM criterion c JOIN stage s ON s.id = c.stage_id")?;
    let mut proposals: HashMap<i64, Arc<str>, FxBuild> = HashMap::default();
    {
        let mut stmt =
            conn.prepare_cached("SELECT n, code FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
        let mut rows = stmt.query([competition_id])?;
        while let Some(r) = rows.next()? {
            proposals.insert(r.get(0)?, text(r, 1)?.into());
        }
    }
    // Not reserved from the code maps: they hold every competition's judges and criteria, so their
    // product over-counts (hundreds of MB with a few competitions in one file); growth is amortised.
    let mut out = Vec::new();
    // Rows come in key order (proposal, judge, criterion): the proposal and judge of the row
    // before are looked up again only when they change.
    let mut stmt = conn.prepare_cached(
        "SELECT sc.proposal_n, sc.judge_n, sc.criterion_n, sc.value FROM proposal p
         JOIN score sc ON sc.proposal_n = p.n WHERE p.competition_id = ?1 AND p.deleted_at IS NULL",
    )?;
    let mut rows = stmt.query([competition_id])?;
    let (mut proposal_n, mut proposal) = (None, None::<&Arc<str>>);
    let (mut judge_n, mut judge) = (None, None::<&Arc<str>>);
    while let Some(r) = rows.next()? {
        let p: i64 = r.get(0)?;
        if proposal_n != Some(p) {
            proposal_n = Some(p);
            proposal = proposals.get(&p);
        }
        let j: i64 = r.get(1)?;
        if judge_n != Some(j) {
            judge_n = Some(j);
            judge = judges.get(&j).map(|(code, _)| code);
        }
        let (Some(proposal), Some(judge)) = (proposal, judge) else { continue };
        let Some((stage, criterion)) = criteria.get(&r.get::<_, i64>(2)?) else { continue };
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
        "SELECT h.old_value, h.new_value, coalesce(h.at, ch.at), coalesce(h.actor, ch.actor), ch.origin
         FROM score_history h JOIN score_change ch ON ch.id = h.line >> 32
         JOIN proposal p ON p.n = h.proposal_n JOIN judge j ON j.n = h.judge_n
         JOIN criterion c ON c.n = h.criterion_n JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND s.code = ?2 AND p.code = ?3 AND j.code = ?4 AND c.code = ?5
         ORDER BY 3, h.line",
    )?;
    let rows = stmt
        .query_map(params![competition_id, key.stage, key.proposal, key.judge, key.criterion], |r| {
            Ok(ScoreHistoryLine { old: r.get(0)?, new: r.get(1)?, at: r.get(2)?, actor: r.get(3)?, origin: r.get(4)? })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
