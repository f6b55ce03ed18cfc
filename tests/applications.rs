//! Tracking postings through the JSON API: `POST /api/v1/postings/{id}/track` and
//! `GET /api/v1/applications`, over real HTTP against a real PostgreSQL.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

use reqwest::StatusCode;
use serde_json::Value;
use support::{TestApp, spawn_app};
use uuid::Uuid;

async fn track(app: &TestApp, token: &str, posting: Uuid) -> (StatusCode, Value) {
    let response = app
        .client
        .post(app.url(&format!("/api/v1/postings/{posting}/track")))
        .bearer_auth(token)
        .send()
        .await
        .expect("track request");
    let status = response.status();
    (status, response.json().await.expect("json body"))
}

async fn list(app: &TestApp, token: &str, query: &[(&str, &str)]) -> Value {
    let response =
        app.client.get(app.url("/api/v1/applications")).bearer_auth(token).query(query).send().await.expect("list");
    assert_eq!(response.status(), StatusCode::OK);
    response.json().await.expect("json body")
}

async fn applications_in_db(app: &TestApp) -> i64 {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar("select count(*) from applications").fetch_one(&mut conn).await.expect("count")
}

#[tokio::test]
async fn tracking_a_posting_answers_201_then_200_with_one_application_and_one_audit_row() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let posting = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let token = app.sign_up("ada@example.org").await;

    let (status, first) = track(&app, &token, posting).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(first["stage"], "prospect");
    assert_eq!(first["source_label"], "Manual add");
    assert_eq!(first["job_posting_id"], posting.to_string());
    assert_eq!(first["posting_title"], "Senior Rust Engineer");
    assert_eq!(first["company_name"], "Acme Robotics");

    let (status, again) = track(&app, &token, posting).await;
    assert_eq!(status, StatusCode::OK, "tracking twice is not an error");
    assert_eq!(again["id"], first["id"], "the existing application comes back");
    assert_eq!(applications_in_db(&app).await, 1, "no duplicate");
    assert_eq!(app.audit_count("application.track").await, 1, "only the creation is audited");

    let mut conn = app.owner_connection().await;
    let (actor, entity_id): (Option<Uuid>, Uuid) =
        sqlx::query_as("select actor_id, entity_id from audit_logs where action = 'application.track'")
            .fetch_one(&mut conn)
            .await
            .expect("audit row");
    let user: Uuid = sqlx::query_scalar("select id from users").fetch_one(&mut conn).await.expect("user");
    assert_eq!(actor, Some(user));
    assert_eq!(entity_id.to_string(), first["id"].as_str().expect("id"));
}

#[tokio::test]
async fn tracking_the_same_posting_in_parallel_creates_one_application() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let posting = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let token = app.sign_up("ada@example.org").await;
    let results = futures::future::join_all((0..6).map(|_| track(&app, &token, posting))).await;
    let created = results.iter().filter(|(status, _)| *status == StatusCode::CREATED).count();
    assert!(results.iter().all(|(status, _)| status.is_success()), "{results:?}");
    assert_eq!(created, 1);
    assert_eq!(applications_in_db(&app).await, 1);
    assert_eq!(app.audit_count("application.track").await, 1);
}

