//! The pipeline pages over real HTTP and PostgreSQL: the board (counts, days in stage, moving a
//! card with and without htmx), an application's page (events typed on the user's clock, the
//! `.ics` download, tasks, messages, the timeline, delete and undo), the home page's cards, and
//! another user's ids answering 404 on every page route.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;

use helpers::{csrf_token, location, log_in_with_form, text_of};
use reqwest::{Client, Method, StatusCode};
use scraper::{Html, Selector};
use serde_json::json;
use support::{STRONG_PASSWORD, TestApp, spawn_app};

/// A user with an API token, a logged-in browser session and one tracked application.
struct Seeker {
    token: String,
    client: Client,
    application: String,
}

async fn seeker(app: &TestApp, email: &str) -> Seeker {
    let (token, application) = catalog::applicant(app, email).await;
    let client = app.browser_client();
    let response = log_in_with_form(app, &client, email, STRONG_PASSWORD, "/pipeline").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "logged in");
    Seeker { token, client, application }
}

async fn get(s: &Seeker, app: &TestApp, path: &str, htmx: bool) -> (StatusCode, String) {
    let mut request = s.client.get(app.url(path));
    if htmx {
        request = request.header("HX-Request", "true");
    }
    let response = request.send().await.expect("get");
    (response.status(), response.text().await.expect("body"))
}

/// Posts a form with the session's CSRF token (read from `page`), as htmx or as a plain form.
async fn post(s: &Seeker, app: &TestApp, page: &str, path: &str, fields: &[(&str, &str)], htmx: bool) -> reqwest::Response {
    let (_, html) = get(s, app, page, false).await;
    let token = csrf_token(&html);
    let mut form: Vec<(&str, &str)> = vec![("csrf_token", token.as_str())];
    form.extend_from_slice(fields);
    let mut request = s.client.post(app.url(path)).form(&form);
    if htmx {
        request = request.header("HX-Request", "true");
    }
    request.send().await.expect("post")
}

