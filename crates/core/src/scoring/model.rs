//! Input and output types of the ranking engine (FORMATS.md §5, §6, §8).
//!
//! Output types only serialise: the recap is produced here and written out, never read back.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub use crate::competition::Normalisation;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionDef {
    pub code: String,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StageDef {
    pub code: String,
    pub weight: f64,
    pub passing_grade: Option<f64>,
    pub finalists_per_category: Option<u32>,
    pub criteria: Vec<CriterionDef>,
}

impl StageDef {
    /// A stage "cuts" when it can stop proposals from reaching the next stage.
    pub fn cuts(&self) -> bool {
        self.passing_grade.is_some() || self.finalists_per_category.is_some()
    }

    /// A stage is needed when it enters the final or selects; a weight-0 stage
    /// without a cut is informative only.
    pub fn needed(&self) -> bool {
        self.weight > 0.0 || self.cuts()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryDef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankingSetup {
    pub competition: String,
    pub categories: Vec<CategoryDef>,
    pub stages: Vec<StageDef>,
    pub tie_break: Vec<String>,
    pub normalisation: Normalisation,
    pub disagreement_threshold: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalEntry {
    pub code: String,
    pub title: String,
    pub unit: String,
    /// Category code, as in `CategoryDef::code`.
    pub category: String,
    pub excluded: bool,
}

/// One criterion value. The engine assumes (stage, proposal, judge, criterion)
/// is unique across the input, as the score import guarantees (FORMATS.md §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreEntry {
    // Shared text: a full jury loads some 324,000 entries naming a few thousand codes, and a
    // clone of a shared code is a count, not an allocation.
    pub stage: Arc<str>,
    pub proposal: Arc<str>,
    pub judge: Arc<str>,
    pub criterion: Arc<str>,
    pub value: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ranked,
    Excluded,
    Incomplete,
    DidNotPass,
    NotFinalist,
}

impl Status {
    /// The code written in recap files (FORMATS.md §8).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ranked => "ranked",
            Status::Excluded => "excluded",
            Status::Incomplete => "incomplete",
            Status::DidNotPass => "did_not_pass",
            Status::NotFinalist => "not_finalist",
        }
    }
}

/// A proposal's result in one stage (FORMATS.md §6).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StageResult {
    /// Value used for ranking: normalised when normalisation is on, else raw.
    pub score: f64,
    pub raw: f64,
    pub judges: u32,
    pub sd: f64,
    pub flagged: bool,
    #[serde(skip_serializing_if = "is_zero")]
    #[ts(as = "Option<u32>", optional)]
    pub incomplete_sheets: u32,
    /// The place on this stage's own score within the category (level scores share it), for the
    /// stage's recap. Not part of the JSON of FORMATS.md §6.
    #[serde(skip)]
    #[ts(skip)]
    pub stage_rank: u32,
    /// What this stage decided for the proposal. Not part of the JSON of FORMATS.md §6.
    #[serde(skip)]
    #[ts(skip)]
    pub decision: StageDecision,
}

/// What a stage decided for a proposal that has its score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StageDecision {
    /// The stage selects no one (no passing grade, no finalist quota).
    #[default]
    NoCut,
    /// Through to the next stage: a finalist when the stage has a quota.
    Passed,
    /// Under the stage's passing grade.
    BelowGrade,
    /// Over the grade (or no grade) but outside the category's finalist quota.
    OutsideQuota,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Stage results keyed by stage code, kept in setup order. Serialised as a JSON
/// object whose keys follow that order (serde_json's own map would sort them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StageResults(pub Vec<(String, StageResult)>);

impl StageResults {
    pub fn get(&self, code: &str) -> Option<&StageResult> {
        self.0.iter().find(|(c, _)| c == code).map(|(_, r)| r)
    }
}

impl Serialize for StageResults {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (code, result) in &self.0 {
            map.serialize_entry(code, result)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RecapRow {
    pub rank: Option<u32>,
    pub tied: bool,
    pub proposal: String,
    pub title: String,
    pub unit: String,
    #[serde(rename = "final")]
    pub final_score: Option<f64>,
    #[ts(as = "std::collections::HashMap<String, StageResult>")]
    pub stages: StageResults,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RecapCategory {
    pub code: String,
    pub name: String,
    pub rows: Vec<RecapRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Recap {
    pub competition: String,
    pub normalisation: Normalisation,
    pub categories: Vec<RecapCategory>,
}

/// One criterion value as entered, for the drill-down screen.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CriterionValue {
    pub criterion: String,
    pub value: f64,
}

/// One judge's sheet for one proposal in one stage.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeSheet {
    pub judge: String,
    /// Values present, criteria in setup order.
    pub values: Vec<CriterionValue>,
    /// Every criterion of the stage has a value.
    pub complete: bool,
    /// x_jps; present when complete.
    pub raw: Option<f64>,
    /// x'_jps; present only with z-score normalisation and when counted.
    pub normalised: Option<f64>,
    /// Complete, and the proposal is not excluded and reached the stage.
    pub counted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StageDetail {
    pub stage: String,
    /// The proposal took part in this stage (not excluded, not cut before it).
    pub reached: bool,
    /// Judges in code order; only judges with at least one value.
    pub judges: Vec<JudgeSheet>,
}

/// Drill-down data for one proposal; not part of the recap JSON.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalDetail {
    pub proposal: String,
    /// Every stage, in setup order.
    pub stages: Vec<StageDetail>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RecapResult {
    pub recap: Recap,
    pub details: Vec<ProposalDetail>,
}

/// One judge's complete sheet that counted in a stage (FORMATS.md §5 rules 1–3).
#[derive(Debug, Clone, PartialEq)]
pub struct CountedSheet {
    pub judge: String,
    /// x_jps.
    pub raw: f64,
    /// x'_jps under z-score, else x_jps.
    pub used: f64,
    /// Criterion percentages q_c in setup order.
    pub q: Vec<f64>,
}

/// The counted sheets of every stage by proposal, beside the recap they make.
#[derive(Debug, Clone)]
pub struct JuryMatrix {
    /// Proposals of known categories, sorted by code (the index of `sheets`' inner lists).
    pub proposals: Vec<ProposalEntry>,
    /// Per stage in setup order, per proposal: the counted sheets, judges in code order.
    pub sheets: Vec<Vec<Vec<CountedSheet>>>,
    pub recap: Recap,
}
