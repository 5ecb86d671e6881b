//! A tie at a winner's place in the real app: the decree annex waits for the plenary's decision;
//! the organiser orders the tied proposals, writes the reason, and the annex prints the decided
//! places (read back with pdftotext).

mod support;

use support::*;

/// The demo's scores with P-004's every value made P-001's: they tie at Juara II of Kesehatan.
fn tied_scores(dir: &std::path::Path) -> std::path::PathBuf {
    let csv = std::fs::read_to_string(e2e_fixture("demo-scores.csv")).unwrap();
    let p001: std::collections::HashMap<(String, String, String), String> = csv
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[1] == "P-001").then(|| ((f[0].into(), f[2].into(), f[3].into()), f[4].into()))
        })
        .collect();
    let out: Vec<String> = csv
        .lines()
        .enumerate()
        .map(|(i, l)| {
            let f: Vec<&str> = l.split(',').collect();
            if i > 0 && f[1] == "P-004" {
                let v = &p001[&(f[0].to_string(), f[2].to_string(), f[3].to_string())];
                format!("{},{},{},{},{v}", f[0], f[1], f[2], f[3])
            } else {
                l.to_string()
            }
        })
        .collect();
    let path = dir.join("nilai-seri.csv");
    std::fs::write(&path, out.join("\n") + "\n").unwrap();
    path
}

#[tokio::test]
async fn the_plenary_decides_a_tie_and_the_decree_prints_its_order() {
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path())]).await;
    app.click("open-demo-unscored").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;
    app.click("nav-recap").await;
    let scores = tied_scores(saves.path());
    app.el("scores-import-input").await.send_keys(scores.to_str().unwrap()).await.unwrap();
    app.el("scores-import-result").await;

    app.click("nav-documents").await;
    app.el("tie-decisions").await;
    app.el("tie-KS-2").await;
    // The annex is refused while the tie is open, and says which.
    press(&app, "doc-save-sk").await;
    let refusal = app.text("doc-error-sk").await;
    assert!(refusal.contains("Kesehatan 2: P-001, P-004"), "{refusal}");
    // Without a reason nothing is recorded.
    press(&app, "tie-record").await;
    app.until("the reason asked for", || async { app.text("tie-KS-2").await.contains("wajib diisi") }).await;
    // P-004 up, a reason, saved.
    let up = app.client.find(fantoccini::Locator::Css("[data-testid=tie-KS-2] li:nth-child(2) button")).await.unwrap();
    press_el(&app, &up, "P-004 up").await;
    app.type_into("tie-reason", "Manfaat bagi lebih banyak desa").await;
    app.screenshot("tie-decision").await;
    press(&app, "tie-record").await;
    app.el("tie-decided").await;

    press(&app, "doc-save-sk").await;
    app.el("doc-saved-sk").await;
    let text = pdf_text(&saves.path().join("lampiran-sk-pemenang-2026.pdf"));
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("urutan ditetapkan rapat pleno: Manfaat bagi lebih banyak desa"), "{words}");
    assert!(words.find("RUMAH GIZI DESA").unwrap() < words.find("SIGAP BUMIL").unwrap(), "P-004 first: {words}");
    app.close().await;
}
