//! Status of an innovation in a quarter: the pure rule (on track, behind, report missing, not yet
//! due) and its application to the stored targets and reports.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use time::{Date, Month};

use super::model::{IndicatorKind, Innovation};
use super::registry::{InnovationFilter, list_innovations};
use crate::error::{Error, InputProblem, Result};

/// Days after the end of a quarter by which its report is due, when not set (DOMAIN.md §5 [default]).
pub const DEFAULT_DUE_DAYS: u32 = 10;
/// The settings key of the due day. One value for the whole database: innovations outlive competitions.
pub const DUE_DAYS_SETTING: &str = "monitoring_due_days";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum QuarterStatus {
    /// No report yet, and the due day has not passed.
    NotYetDue,
    /// Reported, every realisation at or above its target.
    OnTrack,
    /// Reported, and some realisation is below its target (or was not given).
    Behind,
    /// No report and the due day has passed (*terlambat*).
    ReportMissing,
}

impl QuarterStatus {
    pub const ALL: [QuarterStatus; 4] =
        [QuarterStatus::OnTrack, QuarterStatus::Behind, QuarterStatus::ReportMissing, QuarterStatus::NotYetDue];

    pub fn as_str(self) -> &'static str {
        match self {
            QuarterStatus::NotYetDue => "not_yet_due",
            QuarterStatus::OnTrack => "on_track",
            QuarterStatus::Behind => "behind",
            QuarterStatus::ReportMissing => "report_missing",
        }
    }
}

/// The last day of a quarter (TW I ends 31 March, ... TW IV 31 December).
pub fn quarter_end(year: i32, quarter: u8) -> Date {
    let (month, day) = match quarter {
        1 => (Month::March, 31),
        2 => (Month::June, 30),
        3 => (Month::September, 30),
        _ => (Month::December, 31),
    };
    Date::from_calendar_date(year, month, day).expect("quarter ends are valid dates")
}

/// The last day a quarter's report is on time: `due_days` after the quarter's last day.
pub fn due_date(year: i32, quarter: u8, due_days: u32) -> Date {
    quarter_end(year, quarter) + time::Duration::days(due_days as i64)
}

/// The quarter a day falls in.
pub fn quarter_of(d: Date) -> (i32, u8) {
    (d.year(), (d.month() as u8 - 1) / 3 + 1)
}

/// The quarter before (year, quarter).
pub fn previous_quarter(year: i32, quarter: u8) -> (i32, u8) {
    if quarter <= 1 { (year - 1, 4) } else { (year, quarter - 1) }
}

/// The rule. `report` is None when no report was received, else each indicator's (target,
/// realisation) for the quarter. The due day itself is still on time; the day after, a missing
/// report is overdue. Two numbers closer than 1e-9 are equal (FORMATS.md §8).
pub fn quarter_status(
    year: i32,
    quarter: u8,
    today: Date,
    due_days: u32,
    report: Option<&[(f64, Option<f64>)]>,
) -> QuarterStatus {
    match report {
        Some(values) => {
            let behind = values.iter().any(|(target, real)| match real {
                Some(r) => *r < target - 1e-9,
                None => true,
            });
            if behind { QuarterStatus::Behind } else { QuarterStatus::OnTrack }
        }
        None if today > due_date(year, quarter, due_days) => QuarterStatus::ReportMissing,
        None => QuarterStatus::NotYetDue,
    }
}

/// `capaian = realisasi / target × 100`; None without a realisation or with a zero target.
pub fn achievement(target: Option<f64>, realisation: Option<f64>) -> Option<f64> {
    match (target, realisation) {
        (Some(t), Some(r)) if t.abs() > 1e-9 => Some(r / t * 100.0),
        _ => None,
    }
}

/// Parses a YYYY-MM-DD day (also the date part of an RFC 3339 time).
pub fn parse_day(s: &str) -> Result<Date> {
    let t = s.trim();
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    t.get(..10)
        .and_then(|d| Date::parse(d, &fmt).ok())
        .ok_or_else(|| Error::InvalidInput { field: "tanggal", problem: InputProblem::BadDate(s.to_string()) })
}

pub fn day_text(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

/// The configured due day (days after quarter end), default 10.
pub fn due_days(conn: &Connection) -> Result<u32> {
    use rusqlite::OptionalExtension;
    let v: Option<String> =
        conn.query_row("SELECT value FROM settings WHERE key = ?1", [DUE_DAYS_SETTING], |r| r.get(0)).optional()?;
    Ok(v.and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_DUE_DAYS))
}

