//! Proposal dossiers in the real app: the organiser imports a dossier folder for the demo (the
//! folder answered by `JURI_TEST_PICK`), screening shows the findings, and a judge reads the
//! proposal beside the score sheet — the ringkasan, the section of the criterion being scored, a
//! three-page PDF in the in-app viewer — while scoring by keyboard as before.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

const RINGKASAN: &str = "Ibu hamil berisiko tinggi dicatat bidan dan kader, lalu dikunjungi dalam 24 jam.";
const KEBARUAN: &str = "Pertama di kabupaten: laporan kader lewat SMS langsung ke bidan.";

/// The demo's dossier folder: isian.csv for P-001 and P-002 (P-002's ringkasan over 200 words)
/// and P-001's flow chart under its kebaruan section.
fn dossier_folder(root: &std::path::Path) -> std::path::PathBuf {
    let dir = root.join("isian-demo");
    std::fs::create_dir_all(dir.join("P-001/kebaruan")).unwrap();
    let long = vec!["layanan"; 230].join(" ");
    let csv = format!(
        "kode;ringkasan;kebaruan\nP-001;{RINGKASAN};\"{KEBARUAN}\nBaris kedua tetap baris baru.\"\nP-002;{long};Antrean dari rumah.\n"
    );
    std::fs::write(dir.join("isian.csv"), csv).unwrap();
    std::fs::write(dir.join("P-001/kebaruan/alur.pdf"), pdf(3)).unwrap();
    dir
}

async fn findings(app: &App, code: &str) -> String {
    app.text(&format!("findings-{code}")).await
}

