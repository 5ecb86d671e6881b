//! Jury agreement and rank stability (FORMATS.md §11): Krippendorff's alpha per stage and
//! criterion, each judge's severity and correlation with the others, and a bootstrap of the jury
//! that says how certain each rank and each cut is. `juri stats` and the recap's "Keandalan
//! penilaian" panel read it.

pub mod alpha;
pub mod discussion;
pub mod judges;
pub mod stability;

#[cfg(test)]
mod proptests;

use rusqlite::Connection;
use serde::Serialize;

use crate::error::{Error, InputProblem, Result};
use crate::scoring::recap::ranking_inputs;
use crate::scoring::{JuryMatrix, RankingSetup, Status, jury_matrix};

pub use judges::JudgeAgreement;
pub use stability::RankStability;

/// Replicates and seed of the bootstrap (FORMATS.md §11 defaults: 2000 and 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StatsOptions {
    pub replicates: u32,
    pub seed: u64,
    /// Threads for the replicates (the result does not depend on it).
    pub threads: usize,
}

impl Default for StatsOptions {
    fn default() -> Self {
        StatsOptions {
            replicates: 2000,
            seed: 1,
            threads: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
        }
    }
}

/// More replicates than this are refused: the figures do not change, the wait does.
pub const MAX_REPLICATES: u32 = 100_000;

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CriterionAlpha {
    pub criterion: String,
    pub alpha: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StageAgreement {
    pub stage: String,
    /// Over the proposals with at least two counted judges; null with fewer than two of them or
    /// when every score is equal.
    pub alpha: Option<f64>,
    pub criteria: Vec<CriterionAlpha>,
    pub judges: Vec<JudgeAgreement>,
}

/// What `juri stats --format json` prints (FORMATS.md §11).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JuryStats {
    pub stages: Vec<StageAgreement>,
    pub stability: Vec<RankStability>,
}

