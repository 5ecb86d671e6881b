//! The documents of DOMAIN.md §6, each a function from the data to PDF bytes.

pub mod berita_acara;
pub mod certificates;
pub mod checklist;
pub mod ikm;
pub mod monitoring;
pub mod recap;
pub mod reliability;
pub mod score_sheets;
pub mod sk;

use juri_core::competition::Setup;
use juri_core::format_id::decimal;
use juri_core::proposals::ScreeningStatus;

/// A weight as a share of the total, as clerks write it: "30%".
pub fn percent(part: f64, total: f64) -> String {
    let v = if total > 0.0 { 100.0 * part / total } else { 0.0 };
    let d = if (v - v.round()).abs() < 1e-9 { 0 } else { 2 };
    format!("{}%", decimal(v, d))
}

/// How scores became ranks, in one paragraph (printed on the recap and in the berita acara).
pub fn method_text(setup: &Setup) -> String {
    let mut s = String::from(
        "Nilai seorang juri pada suatu tahap adalah rata-rata tertimbang persentase skor kriteria. \
         Nilai tahap adalah rata-rata nilai juri yang dihitung (n); juri yang memiliki konflik kepentingan (KK) \
         tidak menilai dan tidak mengurangi nilai.",
    );
    if setup.normalisation == juri_core::competition::Normalisation::Zscore {
        s.push_str(" Nilai juri dinormalisasi dengan skor-z per tahap sebelum dirata-ratakan.");
    }
    let weighted: Vec<_> = setup.stages.iter().filter(|st| st.weight > 0.0).collect();
    let total: f64 = weighted.iter().map(|st| st.weight).sum();
    if weighted.len() > 1 {
        let parts: Vec<String> =
            weighted.iter().map(|st| format!("{} {}", percent(st.weight, total), st.name)).collect();
        s.push_str(&format!(" Nilai akhir = {}.", parts.join(" + ")));
    } else if let Some(st) = weighted.first() {
        s.push_str(&format!(" Nilai akhir adalah nilai tahap {}.", st.name));
    }
    for st in &setup.stages {
        match (st.passing_grade, st.finalists_per_category) {
            (Some(g), Some(n)) => s.push_str(&format!(
                " Tahap {} meloloskan paling banyak {n} finalis per kategori dengan nilai ambang {}.",
                st.name,
                decimal(g, 2)
            )),
            (None, Some(n)) => s.push_str(&format!(" Tahap {} menetapkan {n} finalis per kategori.", st.name)),
            (Some(g), None) => s.push_str(&format!(" Nilai ambang tahap {} adalah {}.", st.name, decimal(g, 2))),
            (None, None) => {}
        }
    }
    s.push_str(&format!(
        " SD adalah simpangan baku nilai juri; SD di atas {} ditandai untuk dibahas. Peringkat ditetapkan per kategori menurut nilai akhir",
        decimal(setup.disagreement_threshold, 2)
    ));
    let ties: Vec<String> = setup
        .tie_break
        .iter()
        .filter_map(|tb| {
            if let Some(code) = tb.strip_prefix("stage:") {
                setup.stage(code).map(|st| format!("nilai tahap {}", st.name))
            } else {
                let (stage, crit) = tb.strip_prefix("criterion:")?.split_once('/')?;
                let st = setup.stage(stage)?;
                st.criteria.iter().find(|c| c.code == crit).map(|c| format!("kriteria {} ({})", c.name, st.name))
            }
        })
        .collect();
    if ties.is_empty() {
        s.push_str("; nilai yang sama berbagi peringkat.");
    } else {
        s.push_str(&format!("; bila sama, menurut {}; bila masih sama, berbagi peringkat.", ties.join(", lalu ")));
    }
    s
}

/// The screening status as the documents name it.
pub fn screening_label(s: ScreeningStatus) -> &'static str {
    match s {
        ScreeningStatus::Terdaftar => "Terdaftar",
        ScreeningStatus::LolosAdministrasi => "Lolos administrasi",
        ScreeningStatus::TidakLolosAdministrasi => "Tidak lolos administrasi",
        ScreeningStatus::MengundurkanDiri => "Mengundurkan diri",
        ScreeningStatus::Didiskualifikasi => "Didiskualifikasi",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_and_method() {
        assert_eq!(percent(30.0, 100.0), "30%");
        assert_eq!(percent(1.0, 3.0), "33,33%");
        let setup = juri_core::competition::template_setup("kabupaten", "X", 2026).unwrap();
        let m = method_text(&setup);
        assert!(m.contains("Nilai akhir = 30% Penilaian Proposal + 70% Presentasi dan Wawancara."), "{m}");
        assert!(m.contains("menetapkan 3 finalis per kategori"), "{m}");
        assert!(m.contains("SD di atas 15,00"), "{m}");
        assert!(m.contains("menurut nilai tahap Presentasi dan Wawancara, lalu kriteria Kemanfaatan"), "{m}");
    }
}
