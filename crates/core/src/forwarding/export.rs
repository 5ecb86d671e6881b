//! Writing a forwarding ZIP (FORMATS.md §10): `usulan.xlsx`, `isian.xlsx`, the evidence files at
//! `KODE/NAME` or `KODE/SECTION/NAME` (so the ZIP is also a dossier folder, §9), and last
//! `manifest.json` with the SHA-256 and size of every other file. Evidence is streamed from the
//! database; the ZIP is written to a temporary file and renamed into place only when whole.

use std::io::Write;
use std::path::Path;

use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use sha2::{Digest, Sha256};

use super::manifest::{Manifest, ManifestFile};
use super::select::Forwarding;
use super::{ISIAN, MANIFEST, USULAN};
use crate::error::{Error, Result};

/// The fixed columns of `usulan.xlsx`, before one column per section and `video`.
pub const USULAN_COLUMNS: [&str; 10] = [
    "kode",
    "judul",
    "kategori",
    "unit",
    "jenis_unit",
    "inovator",
    "tahun_mulai",
    "peringkat",
    "nilai_akhir",
    "status",
];

/// Writes the forwarding ZIP of `fwd` to `out` and returns its manifest. `progress(done, total)`
/// hears of the evidence bytes written; false cancels and nothing is left at `out`.
pub fn write_forwarding(
    conn: &Connection,
    fwd: &Forwarding,
    out: &Path,
    db_path: Option<&Path>,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Manifest> {
    let usulan = usulan_xlsx(fwd)?;
    let isian = isian_xlsx(fwd)?;
    let total: u64 = fwd.proposals.iter().flat_map(|p| &p.files).map(|f| f.stored.bytes).sum();
    crate::sync::check_room(out, total + usulan.len() as u64 + isian.len() as u64 + 1024 * 1024)?;
    let mut manifest = Manifest {
        organiser: fwd.organiser.clone(),
        competition: fwd.competition.clone(),
        year: fwd.year,
        scope: fwd.scope.as_str().to_string(),
        proposals: fwd.proposals.iter().map(|p| p.code.clone()).collect(),
        files: vec![listed(USULAN, &usulan), listed(ISIAN, &isian)],
    };
    for f in fwd.proposals.iter().flat_map(|p| &p.files) {
        manifest.files.push(ManifestFile {
            path: f.path.clone(),
            sha256: crate::sync::to_hex(&f.stored.sha256),
            bytes: f.stored.bytes,
        });
    }
    crate::files::write_atomic_try(out, db_path, |file| {
        write_zip(conn, fwd, &manifest, &usulan, &isian, total, file, progress)
    })?;
    Ok(manifest)
}

fn listed(path: &str, bytes: &[u8]) -> ManifestFile {
    ManifestFile {
        path: path.to_string(),
        sha256: crate::sync::to_hex(&Sha256::digest(bytes)),
        bytes: bytes.len() as u64,
    }
}

#[allow(clippy::too_many_arguments)]
fn write_zip(
    conn: &Connection,
    fwd: &Forwarding,
    manifest: &Manifest,
    usulan: &[u8],
    isian: &[u8],
    total: u64,
    file: &mut std::fs::File,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<()> {
    let zip_err = |e: zip::result::ZipError| Error::Io(std::io::Error::other(e.to_string()));
    let mut zip = zip::ZipWriter::new(file);
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    // Evidence is compressed already (PDF, JPEG, video): stored as is; large files need ZIP64.
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored).large_file(true);
    for (name, bytes) in [(USULAN, usulan), (ISIAN, isian)] {
        zip.start_file(name, deflated).map_err(zip_err)?;
        zip.write_all(bytes)?;
    }
    let mut done = 0u64;
    for f in fwd.proposals.iter().flat_map(|p| &p.files) {
        zip.start_file(f.path.as_str(), stored).map_err(zip_err)?;
        done += crate::dossier::copy_blob(conn, f.stored.blob, &mut zip)?;
        if !progress(done, total) {
            return Err(Error::Cancelled);
        }
    }
    zip.start_file(MANIFEST, deflated).map_err(zip_err)?;
    zip.write_all(&serde_json::to_vec_pretty(manifest).expect("a manifest serialises"))?;
    zip.finish().map_err(zip_err)?;
    Ok(())
}

fn xlsx_err(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// One row per proposal: the fixed columns, one per section (setup order), then `video`.
fn usulan_xlsx(fwd: &Forwarding) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("usulan").map_err(xlsx_err)?;
    let headers: Vec<&str> =
        USULAN_COLUMNS.iter().copied().chain(fwd.sections.iter().map(String::as_str)).chain(["video"]).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(xlsx_err)?;
    }
    for (i, p) in fwd.proposals.iter().enumerate() {
        let r = i as u32 + 1;
        for (c, text) in [&p.code, &p.title, &p.category, &p.unit, &p.unit_type, &p.innovator].into_iter().enumerate() {
            sheet.write_string(r, c as u16, text).map_err(xlsx_err)?;
        }
        if let Some(y) = p.start_year {
            sheet.write_number(r, 6, y).map_err(xlsx_err)?;
        }
        if let Some(rank) = p.rank {
            sheet.write_number(r, 7, rank).map_err(xlsx_err)?;
        }
        if let Some(v) = p.final_score {
            sheet.write_number(r, 8, v).map_err(xlsx_err)?;
        }
        sheet.write_string(r, 9, &p.status).map_err(xlsx_err)?;
        for (j, (_, text)) in p.sections.iter().enumerate() {
            sheet.write_string(r, (USULAN_COLUMNS.len() + j) as u16, text).map_err(xlsx_err)?;
        }
        sheet
            .write_string(r, (USULAN_COLUMNS.len() + p.sections.len()) as u16, p.videos.join("; "))
            .map_err(xlsx_err)?;
    }
    book.save_to_buffer().map_err(xlsx_err)
}

/// `isian.xlsx` as FORMATS.md §9 reads it: `kode`, one column per section, `video`.
fn isian_xlsx(fwd: &Forwarding) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("isian").map_err(xlsx_err)?;
    let headers: Vec<&str> =
        ["kode"].into_iter().chain(fwd.sections.iter().map(String::as_str)).chain(["video"]).collect();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).map_err(xlsx_err)?;
    }
    for (i, p) in fwd.proposals.iter().enumerate() {
        let r = i as u32 + 1;
        sheet.write_string(r, 0, &p.code).map_err(xlsx_err)?;
        for (j, (_, text)) in p.sections.iter().enumerate() {
            sheet.write_string(r, (1 + j) as u16, text).map_err(xlsx_err)?;
        }
        sheet.write_string(r, (1 + p.sections.len()) as u16, p.videos.join("; ")).map_err(xlsx_err)?;
    }
    book.save_to_buffer().map_err(xlsx_err)
}
