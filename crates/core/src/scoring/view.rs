//! The recap as the app shows it: ranking, raw beside normalised, drill-down per judge, recusals,
//! and what a judge may see (only their own scores until the stage is locked).

use rusqlite::Connection;
use serde::Serialize;

use super::model::{Normalisation, ProposalDetail, Recap};
use super::ranking::{compute_recap, winners_differ};
use super::recap::ranking_inputs;
use super::sheet::stage_locked;
use crate::error::Result;
use crate::judges::list_judges;
use crate::proposals::{ProposalFilter, list_proposals};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeRef {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Recusal {
    pub judge: String,
    pub proposal: String,
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RecapView {
    /// The ranking as configured (normalised when the competition uses z-score).
    pub recap: Recap,
    /// The same ranking on raw scores, given only when normalisation is on (shown side by side).
    pub raw: Option<Recap>,
    /// Categories whose winners would differ between raw and normalised scores.
    pub winners_differ: Vec<String>,
    pub details: Vec<ProposalDetail>,
    pub judges: Vec<JudgeRef>,
    pub recusals: Vec<Recusal>,
    pub locked_stages: Vec<String>,
    /// True when the viewer is a judge and some stage is still open: only their own scores are given.
    pub restricted: bool,
}

/// The recap for `viewer`: None = the organiser (everything), Some(judge code) = that judge.
pub fn recap_view(conn: &Connection, competition_id: &str, viewer: Option<&str>) -> Result<RecapView> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    let result = compute_recap(&setup, &proposals, &scores);
    let raw = (setup.normalisation == Normalisation::Zscore).then(|| {
        let mut s = setup.clone();
        s.normalisation = Normalisation::None;
        compute_recap(&s, &proposals, &scores).recap
    });
    let judges = list_judges(conn, competition_id)?;
    let mut recusals = Vec::new();
    for p in list_proposals(conn, competition_id, &ProposalFilter::default())? {
        for j in judges.iter().filter(|j| j.conflicted_with(&p.code, &p.unit)) {
            recusals.push(Recusal { judge: j.code.clone(), proposal: p.code.clone() });
        }
    }
    let mut locked_stages = Vec::new();
    for s in &setup.stages {
        if stage_locked(conn, competition_id, &s.code)? {
            locked_stages.push(s.code.clone());
        }
    }
    let restricted = viewer.is_some() && locked_stages.len() < setup.stages.len();
    let mut view = RecapView {
        winners_differ: winners_differ(&setup, &proposals, &scores),
        recap: result.recap,
        raw,
        details: result.details,
        judges: judges.iter().map(|j| JudgeRef { code: j.code.clone(), name: j.name.clone() }).collect(),
        recusals,
        locked_stages,
        restricted,
    };
    if let (true, Some(me)) = (restricted, viewer) {
        view.recap.categories.clear();
        view.raw = None;
        view.winners_differ.clear();
        for d in &mut view.details {
            for s in &mut d.stages {
                s.judges.retain(|sheet| sheet.judge == me);
            }
        }
    }
    Ok(view)
}