/// The statistics of a competition; None when `cancelled` answered yes between replicates.
pub fn jury_statistics(
    conn: &Connection,
    competition_id: &str,
    opts: StatsOptions,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<StatsReport>> {
    if opts.replicates == 0 || opts.replicates > MAX_REPLICATES {
        return Err(Error::InvalidInput {
            field: "replicates",
            problem: InputProblem::OutOfRange { value: opts.replicates as f64, min: 1.0, max: MAX_REPLICATES as f64 },
        });
    }
    let (setup, matrix) = matrix_of(conn, competition_id)?;
    report_of(conn, competition_id, &setup, &matrix, opts, cancelled)
}

/// The ranking's setup and counted sheets of a competition, read once for all the figures.
fn matrix_of(conn: &Connection, competition_id: &str) -> Result<(RankingSetup, JuryMatrix)> {
    let (setup, proposals, scores) = ranking_inputs(conn, competition_id)?;
    let matrix = jury_matrix(&setup, &proposals, &scores);
    Ok((setup, matrix))
}

fn report_of(
    conn: &Connection,
    competition_id: &str,
    setup: &RankingSetup,
    matrix: &JuryMatrix,
    opts: StatsOptions,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<StatsReport>> {
    let quotas: Vec<u32> =
        crate::competition::load_competition(conn, competition_id)?.setup.categories.iter().map(|c| c.quota).collect();
    Ok(compute(setup, &quotas, matrix, opts, cancelled).map(|stats| {
        let warnings = stats_warnings(setup, matrix, &stats);
        StatsReport { stats, warnings }
    }))
}

/// The recap's "Keandalan penilaian" panel: the statistics with their readings, the grey zone and
/// the discussion queue, or nothing but `withheld` when a judge looks before every stage is locked
/// (the figures come from the other judges' scores, as the recap's own restricted view).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ReliabilityView {
    pub withheld: bool,
    pub stats: Option<JuryStats>,
    pub warnings: Vec<StatsWarning>,
    /// The reading of each stage's alpha, as `stats.stages`.
    pub bands: Vec<Option<AlphaBand>>,
    /// Proposals whose place at a cut (finalists, winners' quota) is not certain ([`uncertain`]).
    pub grey: Vec<String>,
    pub queue: Vec<discussion::DiscussionItem>,
    pub replicates: u32,
    #[ts(type = "number")]
    pub seed: u64,
}

pub fn reliability_view(
    conn: &Connection,
    competition_id: &str,
    viewer: Option<&str>,
    opts: StatsOptions,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<ReliabilityView>> {
    let setup = crate::competition::load_competition(conn, competition_id)?.setup;
    let mut all_locked = true;
    for s in &setup.stages {
        all_locked &= crate::scoring::sheet::stage_locked(conn, competition_id, &s.code)?;
    }
    let judge_laptop = crate::laptop::role(conn)?.judge().is_some();
    let empty = |withheld| ReliabilityView {
        withheld,
        stats: None,
        warnings: Vec::new(),
        bands: Vec::new(),
        grey: Vec::new(),
        queue: Vec::new(),
        replicates: opts.replicates,
        seed: opts.seed,
    };
    if (viewer.is_some() || judge_laptop) && !all_locked {
        return Ok(Some(empty(true)));
    }
    if opts.replicates == 0 || opts.replicates > MAX_REPLICATES {
        return jury_statistics(conn, competition_id, opts, cancelled).map(|_| None);
    }
    // One reading of the sheets for the figures and the discussion queue.
    let (ranking, matrix) = matrix_of(conn, competition_id)?;
    let Some(report) = report_of(conn, competition_id, &ranking, &matrix, opts, cancelled)? else {
        return Ok(None);
    };
    let bands = report.stats.stages.iter().map(|s| s.alpha.map(AlphaBand::of)).collect();
    let grey = report.stats.stability.iter().filter(|r| in_grey_zone(r)).map(|r| r.proposal.clone()).collect();
    Ok(Some(ReliabilityView {
        bands,
        grey,
        queue: discussion::queue_with_log(conn, competition_id, &ranking, &matrix)?,
        stats: Some(report.stats),
        warnings: report.warnings,
        ..empty(false)
    }))
}

/// The statistics with what they should be read with.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct StatsReport {
    pub stats: JuryStats,
    pub warnings: Vec<StatsWarning>,
}

/// The statistics of a ranking's counted sheets; `quotas` are the winners per category, in setup order.
pub fn compute(
    setup: &RankingSetup,
    quotas: &[u32],
    matrix: &JuryMatrix,
    opts: StatsOptions,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<JuryStats> {
    let stages = setup
        .stages
        .iter()
        .zip(&matrix.sheets)
        .map(|(stage, per_proposal)| {
            let units: Vec<Vec<f64>> = per_proposal.iter().map(|s| s.iter().map(|c| c.raw).collect()).collect();
            let criteria = stage
                .criteria
                .iter()
                .enumerate()
                .map(|(ci, c)| {
                    let units: Vec<Vec<f64>> =
                        per_proposal.iter().map(|s| s.iter().map(|c| c.q[ci]).collect()).collect();
                    CriterionAlpha { criterion: c.code.clone(), alpha: alpha::interval_alpha(&units) }
                })
                .collect();
            StageAgreement {
                stage: stage.code.clone(),
                alpha: alpha::interval_alpha(&units),
                criteria,
                judges: judges::judge_agreement(per_proposal),
            }
        })
        .collect();

    let category: Vec<usize> = matrix
        .proposals
        .iter()
        .map(|p| setup.categories.iter().position(|c| c.code == p.category).expect("known category"))
        .collect();
    let sample = stability::Sample {
        setup,
        category: category.clone(),
        excluded: matrix.proposals.iter().map(|p| p.excluded).collect(),
        values: matrix
            .sheets
            .iter()
            .map(|st| st.iter().map(|s| s.iter().map(|c| c.used).collect()).collect())
            .collect(),
    };
    let (ranks, finalist) = stability::bootstrap(&sample, opts.replicates, opts.seed, opts.threads, cancelled)?;
    let has_cut = setup.stages.iter().any(|s| s.finalists_per_category.is_some());
    let index: std::collections::HashMap<&str, usize> =
        matrix.proposals.iter().enumerate().map(|(i, p)| (p.code.as_str(), i)).collect();
    let b = opts.replicates as f64;
    let mut stability = Vec::new();
    for (ci, cat) in matrix.recap.categories.iter().enumerate() {
        let size = cat.rows.iter().filter(|r| r.status != Status::Excluded).count() as u32;
        let quota = quotas.get(ci).copied().unwrap_or(0);
        for row in cat.rows.iter().filter(|r| r.status != Status::Excluded && !r.stages.0.is_empty()) {
            let p = index[row.proposal.as_str()];
            let mut sorted: Vec<u32> = ranks[p].iter().map(|&r| if r == 0 { size } else { r }).collect();
            sorted.sort_unstable();
            let share = |f: &dyn Fn(u32) -> bool| ranks[p].iter().filter(|&&r| r != 0 && f(r)).count() as f64 / b;
            stability.push(RankStability {
                category: cat.code.clone(),
                proposal: row.proposal.clone(),
                rank: row.rank,
                p_first: share(&|r| r == 1),
                p_quota: share(&|r| r <= quota),
                p_finalist: has_cut.then(|| finalist[p] as f64 / b),
                rank_median: stability::percentile(&sorted, 0.5),
                rank_p05: stability::percentile(&sorted, 0.05),
                rank_p95: stability::percentile(&sorted, 0.95),
            });
        }
    }
    Some(JuryStats { stages, stability })
}

/// How an alpha reads in the room. Krippendorff (2004, Content Analysis, 2nd ed., p. 241) relies
/// on α ≥ 0.800 and allows tentative conclusions from 0.667; below 0.400 agreement is low by any
/// of the usual readings (Landis and Koch 1977 call it "fair" at best), so the band between is
/// "weak": the ranking holds only where the differences are large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum AlphaBand {
    High,
    Tentative,
    Weak,
    Low,
}

impl AlphaBand {
    pub fn of(alpha: f64) -> AlphaBand {
        if alpha >= 0.8 {
            AlphaBand::High
        } else if alpha >= 0.667 {
            AlphaBand::Tentative
        } else if alpha >= 0.4 {
            AlphaBand::Weak
        } else {
            AlphaBand::Low
        }
    }

    /// The reading printed beside the figure.
    pub fn reading(self, lang: crate::lang::Lang) -> &'static str {
        match self {
            AlphaBand::High => lang.pick("kesepakatan juri tinggi", "high jury agreement"),
            AlphaBand::Tentative => lang.pick("kesepakatan juri cukup", "fair jury agreement"),
            AlphaBand::Weak => lang.pick("kesepakatan juri lemah", "weak jury agreement"),
            AlphaBand::Low => lang.pick("kesepakatan juri rendah", "low jury agreement"),
        }
    }
}

