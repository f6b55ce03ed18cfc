//! The profile form on `/settings`: saving, validation by field, htmx saves, audit.

use reqwest::Client;

use crate::helpers::*;
use crate::support::{TestApp, spawn_app};

/// Every field of the form, filled in the way a person would.
fn filled_form(token: &str) -> Vec<(&'static str, String)> {
    [
        ("csrf_token", token),
        ("headline", "Senior backend engineer"),
        ("summary", "Ten years of Rust and PostgreSQL."),
        ("skills", "Rust, PostgreSQL, rust , AWS"),
        ("years_experience", "10"),
        ("locations", "Toronto, Remote (US)"),
        ("work_auth", "Canadian citizen"),
        ("salary_min", "150,000"),
        ("salary_max", "190000"),
        ("remote_only", "on"),
        ("timezone", "America/Toronto"),
        ("levels", "Senior, Staff"),
        ("functions", "Engineering"),
        ("industries", "Fintech, Developer tools"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

async fn logged_in(app: &TestApp) -> (Client, String) {
    let (client, _) = sign_up_with_form(app, "ada@example.org").await;
    let token = token_from(&client, app, "/settings").await;
    (client, token)
}

async fn stored_salary(app: &TestApp) -> (Option<i64>, Option<i64>) {
    let mut conn = app.owner_connection().await;
    sqlx::query_as("select salary_min_cents::bigint, salary_max_cents::bigint from profiles")
        .fetch_one(&mut conn)
        .await
        .expect("profile row")
}

#[tokio::test]
async fn editing_the_profile_saves_it_and_writes_exactly_one_audit_row() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app).await;
    let response = client.post(app.url("/settings")).form(&filled_form(&token)).send().await.expect("post");
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings?saved=1");
    assert_eq!(app.audit_count("profile.update").await, 1);
    assert_eq!(stored_salary(&app).await, (Some(15_000_000), Some(19_000_000)));

    let body = client.get(app.url("/settings?saved=1")).send().await.expect("get").text().await.expect("body");
    assert_eq!(text_of(&body, ".notice.success").as_deref(), Some("Saved"));
    assert_eq!(attr_of(&body, "#skills", "value").as_deref(), Some("Rust, PostgreSQL, AWS"));
    assert_eq!(attr_of(&body, "#salary_min", "value").as_deref(), Some("150000"));
    assert_eq!(attr_of(&body, "#timezone", "value").as_deref(), Some("America/Toronto"));
    assert!(attr_of(&body, "#remote_only", "checked").is_some());
}

#[tokio::test]
async fn an_upside_down_salary_range_is_refused_by_the_field_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app).await;
    let mut form = filled_form(&token);
    form.retain(|(k, _)| !k.starts_with("salary"));
    form.extend([("salary_min", "200000".to_string()), ("salary_max", "90000".to_string())]);
    let response = client.post(app.url("/settings")).form(&form).send().await.expect("post");
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    let message = text_of(&body, "#salary_min-error").unwrap_or_default();
    assert!(message.contains("must not exceed the maximum salary"), "{message}");
    assert_eq!(attr_of(&body, "#salary_min", "aria-invalid").as_deref(), Some("true"));
    assert_eq!(attr_of(&body, "#headline", "value").as_deref(), Some("Senior backend engineer"), "input kept");
    assert_eq!(stored_salary(&app).await, (None, None));
    assert_eq!(app.audit_count("profile.update").await, 0);
}

#[tokio::test]
async fn text_where_a_number_belongs_is_reported_by_its_field() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app).await;
    let form = [("csrf_token", token.as_str()), ("years_experience", "ten"), ("salary_max", "lots")];
    let response = client.post(app.url("/settings")).form(&form).send().await.expect("post");
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(text_of(&body, "#years_experience-error").is_some_and(|m| m.contains("whole number")));
    assert!(text_of(&body, "#salary_max-error").is_some_and(|m| m.contains("whole currency units")));
    assert_eq!(text_of(&body, "#salary_min-error"), None);
}

#[tokio::test]
async fn an_unknown_time_zone_is_reported_by_its_field() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app).await;
    let form = [("csrf_token", token.as_str()), ("timezone", "Mars/Olympus")];
    let response = client.post(app.url("/settings")).form(&form).send().await.expect("post");
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(text_of(&body, "#timezone-error").is_some_and(|m| m.contains("IANA")), "{body}");
}

#[tokio::test]
async fn an_htmx_save_returns_only_the_form_with_a_saved_status() {
    let app = spawn_app().await;
    let (client, token) = logged_in(&app).await;
    let mut form = filled_form(&token);
    form.retain(|(k, _)| *k != "csrf_token");
    let response = client
        .post(app.url("/settings"))
        .header("hx-request", "true")
        .header("x-csrf-token", &token)
        .form(&form)
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 200);
    let body = response.text().await.expect("body");
    assert!(body.trim_start().starts_with("<form"), "a fragment, not a page: {body}");
    assert_eq!(text_of(&body, ".notice.success").as_deref(), Some("Saved"));
    assert_eq!(attr_of(&body, "#headline", "value").as_deref(), Some("Senior backend engineer"));
    assert_eq!(app.audit_count("profile.update").await, 1);
}

#[tokio::test]
async fn an_htmx_post_with_a_wrong_header_token_is_refused() {
    let app = spawn_app().await;
    let (client, _) = logged_in(&app).await;
    let response = client
        .post(app.url("/settings"))
        .header("hx-request", "true")
        .header("x-csrf-token", "wrong")
        .form(&[("headline", "Hacked")])
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 403);
    assert_eq!(app.audit_count("profile.update").await, 0);
}

#[tokio::test]
async fn an_htmx_request_after_the_session_ends_is_sent_to_the_login_page() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/settings")).header("hx-request", "true").send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["hx-redirect"], "/login?next=%2Fsettings");
}

#[tokio::test]
async fn a_server_failure_shows_an_html_500_page_without_internals() {
    let app = spawn_app().await;
    let (client, _) = logged_in(&app).await;
    let mut conn = app.owner_connection().await;
    sqlx::query("alter table profiles rename to profiles_moved").execute(&mut conn).await.expect("break profiles");
    let response = client.get(app.url("/settings")).send().await.expect("get");
    assert_eq!(response.status(), 500);
    assert!(response.headers().contains_key("x-request-id"));
    let body = response.text().await.expect("body");
    assert_eq!(text_of(&body, "main h1").as_deref(), Some("Something went wrong"));
    for internal in ["profiles", "relation", "sqlx", "does not exist"] {
        assert!(!body.contains(internal), "{internal} leaked: {body}");
    }
}

#[tokio::test]
async fn each_user_sees_only_their_own_profile_on_the_settings_page() {
    let app = spawn_app().await;
    let (ada, token) = logged_in(&app).await;
    let saved = ada.post(app.url("/settings")).form(&filled_form(&token)).send().await.expect("post");
    assert_eq!(saved.status(), 303);

    let (bob, _) = sign_up_with_form(&app, "bob@example.org").await;
    let body = bob.get(app.url("/settings")).send().await.expect("get").text().await.expect("body");
    assert_eq!(attr_of(&body, "#headline", "value").unwrap_or_default(), "", "Bob sees an empty profile");
    // The headline's hint text says "e.g. Senior backend engineer", so look for Ada's summary.
    assert!(!body.contains("Ten years of Rust and PostgreSQL."), "nothing of Ada's profile on Bob's page");
    assert!(!body.contains("Canadian citizen"), "nothing of Ada's profile on Bob's page");
}
