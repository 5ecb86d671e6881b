//! Importing scores in long format (FORMATS.md §4): any bad row refuses the whole file, listing
//! every error by row; identical values change nothing; a changed value is an edit with history.
//!
//! A file holds few distinct codes and many rows, so every code is matched once (by its text as
//! typed) and each row then works with small indices: no per-row allocation on the happy path.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::RowError;
use super::columns::{ColumnSpec, Columns, col};
use super::table::{TableRow, stream_table};
use crate::competition::{StageSetup, load_competition};
use crate::error::{Error, InputProblem, Result};
use crate::judges::{Judge, list_judges};
use crate::proposals::{Proposal, ProposalFilter, list_proposals};
use crate::scoring::store::{
    FxBuild, ScoreChange, ScoreContext, ScoreKey, ScoreOrigin, ScoreRef, ScoreWrite, criterion_numbers, write_scores,
};
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

/// One valid row: indices into the planner's stages (and their criteria), proposals and judges.
#[derive(Debug, Clone, Copy)]
struct PlannedRow {
    stage: u16,
    criterion: u16,
    proposal: u32,
    judge: u32,
    value: f64,
}

/// The competition's codes, matched by `match_key`, with what each distinct cell text resolved to.
struct Planner<'c> {
    stages: &'c [StageSetup],
    proposals: Vec<Proposal>,
    judges: Vec<Judge>,
    rows: Vec<PlannedRow>,
}

/// A distinct cell text: its match key (as an interned number, for duplicate detection) and the
/// entity it names, if any.
#[derive(Debug, Clone, Copy)]
struct Resolved {
    key: u32,
    found: Option<usize>,
}

/// Interns match keys so a row's identity is four numbers; resolves each distinct text once
/// (a file holds few distinct texts: only those are kept, not the rows).
struct Lookup {
    by_key: HashMap<String, usize>,
    keys: HashMap<String, u32>,
    cache: HashMap<String, Resolved>,
}

impl Lookup {
    fn new(by_key: HashMap<String, usize>) -> Lookup {
        Lookup { by_key, keys: HashMap::new(), cache: HashMap::new() }
    }

    fn resolve(&mut self, text: &str) -> Resolved {
        if let Some(r) = self.cache.get(text) {
            return *r;
        }
        let k = match_key(text);
        let found = self.by_key.get(&k).copied();
        let next = self.keys.len() as u32;
        let key = *self.keys.entry(k).or_insert(next);
        let r = Resolved { key, found };
        self.cache.insert(text.to_string(), r);
        r
    }
}

/// Index of each entity by the match key of its code; when two keys collide the last one wins,
/// as a map collected from the list would.
fn index_by_key<'a>(codes: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    codes.enumerate().map(|(i, c)| (match_key(c), i)).collect()
}

/// `text` resolved by `lookup`; an unknown (non-empty) code is the row's error.
fn code(lookup: &mut Lookup, n: usize, field: &'static str, text: &str, errors: &mut Vec<RowError>) -> Resolved {
    let r = lookup.resolve(text);
    if !text.is_empty() && r.found.is_none() {
        errors.push(unknown(n, field, text));
    }
    r
}

fn unknown(n: usize, field: &'static str, code: &str) -> RowError {
    RowError::new(n, field, InputProblem::UnknownCode { what: field, code: code.to_string() })
}

/// What checking a row needs: the competition's codes (each distinct text resolved once), which
/// criteria, conflicts and locked stages apply, where the columns are, and the rows seen so far.
struct RowChecker<'c> {
    stages: &'c [StageSetup],
    proposals: &'c [Proposal],
    judges: &'c [Judge],
    only_judge: Option<&'c str>,
    locked: &'c HashSet<usize>,
    columns: [Option<usize>; 5],
    stage_lookup: Lookup,
    proposal_lookup: Lookup,
    judge_lookup: Lookup,
    // Criterion codes only need a key here; which criterion they name depends on the stage.
    criterion_keys: Lookup,
    // Keyed by small numbers (not by the file's text), so the fast hash is safe here.
    criterion_of: HashMap<(usize, u32), Option<usize>, FxBuild>,
    conflicted: HashMap<(usize, usize), bool, FxBuild>,
    seen: HashMap<[u32; 4], usize, FxBuild>,
}

impl<'c> RowChecker<'c> {
    fn new(
        stages: &'c [StageSetup],
        proposals: &'c [Proposal],
        judges: &'c [Judge],
        only_judge: Option<&'c str>,
        locked: &'c HashSet<usize>,
        columns: [Option<usize>; 5],
    ) -> RowChecker<'c> {
        RowChecker {
            stage_lookup: Lookup::new(index_by_key(stages.iter().map(|s| s.code.as_str()))),
            proposal_lookup: Lookup::new(index_by_key(proposals.iter().map(|p| p.code.as_str()))),
            judge_lookup: Lookup::new(index_by_key(judges.iter().map(|j| j.code.as_str()))),
            criterion_keys: Lookup::new(HashMap::new()),
            criterion_of: HashMap::default(),
            conflicted: HashMap::default(),
            seen: HashMap::default(),
            stages,
            proposals,
            judges,
            only_judge,
            locked,
            columns,
        }
    }
}

