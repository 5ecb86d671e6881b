//! `juri import …`: proposals, judges, scores and IKM responses (FORMATS.md §2–§4, §7), each file
//! one transaction; the monitoring files go to the monitoring module.

use std::io::Write;
use std::path::PathBuf;

use clap::Subcommand;
use juri_core::db::Db;
use juri_core::import::{import_proposals, preview_proposals};
use juri_core::scoring::store::ScoreContext;
use juri_core::{Error, Lang, ids};

use crate::{actor, current_competition, device, monitoring, read_file};

#[derive(Subcommand)]
pub enum ImportWhat {
    /// Proposals from .csv or .xlsx (FORMATS.md §2).
    Proposals {
        file: PathBuf,
        /// Only show what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Judges from .csv or .xlsx (FORMATS.md §3).
    Judges { file: PathBuf },
    /// Scores in long format from .csv or .xlsx (FORMATS.md §4); one transaction.
    Scores { file: PathBuf },
    /// Proposal dossiers from a folder or .zip (FORMATS.md §9): isian.xlsx/.csv and KODE/[BAGIAN/]files.
    Dossiers {
        path: PathBuf,
        /// Only check and show what would change.
        #[arg(long)]
        dry_run: bool,
    },
    /// Other organisers' forwarding ZIPs into this round (FORMATS.md §10), several at once in one
    /// transaction: new codes, origin kept; the same ZIP twice adds nothing.
    Forwarding {
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// Only check and show what would be added.
        #[arg(long)]
        dry_run: bool,
    },
    /// IKM survey responses, one row per respondent (FORMATS.md §7); one transaction.
    Ikm { file: PathBuf },
    /// Innovations into the monitoring registry (columns in README); one transaction.
    Innovations {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// Indicators and their quarterly targets, one row per indicator and quarter; one transaction.
    Targets {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
    /// Quarterly reports, one row per innovation, quarter and indicator; one transaction.
    Reports {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
    },
}

pub fn run(db: &mut Db, what: ImportWhat, lang: Lang) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    match what {
        ImportWhat::Proposals { file, dry_run } => proposals(db, &file, dry_run, lang)?,
        ImportWhat::Dossiers { path, dry_run } => crate::dossier::import(db, &path, dry_run, lang)?,
        ImportWhat::Forwarding { files, dry_run } => crate::forwarding::import(db, &files, dry_run, lang)?,
        ImportWhat::Judges { file } => {
            let comp = current_competition(db)?;
            let bytes = read_file(&file)?;
            let now = ids::now();
            let s = db.write(|tx| juri_core::import::import_judges(tx, &comp, &bytes, &now))?;
            counts(&mut out, lang, ("Impor juri selesai", "Judges imported"), [s.added, s.updated, s.unchanged])?;
        }
        ImportWhat::Scores { file } => {
            let comp = current_competition(db)?;
            let bytes = read_file(&file)?;
            let ctx = ScoreContext { actor: actor().name, device: device(), now: ids::now() };
            // On a judge's laptop only that judge's own scores are accepted (core's laptop rule).
            let s = db.write(|tx| juri_core::import::import_scores(tx, &comp, &bytes, &ctx))?;
            counts(&mut out, lang, ("Impor nilai selesai", "Scores imported"), [s.added, s.changed, s.unchanged])?;
        }
        ImportWhat::Ikm { file } => {
            let bytes = read_file(&file)?;
            let now = ids::now();
            let s = db.write(|tx| juri_core::ikm::import_ikm(tx, &bytes, &now))?;
            writeln!(
                out,
                "{}: {} {}, {} {}, {} {}",
                say("Impor survei IKM selesai", "IKM survey imported"),
                s.respondents,
                say("responden", "respondents"),
                s.surveys,
                say("unit-periode", "unit-periods"),
                s.replaced,
                say("responden lama diganti", "earlier respondents replaced")
            )?;
        }
        ImportWhat::Innovations { file, dry_run } => {
            monitoring::import(db, monitoring::ImportKind::Innovations, &file, dry_run, lang)?
        }
        ImportWhat::Targets { file, dry_run } => {
            monitoring::import(db, monitoring::ImportKind::Targets, &file, dry_run, lang)?
        }
        ImportWhat::Reports { file, dry_run } => {
            monitoring::import(db, monitoring::ImportKind::Reports, &file, dry_run, lang)?
        }
    }
    Ok(())
}

/// `juri import proposals`: the preview (`--dry-run`), or the import in one transaction.
fn proposals(db: &mut Db, file: &std::path::Path, dry_run: bool, lang: Lang) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    let comp = current_competition(db)?;
    let bytes = read_file(file)?;
    if dry_run {
        let p = preview_proposals(db.conn(), &comp, &bytes)?;
        writeln!(
            out,
            "{}: {} {}, {} {}, {} {}, {} {}",
            say("Pratinjau", "Preview"),
            p.to_add.len(),
            say("baru", "new"),
            p.to_update.len(),
            say("diubah", "changed"),
            p.unchanged,
            say("tetap", "unchanged"),
            p.errors.len(),
            say("kesalahan", "errors")
        )?;
        for e in &p.errors {
            writeln!(out, "- {}", e.message(lang))?;
        }
        if !p.errors.is_empty() {
            return Err(Error::ImportRefused { errors: p.errors });
        }
    } else {
        let now = ids::now();
        let actor = actor();
        let s = db.write(|tx| import_proposals(tx, &comp, &bytes, &actor, &now, &mut |_, _| true))?;
        counts(&mut out, lang, ("Impor selesai", "Import done"), [s.added, s.updated, s.unchanged])?;
    }
    Ok(())
}

/// "Head: N new, N changed, N unchanged" in the user's language.
fn counts(
    out: &mut impl Write,
    lang: Lang,
    head: (&str, &str),
    [added, changed, unchanged]: [usize; 3],
) -> Result<(), Error> {
    writeln!(
        out,
        "{}: {added} {}, {changed} {}, {unchanged} {}",
        lang.pick(head.0, head.1),
        lang.pick("baru", "new"),
        lang.pick("diubah", "changed"),
        lang.pick("tetap", "unchanged")
    )?;
    Ok(())
}
