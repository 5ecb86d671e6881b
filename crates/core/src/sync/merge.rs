//! Merging judges' packages into the master: one transaction, idempotent (an event is applied at
//! most once, by its UUID), order-independent (the newest event by time and id wins), and never
//! overwriting a value entered on the master itself: such differences are kept as conflicts.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use serde::Serialize;

use super::package::{ScoreEvent, verify_package};
use crate::competition::load_competition;
use crate::error::Result;
use crate::judges::find_judge_by_code;
use crate::lang::Lang;
use crate::proposals::{ProposalFilter, list_proposals};

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
}

/// A package value that differs from a value entered on the master, awaiting the organiser.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct MergeConflict {
    pub event_id: String,
    pub stage: String,
    pub proposal: String,
    pub judge: String,
    pub criterion: String,
    pub master_value: f64,
    pub package_value: f64,
    pub event_at: String,
}

struct Target<'a> {
    comp: &'a crate::competition::Competition,
    proposals: HashMap<String, (String, String)>, // code -> (id, unit)
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
    let Some((_, unit)) = t.proposals.get(&ev.proposal) else {
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
    let comp = load_competition(tx, competition_id)?;
    let proposals = list_proposals(tx, competition_id, &ProposalFilter::default())?
        .into_iter()
        .map(|p| (p.code.clone(), (p.id, p.unit)))
        .collect();
    let mut locked = HashSet::new();
    for s in &comp.setup.stages {
        if crate::scoring::sheet::stage_locked(tx, competition_id, &s.code)? {
            locked.insert(s.code.clone());
        }
    }
    let target = Target { comp: &comp, proposals, locked };

    // Check every package first, then take all their events together, oldest first, each once.
    let mut reports = Vec::new();
    let mut events: Vec<(usize, crate::judges::Judge, ScoreEvent)> = Vec::new();
    for (name, bytes) in packages {
        let mut report = PackageReport { file: name.clone(), ..Default::default() };
        match verify_package(tx, competition_id, bytes) {
            Err(e) => report.refused = Some(e.message(lang)),
            Ok(payload) => {
                let judge = find_judge_by_code(tx, competition_id, &payload.judge)?.expect("verified judge exists");
                report.judge = Some(judge.code.clone());
                report.events = payload.events.len() as u32;
                (report.comments, report.finals) =
                    merge_notes(tx, &target, &judge, &payload.comments, &payload.finals, now)?;
                for ev in payload.events {
                    events.push((reports.len(), judge.clone(), ev));
                }
            }
        }
        reports.push(report);
    }
    events.sort_by(|a, b| (&a.2.at, &a.2.id).cmp(&(&b.2.at, &b.2.id)));

    // Events seen before (merging the same package twice) are counted and dropped first, so a
    // merge that brings nothing new reads nothing else.
    let known: HashSet<String> = {
        let mut stmt = tx.prepare("SELECT id FROM sync_event")?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let mut fresh = Vec::with_capacity(events.len());
    let mut seen: HashSet<&str> = HashSet::new();
    for (r, judge, ev) in &events {
        if known.contains(&ev.id) || !seen.insert(ev.id.as_str()) {
            reports[*r].already_merged += 1;
        } else {
            fresh.push((*r, judge, ev));
        }
    }
    drop(known);
    if fresh.is_empty() {
        return Ok(reports);
    }

    let criteria: HashMap<String, HashMap<String, String>> = {
        let mut stmt = tx.prepare(
            "SELECT s.code, c.code, c.id FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
        )?;
        let mut map: HashMap<String, HashMap<String, String>> = HashMap::new();
        let mut rows = stmt.query([competition_id])?;
        while let Some(r) = rows.next()? {
            map.entry(r.get(0)?).or_default().insert(r.get(1)?, r.get(2)?);
        }
        map
    };
    let mut apply = Apply::new(tx, now);
    apply.load_current(fresh.iter().filter_map(|(_, _, ev)| target.proposals.get(&ev.proposal)).map(|(id, _)| id))?;

    for (r, judge, ev) in fresh {
        if let Some(problem) = event_problem(&target, judge, ev, lang) {
            reports[r].refused_events.push(problem); // not recorded: a later merge may take it
            continue;
        }
        let proposal_id = &target.proposals[&ev.proposal].0;
        let criterion_id = &criteria[&ev.stage][&ev.criterion];
        let key = (proposal_id.clone(), judge.id.clone(), criterion_id.clone());
        let report = &mut reports[r];
        match apply.current.get_mut(&key) {
            None => {
                let score_id = apply.ids.next();
                apply.history.push((
                    ev.id.clone(),
                    score_id.clone(),
                    ev.old,
                    ev.new,
                    ev.at.clone(),
                    &judge.code,
                    &ev.device,
                ));
                apply.current.insert(
                    key,
                    Slot {
                        score_id,
                        value: ev.new,
                        at: ev.at.clone(),
                        source: Some(ev.id.clone()),
                        state: SlotState::New,
                    },
                );
                report.new += 1;
                apply.events.push((ev.id.clone(), &judge.id, "applied"));
            }
            // Entered on the master (paper sheet, form, file): never overwritten silently.
            Some(slot) if slot.source.is_none() => {
                if slot.value == ev.new {
                    report.unchanged += 1;
                    apply.events.push((ev.id.clone(), &judge.id, "unchanged"));
                } else {
                    apply.conflicts.push((ev.id.clone(), slot.score_id.clone(), slot.value, ev.new, ev.at.clone()));
                    report.conflicts += 1;
                    apply.events.push((ev.id.clone(), &judge.id, "conflict"));
                }
            }
            Some(slot) => {
                apply.history.push((
                    ev.id.clone(),
                    slot.score_id.clone(),
                    ev.old,
                    ev.new,
                    ev.at.clone(),
                    &judge.code,
                    &ev.device,
                ));
                let source = slot.source.as_deref().unwrap_or_default();
                if (ev.at.as_str(), ev.id.as_str()) > (slot.at.as_str(), source) {
                    if slot.value == ev.new {
                        report.unchanged += 1;
                    } else {
                        report.changed += 1;
                    }
                    slot.value = ev.new;
                    slot.at = ev.at.clone();
                    slot.source = Some(ev.id.clone());
                    if slot.state == SlotState::Stored {
                        slot.state = SlotState::Changed;
                    }
                } else {
                    report.unchanged += 1; // an older event arriving late: kept in the history only
                }
                apply.events.push((ev.id.clone(), &judge.id, "applied"));
            }
        }
    }
    apply.finish()?;
    Ok(reports)
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
        let (Some(sid), Some((pid, unit))) = (stage_id(&n.stage)?, t.proposals.get(&n.proposal)) else { continue };
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum SlotState {
    /// In the database, untouched by this merge.
    Stored,
    /// In the database, its value replaced by this merge.
    Changed,
    /// Made by this merge.
    New,
}

/// The current value of one judge × proposal × criterion while a merge runs.
struct Slot {
    score_id: String,
    value: f64,
    at: String,
    /// The package event that set the value; None when it was entered on the master.
    source: Option<String>,
    state: SlotState,
}

/// (event id, score id, old, new, at, actor, device)
type HistoryRow<'e> = (String, String, Option<f64>, f64, String, &'e str, &'e str);

/// What a merge writes, gathered first and then inserted in multi-row statements: each score once
/// with its final value, then the history lines, the events seen and the conflicts, in that order
/// because each refers to the one before.
struct Apply<'t, 'e> {
    tx: &'t Connection,
    now: &'t str,
    ids: crate::scoring::store::BatchIds,
    current: HashMap<(String, String, String), Slot>,
    history: Vec<HistoryRow<'e>>,
    events: Vec<(String, &'e str, &'static str)>,
    conflicts: Vec<(String, String, f64, f64, String)>,
}

impl<'t, 'e> Apply<'t, 'e> {
    fn new(tx: &'t Connection, now: &'t str) -> Self {
        Apply {
            tx,
            now,
            ids: crate::scoring::store::BatchIds::new(),
            current: HashMap::new(),
            history: Vec::new(),
            events: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Reads the current scores of the proposals the events touch, one indexed query each.
    fn load_current<'p>(&mut self, proposal_ids: impl Iterator<Item = &'p String>) -> Result<()> {
        let ids: HashSet<&String> = proposal_ids.collect();
        let mut stmt = self.tx.prepare_cached(
            "SELECT judge_id, criterion_id, id, value, updated_at, source_event FROM score WHERE proposal_id = ?1",
        )?;
        for p in ids {
            let mut rows = stmt.query([p])?;
            while let Some(r) = rows.next()? {
                let slot = Slot {
                    score_id: r.get(2)?,
                    value: r.get(3)?,
                    at: r.get(4)?,
                    source: r.get(5)?,
                    state: SlotState::Stored,
                };
                self.current.insert((p.clone(), r.get(0)?, r.get(1)?), slot);
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<()> {
        use crate::scoring::store::Insert;
        let tx = self.tx;
        // In the order the ids were made: appends to the primary key's B-tree, not random inserts.
        let mut new: Vec<(&(String, String, String), &Slot)> =
            self.current.iter().filter(|(_, s)| s.state == SlotState::New).collect();
        new.sort_unstable_by(|a, b| a.1.score_id.cmp(&b.1.score_id));
        Insert::new(
            "INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at, source_event) VALUES ",
            7,
            0,
            true,
        )
        .run(tx, &[], &new, |st, o, ((p, j, c), s)| {
            st.raw_bind_parameter(o + 1, &s.score_id)?;
            st.raw_bind_parameter(o + 2, p)?;
            st.raw_bind_parameter(o + 3, j)?;
            st.raw_bind_parameter(o + 4, c)?;
            st.raw_bind_parameter(o + 5, s.value)?;
            st.raw_bind_parameter(o + 6, &s.at)?;
            st.raw_bind_parameter(o + 7, &s.source)
        })?;
        let mut update =
            tx.prepare_cached("UPDATE score SET value = ?2, updated_at = ?3, source_event = ?4 WHERE id = ?1")?;
        for s in self.current.values().filter(|s| s.state == SlotState::Changed) {
            update.execute(params![s.score_id, s.value, s.at, s.source])?;
        }
        Insert::new(
            "INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin) VALUES ",
            7,
            1,
            true,
        )
        .run(tx, &[&"package"], &self.history, |st, o, (id, score, old, new, at, actor, device)| {
            st.raw_bind_parameter(o + 1, id)?;
            st.raw_bind_parameter(o + 2, score)?;
            st.raw_bind_parameter(o + 3, old)?;
            st.raw_bind_parameter(o + 4, new)?;
            st.raw_bind_parameter(o + 5, at)?;
            st.raw_bind_parameter(o + 6, actor)?;
            st.raw_bind_parameter(o + 7, device)
        })?;
        Insert::new("INSERT INTO sync_event (id, judge_id, outcome, merged_at) VALUES ", 3, 1, true).run(
            tx,
            &[&self.now],
            &self.events,
            |st, o, (id, judge, outcome)| {
                st.raw_bind_parameter(o + 1, id)?;
                st.raw_bind_parameter(o + 2, judge)?;
                st.raw_bind_parameter(o + 3, outcome)
            },
        )?;
        let mut conflict = tx.prepare_cached(
            "INSERT INTO merge_conflict (event_id, score_id, master_value, package_value, event_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (id, score, master, package, at) in &self.conflicts {
            conflict.execute(params![id, score, master, package, at])?;
        }
        self.ids.settle();
        Ok(())
    }
}

/// Conflicts not yet resolved, for the organiser.
pub fn open_conflicts(conn: &Connection, competition_id: &str) -> Result<Vec<MergeConflict>> {
    let mut stmt = conn.prepare(
        "SELECT m.event_id, s.code, p.code, j.code, c.code, m.master_value, m.package_value, m.event_at
         FROM merge_conflict m JOIN score sc ON sc.id = m.score_id
         JOIN proposal p ON p.id = sc.proposal_id JOIN judge j ON j.id = sc.judge_id
         JOIN criterion c ON c.id = sc.criterion_id JOIN stage s ON s.id = c.stage_id
         WHERE p.competition_id = ?1 AND m.resolved IS NULL ORDER BY m.event_at, m.event_id",
    )?;
    let rows = stmt
        .query_map([competition_id], |r| {
            Ok(MergeConflict {
                event_id: r.get(0)?,
                stage: r.get(1)?,
                proposal: r.get(2)?,
                judge: r.get(3)?,
                criterion: r.get(4)?,
                master_value: r.get(5)?,
                package_value: r.get(6)?,
                event_at: r.get(7)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// The organiser's explicit decision on a conflict: take the package's value, or keep the master's.
pub fn resolve_conflict(tx: &Connection, event_id: &str, take_package: bool, actor: &str, now: &str) -> Result<()> {
    let (score_id, master, package, event_at): (String, f64, f64, String) = tx.query_row(
        "SELECT score_id, master_value, package_value, event_at FROM merge_conflict WHERE event_id = ?1 AND resolved IS NULL",
        [event_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    if take_package {
        // From now on the judge's laptop owns this value again: later package events may update it.
        tx.execute(
            "UPDATE score SET value = ?2, updated_at = ?3, source_event = ?4 WHERE id = ?1",
            params![score_id, package, event_at, event_id],
        )?;
        tx.execute(
            "INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin, reason)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '', 'package', 'konflik: nilai paket dipakai')",
            params![crate::ids::new_id(), score_id, master, package, now, actor],
        )?;
    }
    tx.execute(
        "UPDATE merge_conflict SET resolved = ?2, resolved_at = ?3, resolved_by = ?4 WHERE event_id = ?1",
        params![event_id, if take_package { "package" } else { "master" }, now, actor],
    )?;
    Ok(())
}
