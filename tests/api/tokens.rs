//! API tokens: create, list with pagination, revoke.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support;

async fn create(app: &support::TestApp, token: &str, name: &str) -> Value {
    let response = app
        .client
        .post(app.url("/api/v1/tokens"))
        .bearer_auth(token)
        .json(&json!({ "name": name }))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::CREATED);
    response.json().await.expect("json")
}

#[tokio::test]
async fn a_new_token_works_and_only_its_hash_is_stored() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let issued = create(&app, &token, "laptop").await;
    let secret = issued["token"].as_str().expect("secret");
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(secret).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::OK);

    let mut conn = app.owner_connection().await;
    let stored: i64 = sqlx::query_scalar(
        "select count(*) from api_tokens where encode(token_hash, 'escape') like '%' || $1 || '%'",
    )
    .bind(secret)
    .fetch_one(&mut conn)
    .await
    .expect("query");
    assert_eq!(stored, 0, "the secret itself is never stored");
    assert_eq!(app.audit_count("api_token.create").await, 1);
    let leaked: i64 = sqlx::query_scalar("select count(*) from audit_logs where diff::text like '%' || $1 || '%'")
        .bind(secret)
        .fetch_one(&mut conn)
        .await
        .expect("query");
    assert_eq!(leaked, 0, "no secret in the audit trail");
}

#[tokio::test]
async fn tokens_are_listed_newest_first_page_by_page_without_secrets() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    for n in 0..4 {
        create(&app, &token, &format!("script {n}")).await;
    }
    let mut names = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut request = app.client.get(app.url("/api/v1/tokens")).bearer_auth(&token).query(&[("limit", "2")]);
        if let Some(c) = &cursor {
            request = request.query(&[("cursor", c)]);
        }
        let page: Value = request.send().await.expect("request").json().await.expect("json");
        for item in page["items"].as_array().expect("items") {
            assert!(item.get("token").is_none(), "listing shows no secret");
            names.push(item["name"].as_str().expect("name").to_string());
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => break,
        }
    }
    assert_eq!(names, vec!["script 3", "script 2", "script 1", "script 0", "api"]);
}

#[tokio::test]
async fn a_bad_page_size_or_cursor_returns_422_naming_it() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    for (key, value, field) in [("limit", "500", "limit"), ("cursor", "garbage", "cursor"), ("limit", "ten", "query")] {
        let response =
            app.client.get(app.url("/api/v1/tokens")).bearer_auth(&token).query(&[(key, value)]).send().await.expect("request");
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{key}={value}");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["field"], field);
    }
}

#[tokio::test]
async fn a_revoked_token_returns_401_at_once() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let issued = create(&app, &token, "to revoke").await;
    let id = issued["id"].as_str().expect("id");
    let response =
        app.client.delete(app.url(&format!("/api/v1/tokens/{id}"))).bearer_auth(&token).send().await.expect("revoke");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let secret = issued["token"].as_str().expect("secret");
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(secret).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
    let again =
        app.client.delete(app.url(&format!("/api/v1/tokens/{id}"))).bearer_auth(&token).send().await.expect("revoke");
    assert_eq!(again.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("api_token.revoke").await, 1);
}

#[tokio::test]
async fn an_expired_token_returns_401() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut conn = app.owner_connection().await;
    sqlx::query("update api_tokens set expires_at = now() - interval '1 minute'")
        .execute(&mut conn)
        .await
        .expect("expire");
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_deactivated_users_tokens_stop_working() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mut conn = app.owner_connection().await;
    sqlx::query("update users set status = 'inactive'").execute(&mut conn).await.expect("deactivate");
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_token_revoked_behind_the_apps_back_stops_working_even_after_it_was_cached() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::OK, "the lookup is now cached");

    // As another app server or an operator would: straight in the database.
    let mut conn = app.owner_connection().await;
    sqlx::query("update api_tokens set revoked_at = now()").execute(&mut conn).await.expect("revoke");

    let mut status = StatusCode::OK;
    for _ in 0..50 {
        status = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("me").status();
        if status == StatusCode::UNAUTHORIZED {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the database notification evicted the cached token");
}