impl RowChecker<'_> {
    /// Checks one row: its errors go to `errors`; a row without any is planned.
    fn check(&mut self, row: &TableRow, errors: &mut Vec<RowError>) -> Option<PlannedRow> {
        let [i_st, i_pr, i_ju, i_cr, i_val] = self.columns;
        let n = row.number;
        let cell = |i: Option<usize>| i.map(|i| row.cell(i).trim()).unwrap_or("");
        let (st, pr, ju, cr, val) = (cell(i_st), cell(i_pr), cell(i_ju), cell(i_cr), cell(i_val));
        let before = errors.len();
        // Every empty cell is reported, so no short-circuit.
        let mut all_present = true;
        for (field, v) in
            [("tahap", st), ("kode_proposal", pr), ("kode_juri", ju), ("kode_kriteria", cr), ("nilai", val)]
        {
            if v.is_empty() {
                errors.push(RowError::new(n, field, InputProblem::Required));
                all_present = false;
            }
        }
        let st_r = code(&mut self.stage_lookup, n, "tahap", st, errors);
        let stage = st_r.found;
        if let Some(s) = stage.filter(|s| self.locked.contains(s)) {
            errors.push(RowError::new(n, "tahap", InputProblem::StageLocked(self.stages[s].code.clone())));
        }
        let pr_r = code(&mut self.proposal_lookup, n, "kode_proposal", pr, errors);
        let ju_r = code(&mut self.judge_lookup, n, "kode_juri", ju, errors);
        let (proposal, judge) = (pr_r.found, ju_r.found);
        if let (Some(j), Some(only)) = (judge, self.only_judge)
            && !self.judges[j].code.eq_ignore_ascii_case(only)
        {
            errors.push(unknown(n, "kode_juri", ju));
        }
        let (cr_r, criterion) = self.criterion(n, stage, cr, errors);
        let value = self.value(n, val, stage.zip(criterion), errors);
        self.conflict(n, judge, proposal, errors);
        if all_present && let Some(first) = self.seen.insert([st_r.key, pr_r.key, ju_r.key, cr_r.key], n) {
            errors.push(RowError::new(n, "nilai", InputProblem::DuplicateRow { first_row: first }));
        }
        if errors.len() != before {
            return None;
        }
        let (Some(stage), Some(proposal), Some(judge), Some(criterion), Some(value)) =
            (stage, proposal, judge, criterion, value)
        else {
            return None;
        };
        Some(PlannedRow {
            stage: stage as u16,
            criterion: criterion as u16,
            proposal: proposal as u32,
            judge: judge as u32,
            value,
        })
    }

    /// The criterion `cr` names in the row's stage (codes are looked for per stage).
    fn criterion(
        &mut self,
        n: usize,
        stage: Option<usize>,
        cr: &str,
        errors: &mut Vec<RowError>,
    ) -> (Resolved, Option<usize>) {
        let cr_r = self.criterion_keys.resolve(cr);
        let stages = self.stages;
        let criterion = stage.and_then(|s| {
            *self.criterion_of.entry((s, cr_r.key)).or_insert_with(|| {
                let k = match_key(cr);
                stages[s].criteria.iter().position(|c| match_key(&c.code) == k)
            })
        });
        if stage.is_some() && !cr.is_empty() && criterion.is_none() {
            errors.push(unknown(n, "kode_kriteria", cr));
        }
        (cr_r, criterion)
    }

    /// The score: a number (decimal comma or point) within its criterion's range.
    fn value(&self, n: usize, val: &str, at: Option<(usize, usize)>, errors: &mut Vec<RowError>) -> Option<f64> {
        if val.is_empty() {
            return None;
        }
        let Some(v) = crate::text::parse_decimal(val) else {
            errors.push(RowError::new(n, "nilai", InputProblem::NotANumber(val.to_string())));
            return None;
        };
        if let Some((s, c)) = at {
            let c = &self.stages[s].criteria[c];
            if v < c.min || v > c.max {
                errors.push(RowError::new(n, "nilai", InputProblem::OutOfRange { value: v, min: c.min, max: c.max }));
            }
        }
        Some(v)
    }

    /// A judge may not score a proposal they are conflicted with (looked up once per pair).
    fn conflict(&mut self, n: usize, judge: Option<usize>, proposal: Option<usize>, errors: &mut Vec<RowError>) {
        let (Some(j), Some(p)) = (judge, proposal) else { return };
        let (judges, proposals) = (self.judges, self.proposals);
        let conflicted = *self.conflicted.entry((j, p)).or_insert_with(|| {
            let p = &proposals[p];
            judges[j].conflicted_with(&p.code, &p.unit)
        });
        if conflicted {
            let problem = InputProblem::Conflict { judge: judges[j].code.clone(), proposal: proposals[p].code.clone() };
            errors.push(RowError::new(n, "kode_juri", problem));
        }
    }
}

