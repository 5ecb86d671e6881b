//! Proposal types and the rules an entry must meet.

use serde::{Deserialize, Serialize};

use crate::error::{Error, InputProblem, Result};

/// Administrative screening status (DOMAIN.md §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "snake_case")]
pub enum ScreeningStatus {
    Terdaftar,
    LolosAdministrasi,
    TidakLolosAdministrasi,
    MengundurkanDiri,
    Didiskualifikasi,
}

impl ScreeningStatus {
    pub const ALL: [ScreeningStatus; 5] = [
        ScreeningStatus::Terdaftar,
        ScreeningStatus::LolosAdministrasi,
        ScreeningStatus::TidakLolosAdministrasi,
        ScreeningStatus::MengundurkanDiri,
        ScreeningStatus::Didiskualifikasi,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ScreeningStatus::Terdaftar => "terdaftar",
            ScreeningStatus::LolosAdministrasi => "lolos_administrasi",
            ScreeningStatus::TidakLolosAdministrasi => "tidak_lolos_administrasi",
            ScreeningStatus::MengundurkanDiri => "mengundurkan_diri",
            ScreeningStatus::Didiskualifikasi => "didiskualifikasi",
        }
    }

    pub fn parse(s: &str) -> Result<ScreeningStatus> {
        let key = crate::text::match_key(s).replace(' ', "_");
        Self::ALL
            .into_iter()
            .find(|st| st.as_str() == key)
            .ok_or_else(|| Error::InvalidInput { field: "status", problem: InputProblem::BadStatus(s.to_string()) })
    }

    /// Failing screening, withdrawing or a disqualification must say why.
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            ScreeningStatus::TidakLolosAdministrasi
                | ScreeningStatus::MengundurkanDiri
                | ScreeningStatus::Didiskualifikasi
        )
    }

    /// Entries that never enter the ranking (FORMATS.md §8 `excluded`).
    pub fn is_excluded(self) -> bool {
        self.needs_reason()
    }
}

/// Unit types accepted in `jenis_unit`.
pub const UNIT_TYPES: [&str; 4] = ["OPD", "Pemdes", "BUMD", "Lainnya"];

/// Canonical spelling of a unit type, "" when empty, None when unknown.
pub fn canonical_unit_type(s: &str) -> Option<String> {
    let key = crate::text::match_key(s);
    if key.is_empty() {
        return Some(String::new());
    }
    UNIT_TYPES.iter().find(|t| t.to_lowercase() == key).map(|t| t.to_string())
}

#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Proposal {
    pub id: String,
    pub code: String,
    pub title: String,
    pub category: String,
    pub category_name: String,
    pub unit: String,
    pub unit_type: String,
    pub innovator: String,
    pub phone: String,
    pub email: String,
    pub summary: String,
    pub start_year: Option<i32>,
    pub status: ScreeningStatus,
    pub status_reason: String,
    pub created_at: String,
    pub updated_at: String,
    pub removed: bool,
    /// Where a forwarded proposal came from (FORMATS.md §10); None for one registered here.
    pub origin: Option<ProposalOrigin>,
}

/// The organiser, competition, code, rank and final score a forwarded proposal had where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalOrigin {
    pub organiser: String,
    pub competition: String,
    pub year: Option<i32>,
    pub code: String,
    pub rank: Option<u32>,
    pub final_score: Option<f64>,
}

/// What a user types or an import row gives. `code` empty = generate one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalInput {
    #[serde(default)]
    pub code: String,
    pub title: String,
    /// Category code.
    pub category: String,
    pub unit: String,
    #[serde(default)]
    pub unit_type: String,
    #[serde(default)]
    pub innovator: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub start_year: Option<i32>,
}

/// The longest title (see [`crate::limits`]).
pub const MAX_TEXT: usize = crate::limits::TITLE;
pub const MAX_SUMMARY: usize = crate::limits::LONG;

impl ProposalInput {
    /// Tidies the fields and checks the rules that do not need the database.
    pub fn tidied(mut self) -> Result<ProposalInput> {
        for f in [
            &mut self.code,
            &mut self.title,
            &mut self.category,
            &mut self.unit,
            &mut self.innovator,
            &mut self.phone,
            &mut self.email,
        ] {
            *f = crate::text::tidy(f);
        }
        self.summary = self.summary.trim().to_string();
        let bad = |field, problem| Err(Error::InvalidInput { field, problem });
        if self.title.is_empty() {
            return bad("judul", InputProblem::Required);
        }
        if self.category.is_empty() {
            return bad("kategori", InputProblem::Required);
        }
        if self.unit.is_empty() {
            return bad("unit", InputProblem::Required);
        }
        use crate::limits::{CODE, LONG, NAME, SHORT, TITLE, check};
        check("kode", &self.code, CODE)?;
        check("judul", &self.title, TITLE)?;
        check("unit", &self.unit, NAME)?;
        check("inovator", &self.innovator, NAME)?;
        check("telepon", &self.phone, SHORT)?;
        check("email", &self.email, SHORT)?;
        check("ringkasan", &self.summary, LONG)?;
        check("jenis_unit", &self.unit_type, SHORT)?;
        match canonical_unit_type(&self.unit_type) {
            Some(t) => self.unit_type = t,
            None => return bad("jenis_unit", InputProblem::BadUnitType(self.unit_type.clone())),
        }
        if let Some(y) = self.start_year
            && !(1900..=2200).contains(&y)
        {
            return bad("tahun_mulai", InputProblem::BadYear(y.to_string()));
        }
        Ok(self)
    }
}

/// Filters of the proposals list; empty fields do not filter.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProposalFilter {
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub unit_type: Option<String>,
    #[serde(default)]
    pub status: Option<ScreeningStatus>,
    #[serde(default)]
    pub include_removed: bool,
}

/// One line of a proposal's history.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    /// field -> [old, new]
    pub changes: serde_json::Value,
    pub reason: String,
}
