//! The Resume and Cover letter cards of an application's page, over real HTTP with a browser's
//! cookies and CSRF tokens: no base resume, the base's score, Tailor, the side-by-side scores
//! and changes, a cover letter drafted, edited in the textarea, saved and downloaded.

use reqwest::{Client, StatusCode};

use crate::helpers::{csrf_token, log_in_with_form, text_of};
use crate::support::{STRONG_PASSWORD, TestApp, spawn_app};
use crate::{api::seed_base, catalog};

async fn page(app: &TestApp, client: &Client, application: &str) -> String {
    let response = client.get(app.url(&format!("/applications/{application}"))).send().await.expect("page");
    assert_eq!(response.status(), StatusCode::OK);
    response.text().await.expect("html")
}

async fn post_form(app: &TestApp, client: &Client, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    client.post(app.url(path)).form(form).send().await.expect("post")
}

#[tokio::test]
async fn the_application_page_tailors_shows_both_scores_and_edits_a_cover_letter() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (_, application) = catalog::applicant(&app, "ada@example.org").await;
    let client = app.browser_client();
    let response = log_in_with_form(&app, &client, "ada@example.org", STRONG_PASSWORD, "/pipeline").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "logged in");

    let html = page(&app, &client, &application).await;
    assert!(text_of(&html, "#no-base").is_some_and(|t| t.contains("no base resume")), "the card says what is missing");
    let token = csrf_token(&html);
    let refused = post_form(&app, &client, &format!("/applications/{application}/tailor"), &[("csrf_token", &token)]).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.text().await.expect("html").contains("upload one first"));

    seed_base(&app, "ada@example.org").await;
    let html = page(&app, &client, &application).await;
    assert!(text_of(&html, "#score-before").is_some(), "the base's score shows before tailoring");
    assert!(text_of(&html, "#score-after").is_none());

    let done = post_form(&app, &client, &format!("/applications/{application}/tailor"), &[("csrf_token", &token)]).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let html = page(&app, &client, &application).await;
    let before: i32 = text_of(&html, "#score-before").expect("before").parse().expect("number");
    let after: i32 = text_of(&html, "#score-after").expect("after").parse().expect("number");
    assert!((0..=100).contains(&before) && (0..=100).contains(&after));
    assert!(text_of(&html, "#score-breakdown").is_some_and(|t| t.contains("Required keywords")));
    assert!(text_of(&html, "#version-used").is_some(), "the application now names its version");
    assert!(text_of(&html, "#keywords-matched").is_some() && text_of(&html, "#keywords-missing").is_some());

    let drafted = post_form(&app, &client, &format!("/applications/{application}/cover-letter"), &[("csrf_token", &token)]).await;
    assert_eq!(drafted.status(), StatusCode::SEE_OTHER);
    let html = page(&app, &client, &application).await;
    let letter = text_of(&html, "#letter-text").expect("the letter is in a textarea");
    assert!(letter.contains("Senior Rust Engineer"), "{letter}");
    let action = crate::helpers::attr_of(&html, "#cover-letter form", "action").expect("save form");
    let saved = post_form(&app, &client, &action, &[("csrf_token", &token), ("text", "My own words.")]).await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let html = page(&app, &client, &application).await;
    assert_eq!(text_of(&html, "#letter-text").as_deref(), Some("My own words."));
    let download = client.get(app.url(&format!("{action}/export?format=txt"))).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.text().await.expect("text"), "My own words.");
}
