//! Juri's ranking engine: scores in, recap out (FORMATS.md §5, §6, §8).
//!
//! Pure and deterministic: the result depends only on the setup, the set of
//! proposals and the set of scores, never on their input order, so the same data
//! always serialises to the same bytes.

pub mod board;
pub(crate) mod insert;
mod model;
pub mod notes;
pub mod order;
mod ranking;
pub mod recap;
pub mod sheet;
mod stages;
pub mod stats;
pub mod store;
pub mod ties;
pub mod view;
pub mod worklist;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use self::model::*;
pub use self::ranking::{compute_ranking, compute_recap, jury_matrix, winners_differ};

/// Winners' quota when a category does not set one (DOMAIN.md §7: Juara I–III).
pub const DEFAULT_WINNERS: u32 = 3;

/// Whether a recap row is one of its category's winners: ranked in the final within the category's
/// quota (3 when the quota is 0); a tie inside the quota counts. One rule for promoting winners
/// into the registry and forwarding them (FORMATS.md §10).
pub fn is_winner(status: Status, rank: Option<u32>, quota: u32) -> bool {
    let quota = if quota == 0 { DEFAULT_WINNERS } else { quota };
    is_finalist(status) && rank.is_some_and(|r| r <= quota)
}

/// Whether a recap row is a finalist: ranked in the final (it reached every weighted stage).
pub fn is_finalist(status: Status) -> bool {
    status == Status::Ranked
}

/// The recap as pretty JSON, exactly the shape of FORMATS.md §6.
pub fn recap_json(r: &Recap) -> String {
    // Cannot fail: every map key is a string and there is no custom error path.
    serde_json::to_string_pretty(r).expect("recap is always serialisable")
}
