//! One user never sees or changes another's data, through any route that exists.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support;

#[tokio::test]
async fn user_b_cannot_read_or_change_anything_of_user_a() {
    let app = support::spawn_app().await;
    let token_a = app.sign_up("ada@example.org").await;
    let token_b = app.sign_up("bob@example.org").await;

    let profile_a = json!({"headline": "A's secret headline", "skills": ["Rust"]});
    let saved = app.client.put(app.url("/api/v1/profile")).bearer_auth(&token_a).json(&profile_a).send().await.expect("put");
    assert_eq!(saved.status(), StatusCode::OK);

    let me_b: Value = app.client.get(app.url("/api/v1/me")).bearer_auth(&token_b).send().await.expect("me").json().await.expect("json");
    assert_eq!(me_b["email"], "bob@example.org");
    let profile_b: Value =
        app.client.get(app.url("/api/v1/profile")).bearer_auth(&token_b).send().await.expect("get").json().await.expect("json");
    assert_eq!(profile_b["headline"], Value::Null, "B sees only B's profile");

    let tokens_b: Value =
        app.client.get(app.url("/api/v1/tokens")).bearer_auth(&token_b).send().await.expect("list").json().await.expect("json");
    assert_eq!(tokens_b["items"].as_array().expect("items").len(), 1, "B lists only B's token");

    let tokens_a: Value =
        app.client.get(app.url("/api/v1/tokens")).bearer_auth(&token_a).send().await.expect("list").json().await.expect("json");
    let a_token_id = tokens_a["items"][0]["id"].as_str().expect("id");
    let revoke = app
        .client
        .delete(app.url(&format!("/api/v1/tokens/{a_token_id}")))
        .bearer_auth(&token_b)
        .send()
        .await
        .expect("revoke");
    assert_eq!(revoke.status(), StatusCode::NOT_FOUND, "404, not 403: existence is not revealed");
    let still_works = app.client.get(app.url("/api/v1/me")).bearer_auth(&token_a).send().await.expect("me");
    assert_eq!(still_works.status(), StatusCode::OK, "A's token survives B's attempt");

    let unchanged: Value =
        app.client.get(app.url("/api/v1/profile")).bearer_auth(&token_a).send().await.expect("get").json().await.expect("json");
    assert_eq!(unchanged["headline"], "A's secret headline");
}

#[tokio::test]
async fn the_app_role_without_a_current_user_sees_no_user_rows() {
    let app = support::spawn_app().await;
    app.sign_up("ada@example.org").await;
    let mut tx = app.state.db.begin().await.expect("begin");
    let role: String = sqlx::query_scalar("select current_user::text").fetch_one(&mut *tx).await.expect("role");
    assert_eq!(role, "jobpilot_app");
    for table in ["users", "profiles", "search_prefs", "api_tokens", "audit_logs"] {
        let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select count(*) from {table}")))
            .fetch_one(&mut *tx)
            .await
            .expect("count");
        assert_eq!(count, 0, "{table} visible without a current user");
    }
}
