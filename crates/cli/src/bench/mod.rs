//! `juri bench ...` (built with `--features bench` only): timing runs on generated data for
//! BENCHMARKS.md (run them in release), the crash-safety pass (SIGKILLs a writer) and the importer
//! fuzz pass. None of it ships in the juri that users get.

mod crash;
pub mod documents;
mod fuzz;
mod monitoring;
mod scale;
mod sync;
mod venue;

use std::path::Path;

use clap::Subcommand;
use juri_core::{Error, Lang};

pub use scale::scale_setup;

#[derive(Subcommand)]
pub enum BenchWhat {
    /// Saves scores one durable transaction at a time, printing "ACK ..." after each commit.
    ScoreWriter {
        #[arg(long, default_value_t = 0)]
        start: usize,
        #[arg(long, default_value_t = 1000)]
        count: usize,
    },
    /// Score import at scale, the recap over it, and durable single-score saves.
    Scores {
        #[arg(long, default_value_t = 3000)]
        proposals: usize,
        #[arg(long, default_value_t = 9)]
        judges: usize,
        #[arg(long, default_value_t = 2000)]
        saves: usize,
    },
    /// `juri stats` (alpha, judges, bootstrap) over proposals × judges × 2 stages, in its own process.
    Stats {
        #[arg(long, default_value_t = 3000)]
        proposals: usize,
        #[arg(long, default_value_t = 9)]
        judges: usize,
        #[arg(long, default_value_t = 2000)]
        replicates: u32,
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// The venue hub with nine judges pushing over loopback: latency, throughput, idle memory.
    Venue {
        /// Pushes of one saved score per judge.
        #[arg(long, default_value_t = 40)]
        rounds: usize,
    },
    /// Nine judges' packages merged into a master, the same merge again, one package export.
    Merge {
        #[arg(long, default_value_t = 3000)]
        proposals: usize,
        #[arg(long, default_value_t = 9)]
        judges: usize,
    },
    /// SIGKILLs the score writer at random moments, then checks every acknowledged edit survived.
    Crash {
        #[arg(long, default_value_t = 50)]
        kills: usize,
        #[arg(long, default_value_t = 0)]
        min_edits: usize,
    },
    /// IKM import and index over many respondents of one unit and period.
    Ikm {
        #[arg(long, default_value_t = 100_000)]
        respondents: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// The monitoring dashboard over generated innovations, indicators and quarterly reports.
    Dashboard {
        #[arg(long, default_value_t = 500)]
        innovations: usize,
        #[arg(long, default_value_t = 8)]
        quarters: usize,
        #[arg(long, default_value_t = 4)]
        indicators: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
    /// Single-score saves while a full XLSX workbook and a recap PDF are made in a loop on
    /// read-only connections (one writer, readers with their own snapshot, as in the app).
    SavesDuringExport {
        #[arg(long, default_value_t = 3000)]
        proposals: usize,
        #[arg(long, default_value_t = 9)]
        judges: usize,
        #[arg(long, default_value_t = 500)]
        saves: usize,
    },
    /// Damaged files from a seed through every importer until the time is up; any panic, untyped
    /// error or refusal that changed the database stops it (the input is saved).
    FuzzImport {
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// The documents on generated data: certificates, recap, workbook of a full jury.
    Documents {
        #[arg(long, default_value_t = 1000)]
        certificates: usize,
        #[arg(long, default_value_t = 3000)]
        rows: usize,
        /// Proposals of the XLSX run (× 9 judges × 12 criteria: 3,000 gives 324,000 scores).
        #[arg(long, default_value_t = 3000)]
        xlsx_proposals: usize,
    },
    /// Import of a generated proposals XLSX into a fresh database.
    ImportProposals {
        #[arg(long, default_value_t = 3000)]
        rows: usize,
        #[arg(long, default_value_t = 5)]
        runs: usize,
    },
}

/// Runs one bench; `db` is the database of `score-writer` (the crash pass's child).
pub fn run(what: BenchWhat, db: &Path, lang: Lang) -> Result<(), Error> {
    match what {
        BenchWhat::FuzzImport { seconds, seed } => fuzz::fuzz_import(seconds, seed),
        BenchWhat::ImportProposals { rows, runs } => scale::import_proposals(rows, runs),
        BenchWhat::Scores { proposals, judges, saves } => scale::scores(proposals, judges, saves),
        BenchWhat::SavesDuringExport { proposals, judges, saves } => {
            scale::saves_during_export(proposals, judges, saves)
        }
        BenchWhat::Stats { proposals, judges, replicates, runs } => scale::stats(proposals, judges, replicates, runs),
        BenchWhat::Merge { proposals, judges } => sync::merge(proposals, judges),
        BenchWhat::Venue { rounds } => venue::run(rounds),
        BenchWhat::Crash { kills, min_edits } => crash::run(&std::env::current_exe()?, kills, min_edits),
        BenchWhat::ScoreWriter { start, count } => crash::writer(db, start, count),
        BenchWhat::Ikm { respondents, runs } => monitoring::ikm(respondents, runs),
        BenchWhat::Dashboard { innovations, quarters, indicators, runs } => {
            monitoring::dashboard(innovations, quarters, indicators, runs)
        }
        BenchWhat::Documents { certificates, rows, xlsx_proposals } => {
            documents::run(certificates, rows, xlsx_proposals).map_err(|e| crate::pdf::core_error(e, lang))
        }
    }
}
