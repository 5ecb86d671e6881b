//! Juri started with a file, as Windows starts it when a judge double-clicks a `.jurikit` or the
//! organiser a `.jurinilai` (the installer registers both): the kit opens as a picked one, and the
//! package lands in "Gabung nilai" of its competition, previewed before anything changes.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

#[tokio::test]
async fn a_double_clicked_kit_opens_the_judges_laptop_and_a_package_the_merge() {
    let saves = tempfile::tempdir().unwrap();
    let env = [("JURI_SAVE_DIR", saves.path())];

    // The organiser makes J1's kit, and closes Juri.
    let master = App::start_with_env(&env).await;
    master.click("open-demo-unscored").await;
    master.until("the demo's proposals", || async { master.count("proposal-row").await == 20 }).await;
    master.click("nav-judges").await;
    let row = master
        .client
        .wait()
        .for_element(Locator::Css("[data-testid=judge-row][data-code=\"J1\"]"))
        .await
        .expect("J1 in the demo jury");
    row.find(Locator::Css("[data-testid=kit-export]")).await.unwrap().click().await.unwrap();
    // A name as a USB stick brings it: spaces, another case.
    let kit = saves.path().join("Kit Juri J1.JuriKit");
    let written = saves.path().join("J1.jurikit");
    master.until("the kit written", || async { written.exists() }).await;
    std::fs::rename(&written, &kit).unwrap();
    let master_data = master.close_keeping_data().await;

    // On an empty laptop Juri, started with the kit, opens it at once: J1's laptop.
    let judge = App::start_with(&env, &[&kit]).await;
    let badge = judge.el("judge-mode-badge").await.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(badge.contains("J1"), "the header says whose laptop it is: {badge}");
    let sheet = judge.el("score-sheet").await;
    let code = sheet.attr("data-code").await.unwrap().expect("the open sheet names its proposal");
    sheet.click().await.unwrap();
    judge.screenshot("launch-kit-opened").await;
    let criteria = judge.count("score-input").await;
    press(&judge, "score-input").await;
    for _ in 0..criteria {
        let el = judge.client.active_element().await.unwrap();
        el.send_keys(&format!("80{}", char::from(Key::Enter))).await.unwrap();
    }
    let item = format!("[data-testid=worklist-item][data-code=\"{code}\"]");
    judge
        .until("the sheet saved", || async {
            match judge.client.find(Locator::Css(&item)).await {
                Ok(el) => el.attr("data-scored").await.ok().flatten() == Some(criteria.to_string()),
                Err(_) => false,
            }
        })
        .await;
    judge.click("export-package").await;
    judge.el("export-package-result").await;
    let package = || {
        std::fs::read_dir(saves.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|e| e == "jurinilai"))
    };
    judge.until("the package written", || async { package().is_some() }).await;
    judge.close().await;

    // The organiser double-clicks the package: Juri opens on "Gabung nilai" of the competition
    // with the preview; nothing is merged before "Gabungkan".
    let db = master_data.path().join("juri/juri.sqlite3");
    let merge = App::start_with(&[("JURI_DB", &db)], &[&package().unwrap()]).await;
    let report = merge.el("merge-report").await;
    let text = report.text().await.unwrap();
    assert!(text.contains("J1") && text.contains(&criteria.to_string()), "the preview counts the events: {text}");
    assert_eq!(merge.count("merge-result").await, 0, "only previewed");
    // Under Xvfb the webview paints what changed without input only at the next event.
    merge.client.find(Locator::Css("#merge-report-heading")).await.unwrap().click().await.unwrap();
    merge.screenshot("launch-package-preview").await;
    merge.click("merge-apply").await;
    merge.el("merge-result").await;
    merge.click("nav-recap").await;
    let cell = merge
        .client
        .wait()
        .for_element(Locator::Css(&format!(
            "[data-testid=recap-row][data-code=\"{code}\"] td[data-stage=proposal] .stage-score"
        )))
        .await
        .expect("the proposal's desk-stage score in the recap");
    assert!(cell.text().await.unwrap().starts_with("80"), "J1's 80 is in the recap");
    merge.close().await;
}
