//! Paper fallback: two staff type the same paper score sheet (stage × judge × proposal)
//! independently; differences stay visible until reconciled, and only a reconciled sheet's values
//! become the judge's scores (through the normal score path, history origin `paper`).

mod model;
mod store;

pub use model::*;
pub use store::*;