impl<'c> Planner<'c> {
    /// Checks every row of the file as it is read (rows are not kept, only what they plan);
    /// the planned rows with the number of rows read, or every row error in row order.
    fn plan(
        conn: &Connection,
        competition_id: &str,
        stages: &'c [StageSetup],
        bytes: &[u8],
        only_judge: Option<&str>,
    ) -> Result<(usize, Planner<'c>)> {
        let proposals = list_proposals(conn, competition_id, &ProposalFilter::default())?;
        let judges = list_judges(conn, competition_id)?;
        let mut locked = HashSet::new();
        for (i, s) in stages.iter().enumerate() {
            if crate::scoring::sheet::stage_locked(conn, competition_id, &s.code)? {
                locked.insert(i);
            }
        }
        // Where the five columns are, known once the header is read.
        let columns = std::cell::Cell::new(None);
        let mut on_header = |headers: &[String]| {
            let cols = Columns::resolve_headers(headers, SCORE_COLUMNS)?;
            columns.set(Some(["tahap", "kode_proposal", "kode_juri", "kode_kriteria", "nilai"].map(|n| cols.index(n))));
            Ok(())
        };
        let mut checker: Option<RowChecker> = None;
        let mut errors = Vec::new();
        let mut dropped = 0usize;
        let mut rows = Vec::new();
        let mut on_row = |row: &TableRow| -> Result<()> {
            let checker = checker.get_or_insert_with(|| {
                RowChecker::new(stages, &proposals, &judges, only_judge, &locked, columns.get().unwrap_or_default())
            });
            if let Some(planned) = checker.check(row, &mut errors) {
                rows.push(planned);
            }
            if errors.len() > crate::limits::MAX_ROW_ERRORS {
                dropped += errors.len() - crate::limits::MAX_ROW_ERRORS;
                errors.truncate(crate::limits::MAX_ROW_ERRORS);
            }
            Ok(())
        };
        let read = stream_table(bytes, &mut on_header, &mut on_row)?;
        if dropped > 0 {
            // Listed up to the limit; the rest are counted on the last line.
            let row = errors.last().map_or(0, |e| e.row);
            errors.push(RowError::new(row, "nilai", InputProblem::MoreErrors(dropped)));
        }
        drop(checker);
        if !errors.is_empty() {
            return Err(Error::ImportRefused { errors });
        }
        Ok((read, Planner { stages, proposals, judges, rows }))
    }

    fn changes(&self) -> Vec<ScoreChange> {
        self.rows
            .iter()
            .map(|r| {
                let s = &self.stages[r.stage as usize];
                ScoreChange {
                    key: ScoreKey {
                        stage: s.code.clone(),
                        proposal: self.proposals[r.proposal as usize].code.clone(),
                        judge: self.judges[r.judge as usize].code.clone(),
                        criterion: s.criteria[r.criterion as usize].code.clone(),
                    },
                    value: r.value,
                }
            })
            .collect()
    }
}

/// Checks a scores file against the competition; returns the changes it would make, or every row error.
pub fn plan_scores(
    conn: &Connection,
    competition_id: &str,
    bytes: &[u8],
    only_judge: Option<&str>,
) -> Result<(usize, Vec<ScoreChange>)> {
    let comp = load_competition(conn, competition_id)?;
    let (read, plan) = Planner::plan(conn, competition_id, &comp.setup.stages, bytes, only_judge)?;
    Ok((read, plan.changes()))
}

