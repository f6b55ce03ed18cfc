//! Events of an application through the JSON API over real HTTP and PostgreSQL: add, list,
//! change (sequence goes up), delete (kept as cancelled), bad times, another user's ids.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::{TestApp, spawn_app};

/// A user tracking the Rust posting: (token, application id).
async fn applicant(app: &TestApp, email: &str) -> (String, String) {
    let token = app.sign_up(email).await;
    let posting = catalog::posting_id(app, catalog::RUST_JOB).await;
    let (_, application) = app.send(Method::POST, &token, &format!("/api/v1/postings/{posting}/track"), None).await;
    (token, application["id"].as_str().expect("id").to_string())
}

#[tokio::test]
async fn an_interview_is_added_moved_and_deleted_with_its_sequence_and_audit_rows() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = applicant(&app, "ada@example.org").await;
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
    let (ada, application) = applicant(&app, "ada@example.org").await;
    let (bob, _) = applicant(&app, "bob@example.org").await;
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
