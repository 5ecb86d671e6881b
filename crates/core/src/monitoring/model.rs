//! Monitoring types: the innovation registry, indicators, quarterly reports and evaluations, with
//! the closed vocabularies (lifecycle stage, indicator kind, verdict, forwarding level) and their parsers.

use serde::{Deserialize, Serialize};

use crate::error::{Error, InputProblem, Result};

/// Generates a parser from user text (case-insensitive; spaces, dashes and underscores alike) with aliases.
macro_rules! vocabulary {
    ($ty:ident, $field:literal, $problem:ident, [$($variant:ident => $code:literal [$($alias:literal),*]),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }

            pub fn parse(s: &str) -> Result<$ty> {
                let key = crate::text::match_key(s).replace([' ', '-'], "_");
                $(if key == $code $(|| key == $alias)* { return Ok($ty::$variant); })+
                Err(Error::InvalidInput { field: $field, problem: InputProblem::$problem(s.to_string()) })
            }
        }
    };
}

/// Maturity of an innovation (DOMAIN.md §4.2, §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum LifecycleStage {
    Gagasan,
    UjiCoba,
    Penerapan,
    Replikasi,
}
vocabulary!(LifecycleStage, "tahapan", BadLifecycleStage, [
    Gagasan => "gagasan" ["ide", "inisiatif", "idea", "initiative"],
    UjiCoba => "uji_coba" ["ujicoba", "trial"],
    Penerapan => "penerapan" ["implementation", "implementasi"],
    Replikasi => "replikasi" ["replication"],
]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Output,
    /// Outcome / benefit.
    Kemanfaatan,
    /// Sustainability.
    Keberlanjutan,
}
vocabulary!(IndicatorKind, "jenis", BadIndicatorKind, [
    Output => "output" ["keluaran"],
    Kemanfaatan => "kemanfaatan" ["outcome", "manfaat", "benefit", "hasil"],
    Keberlanjutan => "keberlanjutan" ["sustainability", "berkelanjutan"],
]);

/// The decision of an evaluation at the end of a period (DOMAIN.md §5: berlanjut / direplikasi / dihentikan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Berlanjut,
    Diperbaiki,
    Direplikasi,
    Dihentikan,
}
vocabulary!(Verdict, "hasil", BadVerdict, [
    Berlanjut => "berlanjut" ["lanjut", "continue"],
    Diperbaiki => "diperbaiki" ["perbaiki", "perbaikan", "improve"],
    Direplikasi => "direplikasi" ["replikasi", "replicate"],
    Dihentikan => "dihentikan" ["hentikan", "stop"],
]);

/// Where an innovation was forwarded after a kabupaten competition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ForwardingLevel {
    Provinsi,
    Sinovik,
    Top99,
    Lainnya,
}
vocabulary!(ForwardingLevel, "tingkat", BadForwardingLevel, [
    Provinsi => "provinsi" ["province"],
    Sinovik => "sinovik" ["kipp"],
    Top99 => "top99" ["top_99", "kipp_top_99", "kipp_top99"],
    Lainnya => "lainnya" ["other"],
]);

/// An agency or unit on the One Agency One Innovation list.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Unit {
    pub id: String,
    pub code: String,
    pub name: String,
    pub unit_type: String,
    /// Live innovations owned by the unit.
    pub innovations: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct UnitInput {
    #[serde(default)]
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub unit_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Innovation {
    pub id: String,
    pub code: String,
    pub title: String,
    pub unit_id: String,
    pub unit: String,
    pub unit_code: String,
    pub unit_type: String,
    pub start_year: Option<i32>,
    pub description: String,
    pub stage: LifecycleStage,
    pub created_at: String,
    pub updated_at: String,
    pub removed: bool,
    pub removed_reason: String,
}

/// What a form or an import row gives. `code` empty = generate the next INV-nnn.
/// `unit` is a unit name or code; an unknown name adds the unit to the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct InnovationInput {
    #[serde(default)]
    pub code: String,
    pub title: String,
    pub unit: String,
    #[serde(default)]
    pub unit_type: String,
    #[serde(default)]
    pub start_year: Option<i32>,
    #[serde(default)]
    pub description: String,
    pub stage: LifecycleStage,
}