fn all_text(html: &str, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("selector");
    Html::parse_fragment(html).select(&selector).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The count shown in a stage's column header.
fn column_count(html: &str, stage: &str) -> String {
    text_of(html, &format!("#column-{stage} .count")).expect("column count")
}

fn cards_in(html: &str, stage: &str) -> Vec<String> {
    all_text(html, &format!(".board-column[data-stage={stage}] .card-title"))
}

#[tokio::test]
async fn the_board_shows_each_stage_with_its_count_and_moves_a_card_with_or_without_htmx() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let ada = seeker(&app, "ada@example.org").await;
    let (status, board) = get(&ada, &app, "/pipeline", false).await;
    assert_eq!(status, StatusCode::OK);
    let headers = all_text(&board, ".board-column h2");
    assert_eq!(headers.len(), 7, "a column per stage, empty ones too: {headers:?}");
    assert_eq!(column_count(&board, "prospect"), "1");
    assert_eq!(column_count(&board, "applied"), "0");
    assert_eq!(cards_in(&board, "prospect").len(), 1);
    assert_eq!(all_text(&board, ".card-days"), vec!["0 days in stage"]);
    assert!(board.contains("/static/sortable.min.js"), "the vendored drag library is loaded from this server");

    // The keyboard path: the card's own select and button, as a plain form.
    let response = post(&ada, &app, "/pipeline", "/pipeline/move", &[("application_id", &ada.application), ("stage", "applied")], false).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/pipeline");
    let (_, board) = get(&ada, &app, "/pipeline", false).await;
    assert_eq!((column_count(&board, "prospect"), column_count(&board, "applied")), ("0".into(), "1".into()));
    let (_, detail) = app.send(Method::GET, &ada.token, &format!("/api/v1/applications/{}", ada.application), None).await;
    assert_eq!(detail["stage"], "applied");
    assert!(detail["applied_at"].is_string(), "the first move to applied stamps applied_at: {detail}");

    // What a drop sends: htmx gets the board back, counts included, with the filters kept.
    let response = post(&ada, &app, "/pipeline", "/pipeline/move",
        &[("application_id", &ada.application), ("stage", "interview"), ("q", "rust")], true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.expect("body");
    assert!(fragment.trim_start().starts_with("<div id=\"board\""), "only the board: {}", &fragment[..80.min(fragment.len())]);
    assert_eq!(column_count(&fragment, "interview"), "1");
    assert_eq!(app.audit_count("application.update").await, 2, "each move is audited");

    // A stage the board does not know: 422 with the allowed values, nothing changed.
    let response = post(&ada, &app, "/pipeline", "/pipeline/move", &[("application_id", &ada.application), ("stage", "ghosted")], true).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fragment = response.text().await.expect("body");
    let problem = text_of(&fragment, ".form-error").expect("error shown");
    assert!(problem.contains("prospect") && problem.contains("accepted"), "{problem}");
    assert_eq!(column_count(&fragment, "interview"), "1");

    // Filters narrow the board; a stage filter shows that column alone.
    let (_, none) = get(&ada, &app, "/pipeline?q=cobol", true).await;
    assert!(all_text(&none, ".card-title").is_empty(), "no card matches");
    let (_, only) = get(&ada, &app, "/pipeline?only=interview", true).await;
    assert_eq!(all_text(&only, ".board-column h2").len(), 1);
}

#[tokio::test]
async fn an_application_page_adds_an_interview_on_the_users_clock_and_serves_its_calendar_file() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let ada = seeker(&app, "ada@example.org").await;
    app.set_zone("ada@example.org", "Pacific/Auckland").await;
    let page = format!("/applications/{}", ada.application);
    let (status, html) = get(&ada, &app, &page, false).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Pacific/Auckland"), "the page says which clock times are on");

    // End before start: 422, the error under its field, the typed values kept, nothing stored.
    let bad = [("type", "interview"), ("start_at", "2026-12-09T10:00"), ("end_at", "2026-12-09T09:00"), ("location", "Zoom")];
    let response = post(&ada, &app, &page, &format!("{page}/events"), &bad, true).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fragment = response.text().await.expect("body");
    assert!(text_of(&fragment, "#new-event .field-error").is_some_and(|e| e.contains("after")), "{fragment}");
    assert_eq!(helpers::attr_of(&fragment, "#event-location", "value").as_deref(), Some("Zoom"));
    let (_, events) = app.send(Method::GET, &ada.token, &format!("/api/v1/applications/{}/events", ada.application), None).await;
    assert_eq!(events.as_array().map(Vec::len), Some(0), "nothing written: {events}");

    // A time the clocks skip in that zone is refused, naming the field.
    let gap = [("type", "interview"), ("start_at", "2026-09-27T02:30"), ("end_at", "")];
    let response = post(&ada, &app, &page, &format!("{page}/events"), &gap, true).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let good = [("type", "interview"), ("start_at", "2026-12-09T10:00"), ("end_at", "2026-12-09T11:00"), ("location", "Zoom"), ("notes", "")];
    let response = post(&ada, &app, &page, &format!("{page}/events"), &good, true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.expect("body");
    let (_, events) = app.send(Method::GET, &ada.token, &format!("/api/v1/applications/{}/events", ada.application), None).await;
    assert_eq!(events[0]["start_at"], "2026-12-08T21:00:00Z", "10:00 in Auckland (NZDT, UTC+13) is 21:00 UTC the day before");
    let shown = all_text(&fragment, ".event-row strong");
    assert_eq!(shown, vec!["Interview"]);
    assert!(all_text(&fragment, ".event-row").join(" ").contains("Wed 9 Dec 2026, 10:00 NZDT"), "shown on the user's clock");
    assert!(all_text(&fragment, "#timeline li").iter().any(|e| e.contains("Interview · Zoom")), "on the timeline");

    // The one-event calendar file, for the session (no API token).
    let event_id = events[0]["id"].as_str().expect("id");
    let response = ada.client.get(app.url(&format!("/events/{event_id}/ics"))).send().await.expect("ics");
    assert_eq!(response.status(), StatusCode::OK);
    let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
    assert!(header("content-type").starts_with("text/calendar"));
    assert!(header("content-disposition").starts_with("attachment"));
    assert_eq!(header("x-content-type-options"), "nosniff");
    let ics = response.text().await.expect("body");
    let calendar: icalendar::Calendar = ics.parse().expect("a valid iCalendar file");
    assert_eq!(calendar.components.len(), 1, "{ics}");
    assert!(ics.contains("DTSTART:20261208T210000Z"), "{ics}");
}

#[tokio::test]
async fn tasks_messages_and_notes_are_edited_in_place_and_land_on_the_timeline() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let ada = seeker(&app, "ada@example.org").await;
    let page = format!("/applications/{}", ada.application);

    let response = post(&ada, &app, &page, &page, &[("stage", "applied"), ("status_notes", "Referred by Sam"), ("source_label", "Referral")], true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.expect("body");
    assert_eq!(text_of(&fragment, "#stage-now").as_deref(), Some("Applied"));
    assert!(all_text(&fragment, "#timeline li").iter().any(|e| e.ends_with("Moved to Applied")));

    let response = post(&ada, &app, &page, &format!("{page}/tasks"), &[("title", "Send a thank-you note"), ("due_at", ""), ("priority", "high")], true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, tasks) = app.send(Method::GET, &ada.token, "/api/v1/tasks", None).await;
    let task_id = tasks[0]["id"].as_str().expect("task id").to_string();
    assert_eq!((tasks[0]["priority"].clone(), tasks[0]["application_id"].clone()), (json!("high"), json!(ada.application)));
    let response = post(&ada, &app, &page, &format!("/tasks/{task_id}/done"), &[], true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.expect("body");
    assert_eq!(all_text(&fragment, "#tasks .done-task"), vec!["Send a thank-you note"]);
    assert!(all_text(&fragment, "#timeline li").iter().any(|e| e.ends_with("Task done: Send a thank-you note")));
    let response = post(&ada, &app, &page, &format!("{page}/tasks"), &[("title", "   "), ("priority", "normal")], true).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "a blank title is refused");

    let message = [("contact_name", "Sam Lee"), ("contact_role", "Engineering manager"), ("contact_profile_url", "https://www.linkedin.com/in/samlee"),
                   ("channel", "linkedin"), ("message_body", "Thanks for the referral!")];
    let response = post(&ada, &app, &page, &format!("{page}/outreach"), &message, true).await;
    assert_eq!(response.status(), StatusCode::OK);
    let (_, list) = app.send(Method::GET, &ada.token, &format!("/api/v1/applications/{}/outreach", ada.application), None).await;
    let message_id = list["items"][0]["id"].as_str().expect("message id").to_string();
    for status in ["queued", "sent"] {
        let response = post(&ada, &app, &page, &format!("/outreach/{message_id}/status"), &[("status", status)], true).await;
        assert_eq!(response.status(), StatusCode::OK, "to {status}");
    }
    let (_, html) = get(&ada, &app, &page, false).await;
    assert!(all_text(&html, ".funnel li").contains(&"sent: 1".to_string()), "{:?}", all_text(&html, ".funnel li"));
    assert!(all_text(&html, "#timeline li").iter().any(|e| e.ends_with("Message to Sam Lee sent")));
    // An illegal move (sent → draft) is refused with the allowed ones named.
    let response = post(&ada, &app, &page, &format!("/outreach/{message_id}/status"), &[("status", "draft")], true).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // The home page's cards.
    let (_, home) = get(&ada, &app, "/", false).await;
    assert!(all_text(&home, "#pipeline-card li").contains(&"Applied: 1".to_string()), "{:?}", all_text(&home, "#pipeline-card li"));

    // Delete, then undo.
    let response = post(&ada, &app, &page, &format!("{page}/delete"), &[], false).await;
    assert_eq!(response.status(), StatusCode::OK);
    let undo_page = response.text().await.expect("body");
    assert_eq!(get(&ada, &app, &page, false).await.0, StatusCode::NOT_FOUND, "gone from the pipeline");
    let token = csrf_token(&undo_page);
    let response = ada.client.post(app.url(&format!("{page}/restore"))).form(&[("csrf_token", token.as_str())]).send().await.expect("undo");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(get(&ada, &app, &page, false).await.0, StatusCode::OK, "back with its history");
}

#[tokio::test]
async fn another_users_ids_are_not_found_on_every_page_route_and_change_nothing() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let ada = seeker(&app, "ada@example.org").await;
    let bob = seeker(&app, "bob@example.org").await;
    let adas = &ada.application;
    let (_, event) = app.send(Method::POST, &ada.token, &format!("/api/v1/applications/{adas}/events"),
        Some(json!({ "type": "interview", "start_at": "2026-12-09T15:00:00Z" }))).await;
    let (_, task) = app.send(Method::POST, &ada.token, "/api/v1/tasks", Some(json!({ "title": "Prep", "application_id": adas }))).await;
    let (_, message) = app.send(Method::POST, &ada.token, &format!("/api/v1/applications/{adas}/outreach"), Some(json!({ "channel": "email" }))).await;
    let (event, task, message) = (event["id"].as_str().expect("e"), task["id"].as_str().expect("t"), message["id"].as_str().expect("m"));
    let audits_before: i64 = {
        let mut conn = app.owner_connection().await;
        sqlx::query_scalar("select count(*) from audit_logs").fetch_one(&mut conn).await.expect("count")
    };

    for path in [format!("/applications/{adas}"), format!("/events/{event}/ics")] {
        assert_eq!(get(&bob, &app, &path, false).await.0, StatusCode::NOT_FOUND, "GET {path}");
    }
    let bobs_page = format!("/applications/{}", bob.application);
    let attempts: Vec<(String, Vec<(&str, &str)>)> = vec![
        ("/pipeline/move".into(), vec![("application_id", adas.as_str()), ("stage", "offer")]),
        (format!("/applications/{adas}"), vec![("stage", "offer")]),
        (format!("/applications/{adas}/delete"), vec![]),
        (format!("/applications/{adas}/events"), vec![("type", "interview"), ("start_at", "2026-12-10T10:00")]),
        (format!("/applications/{adas}/tasks"), vec![("title", "Mine now")]),
        (format!("/applications/{adas}/outreach"), vec![("channel", "email")]),
        (format!("/events/{event}"), vec![("type", "deadline"), ("start_at", "2026-12-10T10:00")]),
        (format!("/events/{event}/delete"), vec![]),
        (format!("/tasks/{task}/done"), vec![]),
        (format!("/tasks/{task}/delete"), vec![]),
        (format!("/outreach/{message}/status"), vec![("status", "queued")]),
        (format!("/outreach/{message}/delete"), vec![]),
    ];
    for (path, fields) in &attempts {
        for htmx in [false, true] {
            let response = post(&bob, &app, &bobs_page, path, fields, htmx).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "POST {path} (htmx: {htmx})");
        }
    }
    let audits_after: i64 = {
        let mut conn = app.owner_connection().await;
        sqlx::query_scalar("select count(*) from audit_logs").fetch_one(&mut conn).await.expect("count")
    };
    assert_eq!(audits_after, audits_before, "nothing changed");
    let (_, detail) = app.send(Method::GET, &ada.token, &format!("/api/v1/applications/{adas}"), None).await;
    assert_eq!(detail["stage"], "prospect");
}

