//! Paper sheets in the database: typing an entry, settling differences, deciding conflicts with
//! digital scores, and writing a reconciled sheet's values through the normal score path.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Deserialize;

use super::model::*;
use crate::competition::{StageSetup, load_competition};
use crate::error::{Entity, Error, InputProblem, PaperProblem, Result};
use crate::ids::new_id;
use crate::judges::{Judge, find_judge_by_code};
use crate::proposals::{Proposal, find_proposal_by_code};
use crate::scoring::sheet::{save_score, stage_locked};
use crate::scoring::store::{ScoreContext, ScoreKey, ScoreOrigin};
use crate::text::tidy;

const EPS: f64 = 1e-9;

/// A paper sheet addressed by the codes users see.
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperKey {
    pub stage: String,
    pub judge: String,
    pub proposal: String,
}

/// Who acts, from which device, when (the staff name is typed on the screen, not the OS user).
#[derive(Debug, Clone)]
pub struct PaperContext {
    pub staff: String,
    pub device: String,
    pub now: String,
}

/// The stage, judge and proposal a sheet belongs to, resolved once.
struct Target {
    competition_id: String,
    stage: StageSetup,
    stage_id: String,
    judge: Judge,
    proposal: Proposal,
    /// criterion code -> id, in setup order alongside `stage.criteria`.
    criterion_ids: HashMap<String, String>,
}

