//! `juri import dossiers PATH` (FORMATS.md §9): a folder or ZIP of proposals' sections (an `isian`
//! table at its root) and evidence files (`KODE/NAME` or `KODE/SECTION/NAME`). Everything is
//! checked first (every problem listed, nothing changed), then written in one transaction.
//!
//! What an import replaces: a proposal's `isian` row sets the sections whose columns the table has
//! (an empty cell clears one) and, with a `video` column, its video links; a proposal's folder is
//! its evidence from now on (files no longer in it are removed). Proposals the import does not
//! name are left alone. Every change goes into the proposal's history.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, params};
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::DossierSetup;
use super::kinds::{content_matches, file_type, mime_type};
use super::source::{Entry, Source};
use super::store::{self, Finding, StoredFile, findings};
use super::store::{Hashed, hash_reader};
use crate::error::{DossierIssue as I, DossierProblem, Error, Result};
use crate::proposals::Actor;

/// What an import did (or, previewed, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierImportSummary {
    /// Proposals the import names (a folder or an `isian` row).
    pub proposals: u32,
    pub sections_changed: u32,
    /// Proposals whose video links changed.
    pub videos_changed: u32,
    pub files_added: u32,
    pub files_replaced: u32,
    pub files_removed: u32,
    pub files_unchanged: u32,
    /// Bytes stored anew (a file already stored for any proposal is not stored again).
    #[ts(type = "number")]
    pub bytes_added: u64,
    /// Screening findings of each proposal named, after the import.
    pub findings: Vec<ProposalFindings>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalFindings {
    pub proposal: String,
    pub findings: Vec<Finding>,
}

/// One evidence file, checked.
struct Incoming {
    section: String,
    name: String,
    sha256: [u8; 32],
    bytes: u64,
    mime: &'static str,
    entry: Entry,
}

/// What the import brings for one proposal; None: the import says nothing of it.
#[derive(Default)]
struct ProposalIn {
    code: String,
    texts: Option<HashMap<String, String>>,
    videos: Option<Vec<String>>,
    files: Option<Vec<Incoming>>,
}

struct Checked {
    source: Source,
    setup: DossierSetup,
    /// By proposal id, in code order for the summary.
    proposals: BTreeMap<(String, String), ProposalIn>,
}

/// Checks PATH and tells what importing it would change; nothing is written.
pub fn preview_dossiers(conn: &Connection, competition_id: &str, path: &Path) -> Result<DossierImportSummary> {
    let checked = check(conn, competition_id, path, &proposal_codes(conn, competition_id)?)?;
    let mut summary = DossierImportSummary::default();
    for ((_, id), p) in &checked.proposals {
        plan_proposal(conn, &checked.setup, id, p, &mut summary)?;
    }
    Ok(summary)
}

