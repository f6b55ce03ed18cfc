//! Events of an application through the JSON API over real HTTP and PostgreSQL: add, list,
//! change (sequence goes up), delete (kept as cancelled), bad times, another user's ids.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::{TestApp, spawn_app};

#[tokio::test]
async fn an_interview_is_added_moved_and_deleted_with_its_sequence_and_audit_rows() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let events = format!("/api/v1/applications/{application}/events");

    let (status, event) = app.send(Method::POST, &token, &events, Some(json!({
        "type": "interview", "start_at": "2026-12-09T15:00:00-05:00", "end_at": "2026-12-09T16:00:00-05:00",
        "location": " Zoom ", "notes": "System design with two engineers"
    }))).await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    assert_eq!((event["type"].clone(), event["start_at"].clone(), event["location"].clone(), event["sequence"].clone()),
        (json!("interview"), json!("2026-12-09T20:00:00Z"), json!("Zoom"), json!(0)));
    let path = format!("/api/v1/events/{}", event["id"].as_str().expect("id"));

    let (status, moved) = app.send(Method::PUT, &token, &path, Some(json!({
        "type": "interview", "start_at": "2026-12-10T15:00:00-05:00", "end_at": "2026-12-10T16:00:00-05:00"
    }))).await;
    assert_eq!(status, StatusCode::OK, "{moved}");
    assert_eq!((moved["sequence"].clone(), moved["location"].clone()), (json!(1), Value::Null));
    let (_, listed) = app.send(Method::GET, &token, &events, None).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1));

    assert_eq!(app.send(Method::DELETE, &token, &path, None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send(Method::GET, &token, &path, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::GET, &token, &events, None).await.1, json!([]));
    assert_eq!(app.send(Method::DELETE, &token, &path, None).await.0, StatusCode::NOT_FOUND, "deleting twice");
    let mut conn = app.owner_connection().await;
    let (sequence, cancelled): (i32, bool) = sqlx::query_as("select sequence, cancelled_at is not null from events")
        .fetch_one(&mut conn)
        .await
        .expect("kept");
    assert_eq!((sequence, cancelled), (2, true), "kept for calendars as cancelled, sequence raised");
    for action in ["event.create", "event.update", "event.delete"] {
        assert_eq!(app.audit_count(action).await, 1, "{action}");
    }
}

