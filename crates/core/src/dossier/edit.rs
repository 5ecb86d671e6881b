//! Staff editing one proposal's dossier in the app: a section's text typed or pasted, the video
//! links, an evidence file added (picked or dropped) or removed. Each change is checked like an
//! import (section, file type and content, size limits), written in the caller's transaction and
//! kept in the proposal's history. Only the organiser's laptop edits dossiers.

use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, params};
use serde_json::{Value, json};

use super::DossierSetup;
use super::kinds::{content_matches, file_type, mime_type};
use super::store::{self, DossierView, hash_reader};
use crate::error::{DossierIssue as I, DossierProblem, Error, InputProblem, Result};
use crate::proposals::Actor;

/// Longest section text typed in the app (as long as a spreadsheet cell of an `isian` file).
pub const MAX_SECTION_CHARS: usize = crate::limits::MAX_CELL_CHARS;

fn refused(path: &str, issue: I) -> Error {
    Error::DossierRefused(vec![DossierProblem::new(path, issue)])
}

/// The competition's dossier setup and the proposal's (id, code), after the laptop check.
fn target(conn: &Connection, competition_id: &str, code: &str) -> Result<(DossierSetup, String, String)> {
    crate::laptop::require_organiser(conn, crate::laptop::OrganiserTask::Dossiers)?;
    let setup = crate::competition::load_competition(conn, competition_id)?.setup.dossier.unwrap_or_default();
    let (id, code) = store::proposal_ref(conn, competition_id, code)?;
    Ok((setup, id, code))
}

fn history(tx: &Connection, id: &str, field: String, old: Value, new: Value, actor: &Actor, now: &str) -> Result<()> {
    let mut changes = serde_json::Map::new();
    changes.insert(field, json!([old, new]));
    crate::history::PROPOSAL.append(tx, id, actor, now, "dossier", Value::Object(changes), "")
}

/// Sets (or, empty, clears) one section's text of proposal `code`.
pub fn save_section(
    tx: &Connection,
    competition_id: &str,
    code: &str,
    section: &str,
    text: &str,
    actor: &Actor,
    now: &str,
) -> Result<DossierView> {
    let (setup, id, code) = target(tx, competition_id, code)?;
    let section = setup.find_section(section).ok_or_else(|| refused(section, I::UnknownSection(section.into())))?;
    let text = text.replace("\r\n", "\n").trim().to_string();
    if text.chars().count() > MAX_SECTION_CHARS {
        return Err(Error::InvalidInput { field: "isian", problem: InputProblem::TooLong(MAX_SECTION_CHARS) });
    }
    let old = store::stored_texts(tx, &id)?.remove(&section.code).filter(|t| !t.is_empty());
    let new = Some(text).filter(|t| !t.is_empty());
    if old != new {
        match &new {
            Some(t) => tx.execute(
                "INSERT INTO dossier_text (proposal_id, section, text, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (proposal_id, section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                params![id, section.code, t, now],
            )?,
            None => tx.execute("DELETE FROM dossier_text WHERE proposal_id = ?1 AND section = ?2", params![id, section.code])?,
        };
        history(tx, &id, format!("isian:{}", section.code), json!(old), json!(new), actor, now)?;
    }
    store::dossier_view(tx, competition_id, &code)
}

/// Replaces the video links of proposal `code` (http or https addresses).
pub fn save_videos(
    tx: &Connection,
    competition_id: &str,
    code: &str,
    videos: &[String],
    actor: &Actor,
    now: &str,
) -> Result<DossierView> {
    let (_, id, code) = target(tx, competition_id, code)?;
    let new: Vec<String> = videos.iter().map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
    if let Some(bad) = new.iter().find(|v| !(v.starts_with("https://") || v.starts_with("http://"))) {
        return Err(refused("video", I::BadVideo(bad.clone())));
    }
    if let Some(long) = new.iter().find(|v| v.chars().count() > crate::limits::LONG) {
        return Err(refused("video", I::BadVideo(long.clone())));
    }
    let old = store::stored_videos(tx, &id)?;
    if old != new {
        tx.execute("DELETE FROM dossier_video WHERE proposal_id = ?1", [&id])?;
        for (i, url) in new.iter().enumerate() {
            tx.execute(
                "INSERT INTO dossier_video (proposal_id, position, url) VALUES (?1, ?2, ?3)",
                params![id, i as i64, url],
            )?;
        }
        history(tx, &id, "video".into(), json!(old), json!(new), actor, now)?;
    }
    store::dossier_view(tx, competition_id, &code)
}

