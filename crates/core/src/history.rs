//! Append-only change histories of records (proposals, innovations): one table per record kind,
//! `<table>(id, <key>, at, actor, action, changes, reason)`, guarded against update and delete by
//! triggers in the migrations.

use rusqlite::{Connection, params};
use serde_json::Value;

use crate::error::Result;
use crate::ids::new_id;
use crate::proposals::{Actor, HistoryEntry};

/// Which history table, and the column naming the record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct History {
    table: &'static str,
    key: &'static str,
}

pub(crate) const PROPOSAL: History = History { table: "proposal_history", key: "proposal_id" };
pub(crate) const INNOVATION: History = History { table: "innovation_history", key: "innovation_id" };

impl History {
    /// Appends one line: who did what, when, the field changes and the reason.
    #[allow(clippy::too_many_arguments)] // the columns of the line, each named at the call
    pub(crate) fn append(
        self,
        tx: &Connection,
        record_id: &str,
        actor: &Actor,
        now: &str,
        action: &str,
        changes: Value,
        reason: &str,
    ) -> Result<()> {
        let sql = format!(
            "INSERT INTO {} (id, {}, at, actor, action, changes, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            self.table, self.key
        );
        tx.prepare_cached(&sql)?.execute(params![
            new_id(),
            record_id,
            now,
            actor.name,
            action,
            changes.to_string(),
            reason
        ])?;
        Ok(())
    }

    /// Every line of one record, oldest first.
    pub(crate) fn read(self, conn: &Connection, record_id: &str) -> Result<Vec<HistoryEntry>> {
        let sql = format!(
            "SELECT at, actor, action, changes, reason FROM {} WHERE {} = ?1 ORDER BY at, rowid",
            self.table, self.key
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt
            .query_map([record_id], |r| {
                let changes: String = r.get(3)?;
                Ok(HistoryEntry {
                    at: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    changes: serde_json::from_str(&changes).unwrap_or(Value::Null),
                    reason: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
