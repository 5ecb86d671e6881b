//! Juri's ranking engine: scores in, recap out (FORMATS.md §5, §6, §8).
//!
//! Pure and deterministic: the result depends only on the setup, the set of
//! proposals and the set of scores, never on their input order, so the same data
//! always serialises to the same bytes.

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
pub mod view;
pub mod worklist;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use self::model::*;
pub use self::ranking::{compute_ranking, compute_recap, winners_differ};

/// The recap as pretty JSON, exactly the shape of FORMATS.md §6.
pub fn recap_json(r: &Recap) -> String {
    // Cannot fail: every map key is a string and there is no custom error path.
    serde_json::to_string_pretty(r).expect("recap is always serialisable")
}
