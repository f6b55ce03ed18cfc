//! The feed page in a real headless Chromium: the score and its breakdown, Track, and Dismiss
//! with Undo, each swapped in place by htmx (no page load).

use std::time::Duration;

use fantoccini::{Client, Locator};

use crate::driver::{Driver, click, fill, text_when_shown, wait_for_path};
use crate::support::{self, STRONG_PASSWORD};
use crate::{engineer, ingest_catalog, run_jobs, user_with};

async fn page_is_marked(browser: &Client) -> bool {
    let marker = browser.execute("return window.jobpilotMarker || null;", vec![]).await.expect("read marker");
    marker == serde_json::json!("same page")
}

/// Polls until `css` matches nothing (a swapped-out element), for up to 10 s.
async fn wait_gone(browser: &Client, css: &str) {
    for _ in 0..100 {
        if browser.find(Locator::Css(css)).await.is_err() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} is still shown");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_feed_shows_scores_with_their_breakdown_and_tracks_and_dismisses_in_place() {
    let app = support::spawn_app().await;
    let (profile, search) = engineer();
    user_with(&app, "feed@example.org", profile, search).await;
    let owner = ingest_catalog(&app).await;
    run_jobs(&app, &owner).await;

    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.goto(&app.url("/login")).await.expect("open login");
    fill(&browser, "#email", "feed@example.org").await;
    fill(&browser, "#password", STRONG_PASSWORD).await;
    click(&browser, "form[action='/login'] button[type=submit]").await;
    wait_for_path(&browser, "/").await;
    assert_eq!(text_when_shown(&browser, "main h1").await, "Your feed");

    let cards = browser.find_all(Locator::Css(".feed-item")).await.expect("cards");
    assert!(cards.len() >= 3, "{} cards", cards.len());
    let first = cards[0].attr("id").await.expect("attr").expect("an id");
    let score: i64 = text_when_shown(&browser, &format!("#{first} .fit-score strong")).await.parse().expect("a number");
    assert!((0..=100).contains(&score));
    let factors = browser.find_all(Locator::Css(&format!("#{first} .breakdown .factor"))).await.expect("factors");
    assert_eq!(factors.len(), 5, "title, skills, level, pay, freshness");
    let meter_sum = browser
        .execute(
            &format!("return [...document.querySelectorAll('#{first} meter')].reduce((s, m) => s + Number(m.value), 0);"),
            vec![],
        )
        .await
        .expect("sum the bars");
    let sum = meter_sum.as_f64().expect("a number");
    assert!((sum - score as f64).abs() <= 3.0, "bars add up to the score: {sum} vs {score}");
    assert!(text_when_shown(&browser, &format!("#{first} .rationale")).await.starts_with("Strongest"));

    browser.execute("window.jobpilotMarker = 'same page';", vec![]).await.expect("mark");
    click(&browser, &format!("#{first} form[action$='/track'] button")).await;
    assert_eq!(text_when_shown(&browser, &format!("#{first} .tracked-badge")).await, "Tracked");

    click(&browser, &format!("#{first} form[action$='/dismiss'] button")).await;
    let status = text_when_shown(&browser, &format!("#{first}.dismissed p")).await;
    assert!(status.starts_with("Dismissed"), "{status}");
    click(&browser, &format!("#{first} form[action$='/undismiss'] button")).await;
    wait_gone(&browser, &format!("#{first}.dismissed")).await;
    text_when_shown(&browser, &format!("#{first} .fit-score")).await;
    assert!(page_is_marked(&browser).await, "track, dismiss and undo swapped cards without a page load");

    click(&browser, &format!("#{first} form[action$='/dismiss'] button")).await;
    text_when_shown(&browser, &format!("#{first}.dismissed p")).await;
    browser.refresh().await.expect("reload");
    wait_for_path(&browser, "/").await;
    assert!(browser.find(Locator::Css(&format!("#{first}"))).await.is_err(), "a dismissed posting stays gone");
    browser.set_window_size(1200, 1600).await.expect("resize");
    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(std::env::temp_dir().join("jobpilot-feed.png"), png).expect("write screenshot");
    browser.close().await.expect("close");
}
