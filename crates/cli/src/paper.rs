//! `juri paper …`: double entry of paper score sheets over juri-core (status, show, enter, pick,
//! decide), on the current competition.

use std::io::Write;

use clap::{Args, Subcommand};
use juri_core::db::Db;
use juri_core::error::InputProblem;
use juri_core::paper::{self, PaperContext, PaperEntryInput, PaperKey, PaperValue};
use juri_core::{Error, ids};

#[derive(Args)]
pub struct PaperArgs {
    #[command(subcommand)]
    what: PaperWhat,
}

/// The sheet: stage × judge × proposal.
#[derive(Args)]
struct SheetArgs {
    #[arg(long)]
    stage: String,
    #[arg(long)]
    judge: String,
    #[arg(long)]
    proposal: String,
}

#[derive(Subcommand)]
enum PaperWhat {
    /// Status of every sheet of a judge in a stage: code, status, typists, open differences.
    Status {
        #[arg(long)]
        stage: String,
        #[arg(long)]
        judge: String,
    },
    /// One sheet with both entries side by side, as JSON.
    Show {
        #[command(flatten)]
        sheet: SheetArgs,
    },
    /// Type one entry (1 or 2) of a sheet: VALUES as criterion=value (decimal comma or point;
    /// `criterion=` for a blank on paper). Both entries agreeing reconcile the sheet at once.
    Enter {
        #[command(flatten)]
        sheet: SheetArgs,
        #[arg(long, value_parser = clap::value_parser!(u8).range(1..=2))]
        entry: u8,
        /// Who typed it (entry 1 and entry 2 must be two different people).
        #[arg(long)]
        staff: String,
        #[arg(required = true)]
        values: Vec<String>,
    },
    /// Settle a difference: the value on paper, one of the two typed ones.
    Pick {
        #[command(flatten)]
        sheet: SheetArgs,
        #[arg(long)]
        criterion: String,
        #[arg(long)]
        value: String,
        #[arg(long)]
        staff: String,
        #[arg(long)]
        reason: String,
    },
    /// Decide an agreed paper value that differs from the judge's digital score.
    Decide {
        #[command(flatten)]
        sheet: SheetArgs,
        #[arg(long)]
        criterion: String,
        #[arg(long, value_parser = ["paper", "digital"])]
        take: String,
        #[arg(long)]
        staff: String,
        #[arg(long)]
        reason: String,
    },
}

fn key(s: SheetArgs) -> PaperKey {
    PaperKey { stage: s.stage, judge: s.judge, proposal: s.proposal }
}

fn number(text: &str) -> Result<f64, Error> {
    juri_core::text::parse_decimal(text)
        .ok_or_else(|| Error::InvalidInput { field: "nilai", problem: InputProblem::NotANumber(text.to_string()) })
}

fn values(pairs: &[String]) -> Result<Vec<PaperValue>, Error> {
    pairs
        .iter()
        .map(|p| {
            let (criterion, value) = p
                .split_once('=')
                .ok_or_else(|| Error::InvalidInput { field: "nilai", problem: InputProblem::NotANumber(p.clone()) })?;
            let value = if value.trim().is_empty() { None } else { Some(number(value)?) };
            Ok(PaperValue { criterion: criterion.trim().to_string(), value })
        })
        .collect()
}

pub fn run(db: &mut Db, competition_id: &str, args: PaperArgs, device: String) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    let ctx = |staff: &str| PaperContext { staff: staff.to_string(), device: device.clone(), now: ids::now() };
    let sheet = match args.what {
        PaperWhat::Status { stage, judge } => {
            for r in db.read(|tx| paper::paper_sheets(tx, competition_id, &stage, &judge))? {
                let status = if r.recused {
                    "kk".to_string()
                } else {
                    serde_json::to_string(&r.status).expect("status serialises")
                };
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}",
                    r.proposal,
                    status.trim_matches('"'),
                    r.entry_one.unwrap_or_default(),
                    r.entry_two.unwrap_or_default(),
                    r.differences
                )?;
            }
            return Ok(());
        }
        PaperWhat::Show { sheet } => db.read(|tx| paper::paper_sheet(tx, competition_id, &key(sheet)))?,
        PaperWhat::Enter { sheet, entry, staff, values: pairs } => {
            let input = PaperEntryInput {
                stage: sheet.stage,
                judge: sheet.judge,
                proposal: sheet.proposal,
                slot: entry,
                staff: staff.clone(),
                values: values(&pairs)?,
            };
            let c = ctx(&staff);
            db.write(|tx| paper::save_paper_entry(tx, competition_id, &input, &c))?
        }
        PaperWhat::Pick { sheet, criterion, value, staff, reason } => {
            let (k, v, c) = (key(sheet), number(&value)?, ctx(&staff));
            db.write(|tx| paper::resolve_paper_difference(tx, competition_id, &k, &criterion, v, &reason, &c))?
        }
        PaperWhat::Decide { sheet, criterion, take, staff, reason } => {
            let (k, c) = (key(sheet), ctx(&staff));
            db.write(|tx| {
                paper::resolve_paper_conflict(tx, competition_id, &k, &criterion, take == "paper", &reason, &c)
            })?
        }
    };
    writeln!(out, "{}", serde_json::to_string_pretty(&sheet).expect("sheet serialises"))?;
    Ok(())
}
