//! `juri kit …` and `juri package …`: judge kits out of the master and onto a judge's laptop,
//! signed score packages back, merged all or nothing, and the conflicts they leave.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use juri_core::db::Db;
use juri_core::{Error, Lang, ids};

use crate::{actor, current_competition, device, read_file};

#[derive(Subcommand)]
pub enum KitWhat {
    /// Write the kit of one judge (setup, their proposals, identity, signing key).
    Export {
        #[arg(long)]
        judge: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Every judge's last kit: when it was exported and whether it still holds what a kit would now
    /// (a changed dossier or finalist list needs a new kit).
    Status {
        #[arg(long, default_value = "text", value_parser = ["text", "json"])]
        format: String,
    },
    /// Make this database the judge's laptop database from a kit.
    Open {
        file: PathBuf,
        /// Open it even though this database already holds competitions (a copy is kept first).
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
pub enum PackageWhat {
    /// Write this judge's signed score package.
    Export {
        #[arg(long)]
        out: PathBuf,
    },
    /// Merge judges' packages into the master (one transaction).
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Show what would change without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// List conflicts between package values and values entered on the master.
    Conflicts,
    /// Resolve a conflict: keep the master's value or take the package's.
    Resolve {
        event: String,
        #[arg(long, value_parser = ["package", "master"])]
        take: String,
    },
}

pub fn kit(db: &mut Db, db_path: &Path, what: KitWhat, lang: Lang) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    match what {
        KitWhat::Export { judge, out: file } => {
            let comp = current_competition(db)?;
            let now = ids::now();
            let kit = db.write(|tx| juri_core::sync::export_kit(tx, &comp, &judge, &now))?;
            juri_core::sync::write_kit(db.conn(), &kit, &file, Some(db_path), &mut |_, _| true)?;
            let files: usize = kit.dossiers.iter().map(|d| d.files.len()).sum();
            writeln!(
                out,
                "{} {} ({} proposal, {} {})",
                say("Kit juri ditulis:", "Judge kit written:"),
                file.display(),
                kit.proposals.len(),
                files,
                say("berkas bukti", "evidence files")
            )?;
        }
        KitWhat::Status { format } => {
            let comp = current_competition(db)?;
            let status = juri_core::sync::kit_status(db.conn(), &comp)?;
            if format == "json" {
                writeln!(out, "{}", serde_json::to_string_pretty(&status).expect("kit status serialises"))?;
            }
            for k in status.iter().filter(|_| format == "text") {
                let state = match (&k.exported_at, k.up_to_date) {
                    (None, _) => say("belum pernah dibuat", "never exported"),
                    (Some(_), true) => say("terbaru", "up to date"),
                    (Some(_), false) => say("perlu kit baru", "needs a new kit"),
                };
                writeln!(out, "{}\t{}\t{}\t{state}", k.judge, k.name, k.exported_at.as_deref().unwrap_or("-"))?;
            }
        }
        KitWhat::Open { file, force } => {
            // A kit with evidence files can be large: streamed from the file, never read whole.
            *crate::INPUT_FILE.lock().unwrap_or_else(|p| p.into_inner()) = Some(file.clone());
            let (id, kept) = juri_core::sync::open_kit_file(db, &file, &ids::now(), force)?;
            if let Some(kept) = kept {
                writeln!(out, "{} {}", say("Data lama disalin ke", "The old data was copied to"), kept.display())?;
            }
            let judge = juri_core::sync::judge_mode(db.conn())?.unwrap_or_default();
            writeln!(out, "{} {judge} ({id})", say("Kit dibuka untuk juri", "Kit opened for judge"))?;
        }
    }
    Ok(())
}

pub fn package(db: &mut Db, db_path: &Path, what: PackageWhat, lang: Lang) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    match what {
        PackageWhat::Export { out: file } => {
            let bytes = juri_core::sync::export_package(db.conn(), &device(), &ids::now())?;
            juri_core::files::write_atomic(&file, &bytes, Some(db_path))?;
            writeln!(out, "{} {}", say("Paket nilai ditulis:", "Score package written:"), file.display())?;
        }
        PackageWhat::Merge { files, dry_run } => merge(db, &files, dry_run, lang)?,
        PackageWhat::Conflicts => {
            let comp = current_competition(db)?;
            for c in juri_core::sync::open_conflicts(db.conn(), &comp)? {
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{} {}\t{} {}",
                    c.event_id,
                    c.stage,
                    c.proposal,
                    c.judge,
                    c.criterion,
                    say("master", "master"),
                    c.master_value,
                    say("paket", "package"),
                    c.package_value
                )?;
            }
        }
        PackageWhat::Resolve { event, take } => {
            let (who, now) = (actor().name, ids::now());
            db.write(|tx| juri_core::sync::resolve_conflict(tx, &event, take == "package", &who, &now))?;
        }
    }
    Ok(())
}

