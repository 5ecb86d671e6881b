//! Built-in rubrics users start from (DOMAIN.md §3.1); every value can be edited afterwards.

use serde::Serialize;

use super::model::*;
use crate::error::{Entity, Error, Result};

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TemplateInfo {
    pub code: String,
    pub name_id: String,
    pub name_en: String,
    pub description_id: String,
    pub description_en: String,
}

pub fn templates() -> Vec<TemplateInfo> {
    let t = |code: &str, name_id: &str, name_en: &str, description_id: &str, description_en: &str| TemplateInfo {
        code: code.into(),
        name_id: name_id.into(),
        name_en: name_en.into(),
        description_id: description_id.into(),
        description_en: description_en.into(),
    };
    vec![
        t(
            "kabupaten",
            "Kabupaten: proposal, presentasi dan wawancara",
            "Regency: proposal, presentation and interview",
            "Penilaian proposal (bobot 30, tujuh aspek KIPP, skala 0–100, 3 finalis per kategori) lalu presentasi dan wawancara (bobot 70, skala 0–10).",
            "Proposal evaluation (weight 30, seven KIPP aspects, 0–100, 3 finalists per category), then presentation and interview (weight 70, 0–10).",
        ),
        t(
            "kipp-proposal",
            "KIPP: evaluasi proposal (Kelompok Umum)",
            "KIPP: proposal evaluation (general group)",
            "Satu tahap penilaian proposal dengan tujuh aspek berbobot KIPP 2023, skala 0–100.",
            "One desk stage with the seven weighted KIPP 2023 aspects, scale 0–100.",
        ),
        t(
            "iga-presentasi",
            "IGA: presentasi kepala daerah",
            "IGA: presentation by the head of region",
            "Satu tahap presentasi: kebaharuan 30, kemanfaatan 25, kewenangan dan kolaborasi 15, replikasi 20, penyajian 10.",
            "One presentation stage: novelty 30, benefit 25, authority and collaboration 15, replication 20, presentation 10.",
        ),
    ]
}

fn crit(code: &str, name: &str, description: &str, weight: f64, min: f64, max: f64) -> CriterionSetup {
    CriterionSetup {
        code: code.into(),
        name: name.into(),
        description: description.into(),
        weight,
        min,
        max,
        section: None,
    }
}

/// The KIPP aspects as desk criteria, each read beside the proposal's section of the same code.
fn kipp_desk_criteria() -> Vec<CriterionSetup> {
    kipp_aspects().into_iter().map(|c| CriterionSetup { section: Some(c.code.clone()), ..c }).collect()
}

fn kipp_aspects() -> Vec<CriterionSetup> {
    vec![
        crit(
            "latar_belakang",
            "Latar belakang dan tujuan",
            "Masalah yang dijawab dan tujuan inovasi jelas.",
            10.0,
            0.0,
            100.0,
        ),
        crit(
            "kebaruan",
            "Kebaruan / nilai tambah",
            "Hal baru atau modifikasi yang memberi nilai tambah.",
            15.0,
            0.0,
            100.0,
        ),
        crit("implementasi", "Implementasi inovasi", "Inovasi sudah diterapkan dan berjalan.", 5.0, 0.0, 100.0),
        crit("signifikansi", "Signifikansi", "Dampak nyata dan terukur bagi penerima layanan.", 30.0, 0.0, 100.0),
        crit("adaptabilitas", "Adaptabilitas", "Dapat ditiru dan diterapkan di tempat lain.", 20.0, 0.0, 100.0),
        crit("sumber_daya", "Sumber daya", "Sumber daya manusia, anggaran dan sarana yang dipakai.", 5.0, 0.0, 100.0),
        crit(
            "keberlanjutan",
            "Strategi keberlanjutan",
            "Dukungan regulasi, anggaran dan SDM agar berlanjut.",
            15.0,
            0.0,
            100.0,
        ),
    ]
}

fn sukamaju_categories() -> Vec<CategorySetup> {
    let c = |code: &str, name: &str| CategorySetup { code: code.into(), name: name.into(), quota: 3 };
    vec![
        c("TK", "Tata Kelola Pemerintahan"),
        c("KS", "Kesehatan"),
        c("PM", "Pemberdayaan Masyarakat dan Inklusi"),
        c("LH", "Lingkungan Hidup"),
    ]
}