#[tokio::test]
async fn organiser_imports_dossiers_judge_reads_them_while_scoring() {
    let saves = tempfile::tempdir().unwrap();
    let source = tempfile::tempdir().unwrap();
    let folder = dossier_folder(source.path());
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK", &folder)]).await;
    app.click("open-demo-unscored").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;
    // Before any import every proposal is noted as having no dossier yet.
    assert_eq!(findings(&app, "P-001").await, "Belum ada isian proposal");

    // A folder for a proposal that does not exist refuses the whole import, naming it.
    let stray = folder.join("P-999");
    std::fs::create_dir_all(&stray).unwrap();
    std::fs::write(stray.join("catatan.pdf"), pdf(1)).unwrap();
    app.click("dossier-import-open").await;
    app.click("dossier-import-folder").await;
    let refusal = app.text("dossier-import-error").await;
    assert!(refusal.contains("P-999"), "the refusal names the unknown proposal: {refusal}");
    assert_eq!(app.count("dossier-preview").await, 0, "no preview of a refused folder");
    app.screenshot("dossier-import-refused").await;

    // Without it: the folder is previewed first, then imported.
    std::fs::remove_dir_all(&stray).unwrap();
    app.click("dossier-import-folder").await;
    app.el("dossier-preview").await;
    assert_eq!(app.count("dossier-import-error").await, 0, "the refusal is gone");
    assert_eq!(app.text("dossier-preview-proposals").await, "2");
    assert_eq!(app.text("dossier-preview-files-added").await, "1");
    assert_eq!(app.text("dossier-preview-sections").await, "4", "two sections of two proposals");
    app.click("dossier-import-confirm").await;
    app.el("dossier-import-done").await;
    assert_eq!(app.count("dossier-import-error").await, 0);

    // Screening: P-002 over the word limit and without files, P-003 still without anything.
    app.until("the findings refreshed", || async { findings(&app, "P-002").await.contains("Ringkasan > 200 kata") })
        .await;
    let p002 = findings(&app, "P-002").await;
    assert!(p002.contains("Tanpa bukti dukung"), "P-002 has no evidence: {p002}");
    assert_eq!(findings(&app, "P-003").await, "Belum ada isian proposal");
    let p001 = findings(&app, "P-001").await;
    assert!(p001.starts_with("6 bagian kosong"), "six sections left empty: {p001}");
    assert!(!p001.contains("bukti"), "P-001 has its PDF: {p001}");
    app.client.find(Locator::Css("[data-testid=dossier-import] .icon-button")).await.unwrap().click().await.unwrap();
    app.screenshot("dossier-screening").await;

    // A judge scores P-001 with the dossier beside the sheet.
    app.click("nav-scoring").await;
    select(&app, "scoring-stage", "proposal").await;
    select(&app, "scoring-judge", "J1").await;
    let item =
        app.client.wait().for_element(Locator::Css("[data-testid=worklist-item][data-code=\"P-001\"]")).await.unwrap();
    press_el(&app, &item, "P-001 in the worklist").await;
    app.client.wait().for_element(Locator::Css("[data-testid=score-sheet][data-code=\"P-001\"]")).await.unwrap();
    app.el("dossier-reader").await;
    // "Buka" at once, while the reader still warms pdf.js up, and again right after closing: the
    // evidence opens every time (it failed when a document being put away, the warm-up page or the
    // one just closed, took pdf.js's shared worker down with it).
    // The second time page 1 is the copy kept from the first (shown without drawing again): it has
    // the page's ink too.
    for round in ["at once", "again right after closing"] {
        open_evidence(&app).await;
        first_page(&app, round).await;
        app.until(&format!("page 1 drawn: {round}"), || async {
            app.el("dossier-viewer-canvas").await.attr("data-rendered").await.ok().flatten().as_deref() == Some("1")
        })
        .await;
        let ink = dark_pixels(&app).await;
        assert!(ink > 100, "page 1 has its text ({round}): {ink} dark pixels");
        close_viewer(&app).await;
    }
    assert_eq!(app.text("dossier-text-ringkasan").await, RINGKASAN);
    assert!(app.text("dossier-words-ringkasan").await.starts_with("13 / 200 kata"));

    // Focus on the kebaruan score: the reader shows that section, the focus stays in the field.
    let kebaruan = app.client.find(Locator::Css("[data-testid=score-input][data-criterion=kebaruan]")).await.unwrap();
    kebaruan.click().await.unwrap();
    app.until("the kebaruan section shown", || async {
        app.el("dossier-section-kebaruan").await.attr("data-active").await.ok().flatten().as_deref() == Some("true")
    })
    .await;
    let section = app.text("dossier-section-kebaruan").await;
    assert!(section.contains("Untuk kriteria: Kebaruan"), "marked for the criterion: {section}");
    let text = app.text("dossier-text-kebaruan").await;
    assert!(text.contains(KEBARUAN) && text.contains('\n'), "the text keeps its line break: {text:?}");
    let focused = app.client.active_element().await.unwrap();
    assert_eq!(focused.attr("data-criterion").await.unwrap().as_deref(), Some("kebaruan"), "the reader took no focus");

    // The evidence PDF in the viewer: three pages, next and PageDown.
    open_evidence(&app).await;
    first_page(&app, "the evidence PDF").await;
    app.click("dossier-viewer-next").await;
    app.until("page 2 of 3", || async { app.text("dossier-viewer-page").await == "2 / 3" }).await;
    app.until("page 2 drawn", || async {
        app.el("dossier-viewer-canvas").await.attr("data-rendered").await.ok().flatten().as_deref() == Some("2")
    })
    .await;
    // Drawn means ink on the page: the page's text (a font the PDF does not embed) is on the canvas.
    let dark = dark_pixels(&app).await;
    assert!(dark > 100, "the page's text is drawn, not a blank page: {dark}");
    // The keys from a button of the viewer (sending keys focuses it first).
    app.el("dossier-viewer-next").await.send_keys(&char::from(Key::PageDown).to_string()).await.unwrap();
    app.until("page 3 by PageDown", || async { app.text("dossier-viewer-page").await == "3 / 3" }).await;
    app.el("dossier-viewer-prev").await.send_keys(&char::from(Key::PageUp).to_string()).await.unwrap();
    app.until("back to page 2 by PageUp", || async { app.text("dossier-viewer-page").await == "2 / 3" }).await;
    assert_eq!(app.count("dossier-viewer-failed").await, 0);
    app.screenshot("dossier-viewer").await;
    // "Open with another program": a copy under the data folder, byte for byte (tests start no
    // program), and the judge is told it is a copy.
    app.click("dossier-viewer-open-outside").await;
    let told = app.text("dossier-viewer-opened-outside").await;
    assert!(told.contains("alur.pdf") && told.contains("salinan"), "{told}");
    let copies = app.data.path().join("juri/berkas-dibuka");
    let copy = std::fs::read_dir(&copies).unwrap().next().expect("one copy folder").unwrap().path().join("alur.pdf");
    assert_eq!(std::fs::read(&copy).unwrap(), pdf(3), "the copy is the evidence byte for byte");
    close_viewer(&app).await;

    // Scoring by keyboard as before: the first aspect, Enter moves on to kebaruan.
    // The field may still be behind the closing dialog for a moment: scrolled into view, clicked
    // once it takes the click.
    let first =
        app.client.find(Locator::Css("[data-testid=score-input][data-criterion=latar_belakang]")).await.unwrap();
    app.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&first).unwrap()])
        .await
        .unwrap();
    app.until("the first score field takes a click", || async { first.click().await.is_ok() }).await;
    let el = app.client.active_element().await.unwrap();
    el.send_keys(&format!("85{}", char::from(Key::Enter))).await.unwrap();
    let item = "[data-testid=worklist-item][data-code=\"P-001\"]";
    app.until("the score saved", || async {
        match app.client.find(Locator::Css(item)).await {
            Ok(el) => el.attr("data-scored").await.ok().flatten().as_deref() == Some("1"),
            Err(_) => false,
        }
    })
    .await;
    app.el("score-saved").await;
    let focused = app.client.active_element().await.unwrap();
    assert_eq!(focused.attr("data-criterion").await.unwrap().as_deref(), Some("kebaruan"), "Enter moved on");
    app.until("the reader follows Enter", || async {
        app.el("dossier-section-kebaruan").await.attr("data-active").await.ok().flatten().as_deref() == Some("true")
    })
    .await;
    app.screenshot("dossier-reader").await;

    // A private note on kebaruan: opened by the judge, saved on leaving it, copied into the comment.
    let toggle = app.client.find(Locator::Css("[data-testid=note-toggle][data-criterion=kebaruan]")).await.unwrap();
    toggle.click().await.unwrap();
    let note = app.client.active_element().await.unwrap();
    assert_eq!(note.attr("data-testid").await.unwrap().as_deref(), Some("note-text"), "the opened note has the focus");
    note.send_keys("SMS ke bidan: cek di lapangan").await.unwrap();
    app.el("sheet-comment").await.click().await.unwrap();
    app.el("note-saved").await;
    app.click("notes-to-comment").await;
    let comment = app.el("sheet-comment").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(comment.ends_with("Kebaruan / nilai tambah: SMS ke bidan: cek di lapangan"), "{comment:?}");
    // Leaving the comment saves it, as before.
    press(&app, "score-input").await;
    app.el("comment-saved").await;
    press(&app, "sheet-next").await;
    app.client.wait().for_element(Locator::Css("[data-testid=score-sheet]:not([data-code=\"P-001\"])")).await.unwrap();
    app.screenshot("dossier-notes-next").await;
    let back = app.client.find(Locator::Css("[data-testid=worklist-item][data-code=\"P-001\"]")).await.unwrap();
    app.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&back).unwrap()])
        .await
        .unwrap();
    back.click().await.unwrap();
    app.client.wait().for_element(Locator::Css("[data-testid=score-sheet][data-code=\"P-001\"]")).await.unwrap();
    let note = app.el("note-text").await;
    assert_eq!(note.prop("value").await.unwrap().as_deref(), Some("SMS ke bidan: cek di lapangan"), "the note kept");
    let comment = app.el("sheet-comment").await.prop("value").await.unwrap().unwrap_or_default();
    assert!(comment.contains("nilai tambah: SMS ke bidan"), "the comment saved on leaving the sheet: {comment:?}");
    app.screenshot("dossier-notes").await;
    app.close().await;
}

