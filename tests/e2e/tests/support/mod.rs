//! Starting the real app under tauri-driver and driving it by `data-testid`.

#![allow(dead_code)]

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// tauri-driver; SIGTERM to its PID only, so it stops its WebKitWebDriver too (NOTES-TAURI §6).
pub struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-s", "TERM", &self.0.id().to_string()]).status();
        let _ = self.0.wait();
    }
}

/// Fields drop in this order: the driver first (it stops WebKitWebDriver and with it the app), then
/// the data folder, so a test's folder is never deleted under its running app (which left folders
/// behind and made screenshots flaky).
pub struct App {
    _driver: Driver,
    pub client: Client,
    pub data: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

fn app_path() -> PathBuf {
    std::env::var_os("JURI_APP").map(PathBuf::from).unwrap_or_else(|| workspace().join("target/debug/juri-desktop"))
}

/// A file of tests/e2e/fixtures.
pub fn e2e_fixture(rel: &str) -> String {
    workspace().join("tests/e2e/fixtures").join(rel).display().to_string()
}

pub fn fixture(rel: &str) -> String {
    workspace().join("crates/core/tests/fixtures").join(rel).display().to_string()
}

impl App {
    /// Starts the app on a fresh, empty data folder.
    pub async fn start() -> App {
        App::start_with_env(&[]).await
    }

    /// Starts the app with extra environment variables (e.g. `JURI_SAVE_DIR`, which replaces the
    /// native save dialogs that WebDriver cannot drive).
    pub async fn start_with_env(env: &[(&str, &std::path::Path)]) -> App {
        App::start_with(env, &[]).await
    }

    /// Starts the app with extra environment variables and extra program arguments (a file given
    /// to it as when double-clicked).
    pub async fn start_with(env: &[(&str, &std::path::Path)], args: &[&std::path::Path]) -> App {
        // Under Xvfb a fresh app now and then fails to open GTK while the previous test's webview
        // processes are still winding down; WebKitWebDriver then waits for it forever. So each
        // start has a deadline, and a failed start is tried again from a new driver.
        let mut last = String::new();
        for attempt in 1..=3 {
            match App::try_start(env, args).await {
                Ok(app) => return app,
                Err(e) => {
                    eprintln!("app start, attempt {attempt}: {e}");
                    last = e;
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        }
        panic!("no WebDriver session with the app after 3 attempts: {last}");
    }

    async fn try_start(env: &[(&str, &std::path::Path)], args: &[&std::path::Path]) -> Result<App, String> {
        let app = app_path();
        assert!(app.exists(), "build the app first: cargo build -p juri-desktop ({})", app.display());
        let (port, native) = (free_port(), free_port());
        // The webview keeps its own storage under the XDG folders: give each run fresh ones.
        let data = tempfile::tempdir().unwrap();
        let xdg = |d: &str| {
            let p = data.path().join(d);
            std::fs::create_dir_all(&p).unwrap();
            p
        };
        let driver = Driver(
            Command::new("tauri-driver")
                .args(["--port", &port.to_string(), "--native-port", &native.to_string()])
                .env("XDG_DATA_HOME", xdg("xdg-data"))
                .env("XDG_CONFIG_HOME", xdg("xdg-config"))
                .env("XDG_CACHE_HOME", xdg("xdg-cache"))
                .envs(env.iter().copied())
                .spawn()
                .expect("tauri-driver on PATH (scripts/install-deps installs it)"),
        );
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("tauri-driver did not listen".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let mut app_args = vec![json!("--data-dir"), json!(data.path().join("juri"))];
        app_args.extend(args.iter().map(|a| json!(a)));
        let caps = json!({ "browserName": "wry", "tauri:options": { "application": app, "args": app_args } });
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps.as_object().unwrap().clone());
        let url = format!("http://127.0.0.1:{port}");
        let client = tokio::time::timeout(Duration::from_secs(60), builder.connect(&url))
            .await
            .map_err(|_| "no WebDriver session within 60 s".to_string())?
            .map_err(|e| format!("WebDriver session refused: {e}"))?;
        Ok(App { _driver: driver, client, data })
    }

    pub async fn el(&self, testid: &str) -> Element {
        let css = format!("[data-testid=\"{testid}\"]");
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(&css))
            .await
            .unwrap_or_else(|e| panic!("no element {testid}: {e}"))
    }

    pub async fn all(&self, testid: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(&format!("[data-testid=\"{testid}\"]"))).await.unwrap()
    }

    pub async fn click(&self, testid: &str) {
        self.el(testid).await.click().await.unwrap_or_else(|e| panic!("click {testid}: {e}"));
    }

