//! Finding a file's columns by their Indonesian name or English alias (case-insensitive, trimmed).

use crate::error::{Error, FileProblem, Result};
use crate::import::table::{Table, TableRow};

#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub alias: &'static str,
    pub required: bool,
}

pub const fn col(name: &'static str, alias: &'static str, required: bool) -> ColumnSpec {
    ColumnSpec { name, alias, required }
}

/// Where each known column sits in a file.
#[derive(Debug, Clone)]
pub struct Columns {
    found: Vec<(&'static str, Option<usize>)>,
}

impl Columns {
    /// Maps the specs onto the table's header; a missing required column refuses the file.
    pub fn resolve(table: &Table, specs: &[ColumnSpec]) -> Result<Columns> {
        Columns::resolve_headers(&table.headers, specs)
    }

    /// As [`Columns::resolve`], from the header cells alone (a file read row by row).
    pub fn resolve_headers(headers: &[String], specs: &[ColumnSpec]) -> Result<Columns> {
        let keys: Vec<String> = headers.iter().map(|h| crate::text::match_key(h)).collect();
        let mut missing = Vec::new();
        let found = specs
            .iter()
            .map(|s| {
                let idx = keys.iter().position(|k| k == s.name || k == s.alias);
                if idx.is_none() && s.required {
                    missing.push(s.name.to_string());
                }
                (s.name, idx)
            })
            .collect();
        if !missing.is_empty() {
            return Err(Error::FileUnreadable(FileProblem::MissingColumns(missing)));
        }
        Ok(Columns { found })
    }

    /// The cell of `row` in column `name` (trimmed), "" when the column is absent.
    pub fn get<'a>(&self, row: &'a TableRow, name: &str) -> &'a str {
        self.index(name).map(|i| row.cell(i).trim()).unwrap_or("")
    }

    /// The position of column `name` in the file, if present.
    pub fn index(&self, name: &str) -> Option<usize> {
        self.found.iter().find(|(n, _)| *n == name).and_then(|(_, i)| *i)
    }

    pub fn has(&self, name: &str) -> bool {
        self.found.iter().any(|(n, i)| *n == name && i.is_some())
    }
}
