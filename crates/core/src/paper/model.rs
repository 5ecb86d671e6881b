//! What a paper sheet looks like to the UI, and the pure comparison of its two entries.

use serde::{Deserialize, Serialize};

use crate::text::match_key;

/// Two values typed from paper are the same when they differ by less than this (FORMATS.md §8).
const EPS: f64 = 1e-9;

/// How the two entries compare on one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Equal,
    Different,
    /// One entry (or both) left the criterion blank.
    Missing,
}

pub fn compare(one: Option<f64>, two: Option<f64>) -> Agreement {
    match (one, two) {
        (Some(a), Some(b)) if (a - b).abs() < EPS => Agreement::Equal,
        (Some(_), Some(_)) => Agreement::Different,
        _ => Agreement::Missing,
    }
}

/// Where a sheet stands: `none` (not typed), `entry_one` / `entry_two` (one entry so far),
/// `different` (both typed, a difference or blank not yet settled), `conflict` (agreed, but a
/// digital score of the judge differs), `recorded` (reconciled: its values are the judge's scores).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PaperStatus {
    None,
    EntryOne,
    EntryTwo,
    Different,
    Conflict,
    Recorded,
}

/// Who typed an entry, where and when.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperEntryInfo {
    pub staff: String,
    pub device: String,
    pub at: String,
}

/// A difference settled by staff reading the paper.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperResolution {
    pub value: f64,
    pub staff: String,
    pub reason: String,
    pub at: String,
}

/// An agreed paper value that differs from the judge's digital score.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperConflict {
    pub digital_value: f64,
    pub paper_value: f64,
    /// `paper` or `digital` once decided.
    pub resolved: Option<String>,
    pub resolved_by: Option<String>,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperCriterion {
    pub code: String,
    pub name: String,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
    pub entry_one: Option<f64>,
    pub entry_two: Option<f64>,
    pub agreement: Agreement,
    pub resolution: Option<PaperResolution>,
    /// The value the sheet gives once settled: the common value, or the one staff picked.
    pub agreed: Option<f64>,
    /// The judge's current score for this criterion, whatever its origin.
    pub current: Option<f64>,
    pub conflict: Option<PaperConflict>,
}

impl PaperCriterion {
    /// The settled value, from the two entries and a resolution.
    pub fn settle(one: Option<f64>, two: Option<f64>, resolution: Option<f64>) -> Option<f64> {
        match compare(one, two) {
            Agreement::Equal => one,
            _ => resolution,
        }
    }
}

/// One paper sheet: both entries side by side, criterion by criterion.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperSheet {
    pub stage: String,
    pub stage_name: String,
    pub judge: String,
    pub judge_name: String,
    pub proposal: String,
    pub title: String,
    pub unit: String,
    pub entry_one: Option<PaperEntryInfo>,
    pub entry_two: Option<PaperEntryInfo>,
    pub criteria: Vec<PaperCriterion>,
    pub status: PaperStatus,
    pub reconciled_at: Option<String>,
    pub reconciled_by: Option<String>,
    pub locked: bool,
}

/// The status a sheet has, from its parts (pure, so the rule reads in one place).
pub fn sheet_status(entry_one: bool, entry_two: bool, reconciled: bool, criteria: &[PaperCriterion]) -> PaperStatus {
    if reconciled {
        return PaperStatus::Recorded;
    }
    match (entry_one, entry_two) {
        (false, false) => PaperStatus::None,
        (true, false) => PaperStatus::EntryOne,
        (false, true) => PaperStatus::EntryTwo,
        (true, true) if criteria.iter().any(|c| c.agreed.is_none()) => PaperStatus::Different,
        (true, true) => PaperStatus::Conflict,
    }
}

/// A row of the status list: one proposal on the judge's list for the stage.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperSheetRow {
    pub proposal: String,
    pub title: String,
    pub category: String,
    /// The judge has a conflict of interest with it: no sheet can be entered.
    pub recused: bool,
    pub status: PaperStatus,
    pub entry_one: Option<String>,
    pub entry_two: Option<String>,
    /// Criteria whose entries differ or are blank, while not settled.
    pub differences: u32,
}

/// One typing of a paper sheet. `values` holds a value per criterion code; a criterion left blank
/// on the paper is left out (or null).
#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperEntryInput {
    pub stage: String,
    pub judge: String,
    pub proposal: String,
    /// 1 or 2.
    pub slot: u8,
    pub staff: String,
    pub values: Vec<PaperValue>,
}

#[derive(Debug, Clone, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PaperValue {
    pub criterion: String,
    pub value: Option<f64>,
}

/// The two typists must be different people: names compared trimmed, case-insensitive, with
/// inner spaces collapsed ("Sari" and " sari " are the same person).
pub fn same_person(a: &str, b: &str) -> bool {
    match_key(a) == match_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crit(one: Option<f64>, two: Option<f64>, res: Option<f64>) -> PaperCriterion {
        PaperCriterion {
            code: "k".into(),
            name: "K".into(),
            weight: 1.0,
            min: 0.0,
            max: 10.0,
            entry_one: one,
            entry_two: two,
            agreement: compare(one, two),
            resolution: None,
            agreed: PaperCriterion::settle(one, two, res),
            current: None,
            conflict: None,
        }
    }

    #[test]
    fn entries_compare_per_criterion() {
        assert_eq!(compare(Some(7.5), Some(7.5)), Agreement::Equal);
        assert_eq!(compare(Some(7.5), Some(7.5 + 1e-12)), Agreement::Equal, "within 1e-9 is equal");
        assert_eq!(compare(Some(7.5), Some(8.0)), Agreement::Different);
        assert_eq!(compare(None, Some(8.0)), Agreement::Missing);
        assert_eq!(compare(None, None), Agreement::Missing);
    }

    #[test]
    fn a_difference_settles_only_by_a_resolution() {
        assert_eq!(PaperCriterion::settle(Some(7.0), Some(7.0), None), Some(7.0));
        assert_eq!(PaperCriterion::settle(Some(7.0), Some(7.5), None), None);
        assert_eq!(PaperCriterion::settle(Some(7.0), Some(7.5), Some(7.5)), Some(7.5));
        assert_eq!(PaperCriterion::settle(None, Some(7.5), Some(7.5)), Some(7.5));
    }

    #[test]
    fn status_follows_entries_and_settlement() {
        let agreed = [crit(Some(1.0), Some(1.0), None)];
        let open = [crit(Some(1.0), Some(2.0), None), crit(Some(1.0), Some(1.0), None)];
        assert_eq!(sheet_status(false, false, false, &[]), PaperStatus::None);
        assert_eq!(sheet_status(true, false, false, &open), PaperStatus::EntryOne);
        assert_eq!(sheet_status(false, true, false, &open), PaperStatus::EntryTwo);
        assert_eq!(sheet_status(true, true, false, &open), PaperStatus::Different);
        assert_eq!(sheet_status(true, true, false, &agreed), PaperStatus::Conflict, "agreed but not recorded");
        assert_eq!(sheet_status(true, true, true, &agreed), PaperStatus::Recorded);
    }

    #[test]
    fn typists_are_compared_loosely() {
        assert!(same_person("Sari Dewi", "  sari   DEWI "));
        assert!(!same_person("Sari", "Dodi"));
    }
}
