//! `juri monitoring …` and `juri import innovations|targets|reports`: monitoring and evaluation
//! of innovations (DOMAIN.md §5) over juri-core.

use std::io::Write;
use std::path::Path;

use clap::{Args, Subcommand};
use juri_core::db::Db;
use juri_core::monitoring::{self as mon, MonitoringImportPreview};
use juri_core::{Error, Lang, ids};

#[derive(Args)]
pub struct MonitoringArgs {
    #[command(subcommand)]
    what: MonitoringWhat,
}

#[derive(Subcommand)]
enum MonitoringWhat {
    /// Counts, OAOI coverage, the quarter's statuses, overdue reports and progress series as JSON.
    Dashboard {
        /// The day to judge due dates by (YYYY-MM-DD; default today, UTC).
        #[arg(long)]
        today: Option<String>,
        /// The quarter counted (default: the last quarter that ended before today).
        #[arg(long, requires = "quarter")]
        year: Option<i32>,
        #[arg(long, requires = "year")]
        quarter: Option<String>,
        #[arg(long, default_value = "json", value_parser = ["json"])]
        format: String,
    },
    /// Status of every monitored innovation in one quarter.
    Status {
        #[arg(long)]
        year: i32,
        /// 1–4 (also I–IV, TW1–TW4).
        #[arg(long)]
        quarter: String,
        #[arg(long)]
        today: Option<String>,
        #[arg(long, default_value = "json", value_parser = ["json", "tsv"])]
        format: String,
    },
    /// Promote the current competition's proposals into the innovation registry (idempotent).
    Promote {
        #[arg(long, default_value = "winners", value_parser = ["winners", "finalists", "all", "chosen"])]
        scope: String,
        /// Proposal codes for --scope chosen, comma-separated.
        #[arg(long, value_delimiter = ',')]
        codes: Vec<String>,
    },
    /// The innovation registry, one per line (code, stage, unit type, unit, title).
    List,
    /// Show or set how many days after a quarter's end its report is due (default 10; one value for all).
    DueDays { days: Option<u32> },
}

fn today_or(today: Option<String>) -> String {
    today.unwrap_or_else(|| ids::now()[..10].to_string())
}

fn quarter(raw: &str) -> Result<u8, Error> {
    mon::parse_quarter(raw).ok_or_else(|| Error::InvalidInput {
        field: "triwulan",
        problem: juri_core::error::InputProblem::BadQuarter(raw.to_string()),
    })
}

pub fn run(db: &mut Db, args: MonitoringArgs, lang: Lang) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    match args.what {
        MonitoringWhat::Dashboard { today, year, quarter: q, format: _ } => {
            let query = mon::DashboardQuery {
                today: today_or(today),
                year,
                quarter: q.as_deref().map(quarter).transpose()?,
                innovation_id: None,
            };
            let d = db.read(|tx| mon::dashboard(tx, &query))?;
            writeln!(out, "{}", serde_json::to_string_pretty(&d).expect("dashboard serialises"))?;
        }
        MonitoringWhat::Status { year, quarter: q, today, format } => {
            let today = mon::parse_day(&today_or(today))?;
            let due = mon::due_days(db.conn())?;
            let q = quarter(&q)?;
            let rows = db.read(|tx| mon::quarter_statuses(tx, year, q, today, due))?;
            if format == "tsv" {
                for r in &rows {
                    writeln!(out, "{}\t{}\t{}\t{}", r.code, r.status.as_str(), r.unit, r.title)?;
                }
            } else {
                writeln!(out, "{}", serde_json::to_string_pretty(&rows).expect("statuses serialise"))?;
            }
        }
        MonitoringWhat::Promote { scope, codes } => {
            let comp = super::current_competition(db)?;
            let scope = match scope.as_str() {
                "finalists" => mon::PromoteScope::Finalists,
                "all" => mon::PromoteScope::All,
                "chosen" => mon::PromoteScope::Chosen,
                _ => mon::PromoteScope::Winners,
            };
            let req = mon::PromoteRequest { scope, codes };
            let (actor, now) = (super::actor(), ids::now());
            let s = db.write(|tx| mon::promote_proposals(tx, &comp, &req, &actor, &now))?;
            let say = |id: &str, en: &str| lang.pick(id, en).to_string();
            writeln!(
                out,
                "{}: {} {}, {} {}, {} {}, {} {}, {} {}",
                say("Dipindahkan ke daftar inovasi", "Promoted into the registry"),
                s.selected,
                say("dipilih", "selected"),
                s.added,
                say("baru", "new"),
                s.linked,
                say("ditautkan", "linked"),
                s.already,
                say("sudah ada", "already there"),
                s.units_added,
                say("unit baru", "new units")
            )?;
            writeln!(out, "{}", s.innovations.join(" "))?;
        }
        MonitoringWhat::List => {
            for i in mon::list_innovations(db.conn(), &mon::InnovationFilter::default())? {
                writeln!(out, "{}\t{}\t{}\t{}\t{}", i.code, i.stage.as_str(), i.unit_type, i.unit, i.title)?;
            }
        }
        MonitoringWhat::DueDays { days } => {
            if let Some(d) = days {
                db.write(|tx| mon::set_due_days(tx, d))?;
            }
            writeln!(out, "{}", mon::due_days(db.conn())?)?;
        }
    }
    Ok(())
}

