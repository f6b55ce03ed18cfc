//! The Resume Studio pages over real HTTP and PostgreSQL, without a browser: a plain multipart
//! upload, editing a card without JavaScript (Edit opens the page with that card's form, Save
//! redirects) and with htmx (fragments, a 422 retargeted into the card), a refused file shown
//! by the upload form, the versions list, and another user's version.

mod support;

#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;
#[allow(dead_code)]
#[path = "support/files.rs"]
mod files_support;

use files_support::{ELF, Part, multipart_body};
use helpers::{csrf_token, location, log_in_with_form, text_of};
use reqwest::{Client, StatusCode};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

fn sample() -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/resumes/jsonresume/sample.resume.json")).expect("sample")
}

async fn logged_in(app: &TestApp, email: &str) -> Client {
    app.sign_up(email).await;
    let client = app.browser_client();
    let response = log_in_with_form(app, &client, email, STRONG_PASSWORD, "/resume").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "logged in");
    client
}

async fn get(app: &TestApp, client: &Client, path: &str) -> (StatusCode, String) {
    let response = client.get(app.url(path)).send().await.expect("get");
    (response.status(), response.text().await.expect("html"))
}

async fn upload(app: &TestApp, client: &Client, name: &str, bytes: &[u8]) -> reqwest::Response {
    let token = csrf_token(&get(app, client, "/resume").await.1);
    let parts: [Part<'_>; 2] = [("csrf_token", None, "text/plain", token.as_bytes()), ("file", Some(name), "application/json", bytes)];
    let (content_type, body) = multipart_body(&parts);
    client.post(app.url("/resume")).header("content-type", content_type).body(body).send().await.expect("upload")
}

/// The base version's id, from the studio's versions list.
fn first_version(html: &str) -> String {
    helpers::attr_of(html, ".versions-table tbody tr", "id").expect("a version row").trim_start_matches("version-").to_string()
}

#[tokio::test]
async fn a_resume_uploaded_and_edited_without_javascript_shows_its_cards_and_what_was_not_found() {
    let app = spawn_app().await;
    let client = logged_in(&app, "ada@example.org").await;
    let response = upload(&app, &client, "sample.resume.json", &sample()).await;
    assert_eq!((response.status(), location(&response)), (StatusCode::SEE_OTHER, "/resume".to_string()));

    let (_, html) = get(&app, &client, "/resume").await;
    let doc: serde_json::Value = serde_json::from_slice(&sample()).expect("json");
    let company = doc["work"][0]["name"].as_str().expect("company");
    assert!(text_of(&html, "#card-experience-0").is_some_and(|t| t.contains(company)), "{html}");
    assert!(text_of(&html, "#versions").is_some_and(|t| t.contains("Base")));
    let id = first_version(&html);

    let (status, page) = get(&app, &client, &format!("/resume/versions/{id}/cards/skills/edit")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("<html") && page.contains("name=\"items\""), "the whole page, with the skills form open");
    let token = csrf_token(&page);
    let form = [("csrf_token", token.as_str()), ("items", "Rust\n\nSQL\n")];
    let saved = client.post(app.url(&format!("/resume/versions/{id}/cards/skills"))).form(&form).send().await.expect("save");
    assert_eq!((saved.status(), location(&saved)), (StatusCode::SEE_OTHER, "/resume".to_string()), "the base's page");
    let (_, html) = get(&app, &client, "/resume").await;
    assert_eq!(text_of(&html, "#card-skills .resume-sub").as_deref(), Some("Rust · SQL"));

    let form = [("csrf_token", token.as_str()), ("company", "Hooli"), ("role", " "), ("start", "2021-13")];
    let refused = client.post(app.url(&format!("/resume/versions/{id}/cards/experience-0"))).form(&form).send().await.expect("save");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.expect("html");
    assert_eq!(text_of(&html, "#experience-0-role-error").as_deref(), Some("is required"), "{html}");
    assert!(text_of(&html, "#experience-0-start-error").is_some_and(|t| t.contains("year")));
    assert!(html.contains("value=\"Hooli\""), "what was typed is kept");
    assert_eq!(app.audit_count("resume.update").await, 1);
}

#[tokio::test]
async fn htmx_edits_swap_fragments_and_a_refused_edit_is_retargeted_into_its_card() {
    let app = spawn_app().await;
    let client = logged_in(&app, "ada@example.org").await;
    upload(&app, &client, "sample.resume.json", &sample()).await;
    let (_, html) = get(&app, &client, "/resume").await;
    let (id, token) = (first_version(&html), csrf_token(&html));
    let htmx = |request: reqwest::RequestBuilder| request.header("HX-Request", "true").header("X-CSRF-Token", token.clone());

    let edit = htmx(client.get(app.url(&format!("/resume/versions/{id}/cards/contact/edit")))).send().await.expect("edit");
    let fragment = edit.text().await.expect("html");
    assert!(!fragment.contains("<html") && fragment.contains("id=\"card-contact\"") && fragment.contains("name=\"email\""), "{fragment}");

    let form = [("name", "Ada Lovelace"), ("email", "ada@example.org"), ("links", "https://ada.example\n")];
    let saved = htmx(client.post(app.url(&format!("/resume/versions/{id}/cards/contact")))).form(&form).send().await.expect("save");
    assert_eq!(saved.status(), StatusCode::OK);
    let cards = saved.text().await.expect("html");
    assert!(cards.starts_with("<div id=\"resume-cards\"") && cards.contains("Ada Lovelace"), "{cards}");

    let bad = [("name", "Ada"), ("email", "not an email")];
    let refused = htmx(client.post(app.url(&format!("/resume/versions/{id}/cards/contact")))).form(&bad).send().await.expect("save");
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.headers().get("hx-retarget").and_then(|v| v.to_str().ok()), Some("#card-contact"));
    let html = refused.text().await.expect("html");
    assert_eq!(text_of(&html, "#contact-email-error").as_deref(), Some("must be an email address"));
}

#[tokio::test]
async fn a_refused_file_is_shown_by_the_upload_form_and_another_users_version_is_404() {
    let app = spawn_app().await;
    let client = logged_in(&app, "ada@example.org").await;
    let refused = upload(&app, &client, "resume.pdf", ELF).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = refused.text().await.expect("html");
    assert!(text_of(&html, "#resume-file-error").is_some_and(|t| t.contains("not accepted")), "{html}");

    upload(&app, &client, "sample.resume.json", &sample()).await;
    let id = first_version(&get(&app, &client, "/resume").await.1);
    let bob = logged_in(&app, "bob@example.org").await;
    for path in [format!("/resume/versions/{id}"), format!("/resume/versions/{id}/cards/skills/edit")] {
        assert_eq!(get(&app, &bob, &path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    let token = csrf_token(&get(&app, &bob, "/resume").await.1);
    let stolen = bob.post(app.url(&format!("/resume/versions/{id}/delete"))).form(&[("csrf_token", token.as_str())]).send().await.expect("post");
    assert_eq!(stolen.status(), StatusCode::NOT_FOUND);
    assert!(get(&app, &client, &format!("/resume/versions/{id}")).await.0.is_success(), "Ada's version is untouched");
}
