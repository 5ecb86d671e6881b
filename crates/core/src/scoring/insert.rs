//! Multi-row INSERTs for bulk writes (scores, history lines, merged events).

use rusqlite::Connection;

use crate::error::Result;

/// Rows per multi-row INSERT in a bulk write: one statement per chunk keeps SQLite's cursors open
/// across rows (appends then skip the seek from the root) instead of one statement per row.
pub(crate) const CHUNK: usize = 256;

/// An INSERT of rows with `per_row` parameters each, after `shared` parameters (bound once) that
/// every row repeats: for a whole chunk of rows (bulk writes only) and for one row.
pub(crate) struct Insert {
    chunk: Option<String>,
    one: String,
    shared: usize,
    per_row: usize,
}

impl Insert {
    /// `head` is "INSERT INTO t (columns) VALUES " with the columns in the order: per-row ones,
    /// then shared ones.
    pub(crate) fn new(head: &str, per_row: usize, shared: usize, bulk: bool) -> Insert {
        let values = |rows: usize| {
            let mut sql = String::from(head);
            for r in 0..rows {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                let own = (0..per_row).map(|i| format!("?{}", shared + r * per_row + i + 1));
                let all: Vec<String> = own.chain((0..shared).map(|i| format!("?{}", i + 1))).collect();
                sql.push_str(&all.join(", "));
                sql.push(')');
            }
            sql
        };
        Insert { chunk: bulk.then(|| values(CHUNK)), one: values(1), shared, per_row }
    }

    /// Inserts `rows` in order: whole chunks with one statement each, the rest one by one.
    pub(crate) fn run<R>(
        &self,
        tx: &Connection,
        shared: &[&dyn rusqlite::ToSql],
        rows: &[R],
        bind: impl Fn(&mut rusqlite::Statement, usize, &R) -> rusqlite::Result<()>,
    ) -> Result<()> {
        let mut done = 0;
        if let Some(sql) = self.chunk.as_ref().filter(|_| rows.len() >= CHUNK) {
            let mut stmt = tx.prepare_cached(sql)?;
            for (i, v) in shared.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            for group in rows.chunks_exact(CHUNK) {
                for (i, r) in group.iter().enumerate() {
                    bind(&mut stmt, self.shared + i * self.per_row, r)?;
                }
                stmt.raw_execute()?;
            }
            done = rows.len() / CHUNK * CHUNK;
        }
        if done < rows.len() {
            let mut stmt = tx.prepare_cached(&self.one)?;
            for (i, v) in shared.iter().enumerate() {
                stmt.raw_bind_parameter(i + 1, v)?;
            }
            for r in &rows[done..] {
                bind(&mut stmt, self.shared, r)?;
                stmt.raw_execute()?;
            }
        }
        Ok(())
    }
}
