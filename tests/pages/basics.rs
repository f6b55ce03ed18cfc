//! Pages every visitor sees: the landing page, errors, static files, security headers.

use crate::helpers::plain_client;
use crate::support::spawn_app;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

#[tokio::test]
async fn the_landing_page_offers_sign_up_and_log_in_under_a_strict_csp() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/")).send().await.expect("get /");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-security-policy"], CSP);
    let body = response.text().await.expect("body");
    assert!(body.contains(r#"href="/signup""#) && body.contains(r#"href="/login""#), "{body}");
    assert!(body.contains(r#"<script src="/static/htmx.min.js""#));
}

#[tokio::test]
async fn the_landing_page_starts_no_session_for_a_visitor() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/")).send().await.expect("get /");
    assert!(response.headers().get("set-cookie").is_none());
    assert_eq!(crate::helpers::count_rows(&app, "sessions").await, 0);
}

#[tokio::test]
async fn an_unknown_path_gets_an_html_404_page() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/no/such/page")).send().await.expect("get");
    assert_eq!(response.status(), 404);
    let content_type = response.headers()["content-type"].to_str().expect("ascii").to_string();
    assert!(content_type.starts_with("text/html"), "{content_type}");
    let body = response.text().await.expect("body");
    assert!(body.contains("Page not found"), "{body}");
}

#[tokio::test]
async fn the_vendored_htmx_script_is_served() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/static/htmx.min.js")).send().await.expect("get");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"].to_str().expect("ascii").to_string();
    assert!(content_type.starts_with("text/javascript"), "{content_type}");
    assert!(response.text().await.expect("body").contains(r#"version:"2."#));
}

#[tokio::test]
async fn the_stylesheet_is_served() {
    let app = spawn_app().await;
    let response = plain_client().get(app.url("/static/app.css")).send().await.expect("get");
    assert_eq!(response.status(), 200);
    assert!(response.text().await.expect("body").contains(".field-error"));
}

#[tokio::test]
async fn a_new_users_home_is_their_feed_asking_for_titles_or_skills() {
    let app = spawn_app().await;
    let (client, _) = crate::helpers::sign_up_with_form(&app, "ada@example.org").await;
    let body = client.get(app.url("/")).send().await.expect("get /").text().await.expect("body");
    assert_eq!(crate::helpers::text_of(&body, "main h1").as_deref(), Some("Your feed"));
    // Nothing scored yet: the empty feed says so and links where to fix it.
    assert!(body.contains("id=\"empty-feed\""), "{body}");
    assert!(body.contains("href=\"/searches\"") && body.contains("href=\"/settings\""));
}
