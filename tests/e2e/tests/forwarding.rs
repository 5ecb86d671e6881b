//! Forwarding in the real app (FORMATS.md §10): the kabupaten's organiser checks the winners'
//! readiness, copies an aspect for SINOVIK and saves the winners' and the finalists' ZIPs; the
//! province's organiser, in a second app on another database, picks both at once, previews and
//! imports them, sees the origin in the registry and the recap, and importing them again offers
//! nothing to add.

mod support;

use support::*;

#[tokio::test]
async fn winners_saved_as_a_zip_in_one_app_are_imported_by_another() {
    let saves = tempfile::tempdir().unwrap();
    let kab = App::start_with_env(&[("JURI_SAVE_DIR", saves.path())]).await;
    kab.click("open-demo-unscored").await;
    kab.until("the demo's proposals", || async { kab.count("proposal-row").await == 20 }).await;
    kab.click("nav-recap").await;
    kab.el("scores-import-input").await.send_keys(&e2e_fixture("demo-scores.csv")).await.unwrap();
    kab.el("scores-import-result").await;

    kab.click("nav-documents").await;
    kab.el("forwarding-card").await;
    select(&kab, "forwarding-scope", "winners").await;
    kab.click("forwarding-check").await;
    kab.until("the winners listed", || async { kab.count("forwarding-row").await == 12 }).await;
    let summary = kab.text("forwarding-summary").await;
    assert!(summary.starts_with("12 proposal"), "{summary}");
    let first = kab.el("forwarding-row").await;
    let readiness =
        first.find(fantoccini::Locator::Css("[data-testid=forwarding-readiness]")).await.unwrap().text().await.unwrap();
    assert!(readiness.contains("Tanpa bukti dukung"), "the demo has no evidence: {readiness}");
    // The copy helper lists the aspects in setup order with their word counts.
    first.find(fantoccini::Locator::Css("[data-testid=forwarding-copy-open]")).await.unwrap().click().await.unwrap();
    let copy = kab.text("forwarding-copy").await;
    assert!(copy.contains("Ringkasan") && copy.contains("0 / 200 kata"), "{copy}");
    let panel = kab.el("forwarding-copy").await;
    kab.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&panel).unwrap()])
        .await
        .unwrap();
    kab.screenshot("forwarding-readiness").await;
    select(&kab, "forwarding-level", "sinovik").await;
    kab.click("forwarding-save").await;
    kab.el("forwarding-saved").await;
    let zip = saves.path().join("penerusan-pemenang-2026.zip");
    assert!(zip.exists(), "the ZIP under the suggested name");
    // The finalists too (in the demo the same twelve): a second ZIP of the same kabupaten.
    select(&kab, "forwarding-scope", "finalists").await;
    kab.click("forwarding-check").await;
    kab.until("the finalists listed", || async { kab.count("forwarding-row").await == 12 }).await;
    kab.click("forwarding-save").await;
    kab.el("forwarding-saved").await;
    let finalists = saves.path().join("penerusan-finalis-2026.zip");
    assert!(finalists.exists());
    kab.close().await;
    // Both picked at once in the province's dialog.
    let pick = saves.path().join("pick.txt");
    std::fs::write(&pick, format!("{}\n{}\n", zip.display(), finalists.display())).unwrap();

    // The province: a new competition from the kabupaten template, the ZIP imported.
    let prov = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK_FROM", &pick)]).await;
    select(&prov, "new-competition-template", "kabupaten").await;
    prov.type_into("new-competition-name", "KIPP Provinsi Jawa Contoh 2026").await;
    prov.type_into("new-competition-year", "2026").await;
    prov.click("new-competition-submit").await;
    prov.click("nav-proposals").await;
    prov.click("forwarding-import-open").await;
    prov.click("forwarding-import-pick").await;
    prov.until("the preview of both", || async { prov.count("forwarding-import-row").await == 24 }).await;
    let from = prov.text("forwarding-import-from").await;
    assert!(from.contains("Bagian Organisasi Setda Kabupaten Sukamaju"), "{from}");
    let summary = prov.text("forwarding-import-summary").await;
    assert!(summary.starts_with("12 proposal baru, 12 sudah ada"), "the finalists' ZIP repeats the winners: {summary}");
    assert_eq!(prov.count("proposal-row").await, 0, "the preview changed nothing");
    prov.screenshot("forwarding-import-preview").await;
    prov.click("forwarding-import-confirm").await;
    prov.el("forwarding-import-done").await;
    prov.until("the registry", || async { prov.count("proposal-row").await == 12 }).await;
    let origin = prov.text("proposal-origin").await;
    assert!(origin.contains("Kabupaten Sukamaju") && origin.contains("peringkat 1"), "{origin}");
    prov.screenshot("forwarding-registry").await;
    prov.click("nav-recap").await;
    let recap_origin = prov.text("recap-origin").await;
    assert!(recap_origin.contains("Kabupaten Sukamaju"), "{recap_origin}");
    prov.click("nav-proposals").await;

    // The same ZIPs again (the screen opened afresh): everything is already here, nothing to import.
    prov.click("forwarding-import-open").await;
    prov.click("forwarding-import-pick").await;
    prov.until("the second preview", || async { prov.count("forwarding-import-row").await == 24 }).await;
    prov.text_when("forwarding-import-summary", |t| t.starts_with("0 proposal baru, 24 sudah ada")).await;
    assert_eq!(prov.el("forwarding-import-confirm").await.prop("disabled").await.unwrap().as_deref(), Some("true"));
    prov.close().await;
}
