//! The demo competition of DOMAIN.md §7 (Kabupaten Sukamaju 2026), for "Buka contoh" and `juri demo`:
//! its desk stage scored (the finalists known, the presentations next), beside a finished 2025
//! competition and the monitored innovations.

mod earlier;
mod sample;

pub use earlier::NAME_2025;
pub use sample::{document_settings_2026, scores_csv};

use rusqlite::Connection;

use crate::competition::{create_competition, template_setup};
use crate::error::Result;
use crate::proposals::{Actor, ProposalInput, ScreeningStatus, add_proposal, set_status};

pub const DEMO_NAME: &str = "Kompetisi Inovasi Pelayanan Publik Kabupaten Sukamaju Tahun 2026";

const UNITS: [(&str, &str, &str); 12] = [
    ("U01", "Dinas Kesehatan", "OPD"),
    ("U02", "Puskesmas Karangsari", "OPD"),
    ("U03", "RSUD Sukamaju", "OPD"),
    ("U04", "Dinas Kependudukan dan Pencatatan Sipil", "OPD"),
    ("U05", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "OPD"),
    ("U06", "Dinas Komunikasi dan Informatika", "OPD"),
    ("U07", "Dinas Lingkungan Hidup", "OPD"),
    ("U08", "Badan Perencanaan Pembangunan Daerah", "OPD"),
    ("U09", "Kecamatan Karangsari", "OPD"),
    ("U10", "Desa Mekarjaya", "Pemdes"),
    ("U11", "Desa Sindangwangi", "Pemdes"),
    ("U12", "Perumda Air Minum Tirta Sukamaju", "BUMD"),
];

/// (code, title, category, unit code, start year, summary)
pub const PROPOSALS: [(&str, &str, &str, &str, i32, &str); 20] = [
    (
        "P-001",
        "SIGAP BUMIL (Siaga Gerak Cepat Ibu Hamil Berisiko Tinggi)",
        "KS",
        "U02",
        2023,
        "Ibu hamil risiko tinggi dicatat bidan dan kader, dikunjungi dalam 24 jam.",
    ),
    (
        "P-002",
        "ANTRI SEHAT (Antrean Rumah Sakit dari Rumah)",
        "KS",
        "U03",
        2022,
        "Antrean rawat jalan lewat WhatsApp dan web, dengan perkiraan jam panggil.",
    ),
    (
        "P-003",
        "POSBINDU KELILING",
        "KS",
        "U01",
        2021,
        "Mobil skrining penyakit tidak menular mendatangi pasar dan pabrik.",
    ),
    (
        "P-004",
        "RUMAH GIZI DESA",
        "KS",
        "U11",
        2024,
        "Penimbangan balita dan makanan tambahan dari dana desa cegah stunting.",
    ),
    (
        "P-005",
        "RESEP ANTAR (Resep Diantar untuk Pasien Kronis)",
        "KS",
        "U03",
        2023,
        "Obat bulanan pasien kronis diantar ke rumah.",
    ),
    (
        "P-006",
        "DESA CAKAP (Desa Cetak Dokumen Kependudukan Mandiri)",
        "TK",
        "U04",
        2022,
        "Kantor desa mencetak KK dan akta kelahiran setelah verifikasi daring.",
    ),
    (
        "P-007",
        "IZIN TUNTAS (Izin Usaha Tuntas Tiga Hari)",
        "TK",
        "U05",
        2023,
        "Satu meja perizinan usaha, pelacakan daring, janji layanan tiga hari.",
    ),
    (
        "P-008",
        "SUKAMAJU MENJAWAB",
        "TK",
        "U06",
        2021,
        "Satu kanal pengaduan diteruskan ke OPD, dengan dasbor waktu tanggap.",
    ),
    (
        "P-009",
        "SIMRENA (Sistem Informasi Musrenbang Daring)",
        "TK",
        "U08",
        2022,
        "Usulan musrenbang desa dipantau daring sampai masuk anggaran.",
    ),
    ("P-010", "PATEN KELILING", "TK", "U09", 2024, "Layanan kecamatan hadir di desa pada hari pasaran."),
    (
        "P-011",
        "PADARING (Pasar Desa Daring)",
        "PM",
        "U10",
        2024,
        "Pasar daring BUMDes untuk produk warga, diantar kurir desa.",
    ),
    (
        "P-012",
        "KLINIK UMKM NAIK KELAS",
        "PM",
        "U05",
        2022,
        "Pendampingan mingguan UMKM: NIB, sertifikat halal, label produk.",
    ),
    (
        "P-013",
        "SAMBUNG CICIL (Sambungan Air Bersih Cicilan)",
        "PM",
        "U12",
        2023,
        "Warga miskin mencicil biaya sambungan baru selama 12 bulan.",
    ),
    (
        "P-014",
        "LUMBUNG PANGAN DESA DIGITAL",
        "PM",
        "U11",
        2025,
        "Simpan-pinjam beras lumbung desa dicatat dalam aplikasi.",
    ),
    (
        "P-015",
        "JEBOL DILAN (Jemput Bola KTP-el bagi Difabel dan Lansia)",
        "PM",
        "U04",
        2026,
        "Perekaman KTP-el di rumah warga difabel dan lansia.",
    ),
    (
        "P-016",
        "SEDEKAH JELANTAH",
        "LH",
        "U07",
        2022,
        "Minyak jelantah dikumpulkan untuk biodiesel; poin ditukar sembako.",
    ),
    (
        "P-017",
        "SILAMPAH (Sistem Laporan Sampah Liar)",
        "LH",
        "U07",
        2023,
        "Laporan timbunan sampah liar dengan foto bertitik lokasi.",
    ),
    ("P-018", "ADOPSI MATA AIR", "LH", "U12", 2021, "Sekolah dan perusahaan mengadopsi mata air dan merawat pohonnya."),
    (
        "P-019",
        "GESIT (Gerakan Sungai Bersih Terpadu)",
        "LH",
        "U09",
        2022,
        "Bersih sungai bulanan bergilir antardesa; sampah ditimbang.",
    ),
    (
        "P-020",
        "SILIMEDIS (Sistem Pemantauan Limbah Medis)",
        "LH",
        "U01",
        2024,
        "Wadah ber-QR melacak limbah medis puskesmas sampai pemusnahan.",
    ),
];

