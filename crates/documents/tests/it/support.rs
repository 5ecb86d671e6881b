//! The demo competition of DOMAIN.md §7 with its jury, document settings and scores for both
//! stages, and helpers that read PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm).

use std::path::{Path, PathBuf};
use std::process::Command;

use juri_core::db::Db;
use juri_core::documents_settings::{Signatory, load_document_settings, save_document_settings};
use juri_core::import::{import_judges, import_scores};
use juri_core::proposals::Actor;
use juri_core::scoring::store::ScoreContext;
use juri_documents::DocData;

pub const NOW: &str = "2026-09-24T09:00:00Z";

pub const JUDGES: &str = "kode,nama,institusi,unsur,nip,konflik
J1,\"Prof. Dr. Retno Wulandari, M.Si.\",FISIP Universitas Negeri Sukamaju,akademisi,19680415 199303 2 001,
J2,\"Dr. Bambang Hadi Prasetyo, S.E., M.M.\",STIA Karya Bakti,akademisi,,
J3,\"Nur'aini Rahmawati, S.Sos., M.A.\",Perkumpulan Warga Peduli Layanan,LSM,,
J4,\"Drs. Agus Setiawan, M.Si.\",Inspektorat Daerah Kabupaten Sukamaju,birokrasi,197008221995031004,
J5,\"Ir. Hendra Gunawan, M.T.\",Bappeda Kabupaten Sukamaju,birokrasi,19790503 200501 1 012,Badan Perencanaan Pembangunan Daerah
";

const DESK: [&str; 7] =
    ["latar_belakang", "kebaruan", "implementasi", "signifikansi", "adaptabilitas", "sumber_daya", "keberlanjutan"];
const VENUE: [&str; 4] = ["kebaruan", "kemanfaatan", "replikasi", "penyajian"];

/// Desk quality per proposal (each judge shifts it); P-012 withdrew, P-015 failed screening.
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
const VENUE_BASE: [(&str, f64); 11] = [
    ("P-001", 8.0),
    ("P-002", 8.5),
    ("P-004", 7.5),
    ("P-006", 7.0),
    ("P-007", 7.5),
    ("P-011", 7.0),
    ("P-013", 8.0),
    ("P-014", 6.5),
    ("P-016", 8.5),
    ("P-018", 7.0),
    ("P-020", 7.5),
];

/// The scores file (FORMATS.md §4) of the demo: DOMAIN.md §3.2's worked example for P-009 (J5 recused).
pub fn scores_csv() -> String {
    let mut csv = String::from("tahap,kode_proposal,kode_juri,kode_kriteria,nilai\n");
    let desk_offset = [("J1", 1.5), ("J2", -2.0), ("J3", 3.0), ("J4", -0.5), ("J5", 1.0)];
    for (p, base) in DESK_BASE {
        for (j, off) in desk_offset {
            for c in DESK {
                csv.push_str(&format!("proposal,{p},{j},{c},{}\n", base + off));
            }
        }
    }
    for (j, v) in [("J1", 72.5), ("J2", 68.0), ("J3", 80.0), ("J4", 76.0)] {
        for c in DESK {
            csv.push_str(&format!("proposal,P-009,{j},{c},{v}\n"));
        }
    }
    let venue_offset = [("J1", 0.0), ("J2", -0.5), ("J3", 0.5), ("J4", 0.0), ("J5", -0.5)];
    let crit_offset = [0.0, 0.5, -0.5, 0.0];
    for (p, base) in VENUE_BASE {
        for (j, off) in venue_offset {
            for (c, co) in VENUE.iter().zip(crit_offset) {
                let v: f64 = (base + off + co).clamp(0.0, 10.0);
                csv.push_str(&format!("presentasi,{p},{j},{c},{v}\n"));
            }
        }
    }
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
    csv
}

pub struct Demo {
    pub db: Db,
    pub id: String,
    pub dir: tempfile::TempDir,
}

impl Demo {
    pub fn data(&self) -> DocData {
        DocData::load(self.db.conn(), &self.id).expect("document data loads")
    }

    /// Writes `bytes` into the test's folder and returns the path; with `JURI_DOCS_OUT=DIR` a copy
    /// goes there too, to look at.
    pub fn save(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        if let Some(dir) = std::env::var_os("JURI_DOCS_OUT") {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
        }
        p
    }
}

