//! A forwarding noted in the monitoring registry (DOMAIN.md §5): when the ZIP is saved, each
//! innovation entered with one of its proposals records that it went to the next level that year,
//! as a forwarding typed by hand does. Saving the same forwarding again records nothing more.

use rusqlite::{Connection, params};

use super::select::Forwarding;
use crate::error::Result;
use crate::monitoring::{ForwardingInput, ForwardingLevel, add_forwarding};
use crate::proposals::Actor;

/// Records `fwd` as gone to `level` in the competition's year; how many innovations gained it.
pub fn record_forwarding(
    tx: &Connection,
    competition_id: &str,
    fwd: &Forwarding,
    level: ForwardingLevel,
    actor: &Actor,
    now: &str,
) -> Result<u32> {
    let mut recorded = 0;
    for p in &fwd.proposals {
        let innovation: Option<String> = {
            let mut stmt = tx.prepare_cached(
                "SELECT e.innovation_id FROM innovation_entry e
                   JOIN proposal p ON p.id = e.proposal_id
                   JOIN innovation i ON i.id = e.innovation_id
                  WHERE p.competition_id = ?1 AND p.code = ?2 AND p.deleted_at IS NULL AND i.deleted_at IS NULL",
            )?;
            let mut rows = stmt.query(params![competition_id, p.code])?;
            rows.next()?.map(|r| r.get(0)).transpose()?
        };
        let Some(innovation) = innovation else { continue };
        let known: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM innovation_forwarding WHERE innovation_id = ?1 AND level = ?2 AND year = ?3)",
            params![innovation, level.as_str(), fwd.year],
            |r| r.get(0),
        )?;
        if !known {
            let note = format!("{} ({})", fwd.competition, p.code);
            let input = ForwardingInput { level, year: fwd.year, outcome: String::new(), note };
            add_forwarding(tx, &innovation, input, actor, now)?;
            recorded += 1;
        }
    }
    Ok(recorded)
}
