//! The IKM arithmetic, pure: NRR per unsur, IKM with exact 1/9 weights, konversi and band.

use serde::Serialize;

/// The nine unsur of PermenPANRB 14/2017, in order.
pub const UNSUR: [(&str, &str); 9] = [
    ("U1", "Persyaratan"),
    ("U2", "Sistem, mekanisme dan prosedur"),
    ("U3", "Waktu penyelesaian"),
    ("U4", "Biaya/tarif"),
    ("U5", "Produk spesifikasi jenis pelayanan"),
    ("U6", "Kompetensi pelaksana"),
    ("U7", "Perilaku pelaksana"),
    ("U8", "Penanganan pengaduan, saran dan masukan"),
    ("U9", "Sarana dan prasarana"),
];

/// One respondent's answers, 1–4 or None when not answered.
pub type Answers = [Option<u8>; 9];

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct UnsurResult {
    pub code: String,
    pub name: String,
    /// Mean of the answers given; null when nobody answered this unsur.
    pub nrr: Option<f64>,
    pub answers: u32,
}

/// FORMATS.md §7 output of `juri ikm --format json`.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IkmResult {
    pub unit: String,
    pub period: String,
    pub respondents: u32,
    pub unsur: Vec<UnsurResult>,
    pub ikm: f64,
    pub konversi: f64,
    pub band: String,
    pub label: String,
}

/// Quality band and label of a konversi value, judged on konversi rounded half-up to 2 decimals.
pub fn band(konversi: f64) -> (&'static str, &'static str) {
    // Integer hundredths avoid binary surprises at the boundaries (76,605 → 76,61 → B).
    let hundredths = (konversi * 100.0 + 0.5 + 1e-7).floor() as i64;
    if hundredths >= 8831 {
        ("A", "Sangat Baik")
    } else if hundredths >= 7661 {
        ("B", "Baik")
    } else if hundredths >= 6500 {
        ("C", "Kurang Baik")
    } else {
        ("D", "Tidak Baik")
    }
}

/// The index over `responses` (one unit, one period).
/// IKM = Σ NRR_u / 9 with exact weights; if an unsur has no answer at all it is left out and the
/// mean is taken over the unsur that have answers (FORMATS.md is silent on that case).
pub fn compute_ikm(unit: &str, period: &str, responses: &[Answers]) -> IkmResult {
    let mut tally = [(0u64, 0u64); 9];
    for r in responses {
        for (t, a) in tally.iter_mut().zip(r) {
            if let Some(a) = a {
                *t = (t.0 + 1, t.1 + *a as u64);
            }
        }
    }
    ikm_from_tally(unit, period, responses.len() as u32, &tally)
}

/// The same index from (answers given, sum of the answers) per unsur, e.g. summed by the database:
/// integer sums, so the result is identical to [`compute_ikm`] over the rows.
pub fn ikm_from_tally(unit: &str, period: &str, respondents: u32, tally: &[(u64, u64); 9]) -> IkmResult {
    let mut unsur = Vec::with_capacity(9);
    let mut nrr_sum = 0.0;
    let mut with_answers = 0u32;
    for ((code, name), &(given, sum)) in UNSUR.iter().zip(tally) {
        let nrr = if given == 0 { None } else { Some(sum as f64 / given as f64) };
        if let Some(n) = nrr {
            nrr_sum += n;
            with_answers += 1;
        }
        unsur.push(UnsurResult { code: code.to_string(), name: name.to_string(), nrr, answers: given as u32 });
    }
    let ikm = if with_answers == 9 {
        nrr_sum / 9.0
    } else if with_answers > 0 {
        nrr_sum / with_answers as f64
    } else {
        0.0
    };
    let konversi = 25.0 * ikm;
    let (b, label) = band(konversi);
    IkmResult {
        unit: unit.to_string(),
        period: period.to_string(),
        respondents,
        unsur,
        ikm,
        konversi,
        band: b.to_string(),
        label: label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_boundaries() {
        // FORMATS.md §7: ≥ 88,31 A, ≥ 76,61 B, ≥ 65,00 C, else D, on konversi rounded to 2 decimals.
        assert_eq!(band(64.99).0, "D");
        assert_eq!(band(64.994).0, "D");
        assert_eq!(band(64.995).0, "C", "rounds up to 65,00");
        assert_eq!(band(65.00).0, "C");
        assert_eq!(band(76.60).0, "C");
        assert_eq!(band(76.604).0, "C");
        assert_eq!(band(76.605).0, "B", "rounds up to 76,61");
        assert_eq!(band(76.61).0, "B");
        assert_eq!(band(88.30).0, "B");
        assert_eq!(band(88.31).0, "A");
        assert_eq!(band(100.0), ("A", "Sangat Baik"));
        assert_eq!(band(25.0), ("D", "Tidak Baik"));
        assert_eq!(band(80.0), ("B", "Baik"));
        assert_eq!(band(70.0), ("C", "Kurang Baik"));
    }

    #[test]
    fn hand_computed_small_survey() {
        // Three respondents. U1: 4,3,3 → 10/3; U2..U9: 3,3,3 → 3 except U8: 2,2,(none) → 2.
        let r1 = [Some(4), Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(2), Some(3)];
        let r2 = [Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(2), Some(3)];
        let r3 = [Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), Some(3), None, Some(3)];
        let r = compute_ikm("Dinas Kesehatan", "2026-S1", &[r1, r2, r3]);
        assert_eq!(r.respondents, 3);
        assert_eq!(r.unsur[7].answers, 2, "U8 answered twice");
        assert_eq!(r.unsur[7].nrr, Some(2.0));
        // IKM = (10/3 + 7·3 + 2) / 9 = (3,3333… + 21 + 2) / 9 = 2,9259…; konversi 73,148… → C
        let ikm = (10.0 / 3.0 + 21.0 + 2.0) / 9.0;
        assert!((r.ikm - ikm).abs() < 1e-12);
        assert!((r.konversi - 25.0 * ikm).abs() < 1e-12);
        assert_eq!((r.band.as_str(), r.label.as_str()), ("C", "Kurang Baik"));
    }

    #[test]
    fn exact_ninths_not_rounded_weights() {
        // DOMAIN.md §4.1: a mean NRR of 3,54 gives 88,50 (A) with 1/9, 87,62 (B) with 0,11.
        let nrr_354 = [Some(4), Some(4), Some(4), Some(4), Some(3), Some(3), Some(3), Some(3), Some(4)];
        // One respondent: NRR per unsur is the answer; mean (4·5 + 3·4)/9 = 32/9 = 3,5556 → 88,89 → A
        let r = compute_ikm("U", "2026", &[nrr_354]);
        assert!((r.konversi - 25.0 * 32.0 / 9.0).abs() < 1e-12);
        assert_eq!(r.band, "A");
    }
}