pub fn set_due_days(tx: &Connection, days: u32) -> Result<()> {
    if days > 92 {
        return Err(Error::InvalidInput {
            field: "batas_hari",
            problem: InputProblem::OutOfRange { value: days as f64, min: 0.0, max: 92.0 },
        });
    }
    crate::db::put_setting(tx, DUE_DAYS_SETTING, &days.to_string())
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IndicatorProgress {
    pub indicator_id: String,
    pub name: String,
    pub kind: IndicatorKind,
    pub measure: String,
    pub target: Option<f64>,
    pub realisation: Option<f64>,
    /// Realisation ÷ target × 100.
    pub achievement: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct InnovationQuarterStatus {
    pub innovation_id: String,
    pub code: String,
    pub title: String,
    pub unit: String,
    pub unit_type: String,
    pub year: i32,
    pub quarter: u8,
    pub status: QuarterStatus,
    pub due_date: String,
    pub reported_at: Option<String>,
    /// Received after the due day.
    pub late: bool,
    pub indicators: Vec<IndicatorProgress>,
}

pub(crate) struct IndicatorRow {
    pub id: String,
    pub name: String,
    pub kind: IndicatorKind,
    pub measure: String,
}

/// Everything the status and the dashboard read, loaded with a handful of queries.
pub(crate) struct Loaded {
    pub innovations: Vec<Innovation>,
    pub indicators: HashMap<String, Vec<IndicatorRow>>,
    pub targets: HashMap<String, BTreeMap<(i32, u8), f64>>,
    /// (innovation, year, quarter) -> (report id, received at)
    pub reports: HashMap<(String, i32, u8), (String, String)>,
    pub values: HashMap<(String, String), f64>,
}

pub(crate) fn load(conn: &Connection) -> Result<Loaded> {
    let innovations = list_innovations(conn, &InnovationFilter::default())?;
    let mut indicators: HashMap<String, Vec<IndicatorRow>> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT d.innovation_id, d.id, d.name, d.kind, d.measure FROM indicator d JOIN innovation i ON i.id = d.innovation_id
         WHERE d.deleted_at IS NULL AND i.deleted_at IS NULL ORDER BY d.innovation_id, d.position, d.created_at",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(3)?;
        indicators.entry(r.get(0)?).or_default().push(IndicatorRow {
            id: r.get(1)?,
            name: r.get(2)?,
            kind: IndicatorKind::parse(&kind).unwrap_or(IndicatorKind::Output),
            measure: r.get(4)?,
        });
    }
    let mut targets: HashMap<String, BTreeMap<(i32, u8), f64>> = HashMap::new();
    let mut stmt = conn.prepare("SELECT indicator_id, year, quarter, target FROM indicator_target")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        targets.entry(r.get(0)?).or_default().insert((r.get(1)?, r.get(2)?), r.get(3)?);
    }
    let mut reports = HashMap::new();
    let mut stmt = conn.prepare("SELECT innovation_id, year, quarter, id, reported_at FROM quarterly_report")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        reports.insert((r.get(0)?, r.get(1)?, r.get(2)?), (r.get(3)?, r.get(4)?));
    }
    let mut values = HashMap::new();
    let mut stmt = conn.prepare("SELECT report_id, indicator_id, realisation FROM report_value")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        values.insert((r.get(0)?, r.get(1)?), r.get(2)?);
    }
    Ok(Loaded { innovations, indicators, targets, reports, values })
}

impl Loaded {
    /// Whether the innovation is monitored in the quarter: some indicator has a target for it.
    pub fn monitored(&self, innovation_id: &str, year: i32, quarter: u8) -> bool {
        self.indicators.get(innovation_id).is_some_and(|inds| {
            inds.iter().any(|i| self.targets.get(&i.id).is_some_and(|t| t.contains_key(&(year, quarter))))
        })
    }

    pub fn status(&self, inv: &Innovation, year: i32, quarter: u8, today: Date, due: u32) -> InnovationQuarterStatus {
        let report = self.reports.get(&(inv.id.clone(), year, quarter));
        let mut indicators = Vec::new();
        let mut pairs = Vec::new();
        for ind in self.indicators.get(&inv.id).map(|v| v.as_slice()).unwrap_or(&[]) {
            let target = self.targets.get(&ind.id).and_then(|t| t.get(&(year, quarter))).copied();
            let realisation = report.and_then(|(rid, _)| self.values.get(&(rid.clone(), ind.id.clone()))).copied();
            if let Some(t) = target {
                pairs.push((t, realisation));
            }
            indicators.push(IndicatorProgress {
                indicator_id: ind.id.clone(),
                name: ind.name.clone(),
                kind: ind.kind,
                measure: ind.measure.clone(),
                target,
                realisation,
                achievement: achievement(target, realisation),
            });
        }
        let status = quarter_status(year, quarter, today, due, report.map(|_| pairs.as_slice()));
        let due_day = due_date(year, quarter, due);
        let late = report.is_some_and(|(_, at)| parse_day(at).is_ok_and(|d| d > due_day));
        InnovationQuarterStatus {
            innovation_id: inv.id.clone(),
            code: inv.code.clone(),
            title: inv.title.clone(),
            unit: inv.unit.clone(),
            unit_type: inv.unit_type.clone(),
            year,
            quarter,
            status,
            due_date: day_text(due_day),
            reported_at: report.map(|(_, at)| at.clone()),
            late,
            indicators,
        }
    }
}

