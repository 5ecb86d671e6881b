//! The recap of a stored competition: loads setup, proposals and scores, then ranks (pure engine).

use rusqlite::Connection;

use super::model::*;
use super::ranking::compute_recap;
use super::store::load_score_entries;
use crate::competition::load_competition;
use crate::error::Result;
use crate::proposals::{ProposalFilter, list_proposals};

/// The ranking inputs of a competition as stored.
pub fn ranking_inputs(
    conn: &Connection,
    competition_id: &str,
) -> Result<(RankingSetup, Vec<ProposalEntry>, Vec<ScoreEntry>)> {
    let comp = load_competition(conn, competition_id)?;
    let s = &comp.setup;
    let setup = RankingSetup {
        competition: s.name.clone(),
        categories: s.categories.iter().map(|c| CategoryDef { code: c.code.clone(), name: c.name.clone() }).collect(),
        stages: s
            .stages
            .iter()
            .map(|st| StageDef {
                code: st.code.clone(),
                weight: st.weight,
                passing_grade: st.passing_grade,
                finalists_per_category: st.finalists_per_category,
                criteria: st
                    .criteria
                    .iter()
                    .map(|c| CriterionDef { code: c.code.clone(), weight: c.weight, min: c.min, max: c.max })
                    .collect(),
            })
            .collect(),
        tie_break: s.tie_break.clone(),
        normalisation: s.normalisation,
        disagreement_threshold: s.disagreement_threshold,
    };
    let proposals = list_proposals(conn, competition_id, &ProposalFilter::default())?
        .into_iter()
        .map(|p| ProposalEntry {
            code: p.code,
            title: p.title,
            unit: p.unit,
            category: p.category,
            excluded: p.status.is_excluded(),
        })
        .collect();
    Ok((setup, proposals, load_score_entries(conn, competition_id)?))
}

pub fn recap_for_competition(conn: &Connection, competition_id: &str) -> Result<RecapResult> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    Ok(compute_recap(&setup, &proposals, &scores))
}

/// The recap as CSV: one row per proposal, categories in setup order, numbers unrounded with a point;
/// text cells neutralised against formulas ([`crate::csv_safe`]).
pub fn recap_csv(setup: &RankingSetup, recap: &Recap) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut header = vec![
        "kategori".to_string(),
        "peringkat".into(),
        "seri".into(),
        "kode".into(),
        "judul".into(),
        "unit".into(),
        "final".into(),
    ];
    for s in &setup.stages {
        for part in ["nilai", "mentah", "juri", "sd", "perbedaan", "lembar_tidak_lengkap"] {
            header.push(format!("{}_{part}", s.code));
        }
    }
    header.push("status".into());
    crate::csv_safe::write_row(&mut w, &header).expect("in-memory write");
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    for cat in &recap.categories {
        for r in &cat.rows {
            let mut rec = vec![
                cat.code.clone(),
                r.rank.map(|x| x.to_string()).unwrap_or_default(),
                if r.tied { "ya".into() } else { String::new() },
                r.proposal.clone(),
                r.title.clone(),
                r.unit.clone(),
                num(r.final_score),
            ];
            for s in &setup.stages {
                match r.stages.get(&s.code) {
                    Some(st) => rec.extend([
                        st.score.to_string(),
                        st.raw.to_string(),
                        st.judges.to_string(),
                        st.sd.to_string(),
                        if st.flagged { "ya".into() } else { String::new() },
                        st.incomplete_sheets.to_string(),
                    ]),
                    None => rec.extend(std::iter::repeat_n(String::new(), 6)),
                }
            }
            rec.push(r.status.as_str().to_string());
            // Titles, units and codes are typed by users: no cell may start a formula (CSV injection).
            crate::csv_safe::write_row(&mut w, &rec).expect("in-memory write");
        }
    }
    String::from_utf8(w.into_inner().expect("in-memory flush")).expect("csv of UTF-8 text")
}
