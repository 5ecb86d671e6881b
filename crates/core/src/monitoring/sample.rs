//! Monitored innovations for the demo (DOMAIN.md §5, §7): the Sukamaju unit list and four
//! innovations with 2026 quarterly reports: on track, one behind, one with a missing report.

use rusqlite::Connection;

use super::*;
use crate::error::Result;
use crate::proposals::Actor;

/// (code, unit code, title, start year, stage, description)
const INNOVATIONS: [(&str, &str, &str, i32, LifecycleStage, &str); 4] = [
    (
        "INV-001",
        "U03",
        "ANTRI SEHAT (Antrean Rumah Sakit dari Rumah)",
        2022,
        LifecycleStage::Penerapan,
        "Antrean rawat jalan lewat WhatsApp dan web, dengan perkiraan jam panggil.",
    ),
    (
        "INV-002",
        "U07",
        "SEDEKAH JELANTAH",
        2022,
        LifecycleStage::Replikasi,
        "Minyak jelantah dikumpulkan untuk biodiesel; poin ditukar sembako.",
    ),
    (
        "INV-003",
        "U09",
        "PATEN KELILING",
        2024,
        LifecycleStage::UjiCoba,
        "Layanan kecamatan hadir di desa pada hari pasaran.",
    ),
    (
        "INV-004",
        "U12",
        "SAMBUNG CICIL (Sambungan Air Bersih Cicilan)",
        2023,
        LifecycleStage::Penerapan,
        "Warga miskin mencicil biaya sambungan baru selama 12 bulan.",
    ),
];

/// (innovation, kind, name, measure, kontrak kinerja, targets TW I–III 2026, realisations per reported quarter)
type SampleIndicator =
    (&'static str, IndicatorKind, &'static str, &'static str, &'static str, [f64; 3], &'static [f64]);

const INDICATORS: [SampleIndicator; 6] = [
    (
        "INV-001",
        IndicatorKind::Output,
        "Pasien mendaftar antrean daring",
        "orang",
        "IKU RSUD 2026 No. 3",
        [1200.0, 1500.0, 1800.0],
        &[1310.0, 1620.0, 1875.0],
    ),
    (
        "INV-001",
        IndicatorKind::Kemanfaatan,
        "Pasien terlayani dalam 60 menit",
        "%",
        "",
        [70.0, 75.0, 80.0],
        &[72.5, 78.0, 81.5],
    ),
    (
        "INV-002",
        IndicatorKind::Output,
        "Minyak jelantah terkumpul",
        "liter",
        "Kontrak kinerja DLH 2026",
        [800.0, 900.0, 1000.0],
        &[845.0, 910.0, 760.0],
    ),
    (
        "INV-002",
        IndicatorKind::Keberlanjutan,
        "Bank sampah mitra aktif",
        "unit",
        "",
        [12.0, 14.0, 16.0],
        &[12.0, 15.0, 16.0],
    ),
    ("INV-003", IndicatorKind::Output, "Desa yang dilayani", "desa", "", [6.0, 8.0, 10.0], &[6.0, 9.0]),
    (
        "INV-004",
        IndicatorKind::Output,
        "Sambungan baru dengan cicilan",
        "sambungan",
        "",
        [40.0, 45.0, 50.0],
        &[41.0, 47.0, 52.0],
    ),
];

const RECEIVED: [&str; 3] = ["2026-04-08T02:15:00Z", "2026-07-09T03:40:00Z", "2026-10-07T01:30:00Z"];

/// Adds the demo's units and monitored innovations, unless the registry already holds innovations.
pub fn create_sample_monitoring(tx: &Connection, units: &[(&str, &str, &str)], actor: &Actor, now: &str) -> Result<()> {
    if !list_innovations(tx, &InnovationFilter { include_removed: true, ..Default::default() })?.is_empty() {
        return Ok(());
    }
    for (code, name, unit_type) in units {
        super::registry::ensure_unit(tx, name, unit_type, code, now)?;
    }
    for (code, unit, title, year, stage, description) in INNOVATIONS {
        let input = InnovationInput {
            code: code.into(),
            title: title.into(),
            unit: unit.into(),
            unit_type: String::new(),
            start_year: Some(year),
            description: description.into(),
            stage,
        };
        add_innovation(tx, input, actor, now)?;
    }
    for (inv, kind, name, measure, kk, targets, real) in INDICATORS {
        let inv = find_innovation(tx, inv)?.expect("demo innovation exists");
        let input = IndicatorInput {
            kind,
            name: name.into(),
            measure: measure.into(),
            kontrak_kinerja: kk.into(),
            targets: targets
                .iter()
                .enumerate()
                .map(|(q, &target)| QuarterTarget { year: 2026, quarter: q as u8 + 1, target })
                .collect(),
        };
        let ind = add_indicator(tx, &inv.id, input, actor, now)?;
        for (q, &realisation) in real.iter().enumerate() {
            let report = ReportInput {
                year: 2026,
                quarter: q as u8 + 1,
                narrative: format!("Pelaksanaan {} triwulan {} berjalan sesuai rencana aksi.", inv.title, q + 1),
                obstacles: if inv.code == "INV-002" && q == 2 {
                    "Dua bank sampah mitra berhenti mengumpulkan selama musim hujan.".into()
                } else {
                    String::new()
                },
                follow_up: if inv.code == "INV-002" && q == 2 {
                    "Penjemputan jelantah dari rumah makan dijadwalkan dua minggu sekali.".into()
                } else {
                    String::new()
                },
                values: vec![ReportValue { indicator_id: ind.id.clone(), realisation }],
            };
            let saved = save_report(tx, &inv.id, report, actor, RECEIVED[q])?;
            if inv.code == "INV-001" && q == 0 && saved.evidence.is_empty() {
                let csv = "tanggal;pendaftar daring\n2026-01-31;402\n2026-02-28;431\n2026-03-31;477\n";
                add_evidence(tx, &saved.id, "rekap-antrean-tw1.csv", "text/csv", csv.as_bytes(), actor, RECEIVED[q])?;
            }
        }
    }
    let sambung = find_innovation(tx, "INV-004")?.expect("demo innovation exists");
    let fwd = ForwardingInput {
        level: ForwardingLevel::Provinsi,
        year: 2025,
        outcome: "Top 15 Kompetisi Inovasi Pelayanan Publik Provinsi".into(),
        note: String::new(),
    };
    add_forwarding(tx, &sambung.id, fwd, actor, now)?;
    let eval = EvaluationInput {
        period: "2025".into(),
        verdict: Verdict::Berlanjut,
        recommendation: "Dilanjutkan dan diusulkan masuk Perbup daftar inovasi daerah.".into(),
    };
    save_evaluation(tx, &sambung.id, eval, actor, now)?;
    Ok(())
}