/// Imports PATH in the caller's transaction: all of it, or nothing with every problem listed.
/// `progress(done, total)` hears of the bytes stored; false cancels (nothing is kept).
pub fn import_dossiers(
    tx: &Connection,
    competition_id: &str,
    path: &Path,
    actor: &Actor,
    now: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<DossierImportSummary> {
    let codes = proposal_codes(tx, competition_id)?;
    import_dossiers_mapped(tx, competition_id, path, &codes, actor, now, progress)
}

/// As [`import_dossiers`], with the proposals named by `codes` (match key of the code in PATH ->
/// (code, id) here): a forwarding ZIP names its proposals by their codes at the sender.
pub(crate) fn import_dossiers_mapped(
    tx: &Connection,
    competition_id: &str,
    path: &Path,
    codes: &HashMap<String, (String, String)>,
    actor: &Actor,
    now: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<DossierImportSummary> {
    let mut checked = check(tx, competition_id, path, codes)?;
    let total: u64 = checked.proposals.values().flat_map(|p| p.files.iter().flatten()).map(|f| f.bytes).sum();
    let mut done = 0u64;
    let mut summary = DossierImportSummary::default();
    let proposals = std::mem::take(&mut checked.proposals);
    for ((_, id), p) in &proposals {
        let plan = plan_proposal(tx, &checked.setup, id, p, &mut summary)?;
        let changes = apply(tx, &mut checked.source, id, p, plan, now, &mut |bytes| {
            done += bytes;
            progress(done, total)
        })?;
        if !changes.is_empty() {
            crate::history::PROPOSAL.append(tx, id, actor, now, "dossier", Value::Object(changes), "")?;
        }
    }
    store::remove_unused_blobs(tx)?;
    Ok(summary)
}

// ---------------------------------------------------------------- checking

fn check(
    conn: &Connection,
    competition_id: &str,
    path: &Path,
    codes: &HashMap<String, (String, String)>,
) -> Result<Checked> {
    crate::laptop::require_organiser(conn, crate::laptop::OrganiserTask::Dossiers)?;
    let comp = crate::competition::load_competition(conn, competition_id)?;
    let setup = comp.setup.dossier.clone().unwrap_or_default();
    let (mut source, entries, mut problems) = Source::open(path)?;
    let mut proposals: BTreeMap<(String, String), ProposalIn> = BTreeMap::new();
    let mut evidence = Vec::new();
    let mut isian = None;
    for e in entries {
        let parts: Vec<&str> = e.path.split('/').collect();
        match parts.len() {
            1 if matches!(e.path.to_ascii_lowercase().as_str(), "isian.xlsx" | "isian.csv") => {
                if isian.is_some() {
                    problems.push(DossierProblem::new(&e.path, I::Duplicate));
                } else {
                    isian = Some(e);
                }
            }
            // A forwarding ZIP (FORMATS.md §10) is a dossier folder too: its own files are skipped.
            1 if [crate::forwarding::USULAN, crate::forwarding::MANIFEST].contains(&e.path.as_str()) => {}
            2 | 3 => evidence.push(e),
            _ => problems.push(DossierProblem::new(&e.path, I::NotInLayout)),
        }
    }
    if let Some(e) = isian {
        read_isian(&mut source, &e, &setup, codes, &mut proposals, &mut problems)?;
    }
    check_evidence(&mut source, evidence, &setup, codes, &mut proposals, &mut problems)?;
    if !problems.is_empty() {
        return Err(Error::DossierRefused(problems));
    }
    Ok(Checked { source, setup, proposals })
}

/// The competition's live proposals: match key of the code -> (code, id).
fn proposal_codes(conn: &Connection, competition_id: &str) -> Result<HashMap<String, (String, String)>> {
    let mut stmt = conn.prepare("SELECT code, id FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL")?;
    let rows = stmt
        .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows.into_iter().map(|(code, id)| (crate::text::match_key(&code), (code, id))).collect())
}

fn entry_of<'m>(proposals: &'m mut BTreeMap<(String, String), ProposalIn>, code: &str, id: &str) -> &'m mut ProposalIn {
    proposals
        .entry((code.to_string(), id.to_string()))
        .or_insert_with(|| ProposalIn { code: code.to_string(), ..ProposalIn::default() })
}

/// What a header of the `isian` table is.
enum Column {
    Code,
    Video,
    Section(String),
}

fn read_isian(
    source: &mut Source,
    e: &Entry,
    setup: &DossierSetup,
    codes: &HashMap<String, (String, String)>,
    proposals: &mut BTreeMap<(String, String), ProposalIn>,
    problems: &mut Vec<DossierProblem>,
) -> Result<()> {
    let limit = crate::limits::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    source.read(e)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        let mb = (limit / (1024 * 1024)) as u32;
        problems.push(DossierProblem::new(&e.path, I::FileTooLarge { limit_mb: mb }));
        return Ok(());
    }
    let table = crate::import::read_table(&bytes)?;
    let columns: Vec<Option<Column>> = table
        .headers
        .iter()
        .map(|h| {
            let key = crate::text::match_key(h);
            match key.as_str() {
                "" => None,
                "kode" | "code" => Some(Column::Code),
                "video" | "videos" => Some(Column::Video),
                _ => match setup.find_section(h) {
                    Some(s) => Some(Column::Section(s.code.clone())),
                    None => {
                        problems.push(DossierProblem::new(&e.path, I::UnknownSection(h.clone())));
                        None
                    }
                },
            }
        })
        .collect();
    let Some(code_col) = columns.iter().position(|c| matches!(c, Some(Column::Code))) else {
        problems.push(DossierProblem::new(&e.path, I::NoCodeColumn));
        return Ok(());
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in &table.rows {
        let code = row.cell(code_col).trim();
        if code.is_empty() {
            problems.push(DossierProblem::new(&e.path, I::MissingCode { row: row.number }));
            continue;
        }
        if let Some(first) = seen.insert(crate::text::match_key(code), row.number) {
            problems.push(DossierProblem::new(&e.path, I::DuplicateRow { row: row.number, first }));
            continue;
        }
        let Some((code, id)) = codes.get(&crate::text::match_key(code)) else {
            problems.push(DossierProblem::new(format!("{} ({})", e.path, row.number), I::UnknownProposal(code.into())));
            continue;
        };
        let p = entry_of(proposals, code, id);
        let mut texts = HashMap::new();
        for (i, col) in columns.iter().enumerate() {
            match col {
                Some(Column::Section(s)) => {
                    texts.insert(s.clone(), row.cell(i).replace("\r\n", "\n").trim().to_string());
                }
                Some(Column::Video) => {
                    let links = video_links(row.cell(i));
                    for bad in links.iter().filter(|l| !(l.starts_with("https://") || l.starts_with("http://"))) {
                        problems.push(DossierProblem::new(
                            format!("{} ({})", e.path, row.number),
                            I::BadVideo(bad.clone()),
                        ));
                    }
                    p.videos = Some(links);
                }
                _ => {}
            }
        }
        p.texts = Some(texts);
    }
    Ok(())
}

