//! Rendering resume versions over real HTTP and PostgreSQL: the JSON API (render, list,
//! download through /files/{id}/content), each render audited and counted as a
//! `resume_generated` event; unknown names refused by field; another user's version and file
//! unreachable; the render card on the web pages (plain post and htmx); the one-owner rule.

mod support;

#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use support::{TestApp, spawn_app};
use uuid::Uuid;

fn sections() -> Value {
    json!({
        "contact": { "name": "Ada Lovelace", "email": "ada@example.org", "links": [] },
        "summary": "Analyst of engines.",
        "skills": ["Rust", "PostgreSQL"],
        "experience": [{ "company": "Analytical Engines Ltd", "role": "Programmer", "start": "2019-03", "current": true,
                          "bullets": ["Wrote the first program"] }],
        "education": [{ "school": "University of London", "degree": "BSc", "year": "2018" }]
    })
}

/// A resume version of the user with this email, written directly (the studio writes them).
async fn version_of(app: &TestApp, email: &str) -> Uuid {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar(
        "insert into resume_versions (user_id, base_flag, sections_json)
         select id, true, $2 from users where email = $1 returning id",
    )
    .bind(email)
    .bind(sections())
    .fetch_one(&mut conn)
    .await
    .expect("version")
}

async fn event_props(app: &TestApp) -> Vec<Value> {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar("select props from user_events where name = 'resume_generated' order by created_at, id")
        .fetch_all(&mut conn)
        .await
        .expect("events")
}

fn stored_objects(app: &TestApp) -> usize {
    std::fs::read_dir(app.state.config.data_dir.join("files")).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn a_version_renders_to_pdf_and_docx_kept_listed_downloadable_audited_and_counted() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let version = version_of(&app, "ada@example.org").await;
    let path = format!("/api/v1/resumes/{version}/render");

    let (status, pdf) = app.send(Method::POST, &token, &path, Some(json!({ "template": "modern", "format": "pdf", "paper": "letter" }))).await;
    assert_eq!(status, StatusCode::CREATED, "{pdf}");
    assert_eq!((pdf["kind"].as_str(), pdf["content_type"].as_str()), (Some("resume_pdf"), Some("application/pdf")));
    assert_eq!(pdf["resume_version_id"], json!(version));
    assert_eq!(pdf["application_id"], Value::Null);
    assert_eq!(pdf["file_name"], "Ada Lovelace - modern (letter).pdf");

    let download = app.client.get(app.url(&format!("/api/v1/files/{}/content", pdf["id"].as_str().expect("id")))).bearer_auth(&token).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    let bytes = download.bytes().await.expect("bytes");
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(pdf["size_bytes"], bytes.len());
    assert_eq!(pdf["sha256"], hex::encode(Sha256::digest(&bytes)));

    let (status, docx) = app.send(Method::POST, &token, &path, Some(json!({ "template": "classic", "format": "docx" }))).await;
    assert_eq!(status, StatusCode::CREATED, "{docx}");
    assert_eq!(docx["kind"], "resume_docx");
    assert_eq!(docx["file_name"], "Ada Lovelace - classic (a4).docx");

    let (status, list) = app.send(Method::GET, &token, &format!("/api/v1/resumes/{version}/files"), None).await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&Value> = list.as_array().expect("list").iter().map(|f| &f["id"]).collect();
    assert_eq!(ids, [&docx["id"], &pdf["id"]], "newest first");

    assert_eq!(app.audit_count("resume.render").await, 2);
    let props = event_props(&app).await;
    assert_eq!(props, [
        json!({ "version_id": version, "kind": "rendered", "format": "pdf", "template": "modern" }),
        json!({ "version_id": version, "kind": "rendered", "format": "docx", "template": "classic" }),
    ]);
    assert_eq!(stored_objects(&app), 2);
}

#[tokio::test]
async fn an_unknown_template_format_or_paper_is_a_422_naming_the_field_and_nothing_is_kept() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let version = version_of(&app, "ada@example.org").await;
    let path = format!("/api/v1/resumes/{version}/render");
    for (body, field) in [
        (json!({ "template": "fancy", "format": "pdf" }), "template"),
        (json!({ "template": "classic", "format": "odt" }), "format"),
        (json!({ "template": "classic", "format": "pdf", "paper": "a3" }), "paper"),
    ] {
        let (status, answer) = app.send(Method::POST, &token, &path, Some(body)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{answer}");
        assert_eq!(answer["errors"][0]["field"], field, "{answer}");
    }
    let (status, answer) = app.send(Method::POST, &token, &path, Some(json!({ "format": "pdf" }))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a missing template: {answer}");
    assert_eq!(app.send(Method::GET, &token, &format!("/api/v1/resumes/{version}/files"), None).await.1, json!([]));
    assert_eq!((app.audit_count("resume.render").await, stored_objects(&app)), (0, 0));
}

#[tokio::test]
async fn another_users_version_and_rendered_file_are_not_found() {
    let app = spawn_app().await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let version = version_of(&app, "ada@example.org").await;
    let body = json!({ "template": "classic", "format": "pdf" });
    let (_, file) = app.send(Method::POST, &ada, &format!("/api/v1/resumes/{version}/render"), Some(body.clone())).await;
    let file_id = file["id"].as_str().expect("id");

    assert_eq!(app.send(Method::POST, &bob, &format!("/api/v1/resumes/{version}/render"), Some(body)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::GET, &bob, &format!("/api/v1/resumes/{version}/files"), None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::GET, &bob, &format!("/api/v1/files/{file_id}"), None).await.0, StatusCode::NOT_FOUND);
    let download = app.client.get(app.url(&format!("/api/v1/files/{file_id}/content"))).bearer_auth(&bob).send().await.expect("get");
    assert_eq!(download.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::DELETE, &bob, &format!("/api/v1/files/{file_id}"), None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::GET, &ada, &format!("/api/v1/files/{file_id}"), None).await.0, StatusCode::OK, "still there");
    assert_eq!(app.audit_count("resume.render").await, 1, "bob's attempt left no trace");
}

