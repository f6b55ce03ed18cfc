//! The resume-fit API over real HTTP and PostgreSQL: tailoring from an application (patch,
//! scores, link, event, run, audit), scoring any version against any posting, cover letters
//! drafted, edited and downloaded, and the refusals (no base resume, bad input, another user's ids).

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::support::{TestApp, spawn_app};
use crate::{catalog, data};

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar("select id from users where email = $1").bind(email).fetch_one(&mut conn).await.expect("user")
}

/// Stores the JSON Resume sample as the user's base version, straight into the table.
pub async fn seed_base(app: &TestApp, email: &str) -> (Uuid, Value) {
    let parsed = data::json_resume_sample();
    let user = user_id(app, email).await;
    let mut conn = app.owner_connection().await;
    let new = jobpilot::db::resume_versions::NewVersion {
        user_id: user,
        name: "sample.resume.json",
        base_flag: true,
        job_posting_id: None,
        sections: &parsed,
        ats_score: None,
        keywords: &[],
        diff_from_base: None,
        parse_report: &Default::default(),
        file: None,
    };
    let id = jobpilot::db::resume_versions::insert(&mut conn, &new).await.expect("base").id;
    (id, serde_json::to_value(&parsed).expect("json"))
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&mut conn).await.expect("count")
}

#[tokio::test]
async fn tailoring_from_an_application_stores_a_linked_version_whose_patch_turns_the_base_into_it() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let (base_id, base) = seed_base(&app, "ada@example.org").await;

    let (status, body) = app.send(Method::POST, &token, &format!("/api/v1/applications/{application}/tailor"), None).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let version = body["version_id"].as_str().expect("version id").to_string();
    assert_eq!(body["base_version_id"], base_id.to_string());
    assert!(body["before"]["keywords"].as_array().is_some_and(|k| !k.is_empty()), "the Rust posting has keywords: {body}");
    for side in ["before", "after"] {
        let score = body[side]["score"].as_i64().expect("score");
        assert!((0..=100).contains(&score), "{side}: {score}");
    }

    let patch: json_patch::Patch = serde_json::from_value(body["patch"].clone()).expect("an RFC 6902 patch");
    let mut patched = base.clone();
    json_patch::patch(&mut patched, &patch).expect("the patch applies to the base");
    assert_eq!(patched, body["sections"], "base + patch = the tailored sections");

    let mut conn = app.owner_connection().await;
    let (stored, posting, score, keywords, diff): (Value, Option<Uuid>, Option<i32>, Vec<String>, Value) = sqlx::query_as(
        "select sections_json, job_posting_id, ats_score, keywords, diff_from_base from resume_versions where id = $1::uuid")
        .bind(&version).fetch_one(&mut conn).await.expect("stored version");
    assert_eq!(stored, patched, "the stored sections are the patched base");
    assert_eq!(diff, body["patch"]);
    assert_eq!(posting, Some(catalog::posting_id(&app, catalog::RUST_JOB).await));
    assert_eq!(score.map(i64::from), body["after"]["score"].as_i64());
    assert_eq!(serde_json::to_value(&keywords).expect("json"), body["after"]["matched"]);
    let linked: Option<Uuid> = sqlx::query_scalar("select resume_version_id from applications where id = $1::uuid")
        .bind(&application).fetch_one(&mut conn).await.expect("application");
    assert_eq!(linked.map(|v| v.to_string()), Some(version.clone()), "the application now uses the tailored version");
    let event = count(&app, &format!("select count(*) from user_events where name = 'resume_generated' \
        and props = jsonb_build_object('version_id', '{version}', 'kind', 'tailored')")).await;
    assert_eq!(event, 1);
    assert_eq!(count(&app, "select count(*) from model_runs where agent = 'resume_tailor' and tool = 'tailor_resume'").await, 1);
    assert_eq!(app.audit_count("resume.tailor").await, 1);
}

#[tokio::test]
async fn tailoring_without_a_base_resume_is_a_409_naming_the_resume_and_stores_nothing() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    for path in [format!("/api/v1/applications/{application}/tailor"), format!("/api/v1/applications/{application}/cover-letter")] {
        let (status, body) = app.send(Method::POST, &token, &path, None).await;
        assert_eq!(status, StatusCode::CONFLICT, "{path}: {body}");
        assert_eq!(body["errors"][0]["field"], "resume");
        assert!(body["errors"][0]["detail"].as_str().expect("detail").contains("upload"), "{body}");
    }
    assert_eq!(count(&app, "select count(*) from resume_versions").await, 0);
    assert_eq!(count(&app, "select count(*) from model_runs").await, 0);
    assert_eq!(count(&app, "select count(*) from artifacts").await, 0);
}

#[tokio::test]
async fn scoring_takes_any_catalog_posting_and_stores_only_on_the_version_made_for_it() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let (base_id, _) = seed_base(&app, "ada@example.org").await;
    let rust = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let frontend = catalog::posting_id(&app, catalog::FRONTEND_JOB).await;

    let (status, body) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{base_id}/score?posting_id={frontend}"), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["stored"], false, "the base is not made for any posting");
    assert!(body["report"]["missing"].as_array().expect("missing").iter().any(|k| k == "react"), "{body}");
    assert!(body["report"]["breakdown"].as_array().is_some_and(|b| !b.is_empty()));

    let (_, tailored) = app.send(Method::POST, &token, &format!("/api/v1/applications/{application}/tailor"), None).await;
    let version = tailored["version_id"].as_str().expect("version");
    let (status, body) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{version}/score?posting_id={rust}"), None).await;
    assert_eq!((status, body["stored"].clone()), (StatusCode::OK, json!(true)), "{body}");
    assert_eq!(app.audit_count("resume.score").await, 2);
    assert_eq!(count(&app, "select count(*) from model_runs where agent = 'optimizer' and tool = 'ats_score'").await, 2);

    for (query, field) in [("", "posting_id"), ("?posting_id=nope", "posting_id"), (&format!("?posting_id={}", Uuid::new_v4())[..], "posting_id")] {
        let (status, body) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{base_id}/score{query}"), None).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}: {body}");
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
    }
}

