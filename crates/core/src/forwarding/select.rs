//! Which proposals go to the next level (winners, finalists or chosen ones) and what the next level
//! will reject in them (the readiness check the organiser sees before exporting).

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::competition::load_competition;
use crate::dossier::{self, FindingKind, StoredFile};
use crate::error::{Entity, Error, Result};
use crate::scoring::recap::recap_for_competition;
use crate::scoring::{is_finalist, is_winner};

/// Which proposals a forwarding carries (FORMATS.md §10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Ranked within the category's quota (3 when the quota is 0).
    Winners,
    /// Ranked in the final.
    Finalists,
    /// The codes given.
    Chosen,
}

impl Scope {
    pub fn parse(s: &str) -> Option<Scope> {
        match s.trim().to_ascii_lowercase().as_str() {
            "winners" => Some(Scope::Winners),
            "finalists" => Some(Scope::Finalists),
            "chosen" => Some(Scope::Chosen),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Winners => "winners",
            Scope::Finalists => "finalists",
            Scope::Chosen => "chosen",
        }
    }
}

/// The scope as a file name says it, in Indonesian: `pemenang`, `finalis`, `pilihan`.
pub fn scope_label(scope: Scope) -> &'static str {
    match scope {
        Scope::Winners => "pemenang",
        Scope::Finalists => "finalis",
        Scope::Chosen => "pilihan",
    }
}

/// What the next level will reject in a forwarded proposal; the organiser may still export it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Readiness {
    OverWordLimit {
        section: String,
    },
    MissingSection {
        section: String,
    },
    NoFiles,
    /// No start year: the next level checks how long the innovation has run.
    NoStartYear,
    /// Started less than a year before the competition's year (KIPP asks for at least one year in use).
    TooRecent {
        start_year: i32,
    },
    /// Neither a telephone number nor an e-mail address, or no contact person.
    NoContact,
}

/// One evidence file of a forwarded proposal and its path in the ZIP.
#[derive(Debug, Clone)]
pub struct ForwardedFile {
    /// `KODE/NAME`, or `KODE/SECTION/NAME` for a file tied to a section.
    pub path: String,
    pub(crate) stored: StoredFile,
}

/// A proposal as it is forwarded.
#[derive(Debug, Clone)]
pub struct ForwardedProposal {
    pub code: String,
    pub title: String,
    /// Category code.
    pub category: String,
    pub unit: String,
    pub unit_type: String,
    pub innovator: String,
    pub start_year: Option<i32>,
    pub rank: Option<u32>,
    pub final_score: Option<f64>,
    /// The recap status code (FORMATS.md §8): `ranked`, `not_finalist`, …
    pub status: String,
    /// Every dossier section in setup order: (code, text; '' when not filled in).
    pub sections: Vec<(String, String)>,
    pub videos: Vec<String>,
    pub files: Vec<ForwardedFile>,
    pub readiness: Vec<Readiness>,
}

/// Everything a forwarding ZIP holds, read from the database.
#[derive(Debug, Clone)]
pub struct Forwarding {
    pub organiser: String,
    pub competition: String,
    pub year: i32,
    pub scope: Scope,
    /// Section codes in setup order (the columns of `usulan.xlsx` and `isian.xlsx`).
    pub sections: Vec<String>,
    pub proposals: Vec<ForwardedProposal>,
}

/// A forwarding as the organiser checks it before saving the ZIP.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ForwardingOverview {
    pub scope: Scope,
    pub proposals: Vec<ForwardedSummary>,
    pub files: u32,
    #[ts(type = "number")]
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ForwardedSummary {
    pub code: String,
    pub title: String,
    pub category: String,
    pub unit: String,
    pub rank: Option<u32>,
    pub final_score: Option<f64>,
    pub files: u32,
    pub readiness: Vec<Readiness>,
}

impl Forwarding {
    pub fn overview(&self) -> ForwardingOverview {
        let files = self.proposals.iter().flat_map(|p| &p.files);
        ForwardingOverview {
            scope: self.scope,
            files: files.clone().count() as u32,
            bytes: files.map(|f| f.stored.bytes).sum(),
            proposals: self
                .proposals
                .iter()
                .map(|p| ForwardedSummary {
                    code: p.code.clone(),
                    title: p.title.clone(),
                    category: p.category.clone(),
                    unit: p.unit.clone(),
                    rank: p.rank,
                    final_score: p.final_score,
                    files: p.files.len() as u32,
                    readiness: p.readiness.clone(),
                })
                .collect(),
        }
    }
}

