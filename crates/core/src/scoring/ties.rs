//! Ties the tie-break leaves (FORMATS.md §5: "bila masih sama, berbagi peringkat") at a winner's
//! place, and the plenary's decision on them. The ranking itself keeps the shared rank (the §6
//! recap is unchanged); the decree and the certificates print a place only from a recorded
//! decision: its order of the tied proposals, with the reason written in the minutes.

use serde::{Deserialize, Serialize};

use super::{Recap, RecapRow, is_winner};

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
