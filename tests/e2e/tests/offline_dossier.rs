//! Offline judging with the dossiers: the organiser imports a dossier folder (a three-page PDF for
//! P-001), exports J1's kit and sees it current on the Judges screen; J1's laptop (a second app,
//! empty) opens the kit, reads P-001's ringkasan and PDF beside the sheet, keeps a private note,
//! scores by keyboard and exports the package; the organiser merges it and the recap shows J1's
//! score. A dossier changed afterwards asks for a new kit. Native dialogs are answered through
//! `JURI_SAVE_DIR` and `JURI_TEST_PICK_FROM`.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

const RINGKASAN: &str = "Ibu hamil berisiko tinggi dicatat bidan dan kader, lalu dikunjungi dalam 24 jam.";

/// isian.csv with P-001's ringkasan, and P-001's flow chart under its implementasi section.
fn dossier_folder(root: &std::path::Path) -> std::path::PathBuf {
    let dir = root.join("isian");
    std::fs::create_dir_all(dir.join("P-001/implementasi")).unwrap();
    std::fs::write(dir.join("isian.csv"), format!("kode;ringkasan\nP-001;{RINGKASAN}\n")).unwrap();
    std::fs::write(dir.join("P-001/implementasi/alur.pdf"), pdf(3)).unwrap();
    dir
}

fn files_ending(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

async fn judge_row(app: &App, code: &str) -> fantoccini::elements::Element {
    app.client
        .wait()
        .for_element(Locator::Css(&format!("[data-testid=judge-row][data-code=\"{code}\"]")))
        .await
        .unwrap_or_else(|e| panic!("{code} in the jury: {e}"))
}

/// Clicks the element at `css` after scrolling it to the middle of its scrolling box.
async fn click_css(app: &App, css: &str) {
    let el = app.client.wait().for_element(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    app.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&el).unwrap()])
        .await
        .unwrap();
    el.click().await.unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn kit_state(app: &App, code: &str) -> (String, String) {
    let row = judge_row(app, code).await;
    match row.find(Locator::Css("[data-testid=kit-status]")).await {
        Ok(el) => (el.attr("data-state").await.unwrap().unwrap_or_default(), el.text().await.unwrap_or_default()),
        Err(_) => (String::new(), String::new()),
    }
}

