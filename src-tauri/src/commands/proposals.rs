//! Proposal registry, screening and import commands.

use std::sync::atomic::Ordering;

use juri_core::api::Progress;
use juri_core::error::ApiError;
use juri_core::ids;
use juri_core::import::{self, ImportSummary, ProposalImportPreview};
use juri_core::proposals::{self as prop, HistoryEntry, Proposal, ProposalFilter, ProposalInput, ScreeningStatus};
use tauri::ipc::Channel;

use super::AppStateRef;
use crate::state::blocking;

forward! {
    list_proposals(competition_id: String, filter: ProposalFilter) -> Vec<Proposal> => |s|
        prop::list_proposals(s.db().conn(), &competition_id, &filter);

    add_proposal(competition_id: String, input: ProposalInput) -> Proposal => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| prop::add_proposal(tx, &competition_id, input, &actor, &now))
    };

    update_proposal(id: String, input: ProposalInput) -> Proposal => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| prop::update_proposal(tx, &id, input, &actor, &now))
    };

    remove_proposal(id: String, reason: String) -> () => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| prop::remove_proposal(tx, &id, &reason, &actor, &now))
    };

    set_proposal_status(id: String, status: ScreeningStatus, reason: String) -> Proposal => |s| {
        let (actor, now) = (s.actor(), ids::now());
        s.db().write(|tx| prop::set_status(tx, &id, status, &reason, &actor, &now))
    };

    proposal_history(id: String) -> Vec<HistoryEntry> => |s| prop::proposal_history(s.db().conn(), &id);

    preview_proposals_import(competition_id: String, bytes: Vec<u8>) -> ProposalImportPreview => |s| {
        let lang = s.lang();
        let mut p = import::preview_proposals(s.db().conn(), &competition_id, &bytes)?;
        p.errors = p.errors.into_iter().map(|e| e.localised(lang)).collect();
        Ok(p)
    };
}

/// One all-or-nothing transaction; progress goes to `on_progress`, `cancel_import` stops it and rolls back.
#[tauri::command]
pub async fn import_proposals(
    state: AppStateRef<'_>,
    competition_id: String,
    bytes: Vec<u8>,
    on_progress: Channel<Progress>,
) -> Result<ImportSummary, ApiError> {
    state.cancel.store(false, Ordering::SeqCst);
    blocking(&state, move |s| {
        let (actor, now) = (s.actor(), ids::now());
        let mut progress = |done: usize, total: usize| {
            let _ = on_progress.send(Progress { done: done as u32, total: total as u32 });
            !s.cancel.load(Ordering::SeqCst)
        };
        s.db().write(|tx| import::import_proposals(tx, &competition_id, &bytes, &actor, &now, &mut progress))
    })
    .await
}

#[tauri::command]
pub async fn cancel_import(state: AppStateRef<'_>) -> Result<(), ApiError> {
    state.cancel.store(true, Ordering::SeqCst);
    Ok(())
}
