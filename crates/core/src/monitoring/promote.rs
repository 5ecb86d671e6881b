//! Promoting a competition's proposals into the innovation registry, in one transaction, idempotently.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use serde_json::json;

use super::model::{InnovationInput, LifecycleStage};
use super::registry::{append_history, ensure_unit, insert_innovation, tidied};
use crate::competition::load_competition;
use crate::error::{Entity, Error, Result};
use crate::ids::new_id;
use crate::proposals::{Actor, ProposalFilter, list_proposals};
use crate::scoring::{Status, is_finalist, is_winner};
use crate::text::match_key;

/// Which proposals to promote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum PromoteScope {
    /// Ranked within the category's winner quota (3 when the quota is not set).
    Winners,
    /// Ranked in the final (reached every weighted stage).
    Finalists,
    /// Every live proposal not excluded at screening.
    All,
    /// The proposal codes listed in `codes`.
    Chosen,
}

#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PromoteRequest {
    pub scope: PromoteScope,
    #[serde(default)]
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PromoteSummary {
    pub selected: u32,
    /// New innovations created.
    pub added: u32,
    /// Linked to an innovation already in the registry (same title and unit, e.g. from an earlier year).
    pub linked: u32,
    /// Promoted before; only their rank and result were refreshed.
    pub already: u32,
    /// Units of the competition's proposals added to the unit list.
    pub units_added: u32,
    /// Codes of the innovations the selected proposals are in, in proposal order.
    pub innovations: Vec<String>,
}

/// Promotes the selected proposals of a competition into the registry, with their recap rank and
/// status. Promoting twice adds nothing: a proposal is linked to one innovation only. Every unit
/// that entered the competition joins the unit list, so coverage shows those without an innovation.
pub fn promote_proposals(
    tx: &Connection,
    competition_id: &str,
    request: &PromoteRequest,
    actor: &Actor,
    now: &str,
) -> Result<PromoteSummary> {
    let comp = load_competition(tx, competition_id)?;
    let quota: HashMap<String, u32> = comp.setup.categories.iter().map(|c| (c.code.clone(), c.quota)).collect();
    let recap = crate::scoring::recap::recap_for_competition(tx, competition_id)?.recap;
    let results: HashMap<String, (Option<u32>, Status)> =
        recap.categories.iter().flat_map(|c| c.rows.iter().map(|r| (r.proposal.clone(), (r.rank, r.status)))).collect();
    let proposals = list_proposals(tx, competition_id, &ProposalFilter::default())?;

    let mut summary = PromoteSummary::default();
    for p in &proposals {
        if ensure_unit(tx, &p.unit, &p.unit_type, "", now)?.1 {
            summary.units_added += 1;
        }
    }
    let chosen: Vec<String> = request.codes.iter().map(|c| match_key(c)).collect();
    if request.scope == PromoteScope::Chosen {
        for (code, key) in request.codes.iter().zip(&chosen) {
            if !proposals.iter().any(|p| match_key(&p.code) == *key) {
                return Err(Error::NotFound { what: Entity::Proposal, key: code.clone() });
            }
        }
    }
    for p in &proposals {
        let (rank, status) = results.get(&p.code).copied().unwrap_or((None, Status::Excluded));
        let selected = match request.scope {
            PromoteScope::Winners => is_winner(status, rank, quota.get(&p.category).copied().unwrap_or(0)),
            PromoteScope::Finalists => is_finalist(status),
            PromoteScope::All => !p.status.is_excluded(),
            PromoteScope::Chosen => chosen.contains(&match_key(&p.code)),
        };
        if !selected {
            continue;
        }
        summary.selected += 1;
        let existing: Option<(String, Option<u32>, String)> = tx
            .query_row(
                "SELECT innovation_id, rank, result FROM innovation_entry WHERE proposal_id = ?1",
                [&p.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let innovation_id = match existing {
            Some((innovation_id, old_rank, old_result)) => {
                summary.already += 1;
                if old_rank != rank || old_result != status.as_str() {
                    tx.execute(
                        "UPDATE innovation_entry SET rank = ?2, result = ?3 WHERE proposal_id = ?1",
                        params![p.id, rank, status.as_str()],
                    )?;
                    let changes = json!({ "hasil": [format!("{old_result} {old_rank:?}"), format!("{} {rank:?}", status.as_str())] });
                    append_history(tx, &innovation_id, actor, now, "entry_result", changes, &comp.setup.name)?;
                }
                innovation_id
            }
            None => enter(tx, &comp, p, (rank, status), actor, now, &mut summary)?,
        };
        let code: String = tx.query_row("SELECT code FROM innovation WHERE id = ?1", [&innovation_id], |r| r.get(0))?;
        summary.innovations.push(code);
    }
    Ok(summary)
}

/// Links a proposal not promoted before to its innovation: an earlier year's innovation with the
/// same title and unit, or a new one (applied if in use before the competition's year, else on
/// trial). Returns the innovation's id.
fn enter(
    tx: &Connection,
    comp: &crate::competition::Competition,
    p: &crate::proposals::Proposal,
    (rank, status): (Option<u32>, Status),
    actor: &Actor,
    now: &str,
    summary: &mut PromoteSummary,
) -> Result<String> {
    let same: Option<String> = tx
        .query_row(
            "SELECT i.id FROM innovation i JOIN org_unit u ON u.id = i.unit_id
             WHERE i.deleted_at IS NULL AND lower(i.title) = lower(?1) AND u.name_key = ?2
             ORDER BY i.created_at LIMIT 1",
            params![p.title, match_key(&p.unit)],
            |r| r.get(0),
        )
        .optional()?;
    let id = match same {
        Some(id) => {
            summary.linked += 1;
            id
        }
        None => {
            summary.added += 1;
            let stage = match p.start_year {
                Some(y) if y < comp.setup.year => LifecycleStage::Penerapan,
                _ => LifecycleStage::UjiCoba,
            };
            let input = tidied(InnovationInput {
                code: String::new(),
                title: p.title.clone(),
                unit: p.unit.clone(),
                unit_type: p.unit_type.clone(),
                start_year: p.start_year,
                description: p.summary.clone(),
                stage,
            })?;
            insert_innovation(tx, input, actor, now, "promoted")?
        }
    };
    tx.execute(
        "INSERT INTO innovation_entry (id, innovation_id, proposal_id, rank, result, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![new_id(), id, p.id, rank, status.as_str(), now],
    )?;
    let changes = json!({ "kompetisi": [null, format!("{} {}", comp.setup.name, p.code)] });
    append_history(tx, &id, actor, now, "entry", changes, "")?;
    Ok(id)
}
