//! Dossiers in the database: texts, video links and evidence files of a proposal, the bytes of each
//! file stored once by SHA-256 and moved in pieces (SQLite incremental blob I/O), and the view
//! `juri dossier show` prints (FORMATS.md §9).

use std::collections::HashMap;
use std::io::{Read, Write};

use rusqlite::{Connection, MAIN_DB, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::DossierSetup;
use crate::error::{Entity, Error, Result};

/// Bytes moved at a time between a file and the database.
const CHUNK: usize = 64 * 1024;

/// What screening notes about a dossier; not a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FindingKind {
    OverWordLimit,
    MissingSection,
    NoFiles,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Finding {
    pub kind: FindingKind,
    /// None for `no_files`.
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SectionView {
    pub code: String,
    pub name: String,
    pub words: u32,
    pub max_words: Option<u32>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FileView {
    pub name: String,
    pub section: Option<String>,
    #[ts(type = "number")]
    pub bytes: u64,
    pub sha256: String,
    #[serde(rename = "type")]
    pub mime: String,
}

/// A proposal's dossier as `juri dossier show` prints it: sections in setup order, files by
/// section (setup order; files of the whole proposal first), then name.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierView {
    pub proposal: String,
    pub sections: Vec<SectionView>,
    pub videos: Vec<String>,
    pub files: Vec<FileView>,
    pub findings: Vec<Finding>,
}

/// Words are maximal runs of non-whitespace characters.
pub fn word_count(text: &str) -> u32 {
    text.split_whitespace().count() as u32
}

/// Screening findings of a dossier: per section in setup order, over its word limit or (when
/// required) empty; then `no_files` when the proposal has no evidence.
pub fn findings(setup: &DossierSetup, texts: &HashMap<String, String>, files: usize) -> Vec<Finding> {
    let mut out = Vec::new();
    for s in &setup.sections {
        let text = texts.get(&s.code).map(|t| t.trim()).unwrap_or("");
        let section = Some(s.code.clone());
        if text.is_empty() {
            if s.required {
                out.push(Finding { kind: FindingKind::MissingSection, section });
            }
        } else if s.max_words.is_some_and(|max| word_count(text) > max) {
            out.push(Finding { kind: FindingKind::OverWordLimit, section });
        }
    }
    if files == 0 {
        out.push(Finding { kind: FindingKind::NoFiles, section: None });
    }
    out
}

/// A stored evidence file of a proposal.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub name: String,
    /// '' for the whole proposal.
    pub section: String,
    pub blob: i64,
    pub bytes: u64,
    pub sha256: [u8; 32],
    pub mime: String,
}

pub(crate) fn stored_texts(conn: &Connection, proposal_id: &str) -> Result<HashMap<String, String>> {
    let mut stmt = conn.prepare_cached("SELECT section, text FROM dossier_text WHERE proposal_id = ?1")?;
    let rows = stmt.query_map([proposal_id], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(crate) fn stored_videos(conn: &Connection, proposal_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT url FROM dossier_video WHERE proposal_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([proposal_id], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

pub(crate) fn stored_files(conn: &Connection, proposal_id: &str) -> Result<Vec<StoredFile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT f.name, f.section, b.n, b.bytes, b.sha256, f.mime FROM dossier_file f
         JOIN dossier_blob b ON b.n = f.blob_n WHERE f.proposal_id = ?1",
    )?;
    let rows = stmt
        .query_map([proposal_id], |r| {
            let sha: Vec<u8> = r.get(4)?;
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)?, sha, r.get(5)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(name, section, blob, bytes, sha, mime)| {
            let sha256 =
                <[u8; 32]>::try_from(sha.as_slice()).map_err(|_| Error::Damaged(format!("sha256 of {name}")))?;
            Ok(StoredFile { name, section, blob, bytes: bytes.max(0) as u64, sha256, mime })
        })
        .collect()
}

/// The live proposal `code` of a competition: (id, code as stored).
pub(crate) fn proposal_ref(conn: &Connection, competition_id: &str, code: &str) -> Result<(String, String)> {
    crate::proposals::find_proposal_by_code(conn, competition_id, code)?
        .map(|p| (p.id, p.code))
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: code.to_string() })
}

/// The order files are listed in: files of the whole proposal first, then by section in setup
/// order (a section no longer in the setup last), then by name.
pub(crate) fn sort_files(setup: Option<&DossierSetup>, files: &mut [StoredFile]) {
    let place = |section: &str| -> (usize, String) {
        if section.is_empty() {
            return (0, String::new());
        }
        let sections = setup.map(|d| d.sections.as_slice()).unwrap_or_default();
        match sections.iter().position(|s| s.code == section) {
            Some(i) => (i + 1, String::new()),
            None => (sections.len() + 1, section.to_string()),
        }
    };
    files.sort_by(|a, b| (place(&a.section), &a.name).cmp(&(place(&b.section), &b.name)));
}

/// The dossier of proposal `code`.
pub fn dossier_view(conn: &Connection, competition_id: &str, code: &str) -> Result<DossierView> {
    let comp = crate::competition::load_competition(conn, competition_id)?;
    let (id, code) = proposal_ref(conn, competition_id, code)?;
    let setup = comp.setup.dossier.unwrap_or_default();
    let texts = stored_texts(conn, &id)?;
    let mut files = stored_files(conn, &id)?;
    sort_files(Some(&setup), &mut files);
    let sections = setup
        .sections
        .iter()
        .map(|s| {
            let text = texts.get(&s.code).cloned().unwrap_or_default();
            SectionView {
                code: s.code.clone(),
                name: s.name.clone(),
                words: word_count(&text),
                max_words: s.max_words,
                text,
            }
        })
        .collect();
    Ok(DossierView {
        proposal: code,
        sections,
        videos: stored_videos(conn, &id)?,
        findings: findings(&setup, &texts, files.len()),
        files: files
            .into_iter()
            .map(|f| FileView {
                name: f.name,
                section: Some(f.section).filter(|s| !s.is_empty()),
                bytes: f.bytes,
                sha256: crate::sync::to_hex(&f.sha256),
                mime: f.mime,
            })
            .collect(),
    })
}

/// A file read through: (SHA-256, size, first bytes).
pub(crate) type Hashed = ([u8; 32], u64, Vec<u8>);

/// Reads `reader` to its end, at most `limit` bytes, in pieces: its SHA-256, size and first bytes
/// (for the content check); None when it holds more than `limit` bytes.
pub(crate) fn hash_reader(reader: &mut dyn Read, limit: u64) -> std::io::Result<Option<Hashed>> {
    let mut reader = reader.take(limit + 1);
    let mut hasher = Sha256::new();
    let mut head = Vec::with_capacity(super::kinds::HEAD_BYTES);
    let mut buf = vec![0u8; CHUNK];
    let mut bytes = 0u64;
    loop {
        let got = reader.read(&mut buf)?;
        if got == 0 {
            break;
        }
        if head.len() < super::kinds::HEAD_BYTES {
            head.extend_from_slice(&buf[..got.min(super::kinds::HEAD_BYTES - head.len())]);
        }
        hasher.update(&buf[..got]);
        bytes += got as u64;
    }
    Ok((bytes <= limit).then(|| (hasher.finalize().into(), bytes, head)))
}

/// The blob holding the bytes with this SHA-256, if stored.
pub(crate) fn find_blob(conn: &Connection, sha256: &[u8; 32]) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT n FROM dossier_blob WHERE sha256 = ?1")?
        .query_row([&sha256[..]], |r| r.get(0))
        .optional()?)
}

