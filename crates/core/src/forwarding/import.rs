//! `juri import forwarding F.zip` (FORMATS.md §10) on the next level's Juri: the ZIP is checked
//! against its manifest first (a changed, missing or extra file refuses it whole), then its
//! proposals are added with new codes and their origin kept, and their dossiers imported (§9), in
//! the caller's transaction. A proposal whose origin (organiser, competition, original code) is
//! already here is not added again, so importing the same ZIP twice adds nothing.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::manifest::{MAX_MANIFEST_BYTES, Manifest};
use super::{MANIFEST, USULAN};
use crate::dossier::source::{Entry, Source};
use crate::dossier::{DossierImportSummary, import_dossiers_mapped};
use crate::error::{DossierIssue as I, DossierProblem, Error, Result};
use crate::proposals::{Actor, ProposalInput};

/// One proposal of the ZIP, as imported (or, rehearsed, as it would be).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ForwardedIn {
    /// The code at the organiser who sent it.
    pub origin_code: String,
    /// Its code here (new, or the one it got at an earlier import).
    pub code: String,
    pub title: String,
    /// The matching category here (code).
    pub category: String,
    pub rank: Option<u32>,
    pub final_score: Option<f64>,
    /// Imported before: nothing added.
    pub already: bool,
}

/// What importing a forwarding ZIP did.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ForwardingImport {
    pub organiser: String,
    pub competition: String,
    pub year: i32,
    pub proposals: Vec<ForwardedIn>,
    pub added: u32,
    pub dossiers: DossierImportSummary,
}