/// Opens the evidence PDF "alur.pdf" of the reader in the viewer.
async fn open_evidence(app: &App) {
    let open = app
        .client
        .find(Locator::Css("[data-testid=\"dossier-file-alur.pdf\"] [data-testid=dossier-open]"))
        .await
        .unwrap();
    app.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&open).unwrap()])
        .await
        .unwrap();
    open.click().await.unwrap();
    app.el("dossier-viewer").await;
}

async fn close_viewer(app: &App) {
    app.client.find(Locator::Css("[data-testid=dossier-viewer] .icon-button")).await.unwrap().click().await.unwrap();
    app.until("the viewer closed", || async { app.count("dossier-viewer").await == 0 }).await;
}

/// Waits for page 1 of the three-page evidence PDF, failing at once (with the viewer's reason) if
/// the viewer gave up.
async fn first_page(app: &App, what: &str) {
    app.until(&format!("page 1 of 3: {what}"), || async {
        if app.count("dossier-viewer-failed").await > 0 {
            panic!("the viewer failed ({what}): {}", app.text("dossier-viewer-failed").await);
        }
        app.text("dossier-viewer-page").await == "1 / 3"
    })
    .await;
}

/// Dark pixels on the viewer's canvas (a page's text), 0 on a blank page.
async fn dark_pixels(app: &App) -> u64 {
    app.client
        .execute(
            "const c = document.querySelector('[data-testid=dossier-viewer-canvas]');
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128 && d[i + 3] > 0) n++; return n;",
            vec![],
        )
        .await
        .unwrap()
        .as_u64()
        .unwrap_or(0)
}
