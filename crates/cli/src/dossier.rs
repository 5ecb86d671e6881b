//! `juri import dossiers` and `juri dossier show|extract` (FORMATS.md §9).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use juri_core::db::Db;
use juri_core::dossier::{self, DossierImportSummary, FindingKind};
use juri_core::{Error, Lang, ids};

use crate::{actor, current_competition};

#[derive(Subcommand)]
pub enum DossierWhat {
    /// A proposal's dossier: sections, videos, files and screening findings.
    Show {
        code: String,
        #[arg(long, default_value = "json", value_parser = ["json"])]
        format: String,
    },
    /// Writes a proposal's evidence files into DIR under their names.
    Extract {
        code: String,
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(db: &Db, db_path: &Path, what: DossierWhat, lang: Lang) -> Result<(), Error> {
    let comp = current_competition(db)?;
    let mut out = std::io::stdout().lock();
    match what {
        DossierWhat::Show { code, format: _ } => {
            let view = dossier::dossier_view(db.conn(), &comp, &code)?;
            writeln!(out, "{}", serde_json::to_string_pretty(&view).expect("dossier view serialises"))?;
        }
        DossierWhat::Extract { code, out: dir } => {
            let written = dossier::extract_files(db.conn(), &comp, &code, &dir, Some(db_path))?;
            let head = lang.pick("Berkas ditulis", "Files written");
            writeln!(out, "{head}: {} ({})", written.len(), dir.display())?;
        }
    }
    Ok(())
}

/// `juri import dossiers PATH`: the preview (`--dry-run`), or the import in one transaction.
pub fn import(db: &mut Db, path: &Path, dry_run: bool, lang: Lang) -> Result<(), Error> {
    let comp = current_competition(db)?;
    // A refusal names the folder or ZIP before its problems.
    *crate::INPUT_FILE.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.to_path_buf());
    let summary = if dry_run {
        dossier::preview_dossiers(db.conn(), &comp, path)?
    } else {
        let (actor, now) = (actor(), ids::now());
        db.write(|tx| dossier::import_dossiers(tx, &comp, path, &actor, &now, &mut |_, _| true))?
    };
    let head = match (dry_run, lang) {
        (true, _) => lang.pick("Pratinjau isian proposal", "Dossier preview"),
        (false, _) => lang.pick("Isian proposal diimpor", "Dossiers imported"),
    };
    print_summary(&mut std::io::stdout().lock(), head, &summary, lang)
}

fn print_summary(out: &mut impl Write, head: &str, s: &DossierImportSummary, lang: Lang) -> Result<(), Error> {
    let say = |id: &'static str, en: &'static str| lang.pick(id, en);
    writeln!(
        out,
        "{head}: {} {}, {} {}, {} {}; {}: {} {}, {} {}, {} {}, {} {} ({} {})",
        s.proposals,
        say("proposal", "proposals"),
        s.sections_changed,
        say("bagian diubah", "sections changed"),
        s.videos_changed,
        say("daftar video diubah", "video lists changed"),
        say("berkas", "files"),
        s.files_added,
        say("baru", "new"),
        s.files_replaced,
        say("diganti", "replaced"),
        s.files_removed,
        say("dihapus", "removed"),
        s.files_unchanged,
        say("tetap", "unchanged"),
        megabytes(s.bytes_added, lang),
        say("disimpan baru", "newly stored"),
    )?;
    for p in s.findings.iter().filter(|p| !p.findings.is_empty()) {
        let items: Vec<String> = p
            .findings
            .iter()
            .map(|f| {
                let section = f.section.as_deref().unwrap_or("");
                match f.kind {
                    FindingKind::OverWordLimit => {
                        format!("{section} {}", say("melebihi batas kata", "over the word limit"))
                    }
                    FindingKind::MissingSection => format!("{section} {}", say("kosong", "missing")),
                    FindingKind::NoFiles => say("tanpa bukti dukung", "no evidence files").to_string(),
                }
            })
            .collect();
        writeln!(out, "- {}: {}", p.proposal, items.join("; "))?;
    }
    Ok(())
}

/// "12,3 MB" (Indonesian decimal comma) or "12.3 MB".
fn megabytes(bytes: u64, lang: Lang) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    match lang {
        Lang::Id => format!("{} MB", juri_core::format_id::decimal(mb, 1)),
        Lang::En => format!("{mb:.1} MB"),
    }
}