/// Video links as the `video` cell lists them: separated by `;` or whitespace.
fn video_links(cell: &str) -> Vec<String> {
    cell.split(|c: char| c == ';' || c.is_whitespace()).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn check_evidence(
    source: &mut Source,
    evidence: Vec<Entry>,
    setup: &DossierSetup,
    codes: &HashMap<String, (String, String)>,
    proposals: &mut BTreeMap<(String, String), ProposalIn>,
    problems: &mut Vec<DossierProblem>,
) -> Result<()> {
    let mut unknown = HashSet::new();
    let mut seen = HashSet::new();
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for e in evidence {
        let parts: Vec<&str> = e.path.split('/').collect();
        // Stored under a name safe on Windows and Linux (CON, `a<b>`, trailing dots), the name a
        // kit carries it by and `dossier extract` writes.
        let safe = crate::files::safe_file_name(parts[parts.len() - 1], "berkas");
        let (folder, name) = (parts[0], safe.as_str());
        let Some((code, id)) = codes.get(&crate::text::match_key(folder)) else {
            if unknown.insert(folder.to_string()) {
                problems.push(DossierProblem::new(format!("{folder}/"), I::UnknownProposal(folder.into())));
            }
            continue;
        };
        let section = match parts.len() {
            3 => match setup.find_section(parts[1]) {
                Some(s) => s.code.clone(),
                None => {
                    problems.push(DossierProblem::new(&e.path, I::UnknownSection(parts[1].into())));
                    continue;
                }
            },
            _ => String::new(),
        };
        if !seen.insert((id.clone(), section.clone(), name.to_lowercase())) {
            problems.push(DossierProblem::new(&e.path, I::Duplicate));
            continue;
        }
        let Some(kind) = file_type(name).filter(|t| setup.allows(t)) else {
            problems.push(DossierProblem::new(&e.path, I::TypeNotAllowed(file_type(name).unwrap_or_default())));
            continue;
        };
        if e.size > setup.max_file_bytes() {
            problems.push(DossierProblem::new(&e.path, I::FileTooLarge { limit_mb: setup.max_file_mb }));
            continue;
        }
        let Some((sha256, bytes, head)) = hash_entry(source, &e, setup.max_file_bytes(), problems)? else { continue };
        if !content_matches(&kind, &head) {
            problems.push(DossierProblem::new(&e.path, I::ContentMismatch(kind)));
            continue;
        }
        let total = sizes.entry(id.clone()).or_default();
        *total += bytes;
        if *total > setup.max_proposal_bytes() && *total - bytes <= setup.max_proposal_bytes() {
            problems.push(DossierProblem::new(
                format!("{folder}/"),
                I::ProposalTooLarge { limit_mb: setup.max_proposal_mb },
            ));
        }
        let file = Incoming { section, name: name.to_string(), sha256, bytes, mime: mime_type(&kind), entry: e };
        entry_of(proposals, code, id).files.get_or_insert_with(Vec::new).push(file);
    }
    Ok(())
}

/// Reads an entry to its end (at most `limit` bytes): its SHA-256, size and first bytes. None
/// when it is over the limit or unreadable (the problem is noted).
fn hash_entry(
    source: &mut Source,
    e: &Entry,
    limit: u64,
    problems: &mut Vec<DossierProblem>,
) -> Result<Option<Hashed>> {
    match hash_reader(&mut *source.read(e)?, limit) {
        Ok(Some(h)) => Ok(Some(h)),
        Ok(None) => {
            let limit_mb = (limit / (1024 * 1024)) as u32;
            problems.push(DossierProblem::new(&e.path, I::FileTooLarge { limit_mb }));
            Ok(None)
        }
        Err(err) => {
            problems.push(DossierProblem::new(&e.path, I::Unreadable(err.to_string())));
            Ok(None)
        }
    }
}

// ---------------------------------------------------------------- planning and writing

/// What changes for one proposal.
#[derive(Default)]
struct Plan {
    texts: Vec<(String, Option<String>, Option<String>)>,
    videos: Option<(Vec<String>, Vec<String>)>,
    /// Files to store: (index in the incoming list, the stored file it replaces).
    store: Vec<(usize, Option<StoredFile>)>,
    remove: Vec<StoredFile>,
}

fn file_key(section: &str, name: &str) -> String {
    if section.is_empty() { name.to_string() } else { format!("{section}/{name}") }
}

fn plan_proposal(
    conn: &Connection,
    setup: &DossierSetup,
    id: &str,
    p: &ProposalIn,
    summary: &mut DossierImportSummary,
) -> Result<Plan> {
    let mut plan = Plan::default();
    let mut texts = store::stored_texts(conn, id)?;
    if let Some(new) = &p.texts {
        let mut sections: Vec<&String> = new.keys().collect();
        sections.sort();
        for s in sections {
            let old = texts.get(s).cloned().filter(|t| !t.is_empty());
            let new = Some(new[s].clone()).filter(|t| !t.is_empty());
            if old != new {
                plan.texts.push((s.clone(), old, new.clone()));
                match new {
                    Some(t) => texts.insert(s.clone(), t),
                    None => texts.remove(s),
                };
            }
        }
    }
    if let Some(new) = &p.videos {
        let old = store::stored_videos(conn, id)?;
        if &old != new {
            plan.videos = Some((old, new.clone()));
        }
    }
    let stored = store::stored_files(conn, id)?;
    let mut file_count = stored.len();
    if let Some(files) = &p.files {
        let mut old: HashMap<String, StoredFile> =
            stored.into_iter().map(|f| (file_key(&f.section, &f.name).to_lowercase(), f)).collect();
        let mut new_bytes = HashSet::new();
        for (i, f) in files.iter().enumerate() {
            match old.remove(&file_key(&f.section, &f.name).to_lowercase()) {
                Some(o) if o.sha256 == f.sha256 && o.name == f.name => summary.files_unchanged += 1,
                replaced => {
                    if replaced.is_some() {
                        summary.files_replaced += 1;
                    } else {
                        summary.files_added += 1;
                    }
                    if store::find_blob(conn, &f.sha256)?.is_none() && new_bytes.insert(f.sha256) {
                        summary.bytes_added += f.bytes;
                    }
                    plan.store.push((i, replaced));
                }
            }
        }
        summary.files_removed += old.len() as u32;
        plan.remove = old.into_values().collect();
        file_count = files.len();
    }
    summary.proposals += 1;
    summary.sections_changed += plan.texts.len() as u32;
    summary.videos_changed += u32::from(plan.videos.is_some());
    summary.findings.push(ProposalFindings { proposal: p.code.clone(), findings: findings(setup, &texts, file_count) });
    Ok(plan)
}

/// Writes one proposal's plan; the history's field changes.
fn apply(
    tx: &Connection,
    source: &mut Source,
    id: &str,
    p: &ProposalIn,
    plan: Plan,
    now: &str,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<Map<String, Value>> {
    let mut changes = Map::new();
    for (section, old, new) in plan.texts {
        match &new {
            Some(text) => tx.execute(
                "INSERT INTO dossier_text (proposal_id, section, text, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (proposal_id, section) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                params![id, section, text, now],
            )?,
            None => tx.execute("DELETE FROM dossier_text WHERE proposal_id = ?1 AND section = ?2", params![id, section])?,
        };
        changes.insert(format!("isian:{section}"), json!([old, new]));
    }
    if let Some((old, new)) = plan.videos {
        tx.execute("DELETE FROM dossier_video WHERE proposal_id = ?1", [id])?;
        for (i, url) in new.iter().enumerate() {
            tx.execute(
                "INSERT INTO dossier_video (proposal_id, position, url) VALUES (?1, ?2, ?3)",
                params![id, i as i64, url],
            )?;
        }
        changes.insert("video".into(), json!([old, new]));
    }
    for f in plan.remove {
        tx.execute(
            "DELETE FROM dossier_file WHERE proposal_id = ?1 AND section = ?2 AND name = ?3",
            params![id, f.section, f.name],
        )?;
        changes
            .insert(format!("berkas:{}", file_key(&f.section, &f.name)), json!([crate::sync::to_hex(&f.sha256), null]));
    }
    let files = p.files.as_deref().unwrap_or_default();
    for (i, replaced) in plan.store {
        let f = &files[i];
        let changed = || Error::DossierRefused(vec![DossierProblem::new(&f.entry.path, I::Changed)]);
        let blob = {
            let mut reader = source.read(&f.entry)?.take(f.bytes + 1);
            store::put_blob(tx, &mut reader, f.bytes, &f.sha256, &changed)?
        };
        if let Some(old) = &replaced {
            tx.execute(
                "DELETE FROM dossier_file WHERE proposal_id = ?1 AND section = ?2 AND name = ?3",
                params![id, old.section, old.name],
            )?;
        }
        tx.execute(
            "INSERT INTO dossier_file (id, proposal_id, section, name, blob_n, mime, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![crate::ids::new_id(), id, f.section, f.name, blob, f.mime, now],
        )?;
        let old = replaced.map(|o| crate::sync::to_hex(&o.sha256));
        changes
            .insert(format!("berkas:{}", file_key(&f.section, &f.name)), json!([old, crate::sync::to_hex(&f.sha256)]));
        if !progress(f.bytes) {
            return Err(Error::Cancelled);
        }
    }
    Ok(changes)
}
