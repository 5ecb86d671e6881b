//! Merging judges' packages into the master: one transaction, idempotent (an event is applied at
//! most once, by its UUID, scoped to its judge), order-independent (of one score's events, the
//! latest in its judge's own sequence wins; laptop clocks are only shown, never trusted), and never
//! overwriting a value entered on the master itself: such differences are kept as conflicts.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use serde::Serialize;

use super::package::{ScoreEvent, verify_packages};
use crate::competition::load_competition;
use crate::error::Result;
use crate::judges::find_judge_by_code;
use crate::lang::Lang;
use crate::proposals::{ProposalFilter, list_proposals};
use crate::scoring::insert::Insert;
use crate::scoring::store::{
    FxBuild, HistoryLine, ScoreOrigin, ScoreRef, ScoreRow, SlotState, criterion_numbers, first_line, new_change,
    write_batch,
};

/// What merging one package did (or would do, in a dry run).
#[derive(Debug, Clone, Default, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PackageReport {
    pub file: String,
    pub judge: Option<String>,
    pub events: u32,
    pub new: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub already_merged: u32,
    pub conflicts: u32,
    /// Sheet comments taken from the package (newer than the master's).
    pub comments: u32,
    /// Stages the judge marked final that the master did not know yet.
    pub finals: u32,
    /// Events not taken, each with its reason (locked stage, unknown code, out of range, ...).
    pub refused_events: Vec<String>,
    /// Set when the whole package was refused (nothing from it is used), with the reason.
    pub refused: Option<String>,
    /// Set when the same file (byte for byte) came earlier in this merge: it is counted once.
    pub duplicate_of: Option<String>,
    /// Oddities that change nothing by themselves: a sequence going backwards, laptop times
    /// before the competition year or in the future. The events are still ordered by sequence.
    pub warnings: Vec<String>,
}

struct Target<'a> {
    comp: &'a crate::competition::Competition,
    /// code -> (local number, id, unit); the fast hash is safe: codes come from a verified package.
    proposals: HashMap<String, (i64, String, String), FxBuild>,
    locked: HashSet<String>,
}

fn event_problem(t: &Target, judge: &crate::judges::Judge, ev: &ScoreEvent, lang: Lang) -> Option<String> {
    let say = |id: String, en: String| if lang == Lang::En { en } else { id };
    let Some(stage) = t.comp.setup.stage(&ev.stage) else {
        return Some(say(format!("tahap {} tidak dikenal", ev.stage), format!("unknown stage {}", ev.stage)));
    };
    let Some(crit) = stage.criteria.iter().find(|c| c.code == ev.criterion) else {
        return Some(say(
            format!("kriteria {} tidak dikenal", ev.criterion),
            format!("unknown criterion {}", ev.criterion),
        ));
    };
    let Some((_, _, unit)) = t.proposals.get(&ev.proposal) else {
        return Some(say(
            format!("proposal {} tidak dikenal", ev.proposal),
            format!("unknown proposal {}", ev.proposal),
        ));
    };
    if !ev.new.is_finite() || ev.new < crit.min || ev.new > crit.max {
        return Some(say(
            format!("{} {}: nilai {} di luar rentang {}–{}", ev.proposal, ev.criterion, ev.new, crit.min, crit.max),
            format!("{} {}: score {} outside {}–{}", ev.proposal, ev.criterion, ev.new, crit.min, crit.max),
        ));
    }
    if judge.conflicted_with(&ev.proposal, unit) {
        return Some(say(
            format!("{}: juri memiliki konflik kepentingan", ev.proposal),
            format!("{}: the judge has a conflict of interest", ev.proposal),
        ));
    }
    if t.locked.contains(&ev.stage) {
        return Some(say(format!("tahap {} sudah dikunci", ev.stage), format!("stage {} is locked", ev.stage)));
    }
    None
}

