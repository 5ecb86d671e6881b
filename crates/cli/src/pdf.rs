//! `juri pdf …` (the print-ready documents of DOMAIN.md §6) and `juri export xlsx|csv`
//! (spreadsheets that re-import): argument parsing and file writing over juri-documents.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use juri_core::competition::active_competition;
use juri_core::db::Db;
use juri_core::documents_settings::{load_document_settings, save_document_settings, save_logo, settings_with_json};
use juri_core::{Error, Lang, ids};
use juri_documents::{DocData, DocError, Recipients, SheetOptions, SkList, export};

/// A line on stdout; a closed pipe is an error to report, not a panic.
macro_rules! say {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout(), $($arg)*)?
    };
}

#[derive(Args)]
pub struct PdfArgs {
    #[command(subcommand)]
    what: PdfWhat,
}

#[derive(Subcommand)]
enum PdfWhat {
    /// Piagam penghargaan / sertifikat in one PDF (landscape A4).
    Certificates {
        /// Who gets one: winners (Juara per category quota), finalists, or everyone who took part.
        #[arg(long, default_value = "winners", value_parser = ["winners", "finalists", "participants"])]
        recipients: String,
        #[arg(long)]
        out: PathBuf,
        /// Also write one PDF per recipient into this folder.
        #[arg(long)]
        each: Option<PathBuf>,
    },
    /// Rekapitulasi nilai per category (landscape A4), one stage or all.
    Recap {
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Lembar penilaian: blank for paper scoring, or filled from the recorded scores.
    ScoreSheets {
        /// Stage code (default: the first stage).
        #[arg(long)]
        stage: Option<String>,
        #[arg(long)]
        judge: Option<String>,
        #[arg(long)]
        proposal: Option<String>,
        #[arg(long)]
        filled: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// The screening checklist of the proposal dossiers (FORMATS.md §9): per proposal, the sections
    /// filled in, the summary's words, the evidence files, the findings and the decision. An --out
    /// ending in .xlsx writes the spreadsheet instead of the PDF.
    Checklist {
        #[arg(long)]
        out: PathBuf,
    },
    /// Berita acara of the plenary.
    BeritaAcara {
        #[arg(long)]
        out: PathBuf,
    },
    /// Lampiran berita acara: jury agreement, judges' severity and rank certainty (FORMATS.md §11).
    Reliability {
        #[arg(long)]
        out: PathBuf,
        #[arg(long, default_value_t = 2000)]
        replicates: u32,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Lampiran SK with the winners; with --finalists the finalist announcement (alphabetical).
    Sk {
        #[arg(long)]
        finalists: bool,
        #[arg(long)]
        out: PathBuf,
    },
    /// Quarterly monitoring report (laporan monev): every monitored innovation, or one unit's.
    Monitoring {
        #[arg(long)]
        year: i32,
        /// 1–4 (TW I–IV).
        #[arg(long)]
        quarter: u8,
        /// A unit code or name; all units when absent.
        #[arg(long)]
        unit: Option<String>,
        /// The day the report is made, YYYY-MM-DD (what is overdue; the date above the signature). Default: today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// IKM report of a service unit and period (PermenPANRB 14/2017).
    Ikm {
        /// A unit code or name as in the survey file.
        #[arg(long)]
        unit: String,
        #[arg(long)]
        period: String,
        /// People served in the period, for the minimum sample (Krejcie and Morgan).
        #[arg(long)]
        population: Option<u32>,
        /// The date above the signature, YYYY-MM-DD. Default: today.
        #[arg(long)]
        today: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Document settings (letterhead, dates, signatories, texts) as JSON; --set FILE saves them.
    Settings {
        #[arg(long)]
        set: Option<PathBuf>,
        /// A PNG or JPEG logo for the letterhead and certificates.
        #[arg(long)]
        logo: Option<PathBuf>,
        /// Remove the logo.
        #[arg(long, conflicts_with = "logo")]
        no_logo: bool,
    },
}

#[derive(Args)]
pub struct XlsxArgs {
    #[arg(long)]
    out: PathBuf,
    /// Only the scores, one sheet in the long format (re-imports with `juri import scores`).
    #[arg(long)]
    scores_only: bool,
}

#[derive(Args)]
pub struct CsvArgs {
    #[arg(value_parser = ["proposals", "judges", "scores", "recap", "certificate-register"])]
    what: String,
    #[arg(long)]
    out: PathBuf,
}

/// A document error as the core's error; one the core has no variant for is reported here.
pub(crate) fn core_error(e: DocError, lang: Lang) -> Error {
    match e {
        DocError::Core(e) => e,
        DocError::Io(e) => Error::Io(e),
        other => {
            eprintln!("{}: {}", lang.pick("juri: ditolak", "juri: refused"), other.message(lang));
            std::process::exit(2);
        }
    }
}

fn competition(db: &Db) -> Result<String, Error> {
    active_competition(db.conn())?
        .ok_or(Error::NotFound { what: juri_core::error::Entity::Competition, key: String::new() })
}

/// Writes an output file atomically (a temporary file renamed over it); refused when `path` is
/// the open database `db` or one of its journals, with the database untouched.
fn write(path: &Path, bytes: &[u8], db: &Path, lang: Lang) -> Result<(), Error> {
    juri_core::files::check_not_database(path, db)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    juri_core::files::write_atomic(path, bytes, Some(db))?;
    say!(
        "{} {} ({} {})",
        lang.pick("Ditulis:", "Written:"),
        path.display(),
        juri_core::format_id::decimal(bytes.len() as f64, 0),
        lang.pick("bita", "bytes")
    );
    Ok(())
}

pub fn run(args: PdfArgs, db_path: &Path, lang: Lang) -> Result<(), Error> {
    // Documents only read; settings may write, and so does a certificate batch (its numbers go
    // into the register). Reading opens the database read-only.
    let mut db = match &args.what {
        PdfWhat::Settings { set: None, logo: None, no_logo: false } => Db::open_for_reading(db_path)?,
        PdfWhat::Settings { .. } | PdfWhat::Certificates { .. } => Db::open(db_path)?,
        _ => Db::open_for_reading(db_path)?,
    };
    let err = |e| core_error(e, lang);
    // Monitoring and IKM reports belong to no competition (innovations outlive them).
    let today = |t: Option<String>| t.unwrap_or_else(|| ids::now()[..10].to_string());
    match args.what {
        PdfWhat::Monitoring { year, quarter, unit, today: day, out } => {
            let opts = juri_documents::MonitoringOptions { year, quarter, today: today(day), unit };
            return write(&out, &juri_documents::monitoring_pdf(db.conn(), &opts).map_err(err)?, db_path, lang);
        }
        PdfWhat::Ikm { unit, period, population, today: day, out } => {
            let opts = juri_documents::IkmOptions { unit, period, today: today(day), population };
            return write(&out, &juri_documents::ikm_pdf(db.conn(), &opts).map_err(err)?, db_path, lang);
        }
        _ => {}
    }
    let comp = competition(&db)?;
    if let PdfWhat::Settings { set, logo, no_logo } = &args.what {
        return settings(&mut db, &comp, set.as_deref(), logo.as_deref(), *no_logo, lang);
    }
    // A batch of certificates takes its numbers from the register (given now when new).
    if let PdfWhat::Certificates { recipients, out, each } = &args.what {
        // (an output that is the database is refused before anything is written)
        juri_core::files::check_not_database(out, db_path)?;
        if let Some(dir) = each {
            juri_core::files::check_not_database(dir, db_path)?;
        }
        let who = recipients_of(recipients);
        let now = juri_core::ids::now();
        db.write(|tx| juri_documents::register_certificates(tx, &comp, who, &now))?;
    }
    let data = DocData::load(db.conn(), &comp).map_err(err)?;
    match args.what {
        PdfWhat::Certificates { recipients, out, each } => {
            let who = recipients_of(&recipients);
            let all = juri_documents::certificates_pdf(&data, who).map_err(err)?;
            // The batch first, all or nothing; then the one PDF, and the batch is taken back when
            // that fails, so a refused command leaves nothing behind.
            let files = match &each {
                Some(dir) => juri_documents::write_certificates_each(&data, who, dir, Some(db_path), &mut |_, _| true)
                    .map_err(err)?,
                None => Vec::new(),
            };
            if let Err(e) = write(&out, &all, db_path, lang) {
                for f in &files {
                    let _ = std::fs::remove_file(f);
                }
                return Err(e);
            }
            if let Some(dir) = each {
                say!("{} {} {}", files.len(), lang.pick("berkas ditulis ke", "files written to"), dir.display());
            }
        }
        PdfWhat::Recap { stage, out } => {
            write(&out, &juri_documents::recap_pdf(&data, stage.as_deref()).map_err(err)?, db_path, lang)?
        }
        PdfWhat::ScoreSheets { stage, judge, proposal, filled, out } => {
            let opts = SheetOptions { stage, judge, proposal, filled };
            write(&out, &juri_documents::score_sheets_pdf(db.conn(), &data, &opts).map_err(err)?, db_path, lang)?
        }
        PdfWhat::BeritaAcara { out } => {
            write(&out, &juri_documents::berita_acara_pdf(&data).map_err(err)?, db_path, lang)?
        }
        PdfWhat::Reliability { out, replicates, seed } => {
            let opts = juri_core::reliability::StatsOptions { replicates, seed, ..Default::default() };
            let report = juri_core::reliability::jury_statistics(db.conn(), &data.competition.id, opts, &|| false)?
                .expect("the CLI never cancels");
            let bytes = juri_documents::reliability_pdf(&data, &report, replicates, seed).map_err(err)?;
            write(&out, &bytes, db_path, lang)?
        }
        PdfWhat::Checklist { out } => {
            let xlsx = out.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
            let bytes = if xlsx {
                juri_documents::checklist_xlsx(db.conn(), &data)
            } else {
                juri_documents::checklist_pdf(db.conn(), &data)
            };
            write(&out, &bytes.map_err(err)?, db_path, lang)?
        }
        PdfWhat::Sk { finalists, out } => {
            let list = if finalists { SkList::Finalists } else { SkList::Winners };
            write(&out, &juri_documents::sk_pdf(&data, list).map_err(err)?, db_path, lang)?
        }
        PdfWhat::Settings { .. } | PdfWhat::Monitoring { .. } | PdfWhat::Ikm { .. } => {
            unreachable!("handled above")
        }
    }
    Ok(())
}

fn settings(
    db: &mut Db,
    comp: &str,
    set: Option<&Path>,
    logo: Option<&Path>,
    no_logo: bool,
    lang: Lang,
) -> Result<(), Error> {
    let now = ids::now();
    if let Some(file) = set {
        // Bounded: a settings file is a few kilobytes; a device or a huge file is refused.
        let bytes = juri_core::files::read_bounded(file, 1 << 20)?;
        let text =
            String::from_utf8(bytes).map_err(|_| Error::FileUnreadable(juri_core::error::FileProblem::NotText))?;
        let s = settings_with_json(&load_document_settings(db.conn(), comp)?, &text)?;
        db.write(|tx| save_document_settings(tx, comp, &s, &now))?;
        say!("{}", lang.pick("Pengaturan dokumen disimpan.", "Document settings saved."));
    }
    if let Some(file) = logo {
        // Bounded read; save_logo decodes, bounds and normalises the picture before storing it.
        let limit = juri_core::documents_settings::MAX_LOGO_BYTES as u64;
        let bytes = juri_core::files::read_bounded(file, limit)?;
        db.write(|tx| save_logo(tx, comp, Some(&bytes), &now))?;
        say!("{}", lang.pick("Logo disimpan.", "Logo saved."));
    }
    if no_logo {
        db.write(|tx| save_logo(tx, comp, None, &now))?;
        say!("{}", lang.pick("Logo dihapus.", "Logo removed."));
    }
    if set.is_none() && logo.is_none() && !no_logo {
        let s = load_document_settings(db.conn(), comp)?;
        say!("{}", serde_json::to_string_pretty(&s).expect("settings serialise"));
    }
    Ok(())
}

/// `juri export xlsx`: the workbook (or the scores alone).
pub fn export_xlsx(db: &Db, args: XlsxArgs, lang: Lang) -> Result<(), Error> {
    let comp = competition(db)?;
    let err = |e| core_error(e, lang);
    let data = DocData::load(db.conn(), &comp).map_err(err)?;
    let bytes = if args.scores_only {
        export::scores_xlsx(db.conn(), &data).map_err(err)?
    } else {
        export::workbook_xlsx(db.conn(), &data).map_err(err)?
    };
    write(&args.out, &bytes, db.path(), lang)
}

/// `juri export csv WHAT`.
pub fn export_csv(db: &Db, args: CsvArgs, lang: Lang) -> Result<(), Error> {
    let comp = competition(db)?;
    let err = |e| core_error(e, lang);
    let data = DocData::load(db.conn(), &comp).map_err(err)?;
    let text = match args.what.as_str() {
        "proposals" => export::proposals_csv(&data),
        "judges" => export::judges_csv(&data),
        "scores" => export::scores_csv(db.conn(), &data).map_err(err)?,
        "certificate-register" => export::certificate_register_csv(db.conn(), &data).map_err(err)?,
        _ => export::recap_table_csv(&data).map_err(err)?,
    };
    write(&args.out, text.as_bytes(), db.path(), lang)
}

fn recipients_of(arg: &str) -> Recipients {
    match arg {
        "finalists" => Recipients::Finalists,
        "participants" => Recipients::Participants,
        _ => Recipients::Winners,
    }
}
