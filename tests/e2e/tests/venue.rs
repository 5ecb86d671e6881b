//! Live venue sync in the real app (issue 19): the organiser switches the hub on and shows the
//! presentations on the projector; a judge's laptop (a second Juri, opened from its kit) turns on
//! "Kirim otomatis ke panitia" and scores a presentation; the sheet reads "terkirim" once the hub
//! acknowledged it, the projector's count for the judge moves (no score on it), and the organiser's
//! recap shows the score within seconds, without any file carried. Once the stage is locked, the
//! chair can show the stage's results on the projector.

mod support;

use fantoccini::Locator;
use fantoccini::key::Key;
use support::*;

#[tokio::test]
async fn a_judges_score_reaches_the_organisers_recap_over_the_venue_network() {
    let saves = tempfile::tempdir().unwrap();
    let env = [("JURI_SAVE_DIR", saves.path())];

    // The organiser: the demo (desk stage scored, the presentations next), J1's kit, and the hub
    // on a loopback port.
    let master = App::start_with_env(&env).await;
    master.click("open-demo").await;
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

    // The projector at the presentations: J1 has scored none of them yet.
    master.click("nav-scoring").await;
    select(&master, "scoring-stage", "presentasi").await;
    press(&master, "projector-open").await;
    master.el("projector-view").await;
    let j1_on_projector = "[data-testid=projector-judge][data-judge=\"J1\"]";
    let projector_j1 = || async {
        match master.client.find(Locator::Css(j1_on_projector)).await {
            Ok(el) => el.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        }
    };
    master.until("J1's count on the projector", || async { projector_j1().await.contains("0/") }).await;
    let before = projector_j1().await;

    // The judge's laptop, a second Juri opened from the kit, sends automatically.
    let camera = tempfile::tempdir().unwrap();
    let judge_env = [env[0], ("JURI_MOCK_CAMERA", camera.path())];
    let judge = App::start_with(&judge_env, &[&kit]).await;
    judge.el("judge-mode-badge").await;
    // The address scanned from the hub's QR code. The camera opens (WebKit's test pattern stands
    // in for a webcam) and looks; the code is then read from a photo of the organiser's screen,
    // after a picture without the code is refused with the reason.
    judge.click("venue-push-scan").await;
    judge.el("qr-scan").await;
    judge.el("qr-scan-looking").await;
    judge.screenshot("55-venue-scan-camera").await;
    // Hostile pictures first: not an image, and a 875 KB PNG that claims 30,000 × 30,000 pixels;
    // each is refused with the reason and the scan goes on.
    let not_image = saves.path().join("foto.png");
    std::fs::write(&not_image, b"PK\x03\x04 bukan gambar").unwrap();
    let bomb = saves.path().join("bom.png");
    std::fs::write(&bomb, png_bomb(30_000)).unwrap();
    for hostile in [&not_image, &bomb] {
        judge.el("qr-scan-photo").await.send_keys(hostile.to_str().unwrap()).await.unwrap();
        judge.text_when("qr-scan-error", |t| t.contains("bukan gambar yang dapat dibuka")).await;
        judge.client.execute("document.querySelector('[data-testid=qr-scan-error]').remove()", vec![]).await.unwrap();
    }
    let no_code = workspace().join("test-output/e2e/55-venue-scan-camera.png");
    judge.el("qr-scan-photo").await.send_keys(no_code.to_str().unwrap()).await.unwrap();
    judge.text_when("qr-scan-error", |t| t.contains("Tidak ada kode QR")).await;
    let photo = workspace().join("test-output/e2e/50-venue-hub.png");
    judge.el("qr-scan-photo").await.send_keys(photo.to_str().unwrap()).await.unwrap();
    let scanned = judge.text("venue-push-address").await;
    assert_eq!(scanned.trim(), address.trim(), "the address read from the QR code in the photo");
    assert_eq!(judge.count("qr-scan").await, 0, "the scan closes once the address is read");
    select(&judge, "scoring-stage", "presentasi").await;
    let sheet = judge
        .client
        .wait()
        .for_element(Locator::Css("[data-testid=score-sheet][data-stage=presentasi]"))
        .await
        .expect("a presentation's sheet on J1's laptop");
    let code = sheet.attr("data-code").await.unwrap().expect("the open sheet names its proposal");
    let criteria = judge.count("score-input").await;
    press(&judge, "score-input").await;
    for _ in 0..criteria {
        let el = judge.client.active_element().await.unwrap();
        el.send_keys(&format!("8{}", char::from(Key::Enter))).await.unwrap();
    }
    // "terkirim" only once the hub has acknowledged the sheet.
    let sent = format!("[data-testid=worklist-item][data-code=\"{code}\"] [data-testid=worklist-sent]");
    judge
        .until("the sheet acknowledged by the hub", || async { judge.client.find(Locator::Css(&sent)).await.is_ok() })
        .await;
    judge.text_when("venue-push-state", |t| t.contains("Semua nilai terkirim")).await;
    judge.screenshot("51-venue-judge-sent").await;

    // The organiser sees it: J1's count moves on the projector (a count, never the score), the
    // judge in the hub's list, and the score in the recap, live.
    let total = before.split('/').nth(1).map(|t| t.trim_end_matches(['✓', ' ']).to_string()).unwrap_or_default();
    master
        .until("J1's count moved on the projector", || async { projector_j1().await.contains(&format!("1/{total}")) })
        .await;
    let shown = master.el("projector-view").await.text().await.unwrap();
    assert!(!shown.contains("80"), "no score on the projector while the stage is open: {shown}");
    assert_eq!(master.count("projector-result").await, 0);
    assert_eq!(master.count("projector-results-toggle").await, 0, "no results to show before the stage is closed");
    master.screenshot("53-venue-projector-progress").await;
    master.click("projector-close").await;

    master.click("nav-merge").await;
    master.until("J1 in the hub's list", || async { master.count("venue-peer").await == 1 }).await;
    master.click("nav-recap").await;
    let cell = format!("[data-testid=recap-row][data-code=\"{code}\"] td[data-stage=presentasi] .stage-score");
    master
        .until("J1's score in the recap", || async {
            match master.client.find(Locator::Css(&cell)).await {
                Ok(el) => el.text().await.unwrap_or_default().starts_with("80"),
                Err(_) => false,
            }
        })
        .await;
    master.screenshot("52-venue-recap-live").await;

    // The chair closes the stage: the projector now offers the stage's results, J1's 80 among them.
    master.click("nav-scoring").await;
    select(&master, "scoring-stage", "presentasi").await;
    press(&master, "stage-lock").await;
    master.el("stage-locked-banner").await;
    press(&master, "projector-open").await;
    master.el("projector-closed").await;
    master.click("projector-results-toggle").await;
    let result = format!("[data-testid=projector-result][data-proposal=\"{code}\"]");
    let line = master.client.wait().for_element(Locator::Css(&result)).await.expect("the scored proposal on the board");
    let line = line.text().await.unwrap();
    assert!(line.contains("80,00"), "the stage's score with a decimal comma: {line}");
    master.screenshot("54-venue-projector-results").await;
    master.click("projector-close").await;

    // The hub switched off: the judge keeps scoring; what waits is said, nothing is lost.
    master.click("nav-merge").await;
    master.click("venue-hub-toggle").await;
    master.until("the hub off", || async { master.count("venue-hub-running").await == 0 }).await;
    judge.close().await;
    master.close().await;
}

/// A greyscale PNG of `side` × `side` black pixels: a few hundred KB that would decode to
/// side² bytes (900 MB at 30,000).
fn png_bomb(side: u32) -> Vec<u8> {
    use std::io::Write;
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let row = vec![0u8; side as usize + 1];
    for _ in 0..side {
        z.write_all(&row).unwrap();
    }
    let idat = z.finish().unwrap();
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc = crc32fast::Hasher::new();
        crc.update(kind);
        crc.update(data);
        c.extend_from_slice(&crc.finalize().to_be_bytes());
        c
    };
    let mut ihdr = side.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&side.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    png.extend(chunk(b"IDAT", &idat));
    png.extend(chunk(b"IEND", &[]));
    png
}
