//! The competition setup exactly as FORMATS.md §1 writes it, and its validation.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::dossier::DossierSetup;
use crate::error::{Error, Result, SetupProblem};

/// Largest criterion bound or weight a setup may hold. Real scales are 1–5, 0–100 or 0–1000;
/// the cap keeps every percentage and weighted mean far inside f64's range (±1e308 bounds made the
/// recap print null stage scores).
pub const MAX_SETUP_NUMBER: f64 = 1_000_000.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum StageKind {
    Desk,
    Venue,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum Normalisation {
    #[default]
    None,
    Zscore,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CategorySetup {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub quota: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct CriterionSetup {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub weight: f64,
    pub min: f64,
    pub max: f64,
    /// The dossier section shown beside this criterion on the score sheet (FORMATS.md §9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct StageSetup {
    pub code: String,
    pub name: String,
    pub kind: StageKind,
    pub weight: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub passing_grade: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finalists_per_category: Option<u32>,
    pub criteria: Vec<CriterionSetup>,
}

fn default_threshold() -> f64 {
    15.0
}

/// A competition's whole setup; the JSON of "Ekspor pengaturan" and `juri init --config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Setup {
    pub name: String,
    pub year: i32,
    #[serde(default)]
    pub organiser: String,
    #[serde(default)]
    pub place: String,
    pub categories: Vec<CategorySetup>,
    pub stages: Vec<StageSetup>,
    #[serde(default)]
    pub tie_break: Vec<String>,
    #[serde(default)]
    pub normalisation: Normalisation,
    #[serde(default = "default_threshold")]
    pub disagreement_threshold: f64,
    /// The proposal's sections, size limits and evidence file types (FORMATS.md §9); None: the
    /// competition takes no dossiers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub dossier: Option<DossierSetup>,
}

impl Setup {
    /// Parses setup JSON; unknown fields are ignored, malformed JSON is an `InvalidSetup`.
    pub fn from_json(text: &str) -> Result<Setup> {
        let setup: Setup = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| Error::InvalidSetup(vec![SetupProblem::BadJson(e.to_string())]))?;
        setup.validate()?;
        Ok(setup)
    }

    /// Parses a setup file as read from disk: refused when larger than
    /// [`crate::limits::MAX_SETUP_BYTES`] or not UTF-8 text, then as [`Setup::from_json`].
    pub fn from_json_bytes(bytes: &[u8]) -> Result<Setup> {
        use crate::error::FileProblem;
        if bytes.len() as u64 > crate::limits::MAX_SETUP_BYTES {
            return Err(Error::FileUnreadable(FileProblem::TooLarge(bytes.len() as u64)));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| Error::FileUnreadable(FileProblem::NotText))?;
        if text.contains('\0') {
            return Err(Error::FileUnreadable(FileProblem::NotText));
        }
        Setup::from_json(text)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("setup serialises")
    }

    /// Trims codes and names in place, then checks every rule; all problems are reported at once.
    pub fn normalised(mut self) -> Result<Setup> {
        let t = |s: &mut String| *s = crate::text::tidy(s);
        t(&mut self.name);
        t(&mut self.organiser);
        t(&mut self.place);
        for c in &mut self.categories {
            t(&mut c.code);
            t(&mut c.name);
        }
        for s in &mut self.stages {
            t(&mut s.code);
            t(&mut s.name);
            for c in &mut s.criteria {
                t(&mut c.code);
                t(&mut c.name);
                c.description = c.description.trim().to_string();
                if let Some(section) = &mut c.section {
                    *section = crate::text::tidy(section);
                }
                if c.section.as_deref() == Some("") {
                    c.section = None;
                }
            }
        }
        if let Some(d) = &mut self.dossier {
            d.tidy();
        }
        for tb in &mut self.tie_break {
            *tb = tb.trim().to_string();
        }
        self.validate()?;
        Ok(self)
    }

    /// Checks the setup; every problem is reported at once.
    pub fn validate(&self) -> Result<()> {
        let mut p = Vec::new();
        if self.name.trim().is_empty() {
            p.push(SetupProblem::MissingName);
        }
        if !(1900..=2200).contains(&self.year) {
            p.push(SetupProblem::BadYear(self.year as i64));
        }
        if self.categories.is_empty() {
            p.push(SetupProblem::NoCategories);
        }
        if self.stages.is_empty() {
            p.push(SetupProblem::NoStages);
        }
        let mut seen = HashSet::new();
        for c in &self.categories {
            if c.code.trim().is_empty() || c.name.trim().is_empty() {
                p.push(SetupProblem::EmptyCode);
            } else if !seen.insert(crate::text::match_key(&c.code)) {
                p.push(SetupProblem::DuplicateCategory(c.code.clone()));
            }
        }
        let mut stages = HashSet::new();
        for s in &self.stages {
            if s.code.trim().is_empty() || s.name.trim().is_empty() {
                p.push(SetupProblem::EmptyCode);
            } else if !stages.insert(crate::text::match_key(&s.code)) {
                p.push(SetupProblem::DuplicateStage(s.code.clone()));
            }
            if !(s.weight >= 0.0 && s.weight.is_finite()) {
                p.push(SetupProblem::NegativeStageWeight(s.code.clone()));
            } else if s.weight > MAX_SETUP_NUMBER {
                p.push(SetupProblem::NumberTooLarge { what: s.code.clone() });
            }
            if s.passing_grade.is_some_and(|g| !(0.0..=100.0).contains(&g)) {
                p.push(SetupProblem::BadPassingGrade(s.code.clone()));
            }
            if s.criteria.is_empty() {
                p.push(SetupProblem::StageWithoutCriteria(s.code.clone()));
            }
            let mut crits = HashSet::new();
            for c in &s.criteria {
                let (stage, code) = (s.code.clone(), c.code.clone());
                if c.code.trim().is_empty() || c.name.trim().is_empty() {
                    p.push(SetupProblem::EmptyCode);
                } else if !crits.insert(crate::text::match_key(&c.code)) {
                    p.push(SetupProblem::DuplicateCriterion { stage: stage.clone(), code: code.clone() });
                }
                if !(c.min.is_finite() && c.max.is_finite() && c.min < c.max) {
                    p.push(SetupProblem::MinNotBelowMax { stage: stage.clone(), code: code.clone() });
                } else if c.min.abs() > MAX_SETUP_NUMBER || c.max.abs() > MAX_SETUP_NUMBER {
                    p.push(SetupProblem::NumberTooLarge { what: format!("{stage}/{code}") });
                }
                if !(c.weight > 0.0 && c.weight.is_finite()) {
                    p.push(SetupProblem::NonPositiveCriterionWeight { stage, code });
                } else if c.weight > MAX_SETUP_NUMBER {
                    p.push(SetupProblem::NumberTooLarge { what: format!("{stage}/{code}") });
                }
            }
        }
        let total: f64 = self.stages.iter().map(|s| s.weight.max(0.0)).sum();
        if !self.stages.is_empty() && total.partial_cmp(&0.0) != Some(std::cmp::Ordering::Greater) {
            p.push(SetupProblem::ZeroTotalStageWeight);
        }
        for tb in &self.tie_break {
            if !self.tie_break_is_known(tb) {
                p.push(SetupProblem::BadTieBreak(tb.clone()));
            }
        }
        if !(self.disagreement_threshold >= 0.0 && self.disagreement_threshold <= 100.0) {
            p.push(SetupProblem::BadThreshold);
        }
        self.check_dossier(&mut p);
        self.check_lengths(&mut p);
        if p.is_empty() { Ok(()) } else { Err(Error::InvalidSetup(p)) }
    }

    /// The dossier's own rules, and every criterion's section one of its sections.
    fn check_dossier(&self, p: &mut Vec<SetupProblem>) {
        if let Some(d) = &self.dossier {
            d.check(p);
        }
        for s in &self.stages {
            for c in &s.criteria {
                let Some(section) = &c.section else { continue };
                let known = self.dossier.as_ref().is_some_and(|d| d.sections.iter().any(|x| &x.code == section));
                if !known {
                    p.push(SetupProblem::UnknownSection {
                        stage: s.code.clone(),
                        code: c.code.clone(),
                        section: section.clone(),
                    });
                }
            }
        }
    }

    /// Every name, code and description within its limit ([`crate::limits`]).
    fn check_lengths(&self, p: &mut Vec<SetupProblem>) {
        use crate::limits::{CODE, LONG, NAME, TITLE, fits};
        let mut check = |field: &'static str, code: &str, value: &str, max: usize| {
            if !fits(value, max) {
                p.push(SetupProblem::TooLong { field, code: code.to_string(), max });
            }
        };
        check("nama_kompetisi", "", &self.name, TITLE);
        check("penyelenggara", "", &self.organiser, TITLE);
        check("tempat", "", &self.place, NAME);
        for c in &self.categories {
            check("kode_kategori", "", &c.code, CODE);
            check("nama_kategori", &c.code, &c.name, NAME);
        }
        for s in &self.stages {
            check("kode_tahap", "", &s.code, CODE);
            check("nama_tahap", &s.code, &s.name, NAME);
            for c in &s.criteria {
                check("kode_kriteria", &s.code, &c.code, CODE);
                check("nama_kriteria", &c.code, &c.name, NAME);
                check("deskripsi_kriteria", &c.code, &c.description, LONG);
            }
        }
        for d in self.dossier.iter().flat_map(|d| &d.sections) {
            check("kode_bagian", "", &d.code, CODE);
            check("nama_bagian", &d.code, &d.name, NAME);
        }
        for tb in &self.tie_break {
            check("urutan_penentu", "", tb, 2 * CODE + 20);
        }
    }

    fn tie_break_is_known(&self, tb: &str) -> bool {
        if let Some(stage) = tb.strip_prefix("stage:") {
            return self.stage(stage).is_some();
        }
        if let Some(rest) = tb.strip_prefix("criterion:")
            && let Some((stage, crit)) = rest.split_once('/')
        {
            return self.stage(stage).is_some_and(|s| s.criteria.iter().any(|c| c.code == crit));
        }
        false
    }

    pub fn stage(&self, code: &str) -> Option<&StageSetup> {
        self.stages.iter().find(|s| s.code == code)
    }

    /// Finds a category by code or by name, with the import matching rules.
    pub fn find_category(&self, code_or_name: &str) -> Option<&CategorySetup> {
        let key = crate::text::match_key(code_or_name);
        self.categories
            .iter()
            .find(|c| crate::text::match_key(&c.code) == key)
            .or_else(|| self.categories.iter().find(|c| crate::text::match_key(&c.name) == key))
    }
}

/// A stored competition.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Competition {
    pub id: String,
    pub setup: Setup,
    pub created_at: String,
    pub updated_at: String,
}

/// One line of the competitions list.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CompetitionSummary {
    pub id: String,
    pub name: String,
    pub year: i32,
    pub organiser: String,
    pub categories: u32,
    pub proposals: u32,
    pub created_at: String,
}