/// A competition entry the innovation came from, with its result in that competition's recap.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CompetitionEntry {
    pub proposal_id: String,
    pub competition: String,
    pub year: i32,
    pub proposal_code: String,
    pub category: String,
    pub rank: Option<u32>,
    /// Recap status (FORMATS.md §8): ranked, not_finalist, did_not_pass, incomplete, excluded.
    pub result: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Forwarding {
    pub id: String,
    pub level: ForwardingLevel,
    pub year: i32,
    pub outcome: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ForwardingInput {
    pub level: ForwardingLevel,
    pub year: i32,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct QuarterTarget {
    pub year: i32,
    pub quarter: u8,
    pub target: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Indicator {
    pub id: String,
    pub innovation_id: String,
    pub kind: IndicatorKind,
    pub name: String,
    /// Unit of measure (satuan), e.g. "orang", "hari", "%".
    pub measure: String,
    pub kontrak_kinerja: String,
    /// In year and quarter order.
    pub targets: Vec<QuarterTarget>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IndicatorInput {
    pub kind: IndicatorKind,
    pub name: String,
    #[serde(default)]
    pub measure: String,
    #[serde(default)]
    pub kontrak_kinerja: String,
    /// Replaces every target of the indicator.
    #[serde(default)]
    pub targets: Vec<QuarterTarget>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportValue {
    pub indicator_id: String,
    pub realisation: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceInfo {
    pub id: String,
    pub file_name: String,
    pub mime: String,
    pub size: u32,
    pub sha256: String,
    pub added_by: String,
    pub added_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct QuarterlyReport {
    pub id: String,
    pub innovation_id: String,
    pub year: i32,
    pub quarter: u8,
    pub narrative: String,
    pub obstacles: String,
    pub follow_up: String,
    pub reported_by: String,
    pub reported_at: String,
    pub updated_at: String,
    pub values: Vec<ReportValue>,
    pub evidence: Vec<EvidenceInfo>,
}

/// A report as typed: realisations for some or all indicators (others keep their saved value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ReportInput {
    pub year: i32,
    pub quarter: u8,
    #[serde(default)]
    pub narrative: String,
    #[serde(default)]
    pub obstacles: String,
    #[serde(default)]
    pub follow_up: String,
    #[serde(default)]
    pub values: Vec<ReportValue>,
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Evaluation {
    pub id: String,
    pub period: String,
    pub verdict: Verdict,
    pub recommendation: String,
    pub evaluated_by: String,
    pub evaluated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvaluationInput {
    /// e.g. "2026" or "2026-S2".
    pub period: String,
    pub verdict: Verdict,
    #[serde(default)]
    pub recommendation: String,
}

/// Everything about one innovation, for its page.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct InnovationDetail {
    pub innovation: Innovation,
    pub entries: Vec<CompetitionEntry>,
    pub forwardings: Vec<Forwarding>,
    pub indicators: Vec<Indicator>,
    pub reports: Vec<QuarterlyReport>,
    pub evaluations: Vec<Evaluation>,
}

/// Titles (see [`crate::limits`]).
pub const MAX_TEXT: usize = crate::limits::TITLE;
pub const MAX_LONG_TEXT: usize = crate::limits::LONG;

/// Checks a user-typed text: trimmed (inner whitespace collapsed too, unless it is a long text),
/// within `max` characters.
pub(crate) fn checked_text(field: &'static str, value: &str, max: usize, required: bool) -> Result<String> {
    let v = if max < crate::limits::REASON { crate::text::tidy(value) } else { value.trim().to_string() };
    if required && v.is_empty() {
        return Err(Error::InvalidInput { field, problem: InputProblem::Required });
    }
    if !crate::limits::fits(&v, max) {
        return Err(Error::InvalidInput { field, problem: InputProblem::TooLong(max) });
    }
    Ok(v)
}

/// A quarter number from "3", "III", "TW3", "TW III", "Triwulan 3", "Q3" or "2026-TW3".
pub fn parse_quarter(s: &str) -> Option<u8> {
    let key = crate::text::match_key(s).replace(['-', '_'], " ");
    let last = key.split_whitespace().last()?;
    let t = last.trim_start_matches("triwulan").trim_start_matches("tw").trim_start_matches('q');
    match t {
        "1" | "i" | "1.0" => Some(1),
        "2" | "ii" | "2.0" => Some(2),
        "3" | "iii" | "3.0" => Some(3),
        "4" | "iv" | "4.0" => Some(4),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_in_the_shapes_clerks_write() {
        for (s, q) in [("3", 3), ("III", 3), ("TW3", 3), ("TW III", 3), ("Triwulan 2", 2), ("q4", 4), ("2026-TW1", 1)] {
            assert_eq!(parse_quarter(s), Some(q), "{s}");
        }
        for s in ["0", "5", "", "TW", "V", "empat"] {
            assert_eq!(parse_quarter(s), None, "{s} is not a quarter");
        }
    }

    #[test]
    fn vocabularies_take_indonesian_and_english_words() {
        assert_eq!(LifecycleStage::parse("Uji Coba").unwrap(), LifecycleStage::UjiCoba);
        assert_eq!(LifecycleStage::parse("uji-coba").unwrap(), LifecycleStage::UjiCoba);
        assert_eq!(IndicatorKind::parse("Outcome").unwrap(), IndicatorKind::Kemanfaatan);
        assert_eq!(Verdict::parse("lanjut").unwrap(), Verdict::Berlanjut);
        assert_eq!(ForwardingLevel::parse("KIPP Top 99").unwrap(), ForwardingLevel::Top99);
        assert!(matches!(
            LifecycleStage::parse("selesai"),
            Err(Error::InvalidInput { field: "tahapan", problem: InputProblem::BadLifecycleStage(_) })
        ));
    }
}