fn target(conn: &Connection, competition_id: &str, key: &PaperKey) -> Result<Target> {
    let comp = load_competition(conn, competition_id)?;
    let stage = comp
        .setup
        .stage(&key.stage)
        .cloned()
        .ok_or_else(|| Error::NotFound { what: Entity::Stage, key: key.stage.clone() })?;
    let stage_id: String = conn.query_row(
        "SELECT id FROM stage WHERE competition_id = ?1 AND code = ?2",
        [competition_id, &stage.code],
        |r| r.get(0),
    )?;
    let judge = find_judge_by_code(conn, competition_id, &key.judge)?
        .ok_or_else(|| Error::NotFound { what: Entity::Judge, key: key.judge.clone() })?;
    let proposal = find_proposal_by_code(conn, competition_id, &key.proposal)?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: key.proposal.clone() })?;
    let mut stmt = conn.prepare_cached("SELECT code, id FROM criterion WHERE stage_id = ?1")?;
    let criterion_ids = stmt.query_map([&stage_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(Target { competition_id: competition_id.to_string(), stage, stage_id, judge, proposal, criterion_ids })
}

impl Target {
    fn key(&self) -> PaperKey {
        PaperKey {
            stage: self.stage.code.clone(),
            judge: self.judge.code.clone(),
            proposal: self.proposal.code.clone(),
        }
    }

    /// The checks of normal scoring: a conflicted judge is refused, a locked stage is refused;
    /// and paper sheets are typed by the organiser's staff, never on a judge's laptop.
    fn check_writable(&self, conn: &Connection) -> Result<()> {
        crate::laptop::require_organiser(conn, crate::laptop::OrganiserTask::PaperEntry)?;
        if self.judge.conflicted_with(&self.proposal.code, &self.proposal.unit) {
            return Err(Error::InvalidInput {
                field: "kode_juri",
                problem: InputProblem::Conflict {
                    judge: self.judge.code.clone(),
                    proposal: self.proposal.code.clone(),
                },
            });
        }
        if stage_locked(conn, &self.competition_id, &self.stage.code)? {
            return Err(Error::StageLocked(self.stage.code.clone()));
        }
        Ok(())
    }

    fn criterion_id(&self, code: &str) -> Result<&str> {
        self.criterion_ids
            .get(code)
            .map(String::as_str)
            .ok_or_else(|| Error::NotFound { what: Entity::Criterion, key: code.to_string() })
    }

    fn sheet(&self, conn: &Connection) -> Result<Option<SheetRow>> {
        Ok(conn
            .query_row(
                "SELECT id, reconciled_at, reconciled_by FROM paper_sheet
                 WHERE stage_id = ?1 AND judge_id = ?2 AND proposal_id = ?3",
                params![self.stage_id, self.judge.id, self.proposal.id],
                |r| Ok(SheetRow { id: r.get(0)?, reconciled_at: r.get(1)?, reconciled_by: r.get(2)? }),
            )
            .optional()?)
    }
}

struct SheetRow {
    id: String,
    reconciled_at: Option<String>,
    reconciled_by: Option<String>,
}

fn required(field: &'static str, s: &str) -> Result<String> {
    let t = tidy(s);
    if t.is_empty() {
        return Err(Error::InvalidInput {
            field,
            problem: if field == "alasan" { InputProblem::ReasonRequired } else { InputProblem::Required },
        });
    }
    if t.chars().count() > 200 {
        return Err(Error::InvalidInput { field, problem: InputProblem::TooLong(200) });
    }
    Ok(t)
}

/// Saves one typing of a paper sheet (entry 1 or 2), replacing that entry while the sheet is not
/// reconciled. When both entries then agree on every criterion, the sheet is reconciled at once.
pub fn save_paper_entry(
    tx: &Connection,
    competition_id: &str,
    input: &PaperEntryInput,
    ctx: &PaperContext,
) -> Result<PaperSheet> {
    let key = PaperKey { stage: input.stage.clone(), judge: input.judge.clone(), proposal: input.proposal.clone() };
    let t = target(tx, competition_id, &key)?;
    if !matches!(input.slot, 1 | 2) {
        return Err(Error::Paper(PaperProblem::BadSlot(input.slot)));
    }
    let staff = required("petugas", &input.staff)?;
    t.check_writable(tx)?;
    let mut values: Vec<(String, f64)> = Vec::new();
    for v in &input.values {
        let crit = t
            .stage
            .criteria
            .iter()
            .find(|c| c.code == v.criterion)
            .ok_or_else(|| Error::NotFound { what: Entity::Criterion, key: v.criterion.clone() })?;
        let Some(value) = v.value else { continue };
        if !value.is_finite() || value < crit.min || value > crit.max {
            return Err(Error::InvalidInput {
                field: "nilai",
                problem: InputProblem::OutOfRange { value, min: crit.min, max: crit.max },
            });
        }
        let cid = t.criterion_id(&crit.code)?.to_string();
        values.retain(|(c, _)| *c != cid);
        values.push((cid, value));
    }
    if values.is_empty() {
        return Err(Error::InvalidInput { field: "nilai", problem: InputProblem::Required });
    }
    let sheet_id = match t.sheet(tx)? {
        Some(s) if s.reconciled_at.is_some() => return Err(Error::Paper(PaperProblem::AlreadyRecorded)),
        Some(s) => s.id,
        None => {
            let id = new_id();
            tx.execute(
                "INSERT INTO paper_sheet (id, stage_id, judge_id, proposal_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, t.stage_id, t.judge.id, t.proposal.id, ctx.now],
            )?;
            id
        }
    };
    let other: Option<String> = tx
        .query_row(
            "SELECT staff FROM paper_entry WHERE sheet_id = ?1 AND slot = ?2",
            params![sheet_id, 3 - input.slot as i64],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = other.filter(|o| same_person(o, &staff)) {
        return Err(Error::Paper(PaperProblem::SameTypist(other)));
    }
    tx.execute("DELETE FROM paper_entry_value WHERE sheet_id = ?1 AND slot = ?2", params![sheet_id, input.slot])?;
    tx.execute(
        "INSERT INTO paper_entry (sheet_id, slot, staff, device, at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (sheet_id, slot) DO UPDATE SET staff = excluded.staff, device = excluded.device, at = excluded.at",
        params![sheet_id, input.slot, staff, ctx.device, ctx.now],
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO paper_entry_value (sheet_id, slot, criterion_id, value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (criterion_id, value) in &values {
        insert.execute(params![sheet_id, input.slot, criterion_id, value])?;
    }
    drop_stale_decisions(tx, &t, &sheet_id)?;
    reconcile_if_settled(tx, &t, &sheet_id, ctx)?;
    sheet_view(tx, &t)
}

/// Staff read the paper and pick the value of a criterion where the entries differ (or one is
/// blank): it must be one of the typed values. Reconciles the sheet when nothing is left open.
pub fn resolve_paper_difference(
    tx: &Connection,
    competition_id: &str,
    key: &PaperKey,
    criterion: &str,
    value: f64,
    reason: &str,
    ctx: &PaperContext,
) -> Result<PaperSheet> {
    let t = target(tx, competition_id, key)?;
    let staff = required("petugas", &ctx.staff)?;
    let reason = required("alasan", reason)?;
    t.check_writable(tx)?;
    let criterion_id = t.criterion_id(criterion)?.to_string();
    let sheet = t.sheet(tx)?.ok_or(Error::Paper(PaperProblem::EntriesMissing))?;
    if sheet.reconciled_at.is_some() {
        return Err(Error::Paper(PaperProblem::AlreadyRecorded));
    }
    let view = sheet_view(tx, &t)?;
    if view.entry_one.is_none() || view.entry_two.is_none() {
        return Err(Error::Paper(PaperProblem::EntriesMissing));
    }
    let c = view.criteria.iter().find(|c| c.code == criterion).expect("criterion of the stage");
    if c.agreement == Agreement::Equal {
        return Err(Error::Paper(PaperProblem::NoDifference(criterion.to_string())));
    }
    let typed = [c.entry_one, c.entry_two].into_iter().flatten().find(|v| (v - value).abs() < EPS);
    let Some(value) = typed else {
        return Err(Error::Paper(PaperProblem::NotATypedValue { criterion: criterion.to_string(), value }));
    };
    tx.execute(
        "INSERT INTO paper_resolution (sheet_id, criterion_id, value, staff, reason, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (sheet_id, criterion_id) DO UPDATE
         SET value = excluded.value, staff = excluded.staff, reason = excluded.reason, at = excluded.at",
        params![sheet.id, criterion_id, value, staff, reason, ctx.now],
    )?;
    reconcile_if_settled(tx, &t, &sheet.id, ctx)?;
    sheet_view(tx, &t)
}

/// The explicit decision on an agreed paper value that differs from the judge's digital score:
/// take the paper's value, or keep the digital one. Reconciles the sheet when nothing is left open.
pub fn resolve_paper_conflict(
    tx: &Connection,
    competition_id: &str,
    key: &PaperKey,
    criterion: &str,
    take_paper: bool,
    reason: &str,
    ctx: &PaperContext,
) -> Result<PaperSheet> {
    let t = target(tx, competition_id, key)?;
    let staff = required("petugas", &ctx.staff)?;
    let reason = required("alasan", reason)?;
    t.check_writable(tx)?;
    let criterion_id = t.criterion_id(criterion)?.to_string();
    let sheet = t.sheet(tx)?.ok_or(Error::Paper(PaperProblem::NoConflict(criterion.to_string())))?;
    let n = tx.execute(
        "UPDATE paper_conflict SET resolved = ?3, resolved_at = ?4, resolved_by = ?5, reason = ?6
         WHERE sheet_id = ?1 AND criterion_id = ?2 AND resolved IS NULL",
        params![sheet.id, criterion_id, if take_paper { "paper" } else { "digital" }, ctx.now, staff, reason],
    )?;
    if n == 0 {
        return Err(Error::Paper(PaperProblem::NoConflict(criterion.to_string())));
    }
    reconcile_if_settled(tx, &t, &sheet.id, ctx)?;
    sheet_view(tx, &t)
}

/// After an entry changed: a resolution that no longer picks one of two differing typed values,
/// and a conflict about a paper value the sheet no longer gives, are no longer decisions about
/// this sheet and are dropped (the sheet is not reconciled, so nothing counted on them).
fn drop_stale_decisions(tx: &Connection, t: &Target, sheet_id: &str) -> Result<()> {
    let view = sheet_view(tx, t)?;
    for c in &view.criteria {
        let cid = t.criterion_id(&c.code)?;
        if let Some(r) = &c.resolution {
            let typed = [c.entry_one, c.entry_two].into_iter().flatten().any(|v| (v - r.value).abs() < EPS);
            if c.agreement == Agreement::Equal || !typed {
                tx.execute(
                    "DELETE FROM paper_resolution WHERE sheet_id = ?1 AND criterion_id = ?2",
                    params![sheet_id, cid],
                )?;
            }
        }
        if let Some(k) = &c.conflict
            && c.agreed.is_none_or(|a| (a - k.paper_value).abs() >= EPS)
        {
            tx.execute("DELETE FROM paper_conflict WHERE sheet_id = ?1 AND criterion_id = ?2", params![sheet_id, cid])?;
        }
    }
    Ok(())
}

/// When both entries are in and every criterion has a settled value: records a conflict for each
/// value that differs from the judge's digital score (and stops there while any is undecided), or
/// writes the values as the judge's scores (origin `paper`) and marks the sheet reconciled.
fn reconcile_if_settled(tx: &Connection, t: &Target, sheet_id: &str, ctx: &PaperContext) -> Result<()> {
    let view = sheet_view(tx, t)?;
    let (Some(one), Some(two)) = (&view.entry_one, &view.entry_two) else { return Ok(()) };
    if view.reconciled_at.is_some() || view.criteria.iter().any(|c| c.agreed.is_none()) {
        return Ok(());
    }
    let mut undecided = false;
    for c in &view.criteria {
        let agreed = c.agreed.expect("settled");
        let cid = t.criterion_id(&c.code)?;
        let differs = c.current.is_some_and(|d| (d - agreed).abs() >= EPS);
        match (&c.conflict, differs) {
            (None, true) => {
                tx.execute(
                    "INSERT INTO paper_conflict (sheet_id, criterion_id, digital_value, paper_value, found_at)
                     SELECT ?1, ?2, sc.value, ?5, ?6 FROM score sc
                     JOIN proposal p ON p.n = sc.proposal_n JOIN judge j ON j.n = sc.judge_n
                     JOIN criterion c ON c.n = sc.criterion_n
                     WHERE p.id = ?3 AND j.id = ?4 AND c.id = ?2",
                    params![sheet_id, cid, t.proposal.id, t.judge.id, agreed, ctx.now],
                )?;
                undecided = true;
            }
            (Some(k), true) if k.resolved.is_none() => undecided = true,
            // The digital score changed to the paper's value meanwhile: nothing left to decide.
            (Some(k), false) if k.resolved.is_none() => {
                tx.execute(
                    "DELETE FROM paper_conflict WHERE sheet_id = ?1 AND criterion_id = ?2",
                    params![sheet_id, cid],
                )?;
            }
            _ => {}
        }
    }
    if undecided {
        return Ok(());
    }
    let score_ctx = ScoreContext {
        actor: format!("{} / {}", one.staff, two.staff),
        device: ctx.device.clone(),
        now: ctx.now.clone(),
    };
    let key = t.key();
    for c in &view.criteria {
        let keep_digital = c.conflict.as_ref().is_some_and(|k| k.resolved.as_deref() == Some("digital"));
        if keep_digital {
            continue;
        }
        let score_key = ScoreKey {
            stage: key.stage.clone(),
            proposal: key.proposal.clone(),
            judge: key.judge.clone(),
            criterion: c.code.clone(),
        };
        save_score(tx, &t.competition_id, &score_key, c.agreed.expect("settled"), &score_ctx, ScoreOrigin::Paper)?;
    }
    let by = if tidy(&ctx.staff).is_empty() { score_ctx.actor.clone() } else { tidy(&ctx.staff) };
    tx.execute(
        "UPDATE paper_sheet SET reconciled_at = ?2, reconciled_by = ?3 WHERE id = ?1",
        params![sheet_id, ctx.now, by],
    )?;
    Ok(())
}

/// The sheet with both entries side by side (an empty sheet when nothing was typed yet).
pub fn paper_sheet(conn: &Connection, competition_id: &str, key: &PaperKey) -> Result<PaperSheet> {
    let t = target(conn, competition_id, key)?;
    sheet_view(conn, &t)
}

fn sheet_view(conn: &Connection, t: &Target) -> Result<PaperSheet> {
    let sheet = t.sheet(conn)?;
    let sid = sheet.as_ref().map(|s| s.id.clone()).unwrap_or_default();
    let mut entries: [Option<PaperEntryInfo>; 2] = [None, None];
    let mut stmt = conn.prepare_cached("SELECT slot, staff, device, at FROM paper_entry WHERE sheet_id = ?1")?;
    let mut rows = stmt.query([&sid])?;
    while let Some(r) = rows.next()? {
        let slot: i64 = r.get(0)?;
        entries[(slot - 1) as usize] = Some(PaperEntryInfo { staff: r.get(1)?, device: r.get(2)?, at: r.get(3)? });
    }
    let values: HashMap<(i64, String), f64> =
        keyed(conn, "SELECT slot, criterion_id, value FROM paper_entry_value WHERE sheet_id = ?1", [&sid], |r| {
            Ok(((r.get(0)?, r.get(1)?), r.get(2)?))
        })?;
    let mut resolutions: HashMap<String, PaperResolution> = keyed(
        conn,
        "SELECT criterion_id, value, staff, reason, at FROM paper_resolution WHERE sheet_id = ?1",
        [&sid],
        |r| Ok((r.get(0)?, PaperResolution { value: r.get(1)?, staff: r.get(2)?, reason: r.get(3)?, at: r.get(4)? })),
    )?;
    let mut conflicts: HashMap<String, PaperConflict> = keyed(
        conn,
        "SELECT criterion_id, digital_value, paper_value, resolved, resolved_by, reason FROM paper_conflict WHERE sheet_id = ?1",
        [&sid],
        |r| {
            let conflict = PaperConflict {
                digital_value: r.get(1)?,
                paper_value: r.get(2)?,
                resolved: r.get(3)?,
                resolved_by: r.get(4)?,
                reason: r.get(5)?,
            };
            Ok((r.get(0)?, conflict))
        },
    )?;
    let current: HashMap<String, f64> = keyed(
        conn,
        "SELECT c.id, sc.value FROM score sc JOIN criterion c ON c.n = sc.criterion_n
         WHERE sc.proposal_n = (SELECT n FROM proposal WHERE id = ?1) AND sc.judge_n = (SELECT n FROM judge WHERE id = ?2)",
        [&t.proposal.id, &t.judge.id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let criteria: Vec<PaperCriterion> = t
        .stage
        .criteria
        .iter()
        .map(|c| {
            let cid = t.criterion_ids.get(&c.code).cloned().unwrap_or_default();
            let one = values.get(&(1, cid.clone())).copied();
            let two = values.get(&(2, cid.clone())).copied();
            let resolution = resolutions.remove(&cid);
            PaperCriterion {
                code: c.code.clone(),
                name: c.name.clone(),
                weight: c.weight,
                min: c.min,
                max: c.max,
                entry_one: one,
                entry_two: two,
                agreement: compare(one, two),
                agreed: PaperCriterion::settle(one, two, resolution.as_ref().map(|r| r.value)),
                resolution,
                current: current.get(&cid).copied(),
                conflict: conflicts.remove(&cid),
            }
        })
        .collect();
    let [entry_one, entry_two] = entries;
    let reconciled = sheet.as_ref().is_some_and(|s| s.reconciled_at.is_some());
    Ok(PaperSheet {
        status: sheet_status(entry_one.is_some(), entry_two.is_some(), reconciled, &criteria),
        stage: t.stage.code.clone(),
        stage_name: t.stage.name.clone(),
        judge: t.judge.code.clone(),
        judge_name: t.judge.name.clone(),
        proposal: t.proposal.code.clone(),
        title: t.proposal.title.clone(),
        unit: t.proposal.unit.clone(),
        entry_one,
        entry_two,
        criteria,
        reconciled_at: sheet.as_ref().and_then(|s| s.reconciled_at.clone()),
        reconciled_by: sheet.and_then(|s| s.reconciled_by),
        locked: stage_locked(conn, &t.competition_id, &t.stage.code)?,
    })
}

/// The status of every sheet on a judge's list for a stage (recused proposals included, marked).
pub fn paper_sheets(conn: &Connection, competition_id: &str, stage: &str, judge: &str) -> Result<Vec<PaperSheetRow>> {
    let items = crate::scoring::worklist::judge_worklist(conn, competition_id, stage, judge)?;
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let key = PaperKey { stage: stage.to_string(), judge: judge.to_string(), proposal: item.proposal.clone() };
        let t = target(conn, competition_id, &key)?;
        let (status, entry_one, entry_two, differences) = if t.sheet(conn)?.is_some() {
            let v = sheet_view(conn, &t)?;
            let open = if v.entry_one.is_some() && v.entry_two.is_some() && v.reconciled_at.is_none() {
                v.criteria.iter().filter(|c| c.agreed.is_none()).count() as u32
            } else {
                0
            };
            (v.status, v.entry_one.map(|e| e.staff), v.entry_two.map(|e| e.staff), open)
        } else {
            (PaperStatus::None, None, None, 0)
        };
        out.push(PaperSheetRow {
            proposal: item.proposal,
            title: item.title,
            category: item.category,
            recused: item.recused,
            status,
            entry_one,
            entry_two,
            differences,
        });
    }
    Ok(out)
}

/// The rows of `sql` as a map, each row giving its key and value.
fn keyed<K: std::hash::Hash + Eq, V>(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
    row: impl FnMut(&rusqlite::Row) -> rusqlite::Result<(K, V)>,
) -> Result<HashMap<K, V>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let map = stmt.query_map(params, row)?.collect::<rusqlite::Result<HashMap<K, V>>>()?;
    Ok(map)
}
