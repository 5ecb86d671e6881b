//! The monitoring dashboard: counts per lifecycle stage and unit type, One Agency One Innovation
//! coverage, overdue reports, the quarter's statuses and indicator progress series.

use std::collections::{BTreeSet, HashMap, HashSet};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::model::{IndicatorKind, LifecycleStage, Unit};
use super::registry::list_units;
use super::status::*;
use crate::error::Result;

#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DashboardQuery {
    /// The day the dashboard is looked at, YYYY-MM-DD (the caller's local date).
    pub today: String,
    /// The quarter whose statuses are counted; default the last quarter that ended before today.
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub quarter: Option<u8>,
    /// Only this innovation's progress series (all when absent).
    #[serde(default)]
    pub innovation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Count {
    pub key: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Coverage {
    pub year: i32,
    pub units: u32,
    /// Units with at least one active innovation (live, started by `year`, not stopped at evaluation).
    pub covered: u32,
    pub percent: f64,
    pub without: Vec<Unit>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct OverdueReport {
    pub innovation_id: String,
    pub code: String,
    pub title: String,
    pub unit: String,
    pub year: i32,
    pub quarter: u8,
    pub due_date: String,
    pub days_overdue: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct InnovationRef {
    pub innovation_id: String,
    pub code: String,
    pub title: String,
    pub unit: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProgressPoint {
    pub year: i32,
    pub quarter: u8,
    pub target: Option<f64>,
    pub realisation: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IndicatorSeries {
    pub innovation_id: String,
    pub innovation_code: String,
    pub indicator_id: String,
    pub name: String,
    pub kind: IndicatorKind,
    pub measure: String,
    /// Every quarter with a target or a realisation, in order.
    pub points: Vec<ProgressPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Dashboard {
    pub today: String,
    pub year: i32,
    pub quarter: u8,
    pub due_days: u32,
    pub innovations: u32,
    /// Every lifecycle stage, in order, zeros included.
    pub by_stage: Vec<Count>,
    /// OPD, Pemdes, BUMD, Lainnya (zeros included), then "" for units without a type if any.
    pub by_unit_type: Vec<Count>,
    pub coverage: Coverage,
    /// Statuses in the dashboard's quarter: on_track, behind, report_missing, not_yet_due.
    pub status_counts: Vec<Count>,
    pub statuses: Vec<InnovationQuarterStatus>,
    /// Every monitored quarter, up to today, whose report is missing after its due day; oldest first.
    pub overdue: Vec<OverdueReport>,
    /// Live innovations without any output indicator (flagged in monev, seed 000).
    pub without_output_indicator: Vec<InnovationRef>,
    pub progress: Vec<IndicatorSeries>,
}

pub fn dashboard(conn: &Connection, q: &DashboardQuery) -> Result<Dashboard> {
    let today = parse_day(&q.today)?;
    let due = due_days(conn)?;
    let (year, quarter) = match (q.year, q.quarter) {
        (Some(y), Some(qu)) => {
            super::indicators::check_quarter(y, qu)?;
            (y, qu)
        }
        _ => {
            let (y, qu) = quarter_of(today);
            previous_quarter(y, qu)
        }
    };
    let data = load(conn)?;
    let (by_stage, by_type) = counts(&data);
    let statuses: Vec<InnovationQuarterStatus> = data
        .innovations
        .iter()
        .filter(|i| data.monitored(&i.id, year, quarter))
        .map(|i| data.status(i, year, quarter, today, due))
        .collect();
    let status_counts = QuarterStatus::ALL
        .iter()
        .map(|s| Count { key: s.as_str().into(), count: statuses.iter().filter(|x| x.status == *s).count() as u32 })
        .collect();
    Ok(Dashboard {
        today: day_text(today),
        year,
        quarter,
        due_days: due,
        innovations: data.innovations.len() as u32,
        by_stage,
        by_unit_type: by_type,
        coverage: coverage(conn, &data, year)?,
        status_counts,
        statuses,
        overdue: overdue(&data, today, due),
        without_output_indicator: without_output_indicator(&data),
        progress: progress(&data, q.innovation_id.as_deref()),
    })
}

/// Innovations per lifecycle stage and per unit type.
fn counts(data: &Loaded) -> (Vec<Count>, Vec<Count>) {
    let mut by_stage: Vec<Count> =
        LifecycleStage::ALL.iter().map(|s| Count { key: s.as_str().to_string(), count: 0 }).collect();
    let mut by_type: Vec<Count> =
        crate::proposals::UNIT_TYPES.iter().map(|t| Count { key: t.to_string(), count: 0 }).collect();
    for i in &data.innovations {
        if let Some(c) = by_stage.iter_mut().find(|c| c.key == i.stage.as_str()) {
            c.count += 1;
        }
        match by_type.iter_mut().find(|c| c.key == i.unit_type) {
            Some(c) => c.count += 1,
            None => by_type.push(Count { key: i.unit_type.clone(), count: 1 }),
        }
    }

    (by_stage, by_type)
}

/// One Agency One Innovation: the units on the list with a live innovation that started by `year`.
fn coverage(conn: &Connection, data: &Loaded, year: i32) -> Result<Coverage> {
    // Coverage: an innovation counts when it has started by the year and was not stopped.
    let stopped: HashSet<String> = {
        let mut stmt = conn.prepare(
            "SELECT e.innovation_id, e.verdict FROM evaluation e
             WHERE e.period = (SELECT max(period) FROM evaluation x WHERE x.innovation_id = e.innovation_id)",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut stopped = HashSet::new();
        for row in rows {
            let (id, verdict) = row?;
            if verdict == "dihentikan" {
                stopped.insert(id);
            }
        }
        stopped
    };
    let active_units: HashSet<&str> = data
        .innovations
        .iter()
        .filter(|i| i.start_year.is_none_or(|y| y <= year) && !stopped.contains(&i.id))
        .map(|i| i.unit_id.as_str())
        .collect();
    let units = list_units(conn)?;
    let without: Vec<Unit> = units.iter().filter(|u| !active_units.contains(u.id.as_str())).cloned().collect();
    let covered = (units.len() - without.len()) as u32;
    Ok(Coverage {
        year,
        units: units.len() as u32,
        covered,
        percent: if units.is_empty() { 0.0 } else { covered as f64 * 100.0 / units.len() as f64 },
        without,
    })
}

/// Every quarter with a target, for each innovation, whose due day has passed without a report.
fn overdue(data: &Loaded, today: time::Date, due: u32) -> Vec<OverdueReport> {
    let mut overdue = Vec::new();
    for inv in &data.innovations {
        let mut quarters = BTreeSet::new();
        for ind in data.indicators.get(&inv.id).map(|v| v.as_slice()).unwrap_or(&[]) {
            if let Some(t) = data.targets.get(&ind.id) {
                quarters.extend(t.keys().copied());
            }
        }
        for (y, qu) in quarters {
            let due_day = due_date(y, qu, due);
            if today > due_day && !data.reports.contains_key(&(inv.id.clone(), y, qu)) {
                overdue.push(OverdueReport {
                    innovation_id: inv.id.clone(),
                    code: inv.code.clone(),
                    title: inv.title.clone(),
                    unit: inv.unit.clone(),
                    year: y,
                    quarter: qu,
                    due_date: day_text(due_day),
                    days_overdue: (today - due_day).whole_days() as u32,
                });
            }
        }
    }
    overdue.sort_by(|a, b| (a.year, a.quarter, &a.code).cmp(&(b.year, b.quarter, &b.code)));

    overdue
}

/// Live innovations without any output indicator.
fn without_output_indicator(data: &Loaded) -> Vec<InnovationRef> {
    data.innovations
        .iter()
        .filter(|i| {
            !data.indicators.get(&i.id).is_some_and(|inds| inds.iter().any(|d| d.kind == IndicatorKind::Output))
        })
        .map(|i| InnovationRef {
            innovation_id: i.id.clone(),
            code: i.code.clone(),
            title: i.title.clone(),
            unit: i.unit.clone(),
        })
        .collect()
}

/// Target and realisation per indicator and quarter (of one innovation, or all).
fn progress(data: &Loaded, only: Option<&str>) -> Vec<IndicatorSeries> {
    // Realisations per indicator and quarter, through the report they belong to.
    type Quarterly = Vec<((i32, u8), f64)>;
    let mut real: HashMap<&str, Quarterly> = HashMap::new();
    let report_quarter: HashMap<&str, (i32, u8)> =
        data.reports.iter().map(|((_, y, qu), (rid, _))| (rid.as_str(), (*y, *qu))).collect();
    for ((rid, ind), v) in &data.values {
        if let Some(yq) = report_quarter.get(rid.as_str()) {
            real.entry(ind.as_str()).or_default().push((*yq, *v));
        }
    }
    let mut progress = Vec::new();
    for inv in &data.innovations {
        if only.is_some_and(|only| only != inv.id) {
            continue;
        }
        for ind in data.indicators.get(&inv.id).map(|v| v.as_slice()).unwrap_or(&[]) {
            let targets = data.targets.get(&ind.id);
            let reals = real.get(ind.id.as_str());
            let mut quarters: BTreeSet<(i32, u8)> = targets.map(|t| t.keys().copied().collect()).unwrap_or_default();
            quarters.extend(reals.iter().flat_map(|r| r.iter().map(|(yq, _)| *yq)));
            let points = quarters
                .into_iter()
                .map(|yq| ProgressPoint {
                    year: yq.0,
                    quarter: yq.1,
                    target: targets.and_then(|t| t.get(&yq)).copied(),
                    realisation: reals.and_then(|r| r.iter().find(|(k, _)| *k == yq)).map(|(_, v)| *v),
                })
                .collect();
            progress.push(IndicatorSeries {
                innovation_id: inv.id.clone(),
                innovation_code: inv.code.clone(),
                indicator_id: ind.id.clone(),
                name: ind.name.clone(),
                kind: ind.kind,
                measure: ind.measure.clone(),
                points,
            });
        }
    }

    progress
}
