//! Everything a document prints, read once from the database: the competition and its document
//! settings, proposals, judges, the recap with per-judge details and the recusals.

use juri_core::competition::{Competition, Setup, StageSetup, load_competition};
use juri_core::documents_settings::{DocumentSettings, Signatory, Signer, load_document_settings, load_logo};
use juri_core::judges::{Judge, list_judges};
use juri_core::proposals::{Proposal, ProposalFilter, list_proposals};
use juri_core::scoring::compute_recap;
use juri_core::scoring::recap::ranking_inputs;
use juri_core::scoring::{ProposalDetail, Recap, RecapRow, Status};
use rusqlite::Connection;

use crate::error::Result;
use crate::render::Picture;

pub struct DocData {
    pub competition: Competition,
    pub settings: DocumentSettings,
    pub logo: Option<Picture>,
    /// Every proposal, by code (screening failures and withdrawals included).
    pub proposals: Vec<Proposal>,
    /// The jury, by code.
    pub judges: Vec<Judge>,
    /// The ranking as configured (normalised when the competition uses z-score).
    pub recap: Recap,
    pub details: Vec<ProposalDetail>,
    /// The plenary's decisions on ties at winners' places.
    pub tie_decisions: Vec<juri_core::scoring::ties::TieDecision>,
    /// Certificate numbers given so far (the register), by proposal code and series.
    pub certificate_numbers: std::collections::HashMap<(String, juri_core::certificates::Series), u32>,
}

/// What a judge column of the recap shows for one proposal.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JudgeCell {
    /// The judge's stage score (raw, 0–100).
    Score(f64),
    /// Conflict of interest: the judge did not score it ("KK").
    Recused,
    /// No complete sheet ("–").
    Missing,
}

impl DocData {
    /// Everything a competition's documents print. Documents are the organiser's work: refused
    /// on a judge's laptop (the one rule in `juri_core::laptop`).
    pub fn load(conn: &Connection, competition_id: &str) -> Result<DocData> {
        let mut data = DocData::load_data(conn, competition_id)?;
        data.logo = match load_logo(conn, competition_id)? {
            Some(bytes) => Some(Picture::decode(&bytes)?),
            None => None,
        };
        Ok(data)
    }

    /// Everything but the logo (which alone can fail other than as the core fails).
    pub(crate) fn load_data(conn: &Connection, competition_id: &str) -> juri_core::Result<DocData> {
        juri_core::laptop::require_organiser(conn, juri_core::laptop::OrganiserTask::Documents)?;
        let competition = load_competition(conn, competition_id)?;
        let settings = load_document_settings(conn, competition_id)?;
        let logo = None;
        let proposals = list_proposals(conn, competition_id, &ProposalFilter::default())?;
        let judges = list_judges(conn, competition_id)?;
        // One ranking, as the app's recap computes it (recusals come from the judges' conflicts).
        let (setup, entries, scores) = ranking_inputs(conn, competition_id)?;
        let result = compute_recap(&setup, &entries, &scores);
        let certificate_numbers = juri_core::certificates::registered_numbers(conn, competition_id)?;
        let tie_decisions = juri_core::scoring::ties::tie_decisions(conn, competition_id)?;
        Ok(DocData {
            competition,
            settings,
            logo,
            proposals,
            judges,
            recap: result.recap,
            details: result.details,
            tie_decisions,
            certificate_numbers,
        })
    }

    pub fn setup(&self) -> &Setup {
        &self.competition.setup
    }

    pub fn proposal(&self, code: &str) -> Option<&Proposal> {
        self.proposals.iter().find(|p| p.code == code)
    }

    pub fn judge(&self, code: &str) -> Option<&Judge> {
        self.judges.iter().find(|j| j.code == code)
    }

    /// The chair of the jury: the configured code, else the first judge.
    pub fn chair(&self) -> Option<&Judge> {
        let code = self.settings.jury_chair.trim();
        self.judges.iter().find(|j| !code.is_empty() && j.code.eq_ignore_ascii_case(code)).or(self.judges.first())
    }

