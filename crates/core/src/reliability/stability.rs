//! How certain each rank is (FORMATS.md §11): the jury is resampled per proposal and stage with
//! replacement, and the §5 rules (cut, final score, ranking without tie-breaks) are applied again
//! in every replicate.
//!
//! Each replicate draws from its own generator, seeded from (seed, replicate number), so the result
//! does not depend on how many threads share the replicates.

use crate::scoring::RankingSetup;
use crate::scoring::stats::EPS;

/// What one proposal's ranks looked like over the replicates.
#[derive(Debug, Clone, PartialEq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RankStability {
    pub category: String,
    pub proposal: String,
    /// The real rank (null when not ranked).
    pub rank: Option<u32>,
    pub p_first: f64,
    pub p_quota: f64,
    /// Inside the finalist cut of the first stage with a finalist quota; null without one.
    pub p_finalist: Option<f64>,
    /// Nearest-rank percentiles of the replicate ranks; a replicate in which the proposal is not
    /// ranked counts as the last place of its category (its number of proposals).
    pub rank_median: u32,
    pub rank_p05: u32,
    pub rank_p95: u32,
}

/// SplitMix64 (Steele, Lea and Flood 2014): tiny, fast and the same on every platform and crate
/// version, which "the same seed gives the same bytes" needs.
struct SplitMix64(u64);

impl SplitMix64 {
    fn new(seed: u64, replicate: u64) -> SplitMix64 {
        let mut g = SplitMix64(seed ^ replicate.wrapping_mul(0xD1B5_4A32_D192_ED03));
        g.next();
        g
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..k` (multiply-shift; the bias for k in the tens is below 1e-17).
    fn below(&mut self, k: usize) -> usize {
        ((self.next() as u128 * k as u128) >> 64) as usize
    }
}

/// The input of the bootstrap: per proposal (index as in the matrix) its category index and
/// exclusion, and per stage the values that counted for it.
pub struct Sample<'a> {
    pub setup: &'a RankingSetup,
    pub category: Vec<usize>,
    pub excluded: Vec<bool>,
    /// Per stage, per proposal: the counted judges' values (x' under z-score, else x).
    pub values: Vec<Vec<Vec<f64>>>,
}

/// Per replicate and proposal: the rank (0 = not ranked) and whether it was a finalist.
struct Outcome {
    rank: Vec<u32>,
    finalist: Vec<bool>,
}

fn replicate(sample: &Sample, rng: &mut SplitMix64, scratch: &mut Vec<f64>) -> Outcome {
    let setup = sample.setup;
    let n = sample.category.len();
    let cats = setup.categories.len();
    let mut reached: Vec<bool> = sample.excluded.iter().map(|e| !e).collect();
    let mut ranked = reached.clone();
    let mut finalist = vec![false; n];
    let selecting = setup.stages.iter().position(|s| s.finalists_per_category.is_some());
    let (mut num, mut den) = (vec![0.0; n], 0.0);
    let mut score: Vec<Option<f64>> = vec![None; n];
    for (si, stage) in setup.stages.iter().enumerate() {
        for p in 0..n {
            score[p] = None;
            let vals = &sample.values[si][p];
            if !reached[p] || vals.is_empty() {
                continue;
            }
            let k = vals.len();
            let s: f64 = (0..k).map(|_| vals[rng.below(k)]).sum();
            score[p] = Some(s / k as f64);
        }
        // Rule 7: the passing grade, then the quota per category (everyone level with the
        // quota-th score stays).
        let mut pass: Vec<bool> = (0..n)
            .map(|p| match (score[p], stage.passing_grade) {
                (None, _) => false,
                (Some(x), Some(g)) => x >= g - EPS,
                (Some(_), None) => true,
            })
            .collect();
        if let Some(quota) = stage.finalists_per_category {
            for c in 0..cats {
                scratch.clear();
                scratch.extend(
                    (0..n).filter(|&p| reached[p] && pass[p] && sample.category[p] == c).filter_map(|p| score[p]),
                );
                if scratch.len() <= quota as usize {
                    continue;
                }
                scratch.sort_by(|a, b| b.total_cmp(a));
                let cut = (quota as usize).checked_sub(1).map(|i| scratch[i]);
                for p in 0..n {
                    let candidate = reached[p] && pass[p] && sample.category[p] == c;
                    if candidate && cut.is_none_or(|t| score[p].is_some_and(|x| x < t - EPS)) {
                        pass[p] = false;
                    }
                }
            }
        }
        if Some(si) == selecting {
            for p in 0..n {
                finalist[p] = reached[p] && pass[p];
            }
        }
        for p in 0..n {
            if !reached[p] {
                continue;
            }
            if stage.needed() && !pass[p] {
                ranked[p] = false;
            }
            if stage.cuts() && !pass[p] {
                reached[p] = false;
            }
        }
        if stage.weight > 0.0 {
            for p in 0..n {
                if let Some(x) = score[p] {
                    num[p] += stage.weight * x;
                }
            }
            den += stage.weight;
        }
    }
    // Rank per category by final score, ties (within EPS) sharing the better rank.
    let mut rank = vec![0u32; n];
    if den > 0.0 {
        for c in 0..cats {
            let mut members: Vec<(usize, f64)> =
                (0..n).filter(|&p| ranked[p] && sample.category[p] == c).map(|p| (p, num[p] / den)).collect();
            members.sort_by(|a, b| b.1.total_cmp(&a.1));
            let mut place = 1;
            for i in 0..members.len() {
                if i > 0 && members[i - 1].1 - members[i].1 >= EPS {
                    place = i as u32 + 1;
                }
                rank[members[i].0] = place;
            }
        }
    }
    Outcome { rank, finalist }
}

/// Per proposal: its rank in every replicate (0 = not ranked), and in how many it was a finalist.
pub type Replicates = (Vec<Vec<u32>>, Vec<u32>);

/// Runs `replicates` replicates on up to `threads` threads; returns per proposal the replicate
/// ranks (0 = not ranked) and the number of replicates in which it was a finalist. `cancelled` is
/// asked between replicates.
pub fn bootstrap(
    sample: &Sample,
    replicates: u32,
    seed: u64,
    threads: usize,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Option<Replicates> {
    let n = sample.category.len();
    let threads = threads.clamp(1, 64).min(replicates.max(1) as usize);
    let chunk = (replicates as usize).div_ceil(threads);
    let parts: Vec<Option<Replicates>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    let from = t * chunk;
                    let to = ((t + 1) * chunk).min(replicates as usize);
                    let mut ranks: Vec<Vec<u32>> = vec![Vec::with_capacity(to.saturating_sub(from)); n];
                    let mut finalist = vec![0u32; n];
                    let mut scratch = Vec::new();
                    for b in from..to {
                        if cancelled() {
                            return None;
                        }
                        let mut rng = SplitMix64::new(seed, b as u64);
                        let o = replicate(sample, &mut rng, &mut scratch);
                        for p in 0..n {
                            ranks[p].push(o.rank[p]);
                            finalist[p] += o.finalist[p] as u32;
                        }
                    }
                    Some((ranks, finalist))
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("a bootstrap thread does not panic")).collect()
    });
    let mut ranks: Vec<Vec<u32>> = vec![Vec::with_capacity(replicates as usize); n];
    let mut finalist = vec![0u32; n];
    for part in parts {
        let (r, f) = part?;
        for p in 0..n {
            ranks[p].extend_from_slice(&r[p]);
            finalist[p] += f[p];
        }
    }
    Some((ranks, finalist))
}

/// The nearest-rank percentile `q` (0–1) of sorted values.
pub fn percentile(sorted: &[u32], q: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let i = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}
