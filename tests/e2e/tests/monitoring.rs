//! The Monitoring tab in the real app: the demo's dashboard (Chart.js charts drawn under the app's
//! CSP), the missing TW III report of PATEN KELILING typed in with an evidence file (one over
//! 10 MB refused first), the dashboard changing, the report in the registry, and the quarterly
//! monitoring report saved as PDF and read back with pdftotext.

mod support;

use support::*;

/// How many chart canvases have something drawn on them (any pixel that is not transparent).
async fn drawn_charts(app: &App) -> u64 {
    let js = "return Array.from(document.querySelectorAll('[data-testid=mon-chart] canvas')).filter((c) => {
        if (!c.width || !c.height) return false;
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) return true;
        return false;
    }).length;";
    app.client.execute(js, vec![]).await.unwrap().as_u64().unwrap()
}

#[tokio::test]
async fn a_missing_quarterly_report_is_recorded_and_the_dashboard_changes() {
    let saves = tempfile::tempdir().unwrap();
    let app = App::start_with_env(&[("JURI_SAVE_DIR", saves.path())]).await;
    app.click("open-demo").await;
    app.until("the demo's proposals", || async { app.count("proposal-row").await == 20 }).await;

    app.click("nav-monitoring").await;
    app.el("mon-status-counts").await;
    // The demo's year and TW III, whatever today is (the due day of TW III 2026 has passed).
    app.type_into("mon-year", "2026").await;
    select(&app, "mon-quarter", "3").await;
    app.until("TW III statuses", || async { app.count("mon-status-row-INV-003").await == 1 }).await;
    // (the quarter's statuses come after the select returned: every reading waits for them)
    app.text_is("mon-count-report_missing", "1").await; // PATEN KELILING has not reported
    app.text_is("mon-count-behind", "1").await; // SEDEKAH JELANTAH collected 760 of 1.000 litres
    app.text_is("mon-count-on_track", "2").await;
    app.text_is("mon-status-INV-003", "Laporan belum masuk").await;
    app.text_is("mon-status-INV-002", "Di bawah target").await;
    app.text_when("mon-overdue", |t| t.contains("PATEN KELILING") && t.contains("TW III 2026")).await;
    app.text_when("mon-units-without", |t| t.contains("Dinas Kesehatan (U01)") && !t.contains("RSUD Sukamaju")).await;
    assert_eq!(app.count("mon-chart").await, 6, "one chart per indicator");
    app.until("Chart.js drew every chart", || async { drawn_charts(&app).await == 6 }).await;
    app.screenshot("monitoring-1-dashboard").await;
    press(&app, "mon-charts-anchor").await;
    app.screenshot("monitoring-2-charts").await;

    // The report of TW III, typed from the row; an evidence file over 10 MB is refused on the spot.
    press(&app, "mon-report-INV-003").await;
    app.el("mon-report-dialog").await;
    let big = saves.path().join("foto-besar.jpg");
    std::fs::write(&big, vec![0u8; 10 * 1024 * 1024 + 1]).unwrap();
    app.el("rep-evidence").await.send_keys(big.to_str().unwrap()).await.unwrap();
    assert!(app.text("rep-evidence-error").await.contains("10 MB"), "size limit named");
    let evidence = workspace().join("icons/32x32.png");
    // (WebDriver adds to the files already picked: the big one stays refused, the small one is kept)
    app.el("rep-evidence").await.send_keys(evidence.to_str().unwrap()).await.unwrap();
    app.type_into("rep-value-0", "10").await;
    app.type_into("rep-narrative", "Layanan hadir di sepuluh desa pada hari pasaran.").await;
    app.screenshot("monitoring-3-report-form").await;
    app.click("rep-save").await;
    app.until("the dialog closed", || async { app.count("mon-report-dialog").await == 0 }).await;

    app.until("the dashboard counts the report", || async { app.text("mon-count-report_missing").await == "0" }).await;
    app.text_is("mon-count-on_track", "3").await; // 10 desa of a target of 10 is on track
    app.text_is("mon-status-INV-003", "Sesuai target").await;
    app.el("mon-overdue-none").await;
    app.screenshot("monitoring-4-dashboard-after").await;

    // The quarterly monitoring report as PDF (JURI_SAVE_DIR stands in for the save dialog).
    press(&app, "mon-print").await;
    app.el("mon-printed").await;
    let pdf = saves.path().join("laporan-monev-tw3-2026.pdf");
    assert!(pdf.exists(), "written where the dialog would put it");
    let t = pdf_text(&pdf);
    assert!(t.contains("LAPORAN MONITORING DAN EVALUASI INOVASI DAERAH TRIWULAN III TAHUN 2026"), "{t}");
    assert!(t.contains("Laporan belum masuk 0"), "the new report counts: {t}");
    assert!(t.contains("Tidak ada laporan yang terlambat."), "{t}");

    // The same report for one unit only: the unit is in the file name and the title page.
    select(&app, "mon-print-unit", "U07").await;
    press(&app, "mon-print").await;
    app.until("the unit's report saved", || async {
        app.text("mon-printed").await.contains("laporan-monev-tw3-2026-u07.pdf")
    })
    .await;
    assert!(saves.path().join("laporan-monev-tw3-2026-u07.pdf").exists());

    // Every monitoring table as one workbook; its first sheet (the units) reads back.
    press(&app, "mon-workbook").await;
    app.until("the workbook saved", || async { app.text("mon-printed").await.contains("data-monitoring-") }).await;
    let book = std::fs::read_dir(saves.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("an .xlsx in the save folder");
    let bytes = std::fs::read(&book).unwrap();
    assert!(bytes.starts_with(b"PK") && bytes.len() > 5_000, "{}: {} bytes", book.display(), bytes.len());

    // The registry shows the report with its evidence.
    app.click("mon-view-registry").await;
    press(&app, "reg-open-INV-003").await;
    let reports = app.text_when("reg-reports", |t| t.contains("TW III 2026") && t.contains("32x32.png")).await;
    assert!(!reports.contains("foto-besar.jpg"), "the file over 10 MB was not stored: {reports}");
    app.screenshot("monitoring-5-registry").await;

    // The evidence file saved back out (JURI_SAVE_DIR stands in for the save dialog): same bytes.
    press(&app, "reg-evidence-save-32x32.png").await;
    app.el("reg-evidence-saved").await;
    let back = std::fs::read(saves.path().join("32x32.png")).expect("evidence written under its own name");
    assert_eq!(back, std::fs::read(&evidence).unwrap(), "the bytes stored are the bytes picked");

    // An indicator with a target per quarter (decimal comma), added from the detail panel.
    press(&app, "reg-add-indicator").await;
    app.el("mon-indicator-dialog").await;
    select(&app, "ind-kind", "kemanfaatan").await;
    app.type_into("ind-name", "Warga terlayani di desa").await;
    app.type_into("ind-measure", "orang").await;
    app.type_into("ind-kk", "IKU 3.2").await;
    select(&app, "ind-year", "2026").await;
    app.type_into("ind-target-0", "40").await;
    app.type_into("ind-target-1", "x").await;
    app.type_into("ind-target-2", "62,5").await;
    app.type_into("ind-target-3", "80").await;
    app.click("ind-save").await;
    assert!(app.text("ind-error").await.contains("TW II 2026"), "a target that is not a number is named");
    app.type_into("ind-target-1", "50").await;
    app.screenshot("monitoring-6-indicator-form").await;
    app.click("ind-save").await;
    app.until("the indicator dialog closed", || async { app.count("mon-indicator-dialog").await == 0 }).await;
    // (the list is read again after the dialog closed: wait for the new indicator)
    let indicators = app.text_when("reg-indicators", |t| t.contains("Warga terlayani di desa")).await;
    assert!(indicators.contains("Kemanfaatan (outcome) · IKU 3.2"), "{indicators}");
    assert!(indicators.contains("TW I 2026: 40 · TW II 2026: 50 · TW III 2026: 62,5 · TW IV 2026: 80"), "{indicators}");
    press(&app, "reg-indicators").await;
    app.screenshot("monitoring-7-indicators").await;

    // The evidence file removed after a confirmation.
    press(&app, "reg-evidence-remove-32x32.png").await;
    app.click("reg-evidence-remove-confirm").await;
    app.until("the evidence gone", || async { app.count("reg-evidence-32x32.png").await == 0 }).await;

    // IKM: one questionnaire typed from paper (U8 refused when out of 1–4), the index and its band.
    app.click("mon-view-ikm").await;
    app.type_into("ikm-unit", "Dinas Kesehatan").await;
    app.type_into("ikm-period", "2026-S1").await;
    for (i, a) in ["4", "3", "3", "4", "3", "3", "4", "5", "3"].iter().enumerate() {
        app.type_into(&format!("ikm-u{}", i + 1), a).await;
    }
    app.click("ikm-record").await;
    assert!(app.text("ikm-entry-error").await.contains("U8"), "an answer of 5 is refused on the spot");
    app.type_into("ikm-u8", "3").await;
    app.click("ikm-record").await;
    app.el("ikm-result").await;
    // NRR 4,3,3,4,3,3,4,3,3 → IKM 3,3333 → 83,33 → B (Baik)
    assert_eq!(app.text("ikm-band").await, "B · Baik");
    app.text_when("ikm-surveys", |t| t.contains("Dinas Kesehatan · 2026-S1")).await;
    app.screenshot("monitoring-8-ikm").await;
    app.close().await;
}
