//! Importing scores in long format (FORMATS.md §4): any bad row refuses the whole file, listing
//! every error by row; identical values change nothing; a changed value is an edit with history.

use std::collections::HashMap;

use rusqlite::Connection;

use super::RowError;
use super::columns::{ColumnSpec, Columns, col};
use super::table::read_table;
use crate::competition::load_competition;
use crate::error::{Error, InputProblem, Result};
use crate::judges::list_judges;
use crate::proposals::{ProposalFilter, list_proposals};
use crate::scoring::store::{ScoreChange, ScoreContext, ScoreKey, ScoreOrigin, apply_score_changes};
use crate::text::match_key;

pub const SCORE_COLUMNS: &[ColumnSpec] = &[
    col("tahap", "stage", true),
    col("kode_proposal", "proposal", true),
    col("kode_juri", "judge", true),
    col("kode_kriteria", "criterion", true),
    col("nilai", "score", true),
];

/// What importing a scores file did.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ScoreImportSummary {
    pub rows: usize,
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
}

/// Checks a scores file against the competition; returns the changes it would make, or every row error.
pub fn plan_scores(
    conn: &Connection,
    competition_id: &str,
    bytes: &[u8],
    only_judge: Option<&str>,
) -> Result<(usize, Vec<ScoreChange>)> {
    let comp = load_competition(conn, competition_id)?;
    let table = read_table(bytes)?;
    let cols = Columns::resolve(&table, SCORE_COLUMNS)?;
    let proposals: HashMap<String, _> = list_proposals(conn, competition_id, &ProposalFilter::default())?
        .into_iter()
        .map(|p| (match_key(&p.code), p))
        .collect();
    let judges: HashMap<String, _> =
        list_judges(conn, competition_id)?.into_iter().map(|j| (match_key(&j.code), j)).collect();
    let stages: HashMap<String, _> = comp.setup.stages.iter().map(|s| (match_key(&s.code), s)).collect();

    let mut locked = std::collections::HashSet::new();
    for s in &comp.setup.stages {
        if crate::scoring::sheet::stage_locked(conn, competition_id, &s.code)? {
            locked.insert(s.code.clone());
        }
    }
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, String, String, String), usize> = HashMap::new();
    let mut out = Vec::new();
    for row in &table.rows {
        let n = row.number;
        let (st, pr, ju, cr, val) = (
            cols.get(row, "tahap"),
            cols.get(row, "kode_proposal"),
            cols.get(row, "kode_juri"),
            cols.get(row, "kode_kriteria"),
            cols.get(row, "nilai"),
        );
        let before = errors.len();
        let mut required = |field: &'static str, v: &str| {
            if v.is_empty() {
                errors.push(RowError::new(n, field, InputProblem::Required));
                false
            } else {
                true
            }
        };
        let all_present =
            [("tahap", st), ("kode_proposal", pr), ("kode_juri", ju), ("kode_kriteria", cr), ("nilai", val)]
                .into_iter()
                .map(|(f, v)| required(f, v))
                .collect::<Vec<bool>>() // every empty cell is reported, so no short-circuit
                .into_iter()
                .all(|b| b);
        let stage = stages.get(&match_key(st));
        if !st.is_empty() && stage.is_none() {
            errors.push(RowError::new(n, "tahap", InputProblem::UnknownCode { what: "tahap", code: st.to_string() }));
        }
        if let Some(s) = stage.filter(|s| locked.contains(&s.code)) {
            errors.push(RowError::new(n, "tahap", InputProblem::StageLocked(s.code.clone())));
        }
        let proposal = proposals.get(&match_key(pr));
        if !pr.is_empty() && proposal.is_none() {
            errors.push(RowError::new(
                n,
                "kode_proposal",
                InputProblem::UnknownCode { what: "kode_proposal", code: pr.to_string() },
            ));
        }
        let judge = judges.get(&match_key(ju));
        if !ju.is_empty() && judge.is_none() {
            errors.push(RowError::new(
                n,
                "kode_juri",
                InputProblem::UnknownCode { what: "kode_juri", code: ju.to_string() },
            ));
        }
        if let (Some(j), Some(only)) = (judge, only_judge)
            && !j.code.eq_ignore_ascii_case(only)
        {
            errors.push(RowError::new(
                n,
                "kode_juri",
                InputProblem::UnknownCode { what: "kode_juri", code: ju.to_string() },
            ));
        }
        let criterion = stage.and_then(|s| s.criteria.iter().find(|c| match_key(&c.code) == match_key(cr)));
        if stage.is_some() && !cr.is_empty() && criterion.is_none() {
            errors.push(RowError::new(
                n,
                "kode_kriteria",
                InputProblem::UnknownCode { what: "kode_kriteria", code: cr.to_string() },
            ));
        }
        let value = if val.is_empty() {
            None
        } else {
            match crate::text::parse_decimal(val) {
                Some(v) => Some(v),
                None => {
                    errors.push(RowError::new(n, "nilai", InputProblem::NotANumber(val.to_string())));
                    None
                }
            }
        };
        if let (Some(c), Some(v)) = (criterion, value)
            && (v < c.min || v > c.max)
        {
            errors.push(RowError::new(n, "nilai", InputProblem::OutOfRange { value: v, min: c.min, max: c.max }));
        }
        if let (Some(j), Some(p)) = (judge, proposal)
            && j.conflicted_with(&p.code, &p.unit)
        {
            errors.push(RowError::new(
                n,
                "kode_juri",
                InputProblem::Conflict { judge: j.code.clone(), proposal: p.code.clone() },
            ));
        }
        if all_present {
            let key = (match_key(st), match_key(pr), match_key(ju), match_key(cr));
            if let Some(first) = seen.insert(key, n) {
                errors.push(RowError::new(n, "nilai", InputProblem::DuplicateRow { first_row: first }));
            }
        }
        if errors.len() == before
            && let (Some(s), Some(p), Some(j), Some(c), Some(v)) = (stage, proposal, judge, criterion, value)
        {
            out.push(ScoreChange {
                key: ScoreKey {
                    stage: s.code.clone(),
                    proposal: p.code.clone(),
                    judge: j.code.clone(),
                    criterion: c.code.clone(),
                },
                value: v,
            });
        }
    }
    if !errors.is_empty() {
        return Err(Error::ImportRefused { errors });
    }
    Ok((table.rows.len(), out))
}

/// Imports a scores file in the caller's transaction (all or nothing).
pub fn import_scores(
    tx: &Connection,
    competition_id: &str,
    bytes: &[u8],
    ctx: &ScoreContext,
) -> Result<ScoreImportSummary> {
    let (rows, changes) = plan_scores(tx, competition_id, bytes, None)?;
    let applied = apply_score_changes(tx, competition_id, &changes, ctx, ScoreOrigin::Import)?;
    Ok(ScoreImportSummary { rows, added: applied.added, changed: applied.changed, unchanged: applied.unchanged })
}
