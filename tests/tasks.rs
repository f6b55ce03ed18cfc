//! Tasks through the JSON API over real HTTP and PostgreSQL: add, edit, complete, reopen,
//! snooze, delete; the "Today" list in the user's own day; bad input; another user's ids.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

use chrono::{Duration, Utc};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::{TestApp, spawn_app};

async fn add(app: &TestApp, token: &str, body: Value) -> Value {
    let (status, task) = app.send(Method::POST, token, "/api/v1/tasks", Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    task
}

fn titles(list: &Value) -> Vec<&str> {
    list.as_array().expect("list").iter().map(|t| t["title"].as_str().expect("title")).collect()
}

#[tokio::test]
async fn a_task_is_added_edited_completed_reopened_snoozed_and_deleted_each_audited() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let task = add(&app, &token, json!({ "title": "  Prepare the system design round ", "nudge_type": "prep", "priority": "high" })).await;
    assert_eq!((task["title"].clone(), task["priority"].clone(), task["nudge_type"].clone()),
        (json!("Prepare the system design round"), json!("high"), json!("prep")));
    let path = format!("/api/v1/tasks/{}", task["id"].as_str().expect("id"));

    let (status, edited) = app.send(Method::PUT, &token, &path, Some(json!({ "title": "Prepare design round", "priority": "urgent" }))).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!((edited["priority"].clone(), edited["nudge_type"].clone()), (json!("urgent"), Value::Null));

    let (_, done) = app.send(Method::POST, &token, &format!("{path}/complete"), None).await;
    assert!(done["completed_at"].is_string());
    let (_, again) = app.send(Method::POST, &token, &format!("{path}/complete"), None).await;
    assert_eq!(again["completed_at"], done["completed_at"], "completing twice changes nothing");
    assert_eq!(app.send(Method::POST, &token, &format!("{path}/snooze"), Some(json!({}))).await.0, StatusCode::CONFLICT);
    let (_, open) = app.send(Method::POST, &token, &format!("{path}/reopen"), None).await;
    assert_eq!(open["completed_at"], Value::Null);

    let before = Utc::now();
    let (status, snoozed) = app.send(Method::POST, &token, &format!("{path}/snooze"), Some(json!({}))).await;
    assert_eq!(status, StatusCode::OK, "{snoozed}");
    let due: chrono::DateTime<Utc> = snoozed["due_at"].as_str().expect("due").parse().expect("time");
    assert!(due > before + Duration::hours(23) && due < Utc::now() + Duration::hours(25), "{due}");

    assert_eq!(titles(&app.send(Method::GET, &token, "/api/v1/tasks?status=all", None).await.1), ["Prepare design round"]);
    assert_eq!(app.send(Method::DELETE, &token, &path, None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send(Method::GET, &token, &path, None).await.0, StatusCode::NOT_FOUND);

    for action in ["task.create", "task.update", "task.complete", "task.reopen", "task.snooze", "task.delete"] {
        assert_eq!(app.audit_count(action).await, 1, "{action}");
    }
    let mut conn = app.owner_connection().await;
    let completed: i64 = sqlx::query_scalar("select count(*) from user_events where name = 'task_completed'")
        .fetch_one(&mut conn)
        .await
        .expect("events");
    assert_eq!(completed, 1);
}

#[tokio::test]
async fn today_lists_overdue_tasks_first_then_todays_by_priority_in_the_users_zone() {
    use chrono::TimeZone;
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut conn = app.owner_connection().await;
    let zone = chrono_tz::Pacific::Auckland;
    let changed = sqlx::query(
        "update profiles set job_preferences = jsonb_set(job_preferences, '{timezone}', '\"Pacific/Auckland\"')
          where user_id = (select id from users where email = 'ada@example.org')",
    )
    .execute(&mut conn)
    .await
    .expect("zone");
    assert_eq!(changed.rows_affected(), 1);
    // The user's day, worked out here from the wall clock in Auckland.
    let local_today = Utc::now().with_timezone(&zone).date_naive();
    let midnight = |date: chrono::NaiveDate| zone.from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight")).earliest().expect("exists").with_timezone(&Utc);
    let (start, end) = (midnight(local_today), midnight(local_today + Duration::days(1)));
    add(&app, &token, json!({ "title": "yesterday evening, low", "priority": "low", "due_at": start - Duration::hours(2) })).await;
    add(&app, &token, json!({ "title": "this morning, normal", "due_at": start + Duration::minutes(30) })).await;
    add(&app, &token, json!({ "title": "tonight, urgent", "priority": "urgent", "due_at": end - Duration::minutes(30) })).await;
    add(&app, &token, json!({ "title": "tomorrow, urgent", "priority": "urgent", "due_at": end + Duration::minutes(30) })).await;
    add(&app, &token, json!({ "title": "whenever" })).await;
    let done = add(&app, &token, json!({ "title": "done already", "due_at": start - Duration::hours(1) })).await;
    app.send(Method::POST, &token, &format!("/api/v1/tasks/{}/complete", done["id"].as_str().expect("id")), None).await;

    let (status, today) = app.send(Method::GET, &token, "/api/v1/tasks/today", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&today), ["yesterday evening, low", "tonight, urgent", "this morning, normal"]);
}

#[tokio::test]
async fn bad_tasks_are_422_and_another_users_ids_are_404_everywhere() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let posting = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let (_, adas_application) = app.send(Method::POST, &ada, &format!("/api/v1/postings/{posting}/track"), None).await;
    let adas_task = add(&app, &ada, json!({ "title": "Follow up", "application_id": adas_application["id"] })).await;
    let path = format!("/api/v1/tasks/{}", adas_task["id"].as_str().expect("id"));

    for (body, field) in [
        (json!({ "title": "" }), "title"),
        (json!({ "title": "x", "priority": "whenever" }), "priority"),
        (json!({ "title": "x", "nudge_type": "nap" }), "nudge_type"),
        (json!({ "title": "x", "due_at": "tomorrow" }), "due_at"),
        (json!({ "title": "x", "colour": "red" }), "colour"),
    ] {
        let (status, error) = app.send(Method::POST, &ada, "/api/v1/tasks", Some(body.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {error}");
        assert!(error.to_string().contains(field), "{body}: {error}");
    }
    let (status, error) = app.send(Method::GET, &ada, "/api/v1/tasks?status=someday", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
    let (status, _) = app.send(Method::POST, &ada, &format!("{path}/snooze"), Some(json!({ "until": Utc::now() - Duration::hours(1) }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);

    // Bob: Ada's task on every route, and Ada's application in a body.
    assert_eq!(app.send(Method::GET, &bob, &path, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::PUT, &bob, &path, Some(json!({ "title": "mine" }))).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::DELETE, &bob, &path, None).await.0, StatusCode::NOT_FOUND);
    for action in ["complete", "reopen"] {
        assert_eq!(app.send(Method::POST, &bob, &format!("{path}/{action}"), None).await.0, StatusCode::NOT_FOUND, "{action}");
    }
    assert_eq!(app.send(Method::POST, &bob, &format!("{path}/snooze"), Some(json!({}))).await.0, StatusCode::NOT_FOUND);
    let (status, _) = app.send(Method::POST, &bob, "/api/v1/tasks", Some(json!({ "title": "x", "application_id": adas_application["id"] }))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "another user's application in a body");
    assert_eq!(titles(&app.send(Method::GET, &bob, "/api/v1/tasks?status=all", None).await.1), Vec::<&str>::new());
    let (_, still) = app.send(Method::GET, &ada, &path, None).await;
    assert_eq!((still["title"].clone(), still["completed_at"].clone()), (json!("Follow up"), Value::Null));
}