/// Merges packages (file name, bytes) into the competition inside the caller's transaction.
/// A refused package contributes nothing; the caller commits (apply) or rolls back (dry run).
pub fn merge_packages(
    tx: &Connection,
    competition_id: &str,
    packages: &[(String, Vec<u8>)],
    now: &str,
    lang: Lang,
) -> Result<Vec<PackageReport>> {
    crate::laptop::require_organiser(tx, crate::laptop::OrganiserTask::Merge)?;
    let comp = load_competition(tx, competition_id)?;
    let target = Target::load(tx, &comp)?;
    // Events seen before (merging the same package twice) are counted and dropped first, so a
    // merge that brings nothing new reads nothing else. An applied event is a history line with
    // the event's id; sync_event keeps the others. Each id belongs to one judge.
    let known = known_events(tx)?;
    let mut intake = take_packages(tx, &target, packages, &known, now, lang)?;
    let fresh = fresh_events(&intake.events, &known, &mut intake.reports, lang);
    drop(known);
    if fresh.is_empty() {
        return Ok(intake.reports);
    }
    let criteria = criterion_numbers(tx, competition_id)?;
    let mut apply = Apply::new(tx, now);
    let touched: HashSet<i64> =
        fresh.iter().filter_map(|(_, ev, _)| target.proposals.get(&ev.proposal)).map(|(n, ..)| *n).collect();
    apply.load_current(touched)?;
    apply.current.reserve(fresh.len());
    for (r, ev, id) in fresh {
        let sender = intake.senders[r].as_mut().expect("events come from verified packages");
        if let Some(problem) = event_problem(&target, &sender.judge, ev, lang) {
            intake.reports[r].refused_events.push(problem); // not recorded: a later merge may take it
            continue;
        }
        let key = ScoreRef {
            proposal: target.proposals[&ev.proposal].0,
            judge: sender.n,
            criterion: criteria[&ev.stage][&ev.criterion],
        };
        apply.event(sender, &mut intake.reports[r], key, ev, id)?;
    }
    apply.finish()?;
    Ok(intake.reports)
}

