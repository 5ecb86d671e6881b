//! Ties the tie-break leaves (FORMATS.md §5: "bila masih sama, berbagi peringkat") at a winner's
//! place, and the plenary's decision on them. The ranking itself keeps the shared rank (the §6
//! recap is unchanged); the decree and the certificates print a place only from a recorded
//! decision: its order of the tied proposals, with the reason written in the minutes.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::{Recap, RecapRow, is_winner};
use crate::error::{Error, InputProblem, Result};

/// The plenary's decision on one tie: the tied proposals from the higher place down, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TieDecision {
    pub category: String,
    /// The rank the proposals share.
    pub rank: u32,
    /// Proposal codes, the higher place first.
    pub order: Vec<String>,
    pub reason: String,
}

/// Proposals sharing a rank within a category's winners.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WinnerTie {
    pub category: String,
    pub rank: u32,
    /// By code.
    pub proposals: Vec<String>,
}

impl TieDecision {
    /// Whether this decision settles `tie`: same category and rank, a reason, and an order of
    /// exactly the tied proposals.
    pub fn settles(&self, tie: &WinnerTie) -> bool {
        let mut order = self.order.clone();
        order.sort();
        self.category == tie.category
            && self.rank == tie.rank
            && !self.reason.trim().is_empty()
            && order == tie.proposals
    }
}

/// The ties at a winner's place (the shared rank is within the category's `quota`), in category
/// then rank order.
pub fn winner_ties(recap: &Recap, quota: impl Fn(&str) -> u32) -> Vec<WinnerTie> {
    let mut out = Vec::new();
    for cat in &recap.categories {
        let mut ranks: Vec<u32> = cat
            .rows
            .iter()
            .filter(|r| r.tied && is_winner(r.status, r.rank, quota(&cat.code)))
            .filter_map(|r| r.rank)
            .collect();
        ranks.dedup();
        for rank in ranks {
            let mut proposals: Vec<String> =
                cat.rows.iter().filter(|r| r.tied && r.rank == Some(rank)).map(|r| r.proposal.clone()).collect();
            proposals.sort();
            out.push(WinnerTie { category: cat.code.clone(), rank, proposals });
        }
    }
    out
}

/// The ties at a winner's place that no decision settles yet.
pub fn undecided_ties(recap: &Recap, quota: impl Fn(&str) -> u32, decisions: &[TieDecision]) -> Vec<WinnerTie> {
    winner_ties(recap, quota).into_iter().filter(|t| !decisions.iter().any(|d| d.settles(t))).collect()
}

/// A row's place after the plenary: its rank, or, in a tie a decision settles, the shared rank
/// plus its position in the decided order.
pub fn decided_rank(recap: &Recap, category: &str, row: &RecapRow, decisions: &[TieDecision]) -> Option<u32> {
    let rank = row.rank?;
    if !row.tied {
        return Some(rank);
    }
    let Some(cat) = recap.categories.iter().find(|c| c.code == category) else { return Some(rank) };
    let mut proposals: Vec<String> =
        cat.rows.iter().filter(|r| r.tied && r.rank == Some(rank)).map(|r| r.proposal.clone()).collect();
    proposals.sort();
    let tie = WinnerTie { category: category.to_string(), rank, proposals };
    decisions
        .iter()
        .find(|d| d.settles(&tie))
        .and_then(|d| d.order.iter().position(|c| *c == row.proposal))
        .map(|i| rank + i as u32)
        .or(Some(rank))
}

/// The decisions recorded for a competition, by category and rank.
pub fn tie_decisions(conn: &Connection, competition_id: &str) -> Result<Vec<TieDecision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT category, rank, proposal_order, reason FROM tie_decision WHERE competition_id = ?1
         ORDER BY category, rank",
    )?;
    let rows = stmt.query_map([competition_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (category, rank, order, reason) = row?;
        let order: Vec<String> =
            serde_json::from_str(&order).map_err(|e| Error::Damaged(format!("tie decision order: {e}")))?;
        out.push(TieDecision { category, rank: rank.max(0) as u32, order, reason });
    }
    Ok(out)
}

/// Records the plenary's decision on a tie, replacing an earlier one for the same category and
/// rank: an order of at least two distinct proposals and a reason (the minutes print it).
pub fn record_tie_decision(tx: &Connection, competition_id: &str, decision: &TieDecision, now: &str) -> Result<()> {
    crate::competition::load_competition(tx, competition_id)?;
    let reason = decision.reason.trim();
    if reason.is_empty() {
        return Err(Error::InvalidInput { field: "alasan", problem: InputProblem::ReasonRequired });
    }
    crate::limits::check("alasan", reason, crate::limits::REASON)?;
    let mut seen = std::collections::HashSet::new();
    let distinct =
        decision.order.iter().all(|c| crate::limits::fits(c, crate::limits::CODE) && seen.insert(c.as_str()));
    if decision.order.len() < 2 || decision.order.len() > 100 || !distinct || decision.rank == 0 {
        return Err(Error::InvalidInput { field: "urutan", problem: InputProblem::Required });
    }
    let order = serde_json::to_string(&decision.order).expect("codes serialise");
    tx.execute(
        "INSERT INTO tie_decision (competition_id, category, rank, proposal_order, reason, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (competition_id, category, rank) DO UPDATE SET proposal_order = excluded.proposal_order,
             reason = excluded.reason, decided_at = excluded.decided_at",
        params![competition_id, decision.category, decision.rank, order, reason, now],
    )?;
    Ok(())
}
