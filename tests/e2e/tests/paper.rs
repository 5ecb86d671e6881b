//! Paper fallback in the real app: the same paper sheet typed twice by two people with one
//! difference, the difference highlighted and settled from the paper, and the score in the recap.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

/// Types `text` into the focused field and presses Enter, as the typist would.
async fn type_enter(app: &App, text: &str) {
    let el = app.client.active_element().await.unwrap();
    el.send_keys(&format!("{text}{}", char::from(Key::Enter))).await.unwrap();
}

async fn sheet_status(app: &App) -> String {
    app.el("paper-sheet").await.attr("data-status").await.unwrap().unwrap_or_default()
}

/// Types one entry of J1's desk sheet for P-001: the staff name, then the seven values by keyboard
/// (from the focused first field when `focused`).
async fn type_entry(app: &App, staff: &str, values: &[&str; 7], focused: bool) {
    if !focused {
        app.type_into("paper-staff", staff).await;
        app.el("paper-input").await.click().await.unwrap();
    }
    for v in values {
        type_enter(app, v).await;
    }
}

#[tokio::test]
async fn two_typists_one_difference_reconciled_and_counted() {
    let app = App::start().await;
    app.click("open-demo-unscored").await;
    app.el("proposal-row").await;

    app.click("nav-paper").await;
    select(&app, "paper-stage", "proposal").await;
    select(&app, "paper-judge", "J1").await;
    let row = "[data-testid=paper-row][data-code=\"P-001\"]";
    app.client.wait().for_element(Locator::Css(row)).await.unwrap().click().await.unwrap();
    assert_eq!(sheet_status(&app).await, "none");

    // Entry 1 (Sari): kebaruan 90, the rest 80; Enter on the last criterion saves.
    type_entry(&app, "Sari", &["80", "90", "80", "80", "80", "80", "80"], false).await;
    app.until("entry 1 saved", || async { sheet_status(&app).await == "entry_one" }).await;
    assert_eq!(app.count("paper-compare").await, 0, "the second typist does not see the first entry");
    let checked = app.el("paper-slot-2").await.prop("checked").await.unwrap();
    assert_eq!(checked.as_deref(), Some("true"), "entry 2 is offered next");

    // The same person cannot type entry 2.
    app.type_into("paper-staff", "  sari ").await;
    app.el("paper-same-staff").await;

    // A value out of range is refused on the spot, before anything is sent.
    app.type_into("paper-staff", "Dodi").await;
    app.el("paper-input").await.click().await.unwrap();
    type_enter(&app, "800").await;
    let err = app.text("paper-input-error").await;
    assert!(err.contains("0") && err.contains("100"), "the refusal names the range: {err}");
    assert_eq!(sheet_status(&app).await, "entry_one", "nothing was saved");
    // Select the refused text with the keyboard; the entry below types over it.
    let active = app.client.active_element().await.unwrap();
    active.send_keys(&format!("{}a{}", char::from(Key::Control), char::from(Key::Null))).await.unwrap();

    // Entry 2 (Dodi) misreads kebaruan as 9.
    type_entry(&app, "Dodi", &["80", "9", "80", "80", "80", "80", "80"], true).await;
    app.until("entries compared", || async { sheet_status(&app).await == "different" }).await;
    let different =
        app.client.find_all(Locator::Css("[data-testid=paper-compare-row][data-agreement=different]")).await.unwrap();
    assert_eq!(different.len(), 1, "exactly one criterion differs");
    assert_eq!(different[0].attr("data-criterion").await.unwrap().as_deref(), Some("kebaruan"));
    let class = different[0].attr("class").await.unwrap().unwrap_or_default();
    assert!(class.contains("paper-row-different"), "the difference is highlighted: {class}");
    let listed = app.client.find(Locator::Css(row)).await.unwrap().attr("data-status").await.unwrap();
    assert_eq!(listed.as_deref(), Some("different"));
    app.screenshot("30-paper-different").await;

    // Not counted yet: the recap has no desk score for P-001.
    app.click("nav-recap").await;
    let cell = "[data-testid=recap-row][data-code=\"P-001\"] td.stage-cell[data-stage=proposal]";
    let before = app.client.wait().for_element(Locator::Css(cell)).await.unwrap().text().await.unwrap();
    assert_eq!(before.trim(), "—", "an unreconciled sheet does not count: {before}");

    // Staff read the paper: entry 1 was right. Who and why are recorded.
    app.click("nav-paper").await;
    select(&app, "paper-stage", "proposal").await;
    select(&app, "paper-judge", "J1").await;
    app.client.wait().for_element(Locator::Css(row)).await.unwrap().click().await.unwrap();
    app.type_into("paper-resolver", "Wati").await;
    app.type_into("paper-reason", "dibaca ulang dari lembar asli").await;
    app.click("paper-pick-1").await;
    app.until("sheet recorded", || async { sheet_status(&app).await == "recorded" }).await;
    app.el("paper-recorded").await;
    app.screenshot("31-paper-recorded").await;

    // Counted: one judge, (80·85 + 90·15)/100 = 81,50.
    app.click("nav-recap").await;
    let after = app.client.wait().for_element(Locator::Css(cell)).await.unwrap().text().await.unwrap();
    assert!(after.contains("81,50"), "the reconciled sheet counts in the recap: {after}");
    let script =
        "document.querySelector('[data-testid=recap-row][data-code=\"P-001\"]').scrollIntoView({block: 'center'})";
    app.client.execute(script, vec![]).await.unwrap();
    app.screenshot("32-paper-recap").await;
    app.close().await;
}