#[tokio::test]
async fn bad_events_are_422_naming_the_field_and_another_users_ids_are_404() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, application) = catalog::applicant(&app, "ada@example.org").await;
    let (bob, _) = catalog::applicant(&app, "bob@example.org").await;
    let events = format!("/api/v1/applications/{application}/events");
    for (body, field) in [
        (json!({ "type": "interview", "start_at": "2026-12-09T15:00:00Z", "end_at": "2026-12-09T14:00:00Z" }), "end_at"),
        (json!({ "type": "interview", "start_at": "2026-12-09T15:00:00Z", "end_at": "2026-12-09T15:00:00Z" }), "end_at"),
        (json!({ "type": "party", "start_at": "2026-12-09T15:00:00Z" }), "type"),
        (json!({ "type": "interview", "start_at": "next tuesday" }), "start_at"),
        (json!({ "type": "interview" }), "start_at"),
    ] {
        let (status, error) = app.send(Method::POST, &ada, &events, Some(body.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {error}");
        assert!(error.to_string().contains(field), "{body}: {error}");
    }
    let (_, event) = app.send(Method::POST, &ada, &events, Some(json!({ "type": "deadline", "start_at": "2026-12-12T23:59:00Z" }))).await;
    let path = format!("/api/v1/events/{}", event["id"].as_str().expect("id"));

    assert_eq!(app.send(Method::GET, &bob, &events, None).await.0, StatusCode::NOT_FOUND);
    let new = json!({ "type": "interview", "start_at": "2026-12-09T15:00:00Z" });
    assert_eq!(app.send(Method::POST, &bob, &events, Some(new.clone())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::GET, &bob, &path, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::PUT, &bob, &path, Some(new)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::DELETE, &bob, &path, None).await.0, StatusCode::NOT_FOUND);
    let (_, still) = app.send(Method::GET, &ada, &path, None).await;
    assert_eq!((still["type"].clone(), still["sequence"].clone()), (json!("deadline"), json!(0)));
}

/// The path of a subscription URL on this test server.
fn feed_path(url: &str) -> String {
    format!("/calendar/{}", url.split("/calendar/").nth(1).expect("a calendar URL"))
}

async fn fetch_feed(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = app.client.get(app.url(path)).send().await.expect("feed");
    (response.status(), response.text().await.expect("text"))
}

#[tokio::test]
async fn the_calendar_feed_serves_only_the_users_events_with_stable_uids_sequences_and_cancellations() {
    use icalendar::{Calendar, Component, EventStatus};
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, application) = catalog::applicant(&app, "ada@example.org").await;
    let (bob, bobs_application) = catalog::applicant(&app, "bob@example.org").await;
    let events = format!("/api/v1/applications/{application}/events");
    let (_, interview) = app.send(Method::POST, &ada, &events, Some(json!({
        "type": "interview", "start_at": "2026-12-09T15:00:00-05:00", "end_at": "2026-12-09T16:00:00-05:00", "location": "Zoom"
    }))).await;
    let (_, screen) = app.send(Method::POST, &ada, &events, Some(json!({ "type": "phone_screen", "start_at": "2026-12-08T17:00:00Z" }))).await;
    app.send(Method::POST, &bob, &format!("/api/v1/applications/{bobs_application}/events"),
        Some(json!({ "type": "offer_call", "start_at": "2026-12-10T17:00:00Z" }))).await;
    let interview_id = interview["id"].as_str().expect("id").to_string();
    app.send(Method::PUT, &ada, &format!("/api/v1/events/{interview_id}"), Some(json!({
        "type": "interview", "start_at": "2026-12-10T15:00:00-05:00", "end_at": "2026-12-10T16:00:00-05:00"
    }))).await;
    app.send(Method::DELETE, &ada, &format!("/api/v1/events/{}", screen["id"].as_str().expect("id")), None).await;

    let (status, subscription) = app.send(Method::POST, &ada, "/api/v1/calendar/subscription", None).await;
    assert_eq!(status, StatusCode::CREATED, "{subscription}");
    let path = feed_path(subscription["url"].as_str().expect("url"));
    let response = app.client.get(app.url(&path)).send().await.expect("feed");
    assert_eq!(response.status(), StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().expect("type").starts_with("text/calendar"));
    let calendar: Calendar = response.text().await.expect("text").parse().expect("an RFC 5545 calendar");
    let mut seen: Vec<(String, u32, Option<EventStatus>, Option<String>)> = calendar
        .events()
        .map(|e| (e.get_uid().expect("uid").to_string(), e.get_sequence().expect("sequence"), e.get_status(), e.get_summary().map(str::to_string)))
        .collect();
    seen.sort_by(|a, b| a.0.cmp(&b.0));
    let uid = |id: &Value| format!("{}@jobpilot", id.as_str().expect("id"));
    let mut expected = vec![
        (uid(&interview["id"]), 1, Some(EventStatus::Confirmed), Some("Interview: Senior Rust Engineer at Acme Robotics".to_string())),
        (uid(&screen["id"]), 1, Some(EventStatus::Cancelled), Some("Phone screen: Senior Rust Engineer at Acme Robotics".to_string())),
    ];
    expected.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(seen, expected, "Ada's two events, moved one at SEQUENCE 1, deleted one cancelled, none of Bob's");

    // A new URL replaces the old; a revoked or invented one is a 404; the secret is never logged.
    let (_, second) = app.send(Method::POST, &ada, "/api/v1/calendar/subscription", None).await;
    assert_eq!(fetch_feed(&app, &path).await.0, StatusCode::NOT_FOUND, "the old URL stopped working");
    let second_path = feed_path(second["url"].as_str().expect("url"));
    assert_eq!(fetch_feed(&app, &second_path).await.0, StatusCode::OK);
    assert_eq!(app.send(Method::DELETE, &ada, "/api/v1/calendar/subscription", None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(fetch_feed(&app, &second_path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(fetch_feed(&app, "/calendar/not-a-secret.ics").await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::DELETE, &ada, "/api/v1/calendar/subscription", None).await.0, StatusCode::NOT_FOUND);
    let mut conn = app.owner_connection().await;
    let logged: Vec<String> = sqlx::query_scalar("select diff::text from audit_logs where action like 'calendar.%'")
        .fetch_all(&mut conn)
        .await
        .expect("audit");
    assert_eq!(logged.len(), 3);
    let secret = second_path.trim_start_matches("/calendar/").trim_end_matches(".ics");
    assert!(logged.iter().all(|d| !d.contains(secret)), "{logged:?}");
}

#[tokio::test]
async fn one_event_downloads_as_an_ics_file_for_its_owner_only() {
    use icalendar::{Calendar, Component};
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, application) = catalog::applicant(&app, "ada@example.org").await;
    let (bob, _) = catalog::applicant(&app, "bob@example.org").await;
    let (_, event) = app.send(Method::POST, &ada, &format!("/api/v1/applications/{application}/events"),
        Some(json!({ "type": "deadline", "start_at": "2026-12-12T23:59:00Z", "notes": "Take-home due" }))).await;
    let path = format!("/api/v1/events/{}/ics", event["id"].as_str().expect("id"));

    let response = app.client.get(app.url(&path)).bearer_auth(&ada).send().await.expect("download");
    assert_eq!(response.status(), StatusCode::OK);
    let disposition = response.headers()["content-disposition"].to_str().expect("header").to_string();
    assert!(disposition.starts_with("attachment;") && disposition.contains(".ics"), "{disposition}");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    let calendar: Calendar = response.text().await.expect("text").parse().expect("parses");
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].get_description(), Some("Take-home due"));

    assert_eq!(app.client.get(app.url(&path)).bearer_auth(&bob).send().await.expect("bob").status(), StatusCode::NOT_FOUND);
    app.send(Method::DELETE, &ada, &format!("/api/v1/events/{}", event["id"].as_str().expect("id")), None).await;
    assert_eq!(app.client.get(app.url(&path)).bearer_auth(&ada).send().await.expect("gone").status(), StatusCode::NOT_FOUND);
}
