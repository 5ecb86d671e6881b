//! What makes the demo look used: the jury's scores (FORMATS.md §4 rows, DOMAIN.md §3.2's worked
//! example for P-009 with J5 recused) and the Sukamaju document settings, so every screen and
//! document of the demo shows something real.

use std::collections::BTreeMap;

use rusqlite::Connection;

use crate::documents_settings::{
    DocumentSettings, Signatory, TimeZone, load_document_settings, save_document_settings,
};
use crate::error::Result;

pub(super) const DESK: [&str; 7] =
    ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
pub(super) const VENUE: [&str; 4] = ["kebaruan", "kemanfaatan", "replikasi", "penyajian"];

/// How each judge reads a proposal's desk quality (a lenient and a strict one among them).
pub(super) const DESK_OFFSET: [(&str, f64); 5] = [("J1", 1.5), ("J2", -2.0), ("J3", 3.0), ("J4", -0.5), ("J5", 1.0)];
pub(super) const VENUE_OFFSET: [(&str, f64); 5] = [("J1", 0.0), ("J2", -0.5), ("J3", 0.5), ("J4", 0.0), ("J5", -0.5)];
/// Per venue criterion, so the criteria of one proposal differ a little.
pub(super) const VENUE_CRITERION_OFFSET: [f64; 4] = [0.0, 0.5, -0.5, 0.0];

/// Desk quality per 2026 proposal; P-012 withdrew, P-015 failed screening, P-009 is below.
const DESK_BASE: [(&str, f64); 17] = [
    ("P-001", 82.0),
    ("P-002", 85.0),
    ("P-003", 76.0),
    ("P-004", 79.0),
    ("P-005", 71.0),
    ("P-006", 81.0),
    ("P-007", 77.0),
    ("P-008", 69.0),
    ("P-010", 66.0),
    ("P-011", 78.0),
    ("P-013", 80.0),
    ("P-014", 73.0),
    ("P-016", 83.0),
    ("P-017", 75.0),
    ("P-018", 79.0),
    ("P-019", 72.0),
    ("P-020", 77.0),
];

/// Venue quality per 2026 finalist (out of 10).
const VENUE_BASE: [(&str, f64); 11] = [
    ("P-001", 8.0),
    ("P-002", 8.5),
    ("P-004", 8.0),
    ("P-006", 7.0),
    ("P-007", 7.5),
    ("P-011", 7.0),
    ("P-013", 8.0),
    ("P-014", 6.5),
    ("P-016", 8.5),
    ("P-018", 7.0),
    ("P-020", 7.5),
];

pub const SCORES_HEADER: &str = "tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n";

/// Desk-stage rows for proposals of the given quality, every judge scoring every criterion.
pub(super) fn desk_rows(csv: &mut String, bases: &[(&str, f64)]) {
    for (p, base) in bases {
        for (j, off) in DESK_OFFSET {
            for c in DESK {
                csv.push_str(&format!("proposal,{p},{j},{c},{}\n", base + off));
            }
        }
    }
}

/// Venue-stage rows for proposals of the given quality.
pub(super) fn venue_rows(csv: &mut String, bases: &[(&str, f64)]) {
    for (p, base) in bases {
        for (j, off) in VENUE_OFFSET {
            for (c, co) in VENUE.iter().zip(VENUE_CRITERION_OFFSET) {
                let v: f64 = (base + off + co).clamp(0.0, 10.0);
                csv.push_str(&format!("presentasi,{p},{j},{c},{v}\n"));
            }
        }
    }
}

/// The 2026 demo's scores as a scores file: the desk stage, and with `venue` the presentations.
pub fn scores_csv(venue: bool) -> String {
    let mut csv = String::from(SCORES_HEADER);
    desk_rows(&mut csv, &DESK_BASE);
    // DOMAIN.md §3.2: P-009 is Bappeda's, so J5 is recused.
    for (j, v) in [("J1", 72.5), ("J2", 68.0), ("J3", 80.0), ("J4", 76.0)] {
        for c in DESK {
            csv.push_str(&format!("proposal,P-009,{j},{c},{v}\n"));
        }
    }
    if venue {
        venue_rows(&mut csv, &VENUE_BASE);
        for (j, vals) in [
            ("J1", [8.0, 7.5, 7.0, 8.0]),
            ("J2", [7.0, 7.0, 6.5, 7.5]),
            ("J3", [8.5, 8.0, 7.5, 8.0]),
            ("J4", [7.5, 8.0, 7.0, 7.0]),
        ] {
            for (c, v) in VENUE.iter().zip(vals) {
                csv.push_str(&format!("presentasi,P-009,{j},{c},{v}\n"));
            }
        }
    }
    csv
}