/// The jury of DOMAIN.md §7: code, name as written, institution, unsur, NIP, conflicts.
pub const JURY: [(&str, &str, &str, &str, &str, &str); 5] = [
    (
        "J1",
        "Prof. Dr. Retno Wulandari, M.Si.",
        "FISIP Universitas Negeri Sukamaju",
        "akademisi",
        "19680415 199303 2 001",
        "",
    ),
    ("J2", "Dr. Bambang Hadi Prasetyo, S.E., M.M.", "STIA Karya Bakti", "akademisi", "", ""),
    ("J3", "Nur'aini Rahmawati, S.Sos., M.A.", "Perkumpulan Warga Peduli Layanan", "LSM", "", ""),
    (
        "J4",
        "Drs. Agus Setiawan, M.Si.",
        "Inspektorat Daerah Kabupaten Sukamaju",
        "birokrasi",
        "19700822 199503 1 004",
        "",
    ),
    (
        "J5",
        "Ir. Hendra Gunawan, M.T.",
        "Bappeda Kabupaten Sukamaju",
        "birokrasi",
        "19790503 200501 1 012",
        "Badan Perencanaan Pembangunan Daerah",
    ),
];

/// The jury of DOMAIN.md §7 (J5 is Bappeda's, so conflicted with Bappeda's proposals).
pub(super) fn add_jury(tx: &Connection, id: &str, now: &str) -> Result<()> {
    for (code, name, institution, unsur, nip, conflict) in JURY {
        crate::judges::upsert_judge(
            tx,
            id,
            crate::judges::JudgeInput {
                code: code.into(),
                name: name.into(),
                institution: institution.into(),
                unsur: unsur.into(),
                nip: nip.into(),
                conflicts: if conflict.is_empty() { vec![] } else { vec![conflict.into()] },
                categories: vec![],
            },
            now,
        )?;
    }
    Ok(())
}

/// Creates the demo competition with its twenty proposals, screening decisions and jury; returns its id.
pub fn create_demo(tx: &Connection, actor: &Actor, now: &str) -> Result<String> {
    let mut setup = template_setup("kabupaten", DEMO_NAME, 2026)?;
    setup.organiser = "Bagian Organisasi Setda Kabupaten Sukamaju".into();
    setup.place = "Sukamaju".into();
    let id = create_competition(tx, setup, now)?;
    for (code, title, cat, unit, year, summary) in PROPOSALS {
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
                innovator: if code == "P-002" { "dr. Maya Anggraini, Sp.PD.".into() } else { String::new() },
                summary: summary.into(),
                start_year: Some(year),
                ..Default::default()
            },
            actor,
            now,
        )?;
        let (status, reason) = match code {
            "P-015" => (
                ScreeningStatus::TidakLolosAdministrasi,
                "Inovasi baru berjalan sejak 2026; belum memenuhi syarat minimal satu tahun penerapan.",
            ),
            "P-012" => (
                ScreeningStatus::MengundurkanDiri,
                "Unit mengundurkan diri dengan surat resmi selama penilaian proposal.",
            ),
            _ => (ScreeningStatus::LolosAdministrasi, ""),
        };
        set_status(tx, &p.id, status, reason, actor, now)?;
    }
    add_jury(tx, &id, now)?;
    Ok(id)
}

/// The demo as "Buka contoh" and `juri demo` open it: the finished 2025 competition, the 2026
/// competition with its desk stage scored by the jury and its documents' settings filled, plus the
/// unit list and monitored innovations with their 2026 quarterly reports (DOMAIN.md §5). Returns
/// the 2026 competition's id.
pub fn create_full_demo(tx: &Connection, actor: &Actor, now: &str) -> Result<String> {
    earlier::create_finished_2025(tx, actor, now)?;
    let id = create_demo(tx, actor, now)?;
    let ctx =
        crate::scoring::store::ScoreContext { actor: actor.name.clone(), device: "contoh".into(), now: now.into() };
    crate::import::import_scores(tx, &id, scores_csv(false).as_bytes(), &ctx)?;
    sample::save_sukamaju_settings(tx, &id, &sample::DATES_2026, now)?;
    create_demo_registry(tx, actor, now)?;
    Ok(id)
}

/// The demo for practising scoring and imports: the 2026 competition before any judge scored, with
/// the registry ("Contoh tanpa nilai" in the app, `juri demo --unscored`). Returns its id.
pub fn create_practice_demo(tx: &Connection, actor: &Actor, now: &str) -> Result<String> {
    let id = create_demo(tx, actor, now)?;
    create_demo_registry(tx, actor, now)?;
    Ok(id)
}

/// The demo's unit list and monitored innovations with their 2026 quarterly reports (DOMAIN.md §5).
pub fn create_demo_registry(tx: &Connection, actor: &Actor, now: &str) -> Result<()> {
    crate::monitoring::create_sample_monitoring(tx, &UNITS, actor, now)
}
