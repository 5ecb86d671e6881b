//! The demo competition of DOMAIN.md §7 with its jury, document settings and scores for both
//! stages, and helpers that read PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm).

use std::path::{Path, PathBuf};
use std::process::Command;

use juri_core::db::Db;
use juri_core::documents_settings::save_document_settings;
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

/// The scores file (FORMATS.md §4) of the demo, both stages: DOMAIN.md §3.2's worked example for
/// P-009 (J5 recused).
pub fn scores_csv() -> String {
    juri_core::demo::scores_csv(true)
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
    let s = juri_core::demo::document_settings_2026(db.conn(), &id).unwrap();
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
        // One type family, Arial-metric, in every document (a subset's name is "ABCDEF+Name").
        let family = name.split_once('+').map_or(name.as_str(), |(_, f)| f);
        assert!(family == "LiberationSans" || family == "LiberationSans-Bold", "one family: {name}");
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