/// Stores `bytes` bytes read from `source` unless bytes with this SHA-256 are stored already;
/// the blob's number. What was read must hash to `sha256` (a file changed since it was checked, or
/// that cannot be read, is refused with `changed`); nothing is held whole in memory.
pub(crate) fn put_blob(
    tx: &Connection,
    source: &mut dyn Read,
    bytes: u64,
    sha256: &[u8; 32],
    changed: &dyn Fn() -> Error,
) -> Result<i64> {
    if let Some(n) = find_blob(tx, sha256)? {
        return Ok(n);
    }
    tx.prepare_cached("INSERT INTO dossier_blob (sha256, bytes, data) VALUES (?1, ?2, zeroblob(?2))")?
        .execute(params![&sha256[..], bytes as i64])?;
    let n = tx.last_insert_rowid();
    let mut blob = tx.blob_open(MAIN_DB, c"dossier_blob", c"data", n, false)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    let mut written = 0u64;
    loop {
        // A read that fails (a damaged ZIP entry's checksum, a file gone) is a changed file too.
        let got = source.read(&mut buf).map_err(|_| changed())?;
        if got == 0 {
            break;
        }
        written += got as u64;
        if written > bytes {
            return Err(changed());
        }
        hasher.update(&buf[..got]);
        blob.write_all(&buf[..got])?;
    }
    if written != bytes || hasher.finalize().as_slice() != sha256 {
        return Err(changed());
    }
    Ok(n)
}

