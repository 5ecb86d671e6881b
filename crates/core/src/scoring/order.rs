//! Venue presentation order per stage and category: set by hand, or drawn at random with the seed
//! recorded so the draw can be shown and repeated.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::sheet::stage_id;
use crate::error::{Entity, Error, Result};
use crate::proposals::{ProposalFilter, list_proposals};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PresentationSlot {
    pub position: u32,
    pub proposal: String,
    pub title: String,
    pub unit: String,
    pub method: String,
    pub seed: String,
}

/// Stores the order of `codes` (one category's finalists) as given.
pub fn set_order(
    tx: &Connection,
    competition_id: &str,
    stage: &str,
    codes: &[String],
    method: &str,
    seed: &str,
    now: &str,
) -> Result<()> {
    let sid = stage_id(tx, competition_id, stage)?;
    let proposals = list_proposals(tx, competition_id, &ProposalFilter::default())?;
    for (i, code) in codes.iter().enumerate() {
        let p = proposals
            .iter()
            .find(|p| p.code.eq_ignore_ascii_case(code))
            .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: code.clone() })?;
        tx.execute(
            "INSERT INTO presentation_order (stage_id, proposal_id, position, method, seed, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (stage_id, proposal_id) DO UPDATE SET position = excluded.position, method = excluded.method,
                 seed = excluded.seed, at = excluded.at",
            params![sid, p.id, (i + 1) as i64, method, seed, now],
        )?;
    }
    Ok(())
}

/// Shuffles `codes` with a seeded Fisher–Yates (xorshift64*) and stores the result as a draw.
pub fn draw_order(
    tx: &Connection,
    competition_id: &str,
    stage: &str,
    codes: &[String],
    seed: u64,
    now: &str,
) -> Result<Vec<String>> {
    let mut v: Vec<String> = codes.to_vec();
    v.sort();
    let mut state = seed | 1;
    for i in (1..v.len()).rev() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        let r = state.wrapping_mul(0x2545_F491_4F6C_DD1D);
        v.swap(i, (r % (i as u64 + 1)) as usize);
    }
    set_order(tx, competition_id, stage, &v, "draw", &seed.to_string(), now)?;
    Ok(v)
}

/// The stored order of a stage for the given proposals; proposals without a slot follow by code.
pub fn presentation_order(
    conn: &Connection,
    competition_id: &str,
    stage: &str,
    codes: &[String],
) -> Result<Vec<PresentationSlot>> {
    let sid = stage_id(conn, competition_id, stage)?;
    let proposals = list_proposals(conn, competition_id, &ProposalFilter::default())?;
    let mut stmt =
        conn.prepare("SELECT position, method, seed FROM presentation_order WHERE stage_id = ?1 AND proposal_id = ?2")?;
    let mut slots: Vec<(Option<i64>, PresentationSlot)> = Vec::new();
    for code in codes {
        let Some(p) = proposals.iter().find(|p| &p.code == code) else { continue };
        let found: Option<(i64, String, String)> =
            stmt.query_row(params![sid, p.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).ok();
        let (pos, method, seed) = match found {
            Some((pos, m, s)) => (Some(pos), m, s),
            None => (None, String::new(), String::new()),
        };
        slots.push((
            pos,
            PresentationSlot {
                position: 0,
                proposal: p.code.clone(),
                title: p.title.clone(),
                unit: p.unit.clone(),
                method,
                seed,
            },
        ));
    }
    slots.sort_by(|a, b| (a.0.is_none(), a.0, &a.1.proposal).cmp(&(b.0.is_none(), b.0, &b.1.proposal)));
    Ok(slots
        .into_iter()
        .enumerate()
        .map(|(i, (_, mut s))| {
            s.position = i as u32 + 1;
            s
        })
        .collect())
}