/// The demo with the jury of DOMAIN.md §7, the Sukamaju document settings and, when `scored`, all scores.
pub fn demo(scored: bool) -> Demo {
    let dir = tempfile::tempdir().unwrap();
    let mut db = Db::open(&dir.path().join("juri.sqlite3")).unwrap();
    let id = db.write(|tx| juri_core::demo::create_demo(tx, &Actor::new("uji"), NOW)).unwrap();
    db.write(|tx| import_judges(tx, &id, JUDGES.as_bytes(), NOW)).unwrap();
    let mut s = load_document_settings(db.conn(), &id).unwrap();
    s.kop_address = vec![
        "Jalan Veteran Nomor 1, Sukamaju 45111, Telepon (0261) 201234".into(),
        "Laman setda.sukamajukab.go.id, Pos-el organisasi@sukamajukab.go.id".into(),
    ];
    s.pleno_date = "2026-09-24".into();
    s.pleno_time = "9:00".into();
    s.time_zone = juri_core::documents_settings::TimeZone::Wita;
    s.presentation_date = "2026-09-17".into();
    s.presentation_time = "08.30".into();
    s.presentation_venue = "Aula Sekretariat Daerah Kabupaten Sukamaju".into();
    s.objection_until = "2026-09-04".into();
    s.objection_to = "secara tertulis kepada Bagian Organisasi Sekretariat Daerah Kabupaten Sukamaju".into();
    s.pleno_venue = "Ruang Rapat Sekretariat Daerah".into();
    s.berita_acara_number = "000.5.2/87/Org/2026".into();
    s.jury_sk_number = "100.3.3.2/142/Org/2026".into();
    s.jury_sk_date = "2026-07-15".into();
    s.sk_number = "100.3.3.2/215/Org/2026".into();
    s.sk_date = "2026-10-20".into();
    s.announcement_number = "000.2.3/64/Org/2026".into();
    s.announcement_date = "2026-08-31".into();
    s.certificate_date = "2026-10-28".into();
    s.stage_dates.insert("proposal".into(), "2026-08-21".into());
    s.stage_dates.insert("presentasi".into(), "2026-09-17".into());
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
    db.write(|tx| save_document_settings(tx, &id, &s, NOW)).unwrap();
    if scored {
        let ctx = ScoreContext { actor: "uji".into(), device: "uji".into(), now: NOW.into() };
        db.write(|tx| import_scores(tx, &id, scores_csv().as_bytes(), &ctx)).unwrap();
    }
    Demo { db, id, dir }
}

pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} not found ({e}); install poppler-utils"));
    assert!(out.status.success(), "{name} {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// The text of a PDF with every run of whitespace (line ends included) made one space.
pub fn text(pdf: &Path) -> String {
    let raw = tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"]);
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of one page, laid out (columns kept apart), for checks within a table row.
pub fn layout_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    tool("pdftotext", &["-layout", "-enc", "UTF-8", "-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"])
}

/// (page count, width, height in points rounded) from pdfinfo.
pub fn info(pdf: &Path) -> (usize, u32, u32) {
    let out = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages = out
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .expect("pdfinfo prints Pages");
    let size = out.lines().find_map(|l| l.strip_prefix("Page size:")).expect("pdfinfo prints Page size");
    let nums: Vec<f32> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    (pages, nums[0].round() as u32, nums[1].round() as u32)
}

/// Every font of the PDF as (name, embedded, subset) from pdffonts.
pub fn fonts(pdf: &Path) -> Vec<(String, bool, bool)> {
    let out = tool("pdffonts", &[pdf.to_str().unwrap()]);
    out.lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // name type... encoding emb sub uni object ID: emb/sub are the 5th and 4th from the end
            let n = cols.len();
            (cols[0].to_string(), cols[n - 5] == "yes", cols[n - 4] == "yes")
        })
        .collect()
}

/// Checks what every document must be: A4 in the given orientation, every font embedded and subset.
pub fn assert_a4_with_embedded_fonts(pdf: &Path, landscape: bool) -> usize {
    let (pages, w, h) = info(pdf);
    let expected = if landscape { (842, 595) } else { (595, 842) };
    assert_eq!((w, h), expected, "A4 {}", if landscape { "landscape" } else { "portrait" });
    // Made now, by Juri (not printpdf's 1 January 1970).
    let meta = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let year = time::OffsetDateTime::now_utc().year().to_string();
    let created = meta.lines().find_map(|l| l.strip_prefix("CreationDate:")).unwrap_or_default();
    assert!(created.contains(&year), "created this year: {created}");
    assert!(meta.lines().any(|l| l.starts_with("Creator:") && l.contains("Juri")), "{meta}");
    let fonts = fonts(pdf);
    assert!(!fonts.is_empty(), "text uses embedded fonts");
    for (name, emb, sub) in fonts {
        assert!(emb, "font {name} is embedded");
        assert!(sub, "font {name} is subset");
    }
    pages
}

/// Renders page `page` at `dpi` to PNG and returns the file.
pub fn render_png(pdf: &Path, page: usize, dpi: u32, out_base: &Path) -> PathBuf {
    let p = page.to_string();
    let r = dpi.to_string();
    tool(
        "pdftoppm",
        &["-r", &r, "-png", "-f", &p, "-l", &p, "-singlefile", pdf.to_str().unwrap(), out_base.to_str().unwrap()],
    );
    out_base.with_extension("png")
}