/// Copies a stored file's bytes to `out`, piece by piece; how many bytes.
pub(crate) fn copy_blob(conn: &Connection, blob: i64, out: &mut dyn Write) -> Result<u64> {
    let mut reader = conn.blob_open(MAIN_DB, c"dossier_blob", c"data", blob, true)?;
    Ok(std::io::copy(&mut reader, out)?)
}

/// Removes stored bytes no file refers to any more.
pub(crate) fn remove_unused_blobs(tx: &Connection) -> Result<()> {
    tx.execute("DELETE FROM dossier_blob WHERE n NOT IN (SELECT blob_n FROM dossier_file)", [])?;
    Ok(())
}

/// Writes the evidence files of proposal `code` into `dir` (created when missing) under their
/// names, made safe for a file name and unique in the folder; never over the open database.
/// Returns the paths written.
pub fn extract_files(
    conn: &Connection,
    competition_id: &str,
    code: &str,
    dir: &std::path::Path,
    db_path: Option<&std::path::Path>,
) -> Result<Vec<std::path::PathBuf>> {
    let comp = crate::competition::load_competition(conn, competition_id)?;
    let (id, _) = proposal_ref(conn, competition_id, code)?;
    let mut files = stored_files(conn, &id)?;
    sort_files(comp.setup.dossier.as_ref(), &mut files);
    std::fs::create_dir_all(dir)?;
    let mut taken = std::collections::HashSet::new();
    let mut written = Vec::new();
    for f in files {
        let name = crate::files::unique_file_name(&crate::files::safe_file_name(&f.name, "berkas"), &mut taken);
        taken.insert(name.to_lowercase());
        let path = dir.join(&name);
        crate::files::write_atomic_with(&path, db_path, |out| {
            copy_blob(conn, f.blob, out).map(|_| ()).map_err(|e| std::io::Error::other(e.to_string()))
        })?;
        written.push(path);
    }
    Ok(written)
}

/// The findings of every live proposal of the competition, by code: what the screening screen
/// shows beside each pass/fail decision.
pub fn screening_findings(conn: &Connection, competition_id: &str) -> Result<Vec<super::ProposalFindings>> {
    let setup = crate::competition::load_competition(conn, competition_id)?.setup.dossier.unwrap_or_default();
    let mut stmt = conn.prepare(
        "SELECT p.id, p.code, (SELECT count(*) FROM dossier_file f WHERE f.proposal_id = p.id)
         FROM proposal p WHERE p.competition_id = ?1 AND p.deleted_at IS NULL ORDER BY p.code",
    )?;
    let rows = stmt
        .query_map([competition_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?)))?
        .collect::<Result<Vec<_>, _>>()?;
    rows.into_iter()
        .map(|(id, code, files)| {
            let texts = stored_texts(conn, &id)?;
            Ok(super::ProposalFindings { proposal: code, findings: findings(&setup, &texts, files as usize) })
        })
        .collect()
}

/// The evidence file of proposal `code` with this SHA-256 (hex): its name, media type and blob.
fn file_ref(conn: &Connection, competition_id: &str, code: &str, sha256: &str) -> Result<StoredFile> {
    let (id, code) = proposal_ref(conn, competition_id, code)?;
    stored_files(conn, &id)?
        .into_iter()
        .find(|f| crate::sync::to_hex(&f.sha256) == sha256.to_ascii_lowercase())
        .ok_or_else(|| Error::NotFound { what: Entity::Evidence, key: format!("{code}: {sha256}") })
}

