//! The job pages in a real headless Chromium: sign up, filter the list with htmx (no page
//! load), open a posting, track it, and see "Tracked" survive a reload.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use std::time::{Duration, Instant};

use driver::{Driver, click, fill, text_when_shown, wait_for_path};
use fantoccini::{Client, Locator};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

async fn sign_up(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/signup")).await.expect("open sign-up");
    fill(browser, "#email", "lin@example.org").await;
    fill(browser, "#password", STRONG_PASSWORD).await;
    click(browser, "form[action='/signup'] button[type=submit]").await;
    wait_for_path(browser, "/settings").await;
}

/// A value only JavaScript state holds: it survives an htmx swap, not a page load.
async fn mark_page(browser: &Client) {
    browser.execute("window.jobpilotMarker = 'same page';", vec![]).await.expect("set marker");
}

async fn page_is_marked(browser: &Client) -> bool {
    let marker = browser.execute("return window.jobpilotMarker || null;", vec![]).await.expect("read marker");
    marker == serde_json::json!("same page")
}

async fn titles(browser: &Client) -> Vec<String> {
    let mut titles = Vec::new();
    for link in browser.find_all(Locator::Css(".job h2 a")).await.expect("find titles") {
        // A swap can replace the element between finding and reading it; the next poll retries.
        titles.push(link.text().await.unwrap_or_default());
    }
    titles
}

/// Waits (up to 10 s) until the list shows exactly `expected`.
async fn wait_for_titles(browser: &Client, expected: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let shown = titles(browser).await;
        if shown == expected {
            return;
        }
        assert!(Instant::now() < deadline, "expected {expected:?}, the list shows {shown:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn filter_the_list_in_place(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/jobs")).await.expect("open jobs");
    assert_eq!(titles(browser).await.len(), 3);
    mark_page(browser).await;
    fill(browser, "#location", "berlin").await;
    wait_for_titles(browser, &["Frontend Developer"]).await;
    assert!(page_is_marked(browser).await, "the results changed without a page load");
    let url = browser.current_url().await.expect("url");
    assert_eq!(url.path(), "/jobs");
    assert!(url.query().unwrap_or_default().contains("location=berlin"), "the address keeps the filter: {url}");

    // A reload of the pushed address shows the same filtered list, as a whole page.
    browser.refresh().await.expect("reload");
    assert!(!page_is_marked(browser).await, "a real reload");
    wait_for_titles(browser, &["Frontend Developer"]).await;
    let location = browser.find(Locator::Css("#location")).await.expect("location input");
    assert_eq!(location.prop("value").await.expect("value").as_deref(), Some("berlin"));
}

async fn open_and_track(browser: &Client) {
    click(browser, ".job h2 a").await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !browser.current_url().await.expect("url").path().starts_with("/jobs/") {
        assert!(Instant::now() < deadline, "the posting did not open");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(text_when_shown(browser, "main h1").await, "Frontend Developer");
    mark_page(browser).await;
    click(browser, "#track button[type=submit]").await;
    assert_eq!(text_when_shown(browser, "#track .tracked").await, "Tracked");
    assert!(page_is_marked(browser).await, "tracked in place by htmx");

    browser.refresh().await.expect("reload");
    assert_eq!(text_when_shown(browser, "#track .tracked").await, "Tracked", "still tracked after a reload");
    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(std::env::temp_dir().join("jobpilot-posting.png"), png).expect("write screenshot");
}

async fn screenshot_jobs(app: &TestApp, browser: &Client) {
    catalog::load_replit(app).await;
    browser.goto(&app.url("/jobs")).await.expect("open jobs");
    text_when_shown(browser, ".job h2 a").await;
    browser.set_window_size(1280, 1200).await.expect("resize");
    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(std::env::temp_dir().join("jobpilot-jobs.png"), png).expect("write screenshot");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_filters_jobs_opens_one_and_tracks_it_in_a_real_browser() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    sign_up(&app, &browser).await;
    filter_the_list_in_place(&app, &browser).await;
    open_and_track(&browser).await;
    screenshot_jobs(&app, &browser).await;

    browser.close().await.expect("close the browser");
    assert_eq!(app.audit_count("application.track").await, 1);
}
