//! Sign-up, login and logout through the forms, with their session and CSRF rules.

use crate::helpers::*;
use crate::support::{STRONG_PASSWORD, spawn_app, spawn_app_with};

#[tokio::test]
async fn the_sign_up_page_carries_a_csrf_field() {
    let app = spawn_app().await;
    let client = app.browser_client();
    let body = client.get(app.url("/signup")).send().await.expect("get").text().await.expect("body");
    let token = csrf_token(&body);
    assert_eq!(token.len(), 43, "32 random bytes in unpadded base64url: {token}");
    assert_eq!(attr_of(&body, "body", "hx-headers"), Some(format!(r#"{{"X-CSRF-Token": "{token}"}}"#)));
}

#[tokio::test]
async fn a_form_post_without_a_csrf_token_is_refused_and_creates_no_user() {
    let app = spawn_app().await;
    let client = app.browser_client();
    token_from(&client, &app, "/signup").await;
    for token in [None, Some("forged-token")] {
        let mut fields = vec![("email", "ada@example.org"), ("password", STRONG_PASSWORD)];
        fields.extend(token.map(|t| ("csrf_token", t)));
        let response = client.post(app.url("/signup")).form(&fields).send().await.expect("post");
        assert_eq!(response.status(), 403, "token {token:?}");
        assert!(response.text().await.expect("body").contains("This form has expired"));
    }
    assert_eq!(count_rows(&app, "users").await, 0);
}

#[tokio::test]
async fn signing_up_through_the_form_redirects_with_an_http_only_lax_cookie() {
    let app = spawn_app().await;
    let (client, response) = sign_up_with_form(&app, "ada@example.org").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let cookie = session_set_cookie(&response).expect("session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain-http public URL: {cookie}");
    let settings = client.get(app.url("/settings")).send().await.expect("get settings");
    assert_eq!(settings.status(), 200);
    assert_eq!(count_rows(&app, "users").await, 1);
}

#[tokio::test]
async fn the_session_id_changes_at_login() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let client = app.browser_client();
    let page = client.get(app.url("/login")).send().await.expect("get login");
    let before = session_id(&session_set_cookie(&page).expect("anonymous session cookie"));
    let response = log_in_with_form(&app, &client, "ada@example.org", STRONG_PASSWORD, "").await;
    assert_eq!(response.status(), 303);
    let after = session_id(&session_set_cookie(&response).expect("new session cookie"));
    assert_ne!(before, after);
    let mut conn = app.owner_connection().await;
    let old_rows: i64 = sqlx::query_scalar("select count(*) from sessions where id = $1")
        .bind(&before)
        .fetch_one(&mut conn)
        .await
        .expect("count");
    assert_eq!(old_rows, 0, "the pre-login session is gone");
}

#[tokio::test]
async fn logging_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let (client, response) = sign_up_with_form(&app, "ada@example.org").await;
    let old_id = session_id(&session_set_cookie(&response).expect("cookie"));
    let token = token_from(&client, &app, "/settings").await;
    let logout = client.post(app.url("/logout")).form(&[("csrf_token", token)]).send().await.expect("logout");
    assert_eq!(logout.status(), 303);
    assert_eq!(location(&logout), "/");

    let replayed = plain_client()
        .get(app.url("/settings"))
        .header("cookie", format!("{COOKIE}={old_id}"))
        .send()
        .await
        .expect("replay old cookie");
    assert_eq!(replayed.status(), 303, "the old cookie no longer reaches /settings");
    assert_eq!(count_rows(&app, "sessions").await, 0);
    assert_eq!(app.audit_count("user.log_out").await, 1);
}

#[tokio::test]
async fn logging_out_needs_a_csrf_token() {
    let app = spawn_app().await;
    let (client, _) = sign_up_with_form(&app, "ada@example.org").await;
    let logout = client.post(app.url("/logout")).form(&[("csrf_token", "nope")]).send().await.expect("post");
    assert_eq!(logout.status(), 403);
    let settings = client.get(app.url("/settings")).send().await.expect("get");
    assert_eq!(settings.status(), 200, "still logged in");
}

#[tokio::test]
async fn signing_up_with_a_taken_email_in_other_case_returns_409() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let (_, response) = sign_up_with_form(&app, "ADA@Example.ORG").await;
    assert_eq!(response.status(), 409);
    let body = response.text().await.expect("body");
    assert_eq!(text_of(&body, "#email-error").as_deref(), Some("an account with this email already exists"));
    assert_eq!(attr_of(&body, "input#email", "value").as_deref(), Some("ADA@Example.ORG"));
}

