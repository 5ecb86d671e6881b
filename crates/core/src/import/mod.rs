//! Reading user files (CSV or XLSX) into typed rows with per-row errors, and the all-or-nothing
//! imports built on them. One reader serves every import.

mod columns;
mod judges;
mod proposals;
mod scores;
mod table;

pub use columns::*;
pub use judges::*;
pub use proposals::*;
pub use scores::*;
pub use table::*;

use serde::Serialize;

use crate::error::InputProblem;
use crate::lang::Lang;

/// A problem with one cell of an imported file. `row` is the spreadsheet row (header = 1).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RowError {
    pub row: usize,
    pub column: String,
    #[ts(type = "unknown")]
    #[serde(skip)]
    pub problem: InputProblem,
    /// The problem in the user's language, without row and column; filled in when the error leaves the core.
    pub message: String,
}

impl RowError {
    pub fn new(row: usize, column: &str, problem: InputProblem) -> RowError {
        RowError { row, column: column.to_string(), problem, message: String::new() }
    }

    pub fn message(&self, lang: Lang) -> String {
        let column = crate::error::field_name(&self.column, lang);
        match lang {
            Lang::Id => format!("baris {}, kolom {column}: {}", self.row, self.problem.message(lang)),
            Lang::En => format!("row {}, column {column}: {}", self.row, self.problem.message(lang)),
        }
    }

    /// Fills `message` with the problem alone (the UI shows row and column in their own cells).
    pub fn localised(mut self, lang: Lang) -> RowError {
        self.message = self.problem.message(lang);
        self
    }
}
