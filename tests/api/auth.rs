//! Sign-up and login for API clients.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{self, STRONG_PASSWORD};

async fn post(app: &support::TestApp, path: &str, body: Value) -> (StatusCode, Value) {
    let response = app.client.post(app.url(path)).json(&body).send().await.expect("request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn error_fields(body: &Value) -> Vec<String> {
    body["errors"]
        .as_array()
        .map(|errors| errors.iter().filter_map(|e| e["field"].as_str().map(String::from)).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn signing_up_returns_201_with_a_token_a_profile_and_a_default_search() {
    let app = support::spawn_app().await;
    let (status, body) =
        post(&app, "/api/v1/auth/signup", json!({"email": "ada@example.org", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::CREATED);
    assert!(body["token"].as_str().is_some_and(|t| t.starts_with("jp_")));
    assert_eq!(body["user"]["email"], "ada@example.org");
    assert!(body["user"].get("password_hash").is_none());

    let mut conn = app.owner_connection().await;
    let (profiles, searches, hash): (i64, i64, String) = sqlx::query_as(
        "select (select count(*) from profiles), (select count(*) from search_prefs),
                (select password_hash from users)",
    )
    .fetch_one(&mut conn)
    .await
    .expect("counts");
    assert_eq!((profiles, searches), (1, 1));
    assert!(hash.starts_with("$argon2id$"), "stored hash is Argon2id");
    assert_eq!(app.audit_count("user.sign_up").await, 1);
}

#[tokio::test]
async fn a_duplicate_email_in_another_case_returns_409_and_writes_nothing() {
    let app = support::spawn_app().await;
    app.sign_up("ada@example.org").await;
    let (status, body) =
        post(&app, "/api/v1/auth/signup", json!({"email": "ADA@Example.ORG", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(error_fields(&body), vec!["email"]);
    let mut conn = app.owner_connection().await;
    let users: i64 = sqlx::query_scalar("select count(*) from users").fetch_one(&mut conn).await.expect("count");
    let profiles: i64 = sqlx::query_scalar("select count(*) from profiles").fetch_one(&mut conn).await.expect("count");
    assert_eq!((users, profiles), (1, 1), "no half-written rows");
    assert_eq!(app.audit_count("user.sign_up").await, 1);
}

#[tokio::test]
async fn short_or_common_passwords_return_422_naming_the_password() {
    let app = support::spawn_app().await;
    for password in ["short", "password123", "1234567890"] {
        let (status, body) =
            post(&app, "/api/v1/auth/signup", json!({"email": "ada@example.org", "password": password})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{password}");
        assert_eq!(error_fields(&body), vec!["password"], "{password}");
    }
}

#[tokio::test]
async fn a_malformed_email_returns_422_naming_the_email() {
    let app = support::spawn_app().await;
    let (status, body) =
        post(&app, "/api/v1/auth/signup", json!({"email": "not-an-email", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), vec!["email"]);
}

#[tokio::test]
async fn logging_in_returns_a_working_token_and_is_audited() {
    let app = support::spawn_app().await;
    app.sign_up("ada@example.org").await;
    let (status, body) =
        post(&app, "/api/v1/auth/login", json!({"email": "Ada@example.org", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::OK);
    let token = body["token"].as_str().expect("token");
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(token).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::OK);
    let me: Value = me.json().await.expect("json");
    assert_eq!(me["email"], "ada@example.org");
    assert!(me["last_login_at"].is_string());
    assert_eq!(app.audit_count("user.log_in").await, 1);
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_401() {
    let app = support::spawn_app().await;
    app.sign_up("ada@example.org").await;
    let (wrong_status, wrong_body) =
        post(&app, "/api/v1/auth/login", json!({"email": "ada@example.org", "password": "nope-nope-nope"})).await;
    let (unknown_status, unknown_body) =
        post(&app, "/api/v1/auth/login", json!({"email": "bob@example.org", "password": "nope-nope-nope"})).await;
    assert_eq!(wrong_status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown_status, StatusCode::UNAUTHORIZED);
    assert_eq!(wrong_body, unknown_body);
}

#[tokio::test]
async fn repeated_failures_lock_the_account_with_429_even_for_the_right_password() {
    let app = support::spawn_app().await;
    app.sign_up("ada@example.org").await;
    let max = app.state.config.login_max_failures_per_account;
    for _ in 0..max {
        let (status, _) =
            post(&app, "/api/v1/auth/login", json!({"email": "ada@example.org", "password": "wrong-wrong-wrong"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let response = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": "ada@example.org", "password": STRONG_PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn repeated_failures_from_one_ip_lock_that_ip_across_accounts() {
    let app = support::spawn_app_with(|config| config.login_max_failures_per_ip = 3).await;
    app.sign_up("ada@example.org").await;
    for n in 0..3 {
        let email = format!("nobody{n}@example.org");
        let (status, _) = post(&app, "/api/v1/auth/login", json!({"email": email, "password": "wrong-wrong"})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _) =
        post(&app, "/api/v1/auth/login", json!({"email": "ada@example.org", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn logging_out_revokes_the_token_in_use() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let response = app.client.post(app.url("/api/v1/auth/logout")).bearer_auth(&token).send().await.expect("logout");
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let me = app.client.get(app.url("/api/v1/me")).bearer_auth(&token).send().await.expect("me");
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_burst_of_parallel_guesses_cannot_exceed_the_account_limit() {
    let app = support::spawn_app().await;
    app.sign_up("ada@example.org").await;
    let max = app.state.config.login_max_failures_per_account as usize;
    let guesses = (0..20).map(|n| {
        let body = json!({"email": "ada@example.org", "password": format!("guess-number-{n}")});
        app.client.post(app.url("/api/v1/auth/login")).json(&body).send()
    });
    let statuses: Vec<StatusCode> =
        futures::future::join_all(guesses).await.into_iter().map(|r| r.expect("request").status()).collect();
    let checked = statuses.iter().filter(|s| **s == StatusCode::UNAUTHORIZED).count();
    let refused = statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count();
    assert!(checked <= max, "{checked} passwords were checked, limit {max}");
    assert_eq!(checked + refused, 20, "{statuses:?}");
}

#[tokio::test]
async fn nul_characters_in_credentials_get_a_client_error_not_a_500() {
    let app = support::spawn_app().await;
    let (status, _) =
        post(&app, "/api/v1/auth/login", json!({"email": "a\u{0}@example.org", "password": "whatever-it-is"})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, body) =
        post(&app, "/api/v1/auth/signup", json!({"email": "a\u{0}@example.org", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(&body), vec!["email"]);
}

#[tokio::test]
async fn sign_ups_from_one_ip_are_limited() {
    let app = support::spawn_app_with(|config| config.signup_max_per_ip = 2).await;
    app.sign_up("one@example.org").await;
    let (status, _) =
        post(&app, "/api/v1/auth/signup", json!({"email": "one@example.org", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::CONFLICT, "the second attempt is still answered");
    let (status, _) =
        post(&app, "/api/v1/auth/signup", json!({"email": "three@example.org", "password": STRONG_PASSWORD})).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
}
