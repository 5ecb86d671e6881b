//! Live venue sync in the real app (issue 19): the organiser switches the hub on, a judge's laptop
//! (a second Juri, opened from its kit) turns on "Kirim otomatis ke panitia" and scores; the sheet
//! reads "terkirim" once the hub acknowledged it and the organiser's recap shows the score within
//! seconds, without any file carried.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

#[tokio::test]
async fn a_judges_score_reaches_the_organisers_recap_over_the_venue_network() {
    let saves = tempfile::tempdir().unwrap();
    let env = [("JURI_SAVE_DIR", saves.path())];

    // The organiser: the practice demo, J1's kit, and the hub on a loopback port.
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
    let kit = saves.path().join("J1.jurikit");
    master.until("the kit written", || async { kit.exists() }).await;
    master.click("nav-merge").await;
    let listen = master.el("venue-listen").await;
    listen.clear().await.unwrap();
    listen.send_keys("127.0.0.1:0").await.unwrap();
    master.click("venue-hub-toggle").await;
    let address = master.text_when("venue-hub-address", |t| t.starts_with("127.0.0.1:")).await;
    assert_ne!(address.trim(), "127.0.0.1:0", "the port the system gave is shown");
    master.screenshot("50-venue-hub").await;

    // The judge's laptop, a second Juri opened from the kit, sends automatically.
    let judge = App::start_with(&env, &[&kit]).await;
    judge.el("judge-mode-badge").await;
    judge.type_into("venue-push-input", address.trim()).await;
    judge.click("venue-push-on").await;
    judge.el("venue-push-address").await;
    let sheet = judge.el("score-sheet").await;
    let code = sheet.attr("data-code").await.unwrap().expect("the open sheet names its proposal");
    let criteria = judge.count("score-input").await;
    press(&judge, "score-input").await;
    for _ in 0..criteria {
        let el = judge.client.active_element().await.unwrap();
        el.send_keys(&format!("80{}", char::from(Key::Enter))).await.unwrap();
    }
    // "terkirim" only once the hub has acknowledged the sheet.
    let sent = format!("[data-testid=worklist-item][data-code=\"{code}\"] [data-testid=worklist-sent]");
    judge
        .until("the sheet acknowledged by the hub", || async { judge.client.find(Locator::Css(&sent)).await.is_ok() })
        .await;
    judge.text_when("venue-push-state", |t| t.contains("Semua nilai terkirim")).await;
    judge.screenshot("51-venue-judge-sent").await;

    // The organiser sees it: the judge in the hub's list, and the score in the recap, live.
    master.until("J1 in the hub's list", || async { master.count("venue-peer").await == 1 }).await;
    master.click("nav-recap").await;
    let cell = format!("[data-testid=recap-row][data-code=\"{code}\"] td[data-stage=proposal] .stage-score");
    master
        .until("J1's score in the recap", || async {
            match master.client.find(Locator::Css(&cell)).await {
                Ok(el) => el.text().await.unwrap_or_default().starts_with("80"),
                Err(_) => false,
            }
        })
        .await;
    master.screenshot("52-venue-recap-live").await;

    // The hub switched off: the judge keeps scoring; what waits is said, nothing is lost.
    master.click("nav-merge").await;
    master.click("venue-hub-toggle").await;
    master.until("the hub off", || async { master.count("venue-hub-running").await == 0 }).await;
    judge.close().await;
    master.close().await;
}
