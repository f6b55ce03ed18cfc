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
async fn the_dashboard_marks_unbuilt_areas_as_coming_soon_and_links_settings() {
    let app = spawn_app().await;
    let (client, _) = crate::helpers::sign_up_with_form(&app, "ada@example.org").await;
    let body = client.get(app.url("/")).send().await.expect("get /").text().await.expect("body");
    for area in ["Pipeline", "Resumes", "Tasks"] {
        assert!(body.contains(&format!("<h2>{area} <span class=\"badge\">Coming soon</span></h2>")), "{area}");
    }
    let first = crate::helpers::attr_of(&body, "a.area", "href");
    assert_eq!(first.as_deref(), Some("/jobs"), "Jobs is built and linked");
    assert!(body.contains("<a class=\"card area\" href=\"/settings\">"), "settings is linked");
}
