//! Reading pages and cookies the way a browser would, for the page tests.

use reqwest::header::{LOCATION, SET_COOKIE};
use reqwest::{Client, Response};
use scraper::{Html, Selector};

use crate::support::{STRONG_PASSWORD, TestApp};

pub const COOKIE: &str = "jobpilot_session";

/// A client with no cookie jar that shows redirects instead of following them.
pub fn plain_client() -> Client {
    Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client")
}

/// The text of the first element matching `selector`, if any.
pub fn text_of(html: &str, selector: &str) -> Option<String> {
    let selector = Selector::parse(selector).expect("selector");
    Html::parse_document(html).select(&selector).next().map(|e| e.text().collect::<String>().trim().to_string())
}

/// An attribute of the first element matching `selector`, if any.
pub fn attr_of(html: &str, selector: &str, attr: &str) -> Option<String> {
    let selector = Selector::parse(selector).expect("selector");
    Html::parse_document(html).select(&selector).next().and_then(|e| e.value().attr(attr)).map(String::from)
}

/// The CSRF token a page's forms carry.
pub fn csrf_token(html: &str) -> String {
    attr_of(html, "input[name=csrf_token]", "value").expect("page has a csrf_token field")
}

/// Loads a page and returns the CSRF token of its forms.
pub async fn token_from(client: &Client, app: &TestApp, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.expect("get page");
    assert_eq!(response.status(), 200, "GET {path}");
    csrf_token(&response.text().await.expect("body"))
}

/// The full `Set-Cookie` line for the session cookie, if the response sets it.
pub fn session_set_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{COOKIE}=")))
        .map(String::from)
}

/// The session id a `Set-Cookie` line carries.
pub fn session_id(set_cookie: &str) -> String {
    set_cookie.split(';').next().and_then(|pair| pair.split_once('=')).map(|(_, v)| v.to_string()).expect("id")
}

pub fn location(response: &Response) -> String {
    response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default().to_string()
}

/// Signs up through the form and returns the logged-in client and the response to the post.
pub async fn sign_up_with_form(app: &TestApp, email: &str) -> (Client, Response) {
    let client = app.browser_client();
    let token = token_from(&client, app, "/signup").await;
    let response = client
        .post(app.url("/signup"))
        .form(&[("csrf_token", token.as_str()), ("email", email), ("password", STRONG_PASSWORD)])
        .send()
        .await
        .expect("post sign-up form");
    (client, response)
}

/// Posts the login form with a fresh token from the login page.
pub async fn log_in_with_form(app: &TestApp, client: &Client, email: &str, password: &str, next: &str) -> Response {
    let token = token_from(client, app, "/login").await;
    client
        .post(app.url("/login"))
        .form(&[("csrf_token", token.as_str()), ("email", email), ("password", password), ("next", next)])
        .send()
        .await
        .expect("post login form")
}

/// How many rows a superuser sees in a table (behind the app's row-level security).
pub async fn count_rows(app: &TestApp, table: &str) -> i64 {
    let mut conn = app.owner_connection().await;
    // Table names are the tests' own constants, never input.
    let sql = sqlx::AssertSqlSafe(format!("select count(*) from {table}"));
    sqlx::query_scalar(sql).fetch_one(&mut conn).await.expect("count")
}
