//! Staff edit a proposal's dossier in the real app (Proposals → Isian): a section typed and saved on
//! leaving it, its word count and the screening badges following, the limit passed, a video link,
//! a PDF added through the file dialog (answered by `JURI_TEST_PICK_FROM`), a small file dropped
//! on a section and a large one turned away, and a file removed after a check.

mod support;

use fantoccini::Locator;
use support::*;

async fn findings(app: &App, code: &str) -> String {
    app.text(&format!("findings-{code}")).await
}

/// Sets a textarea's text at once (as a paste would) and leaves it, which saves it.
async fn paste(app: &App, testid: &str, text: &str) {
    let el = app.el(testid).await;
    app.client
        .execute(
            "const t = arguments[0]; t.focus(); t.value = arguments[1]; \
             t.dispatchEvent(new Event('input', { bubbles: true })); t.blur();",
            vec![serde_json::to_value(&el).unwrap(), serde_json::Value::String(text.into())],
        )
        .await
        .unwrap();
}

/// Drops a file named `name` of `bytes` bytes starting with `head` (zeros after it) on the element.
async fn drop_file(app: &App, css: &str, name: &str, bytes: usize, head: &[u8]) {
    let el = app.client.find(Locator::Css(css)).await.unwrap();
    app.client
        .execute(
            "const [el, name, size, head] = arguments; const body = new Uint8Array(size); body.set(head.slice(0, size)); \
             const dt = new DataTransfer(); dt.items.add(new File([body], name)); \
             el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true })); \
             el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));",
            vec![
                serde_json::to_value(&el).unwrap(),
                name.into(),
                serde_json::Value::from(bytes),
                serde_json::to_value(head).unwrap(),
            ],
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn staff_edit_a_dossier_and_see_the_findings_follow() {
    let saves = tempfile::tempdir().unwrap();
    let pick = saves.path().join("next.pick");
    std::fs::write(&pick, "").unwrap();
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK_FROM", &pick)]).await;
    app.click("open-demo-unscored").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;
    assert_eq!(findings(&app, "P-003").await, "Belum ada isian proposal");

    let row = app.row("P-003").await;
    row.find(Locator::Css("[data-testid=dossier-edit]")).await.unwrap().click().await.unwrap();
    app.el("dossier-editor").await;
    assert_eq!(app.text("dossier-edit-words-ringkasan").await, "0 / 200 kata");

    // The ringkasan typed: the words counted while typing, "tersimpan" once the core answered.
    let ringkasan = app.el("dossier-text-ringkasan").await;
    ringkasan.send_keys("Antrean puskesmas dari rumah lewat SMS").await.unwrap();
    assert_eq!(app.text("dossier-edit-words-ringkasan").await, "6 / 200 kata");
    assert_eq!(app.count("dossier-saved-ringkasan").await, 0, "nothing says saved before leaving the field");
    app.el("dossier-text-latar_belakang").await.click().await.unwrap();
    app.el("dossier-saved-ringkasan").await;
    // The table's badges follow: no longer "no dossier at all", still no evidence.
    app.until("the row's findings follow", || async { findings(&app, "P-003").await != "Belum ada isian proposal" })
        .await;
    let row_findings = findings(&app, "P-003").await;
    assert!(row_findings.contains("Tanpa bukti dukung"), "{row_findings}");
    assert!(row_findings.contains("bagian kosong"), "{row_findings}");
    assert!(app.text("dossier-edit-findings").await.contains("Tanpa bukti dukung"));

    // Over the limit: 230 words pasted.
    paste(&app, "dossier-text-ringkasan", &vec!["layanan"; 230].join(" ")).await;
    app.until("the word count", || async { app.text("dossier-edit-words-ringkasan").await == "230 / 200 kata" }).await;
    app.until("the limit finding", || async {
        app.text("dossier-edit-findings").await.contains("Ringkasan > 200 kata")
    })
    .await;
    assert!(findings(&app, "P-003").await.contains("Ringkasan > 200 kata"));

    // A video link, one per line.
    paste(&app, "dossier-videos", "https://video.example/antrean\n").await;
    app.el("dossier-videos-saved").await;

    // A three-page PDF for the kebaruan section through the dialog.
    let alur = saves.path().join("alur.pdf");
    std::fs::write(&alur, pdf(3)).unwrap();
    std::fs::write(&pick, alur.display().to_string()).unwrap();
    press(&app, "dossier-add-file-kebaruan").await;
    app.until("the PDF listed", || async { app.count("dossier-edit-file").await == 1 }).await;
    let listed = app.text("dossier-edit-file").await;
    assert!(listed.contains("alur.pdf") && listed.contains("Kebaruan"), "{listed}");
    app.until("no longer without evidence", || async { !findings(&app, "P-003").await.contains("Tanpa bukti dukung") })
        .await;

    // Dropped on the implementasi section: a small PNG is added; a file over 10 MB is turned away.
    drop_file(&app, "[aria-labelledby=edit-section-implementasi]", "foto.png", 64, b"\x89PNG\r\n\x1a\n").await;
    app.until("the dropped file listed", || async { app.count("dossier-edit-file").await == 2 }).await;
    drop_file(&app, "[data-testid=dossier-editor] .dossier-editor", "video.mp4", 10 * 1024 * 1024 + 1, b"").await;
    assert!(app.text("dossier-drop-too-large").await.contains("video.mp4"));
    assert_eq!(app.count("dossier-edit-file").await, 2, "the large file was not sent");
    app.screenshot("dossier-edit").await;

    // The PDF removed after the check.
    let pdf_row =
        app.client.find(Locator::Css("[data-testid=dossier-edit-file][data-name=\"alur.pdf\"]")).await.unwrap();
    let remove = pdf_row.find(Locator::Css("[data-testid=dossier-remove-file]")).await.unwrap();
    press_el(&app, &remove, "remove alur.pdf").await;
    assert_eq!(app.count("dossier-edit-file").await, 2, "nothing removed before the check");
    press(&app, "dossier-remove-confirm").await;
    app.until("the PDF removed", || async { app.count("dossier-edit-file").await == 1 }).await;
    assert!(app.text("dossier-edit-done").await.contains("alur.pdf"));

    // Closed and opened again: what the core holds.
    app.click("dossier-edit-close").await;
    app.until("the editor closed", || async { app.count("dossier-editor").await == 0 }).await;
    app.screenshot("dossier-edit-proposals").await;
    let row = app.row("P-003").await;
    row.find(Locator::Css("[data-testid=dossier-edit]")).await.unwrap().click().await.unwrap();
    app.until("the stored words", || async { app.text("dossier-edit-words-ringkasan").await == "230 / 200 kata" })
        .await;
    assert_eq!(
        app.el("dossier-videos").await.prop("value").await.unwrap().as_deref(),
        Some("https://video.example/antrean")
    );
    assert_eq!(app.count("dossier-edit-file").await, 1);
    app.close().await;
}

const SUMMARY: &str = "Warga antre dari rumah; nomor dipanggil lewat SMS.\nBaris kedua ringkasan.";

#[tokio::test]
async fn the_chair_shows_the_ringkasan_and_opens_evidence_on_the_projector() {
    let saves = tempfile::tempdir().unwrap();
    let pick = saves.path().join("next.pick");
    let alur = saves.path().join("alur.pdf");
    std::fs::write(&alur, pdf(3)).unwrap();
    std::fs::write(&pick, alur.display().to_string()).unwrap();
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK_FROM", &pick)]).await;
    app.click("open-demo-unscored").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;
    // The demo's scores: the desk stage ranked, the finalists known for the venue.
    app.click("nav-recap").await;
    app.el("scores-import-input").await.send_keys(&e2e_fixture("demo-scores.csv")).await.unwrap();
    app.el("scores-import-result").await;

    // The first finalist on J1's venue list.
    app.click("nav-scoring").await;
    select(&app, "scoring-stage", "presentasi").await;
    select(&app, "scoring-judge", "J1").await;
    let code = app.el("score-sheet").await.attr("data-code").await.unwrap().expect("a finalist's sheet");

    // Its ringkasan and a PDF, entered on the Proposals screen.
    app.click("nav-proposals").await;
    let row = app.row(&code).await;
    row.find(Locator::Css("[data-testid=dossier-edit]")).await.unwrap().click().await.unwrap();
    paste(&app, "dossier-text-ringkasan", SUMMARY).await;
    app.el("dossier-saved-ringkasan").await;
    press(&app, "dossier-add-file").await;
    app.until("the PDF listed", || async { app.count("dossier-edit-file").await == 1 }).await;
    app.click("dossier-edit-close").await;
    app.until("the editor closed", || async { app.count("dossier-editor").await == 0 }).await;

    // The projector view: the title, the ringkasan with its line break, the evidence to open.
    app.click("nav-scoring").await;
    app.client
        .wait()
        .for_element(Locator::Css(&format!("[data-testid=score-sheet][data-code=\"{code}\"]")))
        .await
        .unwrap();
    app.el("dossier-reader").await;
    press(&app, "projector-open").await;
    app.el("projector-view").await;
    app.until("the ringkasan shown", || async { app.count("projector-summary").await == 1 }).await;
    let summary = app.el("projector-summary").await.prop("textContent").await.unwrap().unwrap_or_default();
    assert_eq!(summary, SUMMARY);
    assert_eq!(app.count("projector-file").await, 1);
    app.screenshot("dossier-projector").await;
    app.click("projector-file").await;
    app.el("dossier-viewer").await;
    app.until("page 1 of 3", || async { app.text("dossier-viewer-page").await == "1 / 3" }).await;
    app.click("dossier-viewer-next").await;
    app.until("page 2 of 3", || async { app.text("dossier-viewer-page").await == "2 / 3" }).await;
    app.screenshot("dossier-projector-viewer").await;
    app.client.find(Locator::Css("[data-testid=dossier-viewer] .icon-button")).await.unwrap().click().await.unwrap();
    app.until("the viewer closed", || async { app.count("dossier-viewer").await == 0 }).await;
    assert_eq!(app.count("projector-view").await, 1, "the projector stays open under the viewer");
    app.click("projector-close").await;
    app.until("the projector closed", || async { app.count("projector-view").await == 0 }).await;
    app.close().await;
}
