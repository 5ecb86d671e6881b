//! IKM by hand and over time: the list of surveys, one respondent typed in, a unit's trend.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::compute::IkmResult;
use super::store::{ikm_for, ikm_surveys};
use crate::error::{Error, InputProblem, Result};
use crate::text::tidy;

/// One (unit, period) with responses.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IkmSurvey {
    pub unit: String,
    pub period: String,
    pub respondents: u32,
}

pub fn list_ikm_surveys(conn: &Connection) -> Result<Vec<IkmSurvey>> {
    Ok(ikm_surveys(conn)?
        .into_iter()
        .map(|(unit, period, respondents)| IkmSurvey { unit, period, respondents })
        .collect())
}

/// One respondent's questionnaire typed in from paper.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IkmResponseInput {
    pub unit: String,
    pub period: String,
    /// U1..U9 in order, 1–4 or null when not answered.
    pub answers: Vec<Option<u8>>,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub age: String,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub occupation: String,
}

/// Adds one respondent to a unit's survey of a period; answers outside 1–4 are refused.
pub fn record_ikm_response(tx: &Connection, input: IkmResponseInput, now: &str) -> Result<IkmResult> {
    let unit = tidy(&input.unit);
    let period = tidy(&input.period);
    if unit.is_empty() {
        return Err(Error::InvalidInput { field: "unit", problem: InputProblem::Required });
    }
    if period.is_empty() {
        return Err(Error::InvalidInput { field: "periode", problem: InputProblem::Required });
    }
    super::store::check_text("unit", &unit)?;
    super::store::check_text("periode", &period)?;
    if input.answers.len() != 9 {
        return Err(Error::InvalidInput {
            field: "unsur",
            problem: InputProblem::BadAnswer(input.answers.len().to_string()),
        });
    }
    if let Some(bad) = input.answers.iter().flatten().find(|a| !(1..=4).contains(*a)) {
        return Err(Error::InvalidInput { field: "unsur", problem: InputProblem::BadAnswer(bad.to_string()) });
    }
    let survey = super::store::resolve_unit(tx, &unit)?;
    let (a, b) = survey.key_pair();
    let row: i64 = tx.query_row(
        "SELECT coalesce(max(row_number), 1) + 1 FROM ikm_response WHERE unit_key IN (?1, ?2) AND period = ?3",
        params![a, b, period],
        |r| r.get(0),
    )?;
    let unit = survey.name.clone();
    let profile = [&input.gender, &input.age, &input.education, &input.occupation].map(|s| tidy(s));
    for (&field, value) in super::store::PROFILE_FIELDS.iter().zip(&profile) {
        super::store::check_text(field, value)?;
    }
    super::store::insert_response(
        tx,
        &unit,
        &period,
        row,
        &input.answers,
        profile.each_ref().map(String::as_str),
        now,
    )?;
    ikm_for(tx, &unit, &period)
}

/// A unit's index for every period it was surveyed, in period order (the trend).
pub fn ikm_trend(conn: &Connection, unit: &str) -> Result<Vec<IkmResult>> {
    let survey = super::store::resolve_unit(conn, unit)?;
    let (a, b) = survey.key_pair();
    let mut stmt =
        conn.prepare("SELECT DISTINCT period FROM ikm_response WHERE unit_key IN (?1, ?2) ORDER BY period")?;
    let periods = stmt.query_map([a, b], |r| r.get::<_, String>(0))?.collect::<Result<Vec<_>, _>>()?;
    periods.iter().map(|p| ikm_for(conn, unit, p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_respondent_typed_by_hand_counts_and_bad_answers_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = crate::db::Db::open(&dir.path().join("a.sqlite3")).unwrap();
        let input = |answers: Vec<Option<u8>>, period: &str| IkmResponseInput {
            unit: "Dinas Kesehatan".into(),
            period: period.into(),
            answers,
            ..Default::default()
        };
        let mut a = vec![Some(3); 9];
        a[7] = None;
        db.write(|tx| record_ikm_response(tx, input(a, "2025"), "t")).unwrap();
        let r = db.write(|tx| record_ikm_response(tx, input(vec![Some(4); 9], "2026"), "t")).unwrap();
        assert_eq!((r.respondents, r.band.as_str()), (1, "A"));
        let e = db.write(|tx| record_ikm_response(tx, input(vec![Some(5); 9], "2026"), "t")).unwrap_err();
        assert!(matches!(e, Error::InvalidInput { problem: InputProblem::BadAnswer(_), .. }));
        assert!(db.write(|tx| record_ikm_response(tx, input(vec![Some(4); 8], "2026"), "t")).is_err());
        let trend = ikm_trend(db.conn(), "dinas  kesehatan").unwrap();
        let periods: Vec<(&str, f64)> = trend.iter().map(|r| (r.period.as_str(), r.konversi)).collect();
        assert_eq!(periods, [("2025", 75.0), ("2026", 100.0)]);
        assert_eq!(list_ikm_surveys(db.conn()).unwrap().len(), 2);
    }

    #[test]
    fn the_database_tally_gives_exactly_the_index_of_the_rows() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = crate::db::Db::open(&dir.path().join("a.sqlite3")).unwrap();
        let mut state: u32 = 12345;
        let mut rows = Vec::new();
        for _ in 0..500 {
            let mut a: crate::ikm::Answers = [None; 9];
            for slot in a.iter_mut().take(8) {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                *slot = if state >> 28 == 0 { None } else { Some(1 + (state >> 16) as u8 % 4) };
            }
            rows.push(a); // unsur 9 never answered: its NRR is null and the mean is over eight
        }
        for a in &rows {
            let input = IkmResponseInput {
                unit: "RSUD Sukamaju".into(),
                period: "2026-S1".into(),
                answers: a.to_vec(),
                ..Default::default()
            };
            db.write(|tx| record_ikm_response(tx, input, "t")).unwrap();
        }
        let stored = ikm_for(db.conn(), "rsud  sukamaju", "2026-S1").unwrap();
        assert_eq!(stored, crate::ikm::compute_ikm("RSUD Sukamaju", "2026-S1", &rows));
        assert_eq!(stored.unsur[8].nrr, None);
        assert!(matches!(ikm_for(db.conn(), "RSUD Sukamaju", "2027-S1"), Err(Error::NotFound { .. })));
    }
}
