//! The profile: read, replace, validation, audit.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support;

fn full_profile() -> Value {
    json!({
        "headline": "Staff Engineer",
        "summary": "Builds reliable systems.",
        "skills": ["Rust", "PostgreSQL", "rust"],
        "years_experience": 9,
        "locations": ["Berlin", "Remote (EU)"],
        "work_auth": "EU citizen",
        "salary_min_cents": 9_000_000,
        "salary_max_cents": 12_000_000,
        "remote_only": false,
        "job_preferences": {"levels": ["Staff"], "functions": ["Engineering"], "industries": ["Fintech"],
                            "timezone": "Europe/Berlin"}
    })
}

async fn put(app: &support::TestApp, token: &str, body: &Value) -> (StatusCode, Value) {
    let response =
        app.client.put(app.url("/api/v1/profile")).bearer_auth(token).json(body).send().await.expect("request");
    (response.status(), response.json().await.expect("json"))
}

#[tokio::test]
async fn a_new_user_has_an_empty_profile() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let profile: Value =
        app.client.get(app.url("/api/v1/profile")).bearer_auth(&token).send().await.expect("get").json().await.expect("json");
    assert_eq!(profile["headline"], Value::Null);
    assert_eq!(profile["skills"], json!([]));
    assert_eq!(profile["remote_only"], true);
}

#[tokio::test]
async fn saving_a_profile_stores_every_field_and_audits_the_change_once() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (status, saved) = put(&app, &token, &full_profile()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved["skills"], json!(["Rust", "PostgreSQL"]), "duplicates folded");
    let fetched: Value =
        app.client.get(app.url("/api/v1/profile")).bearer_auth(&token).send().await.expect("get").json().await.expect("json");
    assert_eq!(fetched["job_preferences"]["timezone"], "Europe/Berlin");
    assert_eq!(fetched["salary_max_cents"], 12_000_000);
    assert_eq!(fetched["remote_only"], false);
    assert_eq!(app.audit_count("profile.update").await, 1);

    let mut conn = app.owner_connection().await;
    let diff: Value = sqlx::query_scalar("select diff from audit_logs where action = 'profile.update'")
        .fetch_one(&mut conn)
        .await
        .expect("diff");
    assert_eq!(diff["before"]["headline"], Value::Null);
    assert_eq!(diff["after"]["headline"], "Staff Engineer");

    let (status, _) = put(&app, &token, &full_profile()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(app.audit_count("profile.update").await, 1, "saving unchanged values changes nothing");
}

#[tokio::test]
async fn an_unknown_time_zone_returns_422_and_saves_nothing() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut body = full_profile();
    body["job_preferences"]["timezone"] = json!("Mars/Olympus_Mons");
    let (status, errors) = put(&app, &token, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(errors["errors"][0]["field"], "job_preferences.timezone");
    let profile: Value =
        app.client.get(app.url("/api/v1/profile")).bearer_auth(&token).send().await.expect("get").json().await.expect("json");
    assert_eq!(profile["headline"], Value::Null, "nothing half-written");
}

#[tokio::test]
async fn an_upside_down_or_negative_salary_returns_422_naming_the_fields() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut body = full_profile();
    body["salary_min_cents"] = json!(20_000_000);
    let (status, errors) = put(&app, &token, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(errors["errors"][0]["field"], "salary_min_cents");

    body["salary_min_cents"] = json!(-100);
    body["salary_max_cents"] = json!(-1);
    let (status, errors) = put(&app, &token, &body).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<&str> = errors["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert!(fields.contains(&"salary_min_cents") && fields.contains(&"salary_max_cents"), "{fields:?}");
}

#[tokio::test]
async fn control_characters_in_profile_text_return_422_naming_the_field() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    for (field, value) in [("headline", json!("Staff\u{0} engineer")), ("skills", json!(["Rust", "S\u{0}QL"]))] {
        let (status, errors) = put(&app, &token, &json!({ field: value })).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}");
        assert_eq!(errors["errors"][0]["field"], field);
    }
    let (status, _) = put(&app, &token, &json!({"summary": "Line one.\nLine two.\tTabbed."})).await;
    assert_eq!(status, StatusCode::OK, "newlines and tabs are fine in the summary");
}