#[tokio::test]
async fn a_weak_password_is_reported_by_the_password_field() {
    let app = spawn_app().await;
    let client = app.browser_client();
    let token = token_from(&client, &app, "/signup").await;
    let fields = [("csrf_token", token.as_str()), ("email", "ada@example.org"), ("password", "short")];
    let response = client.post(app.url("/signup")).form(&fields).send().await.expect("post");
    assert_eq!(response.status(), 422);
    let body = response.text().await.expect("body");
    assert!(text_of(&body, "#password-error").is_some_and(|m| m.contains("at least")), "{body}");
    assert_eq!(attr_of(&body, "input#password", "value").as_deref(), Some(""), "passwords are never echoed");
}

#[tokio::test]
async fn a_wrong_password_gets_401_with_the_same_message_as_an_unknown_email() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let mut messages = Vec::new();
    for email in ["ada@example.org", "nobody@example.org"] {
        let client = app.browser_client();
        let response = log_in_with_form(&app, &client, email, "wrong-password-123", "").await;
        assert_eq!(response.status(), 401, "{email}");
        messages.push(text_of(&response.text().await.expect("body"), ".notice.error"));
    }
    assert_eq!(messages[0].as_deref(), Some("email or password is incorrect"));
    assert_eq!(messages[0], messages[1]);
}

#[tokio::test]
async fn repeated_failures_get_429_saying_how_long_to_wait() {
    let app = spawn_app_with(|config| config.login_max_failures_per_account = 2).await;
    app.sign_up("ada@example.org").await;
    let client = app.browser_client();
    let mut last = None;
    for _ in 0..3 {
        last = Some(log_in_with_form(&app, &client, "ada@example.org", "wrong-password-123", "").await);
    }
    let response = last.expect("three attempts");
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let message = text_of(&response.text().await.expect("body"), ".notice.error").unwrap_or_default();
    assert!(message.starts_with("Too many failed attempts. Try again in"), "{message}");
}

#[tokio::test]
async fn settings_without_login_redirects_to_login_with_next() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/settings")).send().await.expect("get");
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login?next=%2Fsettings");
}

#[tokio::test]
async fn a_local_next_is_followed_after_login() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let client = app.browser_client();
    let response = log_in_with_form(&app, &client, "ada@example.org", STRONG_PASSWORD, "/settings").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
}

#[tokio::test]
async fn a_next_pointing_to_another_host_is_not_followed() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let client = app.browser_client();
    let page = client.get(app.url("/login?next=//evil.example")).send().await.expect("get");
    let hidden = attr_of(&page.text().await.expect("body"), "input[name=next]", "value");
    assert_eq!(hidden.as_deref(), Some("/"));
    let response = log_in_with_form(&app, &client, "ada@example.org", STRONG_PASSWORD, "//evil.example").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/");
}

#[tokio::test]
async fn behind_an_https_public_url_the_session_cookie_is_secure() {
    let app = spawn_app_with(|config| config.public_url = "https://jobs.example.org".into()).await;
    let (_, response) = sign_up_with_form(&app, "ada@example.org").await;
    let cookie = session_set_cookie(&response).expect("session cookie");
    assert!(cookie.contains("Secure"), "{cookie}");
}