impl<'a> Target<'a> {
    /// The competition's proposals by code and its locked stages.
    fn load(tx: &Connection, comp: &'a crate::competition::Competition) -> Result<Target<'a>> {
        let numbers: HashMap<String, i64> = {
            let mut stmt = tx.prepare("SELECT id, n FROM proposal WHERE competition_id = ?1")?;
            stmt.query_map([&comp.id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
        };
        let proposals = list_proposals(tx, &comp.id, &ProposalFilter::default())?
            .into_iter()
            .filter_map(|p| Some((p.code, (*numbers.get(&p.id)?, p.id, p.unit))))
            .collect();
        let mut locked = HashSet::new();
        for s in &comp.setup.stages {
            if crate::scoring::sheet::stage_locked(tx, &comp.id, &s.code)? {
                locked.insert(s.code.clone());
            }
        }
        Ok(Target { comp, proposals, locked })
    }
}

/// One event of a verified package: its package's index, the event, its id as 16 bytes.
type Taken = (usize, ScoreEvent, Option<[u8; 16]>);

/// What the packages brought: a report and (when verified) a sender per package, every event.
struct Intake {
    reports: Vec<PackageReport>,
    senders: Vec<Option<Sender>>,
    events: Vec<Taken>,
}

/// Checks every package (signature, a copy given twice, another judge's event ids, order and
/// times), takes the comments and final marks of the good ones, and gathers their events.
fn take_packages(
    tx: &Connection,
    target: &Target,
    packages: &[(String, Vec<u8>)],
    known: &HashMap<[u8; 16], i64, FxBuild>,
    now: &str,
    lang: Lang,
) -> Result<Intake> {
    let competition_id = target.comp.id.as_str();
    let judge_codes: HashMap<i64, String> = {
        let mut stmt = tx.prepare("SELECT n, code FROM judge WHERE competition_id = ?1")?;
        stmt.query_map([competition_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?
    };
    let year_start = format!("{:04}-01-01", target.comp.setup.year);
    let latest_plausible = crate::ids::add_days(now, 1);
    let bytes: Vec<&[u8]> = packages.iter().map(|(_, b)| b.as_slice()).collect();
    let verified = verify_packages(tx, competition_id, &bytes)?;
    let total = verified.iter().map(|v| v.as_ref().map_or(0, |p| p.events.len())).sum();
    let mut intake = Intake { reports: Vec::new(), senders: Vec::new(), events: Vec::with_capacity(total) };
    // Ids claimed by the packages accepted so far in this merge, with their judge.
    let mut claimed: HashMap<[u8; 16], i64, FxBuild> = HashMap::default();
    // A package is known by its length and its signature line (hashing whole packages, tens of
    // megabytes, would cost more than the rest of the check).
    let mut first_file: HashMap<(usize, &[u8]), usize> = HashMap::new();
    for ((name, raw), verified) in packages.iter().zip(verified) {
        let mut report = PackageReport { file: name.clone(), ..Default::default() };
        let mut sender = None;
        let identity = (raw.len(), &raw[raw.len().saturating_sub(80)..]);
        // Same bytes, not only the same end.
        if let Some(&first) = first_file.get(&identity).filter(|&&f| packages[f].1 == *raw) {
            report.duplicate_of = Some(packages[first].0.clone());
            report.judge = intake.reports.get(first).and_then(|r: &PackageReport| r.judge.clone());
        } else {
            first_file.insert(identity, intake.reports.len());
            match verified {
                Err(e) => report.refused = Some(e.message(lang)),
                Ok(payload) => {
                    let judge = find_judge_by_code(tx, competition_id, &payload.judge)?.expect("verified judge exists");
                    let n: i64 = tx.query_row("SELECT n FROM judge WHERE id = ?1", [&judge.id], |r| r.get(0))?;
                    report.judge = Some(judge.code.clone());
                    report.events = payload.events.len() as u32;
                    let ids: Vec<Option<[u8; 16]>> =
                        payload.events.iter().map(|e| crate::ids::id_blob(&e.id)).collect();
                    if let Some((other, count)) = foreign_ids(&ids, n, known, &claimed) {
                        let judge = judge_codes.get(&other).cloned().unwrap_or_default();
                        let e = crate::Error::BadPackage(crate::error::PackageProblem::ForeignEvents { judge, count });
                        report.refused = Some(e.message(lang));
                    } else {
                        claimed.reserve(ids.len());
                        claimed.extend(ids.iter().flatten().map(|id| (*id, n)));
                        report.warnings = sequence_warnings(&payload.events, &year_start, &latest_plausible, lang);
                        (report.comments, report.finals) =
                            merge_notes(tx, target, &judge, &payload.comments, &payload.finals, now)?;
                        let r = intake.reports.len();
                        intake.events.extend(payload.events.into_iter().zip(ids).map(|(ev, id)| (r, ev, id)));
                        sender = Some(Sender { judge, n, device: payload.device, change: None, lines: 0 });
                    }
                }
            }
        }
        intake.reports.push(report);
        intake.senders.push(sender);
    }
    Ok(intake)
}

/// The events not seen before, in their order (each score's events by its judge's sequence); an
/// event without a UUID or with an impossible sequence is refused, one seen before is counted.
fn fresh_events<'e>(
    events: &'e [Taken],
    known: &HashMap<[u8; 16], i64, FxBuild>,
    reports: &mut [PackageReport],
    lang: Lang,
) -> Vec<(usize, &'e ScoreEvent, [u8; 16])> {
    // Sorted as references: an event is some 200 bytes, moving them would cost more than the sort.
    let mut sorted: Vec<&Taken> = events.iter().collect();
    sorted.sort_unstable_by(|a, b| order_key(&a.1, &a.2).cmp(&order_key(&b.1, &b.2)));
    let mut fresh = Vec::with_capacity(sorted.len());
    let mut seen: HashSet<[u8; 16], FxBuild> = HashSet::default();
    for &(r, ref ev, id) in sorted {
        let Some(id) = id else {
            let say = if lang == Lang::En { "event id is not a UUID" } else { "id peristiwa bukan UUID" };
            reports[r].refused_events.push(format!("{}: {say}", shorten(&ev.id)));
            continue;
        };
        if ev.seq.is_some_and(|q| !(1..=MAX_SEQ).contains(&q)) {
            let say = if lang == Lang::En { "sequence number out of range" } else { "nomor urut di luar rentang" };
            reports[r].refused_events.push(format!("{}: {say}", ev.id));
            continue;
        }
        if known.contains_key(&id) || !seen.insert(id) {
            reports[r].already_merged += 1;
        } else {
            fresh.push((r, ev, id));
        }
    }
    fresh
}

/// Highest sequence number taken (far above any real history line number, `change << 32`).
const MAX_SEQ: i64 = 1 << 62;

/// Where an event stands among the events of its score: by its judge's own sequence; events of
/// packages made before sequences existed compare by time and id, and come before any sequenced one.
fn order_key<'e>(ev: &'e ScoreEvent, id: &Option<[u8; 16]>) -> (bool, i64, &'e str, [u8; 16]) {
    match ev.seq {
        Some(q) => (true, q, "", id.unwrap_or_default()),
        None => (false, 0, ev.at.as_str(), id.unwrap_or_default()),
    }
}

fn slot_key<'s>(slot: &'s Slot, source: &[u8; 16]) -> (bool, i64, &'s str, [u8; 16]) {
    match slot.seq {
        Some(q) => (true, q, "", *source),
        None => (false, 0, slot.at.as_str(), *source),
    }
}

/// Every event id this master has seen, with the judge whose score it belongs to.
fn known_events(tx: &Connection) -> Result<HashMap<[u8; 16], i64, FxBuild>> {
    let mut map = HashMap::default();
    for sql in ["SELECT id, judge_n FROM sync_event", "SELECT event, judge_n FROM score_history"] {
        let mut stmt = tx.prepare(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            if let Ok(b) = <[u8; 16]>::try_from(r.get_ref(0)?.as_blob().map_err(rusqlite::Error::from)?) {
                map.insert(b, r.get(1)?);
            }
        }
    }
    Ok(map)
}

/// The first other judge whose event ids this package (of judge `n`) reuses, and how many: a
/// package carrying another judge's ids could otherwise make that judge's real package look
/// "already merged".
fn foreign_ids(
    ids: &[Option<[u8; 16]>],
    n: i64,
    known: &HashMap<[u8; 16], i64, FxBuild>,
    claimed: &HashMap<[u8; 16], i64, FxBuild>,
) -> Option<(i64, usize)> {
    let mut other = None;
    let mut count = 0;
    for id in ids.iter().flatten() {
        if let Some(&j) = known.get(id).or_else(|| claimed.get(id)).filter(|&&j| j != n) {
            other.get_or_insert(j);
            count += 1;
        }
    }
    other.map(|j| (j, count))
}

/// Reports what is odd in a package's order and times; nothing here refuses or freezes a score.
fn sequence_warnings(events: &[ScoreEvent], year_start: &str, latest: &str, lang: Lang) -> Vec<String> {
    let say = |id: String, en: String| if lang == Lang::En { en } else { id };
    let mut out = Vec::new();
    // A package lists its events in its laptop's order, so the sequence must strictly increase
    // along it (which also makes it increase for every score).
    let mut backwards = 0;
    let mut previous = None;
    for q in events.iter().filter_map(|ev| ev.seq) {
        if previous.is_some_and(|p| p >= q) {
            backwards += 1;
        }
        previous = Some(q);
    }
    if backwards > 0 {
        out.push(say(
            format!("{backwards} peristiwa dengan nomor urut mundur; nilai diurutkan menurut nomor urut"),
            format!("{backwards} event(s) whose sequence goes backwards; scores are ordered by sequence"),
        ));
    }
    let early = events.iter().filter(|e| e.at.as_str() < year_start).count();
    let future = events.iter().filter(|e| e.at.as_str() > latest).count();
    if early > 0 {
        out.push(say(
            format!("{early} peristiwa bertanggal sebelum {year_start} (jam laptop salah?)"),
            format!("{early} event(s) dated before {year_start} (wrong laptop clock?)"),
        ));
    }
    if future > 0 {
        out.push(say(
            format!("{future} peristiwa bertanggal lebih dari sehari setelah hari ini (jam laptop salah?)"),
            format!("{future} event(s) dated more than a day after today (wrong laptop clock?)"),
        ));
    }
    out
}

/// An id from a package as shown in a message: at most 40 characters.
fn shorten(s: &str) -> String {
    if s.chars().count() <= 40 { s.to_string() } else { s.chars().take(40).collect::<String>() + "…" }
}

/// sync_event outcomes (an applied event is known by its history line).
const UNCHANGED: i64 = 1;
const CONFLICT: i64 = 2;

/// A verified package's judge, and the batch its events are recorded under (made when first needed).
struct Sender {
    judge: crate::judges::Judge,
    n: i64,
    device: String,
    change: Option<i64>,
    lines: i64,
}

impl Sender {
    fn change(&mut self, tx: &Connection, now: &str) -> Result<i64> {
        if let Some(c) = self.change {
            return Ok(c);
        }
        let c = new_change(tx, now, &self.judge.code, &self.device, ScoreOrigin::Package, "")?;
        self.change = Some(c);
        Ok(c)
    }

    fn next_line(&mut self) -> i64 {
        let line = first_line(self.change.expect("the batch is made before its lines")) + self.lines;
        self.lines += 1;
        line
    }
}

/// Takes the package's comments where they are newer than the master's (so any order of packages
/// gives the same comment) and its final marks; locked stages and unknown codes are left alone.
/// Returns how many comments changed and how many final marks were new.
fn merge_notes(
    tx: &Connection,
    t: &Target,
    judge: &crate::judges::Judge,
    comments: &[super::SheetNote],
    finals: &[super::StageFinal],
    now: &str,
) -> Result<(u32, u32)> {
    let stage_id = |code: &str| -> Result<Option<String>> {
        if t.locked.contains(code) || t.comp.setup.stage(code).is_none() {
            return Ok(None);
        }
        crate::scoring::sheet::stage_id(tx, &t.comp.id, code).map(Some)
    };
    let mut changed = 0;
    for n in comments {
        let (Some(sid), Some((_, pid, unit))) = (stage_id(&n.stage)?, t.proposals.get(&n.proposal)) else { continue };
        let text = n.comment.trim();
        if text.is_empty()
            || text.chars().count() > crate::scoring::sheet::MAX_COMMENT_CHARS
            || judge.conflicted_with(&n.proposal, unit)
        {
            continue;
        }
        changed += tx.execute(
            "INSERT INTO sheet_comment (judge_id, proposal_id, stage_id, comment, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (judge_id, proposal_id, stage_id) DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at
             WHERE (excluded.updated_at, excluded.comment) > (sheet_comment.updated_at, sheet_comment.comment)",
            params![judge.id, pid, sid, text, n.at],
        )? as u32;
    }
    let mut marked = 0;
    for f in finals {
        if let Some(sid) = stage_id(&f.stage)? {
            marked += tx.execute(
                "INSERT INTO judge_stage_final (judge_id, stage_id, at) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING",
                params![judge.id, sid, if f.at.is_empty() { now } else { f.at.as_str() }],
            )? as u32;
        }
    }
    Ok((changed, marked))
}

/// The current value of one judge × proposal × criterion while a merge runs.
struct Slot {
    value: f64,
    at: String,
    /// The package event that set the value; None when it was entered on the master.
    source: Option<[u8; 16]>,
    /// The source event's place in its judge's sequence (None: entered here or an older package).
    seq: Option<i64>,
    state: SlotState,
}

/// A package value held for the organiser: (event id, score, master value, package value, event
/// time, event sequence).
type Conflict = ([u8; 16], ScoreRef, f64, f64, String, Option<i64>);

/// What a merge writes, gathered first and then inserted in multi-row statements: each score once
/// with its final value, then the history lines, the events seen and the conflicts, in that order
/// because each refers to the one before.
struct Apply<'t> {
    tx: &'t Connection,
    now: &'t str,
    current: HashMap<ScoreRef, Slot, FxBuild>,
    history: Vec<(i64, HistoryLine)>,
    /// (event id, judge number, outcome, batch)
    events: Vec<([u8; 16], i64, i64, i64)>,
    conflicts: Vec<Conflict>,
}

impl<'t> Apply<'t> {
    fn new(tx: &'t Connection, now: &'t str) -> Self {
        Apply { tx, now, current: HashMap::default(), history: Vec::new(), events: Vec::new(), conflicts: Vec::new() }
    }

