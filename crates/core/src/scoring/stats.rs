//! Small numeric helpers. Every sum runs over its slice in the given order, so
//! callers that pass values in a fixed order get bit-identical results.

use std::collections::BTreeMap;

/// Two numbers are equal when they differ by less than this (FORMATS.md §8).
pub const EPS: f64 = 1e-9;

/// `a == b` catches equal infinities, whose difference is NaN.
pub fn approx_eq(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() < EPS
}

/// Arithmetic mean; NaN for an empty slice (callers never pass one).
pub fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// Population standard deviation (divide by n), two-pass for accuracy.
pub fn pop_sd(xs: &[f64]) -> f64 {
    let m = mean(xs);
    let ss: f64 = xs.iter().map(|x| (x - m) * (x - m)).sum();
    (ss / xs.len() as f64).sqrt()
}

/// Rescaled z-score of every sample, `x' = M + S·(x − μ_j)/σ_j`, with `x' = M`
/// when `σ_j < EPS` (FORMATS.md §5 rule 3). `samples` pairs a judge key with a
/// judge's stage score; the output follows the input order.
pub fn zscore_rescale<K: Ord + Copy>(samples: &[(K, f64)]) -> Vec<f64> {
    let all: Vec<f64> = samples.iter().map(|&(_, x)| x).collect();
    let (m, s) = (mean(&all), pop_sd(&all));
    let mut per_judge: BTreeMap<K, Vec<f64>> = BTreeMap::new();
    for &(j, x) in samples {
        per_judge.entry(j).or_default().push(x);
    }
    let judge_stats: BTreeMap<K, (f64, f64)> = per_judge.iter().map(|(&j, xs)| (j, (mean(xs), pop_sd(xs)))).collect();
    samples
        .iter()
        .map(|&(j, x)| {
            let (mu, sigma) = judge_stats[&j];
            if sigma < EPS { m } else { m + s * (x - mu) / sigma }
        })
        .collect()
}