/// The proposals of `scope` (for `Chosen`, the `codes` given, each once) in category order, then
/// rank, then code, with their dossiers and readiness findings. An unknown chosen code is an error.
pub fn forwarding_selection(
    conn: &Connection,
    competition_id: &str,
    scope: Scope,
    codes: &[String],
) -> Result<Forwarding> {
    crate::laptop::require_organiser(conn, crate::laptop::OrganiserTask::Documents)?;
    let comp = load_competition(conn, competition_id)?;
    let recap = recap_for_competition(conn, competition_id)?.recap;
    let chosen: Vec<String> = codes.iter().map(|c| crate::text::match_key(c)).collect();
    for (code, key) in codes.iter().zip(&chosen) {
        let known = recap.categories.iter().flat_map(|c| &c.rows).any(|r| crate::text::match_key(&r.proposal) == *key);
        if !known {
            return Err(Error::NotFound { what: Entity::Proposal, key: code.clone() });
        }
    }
    let dossier_setup = comp.setup.dossier.clone().unwrap_or_default();
    let sections: Vec<String> = dossier_setup.sections.iter().map(|s| s.code.clone()).collect();
    let mut proposals = Vec::new();
    for cat in &recap.categories {
        let quota = comp.setup.find_category(&cat.code).map(|c| c.quota).unwrap_or(0);
        for row in &cat.rows {
            let take = match scope {
                Scope::Winners => is_winner(row.status, row.rank, quota),
                Scope::Finalists => is_finalist(row.status),
                Scope::Chosen => chosen.contains(&crate::text::match_key(&row.proposal)),
            };
            if take {
                proposals.push(forwarded(conn, competition_id, comp.setup.year, &dossier_setup, &cat.code, row)?);
            }
        }
    }
    Ok(Forwarding {
        organiser: comp.setup.organiser.clone(),
        competition: comp.setup.name.clone(),
        year: comp.setup.year,
        scope,
        sections,
        proposals,
    })
}

fn forwarded(
    conn: &Connection,
    competition_id: &str,
    year: i32,
    setup: &dossier::DossierSetup,
    category: &str,
    row: &crate::scoring::RecapRow,
) -> Result<ForwardedProposal> {
    let p = crate::proposals::find_proposal_by_code(conn, competition_id, &row.proposal)?
        .ok_or_else(|| Error::NotFound { what: Entity::Proposal, key: row.proposal.clone() })?;
    let texts = dossier::stored_texts(conn, &p.id)?;
    let mut files = dossier::stored_files(conn, &p.id)?;
    dossier::sort_files(Some(setup), &mut files);
    let mut readiness: Vec<Readiness> = dossier::findings(setup, &texts, files.len())
        .into_iter()
        .map(|f| match f.kind {
            FindingKind::OverWordLimit => Readiness::OverWordLimit { section: f.section.unwrap_or_default() },
            FindingKind::MissingSection => Readiness::MissingSection { section: f.section.unwrap_or_default() },
            FindingKind::NoFiles => Readiness::NoFiles,
        })
        .collect();
    match p.start_year {
        None => readiness.push(Readiness::NoStartYear),
        Some(start) if start > year - 1 => readiness.push(Readiness::TooRecent { start_year: start }),
        Some(_) => {}
    }
    if p.innovator.trim().is_empty() || (p.phone.trim().is_empty() && p.email.trim().is_empty()) {
        readiness.push(Readiness::NoContact);
    }
    let files = files
        .into_iter()
        .map(|f| {
            let path = if f.section.is_empty() {
                format!("{}/{}", p.code, f.name)
            } else {
                format!("{}/{}/{}", p.code, f.section, f.name)
            };
            ForwardedFile { path, stored: f }
        })
        .collect();
    Ok(ForwardedProposal {
        sections: setup
            .sections
            .iter()
            .map(|s| (s.code.clone(), texts.get(&s.code).cloned().unwrap_or_default()))
            .collect(),
        videos: dossier::stored_videos(conn, &p.id)?,
        code: p.code,
        title: p.title,
        category: category.to_string(),
        unit: p.unit,
        unit_type: p.unit_type,
        innovator: p.innovator,
        start_year: p.start_year,
        rank: row.rank,
        final_score: row.final_score,
        status: row.status.as_str().to_string(),
        files,
        readiness,
    })
}