    /// Takes one checked event of `sender` for score `key`: a new score, a later value, an older
    /// one kept in the history only, or a difference with a value entered here (a conflict).
    fn event(
        &mut self,
        sender: &mut Sender,
        report: &mut PackageReport,
        key: ScoreRef,
        ev: &ScoreEvent,
        id: [u8; 16],
    ) -> Result<()> {
        let change = sender.change(self.tx, self.now)?;
        let line = |sender: &mut Sender| -> HistoryLine {
            HistoryLine {
                score: key,
                old: ev.old,
                new: Some(ev.new),
                event: id,
                at: Some(ev.at.clone()),
                actor: None,
                device: (ev.device != sender.device).then(|| ev.device.clone()),
            }
        };
        match self.current.get_mut(&key) {
            None => {
                self.history.push((sender.next_line(), line(sender)));
                let slot =
                    Slot { value: ev.new, at: ev.at.clone(), source: Some(id), seq: ev.seq, state: SlotState::New };
                self.current.insert(key, slot);
                report.new += 1;
            }
            // Entered on the master (paper sheet, form, file): never overwritten silently.
            Some(slot) if slot.source.is_none() => {
                if slot.value == ev.new {
                    report.unchanged += 1;
                    self.events.push((id, sender.n, UNCHANGED, change));
                } else {
                    self.conflicts.push((id, key, slot.value, ev.new, ev.at.clone(), ev.seq));
                    report.conflicts += 1;
                    self.events.push((id, sender.n, CONFLICT, change));
                }
            }
            Some(slot) => {
                self.history.push((sender.next_line(), line(sender)));
                let source = slot.source.unwrap_or_default();
                if order_key(ev, &Some(id)) > slot_key(slot, &source) {
                    if slot.value == ev.new {
                        report.unchanged += 1;
                    } else {
                        report.changed += 1;
                    }
                    slot.value = ev.new;
                    slot.at = ev.at.clone();
                    slot.source = Some(id);
                    slot.seq = ev.seq;
                    if slot.state == SlotState::Stored {
                        slot.state = SlotState::Changed;
                    }
                } else {
                    report.unchanged += 1; // an older event arriving late: kept in the history only
                }
            }
        }
        Ok(())
    }

