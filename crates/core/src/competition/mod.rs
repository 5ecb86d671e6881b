//! Competitions and their setup: categories, stages, criteria, tie-break and normalisation.

mod model;
mod store;
mod templates;

pub use model::*;
pub use store::*;
pub use templates::*;