/// A probability of reaching a place that is neither near-certain nor near-impossible: the cut
/// line there is not certain (marked as the grey zone).
pub fn uncertain(p: f64) -> bool {
    p > 0.2 && p < 0.8
}

/// Whether a proposal's place at a cut is uncertain: the finalists' cut, the winners' quota, or
/// first place (the grey zone of the panel and the annex).
pub fn in_grey_zone(r: &RankStability) -> bool {
    r.p_finalist.is_some_and(uncertain) || (r.rank.is_some() && (uncertain(r.p_quota) || uncertain(r.p_first)))
}

/// Below this many proposals with two or more judges, alpha is reported with a warning: with few
/// units its sampling error is large (Krippendorff 2004, §11.4), and among finalists only, whose
/// scores lie close together, it is known to come out low (range restriction).
pub const FEW_UNITS: usize = 10;
/// Below this many proposals a judge's severity and correlation are reported with a warning.
pub const FEW_PROPOSALS: u32 = 5;

/// What the figures should be read with.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum StatsWarning {
    /// Alpha of `stage` rests on `units` proposals with two or more judges.
    FewUnits { stage: String, units: u32 },
    /// `judge` scored only `n` proposals in `stage`.
    FewProposals { stage: String, judge: String, n: u32 },
    /// `stage` is reached only by the finalists of an earlier stage: their scores lie close
    /// together, which holds alpha down (range restriction), whatever the jury's care.
    FinalistsOnly { stage: String },
}

impl StatsWarning {
    /// The warning naming stages by their code (the CLI).
    pub fn message(&self, lang: crate::lang::Lang) -> String {
        self.message_named(lang, &|code| code.to_string())
    }

