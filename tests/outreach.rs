//! Outreach through the JSON API over real HTTP and PostgreSQL: write a message, move it through
//! the funnel (each move timed, audited; sent counted), illegal moves named, the funnel counts,
//! edits only before it leaves, soft delete, bad input, another user's ids.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::spawn_app;

fn message() -> Value {
    json!({ "contact_name": "Sam Lee", "contact_role": "Engineering manager", "contact_profile_url": "https://www.linkedin.com/in/samlee",
            "channel": "LinkedIn", "message_body": "Hi Sam,\nI applied for the Rust role and would love to talk." })
}

#[tokio::test]
async fn a_message_moves_through_the_funnel_with_each_move_timed_and_the_counts_kept() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let list = format!("/api/v1/applications/{application}/outreach");
    let (status, draft) = app.send(Method::POST, &token, &list, Some(message())).await;
    assert_eq!(status, StatusCode::CREATED, "{draft}");
    assert_eq!((draft["status"].clone(), draft["channel"].clone()), (json!("draft"), json!("linkedin")));
    let path = format!("/api/v1/outreach/{}", draft["id"].as_str().expect("id"));
    let (_, second) = app.send(Method::POST, &token, &list, Some(json!({ "channel": "email", "contact_name": "Recruiting" }))).await;

    let step = |status: &'static str| {
        let (app, token, path) = (&app, token.clone(), path.clone());
        async move { app.send(Method::POST, &token, &format!("{path}/status"), Some(json!({ "status": status }))).await }
    };
    let (status, queued) = step("queued").await;
    assert_eq!(status, StatusCode::OK, "{queued}");
    assert!(queued["queued_at"].is_string());
    let (status, edited) = app.send(Method::PUT, &token, &path, Some(json!({ "channel": "linkedin", "message_body": "Shorter." }))).await;
    assert_eq!(status, StatusCode::OK, "a queued message can still be edited: {edited}");
    let (_, sent) = step("sent").await;
    assert!(sent["sent_at"].is_string());
    assert_eq!(app.send(Method::PUT, &token, &path, Some(json!({ "channel": "email" }))).await.0, StatusCode::CONFLICT, "sent: no edits");

    let (status, refused) = step("draft").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.to_string().contains("replied or bounced"), "names the allowed moves: {refused}");
    let (_, replied) = step("replied").await;
    assert!(replied["replied_at"].is_string());
    let (status, final_) = step("bounced").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(final_.to_string().contains("cannot change status"), "{final_}");

    let (_, listed) = app.send(Method::GET, &token, &list, None).await;
    assert_eq!(listed["funnel"], json!({ "draft": 1, "queued": 0, "sent": 0, "replied": 1, "bounced": 0 }));
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(2));

    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/outreach/{}", second["id"].as_str().expect("id")), None).await.0, StatusCode::NO_CONTENT);
    let (_, listed) = app.send(Method::GET, &token, &list, None).await;
    assert_eq!(listed["funnel"]["draft"], 0);
    let mut conn = app.owner_connection().await;
    let (kept, sent_events): (i64, i64) = sqlx::query_as(
        "select (select count(*) from outreach where deleted_at is not null),
                (select count(*) from user_events where name = 'outreach_sent')",
    )
    .fetch_one(&mut conn)
    .await
    .expect("counts");
    assert_eq!((kept, sent_events), (1, 1), "the deleted message is kept; one sent event");
    assert_eq!(app.audit_count("outreach.status").await, 3);
    assert_eq!(app.audit_count("outreach.create").await, 2);
}

#[tokio::test]
async fn bad_messages_are_422_naming_the_field_and_another_users_ids_are_404() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, application) = catalog::applicant(&app, "ada@example.org").await;
    let (bob, _) = catalog::applicant(&app, "bob@example.org").await;
    let list = format!("/api/v1/applications/{application}/outreach");
    for (body, field) in [
        (json!({ "channel": "carrier pigeon" }), "channel"),
        (json!({ "channel": "email", "contact_profile_url": "javascript:alert(1)" }), "contact_profile_url"),
        (json!({ "channel": "email", "contact_name": "x".repeat(201) }), "contact_name"),
        (json!({ "channel": "email", "mood": "hopeful" }), "mood"),
        (json!({ "channel": "email", "message_body": "Hi\u{0}there" }), "message_body"),
    ] {
        let (status, error) = app.send(Method::POST, &ada, &list, Some(body.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {error}");
        assert!(error.to_string().contains(field), "{body}: {error}");
    }
    let (_, draft) = app.send(Method::POST, &ada, &list, Some(message())).await;
    let path = format!("/api/v1/outreach/{}", draft["id"].as_str().expect("id"));
    let (status, error) = app.send(Method::POST, &ada, &format!("{path}/status"), Some(json!({ "status": "ghosted" }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error.to_string().contains("draft, queued, sent, replied, bounced"), "{error}");

    assert_eq!(app.send(Method::GET, &bob, &list, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::POST, &bob, &list, Some(message())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::PUT, &bob, &path, Some(message())).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::POST, &bob, &format!("{path}/status"), Some(json!({ "status": "sent" }))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::DELETE, &bob, &path, None).await.0, StatusCode::NOT_FOUND);
    let (_, listed) = app.send(Method::GET, &ada, &list, None).await;
    assert_eq!(listed["items"][0]["status"], "draft");
}