    /// "Ketua" or "Anggota".
    pub fn jury_role(&self, judge: &Judge) -> &'static str {
        if self.chair().is_some_and(|c| c.code == judge.code) { "Ketua" } else { "Anggota" }
    }

    pub fn stage(&self, code: &str) -> Option<&StageSetup> {
        self.setup().stage(code)
    }

    pub fn quota(&self, category: &str) -> u32 {
        self.setup().categories.iter().find(|c| c.code == category).map(|c| c.quota).unwrap_or(0)
    }

    pub fn category_name(&self, category: &str) -> String {
        self.setup().categories.iter().find(|c| c.code == category).map(|c| c.name.clone()).unwrap_or_default()
    }

    /// "Juara I" … for one of the category's winners (the core's rule: within the quota, 3 when 0),
    /// after the plenary's decisions on ties.
    pub fn place(&self, category: &str, row: &RecapRow) -> Option<String> {
        let rank = self.decided_rank(category, row)?;
        juri_core::scoring::is_winner(row.status, Some(rank), self.quota(category))
            .then(|| format!("Juara {}", juri_core::format_id::roman(rank)))
    }

    /// A row's rank after the plenary's decisions on ties (the core's rule).
    pub fn decided_rank(&self, category: &str, row: &RecapRow) -> Option<u32> {
        juri_core::scoring::ties::decided_rank(&self.recap, category, row, &self.tie_decisions)
    }

    /// Ties at a winner's place the plenary has not decided yet.
    pub fn undecided_ties(&self) -> Vec<juri_core::scoring::ties::WinnerTie> {
        juri_core::scoring::ties::undecided_ties(&self.recap, |c| self.quota(c), &self.tie_decisions)
    }

    /// The recorded decisions that settle a tie of this recap (the annex and the minutes print them).
    pub fn settled_ties(&self) -> Vec<&juri_core::scoring::ties::TieDecision> {
        let ties = juri_core::scoring::ties::winner_ties(&self.recap, |c| self.quota(c));
        self.tie_decisions.iter().filter(|d| ties.iter().any(|t| d.settles(t))).collect()
    }

    /// Refused while a tie at a winner's place is undecided: "Juara II" would be printed twice.
    pub fn require_decided_ties(&self) -> Result<()> {
        let open = self.undecided_ties();
        if open.is_empty() {
            return Ok(());
        }
        Err(crate::error::DocError::UndecidedTies(
            open.iter()
                .map(|t| format!("{} {}: {}", self.category_name(&t.category), t.rank, t.proposals.join(", ")))
                .collect(),
        ))
    }

    /// Where a forwarded proposal came from (FORMATS.md §10), as the remarks print it.
    pub fn origin_note(&self, code: &str) -> Option<String> {
        let o = self.proposal(code)?.origin.as_ref()?;
        Some(format!("asal: {}, {}", o.organiser, o.code))
    }

    pub fn detail(&self, proposal: &str) -> Option<&ProposalDetail> {
        self.details.iter().find(|d| d.proposal == proposal)
    }

    /// What judge `judge` gave `proposal` in `stage`, as the recap prints it.
    pub fn judge_cell(&self, proposal: &Proposal, stage: &str, judge: &Judge) -> JudgeCell {
        if judge.conflicted_with(&proposal.code, &proposal.unit) {
            return JudgeCell::Recused;
        }
        self.detail(&proposal.code)
            .and_then(|d| d.stages.iter().find(|s| s.stage == stage))
            .and_then(|s| s.judges.iter().find(|sh| sh.judge == judge.code))
            .and_then(|sh| sh.raw)
            .map(JudgeCell::Score)
            .unwrap_or(JudgeCell::Missing)
    }

    /// Whether the proposal took part in `stage`.
    pub fn reached(&self, proposal: &str, stage: &str) -> bool {
        self.detail(proposal).and_then(|d| d.stages.iter().find(|s| s.stage == stage)).is_some_and(|s| s.reached)
    }

    /// The finalists: proposals that reached the stage after the last cutting stage; without such a
    /// cut, every ranked proposal. By category in setup order, then code.
    pub fn finalists(&self) -> Vec<&Proposal> {
        let stages = &self.setup().stages;
        let cut = stages.iter().rposition(|s| s.passing_grade.is_some() || s.finalists_per_category.is_some());
        let after_cut = cut.and_then(|i| stages.get(i + 1));
        let mut out = Vec::new();
        for cat in &self.recap.categories {
            let mut rows: Vec<&RecapRow> = cat.rows.iter().collect();
            rows.sort_by(|a, b| a.proposal.cmp(&b.proposal));
            for r in rows {
                let is = match after_cut {
                    Some(st) => self.reached(&r.proposal, &st.code),
                    None => r.status == Status::Ranked,
                };
                if let (true, Some(p)) = (is, self.proposal(&r.proposal)) {
                    out.push(p);
                }
            }
        }
        out
    }

    pub fn signatory(&self, who: Signer) -> &Signatory {
        match who {
            Signer::Head => &self.settings.head,
            Signer::Secretary => &self.settings.secretary,
        }
    }

    /// The head of region's name as decrees print it (capitals without titles when so configured).
    pub fn head_name_for_decree(&self) -> String {
        let name = &self.settings.head.name;
        if self.settings.head_name_in_capitals { name_without_titles(name).to_uppercase() } else { name.clone() }
    }
}

/// "H. Ahmad Fauzan, S.H., M.H." → "Ahmad Fauzan": drops degrees after the first comma and
/// leading titles ending in a dot (H., Hj., Dr., dr., Ir., Prof., Drs.).
pub fn name_without_titles(name: &str) -> String {
    let main = name.split(',').next().unwrap_or(name);
    main.split_whitespace().filter(|w| !w.ends_with('.')).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_dropped_only_when_asked() {
        assert_eq!(name_without_titles("H. Ahmad Fauzan, S.H., M.H."), "Ahmad Fauzan");
        assert_eq!(name_without_titles("Dr. Ir. Wahyu Santoso, M.Si."), "Wahyu Santoso");
        assert_eq!(name_without_titles("Nur'aini Rahmawati, S.Sos., M.A."), "Nur'aini Rahmawati");
    }
}

/// One proposal of a tie, as the Dokumen screen lists it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TieProposal {
    pub code: String,
    pub title: String,
    pub unit: String,
}

/// A tie at a winner's place, with the plenary's decision when one is recorded.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TieView {
    pub category: String,
    pub category_name: String,
    pub rank: u32,
    /// By code.
    pub proposals: Vec<TieProposal>,
    pub decision: Option<juri_core::scoring::ties::TieDecision>,
}

/// The ties at winners' places of a competition, decided or not (the Dokumen screen's card).
pub fn tie_overview(conn: &Connection, competition_id: &str) -> Result<Vec<TieView>> {
    let data = DocData::load_data(conn, competition_id)?;
    let ties = juri_core::scoring::ties::winner_ties(&data.recap, |c| data.quota(c));
    Ok(ties
        .into_iter()
        .map(|t| TieView {
            category_name: data.category_name(&t.category),
            proposals: t
                .proposals
                .iter()
                .filter_map(|c| data.proposal(c))
                .map(|p| TieProposal { code: p.code.clone(), title: p.title.clone(), unit: p.unit.clone() })
                .collect(),
            decision: data.tie_decisions.iter().find(|d| d.settles(&t)).cloned(),
            category: t.category,
            rank: t.rank,
        })
        .collect())
}
