//! The dossiers a judge kit carries (FORMATS.md §9): the sections, video links and evidence files
//! of the judge's own proposals (a conflicted one is not in the kit at all). A kit with evidence
//! files is a ZIP: `kit.json`, then each file's bytes once under `berkas/<sha256>`, stored as they
//! are. Writing and opening stream the bytes, and opening checks every file against its SHA-256:
//! one changed byte refuses the kit whole.

use std::collections::{BTreeMap, HashSet};
use std::io::{Read, Seek, Write};
use std::path::Path;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::{JudgeKit, from_hex, to_hex};
use crate::dossier;
use crate::error::{Error, FileProblem, PackageProblem, Result};

/// The name of the kit's JSON inside a kit ZIP.
pub const KIT_JSON: &str = "kit.json";
/// Largest `kit.json` read (the same bound as a JSON kit).
pub const MAX_KIT_JSON_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitFile {
    pub name: String,
    /// '' for evidence of the whole proposal.
    #[serde(default)]
    pub section: String,
    pub sha256: String,
    pub bytes: u64,
    #[serde(rename = "type")]
    pub mime: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KitDossier {
    pub proposal: String,
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
    #[serde(default)]
    pub videos: Vec<String>,
    #[serde(default)]
    pub files: Vec<KitFile>,
}

fn entry_name(sha256: &str) -> String {
    format!("berkas/{sha256}")
}

/// The dossiers of the kit's proposals, from the master.
pub(crate) fn kit_dossiers(conn: &Connection, competition_id: &str, codes: &[String]) -> Result<Vec<KitDossier>> {
    let setup = crate::competition::load_competition(conn, competition_id)?.setup.dossier;
    let mut out = Vec::new();
    for code in codes {
        let (id, code) = dossier::proposal_ref(conn, competition_id, code)?;
        let texts: BTreeMap<String, String> = dossier::stored_texts(conn, &id)?.into_iter().collect();
        let videos = dossier::stored_videos(conn, &id)?;
        let mut files = dossier::stored_files(conn, &id)?;
        dossier::sort_files(setup.as_ref(), &mut files);
        if texts.is_empty() && videos.is_empty() && files.is_empty() {
            continue;
        }
        let files = files
            .into_iter()
            .map(|f| KitFile {
                name: f.name,
                section: f.section,
                sha256: to_hex(&f.sha256),
                bytes: f.bytes,
                mime: f.mime,
            })
            .collect();
        out.push(KitDossier { proposal: code, texts, videos, files });
    }
    Ok(out)
}

/// Bytes of evidence the kit carries (each distinct file once).
pub fn kit_file_bytes(kit: &JudgeKit) -> u64 {
    let mut seen = HashSet::new();
    kit.dossiers.iter().flat_map(|d| &d.files).filter(|f| seen.insert(&f.sha256)).map(|f| f.bytes).sum()
}

/// Refuses, before anything is written, a file of `needed` bytes that the disk holding `out` has
/// no room for. Linux and macOS tell the free space; on Windows a probe file is extended to the
/// size needed (NTFS reserves the space of a file extended this way) and removed again.
pub(crate) fn check_room(out: &Path, needed: u64) -> Result<()> {
    let dir = out.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let no_space = |free_mb: Option<u64>| {
        Error::FileUnreadable(FileProblem::NoSpace {
            path: out.display().to_string(),
            needed_mb: needed.div_ceil(1024 * 1024),
            free_mb,
        })
    };
    #[cfg(unix)]
    {
        if let Ok(s) = rustix::fs::statvfs(dir) {
            let free = s.f_bavail.saturating_mul(s.f_frsize);
            if free < needed {
                return Err(no_space(Some(free / (1024 * 1024))));
            }
        }
    }
    #[cfg(not(unix))]
    {
        let probe = dir.join(format!(".juri-ruang-{}.tmp", uuid::Uuid::now_v7().simple()));
        let fits = std::fs::File::create(&probe).and_then(|f| f.set_len(needed)).is_ok();
        let _ = std::fs::remove_file(&probe);
        if !fits {
            return Err(no_space(None));
        }
    }
    Ok(())
}

/// Writes `kit` to `out` (atomically, never over the open database): JSON when it carries no
/// evidence files, else a ZIP with the files streamed from the database. Refused before a byte is
/// written when the disk has not the room. `progress(done, total)` hears of the bytes; false cancels.
pub fn write_kit(
    conn: &Connection,
    kit: &JudgeKit,
    out: &Path,
    db_path: Option<&Path>,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<()> {
    let json = serde_json::to_vec_pretty(kit).expect("kit serialises");
    let total = kit_file_bytes(kit);
    let needed = total + json.len() as u64 + 1024 * 1024;
    check_room(out, needed)?;
    if total == 0 && kit.dossiers.iter().all(|d| d.files.is_empty()) {
        return crate::files::write_atomic(out, &json, db_path);
    }
    crate::files::write_atomic_try(out, db_path, |file| write_zip(conn, kit, &json, total, file, progress))
}

fn write_zip(
    conn: &Connection,
    kit: &JudgeKit,
    json: &[u8],
    total: u64,
    file: &mut std::fs::File,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<()> {
    let zip_err = |e: zip::result::ZipError| Error::Io(std::io::Error::other(e.to_string()));
    let mut zip = zip::ZipWriter::new(file);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // Evidence is compressed already (PDF, JPEG, video): stored as is, and large files need ZIP64.
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(true);
    zip.start_file(KIT_JSON, deflated).map_err(zip_err)?;
    zip.write_all(json)?;
    let mut seen = HashSet::new();
    let mut done = 0u64;
    for f in kit.dossiers.iter().flat_map(|d| &d.files) {
        if !seen.insert(f.sha256.clone()) {
            continue;
        }
        let sha: [u8; 32] = from_hex(&f.sha256)
            .and_then(|v| v.try_into().ok())
            .ok_or_else(|| Error::Damaged(format!("sha256 {}", f.name)))?;
        let blob = dossier::find_blob(conn, &sha)?.ok_or_else(|| Error::Damaged(format!("berkas {}", f.name)))?;
        zip.start_file(entry_name(&f.sha256), stored).map_err(zip_err)?;
        done += dossier::copy_blob(conn, blob, &mut zip)?;
        if !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    zip.finish().map_err(zip_err)?;
    Ok(())
}

/// Reads the kit JSON of a kit ZIP (bounded).
pub(crate) fn read_kit_json<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> Result<Vec<u8>> {
    let not_a_kit = |w: String| Error::BadPackage(PackageProblem::NotAKit(w));
    let entry = zip.by_name(KIT_JSON).map_err(|e| not_a_kit(e.to_string()))?;
    let mut json = Vec::new();
    entry.take(MAX_KIT_JSON_BYTES + 1).read_to_end(&mut json).map_err(|e| not_a_kit(e.to_string()))?;
    if json.len() as u64 > MAX_KIT_JSON_BYTES {
        return Err(Error::BadPackage(PackageProblem::TooLarge));
    }
    Ok(json)
}

/// Checks the kit's dossier list against its own setup and proposals before anything is stored.
pub(crate) fn check_kit_dossiers(kit: &JudgeKit) -> Result<()> {
    let setup = kit.setup.dossier.clone().unwrap_or_default();
    let bad = |w: String| Error::BadPackage(PackageProblem::NotAKit(w));
    let codes: HashSet<&str> = kit.proposals.iter().map(|p| p.code.as_str()).collect();
    for d in &kit.dossiers {
        if !codes.contains(d.proposal.as_str()) {
            return Err(bad(format!("dossier of {}", d.proposal)));
        }
        for f in &d.files {
            let name_ok = !f.name.is_empty() && crate::files::safe_file_name(&f.name, "") == f.name;
            let section_ok = f.section.is_empty() || setup.sections.iter().any(|s| s.code == f.section);
            let sha_ok = f.sha256.len() == 64 && from_hex(&f.sha256).is_some();
            if !(name_ok && section_ok && sha_ok && f.bytes <= setup.max_file_bytes()) {
                return Err(bad(format!("file {}", f.name)));
            }
        }
    }
    Ok(())
}

/// Stores the kit's dossiers on the judge's laptop, each file streamed from the ZIP and checked
/// against its SHA-256 (a mismatch refuses the kit: the caller's transaction is rolled back). A
/// proposal's dossier from an earlier kit is replaced; scores and notes are not touched.
/// `progress(done, total)` hears of the bytes stored; false cancels.
pub(crate) fn store_kit_dossiers<R: Read + Seek>(
    tx: &Connection,
    kit: &JudgeKit,
    mut zip: Option<&mut zip::ZipArchive<R>>,
    now: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<()> {
    let total = kit_file_bytes(kit);
    let mut done = 0u64;
    for d in &kit.dossiers {
        let (id, _) = dossier::proposal_ref(tx, &kit.competition_id, &d.proposal)?;
        tx.execute("DELETE FROM dossier_text WHERE proposal_id = ?1", [&id])?;
        tx.execute("DELETE FROM dossier_video WHERE proposal_id = ?1", [&id])?;
        tx.execute("DELETE FROM dossier_file WHERE proposal_id = ?1", [&id])?;
        for (section, text) in &d.texts {
            tx.execute(
                "INSERT INTO dossier_text (proposal_id, section, text, updated_at) VALUES (?1, ?2, ?3, ?4)",
                params![id, section, text, now],
            )?;
        }
        for (i, url) in d.videos.iter().enumerate() {
            tx.execute(
                "INSERT INTO dossier_video (proposal_id, position, url) VALUES (?1, ?2, ?3)",
                params![id, i as i64, url],
            )?;
        }
        for f in &d.files {
            let mismatch = || Error::BadPackage(PackageProblem::KitFileMismatch(f.name.clone()));
            let sha: [u8; 32] = from_hex(&f.sha256).and_then(|v| v.try_into().ok()).ok_or_else(mismatch)?;
            let blob = match dossier::find_blob(tx, &sha)? {
                Some(n) => n,
                None => {
                    let zip = zip.as_deref_mut().ok_or_else(mismatch)?;
                    let entry = zip.by_name(&entry_name(&f.sha256)).map_err(|_| mismatch())?;
                    let mut reader = entry.take(f.bytes + 1);
                    let n = dossier::put_blob(tx, &mut reader, f.bytes, &sha, &mismatch)?;
                    done += f.bytes;
                    if !progress(done, total) {
                        return Err(Error::Cancelled);
                    }
                    n
                }
            };
            tx.execute(
                "INSERT INTO dossier_file (id, proposal_id, section, name, blob_n, mime, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![crate::ids::new_id(), id, f.section, f.name, blob, f.mime, now],
            )?;
        }
    }
    dossier::remove_unused_blobs(tx)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kit_the_disk_has_no_room_for_is_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("J1.jurikit");
        assert!(check_room(&out, 1024).is_ok());
        let err = check_room(&out, 1 << 62).unwrap_err();
        assert!(
            matches!(&err, Error::FileUnreadable(FileProblem::NoSpace { needed_mb, .. }) if *needed_mb == 1 << 42),
            "{err:?}"
        );
        assert!(!out.exists(), "nothing written");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "no probe or temporary file left");
    }
}
