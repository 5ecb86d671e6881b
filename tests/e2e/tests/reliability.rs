//! The recap's "Keandalan penilaian" panel on the demo (issue 18): alpha with its reading, the
//! judges' severity, rank certainty, and the plenary's discussion queue with its before/after log.

mod support;

use fantoccini::Locator;
use support::*;

async fn queue_first(app: &App) -> String {
    match app.client.find(Locator::Css("[data-testid=reliability-queue-item]")).await {
        Ok(el) => el.attr("data-code").await.ok().flatten().unwrap_or_default(),
        Err(_) => String::new(),
    }
}

#[tokio::test]
async fn the_plenary_reads_agreement_and_discusses_the_proposal_judges_disagree_on() {
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path())]).await;
    app.click("open-demo").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;
    app.click("nav-recap").await;
    app.el("recap-category").await;
    press(&app, "reliability-open").await;
    app.text_when("reliability-band", |t| t.contains("kesepakatan juri tinggi")).await;
    let alpha = app.text("reliability-alpha-value").await;
    assert!(alpha.starts_with("0,8"), "the demo's desk-stage alpha with a decimal comma: {alpha}");
    assert_eq!(app.count("reliability-judge").await, 5, "five judges on the desk stage");
    // J2 scores every desk proposal 2 points under the plan: harsher than the others.
    let j2 = app
        .client
        .find(Locator::Css("[data-testid=reliability-judge][data-judge=J2] [data-testid=reliability-severity]"))
        .await
        .unwrap();
    assert!(j2.text().await.unwrap().starts_with("-3,"), "J2 is the harshest");
    assert!(app.count("reliability-stability-row").await >= 18, "every scored proposal has its certainty");
    // The recap's rows show it too, once computed: ANTRI SEHAT is a certain finalist.
    let cell = app
        .client
        .find(Locator::Css("[data-testid=recap-row][data-code=\"P-002\"] [data-testid=recap-certainty]"))
        .await
        .unwrap();
    assert_eq!(cell.text().await.unwrap().trim(), "Finalis 100%");
    app.screenshot("48-reliability").await;
    let judges = app.el("reliability-judges").await;
    app.client
        .execute("arguments[0].scrollIntoView({block: 'start'})", vec![serde_json::to_value(&judges).unwrap()])
        .await
        .unwrap();
    app.screenshot("48b-reliability-judges").await;

    // J2 reads IZIN TUNTAS far lower than the others: it heads the discussion queue.
    app.el("scores-import-input").await.send_keys(&e2e_fixture("j2-p007-40.csv")).await.unwrap();
    app.el("scores-import-result").await;
    app.until("P-007 first in the queue", || async { queue_first(&app).await == "P-007" }).await;
    press(&app, "reliability-mark-discussed").await;
    app.el("reliability-discussed").await;
    // After the discussion J2 revises; the log shows the change.
    app.el("scores-import-input").await.send_keys(&e2e_fixture("j2-p007-74.csv")).await.unwrap();
    app.text_when("reliability-changes", |t| t.contains("J2: 40,00 → 74,00")).await;
    let discussed = app.text("reliability-discussed").await;
    assert!(discussed.contains("Sebelum") && discussed.contains("sesudah"), "{discussed}");
    app.screenshot("49-reliability-discussed").await;
    let alpha_now = app.text("reliability-alpha-value").await;

    // A judge's view before the stages are locked: withheld.
    select(&app, "recap-viewer", "J1").await;
    app.el("reliability-withheld").await;

    // The annex to the minutes, from Dokumen: the same figures in Indonesian.
    app.click("nav-documents").await;
    press(&app, "doc-save-reliability").await;
    app.el("doc-saved-reliability").await;
    let annex = pdf_text(&saves.path().join("lampiran-keandalan-penilaian-2026.pdf"));
    let flat = annex.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("KEANDALAN PENILAIAN") && flat.contains("kesepakatan juri tinggi"), "{flat}");
    assert!(flat.contains(&format!("Penilaian Proposal {alpha_now}")), "the panel's alpha in the annex: {flat}");
    assert!(flat.contains("Peluang dari 2.000 pengundian ulang"), "{flat}");
    app.close().await;
}
