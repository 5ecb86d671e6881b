//! The Dokumen screen in the real app: the demo with its scores, the document settings saved, the
//! certificate batch previewed (pdf.js under the app's CSP) and saved as one PDF and as one file
//! per recipient, the berita acara saved; the files are read back with pdftotext.

mod support;

use std::process::Command;

use fantoccini::Locator;
use support::*;

#[tokio::test]
async fn organiser_saves_the_certificate_batch_and_the_minutes() {
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with_env(&[
        ("JURI_SAVE_DIR", saves.path()),
        // A pause per certificate page: the batch is still running when "Batal" is pressed.
        ("JURI_TEST_PAGE_DELAY_MS", std::path::Path::new("150")),
    ])
    .await;
    app.click("open-demo").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;

    // The demo's scores (both stages, five judges) through the recap's import.
    app.click("nav-recap").await;
    app.el("scores-import-input").await.send_keys(&e2e_fixture("demo-scores.csv")).await.unwrap();
    app.el("scores-import-result").await;

    app.click("nav-documents").await;
    app.el("doc-card-certificates").await;
    app.screenshot("19-documents").await;
    app.type_into("doc-certificate-date", "2026-10-28").await;
    app.type_into("doc-sig-head-name", "H. Ahmad Fauzan, S.H., M.H.").await;
    // A kabupaten in Sulawesi: the plenary's time is printed in WITA.
    app.type_into("doc-pleno-time", "9:00").await;
    select(&app, "doc-time-zone", "WITA").await;
    // A head of a service unit, for that unit's monev report.
    press(&app, "doc-unit-head-add").await;
    app.until("a unit head to fill in", || async { app.count("doc-unit-head").await == 1 }).await;
    app.type_into("doc-sig-unit-0-name", "Ir. Bambang Widodo, M.Env.").await;
    app.el("doc-settings-dirty").await;
    app.click("doc-settings-save").await;
    app.el("doc-settings-saved").await;

    // A logo the organiser picks: a CSV is refused with the reason, a PNG is kept.
    app.el("doc-logo-input").await.send_keys(&e2e_fixture("demo-scores.csv")).await.unwrap();
    assert!(app.text("doc-logo-error").await.contains("PNG"), "the refusal names the formats");
    let logo = workspace().join("icons/128x128.png");
    app.el("doc-logo-input").await.send_keys(logo.to_str().unwrap()).await.unwrap();
    app.until("the logo saved", || async { app.text("doc-logo-state").await.starts_with("Logo tersimpan") }).await;

    // Preview: pdf.js draws the first of the twelve certificates into the canvas.
    app.click("doc-preview-certificates").await;
    app.until("the first page drawn", || async {
        app.el("doc-preview-canvas").await.attr("data-rendered").await.ok().flatten().as_deref() == Some("1")
    })
    .await;
    let count = app.text("doc-preview-count").await;
    assert_eq!(count, "Halaman 1 dari 12", "twelve winners (Juara I–III in four categories)");
    assert_eq!(app.count("doc-preview-failed").await, 0);
    app.screenshot("20-documents-preview").await;
    app.client.find(Locator::Css("[data-testid=doc-preview] .icon-button")).await.unwrap().click().await.unwrap();

    // One PDF for the batch, into JURI_SAVE_DIR under the suggested name.
    app.click("doc-save-certificates").await;
    app.el("doc-saved-certificates").await;
    let pdf = saves.path().join("piagam-pemenang-2026.pdf");
    assert!(pdf.exists(), "the batch PDF was written: {}", pdf.display());
    let text = pdf_text(&pdf);
    assert_eq!(text.matches("PIAGAM PENGHARGAAN").count(), 12, "one piagam per winner");
    assert!(text.contains("RSUD Sukamaju"), "a winner's unit: {text}");
    assert!(text.contains("Juara I Kategori Kesehatan"));
    assert!(text.contains("Sukamaju, 28 Oktober 2026"), "the Indonesian date: {text}");
    assert!(text.contains("H. Ahmad Fauzan, S.H., M.H."), "the signatory saved on the screen");
    let images = Command::new("pdfimages").args(["-list", pdf.to_str().unwrap()]).output().unwrap();
    let listed = String::from_utf8_lossy(&images.stdout);
    let pictures = listed.lines().skip(2).filter(|l| l.split_whitespace().nth(2) == Some("image")).count();
    assert_eq!(pictures, 12, "the logo on every piagam: {listed}");
    assert!(app.text("doc-saved-certificates").await.contains("piagam-pemenang-2026.pdf"));
    app.screenshot("21-documents-saved").await;

    // One file per recipient, into a folder.
    app.click("doc-each").await;
    app.click("doc-save-certificates").await;
    app.until("the folder saved", || async { app.text("doc-saved-certificates").await.contains("12 berkas") }).await;
    let folder = saves.path().join("piagam-pemenang-2026");
    let mut files: Vec<String> =
        std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    assert_eq!(files.len(), 12, "{files:?}");
    assert!(files[0].starts_with("001-") && files[0].ends_with("-juara-i.pdf"), "{files:?}");
    assert!(pdf_text(&folder.join(&files[0])).contains("PIAGAM PENGHARGAAN"));

    // Every participant, one file each, cancelled while it runs: an error that says so, no folder left.
    select(&app, "doc-recipients", "participants").await;
    press(&app, "doc-save-certificates").await;
    press(&app, "doc-cancel").await;
    let stopped = app.text("doc-error-certificates").await;
    assert!(stopped.contains("Dibatalkan"), "{stopped}");
    assert!(!saves.path().join("piagam-peserta-2026").exists(), "a cancelled batch leaves no folder behind");

    // The berita acara: the plenary date was not set, so the opening is left for the clerk.
    press(&app, "doc-save-berita_acara").await;
    app.el("doc-saved-berita_acara").await;
    let ba = pdf_text(&saves.path().join("berita-acara-penilaian-2026.pdf"));
    assert!(ba.contains("BERITA ACARA"), "{ba}");
    assert!(ba.contains("pukul 09.00 WITA"), "the time with the zone chosen: {ba}");
    assert!(ba.contains("Prof. Dr. Retno Wulandari, M.Si."), "the jury is listed: {ba}");

    // The other documents and the workbook, each saved once under its suggested name.
    for (key, file, expect) in [
        ("recap", "rekapitulasi-nilai-semua-tahap-2026.pdf", "REKAPITULASI"),
        ("score_sheets", "lembar-penilaian-kosong-proposal-2026.pdf", "LEMBAR PENILAIAN"),
        ("sk", "lampiran-sk-pemenang-2026.pdf", "RSUD Sukamaju"),
        ("checklist", "daftar-periksa-isian-proposal-2026.pdf", "DAFTAR PERIKSA KELENGKAPAN ISIAN PROPOSAL"),
    ] {
        press(&app, &format!("doc-save-{key}")).await;
        app.el(&format!("doc-saved-{key}")).await;
        let text = pdf_text(&saves.path().join(file));
        assert!(text.to_uppercase().contains(&expect.to_uppercase()), "{file} holds {expect}: {text}");
    }
    press(&app, "doc-save-xlsx").await;
    app.el("doc-saved-xlsx").await;
    assert!(std::fs::read(saves.path().join("kompetisi-2026.xlsx")).unwrap().starts_with(b"PK"), "an XLSX (zip) file");
    // The certificate register: the winners' piagam saved above have their numbers in it.
    select(&app, "doc-csv", "certificate_register").await;
    press(&app, "doc-save-csv").await;
    app.el("doc-saved-csv").await;
    let register = std::fs::read_to_string(saves.path().join("register-piagam-sertifikat-2026.csv")).unwrap();
    assert!(register.lines().any(|l| l.starts_with("piagam;1;001/PIAGAM/Org/2026;")), "{register}");
    assert_eq!(register.lines().filter(|l| l.starts_with("piagam;")).count(), 12, "{register}");
    press(&app, "doc-save-checklist_xlsx").await;
    app.el("doc-saved-checklist_xlsx").await;
    let checklist = std::fs::read(saves.path().join("daftar-periksa-isian-proposal-2026.xlsx")).unwrap();
    assert!(checklist.starts_with(b"PK"), "the checklist as XLSX");

    // The screen in English, same keys.
    app.click("lang-switch").await;
    app.until("English labels", || async { app.text("doc-save-berita_acara").await == "Save PDF" }).await;
    app.screenshot("22-documents-en").await;
    let settings = app.el("doc-settings").await;
    app.client
        .execute("arguments[0].scrollIntoView({block: 'start'})", vec![serde_json::to_value(&settings).unwrap()])
        .await
        .unwrap();
    app.screenshot("23-documents-settings-en").await;

    // Kept for a person to look at (pdftoppm -r 50 -png).
    let keep = workspace().join("test-output/e2e/documents");
    std::fs::create_dir_all(&keep).unwrap();
    for entry in std::fs::read_dir(saves.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pdf") {
            std::fs::copy(&path, keep.join(path.file_name().unwrap())).unwrap();
        }
    }
    app.close().await;
}