    /// Clears the field and types `text`; a field that is there but not yet interactable (a panel
    /// still opening) is waited for.
    pub async fn type_into(&self, testid: &str, text: &str) {
        let e = self.el(testid).await;
        self.until(&format!("{testid} takes typing"), || async { e.clear().await.is_ok() }).await;
        e.send_keys(text).await.unwrap();
    }

    pub async fn text(&self, testid: &str) -> String {
        self.el(testid).await.text().await.unwrap()
    }

    /// Polls until `f` holds, failing with `what` after 15 s.
    pub async fn until<F, Fut>(&self, what: &str, mut f: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !f().await {
            assert!(Instant::now() < deadline, "timed out waiting for: {what}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// The element's text once `holds` is true of it (polled for 15 s: a screen refreshes after
    /// the app answers, which on a slow machine is after the click returned); fails with the last
    /// text read.
    pub async fn text_when(&self, testid: &str, holds: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let text = self.text(testid).await;
            if holds(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "{testid} never became what the test expects; it reads: {text}");
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }

    /// Waits until the element reads exactly `expected`.
    pub async fn text_is(&self, testid: &str, expected: &str) {
        self.text_when(testid, |t| t == expected).await;
    }

    pub async fn count(&self, testid: &str) -> usize {
        self.all(testid).await.len()
    }

    /// The row element of a proposal by its code.
    pub async fn row(&self, code: &str) -> Element {
        let css = format!("[data-testid=\"proposal-row\"][data-code=\"{code}\"]");
        self.client.wait().at_most(Duration::from_secs(15)).for_element(Locator::Css(&css)).await.unwrap()
    }

    /// Saves a screenshot of the window. WebKitWebDriver now and then answers a screenshot with an
    /// unknown error while the window repaints (seen once on a screen that had just changed): it is
    /// asked again, three times at most.
    pub async fn screenshot(&self, name: &str) {
        // Under Xvfb the webview paints what the app changed by itself only after an input event:
        // a pointer move to the window's corner (nothing there reacts to it) makes the frame
        // show what the test just checked.
        use fantoccini::actions::{InputSource, MouseActions, PointerAction};
        let nudge = MouseActions::new("nudge".into())
            .then(PointerAction::MoveTo { duration: None, x: 1.0, y: 1.0 })
            .then(PointerAction::MoveTo { duration: None, x: 2.0, y: 2.0 });
        let _ = self.client.perform_actions(nudge).await;
        tokio::time::sleep(Duration::from_millis(600)).await; // let the frame paint
        let dir = workspace().join("test-output/e2e");
        std::fs::create_dir_all(&dir).unwrap();
        let mut attempt = 1;
        let png = loop {
            match self.client.screenshot().await {
                Ok(png) => break png,
                Err(e) if attempt < 3 => {
                    eprintln!("screenshot {name}, attempt {attempt}: {e}");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!("screenshot {name}: {e}"),
            }
        };
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    /// Closes the app and hands its data folder over (its database is `juri/juri.sqlite3`).
    pub async fn close_keeping_data(self) -> tempfile::TempDir {
        let _ = self.client.close().await;
        self.data
    }
}

/// Selects the option with `value` in the <select> with `testid`.
pub async fn select(app: &App, testid: &str, value: &str) {
    let sel = app.el(testid).await;
    sel.select_by_value(value).await.unwrap_or_else(|e| panic!("select {value} in {testid}: {e}"));
}

/// The text of a PDF, whitespace runs made one space.
pub fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils)");
    assert!(out.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Clicks after scrolling the element to the middle of the window, clear of the sticky header.
pub async fn press(app: &App, testid: &str) {
    let el = app.el(testid).await;
    press_el(app, &el, testid).await;
}

/// Clicks an element found otherwise (inside a row), scrolled to the middle of its scrolling box
/// first: on a 1366×768 screen it may be below the fold of a dialog.
pub async fn press_el(app: &App, el: &fantoccini::elements::Element, what: &str) {
    app.client
        .execute("arguments[0].scrollIntoView({block: 'center'})", vec![serde_json::to_value(el).unwrap()])
        .await
        .unwrap();
    el.click().await.unwrap_or_else(|e| panic!("click {what}: {e}"));
}

/// A minimal valid PDF with `pages` pages, each saying which page it is.
pub fn pdf(pages: usize) -> Vec<u8> {
    // Objects: 1 catalog, 2 pages, 3 font, then per page its page object and its content stream.
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", kids.join(" ")),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    for i in 0..pages {
        let content = format!("BT /F1 36 Tf 72 720 Td (Alur layanan, halaman {}) Tj ET", i + 1);
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {} 0 R /Resources << /Font << /F1 3 0 R >> >> >>",
            5 + 2 * i
        ));
        objects.push(format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}