#[tokio::test]
async fn a_user_sees_only_their_own_applications() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let rust = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let frontend = catalog::posting_id(&app, catalog::FRONTEND_JOB).await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    track(&app, &ada, rust).await;
    track(&app, &ada, frontend).await;

    assert_eq!(list(&app, &bob, &[]).await["items"], serde_json::json!([]), "B sees none of A's");
    // B tracking the same posting makes B's own application, not A's.
    let (status, bobs) = track(&app, &bob, rust).await;
    assert_eq!(status, StatusCode::CREATED);
    let listed = list(&app, &bob, &[]).await;
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(listed["items"][0]["id"], bobs["id"]);
    assert_eq!(list(&app, &ada, &[]).await["items"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn applications_are_listed_newest_first_page_by_page() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let token = app.sign_up("ada@example.org").await;
    let mut tracked = Vec::new();
    for board_id in [catalog::RUST_JOB, catalog::FRONTEND_JOB, catalog::HOSTILE_JOB] {
        let (_, body) = track(&app, &token, catalog::posting_id(&app, board_id).await).await;
        tracked.push(body["id"].clone());
    }
    let first = list(&app, &token, &[("limit", "2")]).await;
    let cursor = first["next_cursor"].as_str().expect("a full page has a cursor");
    let second = list(&app, &token, &[("limit", "2"), ("cursor", cursor)]).await;
    assert_eq!(second["next_cursor"], Value::Null);
    let ids: Vec<Value> = [&first, &second]
        .iter()
        .flat_map(|page| page["items"].as_array().cloned().unwrap_or_default())
        .map(|item| item["id"].clone())
        .collect();
    tracked.reverse();
    assert_eq!(ids, tracked);
}

#[tokio::test]
async fn an_unknown_or_malformed_posting_is_404_and_a_closed_one_409() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let token = app.sign_up("ada@example.org").await;
    let (status, body) = track(&app, &token, Uuid::new_v4()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["errors"][0]["detail"], "not found");
    let malformed =
        app.client.post(app.url("/api/v1/postings/not-a-uuid/track")).bearer_auth(&token).send().await.expect("post");
    assert_eq!(malformed.status(), StatusCode::NOT_FOUND);

    let frontend = catalog::posting_id(&app, catalog::FRONTEND_JOB).await;
    let (status, _) = track(&app, &token, catalog::posting_id(&app, catalog::RUST_JOB).await).await;
    assert_eq!(status, StatusCode::CREATED);
    catalog::close(&app, catalog::RUST_JOB).await;
    catalog::close(&app, catalog::FRONTEND_JOB).await;
    let (status, body) = track(&app, &token, frontend).await;
    assert_eq!(status, StatusCode::CONFLICT, "a closed posting cannot be newly tracked");
    assert_eq!(body["errors"][0]["field"], "job_posting_id");
    let (status, _) = track(&app, &token, catalog::posting_id(&app, catalog::RUST_JOB).await).await;
    assert_eq!(status, StatusCode::OK, "one tracked before it closed is still returned");
    assert_eq!(applications_in_db(&app).await, 1);
    assert_eq!(app.audit_count("application.track").await, 1);
}

#[tokio::test]
async fn tracking_and_listing_need_a_token() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let posting = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let tracked = app.client.post(app.url(&format!("/api/v1/postings/{posting}/track"))).send().await.expect("post");
    assert_eq!(tracked.status(), StatusCode::UNAUTHORIZED);
    let listed = app.client.get(app.url("/api/v1/applications")).send().await.expect("get");
    assert_eq!(listed.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(applications_in_db(&app).await, 0);
}

#[tokio::test]
async fn a_soft_deleted_application_is_restored_by_tracking_again() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let posting = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let token = app.sign_up("ada@example.org").await;
    let (_, first) = track(&app, &token, posting).await;
    let mut conn = app.owner_connection().await;
    sqlx::query("update applications set deleted_at = now()").execute(&mut conn).await.expect("soft delete");
    assert_eq!(list(&app, &token, &[]).await["items"], serde_json::json!([]), "deleted ones are not listed");

    let (status, again) = track(&app, &token, posting).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(again["id"], first["id"], "the same row, restored");
    assert_eq!(app.audit_count("application.track").await, 2);
}

#[tokio::test]
async fn the_openapi_document_lists_the_application_paths() {
    let app = spawn_app().await;
    let doc: Value =
        app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("get").json().await.expect("json");
    let track = &doc["paths"]["/api/v1/postings/{id}/track"]["post"];
    assert_eq!(track["tags"][0], "applications");
    assert!(track["responses"]["201"].is_object() && track["responses"]["200"].is_object());
    let list = &doc["paths"]["/api/v1/applications"]["get"];
    assert_eq!(list["tags"][0], "applications");
    assert!(doc["components"]["schemas"]["Application"].is_object());
}