#[tokio::test]
async fn a_kit_with_the_dossier_to_the_judge_laptop_and_the_package_back() {
    let saves = tempfile::tempdir().unwrap();
    let source = tempfile::tempdir().unwrap();
    let folder = dossier_folder(source.path());
    let master_pick = saves.path().join("master.pick");
    std::fs::write(&master_pick, folder.display().to_string()).unwrap();

    // The organiser: the demo, the dossier folder imported.
    let master = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK_FROM", &master_pick)]).await;
    master.click("open-demo-unscored").await;
    master.until("the demo's proposals", || async { master.count("proposal-row").await == 20 }).await;
    master.click("dossier-import-open").await;
    master.click("dossier-import-folder").await;
    master.el("dossier-preview").await;
    master.click("dossier-import-confirm").await;
    master.el("dossier-import-done").await;

    // J1's kit: never made, then current.
    master.click("nav-judges").await;
    master.until("the kit states", || async { kit_state(&master, "J1").await.0 == "never" }).await;
    assert_eq!(kit_state(&master, "J1").await.1, "Belum dibuat");
    let row = judge_row(&master, "J1").await;
    row.find(Locator::Css("[data-testid=kit-export]")).await.unwrap().click().await.unwrap();
    master.el("kit-export-result").await;
    let kit = saves.path().join("J1.jurikit");
    master.until("the kit written", || async { kit.exists() }).await;
    master.until("J1's kit current", || async { kit_state(&master, "J1").await.0 == "up_to_date" }).await;
    assert_eq!(kit_state(&master, "J1").await.1, "Kit terbaru");
    assert_eq!(kit_state(&master, "J2").await.0, "never");
    master.screenshot("dossier-offline-kit-status").await;

    // J1's laptop: an empty app opens the kit.
    let judge_pick = saves.path().join("judge.pick");
    std::fs::write(&judge_pick, kit.display().to_string()).unwrap();
    let judge = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK_FROM", &judge_pick)]).await;
    judge.click("kit-pick").await;
    judge.el("judge-mode-badge").await;
    judge.el("score-sheet").await;
    click_css(&judge, "[data-testid=worklist-item][data-code=\"P-001\"]").await;
    judge.client.wait().for_element(Locator::Css("[data-testid=score-sheet][data-code=\"P-001\"]")).await.unwrap();

    // The dossier came with the kit: the ringkasan beside the sheet, the PDF page by page.
    judge.el("dossier-reader").await;
    judge.until("the ringkasan", || async { judge.text("dossier-text-ringkasan").await == RINGKASAN }).await;
    let open = judge
        .client
        .find(Locator::Css("[data-testid=\"dossier-file-alur.pdf\"] [data-testid=dossier-open]"))
        .await
        .unwrap();
    judge
        .client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&open).unwrap()])
        .await
        .unwrap();
    open.click().await.unwrap();
    judge.el("dossier-viewer").await;
    judge.until("page 1 of 3", || async { judge.text("dossier-viewer-page").await == "1 / 3" }).await;
    judge.click("dossier-viewer-next").await;
    judge.until("page 2 of 3", || async { judge.text("dossier-viewer-page").await == "2 / 3" }).await;
    judge
        .until("page 2 drawn", || async {
            judge.el("dossier-viewer-canvas").await.attr("data-rendered").await.ok().flatten().as_deref() == Some("2")
        })
        .await;
    judge.screenshot("dossier-offline-judge-viewer").await;
    judge.client.find(Locator::Css("[data-testid=dossier-viewer] .icon-button")).await.unwrap().click().await.unwrap();
    judge.until("the viewer closed", || async { judge.count("dossier-viewer").await == 0 }).await;

    // A private note on the first criterion, saved when the judge goes to its score.
    let first = judge.el("score-input").await;
    let first_code = first.attr("data-criterion").await.unwrap().expect("a criterion code");
    judge
        .client
        .find(Locator::Css(&format!("[data-testid=note-toggle][data-criterion=\"{first_code}\"]")))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let note = judge.client.active_element().await.unwrap();
    assert_eq!(note.attr("data-testid").await.unwrap().as_deref(), Some("note-text"));
    note.send_keys("Tanya bidan soal data 2025").await.unwrap();
    judge
        .client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&first).unwrap()])
        .await
        .unwrap();
    first.click().await.unwrap();
    judge.el("note-saved").await;

    // Every criterion by keyboard: a value and Enter, the focus moving on by itself.
    let criteria = judge.count("score-input").await;
    for _ in 0..criteria {
        let el = judge.client.active_element().await.unwrap();
        assert_eq!(el.attr("data-testid").await.unwrap().as_deref(), Some("score-input"), "the focus stays on scores");
        el.send_keys(&format!("80{}", char::from(Key::Enter))).await.unwrap();
    }
    let item = "[data-testid=worklist-item][data-code=\"P-001\"]";
    judge
        .until("P-001 scored", || async {
            match judge.client.find(Locator::Css(item)).await {
                Ok(el) => el.attr("data-scored").await.ok().flatten() == Some(criteria.to_string()),
                Err(_) => false,
            }
        })
        .await;
    // Back on P-001: the note is still there beside the saved scores.
    click_css(&judge, item).await;
    judge.client.wait().for_element(Locator::Css("[data-testid=score-sheet][data-code=\"P-001\"]")).await.unwrap();
    judge.until("the note loaded", || async { judge.count("note-text").await == 1 }).await;
    assert_eq!(judge.el("note-text").await.prop("value").await.unwrap().as_deref(), Some("Tanya bidan soal data 2025"));
    judge.screenshot("dossier-offline-judge-scored").await;
    judge.click("export-package").await;
    judge.el("export-package-result").await;
    judge.until("the package written", || async { !files_ending(saves.path(), "jurinilai").is_empty() }).await;
    judge.close().await;
    let package = files_ending(saves.path(), "jurinilai").remove(0);

    // The organiser merges the package: J1's 80 in the recap.
    master.click("nav-merge").await;
    master.el("merge-input").await.send_keys(&package.display().to_string()).await.unwrap();
    let report = master.el("merge-report").await.text().await.unwrap();
    assert!(report.contains("J1"), "{report}");
    master.click("merge-apply").await;
    master.el("merge-result").await;
    master.click("nav-recap").await;
    let cell = master
        .client
        .wait()
        .for_element(Locator::Css("[data-testid=recap-row][data-code=\"P-001\"] td[data-stage=proposal] .stage-score"))
        .await
        .expect("P-001's desk-stage score in the recap");
    let score = cell.text().await.unwrap();
    assert!(score.starts_with("80"), "J1's 80 on every criterion: {score}");
    master
        .client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&cell).unwrap()])
        .await
        .unwrap();
    master.screenshot("dossier-offline-recap").await;

    // P-001's ringkasan changed after the kit: J1 needs a new kit.
    master.click("nav-proposals").await;
    let row = master.row("P-001").await;
    row.find(Locator::Css("[data-testid=dossier-edit]")).await.unwrap().click().await.unwrap();
    let text = master.el("dossier-text-ringkasan").await;
    text.send_keys(" Diperbarui.").await.unwrap();
    master.el("dossier-videos").await.click().await.unwrap();
    master.el("dossier-saved-ringkasan").await;
    master.click("dossier-edit-close").await;
    master.until("the editor closed", || async { master.count("dossier-editor").await == 0 }).await;
    master.click("nav-judges").await;
    master.until("J1 needs a new kit", || async { kit_state(&master, "J1").await.0 == "stale" }).await;
    assert_eq!(kit_state(&master, "J1").await.1, "Perlu kit baru");
    master.screenshot("dossier-offline-kit-stale").await;
    master.close().await;
}