/// Imports the forwarding ZIP at `path` into `competition_id`, all or nothing (the caller's
/// transaction; rehearse it for a preview). `progress(done, total)` hears of evidence bytes stored.
pub fn import_forwarding(
    tx: &Connection,
    competition_id: &str,
    path: &Path,
    actor: &Actor,
    now: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<ForwardingImport> {
    // The checks are the dossier importer's: its refusals are this ZIP's.
    import_checked(tx, competition_id, path, actor, now, progress).map_err(|e| match e {
        Error::DossierRefused(problems) => Error::ForwardingRefused(problems),
        e => e,
    })
}

fn import_checked(
    tx: &Connection,
    competition_id: &str,
    path: &Path,
    actor: &Actor,
    now: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<ForwardingImport> {
    crate::laptop::require_organiser(tx, crate::laptop::OrganiserTask::Dossiers)?;
    let (mut source, entries, problems) = Source::open(path)?;
    if !problems.is_empty() {
        return Err(Error::DossierRefused(problems));
    }
    let manifest = check_manifest(&mut source, &entries)?;
    let usulan = entries.iter().find(|e| e.path == USULAN).expect("checked against the manifest");
    let rows = read_usulan(&mut source, usulan, &manifest)?;
    let comp = crate::competition::load_competition(tx, competition_id)?;
    let unknown: Vec<DossierProblem> = rows
        .iter()
        .filter(|r| comp.setup.find_category(&r.category).is_none())
        .map(|r| DossierProblem::new(format!("{USULAN} ({})", r.row), I::UnknownCategory(r.category.clone())))
        .collect();
    if !unknown.is_empty() {
        return Err(Error::DossierRefused(unknown));
    }
    let mut proposals = Vec::new();
    let mut codes = HashMap::new();
    let mut added = 0;
    for r in rows {
        let category = comp.setup.find_category(&r.category).expect("matched above").code.clone();
        let (id, code, already) = match existing(tx, competition_id, &manifest, &r.code)? {
            Some((id, code)) => (id, code, true),
            None => {
                let input = ProposalInput {
                    title: r.title.clone(),
                    category: category.clone(),
                    unit: r.unit,
                    unit_type: r.unit_type,
                    innovator: r.innovator,
                    start_year: r.start_year,
                    ..ProposalInput::default()
                };
                let p = crate::proposals::add_proposal(tx, competition_id, input, actor, now)?;
                tx.execute(
                    "UPDATE proposal SET origin_organiser = ?2, origin_competition = ?3, origin_year = ?4,
                            origin_code = ?5, origin_rank = ?6, origin_final = ?7 WHERE id = ?1",
                    params![
                        p.id,
                        manifest.organiser,
                        manifest.competition,
                        manifest.year,
                        r.code,
                        r.rank,
                        r.final_score
                    ],
                )?;
                added += 1;
                (p.id, p.code, false)
            }
        };
        codes.insert(crate::text::match_key(&r.code), (code.clone(), id));
        proposals.push(ForwardedIn {
            origin_code: r.code,
            code,
            title: r.title,
            category,
            rank: r.rank,
            final_score: r.final_score,
            already,
        });
    }
    drop(source);
    let dossiers = import_dossiers_mapped(tx, competition_id, path, &codes, actor, now, progress)?;
    Ok(ForwardingImport {
        organiser: manifest.organiser,
        competition: manifest.competition,
        year: manifest.year,
        proposals,
        added,
        dossiers,
    })
}

/// Imports several forwarding ZIPs (a province receiving many kabupaten at once) in the caller's
/// transaction, in the order given: all of them, or nothing with the refused ZIP's problems, each
/// path prefixed with that ZIP's file name.
pub fn import_forwardings(
    tx: &Connection,
    competition_id: &str,
    paths: &[std::path::PathBuf],
    actor: &Actor,
    now: &str,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Vec<ForwardingImport>> {
    let mut done = Vec::new();
    for path in paths {
        let imported = import_forwarding(tx, competition_id, path, actor, now, progress).map_err(|e| match e {
            Error::ForwardingRefused(problems) if paths.len() > 1 => {
                let shown = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                Error::ForwardingRefused(
                    problems
                        .into_iter()
                        .map(|p| DossierProblem::new(format!("{shown}: {}", p.path), p.issue))
                        .collect(),
                )
            }
            e => e,
        })?;
        done.push(imported);
    }
    Ok(done)
}

/// The live proposal of this competition that came from the same organiser, competition and code.
fn existing(conn: &Connection, competition_id: &str, m: &Manifest, code: &str) -> Result<Option<(String, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, code FROM proposal WHERE competition_id = ?1 AND deleted_at IS NULL
               AND origin_organiser = ?2 AND origin_competition = ?3 AND origin_code = ?4 COLLATE NOCASE",
            params![competition_id, m.organiser, m.competition, code],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Reads `manifest.json` and checks every other file of the ZIP against it: each listed, none
/// missing, each of the listed size and SHA-256. Any difference refuses the ZIP with every problem.
fn check_manifest(source: &mut Source, entries: &[Entry]) -> Result<Manifest> {
    let refuse = |issue: I| Error::DossierRefused(vec![DossierProblem::new(MANIFEST, issue)]);
    let Some(entry) = entries.iter().find(|e| e.path == MANIFEST) else {
        return Err(refuse(I::NoManifest));
    };
    let mut bytes = Vec::new();
    source.read(entry)?.take(MAX_MANIFEST_BYTES + 1).read_to_end(&mut bytes)?;
    let manifest: Manifest = serde_json::from_slice(&bytes).map_err(|e| {
        let why: String = e.to_string().chars().take(160).collect();
        refuse(I::BadManifest(why))
    })?;
    let listed: HashMap<&str, &super::manifest::ManifestFile> =
        manifest.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut problems = Vec::new();
    let mut present = HashSet::new();
    for e in entries.iter().filter(|e| e.path != MANIFEST) {
        present.insert(e.path.as_str());
        let Some(f) = listed.get(e.path.as_str()) else {
            problems.push(DossierProblem::new(&e.path, I::NotInManifest));
            continue;
        };
        // A damaged entry (its CRC fails while reading) is named like a changed one.
        match sha256_of(&mut source.read(e)?.take(f.bytes + 1)) {
            Ok((n, sha256)) if n == f.bytes && sha256 == f.sha256 => {}
            Ok(_) => problems.push(DossierProblem::new(&e.path, I::ManifestMismatch)),
            Err(why) => problems.push(DossierProblem::new(&e.path, I::Unreadable(why.to_string()))),
        }
    }
    for f in &manifest.files {
        if !present.contains(f.path.as_str()) {
            problems.push(DossierProblem::new(&f.path, I::MissingFromZip));
        }
    }
    if !present.contains(USULAN) && !listed.contains_key(USULAN) {
        problems.push(DossierProblem::new(USULAN, I::MissingFromZip));
    }
    if !problems.is_empty() {
        return Err(Error::DossierRefused(problems));
    }
    Ok(manifest)
}

/// The size and SHA-256 (hex) of what `reader` gives, read in pieces.
fn sha256_of(reader: &mut dyn Read) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    let mut n = 0u64;
    loop {
        let got = reader.read(&mut buf)?;
        if got == 0 {
            break;
        }
        hasher.update(&buf[..got]);
        n += got as u64;
    }
    Ok((n, crate::sync::to_hex(&hasher.finalize())))
}

/// A row of `usulan.xlsx`.
struct UsulanRow {
    row: usize,
    code: String,
    title: String,
    category: String,
    unit: String,
    unit_type: String,
    innovator: String,
    start_year: Option<i32>,
    rank: Option<u32>,
    final_score: Option<f64>,
}

fn read_usulan(source: &mut Source, entry: &Entry, manifest: &Manifest) -> Result<Vec<UsulanRow>> {
    let limit = crate::limits::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    source.read(entry)?.take(limit + 1).read_to_end(&mut bytes)?;
    let table = crate::import::read_table(&bytes)?;
    let col = |name: &str| table.headers.iter().position(|h| crate::text::match_key(h) == name);
    let mut problems = Vec::new();
    let mut need = |name: &str| {
        let c = col(name);
        if c.is_none() {
            problems.push(DossierProblem::new(USULAN, I::MissingColumn(name.to_string())));
        }
        c
    };
    let (code, title, category, unit) = (need("kode"), need("judul"), need("kategori"), need("unit"));
    let (unit_type, innovator, start, rank, final_score) =
        (col("jenis_unit"), col("inovator"), col("tahun_mulai"), col("peringkat"), col("nilai_akhir"));
    let (Some(code), Some(title), Some(category), Some(unit)) = (code, title, category, unit) else {
        return Err(Error::DossierRefused(problems));
    };
    let text =
        |r: &crate::import::TableRow, c: Option<usize>| c.map(|c| r.cell(c).trim().to_string()).unwrap_or_default();
    let number =
        |r: &crate::import::TableRow, c: Option<usize>| c.and_then(|c| crate::text::parse_decimal(r.cell(c).trim()));
    let mut seen = HashMap::new();
    let mut rows = Vec::new();
    for r in &table.rows {
        let c = text(r, Some(code));
        if c.is_empty() {
            problems.push(DossierProblem::new(USULAN, I::MissingCode { row: r.number }));
            continue;
        }
        if let Some(first) = seen.insert(crate::text::match_key(&c), r.number) {
            problems.push(DossierProblem::new(USULAN, I::DuplicateRow { row: r.number, first }));
            continue;
        }
        rows.push(UsulanRow {
            row: r.number,
            title: text(r, Some(title)),
            category: text(r, Some(category)),
            unit: text(r, Some(unit)),
            unit_type: text(r, unit_type),
            innovator: text(r, innovator),
            start_year: number(r, start).map(|v| v as i32),
            rank: number(r, rank).filter(|v| *v >= 1.0).map(|v| v as u32),
            final_score: number(r, final_score),
            code: c,
        });
    }
    let in_table: HashSet<String> = rows.iter().map(|r| crate::text::match_key(&r.code)).collect();
    for p in manifest.proposals.iter().filter(|p| !in_table.contains(&crate::text::match_key(p))) {
        problems.push(DossierProblem::new(USULAN, I::UnknownProposal(p.clone())));
    }
    if !problems.is_empty() {
        return Err(Error::DossierRefused(problems));
    }
    Ok(rows)
}
