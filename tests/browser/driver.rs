//! A headless Chromium for the browser tests: chromedriver on a free port, one fresh profile
//! per test, both removed when the test ends (even by a panic).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::Capabilities;
use fantoccini::{Client, ClientBuilder, Locator};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// A running chromedriver and the browser profile folder it uses.
pub struct Driver {
    process: Child,
    port: u16,
    profile: PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("address").port()
}

impl Driver {
    /// Starts chromedriver and waits until it answers.
    pub async fn start() -> Driver {
        for binary in [CHROMEDRIVER, CHROMIUM] {
            assert!(
                std::path::Path::new(binary).exists(),
                "{binary} is missing: install the browser with `apt-get install -y chromium chromium-driver`"
            );
        }
        let port = free_port();
        let process = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = std::env::temp_dir().join(format!("jobpilot-chromium-{}", uuid::Uuid::new_v4().simple()));
        let driver = Driver { process, port, profile };
        driver.wait_until_ready().await;
        driver
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    async fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = format!("{}/status", self.url());
        while Instant::now() < deadline {
            if reqwest::get(&status).await.is_ok_and(|r| r.status().is_success()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("chromedriver did not answer on port {} within 20 s", self.port);
    }

    /// A new headless browser session.
    pub async fn browser(&self) -> Client {
        let options = serde_json::json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync",
                     format!("--user-data-dir={}", self.profile.display())],
        });
        // Both ring and aws-lc-rs are compiled in, so rustls cannot choose one by itself; the
        // error only means another test in this process chose first.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut capabilities = Capabilities::new();
        capabilities.insert("goog:chromeOptions".to_string(), options);
        ClientBuilder::rustls()
            .expect("tls for the webdriver client")
            .capabilities(capabilities)
            .connect(&self.url())
            .await
            .expect("start a headless Chromium session")
    }
}

/// Waits (up to 10 s) until the browser shows `path`.
pub async fn wait_for_path(browser: &Client, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let current = browser.current_url().await.expect("current url");
        if current.path() == path {
            return;
        }
        assert!(Instant::now() < deadline, "expected {path}, still at {current}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Replaces what an input holds with `text`, as typing would.
pub async fn fill(browser: &Client, css: &str, text: &str) {
    let input = browser.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    input.clear().await.expect("clear input");
    input.send_keys(text).await.expect("type");
}

/// The current value of an input (its property, not the attribute it was rendered with).
pub async fn value_of(browser: &Client, css: &str) -> String {
    let input = browser.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    input.prop("value").await.expect("value").unwrap_or_default()
}

pub async fn click(browser: &Client, css: &str) {
    browser.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.expect("click");
}

/// The text of the first element matching `css`, waiting up to 10 s for one to appear.
pub async fn text_when_shown(browser: &Client, css: &str) -> String {
    let element =
        browser.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css(css)).await.expect(css);
    element.text().await.expect("text")
}
