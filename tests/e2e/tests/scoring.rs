//! A judge scores two proposals with the keyboard only, a wrong value is refused, the organiser
//! locks the stage and the recap shows the expected ranks — in the real app.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

/// Types `text` into the focused element and presses Enter, as a judge would.
async fn type_enter(app: &App, text: &str) {
    let el = app.client.active_element().await.unwrap();
    el.send_keys(&format!("{text}{}", char::from(Key::Enter))).await.unwrap();
}

/// Types into a field, finding it again if the sheet was drawn anew meanwhile.
async fn type_fresh(app: &App, testid: &str, text: &str) {
    for _ in 0..5 {
        let e = app.el(testid).await;
        if e.clear().await.is_ok() && e.send_keys(text).await.is_ok() {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    panic!("could not type into {testid}");
}

/// How many criteria of a proposal the worklist shows as saved.
async fn scored(app: &App, code: &str) -> Option<String> {
    let css = format!("[data-testid=worklist-item][data-code=\"{code}\"]");
    let item = app.client.find(Locator::Css(&css)).await.ok()?;
    item.attr("data-scored").await.ok().flatten()
}

#[tokio::test]
async fn judge_scores_by_keyboard_organiser_locks_recap_ranks() {
    let app = App::start().await;
    select(&app, "new-competition-template", "kipp-proposal").await;
    app.type_into("new-competition-name", "KIPP Kota Uji 2026").await;
    app.type_into("new-competition-year", "2026").await;
    app.click("new-competition-submit").await;

    app.click("nav-proposals").await;
    app.el("import-file-input").await.send_keys(&fixture("proposals/good_english_headers.csv")).await.unwrap();
    app.click("import-commit").await;
    app.until("two proposals", || async { app.count("proposal-row").await == 2 }).await;

    app.click("nav-judges").await;
    app.el("judges-import-input").await.send_keys(&fixture("judges/sukamaju.csv")).await.unwrap();
    app.until("five judges", || async { app.count("judge-row").await == 5 }).await;
    // A refused file lists its rows from the core's row errors (row, column, problem).
    let bad = tempfile::tempdir().unwrap();
    let bad_file = bad.path().join("juri-salah.csv");
    std::fs::write(&bad_file, "kode,nama\nJ9,\nJ10,Dr. Sepuluh\nJ10,Dr. Sepuluh Lagi\n").unwrap();
    app.el("judges-import-input").await.send_keys(&bad_file.display().to_string()).await.unwrap();
    let rows = app.client.wait().for_element(Locator::Css("[data-testid=judges-import-error] li")).await.unwrap();
    let first = rows.text().await.unwrap();
    assert!(first.contains("baris 2") && first.contains("nama"), "row 2's missing name is listed: {first}");
    let listed = app.client.find_all(Locator::Css("[data-testid=judges-import-error] li")).await.unwrap().len();
    assert_eq!(listed, 2, "one item per row error (row 2's name, row 4's duplicate code)");
    assert_eq!(app.count("judge-row").await, 5, "nothing imported");
    assert!(app.text("judges-import-error").await.contains("juri-salah.csv"), "the refusal names the file");
    app.screenshot("14-judges-import-refused").await;

    app.click("nav-scoring").await;
    select(&app, "scoring-stage", "proposal").await;
    select(&app, "scoring-judge", "J1").await;
    let first =
        app.client.wait().for_element(Locator::Css("[data-testid=worklist-item][data-code=\"P-011\"]")).await.unwrap();
    first.click().await.unwrap();

    // An optional comment first: saved when the judge leaves the field, "tersimpan" once committed.
    // (The click above may open the sheet a second time: type into the field once it stays put.)
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    type_fresh(&app, "sheet-comment", "Data dukung lengkap; perlu angka pembanding.").await;
    press(&app, "score-input").await;
    app.until("the comment saved", || async { app.count("comment-saved").await == 1 }).await;
    assert_eq!(app.text("comment-saved").await, "tersimpan");

    // P-011: seven criteria, 80 each, typed and confirmed with Enter.
    press(&app, "score-input").await;
    for _ in 0..7 {
        type_enter(&app, "80").await;
    }
    app.until("P-011 fully saved", || async { scored(&app, "P-011").await.as_deref() == Some("7") }).await;
    app.screenshot("10-scoring-saved").await;

    // Enter after the last criterion moved on to P-013. A value out of range is refused.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    type_enter(&app, "150").await;
    app.el("score-error").await;
    let err = app.text("score-error").await;
    assert!(err.contains("0") && err.contains("100"), "the reason names the range: {err}");
    app.screenshot("11-scoring-refused").await;
    // Select the refused text with the keyboard and type the right value over it.
    let active = app.client.active_element().await.unwrap();
    active.send_keys(&format!("{}a{}", char::from(Key::Control), char::from(Key::Null))).await.unwrap();
    type_enter(&app, "90,5").await;
    for _ in 0..6 {
        type_enter(&app, "90").await;
    }
    app.until("P-013 fully saved", || async { scored(&app, "P-013").await.as_deref() == Some("7") }).await;
    assert_eq!(app.count("score-error").await, 0, "no refusal left");

    app.click("stage-lock").await;
    app.el("stage-locked-banner").await;

    // P-011 reopened after the lock (once the open sheet shows the lock): the comment came back
    // from the database, now read-only.
    app.until("the open sheet locked", || async { !app.el("score-input").await.is_enabled().await.unwrap() }).await;
    app.client
        .find(Locator::Css("[data-testid=worklist-item][data-code=\"P-011\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.client.wait().for_element(Locator::Css("[data-testid=score-sheet][data-code=\"P-011\"]")).await.unwrap();
    let comment = app.el("sheet-comment").await;
    assert_eq!(comment.prop("value").await.unwrap().as_deref(), Some("Data dukung lengkap; perlu angka pembanding."));
    assert!(!comment.is_enabled().await.unwrap(), "no comment changes on a locked stage");
    app.screenshot("13-scoring-comment-locked").await;

    app.click("nav-recap").await;
    let rank = |code: &'static str| {
        let app = &app;
        async move {
            let row = app
                .client
                .wait()
                .for_element(Locator::Css(&format!("[data-testid=recap-row][data-code=\"{code}\"]")))
                .await
                .unwrap();
            row.find(Locator::Css("[data-testid=recap-rank]")).await.unwrap().text().await.unwrap()
        }
    };
    // P-013: (90,5·10 + 90·90)/100 = 90,05 (latar belakang weighs 10 of 100); P-011: 80 → ranks 1 and 2.
    assert!(rank("P-013").await.starts_with('1'), "P-013 first");
    assert!(rank("P-011").await.starts_with('2'), "P-011 second");
    app.screenshot("12-recap").await;
    app.close().await;
}
