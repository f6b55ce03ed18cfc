//! The pipeline in a real headless Chromium: add a job on the board, drag its card from
//! Prospect to Applied, move it on with the keyboard alternative, add an interview on its page,
//! see it on the timeline and fetch its `.ics` through the page's link, upload a file. Screenshots of the board
//! and the application page are written to the temp dir (the README's come from there).

mod support;

#[allow(dead_code)]
#[path = "browser/driver.rs"]
mod driver;

use std::time::{Duration, Instant};

use driver::{Driver, click, fill, text_when_shown, wait_for_path};
use fantoccini::actions::{InputSource, MOUSE_BUTTON_LEFT, MouseActions, PointerAction};
use fantoccini::{Client, Locator};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

async fn sign_up(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/signup")).await.expect("open sign-up");
    fill(browser, "#email", "lin@example.org").await;
    fill(browser, "#password", STRONG_PASSWORD).await;
    click(browser, "form[action='/signup'] button[type=submit]").await;
    wait_for_path(browser, "/settings").await;
}

/// The titles of the cards in one stage's column.
async fn column(browser: &Client, stage: &str) -> Vec<String> {
    let mut titles = Vec::new();
    let css = format!(".board-cards[data-stage={stage}] .card-title");
    for link in browser.find_all(Locator::Css(&css)).await.expect("cards") {
        // A swap can replace the element between finding and reading it; the next poll retries.
        titles.push(link.text().await.unwrap_or_default());
    }
    titles
}

async fn count(browser: &Client, stage: &str) -> String {
    match browser.find(Locator::Css(&format!("#column-{stage} .count"))).await {
        Ok(element) => element.text().await.unwrap_or_default(),
        Err(_) => String::new(),
    }
}

/// Waits (up to 10 s) until `stage` holds exactly `expected`, as cards and as its count.
async fn wait_for_column(browser: &Client, stage: &str, expected: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (shown, counted) = (column(browser, stage).await, count(browser, stage).await);
        if shown == expected && counted == expected.len().to_string() {
            return;
        }
        assert!(Instant::now() < deadline, "{stage}: expected {expected:?}, shows {shown:?} counted {counted:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn add_on_the_board(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/pipeline")).await.expect("open the board");
    click(browser, ".add-application summary").await;
    fill(browser, "#add-title", "Platform Engineer").await;
    fill(browser, "#add-company", "Kiwi Robotics").await;
    fill(browser, "#add-url", "https://jobs.kiwi.example/platform").await;
    click(browser, "#add-application button[type=submit]").await;
    assert_eq!(text_when_shown(browser, "#application-title").await, "Platform Engineer");
}

/// Presses on the card (on its "days in stage" line: links and controls start no drag), drags
/// it over the Applied column in small steps as a hand would, and lets go.
async fn drag_to_applied(app: &TestApp, browser: &Client) {
    browser.goto(&app.url("/pipeline")).await.expect("open the board");
    wait_for_column(browser, "prospect", &["Platform Engineer"]).await;
    browser.execute("window.jobpilotMarker = 'same page';", vec![]).await.expect("mark");
    let handle = browser.find(Locator::Css(".board-cards[data-stage=prospect] .card-days")).await.expect("card");
    let target = browser.find(Locator::Css(".board-cards[data-stage=applied]")).await.expect("applied column");
    let step = Some(Duration::from_millis(60));
    let drag = MouseActions::new("mouse".into())
        .then(PointerAction::MoveToElement { element: handle, duration: None, x: 0.0, y: 0.0 })
        .then(PointerAction::Down { button: MOUSE_BUTTON_LEFT })
        .then(PointerAction::MoveBy { duration: step, x: 8.0, y: 8.0 })
        .then(PointerAction::MoveBy { duration: step, x: 30.0, y: 10.0 })
        .then(PointerAction::MoveToElement { element: target.clone(), duration: Some(Duration::from_millis(300)), x: 0.0, y: -10.0 })
        .then(PointerAction::MoveToElement { element: target, duration: step, x: 0.0, y: 0.0 })
        .then(PointerAction::Pause { duration: Duration::from_millis(150) })
        .then(PointerAction::Up { button: MOUSE_BUTTON_LEFT });
    browser.perform_actions(drag).await.expect("drag the card");
    wait_for_column(browser, "applied", &["Platform Engineer"]).await;
    wait_for_column(browser, "prospect", &[]).await;
    let marker = browser.execute("return window.jobpilotMarker || null;", vec![]).await.expect("marker");
    assert_eq!(marker, serde_json::json!("same page"), "moved in place by htmx, no page load");
    browser.refresh().await.expect("reload");
    wait_for_column(browser, "applied", &["Platform Engineer"]).await;
}