    /// The warning naming stages by `stage_name` (documents and screens use the setup's names).
    pub fn message_named(&self, lang: crate::lang::Lang, stage_name: &dyn Fn(&str) -> String) -> String {
        match self {
            StatsWarning::FewUnits { stage, units } => match (lang, stage_name(stage)) {
                (crate::lang::Lang::Id, stage) => format!(
                    "Alpha tahap {stage} dihitung dari {units} proposal saja: angkanya belum dapat dipegang (di antara finalis saja alpha memang cenderung rendah)."
                ),
                (crate::lang::Lang::En, stage) => format!(
                    "Alpha for stage {stage} rests on only {units} proposals: the figure is not yet reliable (among finalists only, alpha tends to be low)."
                ),
            },
            StatsWarning::FinalistsOnly { stage } => match (lang, stage_name(stage)) {
                (crate::lang::Lang::Id, stage) => format!(
                    "Tahap {stage} hanya diikuti finalis: nilai mereka berdekatan sehingga alpha cenderung rendah; bacalah bersama alpha tahap sebelumnya."
                ),
                (crate::lang::Lang::En, stage) => format!(
                    "Stage {stage} is taken only by finalists: their scores lie close together, so alpha tends to be low; read it with the earlier stage's alpha."
                ),
            },
            StatsWarning::FewProposals { stage, judge, n } => match (lang, stage_name(stage)) {
                (crate::lang::Lang::Id, stage) => format!(
                    "Juri {judge} hanya menilai {n} proposal pada tahap {stage}: keketatan dan korelasinya belum bermakna."
                ),
                (crate::lang::Lang::En, stage) => format!(
                    "Judge {judge} scored only {n} proposals in stage {stage}: their severity and correlation mean little yet."
                ),
            },
        }
    }
}

/// The warnings for `stats`, computed from the same counted sheets.
pub fn stats_warnings(setup: &RankingSetup, matrix: &JuryMatrix, stats: &JuryStats) -> Vec<StatsWarning> {
    let mut out = Vec::new();
    for (si, ((stage, per_proposal), agreement)) in
        setup.stages.iter().zip(&matrix.sheets).zip(&stats.stages).enumerate()
    {
        let units = per_proposal.iter().filter(|s| s.len() >= 2).count();
        if units == 0 {
            continue; // nothing scored in this stage yet: nothing to warn about
        }
        if units < FEW_UNITS {
            out.push(StatsWarning::FewUnits { stage: stage.code.clone(), units: units as u32 });
        }
        if setup.stages[..si].iter().any(|s| s.finalists_per_category.is_some() || s.passing_grade.is_some()) {
            out.push(StatsWarning::FinalistsOnly { stage: stage.code.clone() });
        }
        for j in agreement.judges.iter().filter(|j| j.n < FEW_PROPOSALS) {
            out.push(StatsWarning::FewProposals { stage: stage.code.clone(), judge: j.judge.clone(), n: j.n });
        }
    }
    out
}

/// The statistics as one CSV table (a `section` per kind of row; numbers with a point, as the
/// recap's CSV): `alpha` rows per stage and criterion, `judge` rows, `stability` rows.
pub fn stats_csv(s: &JuryStats) -> String {
    let num = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut row = |cells: [String; 17]| crate::csv_safe::write_row(&mut w, &cells).expect("in-memory write");
    row([
        "section",
        "stage",
        "criterion",
        "judge",
        "n",
        "alpha",
        "severity",
        "correlation",
        "category",
        "proposal",
        "rank",
        "p_first",
        "p_quota",
        "p_finalist",
        "rank_median",
        "rank_p05",
        "rank_p95",
    ]
    .map(String::from));
    let e = String::new;
    for st in &s.stages {
        row([
            "alpha".into(),
            st.stage.clone(),
            e(),
            e(),
            e(),
            num(st.alpha),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
        ]);
        for c in &st.criteria {
            let (stage, crit) = (st.stage.clone(), c.criterion.clone());
            row([
                "alpha".into(),
                stage,
                crit,
                e(),
                e(),
                num(c.alpha),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
            ]);
        }
        for j in &st.judges {
            let (stage, judge, n) = (st.stage.clone(), j.judge.clone(), j.n.to_string());
            row([
                "judge".into(),
                stage,
                e(),
                judge,
                n,
                e(),
                num(j.severity),
                num(j.correlation),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
                e(),
            ]);
        }
    }
    for r in &s.stability {
        row([
            "stability".into(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            e(),
            r.category.clone(),
            r.proposal.clone(),
            r.rank.map(|x| x.to_string()).unwrap_or_default(),
            r.p_first.to_string(),
            r.p_quota.to_string(),
            num(r.p_finalist),
            r.rank_median.to_string(),
            r.rank_p05.to_string(),
            r.rank_p95.to_string(),
        ]);
    }
    String::from_utf8(w.into_inner().expect("in-memory flush")).expect("CSV of UTF-8 text")
}