/// The setup a template starts from, with the given name and year.
pub fn template_setup(code: &str, name: &str, year: i32) -> Result<Setup> {
    let base = |stages: Vec<StageSetup>, tie_break: Vec<&str>| Setup {
        name: name.to_string(),
        year,
        organiser: String::new(),
        place: String::new(),
        categories: sukamaju_categories(),
        stages,
        tie_break: tie_break.into_iter().map(String::from).collect(),
        normalisation: Normalisation::None,
        disagreement_threshold: 15.0,
        dossier: None,
    };
    let setup = match code {
        "kabupaten" => base(
            vec![
                StageSetup {
                    code: "proposal".into(),
                    name: "Penilaian Proposal".into(),
                    kind: StageKind::Desk,
                    weight: 30.0,
                    passing_grade: None,
                    finalists_per_category: Some(3),
                    criteria: kipp_desk_criteria(),
                },
                StageSetup {
                    code: "presentasi".into(),
                    name: "Presentasi dan Wawancara".into(),
                    kind: StageKind::Venue,
                    weight: 70.0,
                    passing_grade: None,
                    finalists_per_category: None,
                    criteria: vec![
                        crit(
                            "kebaruan",
                            "Kebaruan",
                            "Unsur kebaruan inovasi (skala 0–10, kelipatan 0,5).",
                            30.0,
                            0.0,
                            10.0,
                        ),
                        crit(
                            "kemanfaatan",
                            "Kemanfaatan",
                            "Manfaat nyata bagi masyarakat (skala 0–10).",
                            30.0,
                            0.0,
                            10.0,
                        ),
                        crit(
                            "replikasi",
                            "Replikasi dan keberlanjutan",
                            "Dapat ditiru dan berkelanjutan (skala 0–10).",
                            30.0,
                            0.0,
                            10.0,
                        ),
                        crit(
                            "penyajian",
                            "Penyajian",
                            "Penguasaan materi dan kualitas penyajian (skala 0–10).",
                            10.0,
                            0.0,
                            10.0,
                        ),
                    ],
                },
            ],
            vec!["stage:presentasi", "criterion:presentasi/kemanfaatan"],
        ),
        "kipp-proposal" => base(
            vec![StageSetup {
                code: "proposal".into(),
                name: "Evaluasi Proposal".into(),
                kind: StageKind::Desk,
                weight: 100.0,
                passing_grade: None,
                finalists_per_category: None,
                criteria: kipp_desk_criteria(),
            }],
            vec!["criterion:proposal/signifikansi", "criterion:proposal/kebaruan"],
        ),
        "iga-presentasi" => base(
            vec![StageSetup {
                code: "presentasi".into(),
                name: "Presentasi Kepala Daerah".into(),
                kind: StageKind::Venue,
                weight: 100.0,
                passing_grade: None,
                finalists_per_category: None,
                criteria: vec![
                    crit(
                        "kebaharuan",
                        "Kebaharuan",
                        "Inovasi baru atau modifikasi yang bernilai tambah.",
                        30.0,
                        0.0,
                        100.0,
                    ),
                    crit(
                        "kemanfaatan",
                        "Kemanfaatan",
                        "Manfaat bagi masyarakat dan pemerintah daerah.",
                        25.0,
                        0.0,
                        100.0,
                    ),
                    crit(
                        "kewenangan",
                        "Kewenangan daerah dan kolaborasi",
                        "Sesuai kewenangan daerah; melibatkan mitra.",
                        15.0,
                        0.0,
                        100.0,
                    ),
                    crit("replikasi", "Replikasi dan aplikatif", "Dapat direplikasi dan diterapkan.", 20.0, 0.0, 100.0),
                    crit(
                        "penyajian",
                        "Penguasaan materi / kualitas penyajian",
                        "Penguasaan materi dan penyajian kepala daerah.",
                        10.0,
                        0.0,
                        100.0,
                    ),
                ],
            }],
            vec!["criterion:presentasi/kebaharuan", "criterion:presentasi/kemanfaatan"],
        ),
        other => return Err(Error::NotFound { what: Entity::Template, key: other.to_string() }),
    };
    let mut setup = setup;
    if matches!(code, "kabupaten" | "kipp-proposal") {
        // The proposal is written in the eight KIPP aspects (FORMATS.md §9).
        setup.dossier = Some(crate::dossier::DossierSetup::kipp());
    }
    setup.validate()?;
    Ok(setup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_is_valid() {
        for t in templates() {
            let s = template_setup(&t.code, "Uji", 2026).unwrap();
            assert!(!s.stages.is_empty(), "{} has stages", t.code);
        }
        assert!(template_setup("nope", "x", 2026).is_err());
    }

    #[test]
    fn kabupaten_weights_match_domain() {
        let s = template_setup("kabupaten", "Uji", 2026).unwrap();
        let w: Vec<f64> = s.stages.iter().map(|s| s.weight).collect();
        assert_eq!(w, vec![30.0, 70.0]);
        let crit: Vec<f64> = s.stages[1].criteria.iter().map(|c| c.weight).collect();
        assert_eq!(crit, vec![30.0, 30.0, 30.0, 10.0]);
        let desk: f64 = s.stages[0].criteria.iter().map(|c| c.weight).sum();
        assert_eq!(desk, 100.0, "seven KIPP aspects without Ringkasan sum to 100");
    }
}