/// The keyboard path: focus the card's "Move to" list, pick Screen with the arrow key, press
/// Enter on the Move button.
async fn move_with_the_keyboard(browser: &Client) {
    let select = browser.find(Locator::Css(".board-cards[data-stage=applied] select[name=stage]")).await.expect("select");
    select.send_keys("\u{E015}").await.expect("arrow down"); // Applied → Screen
    let button = browser.find(Locator::Css(".board-cards[data-stage=applied] .move-form button")).await.expect("button");
    button.send_keys("\u{E007}").await.expect("enter");
    wait_for_column(browser, "screen", &["Platform Engineer"]).await;
    wait_for_column(browser, "applied", &[]).await;
}

async fn add_an_interview(browser: &Client) {
    click(browser, ".board-cards[data-stage=screen] .card-title").await;
    text_when_shown(browser, "#application-title").await;
    browser.find(Locator::Css("#event-type")).await.expect("type").select_by_value("interview").await.expect("choose");
    // Chromium's date-time picker takes keystrokes in the machine's locale order; the value is
    // what any locale's picker produces, so it is set as the picker would set it.
    browser
        .execute("document.querySelector('#event-start').value = '2026-12-09T10:00'; document.querySelector('#event-end').value = '2026-12-09T11:00';", vec![])
        .await
        .expect("times");
    fill(browser, "#event-location", "Video call").await;
    click(browser, "#new-event button[type=submit]").await;
    assert_eq!(text_when_shown(browser, ".event-row strong").await, "Interview");
    let timeline = text_when_shown(browser, "#timeline").await;
    assert!(timeline.contains("Interview · Video call"), "{timeline}");
    assert!(timeline.contains("Wed 9 Dec 2026, 10:00 UTC"), "on the user's clock (UTC until they set a zone): {timeline}");
}

/// Fetches the event's calendar file through the link the page shows, with the page's cookies.
async fn download_the_ics(browser: &Client) {
    let fetched = browser
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const link = document.querySelector('.event-row a[download]');
             fetch(link.href).then(r => r.text().then(t => done([r.status, r.headers.get('content-type'), t])));",
            vec![],
        )
        .await
        .expect("fetch the .ics");
    assert_eq!(fetched[0], 200);
    assert!(fetched[1].as_str().unwrap_or_default().starts_with("text/calendar"), "{fetched}");
    let ics = fetched[2].as_str().unwrap_or_default();
    let calendar: icalendar::Calendar = ics.parse().expect("a valid calendar file");
    assert_eq!(calendar.components.len(), 1);
    assert!(ics.contains("DTSTART:20261209T100000Z"), "{ics}");
}

/// Uploads a take-home task through the page's file input and sees it listed and on the timeline.
async fn upload_a_file(browser: &Client) {
    let path = std::env::temp_dir().join(format!("take-home-{}.md", uuid::Uuid::new_v4().simple()));
    std::fs::write(&path, "# Take-home\nBuild a URL shortener in Rust.\n").expect("write the file");
    let input = browser.find(Locator::Css("#file-input")).await.expect("file input");
    input.send_keys(&path.display().to_string()).await.expect("choose the file");
    browser.find(Locator::Css("#file-kind")).await.expect("kind").select_by_value("take_home").await.expect("choose");
    click(browser, "#new-file button[type=submit]").await;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
    assert_eq!(text_when_shown(browser, "#files .file-name").await, name);
    let timeline = text_when_shown(browser, "#timeline").await;
    assert!(timeline.contains(&format!("File uploaded: {name}")), "{timeline}");
    std::fs::remove_file(&path).expect("remove the file");
}

async fn screenshot(browser: &Client, name: &str) {
    let png = browser.screenshot().await.expect("screenshot");
    std::fs::write(std::env::temp_dir().join(format!("jobpilot-{name}.png")), png).expect("write screenshot");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_person_adds_a_job_drags_it_along_the_board_and_books_an_interview_in_a_real_browser() {
    let app = spawn_app().await;
    let driver = Driver::start().await;
    let browser = driver.browser().await;
    browser.set_window_size(1400, 1000).await.expect("resize");

    sign_up(&app, &browser).await;
    add_on_the_board(&app, &browser).await;
    drag_to_applied(&app, &browser).await;
    move_with_the_keyboard(&browser).await;
    screenshot(&browser, "pipeline").await;
    add_an_interview(&browser).await;
    download_the_ics(&browser).await;
    upload_a_file(&browser).await;
    screenshot(&browser, "application").await;

    browser.close().await.expect("close the browser");
    assert_eq!(app.audit_count("application.update").await, 2, "the drag and the keyboard move");
    assert_eq!(app.audit_count("event.create").await, 1);
    assert_eq!(app.audit_count("file.upload").await, 1);
}
