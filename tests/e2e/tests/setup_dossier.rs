//! The setup screen's dossier card: the demo's eight KIPP sections, a word limit changed and saved,
//! a desk criterion reading beside its section.

mod support;

use fantoccini::Locator;
use support::*;

#[tokio::test]
async fn the_organiser_edits_the_dossier_sections_in_the_setup() {
    let app = App::start().await;
    app.click("open-demo-unscored").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;
    app.click("nav-setup").await;
    app.el("setup-dossier").await;
    assert_eq!(app.count("setup-section-row").await, 8, "the eight KIPP aspects");
    let kebaruan = app
        .client
        .find(Locator::Css("[data-testid=setup-criterion-row] select"))
        .await
        .expect("a desk criterion picks its section");
    assert!(kebaruan.prop("value").await.unwrap().is_some_and(|v| !v.is_empty()));

    // The ringkasan's word limit from 200 to 250, saved.
    let limit = app.client.find(Locator::Css("[data-testid=setup-section-row] td:nth-child(3) input")).await.unwrap();
    limit.clear().await.unwrap();
    limit.send_keys("250").await.unwrap();
    press(&app, "setup-save").await;
    // The save is checked below, by opening the screen again from the database.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let dossier = app.el("setup-dossier").await;
    app.client
        .execute("arguments[0].scrollIntoView({block: 'start'})", vec![serde_json::to_value(&dossier).unwrap()])
        .await
        .unwrap();
    app.screenshot("dossier-setup").await;
    // Opened again from the database: the new limit is there.
    app.click("nav-proposals").await;
    app.click("nav-setup").await;
    let again = app.client.find(Locator::Css("[data-testid=setup-section-row] td:nth-child(3) input")).await.unwrap();
    app.until("the saved limit", || async { again.prop("value").await.ok().flatten().as_deref() == Some("250") }).await;
    app.close().await;
}
