//! The demo's finished competition, Sukamaju 2025: screened, both stages scored, winners ranked and
//! the documents' settings filled, so a newcomer sees what the end of a competition looks like.

use rusqlite::Connection;

use super::UNITS;
use super::sample::{
    DESK, DESK_OFFSET, SCORES_HEADER, VENUE, VENUE_CRITERION_OFFSET, VENUE_OFFSET, YearDates, save_sukamaju_settings,
};
use crate::competition::{create_competition, template_setup};
use crate::error::Result;
use crate::proposals::{Actor, ProposalInput, ScreeningStatus, add_proposal, set_status};
use crate::scoring::store::ScoreContext;

pub const NAME_2025: &str = "Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2025";

/// (code, title, category, unit code, start year, desk quality, venue quality of a finalist)
type Proposal2025 = (&'static str, &'static str, &'static str, &'static str, i32, f64, Option<f64>);

const PROPOSALS_2025: [Proposal2025; 16] = [
    ("P-001", "SI-CEPAT (Sistem Cepat Pengaduan Terpadu)", "TK", "U06", 2022, 84.0, Some(8.0)),
    ("P-002", "KIOS PERIZINAN KECAMATAN", "TK", "U09", 2023, 78.0, Some(7.0)),
    ("P-003", "E-MONEV PEMBANGUNAN (Pemantauan Proyek Daerah Daring)", "TK", "U08", 2022, 80.0, Some(8.5)),
    ("P-004", "SURAT DESA KILAT", "TK", "U10", 2023, 70.0, None),
    ("P-005", "POSBINDU KELILING", "KS", "U01", 2022, 81.0, Some(7.5)),
    ("P-006", "SIRUJAK (Sistem Rujukan Berjenjang Daring)", "KS", "U03", 2022, 86.0, Some(8.0)),
    ("P-007", "KELAS IBU BALITA DIGITAL", "KS", "U02", 2023, 77.0, Some(8.5)),
    ("P-008", "GERAKAN CUCI TANGAN SEKOLAH", "KS", "U11", 2023, 68.0, None),
    ("P-009", "BUMDES BERDAYA (Pendampingan Usaha Desa)", "PM", "U11", 2022, 83.0, Some(8.5)),
    ("P-010", "KIA KELILING (Kartu Identitas Anak Jemput Bola)", "PM", "U04", 2022, 79.0, Some(7.0)),
    ("P-011", "AIR BERSIH RAMAH DISABILITAS", "PM", "U12", 2023, 75.0, Some(7.5)),
    ("P-012", "PELATIHAN KERJA INKLUSIF", "PM", "U09", 2023, 72.0, None),
    ("P-013", "BANK SAMPAH DIGITAL", "LH", "U07", 2022, 85.0, Some(8.0)),
    ("P-014", "SUMUR RESAPAN WARGA", "LH", "U10", 2022, 74.0, Some(6.5)),
    ("P-015", "METERAN AIR PINTAR", "LH", "U12", 2023, 80.0, Some(7.5)),
    ("P-016", "KEBUN OBAT KELUARGA", "LH", "U01", 2023, 71.0, None),
];

const DATES_2025: YearDates = YearDates {
    year: 2025,
    announcement: ("000.2.3/58/Org/2025", "2025-08-29"),
    objection_until: "2025-09-03",
    desk_day: "2025-08-20",
    venue_day: "2025-09-16",
    pleno_day: "2025-09-23",
    jury_sk: ("100.3.3.2/131/Org/2025", "2025-07-14"),
    berita_acara_number: "000.5.2/79/Org/2025",
    sk: ("100.3.3.2/203/Org/2025", "2025-10-17"),
    certificate_day: "2025-10-27",
};

/// The judge recused from a proposal of their own institution (J5 is Bappeda's).
fn recused(unit_code: &str, judge: &str) -> bool {
    unit_code == "U08" && judge == "J5"
}

/// Creates the finished 2025 competition; returns its id.
pub fn create_finished_2025(tx: &Connection, actor: &Actor, now: &str) -> Result<String> {
    let mut setup = template_setup("kabupaten", NAME_2025, 2025)?;
    setup.organiser = "Bagian Organisasi Setda Kabupaten Sukamaju".into();
    setup.place = "Sukamaju".into();
    let id = create_competition(tx, setup, now)?;
    for (code, title, cat, unit, year, ..) in PROPOSALS_2025 {
        let (_, unit_name, unit_type) = UNITS.iter().find(|u| u.0 == unit).expect("demo unit exists");
        let p = add_proposal(
            tx,
            &id,
            ProposalInput {
                code: code.into(),
                title: title.into(),
                category: cat.into(),
                unit: unit_name.to_string(),
                unit_type: unit_type.to_string(),
                start_year: Some(year),
                ..Default::default()
            },
            actor,
            now,
        )?;
        set_status(tx, &p.id, ScreeningStatus::LolosAdministrasi, "", actor, now)?;
    }
    super::add_jury(tx, &id, now)?;
    let ctx = ScoreContext { actor: actor.name.clone(), device: "contoh".into(), now: now.into() };
    // The desk stage first: its ranking makes the finalists the venue stage accepts.
    let mut desk = String::from(SCORES_HEADER);
    let mut venue = String::from(SCORES_HEADER);
    for (p, _, _, unit, _, desk_base, venue_base) in PROPOSALS_2025 {
        for (j, off) in DESK_OFFSET.iter().filter(|(j, _)| !recused(unit, j)) {
            for c in DESK {
                desk.push_str(&format!("proposal,{p},{j},{c},{}\n", desk_base + off));
            }
        }
        let Some(base) = venue_base else { continue };
        for (j, off) in VENUE_OFFSET.iter().filter(|(j, _)| !recused(unit, j)) {
            for (c, co) in VENUE.iter().zip(VENUE_CRITERION_OFFSET) {
                venue.push_str(&format!("presentasi,{p},{j},{c},{}\n", (base + off + co).clamp(0.0, 10.0)));
            }
        }
    }
    crate::import::import_scores(tx, &id, desk.as_bytes(), &ctx)?;
    crate::import::import_scores(tx, &id, venue.as_bytes(), &ctx)?;
    save_sukamaju_settings(tx, &id, &DATES_2025, now)?;
    Ok(id)
}