/// Imports a scores file in the caller's transaction (all or nothing).
pub fn import_scores(
    tx: &Connection,
    competition_id: &str,
    bytes: &[u8],
    ctx: &ScoreContext,
) -> Result<ScoreImportSummary> {
    let comp = load_competition(tx, competition_id)?;
    // On a judge's laptop only that judge's own scores are accepted (a row of another is an error).
    let role = crate::laptop::role(tx)?;
    let (read, mut plan) = Planner::plan(tx, competition_id, &comp.setup.stages, bytes, role.judge())?;
    let crit_n = criterion_numbers(tx, competition_id)?;
    // Criterion numbers by (stage, criterion) index; a criterion without one cannot occur (the
    // setup was loaded in this transaction), and would be skipped like a code gone meanwhile.
    let numbers: Vec<Vec<Option<i64>>> = plan
        .stages
        .iter()
        .map(|s| s.criteria.iter().map(|c| crit_n.get(&s.code).and_then(|m| m.get(&c.code)).copied()).collect())
        .collect();
    let number = |sql: &str, ids: &mut dyn Iterator<Item = &String>| -> Result<Vec<Option<i64>>> {
        let mut stmt = tx.prepare_cached(sql)?;
        let by_id: HashMap<String, i64> =
            stmt.query_map([competition_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
        Ok(ids.map(|id| by_id.get(id).copied()).collect())
    };
    let proposal_n =
        number("SELECT id, n FROM proposal WHERE competition_id = ?1", &mut plan.proposals.iter().map(|p| &p.id))?;
    let judge_n = number("SELECT id, n FROM judge WHERE competition_id = ?1", &mut plan.judges.iter().map(|j| &j.id))?;
    let writes: Vec<ScoreWrite> = std::mem::take(&mut plan.rows)
        .into_iter()
        .filter_map(|r| {
            Some(ScoreWrite {
                score: ScoreRef {
                    proposal: proposal_n[r.proposal as usize]?,
                    judge: judge_n[r.judge as usize]?,
                    criterion: numbers[r.stage as usize][r.criterion as usize]?,
                },
                value: r.value,
            })
        })
        .collect();
    drop(plan);
    let applied = write_scores(tx, &writes, ctx, ScoreOrigin::Import)?;
    Ok(ScoreImportSummary { rows: read, added: applied.added, changed: applied.changed, unchanged: applied.unchanged })
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

    fn errors(db: &Db, id: &str, file: &str, only: Option<&str>) -> Vec<(usize, String, InputProblem)> {
        match plan_scores(db.conn(), id, file.as_bytes(), only) {
            Err(Error::ImportRefused { errors }) => errors.into_iter().map(|e| (e.row, e.column, e.problem)).collect(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    /// Codes are matched once per distinct text: spellings that differ only in case and spaces
    /// name the same thing (and so are duplicates), and so do unknown codes.
    #[test]
    fn loose_spellings_match_and_repeat_as_duplicates() {
        let (_d, db, id) = demo();
        let file = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai
proposal,P-001,J1,kebaruan,80
 PROPOSAL , p-001 ,j1, Kebaruan ,81
proposal,P-999,J1,kebaruan,70
proposal,p-999,J1,kebaruan,70
proposal,P-002,J1,KEBARUAN,\"75,5\"
";
        let unknown = |code: &str| InputProblem::UnknownCode { what: "kode_proposal", code: code.into() };
        assert_eq!(
            errors(&db, &id, file, None),
            vec![
                (3, "nilai".into(), InputProblem::DuplicateRow { first_row: 2 }),
                (4, "kode_proposal".into(), unknown("P-999")),
                (5, "kode_proposal".into(), unknown("p-999")),
                (5, "nilai".into(), InputProblem::DuplicateRow { first_row: 4 }),
            ]
        );
        let valid = "tahap;kode_proposal;kode_juri;kode_kriteria;nilai
 Proposal ;p-002;j1;KEBARUAN;75,5
presentasi;P-002;J1;penyajian;7
";
        let (rows, changes) = plan_scores(db.conn(), &id, valid.as_bytes(), None).unwrap();
        assert_eq!(rows, 2);
        let keys: Vec<_> = changes
            .iter()
            .map(|c| (c.key.stage.as_str(), c.key.proposal.as_str(), c.key.criterion.as_str(), c.value))
            .collect();
        assert_eq!(keys, vec![("proposal", "P-002", "kebaruan", 75.5), ("presentasi", "P-002", "penyajian", 7.0)]);
        assert!(changes.iter().all(|c| c.key.judge == "J1"), "canonical codes");
    }

    /// A criterion is looked for in the row's stage; a judge other than `only_judge` is refused;
    /// a conflict of interest is found for every row of the pair.
    #[test]
    fn criteria_by_stage_only_judge_and_conflicts() {
        let (_d, db, id) = demo();
        let file = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai
presentasi,P-001,J1,latar_belakang,5
proposal,P-001,J2,kebaruan,50
proposal,P-009,J5,kebaruan,50
proposal,P-009,J5,implementasi,50
";
        let got: Vec<(usize, String)> =
            errors(&db, &id, file, Some("j1")).into_iter().map(|(r, c, _)| (r, c)).collect();
        assert_eq!(
            got,
            vec![
                (2, "kode_kriteria".into()),
                (3, "kode_juri".into()),
                (4, "kode_juri".into()),
                (4, "kode_juri".into()),
                (5, "kode_juri".into()),
                (5, "kode_juri".into()),
            ],
            "only J1 may send this file; J5 is also recused from Bappeda's P-009"
        );
    }
}
