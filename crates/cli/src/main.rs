//! `juri`: the command-line tool over the same core as the app (FORMATS.md).
//! Refusals exit non-zero with a readable message on stderr, in Indonesian unless `--lang en`.

/// Timing runs for BENCHMARKS.md and the crash and fuzz passes: built only with `--features bench`,
/// never in the juri that users get.
#[cfg(feature = "bench")]
mod bench;
mod dossier;
mod forwarding;
mod imports;
mod monitoring;
mod paper;
mod pdf;
mod sync;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use juri_core::competition::{Setup, active_competition, create_competition, load_competition};
use juri_core::db::Db;
use juri_core::proposals::Actor;
use juri_core::{Error, Lang, ids};

#[derive(Parser)]
#[command(name = "juri", version, about = "Juri: penilaian kompetisi inovasi pelayanan publik")]
struct Cli {
    /// The database file (default: the app's database in the user's data folder).
    #[arg(long, global = true, env = "JURI_DB")]
    db: Option<PathBuf>,
    /// Language of messages: id (default) or en.
    #[arg(long, global = true, env = "JURI_LANG", default_value = "id")]
    lang: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start a competition from a setup JSON file (FORMATS.md §1).
    Init {
        #[arg(long)]
        config: PathBuf,
    },
    /// Import a file into the current competition.
    Import {
        #[command(subcommand)]
        what: imports::ImportWhat,
    },
    /// Export data of the current competition.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Create the demo (Kabupaten Sukamaju): the 2026 competition with its desk stage scored, a
    /// finished 2025 competition and the monitored innovations, as the app's "Buka contoh".
    Demo {
        /// Only the 2026 competition and the registry, before any judge scored (to practise imports).
        #[arg(long)]
        unscored: bool,
    },
    /// Write a consistent backup copy of the database.
    Backup {
        #[arg(long)]
        out: PathBuf,
    },
    /// List the competitions in the database.
    Competitions,
    /// Print-ready PDF documents of the current competition (DOMAIN.md §6).
    Pdf(pdf::PdfArgs),
    /// Timing runs on generated data for BENCHMARKS.md (build with --release).
    #[command(hide = true)]
    #[cfg(feature = "bench")]
    Bench {
        #[command(subcommand)]
        what: bench::BenchWhat,
    },
    /// Judge kits: export one from the master, open one on a judge's laptop.
    Kit {
        #[command(subcommand)]
        what: sync::KitWhat,
    },
    /// Score packages: export on a judge's laptop, merge into the master.
    Package {
        #[command(subcommand)]
        what: sync::PackageWhat,
    },
    /// The IKM of a service unit and period (FORMATS.md §7) to stdout.
    Ikm {
        #[arg(long)]
        unit: String,
        #[arg(long)]
        period: String,
        #[arg(long, default_value = "json", value_parser = ["json"])]
        format: String,
    },
    /// Proposal dossiers (FORMATS.md §9): show one as JSON, extract its files.
    Dossier {
        #[command(subcommand)]
        what: dossier::DossierWhat,
    },
    /// Monitoring and evaluation of innovations: dashboard, quarter status, promotion, registry.
    Monitoring(monitoring::MonitoringArgs),
    /// Paper score sheets typed twice: status, show, enter, pick, decide (only reconciled sheets count).
    Paper(paper::PaperArgs),
    /// The ranking per category (FORMATS.md §5, §6) to stdout.
    Recap {
        #[arg(long, default_value = "json", value_parser = ["json", "csv"])]
        format: String,
    },
    /// Venue sync over the local network (FORMATS.md §12).
    Venue {
        #[command(subcommand)]
        what: VenueWhat,
    },
    /// Jury agreement and rank stability (FORMATS.md §11) to stdout; warnings on stderr.
    Stats {
        #[arg(long, default_value = "json", value_parser = ["json", "csv"])]
        format: String,
        /// Bootstrap replicates (1–100000).
        #[arg(long, default_value_t = 2000)]
        replicates: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

#[derive(Subcommand)]
enum VenueWhat {
    /// The organiser's hub: merges the judges' pushes as `package merge` does; first line on
    /// stdout "listening on ADDR:PORT", then one line per push.
    Serve {
        /// ADDR:PORT to listen on (an address of this laptop on the venue network; port 0 picks one).
        #[arg(long)]
        listen: String,
        /// Stop after this many seconds (else on Ctrl-C).
        #[arg(long = "for")]
        for_secs: Option<u64>,
    },
    /// A judge's laptop sends what the hub has not yet acknowledged and prints the hub's answer.
    Push {
        #[arg(long)]
        to: String,
        /// Push again every SECONDS until stopped.
        #[arg(long)]
        watch: Option<u64>,
    },
}

#[derive(Subcommand)]
enum ExportWhat {
    /// The competition setup as JSON (stdout, or --out FILE).
    Setup {
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Proposals, judges, scores (FORMATS.md §4) and the recap per category as one .xlsx workbook.
    Xlsx(pdf::XlsxArgs),
    /// One table as .csv: proposals, judges, scores (long format) or the recap.
    Csv(pdf::CsvArgs),
    /// The monitoring tables (units, innovations, targets, reports, evaluations) as one .xlsx workbook.
    Monitoring {
        #[arg(long)]
        out: PathBuf,
    },
    /// Winners, finalists or chosen proposals with their dossiers for the next level (FORMATS.md §10):
    /// one ZIP (usulan.xlsx, isian.xlsx, evidence, manifest.json); what the next level will reject on stderr.
    Forwarding {
        #[arg(long, value_parser = ["winners", "finalists", "chosen"])]
        scope: String,
        /// With --scope chosen: the proposal codes, comma-separated.
        #[arg(long)]
        codes: Option<String>,
        #[arg(long)]
        out: PathBuf,
        /// The level noted in the monitoring registry for the innovations forwarded (that year).
        #[arg(long, default_value = "provinsi", value_parser = ["provinsi", "sinovik", "top99"])]
        level: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = Lang::parse(&cli.lang);
    let result = run(cli, lang);
    if std::env::var_os("JURI_REPORT_PEAK_RSS").is_some() {
        // For the benchmarks: the process's peak resident memory (Linux), on stderr.
        if let Some(line) = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        {
            eprintln!("peak {line}");
        }
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let prefix = lang.pick("juri: ditolak", "juri: refused");
            eprintln!("{prefix}: {}{}", input_prefix(&e), e.message(lang));
            if matches!(e, Error::Database(_) | Error::Migration(_)) {
                eprintln!("({e})");
            }
            ExitCode::from(2)
        }
    }
}

fn default_db() -> PathBuf {
    let base = std::env::var_os("JURI_DATA_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::current_exe().ok().and_then(|exe| juri_core::db::portable_data_dir(&exe)))
        .or_else(|| dirs::data_dir().map(|d| d.join(juri_core::db::APP_IDENTIFIER)))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join(juri_core::db::DB_FILE_NAME)
}

fn actor() -> Actor {
    let user = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).unwrap_or_else(|_| "cli".into());
    Actor::new(format!("{user} (cli)"))
}

fn device() -> String {
    std::fs::read_to_string("/etc/hostname")
        .map(|h| h.trim().to_string())
        .unwrap_or_else(|_| std::env::var("COMPUTERNAME").unwrap_or_default())
}

fn current_competition(db: &Db) -> Result<String, Error> {
    active_competition(db.conn())?
        .ok_or(Error::NotFound { what: juri_core::error::Entity::Competition, key: String::new() })
}

/// Largest input file the CLI reads whole (packages and kits have their own, smaller limits,
/// checked again by core); bounded so that a device such as /dev/zero cannot exhaust memory.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// The input file the command read last: a refusal of its content names it.
static INPUT_FILE: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

fn read_file(path: &Path) -> Result<Vec<u8>, Error> {
    *INPUT_FILE.lock().unwrap_or_else(|p| p.into_inner()) = Some(path.to_path_buf());
    juri_core::files::read_bounded(path, MAX_INPUT_BYTES)
}

/// "FILE: " before a refusal of a file's content (rows, fields, setup, package), so every refusal
/// says which file, row and field; empty for refusals that are not about an input file's content.
fn input_prefix(e: &Error) -> String {
    let about_content = matches!(
        e,
        Error::ImportRefused { .. }
            | Error::DossierRefused(_)
            | Error::ForwardingRefused(_)
            | Error::InvalidSetup(_)
            | Error::InvalidInput { .. }
            | Error::BadPackage(_)
    ) || matches!(e, Error::FileUnreadable(p) if !matches!(p,
        juri_core::error::FileProblem::Missing(_)
            | juri_core::error::FileProblem::NotAFile(_)
            | juri_core::error::FileProblem::CannotOpen { .. }
            | juri_core::error::FileProblem::CannotWrite { .. }
            | juri_core::error::FileProblem::InUse(_)
            | juri_core::error::FileProblem::WouldOverwriteDatabase(_)));
    let refused_merge = matches!(e, Error::BadPackage(juri_core::error::PackageProblem::Refused(_)));
    match INPUT_FILE.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
        Some(path) if about_content && !refused_merge => format!("{}: ", path.display()),
        _ => String::new(),
    }
}

/// Commands that only read: they open the database read-only, so a write-protected file or a
/// copy on a read-only stick works and nothing is ever written to it.
fn reads_only(command: &Command) -> bool {
    matches!(
        command,
        Command::Recap { .. }
            | Command::Stats { .. }
            | Command::Export { .. }
            | Command::Backup { .. }
            | Command::Competitions
            | Command::Ikm { .. }
            | Command::Package { what: sync::PackageWhat::Conflicts }
            | Command::Dossier { .. }
    )
}

fn run(cli: Cli, lang: Lang) -> Result<(), Error> {
    match cli.command {
        #[cfg(feature = "bench")]
        Command::Bench { what } => return bench::run(what, &cli.db.clone().unwrap_or_else(default_db), lang),
        Command::Pdf(args) => return pdf::run(args, &cli.db.clone().unwrap_or_else(default_db), lang),
        _ => {}
    }
    let db_path = cli.db.clone().unwrap_or_else(default_db);
    let mut db = if reads_only(&cli.command) { Db::open_for_reading(&db_path)? } else { Db::open(&db_path)? };
    let mut out = std::io::stdout().lock();
    let say = |id: &str, en: &str| lang.pick(id, en).to_string();
    match cli.command {
        Command::Init { config } => {
            let setup = Setup::from_json_bytes(&read_file(&config)?)?;
            let now = ids::now();
            let id = db.write(|tx| create_competition(tx, setup, &now))?;
            let c = load_competition(db.conn(), &id)?;
            writeln!(out, "{} {} ({id})", say("Kompetisi dibuat:", "Competition created:"), c.setup.name)?;
        }
        Command::Import { what } => imports::run(&mut db, what, lang)?,
        Command::Dossier { what } => dossier::run(&db, &db_path, what, lang)?,
        Command::Monitoring(args) => monitoring::run(&mut db, args, lang)?,
        Command::Paper(args) => {
            let comp = current_competition(&db)?;
            paper::run(&mut db, &comp, args, device())?
        }
        Command::Export { what: ExportWhat::Monitoring { out: file } } => monitoring::export_xlsx(&db, &file, lang)?,
        Command::Kit { what } => sync::kit(&mut db, &db_path, what, lang)?,
        Command::Package { what } => sync::package(&mut db, &db_path, what, lang)?,
        Command::Ikm { unit, period, format: _ } => {
            let r = juri_core::ikm::ikm_for(db.conn(), &unit, &period)?;
            writeln!(out, "{}", serde_json::to_string_pretty(&r).expect("IKM result serialises"))?;
        }
        Command::Recap { format } => {
            let comp = current_competition(&db)?;
            let (setup, proposals, scores) = juri_core::scoring::recap::ranking_inputs(db.conn(), &comp)?;
            let recap = juri_core::scoring::compute_ranking(&setup, &proposals, &scores);
            if format == "csv" {
                write!(out, "{}", juri_core::scoring::recap::recap_csv(&setup, &recap))?;
            } else {
                writeln!(out, "{}", juri_core::scoring::recap_json(&recap))?;
            }
        }
        Command::Venue { what: VenueWhat::Serve { listen, for_secs } } => {
            drop(db); // the hub opens its own writer
            drop(out); // its lines come from its own threads
            let mut out = std::io::stdout();
            let on_event: std::sync::Arc<dyn Fn(juri_venue::HubEvent) + Send + Sync> = std::sync::Arc::new(move |e| {
                let line = match e {
                    juri_venue::HubEvent::Merged { from, judge, answer } => {
                        format!("{from} {judge}: {}", counts(lang, &answer))
                    }
                    juri_venue::HubEvent::Refused { from, judge, reason } => format!(
                        "{from} {}: {} {reason}",
                        judge.unwrap_or_else(|| "?".into()),
                        lang.pick("ditolak:", "refused:")
                    ),
                };
                let mut o = std::io::stdout().lock();
                let _ = writeln!(o, "{line}");
                let _ = o.flush();
            });
            juri_venue::serve_blocking(
                &db_path,
                &listen,
                for_secs,
                lang,
                |addr| {
                    let _ = writeln!(out, "listening on {addr}");
                    let _ = out.flush();
                },
                on_event,
            )?;
        }
        Command::Venue { what: VenueWhat::Push { to, watch } } => {
            drop(db);
            let device = format!("cli-{}", std::process::id());
            loop {
                match juri_venue::push_blocking(&db_path, &to, &device) {
                    Ok(a) => writeln!(
                        out,
                        "{}: {}",
                        lang.pick("Terkirim ke panitia", "Sent to the organiser"),
                        counts(lang, &a)
                    )?,
                    // Watching, an unreachable or refusing hub is said and tried again later.
                    Err(Error::BadPackage(
                        p @ (juri_core::error::PackageProblem::HubUnreachable(_)
                        | juri_core::error::PackageProblem::HubRefused(_)),
                    )) if watch.is_some() => eprintln!("{}", p.message(lang)),
                    Err(e) => return Err(e),
                }
                out.flush()?;
                match watch {
                    Some(s) => std::thread::sleep(std::time::Duration::from_secs(s.max(1))),
                    None => break,
                }
            }
        }
        Command::Stats { format, replicates, seed } => {
            let comp = current_competition(&db)?;
            let opts = juri_core::reliability::StatsOptions { replicates, seed, ..Default::default() };
            let report = juri_core::reliability::jury_statistics(db.conn(), &comp, opts, &|| false)?
                .expect("the CLI never cancels");
            for w in &report.warnings {
                eprintln!("{}", w.message(lang));
            }
            if format == "csv" {
                write!(out, "{}", juri_core::reliability::stats_csv(&report.stats))?;
            } else {
                writeln!(out, "{}", serde_json::to_string_pretty(&report.stats).expect("statistics serialise"))?;
            }
        }
        Command::Export { what: ExportWhat::Setup { out: file } } => {
            let comp = current_competition(&db)?;
            let json = load_competition(db.conn(), &comp)?.setup.to_json();
            match file {
                Some(f) => juri_core::files::write_atomic(&f, (json + "\n").as_bytes(), Some(&db_path))?,
                None => writeln!(out, "{json}")?,
            }
        }
        Command::Demo { unscored } => {
            let now = ids::now();
            let actor = actor();
            let id = db.write(|tx| {
                if unscored {
                    juri_core::demo::create_practice_demo(tx, &actor, &now)
                } else {
                    juri_core::demo::create_full_demo(tx, &actor, &now)
                }
            })?;
            writeln!(out, "{} {} ({id})", say("Contoh dibuat:", "Demo created:"), juri_core::demo::DEMO_NAME)?;
        }
        Command::Backup { out: file } => backup(&db, &file, lang)?,
        Command::Export { what: ExportWhat::Xlsx(args) } => pdf::export_xlsx(&db, args, lang)?,
        Command::Export { what: ExportWhat::Csv(args) } => pdf::export_csv(&db, args, lang)?,
        Command::Export { what: ExportWhat::Forwarding { scope, codes, out, level } } => {
            forwarding::export(&mut db, &db_path, &scope, codes.as_deref(), &out, &level, lang)?
        }
        #[cfg(feature = "bench")]
        Command::Bench { .. } => unreachable!("handled before opening a database"),
        Command::Pdf(_) => unreachable!("handled before opening a database"),
        Command::Competitions => {
            for c in juri_core::competition::list_competitions(db.conn())? {
                writeln!(out, "{}\t{}\t{}\t{} proposal", c.id, c.year, c.name, c.proposals)?;
            }
        }
    }
    Ok(())
}

/// `juri backup --out FILE`: a consistent copy while the app runs (never onto the database itself).
fn backup(db: &Db, file: &Path, lang: Lang) -> Result<(), Error> {
    let info = juri_core::backup::backup_to(db, file)?;
    println!(
        "{} {} ({} {}, {} {})",
        lang.pick("Cadangan ditulis:", "Backup written:"),
        file.display(),
        info.competitions,
        lang.pick("kompetisi", "competitions"),
        info.proposals,
        lang.pick("proposal", "proposals")
    );
    Ok(())
}

/// The hub's answer to a push, in the words of `package merge`'s line for a package.
fn counts(lang: Lang, a: &juri_core::sync::venue::VenueAnswer) -> String {
    sync::merge_counts(lang, [a.new, a.changed, a.unchanged, a.already_merged, a.conflicts, a.refused_events])
}