/// Adds an evidence file to proposal `code` (to `section`, or '' for the whole proposal), read
/// twice through `open` (checked, then stored in pieces); a file of the same name there is
/// replaced. Refused like an import: type, content, file and proposal size.
#[allow(clippy::too_many_arguments)] // where the file goes and who adds it, each named at the call
pub fn add_file(
    tx: &Connection,
    competition_id: &str,
    code: &str,
    section: &str,
    name: &str,
    open: &mut dyn FnMut() -> Result<Box<dyn Read>>,
    actor: &Actor,
    now: &str,
) -> Result<DossierView> {
    let (setup, id, code) = target(tx, competition_id, code)?;
    let section = match section.trim() {
        "" => String::new(),
        s => setup.find_section(s).ok_or_else(|| refused(s, I::UnknownSection(s.into())))?.code.clone(),
    };
    let name = crate::files::safe_file_name(name.trim(), "berkas");
    let kind = file_type(&name)
        .filter(|t| setup.allows(t))
        .ok_or_else(|| refused(&name, I::TypeNotAllowed(file_type(&name).unwrap_or_default())))?;
    let hashed =
        hash_reader(&mut *open()?, setup.max_file_bytes()).map_err(|e| refused(&name, I::Unreadable(e.to_string())))?;
    let (sha, bytes, head) = hashed.ok_or_else(|| refused(&name, I::FileTooLarge { limit_mb: setup.max_file_mb }))?;
    if !content_matches(&kind, &head) {
        return Err(refused(&name, I::ContentMismatch(kind)));
    }
    let existing = store::stored_files(tx, &id)?;
    let replaced = existing.iter().find(|f| f.section == section && f.name.eq_ignore_ascii_case(&name));
    let others: u64 = existing.iter().filter(|f| !replaced.is_some_and(|r| std::ptr::eq(*f, r))).map(|f| f.bytes).sum();
    if others + bytes > setup.max_proposal_bytes() {
        return Err(refused(&name, I::ProposalTooLarge { limit_mb: setup.max_proposal_mb }));
    }
    if replaced.is_some_and(|r| r.sha256 == sha && r.name == name) {
        return store::dossier_view(tx, competition_id, &code);
    }
    let changed = || refused(&name, I::Changed);
    let blob = store::put_blob(tx, &mut *open()?, bytes, &sha, &changed)?;
    if let Some(r) = replaced {
        tx.execute(
            "DELETE FROM dossier_file WHERE proposal_id = ?1 AND section = ?2 AND name = ?3",
            params![id, r.section, r.name],
        )?;
    }
    tx.execute(
        "INSERT INTO dossier_file (id, proposal_id, section, name, blob_n, mime, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![crate::ids::new_id(), id, section, name, blob, mime_type(&kind), now],
    )?;
    let key = if section.is_empty() { name.clone() } else { format!("{section}/{name}") };
    let old = replaced.map(|r| crate::sync::to_hex(&r.sha256));
    history(tx, &id, format!("berkas:{key}"), json!(old), json!(crate::sync::to_hex(&sha)), actor, now)?;
    store::remove_unused_blobs(tx)?;
    store::dossier_view(tx, competition_id, &code)
}

/// [`add_file`] for a file the user picked, under its own name.
pub fn add_file_from_path(
    tx: &Connection,
    competition_id: &str,
    code: &str,
    section: &str,
    path: &Path,
    actor: &Actor,
    now: &str,
) -> Result<DossierView> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut open = || -> Result<Box<dyn Read>> { Ok(Box::new(crate::files::open_regular(path)?)) };
    add_file(tx, competition_id, code, section, &name, &mut open, actor, now)
}

/// Removes the evidence file with this SHA-256 (hex) from proposal `code`.
pub fn remove_file(
    tx: &Connection,
    competition_id: &str,
    code: &str,
    sha256: &str,
    actor: &Actor,
    now: &str,
) -> Result<DossierView> {
    let (_, id, code) = target(tx, competition_id, code)?;
    let sha = sha256.to_ascii_lowercase();
    let Some(f) = store::stored_files(tx, &id)?.into_iter().find(|f| crate::sync::to_hex(&f.sha256) == sha) else {
        return Err(Error::NotFound { what: crate::error::Entity::Evidence, key: format!("{code}: {sha256}") });
    };
    tx.execute(
        "DELETE FROM dossier_file WHERE proposal_id = ?1 AND section = ?2 AND name = ?3",
        params![id, f.section, f.name],
    )?;
    let key = if f.section.is_empty() { f.name.clone() } else { format!("{}/{}", f.section, f.name) };
    history(tx, &id, format!("berkas:{key}"), json!(sha), Value::Null, actor, now)?;
    store::remove_unused_blobs(tx)?;
    store::dossier_view(tx, competition_id, &code)
}
