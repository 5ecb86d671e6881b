//! Public satisfaction surveys (IKM, PermenPANRB 14/2017): responses per service unit and period,
//! the index per unsur and overall, and its quality band (FORMATS.md §7).

mod compute;
mod entry;
mod period;
mod store;

pub use compute::*;
pub use entry::*;
pub use period::period_in_words;
pub use store::*;
