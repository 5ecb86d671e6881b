//! The dossier part of a competition's setup (FORMATS.md §9): the sections a proposal is written
//! in, the size limits and the file types its evidence may have.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::error::SetupProblem;

/// Largest per-file or per-proposal limit a setup may set, in MB (bounds every read of a dossier).
pub const MAX_LIMIT_MB: u32 = 4096;

/// One section of the proposal (for KIPP: one of the eight aspects).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierSection {
    pub code: String,
    pub name: String,
    /// Over this many words is a screening finding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub max_words: Option<u32>,
    /// Empty is a screening finding.
    #[serde(default)]
    pub required: bool,
}

fn default_file_mb() -> u32 {
    25
}

fn default_proposal_mb() -> u32 {
    200
}

fn default_file_types() -> Vec<String> {
    ["pdf", "jpg", "png", "xlsx", "docx", "pptx", "mp4"].map(String::from).to_vec()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DossierSetup {
    pub sections: Vec<DossierSection>,
    #[serde(default = "default_file_mb")]
    pub max_file_mb: u32,
    #[serde(default = "default_proposal_mb")]
    pub max_proposal_mb: u32,
    /// File name endings allowed for evidence, lower case without the dot.
    #[serde(default = "default_file_types")]
    pub file_types: Vec<String>,
}

impl Default for DossierSetup {
    fn default() -> Self {
        DossierSetup {
            sections: Vec::new(),
            max_file_mb: default_file_mb(),
            max_proposal_mb: default_proposal_mb(),
            file_types: default_file_types(),
        }
    }
}

/// The eight aspects of the national KIPP proposal (DOMAIN.md §3.1), in its order.
pub fn kipp_sections() -> Vec<DossierSection> {
    [
        ("ringkasan", "Ringkasan", Some(200)),
        ("latar_belakang", "Latar belakang dan tujuan inovasi", None),
        ("kebaruan", "Kebaruan / nilai tambah", None),
        ("implementasi", "Implementasi inovasi", None),
        ("signifikansi", "Signifikansi", None),
        ("adaptabilitas", "Adaptabilitas", None),
        ("sumber_daya", "Sumber daya", None),
        ("keberlanjutan", "Keberlanjutan", None),
    ]
    .into_iter()
    .map(|(code, name, max_words)| DossierSection { code: code.into(), name: name.into(), max_words, required: true })
    .collect()
}

impl DossierSetup {
    /// The KIPP dossier with the default limits and file types.
    pub fn kipp() -> DossierSetup {
        DossierSetup { sections: kipp_sections(), ..DossierSetup::default() }
    }

    /// A section by code, or by name, with the import matching rules.
    pub fn find_section(&self, code_or_name: &str) -> Option<&DossierSection> {
        let key = crate::text::match_key(code_or_name);
        self.sections
            .iter()
            .find(|s| crate::text::match_key(&s.code) == key)
            .or_else(|| self.sections.iter().find(|s| crate::text::match_key(&s.name) == key))
    }

    /// Whether `ext` (lower case, no dot) may be imported; `jpeg` counts as `jpg`.
    pub fn allows(&self, ext: &str) -> bool {
        let ext = if ext == "jpeg" { "jpg" } else { ext };
        self.file_types.iter().any(|t| t == ext || (t == "jpeg" && ext == "jpg"))
    }

    pub fn max_file_bytes(&self) -> u64 {
        u64::from(self.max_file_mb) * 1024 * 1024
    }

    pub fn max_proposal_bytes(&self) -> u64 {
        u64::from(self.max_proposal_mb) * 1024 * 1024
    }

    /// Trims codes and names, lower-cases the file types.
    pub(crate) fn tidy(&mut self) {
        for s in &mut self.sections {
            s.code = crate::text::tidy(&s.code);
            s.name = crate::text::tidy(&s.name);
        }
        for t in &mut self.file_types {
            *t = t.trim().trim_start_matches('.').to_lowercase();
        }
    }

    pub(crate) fn check(&self, p: &mut Vec<SetupProblem>) {
        let mut seen = HashSet::new();
        for s in &self.sections {
            if s.code.trim().is_empty() || s.name.trim().is_empty() {
                p.push(SetupProblem::EmptyCode);
            } else if !seen.insert(crate::text::match_key(&s.code)) {
                p.push(SetupProblem::DuplicateSection(s.code.clone()));
            }
        }
        let limit_ok = |mb: u32| (1..=MAX_LIMIT_MB).contains(&mb);
        if !limit_ok(self.max_file_mb) || !limit_ok(self.max_proposal_mb) {
            p.push(SetupProblem::BadDossierLimit);
        }
        for t in &self.file_types {
            let plain = !t.is_empty() && t.len() <= 10 && t.chars().all(|c| c.is_ascii_alphanumeric());
            if !plain {
                p.push(SetupProblem::BadFileType(t.clone()));
            }
        }
    }
}
