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
                for ev in payload.events {
                    events.push((reports.len(), judge.clone(), ev));
                }
            }
        }
        reports.push(report);
    }
    events.sort_by(|a, b| (&a.2.at, &a.2.id).cmp(&(&b.2.at, &b.2.id)));

    // Everything the loop looks up, read once: a merge of 9 × 36,000 events must stay well under a second.
    let mut known: HashSet<String> = {
        let mut stmt = tx.prepare("SELECT id FROM sync_event")?;
        stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?
    };
    let criteria: HashMap<(String, String), String> = {
        let mut stmt = tx.prepare(
            "SELECT s.code, c.code, c.id FROM criterion c JOIN stage s ON s.id = c.stage_id WHERE s.competition_id = ?1",
        )?;
        stmt.query_map([competition_id], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?.collect::<Result<_, _>>()?
    };
    type Current = (String, f64, String, Option<String>);
    let mut current: HashMap<(String, String, String), Current> = {
        let mut stmt = tx.prepare(
            "SELECT sc.proposal_id, sc.judge_id, sc.criterion_id, sc.id, sc.value, sc.updated_at, sc.source_event
             FROM score sc JOIN proposal p ON p.id = sc.proposal_id WHERE p.competition_id = ?1",
        )?;
        stmt.query_map([competition_id], |r| {
            Ok(((r.get(0)?, r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)))
        })?
        .collect::<Result<_, _>>()?
    };
    let mut insert_score = tx.prepare_cached(
        "INSERT INTO score (id, proposal_id, judge_id, criterion_id, value, updated_at, source_event)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut update_score =
        tx.prepare_cached("UPDATE score SET value = ?2, updated_at = ?3, source_event = ?4 WHERE id = ?1")?;
    let mut insert_history = tx.prepare_cached(
        "INSERT INTO score_history (id, score_id, old_value, new_value, at, actor, device, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'package')",
    )?;
    let mut insert_event =
        tx.prepare_cached("INSERT INTO sync_event (id, judge_id, outcome, merged_at) VALUES (?1, ?2, ?3, ?4)")?;
    let mut insert_conflict = tx.prepare_cached(
        "INSERT INTO merge_conflict (event_id, score_id, master_value, package_value, event_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;

    for (r, judge, ev) in events {
        if !known.insert(ev.id.clone()) {
            reports[r].already_merged += 1;
            continue;
        }
        if let Some(problem) = event_problem(&target, &judge, &ev, lang) {
            known.remove(&ev.id); // not recorded: a later merge may take it once the reason is gone
            reports[r].refused_events.push(problem);
            continue;
        }
        let proposal_id = target.proposals[&ev.proposal].0.clone();
        let criterion_id = criteria[&(ev.stage.clone(), ev.criterion.clone())].clone();
        let key = (proposal_id, judge.id.clone(), criterion_id);
        let outcome = match current.get(&key).cloned() {
            None => {
                let score_id = crate::ids::new_id();
                insert_score.execute(params![score_id, key.0, key.1, key.2, ev.new, ev.at, ev.id])?;
                insert_history.execute(params![ev.id, score_id, ev.old, ev.new, ev.at, judge.code, ev.device])?;
                current.insert(key, (score_id, ev.new, ev.at.clone(), Some(ev.id.clone())));
                reports[r].new += 1;
                "applied"
            }
            // Entered on the master (paper sheet, form, file): never overwritten silently.
            Some((_, value, _, None)) if value == ev.new => {
                reports[r].unchanged += 1;
                "unchanged"
            }
            Some((score_id, value, _, None)) => {
                insert_event.execute(params![ev.id, judge.id, "conflict", now])?;
                insert_conflict.execute(params![ev.id, score_id, value, ev.new, ev.at])?;
                reports[r].conflicts += 1;
                continue;
            }
            Some((score_id, value, at, Some(source))) => {
                insert_history.execute(params![ev.id, score_id, ev.old, ev.new, ev.at, judge.code, ev.device])?;
                if (ev.at.as_str(), ev.id.as_str()) > (at.as_str(), source.as_str()) {
                    update_score.execute(params![score_id, ev.new, ev.at, ev.id])?;
                    current.insert(key, (score_id, ev.new, ev.at.clone(), Some(ev.id.clone())));
                    if value == ev.new {
                        reports[r].unchanged += 1;
                    } else {
                        reports[r].changed += 1;
                    }
                } else {
                    reports[r].unchanged += 1; // an older event arriving late: kept in the history only
                }
                "applied"
            }
        };
        insert_event.execute(params![ev.id, judge.id, outcome, now])?;
    }
    Ok(reports)
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