/// The status of every live innovation monitored in the quarter (one with a target in it), by code.
pub fn quarter_statuses(
    conn: &Connection,
    year: i32,
    quarter: u8,
    today: Date,
    due_days: u32,
) -> Result<Vec<InnovationQuarterStatus>> {
    super::indicators::check_quarter(year, quarter)?;
    let data = load(conn)?;
    Ok(data
        .innovations
        .iter()
        .filter(|i| data.monitored(&i.id, year, quarter))
        .map(|i| data.status(i, year, quarter, today, due_days))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn quarter_ends_and_due_days() {
        assert_eq!(quarter_end(2026, 1), date!(2026 - 03 - 31));
        assert_eq!(quarter_end(2026, 2), date!(2026 - 06 - 30));
        assert_eq!(quarter_end(2026, 3), date!(2026 - 09 - 30));
        assert_eq!(quarter_end(2026, 4), date!(2026 - 12 - 31));
        assert_eq!(due_date(2026, 4, 10), date!(2027 - 01 - 10), "TW IV is due in the next year");
        assert_eq!(due_date(2026, 1, 0), date!(2026 - 03 - 31));
        assert_eq!(quarter_of(date!(2026 - 09 - 30)), (2026, 3));
        assert_eq!(quarter_of(date!(2026 - 10 - 01)), (2026, 4));
        assert_eq!(previous_quarter(2026, 1), (2025, 4));
    }

    #[test]
    fn a_missing_report_is_overdue_only_after_the_due_day() {
        let s = |today| quarter_status(2026, 3, today, 10, None);
        assert_eq!(s(date!(2026 - 08 - 15)), QuarterStatus::NotYetDue, "inside the quarter");
        assert_eq!(s(date!(2026 - 09 - 30)), QuarterStatus::NotYetDue, "last day of the quarter");
        assert_eq!(s(date!(2026 - 10 - 10)), QuarterStatus::NotYetDue, "the due day is still on time");
        assert_eq!(s(date!(2026 - 10 - 11)), QuarterStatus::ReportMissing, "the day after the due day");
        let zero = |today| quarter_status(2026, 4, today, 0, None);
        assert_eq!(zero(date!(2026 - 12 - 31)), QuarterStatus::NotYetDue, "due on the last day");
        assert_eq!(zero(date!(2027 - 01 - 01)), QuarterStatus::ReportMissing, "overdue the next day");
    }

    #[test]
    fn a_received_report_is_judged_on_its_values_whatever_the_day() {
        let d = date!(2026 - 10 - 11);
        let on = [(100.0, Some(100.0)), (5.0, Some(7.5))];
        assert_eq!(quarter_status(2026, 3, d, 10, Some(&on)), QuarterStatus::OnTrack, "equal to target is on track");
        let below = [(100.0, Some(99.5)), (5.0, Some(7.5))];
        assert_eq!(quarter_status(2026, 3, d, 10, Some(&below)), QuarterStatus::Behind);
        let missing_value = [(100.0, None)];
        assert_eq!(quarter_status(2026, 3, d, 10, Some(&missing_value)), QuarterStatus::Behind);
        let tiny = [(0.3, Some(0.1 + 0.2))];
        assert_eq!(quarter_status(2026, 3, d, 10, Some(&tiny)), QuarterStatus::OnTrack, "within 1e-9 is equal");
        assert_eq!(quarter_status(2026, 3, date!(2026 - 09 - 01), 10, Some(&below)), QuarterStatus::Behind);
        assert_eq!(quarter_status(2026, 3, d, 10, Some(&[])), QuarterStatus::OnTrack, "no targets, nothing behind");
    }

    #[test]
    fn achievement_is_realisation_over_target() {
        assert_eq!(achievement(Some(80.0), Some(60.0)), Some(75.0));
        assert_eq!(achievement(Some(0.0), Some(60.0)), None);
        assert_eq!(achievement(Some(80.0), None), None);
    }
}