/// An evidence file's bytes for the in-app viewer (at most `limit` bytes; a larger file is saved,
/// not shown): (name, media type, bytes).
pub fn file_bytes(
    conn: &Connection,
    competition_id: &str,
    code: &str,
    sha256: &str,
    limit: u64,
) -> Result<(String, String, Vec<u8>)> {
    let f = file_ref(conn, competition_id, code, sha256)?;
    if f.bytes > limit {
        return Err(Error::FileUnreadable(crate::error::FileProblem::TooLarge(f.bytes)));
    }
    let mut bytes = Vec::with_capacity(f.bytes as usize);
    copy_blob(conn, f.blob, &mut bytes)?;
    Ok((f.name, f.mime, bytes))
}

/// The stored name of an evidence file (for the save dialog's suggestion).
pub fn file_name(conn: &Connection, competition_id: &str, code: &str, sha256: &str) -> Result<String> {
    Ok(file_ref(conn, competition_id, code, sha256)?.name)
}

/// Writes one evidence file to `out` (atomically, streamed, never over the open database).
pub fn save_file(
    conn: &Connection,
    competition_id: &str,
    code: &str,
    sha256: &str,
    out: &std::path::Path,
    db_path: Option<&std::path::Path>,
) -> Result<()> {
    let f = file_ref(conn, competition_id, code, sha256)?;
    crate::files::write_atomic_with(out, db_path, |w| {
        copy_blob(conn, f.blob, w).map(|_| ()).map_err(|e| std::io::Error::other(e.to_string()))
    })
}

/// Copies one evidence file for the laptop's own program to open: into
/// `folder/<first 16 hex of its SHA-256>/<its name made safe>` (a name from data never chooses the
/// folder), streamed and atomic. Refused for a type that could run code
/// ([`super::kinds::opens_with_other_program`]) and for a content that is not what its name says.
/// On Windows the copy is marked as coming from elsewhere (Office then opens it read-only in
/// Protected View).
pub fn copy_for_other_program(
    conn: &Connection,
    competition_id: &str,
    code: &str,
    sha256: &str,
    folder: &std::path::Path,
    db_path: Option<&std::path::Path>,
) -> Result<std::path::PathBuf> {
    use crate::error::FileProblem;
    let f = file_ref(conn, competition_id, code, sha256)?;
    let file_type = super::kinds::file_type(&f.name).unwrap_or_default();
    let mut head = Vec::with_capacity(super::kinds::HEAD_BYTES);
    let mut blob = conn.blob_open(MAIN_DB, c"dossier_blob", c"data", f.blob, true)?;
    (&mut blob).take(super::kinds::HEAD_BYTES as u64).read_to_end(&mut head)?;
    drop(blob);
    if !super::kinds::opens_with_other_program(&file_type) || !super::kinds::content_matches(&file_type, &head) {
        return Err(Error::FileUnreadable(FileProblem::NotForOtherProgram(f.name)));
    }
    let hex = crate::sync::to_hex(&f.sha256);
    let dir = folder.join(&hex[..16]);
    std::fs::create_dir_all(&dir).map_err(|e| {
        Error::FileUnreadable(FileProblem::CannotWrite { path: dir.display().to_string(), why: e.to_string() })
    })?;
    let out = dir.join(crate::files::safe_file_name(&f.name, &format!("berkas.{file_type}")));
    crate::files::write_atomic_with(&out, db_path, |w| {
        copy_blob(conn, f.blob, w).map(|_| ()).map_err(|e| std::io::Error::other(e.to_string()))
    })?;
    mark_from_elsewhere(&out);
    Ok(out)
}

/// Windows' mark of the web (the `Zone.Identifier` stream, zone 3: the internet) on a copied
/// evidence file; best effort (not every disk keeps such streams). Nothing elsewhere.
fn mark_from_elsewhere(path: &std::path::Path) {
    #[cfg(windows)]
    {
        let mut stream = path.as_os_str().to_owned();
        stream.push(":Zone.Identifier");
        if let Err(e) = std::fs::write(&stream, "[ZoneTransfer]\r\nZoneId=3\r\n") {
            log::info!("no mark of the web on {}: {e}", path.display());
        }
    }
    #[cfg(not(windows))]
    let _ = path;
}