/// Which monitoring file `juri import` reads.
#[derive(Clone, Copy)]
pub enum ImportKind {
    Innovations,
    Targets,
    Reports,
}

/// `juri import innovations|targets|reports FILE [--dry-run]`: a preview, or one transaction.
pub fn import(db: &mut Db, kind: ImportKind, file: &Path, dry_run: bool, lang: Lang) -> Result<(), Error> {
    let bytes = crate::read_file(file)?;
    let (actor, now) = (super::actor(), ids::now());
    let p: MonitoringImportPreview = if dry_run {
        match kind {
            ImportKind::Innovations => mon::preview_innovations(db.conn(), &bytes)?,
            ImportKind::Targets => mon::preview_targets(db.conn(), &bytes)?,
            ImportKind::Reports => mon::preview_reports(db.conn(), &bytes)?,
        }
    } else {
        db.write(|tx| match kind {
            ImportKind::Innovations => mon::import_innovations(tx, &bytes, &actor, &now),
            ImportKind::Targets => mon::import_targets(tx, &bytes, &actor, &now),
            ImportKind::Reports => mon::import_reports(tx, &bytes, &actor, &now),
        })?
    };
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    let (added, updated) = match kind {
        ImportKind::Targets => (say("indikator baru", "new indicators"), say("target", "targets")),
        _ => (say("baru", "new"), say("diubah", "changed")),
    };
    writeln!(
        out,
        "{}: {} {added}, {} {updated}, {} {}{}",
        if dry_run { say("Pratinjau", "Preview") } else { say("Impor selesai", "Import done") },
        p.added,
        p.updated,
        p.unchanged,
        say("tetap", "unchanged"),
        if p.new_units.is_empty() {
            String::new()
        } else {
            format!("; {}: {}", say("unit baru", "new units"), p.new_units.join(", "))
        }
    )?;
    for e in &p.errors {
        writeln!(out, "- {}", e.message(lang))?;
    }
    if !p.errors.is_empty() {
        return Err(Error::ImportRefused { errors: p.errors });
    }
    Ok(())
}

/// `juri export monitoring --out FILE.xlsx`: the workbook of [`juri_documents::monitoring_workbook`].
pub fn export_xlsx(db: &Db, out: &Path, lang: Lang) -> Result<(), Error> {
    let bytes = juri_documents::monitoring_workbook(db.conn()).map_err(|e| crate::pdf::core_error(e, lang))?;
    juri_core::files::write_atomic(out, &bytes, Some(db.path()))?;
    writeln!(std::io::stdout(), "{} {}", lang.pick("Ditulis:", "Written:"), out.display())?;
    Ok(())
}
