//! Organiser's first steps in the real app: create a competition from a template, import
//! proposals, screen one out with a reason, switch language; a demo on first run; a bad file refused.

mod support;

use fantoccini::Locator;
use support::*;

#[tokio::test]
async fn create_import_screen_and_switch_language() {
    let app = App::start().await;
    select(&app, "new-competition-template", "kabupaten").await;
    app.type_into("new-competition-name", "KIPP Kabupaten Sukamaju 2026").await;
    app.type_into("new-competition-year", "2026").await;
    app.click("new-competition-submit").await;
    app.click("nav-proposals").await;

    let input = app.el("import-file-input").await;
    input.send_keys(&fixture("proposals/good_semicolon_bom.csv")).await.unwrap();
    app.el("import-preview").await;
    assert_eq!(app.text("import-count-add").await.trim(), "4", "four rows to add in the preview");
    app.screenshot("01-import-preview").await;
    app.click("import-commit").await;
    app.el("import-result").await;
    app.until("four proposal rows", || async { app.count("proposal-row").await == 4 }).await;

    // Untrusted text stays text.
    let title = app.row("P-003").await.find(Locator::Css("[data-testid=proposal-title]")).await.unwrap();
    assert_eq!(title.text().await.unwrap(), "<img src=x onerror=alert(1)>");

    // Screen P-001 out: a reason is required.
    app.row("P-001").await.find(Locator::Css("[data-testid=proposal-screen]")).await.unwrap().click().await.unwrap();
    select(&app, "status-select", "tidak_lolos_administrasi").await;
    app.type_into("status-reason", "Belum berjalan satu tahun").await;
    app.click("status-save").await;
    app.until("P-001 failed screening", || async {
        let cell = app.row("P-001").await.find(Locator::Css("[data-testid=proposal-status]")).await.unwrap();
        cell.text().await.unwrap().contains("Tidak lolos administrasi")
    })
    .await;
    app.screenshot("02-screened-out-id").await;

    app.click("lang-switch").await;
    app.until("English labels", || async {
        let cell = app.row("P-001").await.find(Locator::Css("[data-testid=proposal-status]")).await.unwrap();
        cell.text().await.unwrap().contains("Failed screening")
    })
    .await;
    app.screenshot("03-english").await;
    app.close().await;
}

#[tokio::test]
async fn first_run_demo_opens_twenty_proposals() {
    let app = App::start().await;
    app.click("open-demo").await;
    // The notice takes its own room above the page: no button of the page lies under it.
    app.el("notice").await;
    let covered = app
        .client
        .execute(
            "const n = document.querySelector('[data-testid=notice]').getBoundingClientRect();
             return [...document.querySelectorAll('button')]
               .filter((b) => !b.closest('[data-testid=notice]'))
               .map((b) => b.getBoundingClientRect())
               .filter((r) => r.width > 0 && r.left < n.right && r.right > n.left && r.top < n.bottom && r.bottom > n.top)
               .length;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(covered, serde_json::json!(0), "a notice covers no action button");
    app.click("nav-proposals").await;
    app.until("twenty demo proposals", || async { app.count("proposal-row").await == 20 }).await;
    let status = app.row("P-015").await.find(Locator::Css("[data-testid=proposal-status]")).await.unwrap();
    let text = status.text().await.unwrap();
    assert!(text.contains("Tidak lolos administrasi"), "P-015 fails screening in the demo: {text:?}");
    app.screenshot("04-demo").await;

    // The desk stage is scored: the recap shows the jury's scores, the finalists awaiting the
    // presentations and those outside the quota.
    app.click("nav-recap").await;
    let status = |code: &'static str| {
        let app = &app;
        async move {
            let css = format!("[data-testid=recap-row][data-code=\"{code}\"] [data-testid=recap-status]");
            match app.client.find(Locator::Css(&css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            }
        }
    };
    app.until("P-002 a finalist awaiting the presentations", || async { status("P-002").await == "Finalis" }).await;
    assert_eq!(status("P-005").await, "Bukan finalis", "RESEP ANTAR is outside the quota of three");
    app.screenshot("04b-demo-recap").await;

    // Beside it, the finished 2025 competition, ranked to its winners.
    app.click("nav-home").await;
    app.until("two demo competitions", || async { app.count("competition-item").await == 2 }).await;
    let items = app.client.find_all(Locator::Css("[data-testid=competition-item]")).await.unwrap();
    let mut finished = None;
    for item in items {
        if item.text().await.unwrap().contains("Tahun 2025") {
            finished = Some(item);
        }
    }
    press_el(&app, &finished.expect("the 2025 competition is listed"), "the 2025 competition").await;
    app.click("nav-recap").await;
    app.until("winners ranked in 2025", || async { app.count("recap-rank").await >= 12 }).await;
    let ranks = app.client.find_all(Locator::Css("[data-testid=recap-rank]")).await.unwrap();
    let mut firsts = 0;
    for r in ranks {
        if r.text().await.unwrap().trim() == "1" {
            firsts += 1;
        }
    }
    assert_eq!(firsts, 4, "one winner per category");
    app.screenshot("04c-demo-2025-recap").await;
    app.close().await;
}

#[tokio::test]
async fn a_bad_file_is_refused_with_row_errors_and_changes_nothing() {
    let app = App::start().await;
    app.click("open-demo").await;
    app.click("nav-proposals").await;
    app.until("demo rows", || async { app.count("proposal-row").await == 20 }).await;
    let input = app.el("import-file-input").await;
    input.send_keys(&fixture("proposals/bad/wrong_types.csv")).await.unwrap();
    app.el("import-preview").await;
    assert_eq!(app.text("import-count-errors").await.trim(), "4");
    let errors = app.text("import-errors").await;
    assert!(errors.contains("Swasta"), "the unknown unit type is named: {errors}");
    let commit = app.el("import-commit").await;
    assert!(!commit.is_enabled().await.unwrap(), "import is disabled while the file has errors");
    app.screenshot("05-bad-file").await;
    app.click("import-cancel").await;
    assert_eq!(app.count("proposal-row").await, 20, "nothing changed");
    app.close().await;
}
