//! The register of certificate numbers. A recipient's number is given once per competition and
//! series and printed on every reprint: a winners' batch, a participants' batch and a reprint a
//! month later all show the same "004" for the same piagam. Winners get piagam numbers; finalists
//! and participants get sertifikat numbers, a series of their own.

use std::collections::HashMap;

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::error::Result;

/// A numbering series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Series {
    /// Piagam penghargaan of the winners.
    Piagam,
    /// Sertifikat of finalists and participants.
    Sertifikat,
}

impl Series {
    pub fn as_str(self) -> &'static str {
        match self {
            Series::Piagam => "piagam",
            Series::Sertifikat => "sertifikat",
        }
    }

    fn parse(s: &str) -> Option<Series> {
        match s {
            "piagam" => Some(Series::Piagam),
            "sertifikat" => Some(Series::Sertifikat),
            _ => None,
        }
    }
}

/// One certificate a batch prints: its proposal, series and what it says the recipient is.
#[derive(Debug, Clone, PartialEq)]
pub struct Wanted {
    pub proposal: String,
    pub series: Series,
    /// "Juara I Kategori Kesehatan", "Finalis Kategori …".
    pub predicate: String,
}

/// A line of the register, for its export.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegisterEntry {
    pub series: Series,
    pub number: u32,
    pub proposal: String,
    pub title: String,
    pub unit: String,
    pub predicate: String,
    pub issued_at: String,
}

/// The numbers given so far, by (proposal code, series).
pub fn registered_numbers(conn: &Connection, competition_id: &str) -> Result<HashMap<(String, Series), u32>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.code, r.series, r.number FROM certificate_register r JOIN proposal p ON p.id = r.proposal_id
         WHERE r.competition_id = ?1",
    )?;
    let rows = stmt
        .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?;
    let mut out = HashMap::new();
    for row in rows {
        let (code, series, number) = row?;
        if let Some(series) = Series::parse(&series) {
            out.insert((code, series), number.max(0) as u32);
        }
    }
    Ok(out)
}

/// The number each wanted certificate prints: its registered one, or (not yet registered) the
/// next free numbers of its series in the order wanted. [`register`] gives exactly these.
pub fn numbers_for(registered: &HashMap<(String, Series), u32>, wanted: &[Wanted]) -> Vec<u32> {
    let mut next: HashMap<Series, u32> = HashMap::new();
    for ((_, series), n) in registered {
        let e = next.entry(*series).or_insert(0);
        *e = (*e).max(*n);
    }
    wanted
        .iter()
        .map(|w| match registered.get(&(w.proposal.clone(), w.series)) {
            Some(n) => *n,
            None => {
                let e = next.entry(w.series).or_insert(0);
                *e += 1;
                *e
            }
        })
        .collect()
}

/// Registers the wanted certificates not registered yet, with the numbers [`numbers_for`] shows.
/// Proposals unknown in the competition are skipped.
pub fn register(tx: &Connection, competition_id: &str, wanted: &[Wanted], now: &str) -> Result<()> {
    let registered = registered_numbers(tx, competition_id)?;
    let numbers = numbers_for(&registered, wanted);
    let mut insert = tx.prepare_cached(
        "INSERT INTO certificate_register (competition_id, series, proposal_id, number, predicate, issued_at)
         SELECT ?1, ?2, id, ?4, ?5, ?6 FROM proposal WHERE competition_id = ?1 AND code = ?3
         ON CONFLICT (competition_id, series, proposal_id) DO NOTHING",
    )?;
    for (w, n) in wanted.iter().zip(numbers) {
        if registered.contains_key(&(w.proposal.clone(), w.series)) {
            continue;
        }
        insert.execute(params![competition_id, w.series.as_str(), w.proposal, n, w.predicate, now])?;
    }
    Ok(())
}

/// The whole register, by series then number.
pub fn register_entries(conn: &Connection, competition_id: &str) -> Result<Vec<RegisterEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.series, r.number, p.code, p.title, p.unit, r.predicate, r.issued_at
         FROM certificate_register r JOIN proposal p ON p.id = r.proposal_id
         WHERE r.competition_id = ?1 ORDER BY r.series, r.number",
    )?;
    let rows = stmt.query_map([competition_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (series, number, proposal, title, unit, predicate, issued_at) = row?;
        let Some(series) = Series::parse(&series) else { continue };
        out.push(RegisterEntry { series, number: number.max(0) as u32, proposal, title, unit, predicate, issued_at });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn want(code: &str, series: Series) -> Wanted {
        Wanted { proposal: code.into(), series, predicate: String::new() }
    }

    #[test]
    fn a_registered_number_stays_and_new_ones_follow_the_series() {
        let mut registered = HashMap::new();
        registered.insert(("P-002".to_string(), Series::Piagam), 4);
        registered.insert(("P-001".to_string(), Series::Piagam), 1);
        let wanted = [want("P-001", Series::Piagam), want("P-009", Series::Piagam), want("P-008", Series::Sertifikat)];
        assert_eq!(numbers_for(&registered, &wanted), [1, 5, 1], "each series counts on its own");
    }
}