/// The dates and numbers of one year's competition documents.
pub(super) struct YearDates {
    pub year: i32,
    pub announcement: (&'static str, &'static str),
    pub objection_until: &'static str,
    pub desk_day: &'static str,
    pub venue_day: &'static str,
    pub pleno_day: &'static str,
    pub jury_sk: (&'static str, &'static str),
    pub berita_acara_number: &'static str,
    pub sk: (&'static str, &'static str),
    pub certificate_day: &'static str,
}

pub(super) const DATES_2026: YearDates = YearDates {
    year: 2026,
    announcement: ("000.2.3/64/Org/2026", "2026-08-31"),
    objection_until: "2026-09-04",
    desk_day: "2026-08-21",
    venue_day: "2026-09-17",
    pleno_day: "2026-09-24",
    jury_sk: ("100.3.3.2/142/Org/2026", "2026-07-15"),
    berita_acara_number: "000.5.2/87/Org/2026",
    sk: ("100.3.3.2/215/Org/2026", "2026-10-20"),
    certificate_day: "2026-10-28",
};

/// The Sukamaju letterhead, signatories, venue and the year's numbers and dates, so the demo's
/// documents print signable at once (each can be changed in Dokumen → Pengaturan).
pub(super) fn sukamaju_settings(conn: &Connection, id: &str, d: &YearDates) -> Result<DocumentSettings> {
    let mut s = load_document_settings(conn, id)?;
    s.kop_address = vec![
        "Jalan Veteran Nomor 1, Sukamaju 45111, Telepon (0261) 201234".into(),
        "Laman setda.sukamajukab.go.id, Pos-el organisasi@sukamajukab.go.id".into(),
    ];
    s.pleno_date = d.pleno_day.into();
    s.pleno_time = "9:00".into();
    s.time_zone = TimeZone::Wita;
    s.pleno_venue = "Ruang Rapat Sekretariat Daerah".into();
    s.presentation_date = d.venue_day.into();
    s.presentation_time = "08.30".into();
    s.presentation_venue = "Aula Sekretariat Daerah Kabupaten Sukamaju".into();
    s.objection_until = d.objection_until.into();
    s.objection_to = "secara tertulis kepada Bagian Organisasi Sekretariat Daerah Kabupaten Sukamaju".into();
    s.berita_acara_number = d.berita_acara_number.into();
    (s.jury_sk_number, s.jury_sk_date) = (d.jury_sk.0.into(), d.jury_sk.1.into());
    (s.sk_number, s.sk_date) = (d.sk.0.into(), d.sk.1.into());
    (s.announcement_number, s.announcement_date) = (d.announcement.0.into(), d.announcement.1.into());
    s.certificate_date = d.certificate_day.into();
    s.stage_dates = BTreeMap::from([("proposal".into(), d.desk_day.into()), ("presentasi".into(), d.venue_day.into())]);
    s.head.name = "H. Ahmad Fauzan, S.H., M.H.".into();
    s.secretary = Signatory {
        on_behalf: "a.n. BUPATI SUKAMAJU".into(),
        position: "Sekretaris Daerah".into(),
        name: "Dr. Ir. Wahyu Santoso, M.Si.".into(),
        rank: "Pembina Utama Muda (IV/c)".into(),
        nip: "197201101998031006".into(),
    };
    s.organiser_head = Signatory {
        on_behalf: String::new(),
        position: "Kepala Bagian Organisasi".into(),
        name: "Dra. Hj. Lilis Suryani, M.AP.".into(),
        rank: String::new(),
        nip: "19750912 200003 2 003".into(),
    };
    debug_assert_eq!(d.year.to_string(), &d.pleno_day[..4]);
    Ok(s)
}

/// Saves the Sukamaju settings of `d`'s year for competition `id`.
pub(super) fn save_sukamaju_settings(tx: &Connection, id: &str, d: &YearDates, now: &str) -> Result<()> {
    let s = sukamaju_settings(tx, id, d)?;
    save_document_settings(tx, id, &s, now)
}

/// The 2026 demo's document settings (the documents' tests print with exactly these).
pub fn document_settings_2026(conn: &Connection, id: &str) -> Result<DocumentSettings> {
    sukamaju_settings(conn, id, &DATES_2026)
}
