//! API conventions every endpoint shares: JSON errors, limits, request ids, OpenAPI, health.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::support::{self, STRONG_PASSWORD};

async fn first_error(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    let body: Value = response.json().await.expect("error bodies are JSON");
    (status, body["errors"][0].clone())
}

#[tokio::test]
async fn malformed_json_returns_400_with_a_json_error() {
    let app = support::spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .header("content-type", "application/json")
        .body("{\"email\": \"ada@example.org\", ")
        .send()
        .await
        .expect("request");
    let (status, error) = first_error(response).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error["detail"].as_str().expect("detail").contains("malformed JSON"));
}

#[tokio::test]
async fn a_field_of_the_wrong_type_returns_422_naming_it() {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let response = app
        .client
        .put(app.url("/api/v1/profile"))
        .bearer_auth(&token)
        .json(&json!({"years_experience": "eight"}))
        .send()
        .await
        .expect("request");
    let (status, error) = first_error(response).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error["field"], "years_experience");
}

#[tokio::test]
async fn a_missing_or_unknown_field_returns_422_naming_it() {
    let app = support::spawn_app().await;
    let missing = app.client.post(app.url("/api/v1/auth/signup")).json(&json!({"email": "a@b.org"})).send();
    let (status, error) = first_error(missing.await.expect("request")).await;
    assert_eq!((status, error["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("password")));

    let body = json!({"email": "a@b.org", "password": STRONG_PASSWORD, "is_admin": true});
    let unknown = app.client.post(app.url("/api/v1/auth/signup")).json(&body).send();
    let (status, error) = first_error(unknown.await.expect("request")).await;
    assert_eq!((status, error["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("is_admin")));
}

#[tokio::test]
async fn a_body_over_one_mebibyte_returns_413() {
    let app = support::spawn_app().await;
    let huge = json!({"email": "a@b.org", "password": "x".repeat(1024 * 1024 + 10)});
    let response = app.client.post(app.url("/api/v1/auth/signup")).json(&huge).send().await.expect("request");
    let (status, _) = first_error(response).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn a_body_that_is_not_json_returns_415() {
    let app = support::spawn_app().await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .header("content-type", "text/plain")
        .body("email=a@b.org")
        .send()
        .await
        .expect("request");
    let (status, _) = first_error(response).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[tokio::test]
async fn requests_without_or_with_a_bad_token_return_401() {
    let app = support::spawn_app().await;
    for auth in [None, Some("Bearer jp_not-a-real-token"), Some("Basic YTpi")] {
        let mut request = app.client.get(app.url("/api/v1/me"));
        if let Some(value) = auth {
            request = request.header("authorization", value);
        }
        let response = request.send().await.expect("request");
        assert_eq!(response.headers().get("www-authenticate").map(|v| v.as_bytes()), Some(&b"Bearer"[..]));
        let (status, _) = first_error(response).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}");
    }
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = support::spawn_app().await;
    let response = app.client.get(app.url("/healthz")).send().await.expect("request");
    let id = response.headers().get("x-request-id").expect("x-request-id header");
    assert!(uuid::Uuid::parse_str(id.to_str().expect("ascii")).is_ok());
    let echoed = app.client.get(app.url("/healthz")).header("x-request-id", "abc-123").send().await.expect("request");
    assert_eq!(echoed.headers().get("x-request-id").map(|v| v.as_bytes()), Some(&b"abc-123"[..]));
}

#[tokio::test]
async fn an_unknown_api_path_returns_a_json_404() {
    let app = support::spawn_app().await;
    let response = app.client.get(app.url("/api/v1/nothing-here")).send().await.expect("request");
    let (status, error) = first_error(response).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(error["detail"], "not found");
}

#[tokio::test]
async fn the_openapi_document_is_served_as_3_1_and_lists_every_route() {
    let app = support::spawn_app().await;
    let spec: Value =
        app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("request").json().await.expect("json");
    assert!(spec["openapi"].as_str().expect("version").starts_with("3.1"));
    for path in ["/api/v1/auth/signup", "/api/v1/auth/login", "/api/v1/me", "/api/v1/profile", "/api/v1/tokens", "/api/v1/tokens/{id}"] {
        assert!(spec["paths"].get(path).is_some(), "{path} documented");
    }
    assert!(spec["components"]["securitySchemes"]["bearer"].is_object());
}

#[tokio::test]
async fn the_api_docs_page_works_without_internet() {
    let app = support::spawn_app().await;
    let page = app.client.get(app.url("/api/docs/")).send().await.expect("request");
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("html");
    assert!(html.contains("swagger-ui"));
    assert!(!html.contains("https://"), "no assets from a CDN");
    let bundle = app.client.get(app.url("/api/docs/swagger-ui-bundle.js")).send().await.expect("request");
    assert_eq!(bundle.status(), StatusCode::OK);
}

#[tokio::test]
async fn health_and_readiness_report_a_migrated_database() {
    let app = support::spawn_app().await;
    let health = app.client.get(app.url("/healthz")).send().await.expect("request");
    assert_eq!(health.status(), StatusCode::OK);
    let ready = app.client.get(app.url("/readyz")).send().await.expect("request");
    assert_eq!(ready.status(), StatusCode::OK);
    let body: Value = ready.json().await.expect("json");
    assert_eq!(body["migrations"]["current"], true);
}

#[tokio::test]
async fn readiness_fails_when_the_schema_is_behind_the_binary() {
    let app = support::spawn_app().await;
    let mut conn = app.owner_connection().await;
    sqlx::query("delete from _sqlx_migrations where version = (select max(version) from _sqlx_migrations)")
        .execute(&mut conn)
        .await
        .expect("forget the newest migration");
    let ready = app.client.get(app.url("/readyz")).send().await.expect("request");
    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn behind_a_trusted_proxy_the_client_cannot_choose_its_own_address() {
    let app = support::spawn_app_with(|config| config.trust_proxy = true).await;
    let response = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .header("x-forwarded-for", "6.6.6.6, 203.0.113.9")
        .json(&json!({"email": "ada@example.org", "password": STRONG_PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), StatusCode::CREATED);
    let mut conn = app.owner_connection().await;
    let ip: String = sqlx::query_scalar("select host(ip) from audit_logs where action = 'user.sign_up'")
        .fetch_one(&mut conn)
        .await
        .expect("audit ip");
    assert_eq!(ip, "203.0.113.9", "the hop the proxy appended, not the one the client wrote");
}
