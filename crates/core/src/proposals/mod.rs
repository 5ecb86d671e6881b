//! The proposal registry: entries, edits with history, removal with trace, administrative screening.

mod model;
mod store;

pub use model::*;
pub use store::*;
