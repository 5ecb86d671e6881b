//! Which document to make, as the app's Dokumen screen asks for it (the `juri pdf …` /
//! `juri export …` choices): the request the UI sends (its TypeScript type is generated), the name
//! the save dialog suggests, and the bytes. The shell only asks where and writes.

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::{DocData, DocError, Recipients, Result, SheetOptions, SkList, export};

/// A table saved as CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CsvTable {
    Proposals,
    Judges,
    Scores,
    Recap,
    /// The certificate register: every piagam and sertifikat number given.
    CertificateRegister,
}

/// Which document to make.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum DocumentRequest {
    /// Piagam / sertifikat; `each`: one file per recipient into a folder instead of one PDF.
    Certificates {
        recipients: Recipients,
        #[serde(default)]
        each: bool,
    },
    Recap {
        #[serde(default)]
        stage: Option<String>,
    },
    ScoreSheets {
        #[serde(default)]
        stage: Option<String>,
        #[serde(default)]
        judge: Option<String>,
        #[serde(default)]
        proposal: Option<String>,
        #[serde(default)]
        filled: bool,
    },
    BeritaAcara,
    /// The annex to the berita acara: jury agreement and rank certainty (FORMATS.md §11 with its
    /// default replicates and seed).
    Reliability,
    /// Lampiran SK with the winners, or the finalist announcement.
    Sk {
        #[serde(default)]
        finalists: bool,
    },
    /// The screening checklist of the dossiers (PDF, or XLSX with `xlsx`).
    Checklist {
        #[serde(default)]
        xlsx: bool,
    },
    /// The workbook (proposals, judges, scores, recap sheets) or the scores alone.
    Xlsx {
        #[serde(default)]
        scores_only: bool,
    },
    Csv {
        table: CsvTable,
    },
}

/// Where a saved document went: the file, or the folder and how many files it holds now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SavedDocument {
    pub path: String,
    pub files: u32,
}

/// Lower-case ASCII letters, digits and dashes, for file names built from codes.
fn slug(s: &str) -> String {
    let s: String = s.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    s.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-")
}

impl DocumentRequest {
    /// The name suggested in the save dialog (a folder name for one file per recipient).
    pub fn file_name(&self, year: i32) -> String {
        match self {
            DocumentRequest::Certificates { recipients, each: true } => format!("piagam-{}-{year}", recipients.slug()),
            DocumentRequest::Certificates { recipients, .. } => format!("piagam-{}-{year}.pdf", recipients.slug()),
            DocumentRequest::Recap { stage } => {
                let stage = stage.as_deref().map(slug).unwrap_or_else(|| "semua-tahap".into());
                format!("rekapitulasi-nilai-{stage}-{year}.pdf")
            }
            DocumentRequest::ScoreSheets { stage, judge, proposal, filled } => {
                let mut parts = vec![if *filled { "terisi" } else { "kosong" }.to_string()];
                parts.extend([stage, judge, proposal].into_iter().flatten().map(|p| slug(p)));
                format!("lembar-penilaian-{}-{year}.pdf", parts.join("-"))
            }
            DocumentRequest::BeritaAcara => format!("berita-acara-penilaian-{year}.pdf"),
            DocumentRequest::Reliability => format!("lampiran-keandalan-penilaian-{year}.pdf"),
            DocumentRequest::Checklist { xlsx: false } => format!("daftar-periksa-isian-proposal-{year}.pdf"),
            DocumentRequest::Checklist { xlsx: true } => format!("daftar-periksa-isian-proposal-{year}.xlsx"),
            DocumentRequest::Sk { finalists: true } => format!("pengumuman-finalis-{year}.pdf"),
            DocumentRequest::Sk { finalists: false } => format!("lampiran-sk-pemenang-{year}.pdf"),
            DocumentRequest::Xlsx { scores_only: true } => format!("nilai-{year}.xlsx"),
            DocumentRequest::Xlsx { scores_only: false } => format!("kompetisi-{year}.xlsx"),
            DocumentRequest::Csv { table } => {
                let name = match table {
                    CsvTable::Proposals => "proposal",
                    CsvTable::Judges => "juri",
                    CsvTable::Scores => "nilai",
                    CsvTable::Recap => "rekapitulasi",
                    CsvTable::CertificateRegister => "register-piagam-sertifikat",
                };
                format!("{name}-{year}.csv")
            }
        }
    }

