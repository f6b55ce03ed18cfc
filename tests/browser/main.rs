//! The web pages in a real headless Chromium: sign up, log out, log in, edit the profile with
//! htmx, reload, and see it saved.

#[path = "../support/mod.rs"]
mod support;

mod driver;

use std::time::Duration;

use driver::{Driver, click, fill, text_when_shown, value_of, wait_for_path};
use fantoccini::{Client, Locator};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

const EMAIL: &str = "grace@example.org";

async fn sign_up_log_out_and_log_in(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/signup")).await.expect("open sign-up");
    fill(browser, "#email", EMAIL).await;
    fill(browser, "#password", STRONG_PASSWORD).await;
    click(browser, "form[action='/signup'] button[type=submit]").await;
    wait_for_path(browser, "/settings").await;

    click(browser, "form[action='/logout'] button").await;
    wait_for_path(browser, "/").await;
    let signup_link = browser.find(Locator::Css("a[href='/signup']")).await;
    assert!(signup_link.is_ok(), "logged out, the landing page offers sign-up");

    browser.goto(&app.url("/login")).await.expect("open login");
    fill(browser, "#email", EMAIL).await;
    fill(browser, "#password", STRONG_PASSWORD).await;
    click(browser, "form[action='/login'] button[type=submit]").await;
    wait_for_path(browser, "/").await;
    assert_eq!(text_when_shown(browser, "main h1").await, "Your feed");
}

/// A value only JavaScript state holds: it survives an htmx swap, not a page load.
async fn mark_page(browser: &Client) {
    browser.execute("window.jobpilotMarker = 'same page';", vec![]).await.expect("set marker");
}

async fn page_is_marked(browser: &Client) -> bool {
    let marker = browser.execute("return window.jobpilotMarker || null;", vec![]).await.expect("read marker");
    marker == serde_json::json!("same page")
}

async fn edit_profile_with_htmx(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/settings")).await.expect("open settings");
    mark_page(browser).await;
    fill(browser, "#headline", "Staff platform engineer").await;
    fill(browser, "#skills", "Rust, Kubernetes, PostgreSQL").await;
    fill(browser, "#years_experience", "12").await;
    fill(browser, "#locations", "Berlin, Remote (EU)").await;
    fill(browser, "#timezone", "Europe/Berlin").await;
    fill(browser, "#salary_min", "120000").await;
    fill(browser, "#salary_max", "90000").await;
    click(browser, "#remote_only").await;
    click(browser, "#settings-form button[type=submit]").await;

    let problem = text_when_shown(browser, "#salary_min-error").await;
    assert!(problem.contains("must not exceed the maximum salary"), "{problem}");
    assert_eq!(value_of(browser, "#headline").await, "Staff platform engineer", "input kept");
    assert!(page_is_marked(browser).await, "the 422 form was swapped in by htmx");

    fill(browser, "#salary_max", "150000").await;
    click(browser, "#settings-form button[type=submit]").await;
    assert_eq!(text_when_shown(browser, ".notice.success").await, "Saved");
    assert!(page_is_marked(browser).await, "saved in place by htmx, without a page load");
    wait_for_path(browser, "/settings").await;
}

async fn reload_and_check_saved(browser: &Client) {
    browser.refresh().await.expect("reload");
    assert!(!page_is_marked(browser).await, "a real reload");
    assert_eq!(value_of(browser, "#headline").await, "Staff platform engineer");
    assert_eq!(value_of(browser, "#skills").await, "Rust, Kubernetes, PostgreSQL");
    assert_eq!(value_of(browser, "#years_experience").await, "12");
    assert_eq!(value_of(browser, "#timezone").await, "Europe/Berlin");
    assert_eq!(value_of(browser, "#salary_min").await, "120000");
    assert_eq!(value_of(browser, "#salary_max").await, "150000");
    let remote = browser.find(Locator::Css("#remote_only")).await.expect("checkbox");
    assert!(!remote.is_selected().await.expect("checked state"), "remote only was unticked");
    // htmx runs under the CSP without injecting a <style> element of its own.
    let styles = browser.execute("return document.querySelectorAll('style').length;", vec![]).await;
    assert_eq!(styles.expect("count styles"), serde_json::json!(0));
}

async fn screenshot_settings(browser: &Client) {
    browser.set_window_size(1280, 1900).await.expect("resize");
    tokio::time::sleep(Duration::from_millis(200)).await;
    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(std::env::temp_dir().join("jobpilot-settings.png"), png).expect("write screenshot");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_signs_up_logs_out_logs_in_and_edits_the_profile_in_a_real_browser() {
    let app = spawn_app().await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;

    sign_up_log_out_and_log_in(&app, &browser).await;
    edit_profile_with_htmx(&app, &browser).await;
    reload_and_check_saved(&browser).await;
    screenshot_settings(&browser).await;

    browser.close().await.expect("close the browser");
    assert_eq!(app.audit_count("profile.update").await, 1, "the refused save wrote nothing");
}