#[tokio::test]
async fn a_cover_letter_is_drafted_from_the_resume_edited_and_downloaded_as_text_and_markdown() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let (_, base) = seed_base(&app, "ada@example.org").await;

    let (status, letter) = app.send(Method::POST, &token, &format!("/api/v1/applications/{application}/cover-letter"), None).await;
    assert_eq!(status, StatusCode::CREATED, "{letter}");
    let text = letter["text"].as_str().expect("text");
    assert!(text.contains("Senior Rust Engineer") && text.contains("Acme Robotics"), "{text}");
    assert!(text.contains("[Why this company"), "the placeholder is marked: {text}");
    let bullets: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("- ")).collect();
    assert!((2..=3).contains(&bullets.len()), "{text}");
    let base_bullets: Vec<&str> = base["experience"].as_array().expect("jobs").iter()
        .flat_map(|j| j["bullets"].as_array().expect("bullets").iter().map(|b| b.as_str().expect("bullet"))).collect();
    for bullet in bullets {
        assert!(base_bullets.contains(&bullet), "quoted verbatim from the resume: {bullet}");
    }
    assert_eq!(letter["file"]["kind"], "cover_letter");
    let id = letter["file"]["id"].as_str().expect("id").to_string();

    let download = app.client.get(app.url(&format!("/api/v1/files/{id}/content"))).bearer_auth(&token).send().await.expect("download");
    assert_eq!(download.status(), StatusCode::OK);
    assert_eq!(download.text().await.expect("text"), text, "the general file download serves the letter");

    let mine = "Dear Acme team,\n\nI build robots in Rust.\n\nAda";
    let (status, edited) = app.send(Method::PUT, &token, &format!("/api/v1/cover-letters/{id}"), Some(json!({ "text": mine }))).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["text"], mine);
    assert_ne!(edited["file"]["sha256"], letter["file"]["sha256"]);
    let (_, read) = app.send(Method::GET, &token, &format!("/api/v1/cover-letters/{id}"), None).await;
    assert_eq!(read["text"], mine);

    let export = app.client.get(app.url(&format!("/api/v1/cover-letters/{id}/export?format=md"))).bearer_auth(&token).send().await.expect("export");
    assert_eq!(export.status(), StatusCode::OK);
    let header = |name: &str| export.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    assert!(header("content-type").starts_with("text/markdown"), "{}", header("content-type"));
    assert!(header("content-disposition").contains(".md"), "{}", header("content-disposition"));
    assert_eq!(export.text().await.expect("body"), mine);

    let (status, body) = app.send(Method::PUT, &token, &format!("/api/v1/cover-letters/{id}"), Some(json!({ "text": "   " }))).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("text")));
    let (status, body) = app.send(Method::GET, &token, &format!("/api/v1/cover-letters/{id}/export?format=pdf"), None).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("format")));
    assert_eq!(app.audit_count("cover_letter.draft").await, 1);
    assert_eq!(app.audit_count("cover_letter.update").await, 1);
    let files_dir = app.state.config.data_dir.join("files");
    assert_eq!(std::fs::read_dir(&files_dir).expect("files").count(), 1, "the replaced text's object is gone");
}

#[tokio::test]
async fn another_users_application_version_and_cover_letter_are_not_found() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, application) = catalog::applicant(&app, "ada@example.org").await;
    let (base_id, _) = seed_base(&app, "ada@example.org").await;
    let (_, letter) = app.send(Method::POST, &ada, &format!("/api/v1/applications/{application}/cover-letter"), None).await;
    let letter = letter["file"]["id"].as_str().expect("letter").to_string();
    let (eve, _) = catalog::applicant(&app, "eve@example.org").await;
    seed_base(&app, "eve@example.org").await;
    let rust = catalog::posting_id(&app, catalog::RUST_JOB).await;

    let attempts = [
        (Method::POST, format!("/api/v1/applications/{application}/tailor"), None),
        (Method::POST, format!("/api/v1/applications/{application}/cover-letter"), None),
        (Method::POST, format!("/api/v1/resumes/{base_id}/score?posting_id={rust}"), None),
        (Method::GET, format!("/api/v1/cover-letters/{letter}"), None),
        (Method::PUT, format!("/api/v1/cover-letters/{letter}"), Some(json!({ "text": "mine now" }))),
        (Method::GET, format!("/api/v1/cover-letters/{letter}/export"), None),
    ];
    for (method, path, body) in attempts {
        let (status, answer) = app.send(method.clone(), &eve, &path, body).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {path}: {answer}");
    }
    assert_eq!(count(&app, "select count(*) from resume_versions where not base_flag").await, 0);
    let (_, read) = app.send(Method::GET, &ada, &format!("/api/v1/cover-letters/{letter}"), None).await;
    assert_ne!(read["text"], "mine now");
}

#[tokio::test]
async fn the_served_openapi_documents_scoring_tailoring_and_cover_letters() {
    let app = spawn_app().await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("openapi").json().await.expect("json");
    for (path, method) in [
        ("/api/v1/resumes/{id}/score", "post"),
        ("/api/v1/applications/{id}/tailor", "post"),
        ("/api/v1/applications/{id}/cover-letter", "post"),
        ("/api/v1/cover-letters/{id}", "put"),
        ("/api/v1/cover-letters/{id}/export", "get"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path} is documented");
    }
    assert!(doc["components"]["schemas"]["AtsReport"].is_object());
}
