//! What this laptop may do, decided in one place. The organiser's laptop (the master) does
//! everything. A judge's laptop, made by opening a judge kit, scores that judge's own sheets and
//! sends score packages; the organiser's work (documents, setup, paper entry, kits, merges) is
//! refused there. Every entry point — app command, CLI, import, documents — asks here, so a rule
//! cannot hold in the app and not on the command line.

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, Result};

/// Whose laptop this database is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    Organiser,
    /// A judge's laptop, with the judge's code.
    Judge(String),
}

impl Role {
    /// The judge's code on a judge's laptop.
    pub fn judge(&self) -> Option<&str> {
        match self {
            Role::Judge(code) => Some(code),
            Role::Organiser => None,
        }
    }
}

/// The organiser's work that a judge's laptop does not do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum OrganiserTask {
    /// Certificates, recaps, minutes, score sheets, exports, monitoring reports.
    Documents,
    /// Editing the competition setup (a judge's laptop keeps the kit's).
    Setup,
    /// Typing paper score sheets.
    PaperEntry,
    /// Making judge kits.
    KitExport,
    /// Merging judges' packages.
    Merge,
    /// Importing and editing proposal dossiers (a judge's laptop holds the kit's copy).
    Dossiers,
    /// The plenary's reliability figures and discussion queue (every judge's scores).
    Plenary,
}

/// The role of the laptop holding this database.
pub fn role(conn: &Connection) -> Result<Role> {
    Ok(match crate::sync::judge_mode(conn)? {
        Some(code) => Role::Judge(code),
        None => Role::Organiser,
    })
}

/// Refuses the organiser's `task` on a judge's laptop.
pub fn require_organiser(conn: &Connection, task: OrganiserTask) -> Result<()> {
    match role(conn)? {
        Role::Organiser => Ok(()),
        Role::Judge(_) => Err(Error::NotOnJudgeLaptop(task)),
    }
}

/// Refuses scoring as `judge` on another judge's laptop (the organiser's laptop scores for anyone).
pub fn require_own_scores(conn: &Connection, judge: &str) -> Result<()> {
    match role(conn)? {
        Role::Judge(me) if !me.eq_ignore_ascii_case(judge.trim()) => {
            Err(Error::BadPackage(crate::error::PackageProblem::NotThisJudge {
                package: judge.to_string(),
                database: me,
            }))
        }
        _ => Ok(()),
    }
}
