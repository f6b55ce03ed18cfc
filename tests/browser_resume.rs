//! The Resume Studio in a real headless Chromium: upload a JSON Resume, see its sections as
//! cards and what was not found, edit the skills card in place (the card becomes a form, Save
//! turns it back, the page never reloads), and see a refused edit's error inside the card.

mod support;

#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use std::time::{Duration, Instant};

use driver::{Driver, click, fill, text_when_shown, wait_for_path};
use fantoccini::{Client, Locator};
use support::{STRONG_PASSWORD, spawn_app};

async fn text_of(browser: &Client, css: &str) -> String {
    match browser.find(Locator::Css(css)).await {
        Ok(element) => element.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits (up to 10 s) until `css`'s text satisfies `ok`.
async fn wait_text(browser: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let text = text_of(browser, css).await;
        if ok(&text) {
            return text;
        }
        assert!(Instant::now() < deadline, "{css} still shows {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_uploads_a_resume_and_edits_a_section_in_place_in_a_real_browser() {
    let app = spawn_app().await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.set_window_size(1400, 1000).await.expect("resize");

    browser.goto(&app.url("/signup")).await.expect("open sign-up");
    fill(&browser, "#email", "lin@example.org").await;
    fill(&browser, "#password", STRONG_PASSWORD).await;
    click(&browser, "form[action='/signup'] button[type=submit]").await;
    wait_for_path(&browser, "/settings").await;

    click(&browser, "a[href='/resume']").await;
    wait_for_path(&browser, "/resume").await;
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/resumes/jsonresume/sample.resume.json");
    // Chromedriver only takes canonical paths for file inputs.
    let path = path.canonicalize().expect("the sample exists");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("sample")).expect("json");
    let input = browser.find(Locator::Css("#resume-file")).await.expect("file input");
    input.send_keys(&path.display().to_string()).await.expect("choose the file");
    click(&browser, "#resume-upload button[type=submit]").await;
    let company = doc["work"][0]["name"].as_str().expect("company");
    wait_text(&browser, "#card-experience-0", |t| t.contains(company)).await;
    assert!(text_of(&browser, "#versions").await.contains("Base"), "the first upload is the base");

    browser.execute("window.jobpilotMarker = 'same page';", vec![]).await.expect("mark");
    click(&browser, "#card-skills a").await;
    let field = browser.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("#skills-items")).await.expect("the card became a form");
    field.clear().await.expect("clear");
    field.send_keys("Rust\nPostgreSQL\n\nhtmx").await.expect("type");
    click(&browser, "#card-skills button[type=submit]").await;
    let shown = wait_text(&browser, "#card-skills", |t| t.contains("PostgreSQL") && !t.contains("Save")).await;
    assert!(shown.contains("Rust · PostgreSQL · htmx"), "{shown}");

    click(&browser, "#card-experience-0 a").await;
    let role = browser.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("#experience-0-role")).await.expect("job form");
    role.clear().await.expect("clear role");
    click(&browser, "#card-experience-0 button[type=submit]").await;
    let error = text_when_shown(&browser, "#card-experience-0 .field-error").await;
    assert_eq!(error, "is required");
    let marker = browser.execute("return window.jobpilotMarker || null;", vec![]).await.expect("marker");
    assert_eq!(marker, serde_json::json!("same page"), "edits happened in place, without a page load");

    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(std::env::temp_dir().join("jobpilot-resume-studio.png"), png).expect("write screenshot");
    browser.close().await.expect("close the browser");
    assert_eq!(app.audit_count("resume.upload").await, 1);
    assert_eq!(app.audit_count("resume.update").await, 1, "the refused edit saved nothing");
}
