//! Benchmark, not a test (BENCHMARKS.md, issue 14): how long a judge waits from "Buka" on a
//! 30-page evidence PDF to its first page drawn in the app's viewer. Run by hand:
//! `cargo test -p juri-e2e --test bench_viewer -- --ignored --nocapture` (under Xvfb). Prints the
//! times; asserts nothing about them.

mod support;

use std::time::{Duration, Instant};

use fantoccini::Locator;
use support::*;

/// A 30-page PDF made by Juri itself (embedded, subset fonts; tables on every page): the first
/// 30 pages of the demo's blank score sheets, when poppler's pdfseparate/pdfunite are there.
fn thirty_pages(dir: &std::path::Path) -> Vec<u8> {
    let juri = workspace().join("target/debug/juri");
    let db = dir.join("bench.sqlite3");
    let all = dir.join("lembar.pdf");
    let run = |cmd: &mut std::process::Command| cmd.status().map(|s| s.success()).unwrap_or(false);
    let made = run(std::process::Command::new(&juri).arg("--db").arg(&db).arg("demo"))
        && run(std::process::Command::new(&juri).arg("--db").arg(&db).args(["pdf", "score-sheets", "--out"]).arg(&all))
        && run(std::process::Command::new("pdfseparate")
            .args(["-f", "1", "-l", "30"])
            .arg(&all)
            .arg(dir.join("p-%d.pdf")));
    let parts: Vec<_> = (1..=30).map(|i| dir.join(format!("p-{i}.pdf"))).collect();
    let out = dir.join("30.pdf");
    if made && run(std::process::Command::new("pdfunite").args(&parts).arg(&out)) {
        std::fs::read(out).unwrap()
    } else {
        pdf(30)
    }
}

#[tokio::test]
#[ignore = "a benchmark: run by hand with --ignored"]
async fn first_page_of_a_thirty_page_evidence_pdf() {
    let work = tempfile::tempdir().unwrap();
    let folder = work.path().join("isian");
    std::fs::create_dir_all(folder.join("P-001")).unwrap();
    let bytes = thirty_pages(work.path());
    std::fs::write(folder.join("P-001/laporan-30-halaman.pdf"), &bytes).unwrap();
    // A light PDF of 30 text-only pages, to tell the viewer's own cost from pdf.js's work.
    std::fs::write(folder.join("P-001/ringan-30-halaman.pdf"), pdf(30)).unwrap();
    std::fs::write(folder.join("isian.csv"), "kode;ringkasan\nP-001;Ringkasan singkat.\n").unwrap();
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path()), ("JURI_TEST_PICK", &folder)]).await;
    app.click("open-demo-unscored").await;
    app.until("the demo", || async { app.count("proposal-row").await == 20 }).await;
    app.click("dossier-import-open").await;
    app.click("dossier-import-folder").await;
    app.click("dossier-import-confirm").await;
    app.el("dossier-import-done").await;
    app.click("nav-scoring").await;
    select(&app, "scoring-stage", "proposal").await;
    select(&app, "scoring-judge", "J1").await;
    let item = Locator::Css("[data-testid=worklist-item][data-code=\"P-001\"]");
    app.client.wait().for_element(item).await.unwrap().click().await.unwrap();
    app.el("dossier-reader").await;
    // The judge reads a moment before opening a file (the app loads pdf.js and opens the first PDF
    // meanwhile): 3 s, or JURI_BENCH_READ_SECS.
    let read = std::env::var("JURI_BENCH_READ_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    tokio::time::sleep(Duration::from_secs(read)).await;

    for name in ["laporan-30-halaman.pdf", "ringan-30-halaman.pdf"] {
        let open_css = format!("[data-testid=\"dossier-file-{name}\"] [data-testid=dossier-open]");
        let mut times = Vec::new();
        for _ in 0..5 {
            let open = app.client.find(Locator::Css(&open_css)).await.unwrap();
            app.client
                .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(&open).unwrap()])
                .await
                .unwrap();
            let start = Instant::now();
            open.click().await.unwrap();
            loop {
                let drawn = app
                    .client
                    .execute(
                        "const c = document.querySelector('[data-testid=dossier-viewer-canvas]'); return c ? c.dataset.rendered : null;",
                        vec![],
                    )
                    .await
                    .unwrap();
                if drawn.as_str() == Some("1") {
                    break;
                }
                assert!(start.elapsed() < Duration::from_secs(30), "the first page was never drawn");
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            let inside = app
                .client
                .execute(
                    "return document.querySelector('[data-testid=dossier-viewer-canvas]').dataset.firstMs;",
                    vec![],
                )
                .await
                .unwrap();
            times.push(format!("{} ({} in the app)", start.elapsed().as_millis(), inside.as_str().unwrap_or("?")));
            app.client
                .find(Locator::Css("[data-testid=dossier-viewer] .icon-button"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            app.until("closed", || async { app.count("dossier-viewer").await == 0 }).await;
        }
        let size = std::fs::metadata(folder.join("P-001").join(name)).unwrap().len();
        println!("{name} ({size} bytes), click to first page drawn, ms: {times:?}");
    }
    app.close().await;
}