    /// (filter name, extensions) of the save dialog.
    pub fn save_filter(&self) -> (&'static str, &'static [&'static str]) {
        match self {
            DocumentRequest::Xlsx { .. } | DocumentRequest::Checklist { xlsx: true } => ("Excel", &["xlsx"]),
            DocumentRequest::Csv { .. } => ("CSV", &["csv"]),
            _ => ("PDF", &["pdf"]),
        }
    }

    /// The request whose PDF is shown as a preview: a certificate batch is previewed as one PDF;
    /// spreadsheets have none.
    pub fn for_preview(self) -> Result<Self> {
        match self {
            DocumentRequest::Xlsx { .. } | DocumentRequest::Csv { .. } | DocumentRequest::Checklist { xlsx: true } => {
                Err(DocError::NoPreview)
            }
            DocumentRequest::Certificates { recipients, .. } => {
                Ok(DocumentRequest::Certificates { recipients, each: false })
            }
            other => Ok(other),
        }
    }

    /// The bytes of the document, read from `conn` (a read-only connection in the app, so saves
    /// never wait for it). `progress(done, total)` hears of certificate pages; false cancels.
    pub fn generate(
        &self,
        conn: &Connection,
        competition_id: &str,
        progress: &mut dyn FnMut(usize, usize) -> bool,
    ) -> Result<Vec<u8>> {
        let data = DocData::load(conn, competition_id)?;
        Ok(match self {
            DocumentRequest::Certificates { recipients, .. } => {
                crate::certificates_pdf_with(&data, *recipients, progress)?
            }
            DocumentRequest::Recap { stage } => crate::recap_pdf(&data, stage.as_deref())?,
            DocumentRequest::ScoreSheets { stage, judge, proposal, filled } => {
                let opts = SheetOptions {
                    stage: stage.clone(),
                    judge: judge.clone(),
                    proposal: proposal.clone(),
                    filled: *filled,
                };
                crate::score_sheets_pdf(conn, &data, &opts)?
            }
            DocumentRequest::BeritaAcara => crate::berita_acara_pdf(&data)?,
            DocumentRequest::Reliability => {
                let opts = juri_core::reliability::StatsOptions::default();
                let report = juri_core::reliability::jury_statistics(conn, competition_id, opts, &|| false)?
                    .ok_or(DocError::Core(juri_core::Error::Cancelled))?;
                crate::reliability_pdf(&data, &report, opts.replicates, opts.seed)?
            }
            DocumentRequest::Checklist { xlsx: false } => crate::checklist_pdf(conn, &data)?,
            DocumentRequest::Checklist { xlsx: true } => crate::checklist_xlsx(conn, &data)?,
            DocumentRequest::Sk { finalists } => {
                crate::sk_pdf(&data, if *finalists { SkList::Finalists } else { SkList::Winners })?
            }
            DocumentRequest::Xlsx { scores_only: true } => export::scores_xlsx(conn, &data)?,
            DocumentRequest::Xlsx { scores_only: false } => export::workbook_xlsx(conn, &data)?,
            DocumentRequest::Csv { table } => match table {
                CsvTable::Proposals => export::proposals_csv(&data),
                CsvTable::Judges => export::judges_csv(&data),
                CsvTable::Scores => export::scores_csv(conn, &data)?,
                CsvTable::Recap => export::recap_table_csv(&data)?,
                CsvTable::CertificateRegister => export::certificate_register_csv(conn, &data)?,
            }
            .into_bytes(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: &str) -> DocumentRequest {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn requests_read_as_the_ui_sends_them_and_suggest_plain_file_names() {
        let cases = [
            (r#"{"kind":"certificates","recipients":"winners"}"#, "piagam-pemenang-2026.pdf"),
            (r#"{"kind":"certificates","recipients":"participants","each":true}"#, "piagam-peserta-2026"),
            (r#"{"kind":"recap","stage":null}"#, "rekapitulasi-nilai-semua-tahap-2026.pdf"),
            (r#"{"kind":"recap","stage":"presentasi"}"#, "rekapitulasi-nilai-presentasi-2026.pdf"),
            (
                r#"{"kind":"score_sheets","stage":"proposal","judge":"J1","proposal":null,"filled":true}"#,
                "lembar-penilaian-terisi-proposal-j1-2026.pdf",
            ),
            (r#"{"kind":"score_sheets"}"#, "lembar-penilaian-kosong-2026.pdf"),
            (r#"{"kind":"berita_acara"}"#, "berita-acara-penilaian-2026.pdf"),
            (r#"{"kind":"sk","finalists":true}"#, "pengumuman-finalis-2026.pdf"),
            (r#"{"kind":"sk","finalists":false}"#, "lampiran-sk-pemenang-2026.pdf"),
            (r#"{"kind":"xlsx","scores_only":false}"#, "kompetisi-2026.xlsx"),
            (r#"{"kind":"csv","table":"scores"}"#, "nilai-2026.csv"),
        ];
        for (json, name) in cases {
            assert_eq!(req(json).file_name(2026), name, "{json}");
        }
        assert_eq!(req(r#"{"kind":"csv","table":"judges"}"#).save_filter(), ("CSV", &["csv"][..]));
        assert_eq!(req(r#"{"kind":"berita_acara"}"#).save_filter(), ("PDF", &["pdf"][..]));
        assert!(serde_json::from_str::<DocumentRequest>(r#"{"kind":"certificates","recipients":"all"}"#).is_err());
    }

    #[test]
    fn a_preview_is_one_pdf_and_spreadsheets_have_none() {
        let batch = req(r#"{"kind":"certificates","recipients":"winners","each":true}"#);
        assert_eq!(
            batch.for_preview().unwrap(),
            DocumentRequest::Certificates { recipients: Recipients::Winners, each: false }
        );
        let err = req(r#"{"kind":"xlsx"}"#).for_preview().unwrap_err();
        assert_eq!(err.code(), juri_core::ErrorCode::InvalidInput);
        assert!(err.message(juri_core::Lang::Id).contains("pratinjau"));
    }

    #[test]
    fn codes_become_safe_file_name_parts() {
        assert_eq!(slug("P-001"), "p-001");
        assert_eq!(slug("../Tahap 2/"), "tahap-2");
    }
}