#[tokio::test]
async fn a_deleted_version_can_no_longer_be_rendered_nor_its_files_listed() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let version = version_of(&app, "ada@example.org").await;
    let mut conn = app.owner_connection().await;
    sqlx::query("update resume_versions set deleted_at = now() where id = $1").bind(version).execute(&mut conn).await.expect("delete");
    let body = json!({ "template": "classic", "format": "pdf" });
    assert_eq!(app.send(Method::POST, &token, &format!("/api/v1/resumes/{version}/render"), Some(body)).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(Method::GET, &token, &format!("/api/v1/resumes/{version}/files"), None).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_artifact_belongs_to_exactly_one_of_an_application_or_a_version() {
    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let version = version_of(&app, "ada@example.org").await;
    let mut conn = app.owner_connection().await;
    let none = sqlx::query("insert into artifacts (kind) values ('resume_pdf')").execute(&mut conn).await;
    assert!(none.is_err(), "an artifact with no owner is refused");
    let one = sqlx::query("insert into artifacts (kind, resume_version_id) values ('resume_pdf', $1)").bind(version).execute(&mut conn).await;
    assert!(one.is_ok(), "{one:?}");
}

#[tokio::test]
async fn the_openapi_document_describes_render_and_the_version_files() {
    let app = spawn_app().await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("get").json().await.expect("json");
    let render = &doc["paths"]["/api/v1/resumes/{id}/render"]["post"];
    assert!(render["responses"]["201"].is_object() && render["responses"]["422"].is_object(), "{render}");
    assert!(doc["paths"]["/api/v1/resumes/{id}/files"]["get"].is_object());
    assert!(doc["components"]["schemas"]["RenderBody"]["properties"]["template"].is_object());
}

#[tokio::test]
async fn the_render_card_renders_on_a_plain_post_and_on_htmx_and_explains_a_bad_choice() {
    let app = spawn_app().await;
    let (client, _) = helpers::sign_up_with_form(&app, "ada@example.org").await;
    let version = version_of(&app, "ada@example.org").await;
    let page = format!("/resume/versions/{version}/render");
    let token = helpers::token_from(&client, &app, &page).await;

    let plain = client.post(app.url(&page)).form(&[("csrf_token", token.as_str()), ("template", "classic"), ("format", "pdf"), ("paper", "a4")])
        .send().await.expect("post");
    assert_eq!(plain.status(), StatusCode::SEE_OTHER, "a plain post is redirected");
    assert_eq!(helpers::location(&plain), page);

    let htmx = client.post(app.url(&page)).header("HX-Request", "true").header("X-CSRF-Token", &token)
        .form(&[("template", "modern"), ("format", "docx"), ("paper", "letter")]).send().await.expect("post");
    assert_eq!(htmx.status(), StatusCode::OK);
    let card = htmx.text().await.expect("html");
    assert!(card.trim_start().starts_with("<section") && !card.contains("<html"), "htmx gets the card alone");
    let fresh = helpers::attr_of(&card, "#rendered-files li.fresh a[download]", "href").expect("the new file's link");
    let download = client.get(app.url(&fresh)).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    assert!(download.bytes().await.expect("bytes").starts_with(b"PK"), "a DOCX is a zip");
    assert_eq!(scraper::Html::parse_document(&card).select(&scraper::Selector::parse("#rendered-files li").expect("sel")).count(), 2);

    let bad = client.post(app.url(&page)).header("HX-Request", "true").header("X-CSRF-Token", &token)
        .form(&[("template", "fancy"), ("format", "pdf"), ("paper", "a4")]).send().await.expect("post");
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.expect("html").contains("unknown template"), "the error is shown by the form");

    let (bob, _) = helpers::sign_up_with_form(&app, "bob@example.org").await;
    assert_eq!(bob.get(app.url(&page)).send().await.expect("get").status(), StatusCode::NOT_FOUND);
    assert_eq!(bob.get(app.url(&fresh)).send().await.expect("get").status(), StatusCode::NOT_FOUND);
}
