//! Offline judging in the real app: the organiser exports a judge's kit, the judge's laptop (a
//! second app with its own data) opens it, scores and exports a signed package, and the organiser
//! merges the package and sees the scores in the recap. `JURI_SAVE_DIR` stands in for the native
//! save dialogs, which WebDriver cannot drive.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

fn files_ending(dir: &std::path::Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort();
    v
}

#[tokio::test]
async fn kit_to_judge_laptop_package_back_merged_into_the_recap() {
    let saves = tempfile::tempdir().unwrap();
    let env = [("JURI_SAVE_DIR", saves.path())];

    // The organiser's laptop: the demo competition, the kit of J1.
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
    master.el("kit-export-result").await;
    let kit = saves.path().join("J1.jurikit");
    master.until("the kit written", || async { kit.exists() }).await;
    // J2's kit too: a judge's laptop must refuse it.
    let row2 = master
        .client
        .wait()
        .for_element(Locator::Css("[data-testid=judge-row][data-code=\"J2\"]"))
        .await
        .expect("J2 in the demo jury");
    row2.find(Locator::Css("[data-testid=kit-export]")).await.unwrap().click().await.unwrap();
    let kit2 = saves.path().join("J2.jurikit");
    master.until("J2's kit written", || async { kit2.exists() }).await;

    // The judge's laptop: an empty app opens the kit and becomes J1's laptop.
    // The kit dialog's answer is read from this file at each pick (WebDriver cannot drive the dialog).
    let pick = saves.path().join("next.pick");
    std::fs::write(&pick, kit.display().to_string()).unwrap();
    let judge = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK_FROM", &pick)]).await;
    judge.click("kit-pick").await;
    judge.el("judge-mode-badge").await;
    let badge = judge.el("judge-mode-badge").await.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(badge.contains("J1"), "the header says whose laptop it is: {badge}");
    judge.screenshot("40-judge-laptop-opened").await;
    assert_eq!(judge.count("nav-judges").await, 0, "the organiser's tabs are hidden");
    let sheet = judge.el("score-sheet").await;
    let code = sheet.attr("data-code").await.unwrap().expect("the open sheet names its proposal");
    let criteria = judge.count("score-input").await;
    assert!(criteria > 0);
    press(&judge, "score-input").await;
    for _ in 0..criteria {
        let el = judge.client.active_element().await.unwrap();
        el.send_keys(&format!("75{}", char::from(Key::Enter))).await.unwrap();
    }
    let item = format!("[data-testid=worklist-item][data-code=\"{code}\"]");
    judge
        .until("the sheet saved", || async {
            let el = judge.client.find(Locator::Css(&item)).await.ok();
            match el {
                Some(el) => el.attr("data-scored").await.ok().flatten() == Some(criteria.to_string()),
                None => false,
            }
        })
        .await;
    judge.screenshot("41-judge-laptop-scored").await;
    judge.click("export-package").await;
    judge.el("export-package-result").await;
    judge.until("the package written", || async { !files_ending(saves.path(), "jurinilai").is_empty() }).await;

    // Another judge's kit on this laptop is refused with both judges named; nothing changes.
    judge.click("nav-home").await;
    std::fs::write(&pick, kit2.display().to_string()).unwrap();
    judge.click("kit-pick").await;
    let refusal = judge.text("kit-error").await;
    assert!(refusal.contains("J2") && refusal.contains("J1"), "{refusal}");
    let badge = judge.el("judge-mode-badge").await.prop("textContent").await.unwrap().unwrap_or_default();
    assert!(badge.contains("J1"), "still J1's laptop: {badge}");
    judge.screenshot("45-judge-laptop-other-kit-refused").await;

    // The kit was made before any desk score: it names no venue finalists yet, and the laptop says
    // to ask for the updated kit instead of ranking its own scores.
    judge.click("nav-scoring").await;
    select(&judge, "scoring-stage", "presentasi").await;
    judge.until("the venue list explained", || async { judge.text("worklist-empty").await.contains("kit") }).await;
    judge.screenshot("46-judge-laptop-venue-awaits-kit").await;
    judge.close().await;
    let package = files_ending(saves.path(), "jurinilai").remove(0);
    assert!(package.file_name().unwrap().to_string_lossy().starts_with("J1-"), "{}", package.display());

    // Back on the organiser's laptop: preview, apply, and the scores are in the recap.
    master.click("nav-merge").await;
    master.el("merge-input").await.send_keys(&package.display().to_string()).await.unwrap();
    let report = master.el("merge-report").await;
    let text = report.text().await.unwrap();
    assert!(text.contains("J1") && text.contains(&criteria.to_string()), "the preview counts the events: {text}");
    master.screenshot("42-merge-preview").await;
    master.click("merge-apply").await;
    master.el("merge-result").await;
    master.screenshot("43-merge-applied").await;

    master.click("nav-recap").await;
    let cell = master
        .client
        .wait()
        .for_element(Locator::Css(&format!(
            "[data-testid=recap-row][data-code=\"{code}\"] td[data-stage=proposal] .stage-score"
        )))
        .await
        .expect("the proposal's desk-stage score in the recap");
    let score = cell.text().await.unwrap();
    assert!(score.starts_with("75"), "J1's 75 on every criterion gives 75: {score}");
    master.screenshot("44-recap-after-merge").await;

    // The same package again changes nothing: every event is already in. Given twice at once (a
    // copy under another name), the copy is shown as counted once.
    let copy = saves.path().join("salinan.jurinilai");
    std::fs::copy(&package, &copy).unwrap();
    master.click("nav-merge").await;
    let both = format!("{}\n{}", package.display(), copy.display());
    master.el("merge-input").await.send_keys(&both).await.unwrap();
    master.el("merge-nothing").await;
    let duplicate = master.text("merge-duplicate").await;
    assert!(duplicate.contains("dihitung sekali"), "the copy is counted once: {duplicate}");
    master.screenshot("47-merge-same-package-twice").await;
    master.close().await;
}