    /// Reads the current scores of the proposals the events touch, one range of the key each.
    fn load_current(&mut self, proposals: HashSet<i64>) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT judge_n, criterion_n, value, updated_at, source_event, source_seq FROM score WHERE proposal_n = ?1",
        )?;
        for p in proposals {
            let mut rows = stmt.query([p])?;
            while let Some(r) = rows.next()? {
                let source = match r.get_ref(4)? {
                    rusqlite::types::ValueRef::Blob(b) => <[u8; 16]>::try_from(b).ok(),
                    _ => None,
                };
                let slot = Slot { value: r.get(2)?, at: r.get(3)?, source, seq: r.get(5)?, state: SlotState::Stored };
                self.current.insert(ScoreRef { proposal: p, judge: r.get(0)?, criterion: r.get(1)? }, slot);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        let tx = self.tx;
        let (mut new, mut changed) = (Vec::new(), Vec::new());
        for (k, s) in self.current {
            let row = ScoreRow { score: k, value: s.value, source: s.source, seq: s.seq, at: Some(s.at) };
            match s.state {
                SlotState::New => new.push(row),
                SlotState::Changed => changed.push(row),
                SlotState::Stored => {}
            }
        }
        write_batch(tx, self.now, &mut new, &mut changed, self.history, true)?;
        let mut events = self.events;
        events.sort_unstable_by_key(|e| e.0);
        Insert::new("INSERT INTO sync_event (id, judge_n, outcome, change) VALUES ", 4, 0, true).run(
            tx,
            &[],
            &events,
            |st, o, (id, judge, outcome, change)| {
                st.raw_bind_parameter(o + 1, &id[..])?;
                st.raw_bind_parameter(o + 2, judge)?;
                st.raw_bind_parameter(o + 3, outcome)?;
                st.raw_bind_parameter(o + 4, change)
            },
        )?;
        let mut conflict = tx.prepare_cached(
            "INSERT INTO merge_conflict (event_id, proposal_n, judge_n, criterion_n, master_value, package_value, event_at,
                                         event_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (id, k, master, package, at, seq) in &self.conflicts {
            conflict.execute(params![&id[..], k.proposal, k.judge, k.criterion, master, package, at, seq])?;
        }
        Ok(())
    }
}
