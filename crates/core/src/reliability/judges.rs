//! How each judge scores against the others (FORMATS.md §11): severity, the mean difference from
//! the other judges on the same proposals, and the correlation with their mean.

use std::collections::BTreeMap;

use crate::scoring::CountedSheet;
use crate::scoring::stats::{EPS, mean};

/// One judge in one stage.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct JudgeAgreement {
    pub judge: String,
    /// Proposals the judge has a counted sheet for in the stage.
    pub n: u32,
    /// Mean of (own x − mean of the others' x) over proposals with another counted judge; null
    /// when there is none. Negative is harsher than the others, positive more lenient.
    pub severity: Option<f64>,
    /// Pearson correlation between own x and the others' mean; null with fewer than three such
    /// proposals or no variance.
    pub correlation: Option<f64>,
}

/// Per judge, in code order, over one stage's counted sheets (per proposal, raw x_jps).
pub fn judge_agreement(per_proposal: &[Vec<CountedSheet>]) -> Vec<JudgeAgreement> {
    // judge → [(own, others' mean)], and judge → sheets counted
    let mut pairs: BTreeMap<&str, Vec<(f64, f64)>> = BTreeMap::new();
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for sheets in per_proposal {
        let total: f64 = sheets.iter().map(|s| s.raw).sum();
        for s in sheets {
            *counts.entry(&s.judge).or_default() += 1;
            if sheets.len() >= 2 {
                let others = (total - s.raw) / (sheets.len() - 1) as f64;
                pairs.entry(&s.judge).or_default().push((s.raw, others));
            }
        }
    }
    counts
        .into_iter()
        .map(|(judge, n)| {
            let p = pairs.get(judge).map(Vec::as_slice).unwrap_or(&[]);
            let severity = (!p.is_empty()).then(|| mean(&p.iter().map(|(a, b)| a - b).collect::<Vec<_>>()));
            JudgeAgreement { judge: judge.to_string(), n, severity, correlation: pearson(p) }
        })
        .collect()
}

/// Pearson's r of the pairs; None with fewer than three or a constant side.
pub fn pearson(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 3 {
        return None;
    }
    let mx = mean(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let my = mean(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    if sxx < EPS || syy < EPS {
        return None;
    }
    Some((sxy / (sxx.sqrt() * syy.sqrt())).clamp(-1.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheets(rows: &[&[(&str, f64)]]) -> Vec<Vec<CountedSheet>> {
        rows.iter()
            .map(|r| {
                r.iter().map(|(j, x)| CountedSheet { judge: j.to_string(), raw: *x, used: *x, q: vec![] }).collect()
            })
            .collect()
    }

    #[test]
    fn severity_by_hand_and_balanced_severities_sum_to_zero() {
        // Three judges on three proposals. J1 is 2 below the others' mean on P1 (70 vs 72).
        let s = sheets(&[
            &[("J1", 70.0), ("J2", 72.0), ("J3", 72.0)],
            &[("J1", 80.0), ("J2", 85.0), ("J3", 84.0)],
            &[("J1", 60.0), ("J2", 66.0), ("J3", 63.0)],
        ]);
        let a = judge_agreement(&s);
        assert_eq!(a.iter().map(|j| j.n).collect::<Vec<_>>(), [3, 3, 3]);
        // J1: (70−72) + (80−84.5) + (60−64.5) = −2 − 4.5 − 4.5 = −11 → −11/3.
        assert!((a[0].severity.unwrap() + 11.0 / 3.0).abs() < 1e-12, "{:?}", a[0]);
        // Every judge scored every proposal: the severities sum to zero.
        let sum: f64 = a.iter().map(|j| j.severity.unwrap()).sum();
        assert!(sum.abs() < 1e-9, "{sum}");
        assert!(a[0].correlation.unwrap() > 0.9, "J1 orders as the others do: {:?}", a[0]);
    }

    #[test]
    fn a_lone_judge_has_no_severity_and_few_proposals_no_correlation() {
        let s = sheets(&[&[("J1", 70.0)], &[("J1", 75.0), ("J2", 71.0)]]);
        let a = judge_agreement(&s);
        assert_eq!(a[0].n, 2);
        assert_eq!(a[0].severity, Some(4.0));
        assert_eq!(a[0].correlation, None);
        assert_eq!(pearson(&[(1.0, 2.0), (1.0, 3.0), (1.0, 4.0)]), None, "constant side");
        assert!((pearson(&[(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]).unwrap() - 1.0).abs() < 1e-12);
    }
}