/// `juri package merge`: all or nothing. When any package is refused, nothing is merged (not
/// even from the good ones), so the exit status and the database always agree.
fn merge(db: &mut Db, files: &[PathBuf], dry_run: bool, lang: Lang) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    let comp = current_competition(db)?;
    let mut packages = Vec::new();
    for f in files {
        packages.push((f.display().to_string(), read_file(f)?));
    }
    let now = ids::now();
    // All or nothing: when any package is refused, nothing is merged (not even from the
    // good ones), so the exit status and the database always agree.
    let mut outcome = None;
    let result = db.write(|tx| {
        let reports = juri_core::sync::merge_packages(tx, &comp, &packages, &now, lang)?;
        let refused = reports.iter().any(|r| r.refused.is_some());
        outcome = Some(reports);
        if refused || dry_run { Err(Error::Cancelled) } else { Ok(()) }
    });
    match result {
        Ok(()) | Err(Error::Cancelled) => {}
        Err(e) => return Err(e),
    }
    let reports = outcome.unwrap_or_default();
    let refused = reports.iter().filter(|r| r.refused.is_some()).count();
    for r in &reports {
        if let Some(why) = &r.refused {
            writeln!(out, "{}: {} {why}", r.file, say("DITOLAK:", "REFUSED:"))?;
        } else if let Some(first) = &r.duplicate_of {
            writeln!(
                out,
                "{}: {} {first}",
                r.file,
                say("sama dengan berkas sebelumnya, dihitung sekali:", "same as an earlier file, counted once:")
            )?;
        } else {
            let refused_events = r.refused_events.len() as u32;
            let counts = [r.new, r.changed, r.unchanged, r.already_merged, r.conflicts, refused_events];
            writeln!(
                out,
                "{}: {} {}",
                r.file,
                if refused > 0 || dry_run { say("(tidak digabung)", "(not merged)") } else { String::new() },
                merge_counts(lang, counts)
            )?;
        }
        for e in &r.refused_events {
            writeln!(out, "  - {e}")?;
        }
        for w in &r.warnings {
            writeln!(out, "  ! {w}")?;
        }
    }
    if dry_run {
        writeln!(out, "{}", say("(uji coba: tidak ada yang diubah)", "(dry run: nothing changed)"))?;
    }
    if refused > 0 {
        out.flush()?;
        let why: Vec<String> =
            reports.iter().filter_map(|r| r.refused.as_ref().map(|w| format!("{}: {w}", r.file))).collect();
        eprintln!("{}", why.join("\n"));
        return Err(Error::BadPackage(juri_core::error::PackageProblem::Refused(refused)));
    }
    Ok(())
}

/// A merge's counts as one line, the same for a package merged from a file and a push the venue
/// hub took: new, changed, unchanged, already merged, conflicts, refused.
pub fn merge_counts(lang: Lang, [new, changed, unchanged, already, conflicts, refused]: [u32; 6]) -> String {
    let say = |id: &'static str, en: &'static str| lang.pick(id, en);
    format!(
        "{new} {}, {changed} {}, {unchanged} {}, {already} {}, {conflicts} {}, {refused} {}",
        say("baru", "new"),
        say("diubah", "changed"),
        say("tetap", "unchanged"),
        say("sudah digabung", "already merged"),
        say("konflik", "conflicts"),
        say("ditolak", "refused"),
    )
}
