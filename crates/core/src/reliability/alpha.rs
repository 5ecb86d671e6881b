//! Krippendorff's alpha with the interval metric (FORMATS.md §11; Krippendorff 2011, "Computing
//! Krippendorff's Alpha-Reliability"), over units that each hold the values of one proposal.

use crate::scoring::stats::EPS;

/// `Σ_{i≠j} (x_i − x_j)²` over ordered pairs of `xs`, as `2·m·Σ(x − x̄)²` (linear, and exact
/// enough: centred before squaring).
fn ordered_pair_squares(xs: impl Iterator<Item = f64> + Clone) -> (f64, usize) {
    let (sum, m) = xs.clone().fold((0.0, 0usize), |(s, m), x| (s + x, m + 1));
    if m < 2 {
        return (0.0, m);
    }
    let mean = sum / m as f64;
    let ss: f64 = xs.map(|x| (x - mean) * (x - mean)).sum();
    (2.0 * m as f64 * ss, m)
}

/// Alpha over `units` (each a proposal's values, one per counted judge); units with fewer than two
/// values are not pairable and left out. None with fewer than two pairable units or no expected
/// disagreement (every value equal).
pub fn interval_alpha(units: &[Vec<f64>]) -> Option<f64> {
    let pairable: Vec<&Vec<f64>> = units.iter().filter(|u| u.len() >= 2).collect();
    if pairable.len() < 2 {
        return None;
    }
    let n: usize = pairable.iter().map(|u| u.len()).sum();
    let observed: f64 = pairable
        .iter()
        .map(|u| {
            let (sq, m) = ordered_pair_squares(u.iter().copied());
            sq / (m as f64 - 1.0)
        })
        .sum::<f64>()
        / n as f64;
    let (all_sq, _) = ordered_pair_squares(pairable.iter().flat_map(|u| u.iter().copied()));
    let expected = all_sq / (n as f64 * (n as f64 - 1.0));
    if expected < EPS {
        return None;
    }
    Some(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: Option<f64>, b: f64) {
        let a = a.expect("alpha is defined");
        assert!((a - b).abs() < 1e-9, "{a} ≠ {b}");
    }

    #[test]
    fn two_judges_by_hand() {
        // Units (1,2), (3,3), (5,4): n = 6, D_o = (1/6)·(2·1 + 0 + 2·1) = 2/3;
        // values 1,2,3,3,5,4: mean 3, Σ(x−x̄)² = 10, Σ_{i≠j} = 2·6·10 = 120, D_e = 120/30 = 4.
        close(interval_alpha(&[vec![1.0, 2.0], vec![3.0, 3.0], vec![5.0, 4.0]]), 1.0 - (2.0 / 3.0) / 4.0);
    }

    #[test]
    fn perfect_agreement_is_one_and_all_equal_is_undefined() {
        close(interval_alpha(&[vec![1.0, 1.0, 1.0], vec![4.0, 4.0], vec![7.0, 7.0]]), 1.0);
        assert_eq!(interval_alpha(&[vec![5.0, 5.0], vec![5.0, 5.0]]), None);
        assert_eq!(interval_alpha(&[vec![1.0, 2.0], vec![3.0]]), None, "one pairable unit");
    }

    #[test]
    fn missing_values_by_hand() {
        // Units (1,2,3), (4,–,6) = (4,6), (9) left out. n = 5.
        // D_o = (1/5)·(Σ_{i≠j}(1,2,3)/2 + Σ_{i≠j}(4,6)/1) = (1/5)·(12/2 + 8) = 14/5.
        // Values 1,2,3,4,6: mean 3.2, Σ(x−x̄)² = 14.8, Σ_{i≠j} = 2·5·14.8 = 148, D_e = 148/20 = 7.4.
        close(interval_alpha(&[vec![1.0, 2.0, 3.0], vec![4.0, 6.0], vec![9.0]]), 1.0 - 2.8 / 7.4);
    }

    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", §C: four observers
    /// A–D, twelve units, values 1–5 with missing data; the paper gives interval alpha = 0.849.
    #[test]
    fn krippendorffs_own_worked_example() {
        let none = f64::NAN;
        let observers = [
            [1.0, 2.0, 3.0, 3.0, 2.0, 1.0, 4.0, 1.0, 2.0, none, none, none],
            [1.0, 2.0, 3.0, 3.0, 2.0, 2.0, 4.0, 1.0, 2.0, 5.0, none, 3.0],
            [none, 3.0, 3.0, 3.0, 2.0, 3.0, 4.0, 2.0, 2.0, 5.0, 1.0, none],
            [1.0, 2.0, 3.0, 3.0, 2.0, 4.0, 4.0, 1.0, 2.0, 5.0, 1.0, none],
        ];
        let units: Vec<Vec<f64>> =
            (0..12).map(|u| observers.iter().map(|o| o[u]).filter(|v| !v.is_nan()).collect()).collect();
        let alpha = interval_alpha(&units).unwrap();
        assert!((alpha - 0.849).abs() < 0.0005, "{alpha}");
    }

    #[test]
    fn adding_a_constant_to_every_value_changes_nothing() {
        let units = vec![vec![61.0, 70.5, 66.0], vec![80.0, 75.0], vec![55.0, 58.5, 62.0, 49.0]];
        let shifted: Vec<Vec<f64>> = units.iter().map(|u| u.iter().map(|x| x + 17.25).collect()).collect();
        let (a, b) = (interval_alpha(&units).unwrap(), interval_alpha(&shifted).unwrap());
        assert!((a - b).abs() < 1e-12, "{a} {b}");
    }
}