#[tokio::test]
async fn a_job_typed_in_on_the_board_opens_its_page_and_a_bad_one_is_shown_as_typed() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let ada = seeker(&app, "ada@example.org").await;
    let bad = [("title", "Platform Engineer"), ("company", "Kiwi Robotics"), ("url", "not a link"), ("location", ""), ("stage", "applied")];
    let response = post(&ada, &app, "/pipeline", "/pipeline/add", &bad, false).await;
    assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = response.text().await.expect("body");
    assert!(text_of(&html, "#add-application .field-error").is_some(), "the problem is shown by its field");
    assert_eq!(helpers::attr_of(&html, "#add-title", "value").as_deref(), Some("Platform Engineer"), "kept as typed");
    assert_eq!(column_count(&html, "applied"), "0", "nothing added");

    let good = [("title", "Platform Engineer"), ("company", "Kiwi Robotics"), ("url", "https://jobs.kiwi.example/platform"), ("location", "Wellington"), ("stage", "applied")];
    let response = post(&ada, &app, "/pipeline", "/pipeline/add", &good, false).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = location(&response);
    assert!(page.starts_with("/applications/"), "{page}");
    let (status, html) = get(&ada, &app, &page, false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text_of(&html, "#application-title").as_deref(), Some("Platform Engineer"));
    assert_eq!(text_of(&html, "#stage-now").as_deref(), Some("Applied"));
    let (_, board) = get(&ada, &app, "/pipeline", false).await;
    assert_eq!(cards_in(&board, "applied"), vec!["Platform Engineer"]);
}
