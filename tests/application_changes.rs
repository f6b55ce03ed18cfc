//! Changing applications through the JSON API: reading one with its stage history, moving it
//! between stages (history, `applied_at`, audit row and `stage_change` event in one go), notes,
//! filters, soft delete with undo, bad input, and another user's id on every route.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

use reqwest::StatusCode;
use serde_json::{Value, json};
use support::{TestApp, spawn_app};

/// A user tracking both catalog postings: (token, rust application id, frontend application id).
async fn tracked(app: &TestApp, email: &str) -> (String, String, String) {
    let token = app.sign_up(email).await;
    let mut ids = Vec::new();
    for job in [catalog::RUST_JOB, catalog::FRONTEND_JOB] {
        let posting = catalog::posting_id(app, job).await;
        let body: Value = app
            .client
            .post(app.url(&format!("/api/v1/postings/{posting}/track")))
            .bearer_auth(&token)
            .send()
            .await
            .expect("track")
            .json()
            .await
            .expect("json");
        ids.push(body["id"].as_str().expect("id").to_string());
    }
    (token, ids[0].clone(), ids[1].clone())
}

async fn patch(app: &TestApp, token: &str, id: &str, body: Value) -> (StatusCode, Value) {
    app.send(reqwest::Method::PATCH, token, &format!("/api/v1/applications/{id}"), Some(body)).await
}

async fn get(app: &TestApp, token: &str, path: &str) -> (StatusCode, Value) {
    app.send(reqwest::Method::GET, token, path, None).await
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string())).fetch_one(&mut conn).await.expect("count")
}

#[tokio::test]
async fn moving_an_application_keeps_its_history_sets_applied_once_and_audits_and_counts_each_move() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, rust, _) = tracked(&app, "ada@example.org").await;

    let (status, read) = get(&app, &token, &format!("/api/v1/applications/{rust}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(read["stage"], "prospect");
    assert_eq!(read["applied_at"], Value::Null);
    assert_eq!(read["stages"], json!([{ "from_stage": null, "to_stage": "prospect", "changed_at": read["stages"][0]["changed_at"] }]));

    let (status, applied) = patch(&app, &token, &rust, json!({ "stage": "Applied", "status_notes": " Sent via referral " })).await;
    assert_eq!(status, StatusCode::OK, "{applied}");
    assert_eq!(applied["stage"], "applied");
    assert_eq!(applied["status_notes"], "Sent via referral");
    let applied_at = applied["applied_at"].as_str().expect("applied_at set").to_string();
    assert_eq!(applied["stage_since"], applied["stages"][1]["changed_at"]);

    let (_, interview) = patch(&app, &token, &rust, json!({ "stage": "interview" })).await;
    assert_eq!(interview["applied_at"], applied_at.as_str(), "applied_at is set only the first time");
    assert_eq!(interview["status_notes"], "Sent via referral", "absent fields stay");
    let moves: Vec<(Value, Value)> =
        interview["stages"].as_array().expect("stages").iter().map(|s| (s["from_stage"].clone(), s["to_stage"].clone())).collect();
    assert_eq!(moves, [(Value::Null, json!("prospect")), (json!("prospect"), json!("applied")), (json!("applied"), json!("interview"))]);

    let (_, cleared) = patch(&app, &token, &rust, json!({ "status_notes": null })).await;
    assert_eq!(cleared["status_notes"], Value::Null, "null clears");
    // The same values again change nothing and write nothing.
    let (status, _) = patch(&app, &token, &rust, json!({ "stage": "interview" })).await;
    assert_eq!(status, StatusCode::OK);

    assert_eq!(app.audit_count("application.update").await, 3);
    assert_eq!(count(&app, "select count(*) from user_events where name = 'stage_change'").await, 2);
    assert_eq!(count(&app, "select count(*) from application_stage_changes").await, 3 + 1, "three for rust, one for frontend");
}

#[tokio::test]
async fn the_list_filters_by_stage_company_and_text() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, rust, frontend) = tracked(&app, "ada@example.org").await;
    patch(&app, &token, &rust, json!({ "stage": "screen" })).await;

    let ids = |page: &Value| -> Vec<String> {
        page["items"].as_array().expect("items").iter().map(|a| a["id"].as_str().expect("id").to_string()).collect()
    };
    assert_eq!(ids(&get(&app, &token, "/api/v1/applications?stage=screen").await.1), std::slice::from_ref(&rust));
    assert_eq!(ids(&get(&app, &token, "/api/v1/applications?stage=PROSPECT").await.1), std::slice::from_ref(&frontend));
    assert_eq!(ids(&get(&app, &token, "/api/v1/applications?q=rust").await.1), std::slice::from_ref(&rust));
    let (_, by_company) = get(&app, &token, "/api/v1/applications?company=acme%20rob").await;
    assert!(ids(&by_company).contains(&rust), "{by_company}");
    // LIKE wildcards in the text are literal.
    assert_eq!(ids(&get(&app, &token, "/api/v1/applications?q=%25").await.1), Vec::<String>::new());
}

#[tokio::test]
async fn a_deleted_application_leaves_every_list_and_comes_back_with_undo() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, rust, _) = tracked(&app, "ada@example.org").await;
    let path = format!("/api/v1/applications/{rust}");

    let (status, _) = app.send(reqwest::Method::DELETE, &token, &path, None).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(get(&app, &token, &path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, &token, "/api/v1/applications").await.1["items"].as_array().map(Vec::len), Some(1));
    assert_eq!(app.send(reqwest::Method::DELETE, &token, &path, None).await.0, StatusCode::NOT_FOUND, "deleting twice");

    let (status, restored) = app.send(reqwest::Method::POST, &token, &format!("{path}/restore"), None).await;
    assert_eq!(status, StatusCode::OK, "{restored}");
    assert_eq!(restored["id"], rust.as_str());
    assert_eq!(get(&app, &token, &path).await.0, StatusCode::OK);
    assert_eq!(app.send(reqwest::Method::POST, &token, &format!("{path}/restore"), None).await.0, StatusCode::NOT_FOUND);

    // Past the 30 days, undo is gone.
    app.send(reqwest::Method::DELETE, &token, &path, None).await;
    let mut conn = app.owner_connection().await;
    sqlx::query("update applications set deleted_at = now() - interval '31 days'").execute(&mut conn).await.expect("age");
    assert_eq!(app.send(reqwest::Method::POST, &token, &format!("{path}/restore"), None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.audit_count("application.delete").await, 2);
    assert_eq!(app.audit_count("application.restore").await, 1);
}

#[tokio::test]
async fn bad_changes_are_422_naming_the_field_and_change_nothing() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, rust, _) = tracked(&app, "ada@example.org").await;

    let (status, body) = patch(&app, &token, &rust, json!({ "stage": "hired" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let text = body.to_string();
    assert!(text.contains("stage") && text.contains("prospect, applied, screen, interview, offer, rejected, accepted"), "{text}");

    let (status, body) = patch(&app, &token, &rust, json!({ "stage": "applied", "colour": "red" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.to_string().contains("colour"), "{body}");

    let (status, body) = patch(&app, &token, &rust, json!({ "source_label": "x".repeat(101) })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("source_label"), "{body}");

    let (status, body) = get(&app, &token, "/api/v1/applications?stage=hired").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.to_string().contains("stage"), "{body}");

    let (_, read) = get(&app, &token, &format!("/api/v1/applications/{rust}")).await;
    assert_eq!((read["stage"].clone(), read["source_label"].clone()), (json!("prospect"), json!("Manual add")));
    assert_eq!(app.audit_count("application.update").await, 0);
}

#[tokio::test]
async fn another_users_application_is_a_404_on_every_route_and_stays_untouched() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (_, adas, _) = tracked(&app, "ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let path = format!("/api/v1/applications/{adas}");

    assert_eq!(get(&app, &bob, &path).await.0, StatusCode::NOT_FOUND);
    assert_eq!(patch(&app, &bob, &adas, json!({ "stage": "offer" })).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(reqwest::Method::DELETE, &bob, &path, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.send(reqwest::Method::POST, &bob, &format!("{path}/restore"), None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        count(&app, "select count(*) from applications where stage = 'prospect' and deleted_at is null").await,
        2,
        "Ada's applications are as they were"
    );
    assert_eq!(app.audit_count("application.update").await + app.audit_count("application.delete").await, 0);
}

#[tokio::test]
async fn the_openapi_document_lists_the_change_routes() {
    let app = spawn_app().await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("get").json().await.expect("json");
    let one = &doc["paths"]["/api/v1/applications/{id}"];
    for method in ["get", "patch", "delete"] {
        assert_eq!(one[method]["tags"][0], "applications", "{method}");
    }
    assert!(doc["paths"]["/api/v1/applications/{id}/restore"]["post"].is_object());
    assert!(doc["components"]["schemas"]["ApplicationChange"].is_object());
    assert!(doc["components"]["schemas"]["ApplicationDetail"].is_object());
}

#[tokio::test]
async fn a_job_typed_in_by_hand_becomes_a_posting_and_an_application_and_meets_the_catalogs_rows() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let token = app.sign_up("ada@example.org").await;
    let add = |body: Value| {
        let (app, token) = (&app, token.clone());
        async move { app.send(reqwest::Method::POST, &token, "/api/v1/applications", Some(body)).await }
    };

    let (status, added) = add(json!({
        "title": "Head of Platform", "company": "Nimbus Cloud", "url": "https://nimbus.example/careers/head-of-platform",
        "location": "Berlin, Germany", "stage": "applied", "status_notes": "Emailed the CTO"
    }))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{added}");
    assert_eq!((added["posting_title"].clone(), added["company_name"].clone()), (json!("Head of Platform"), json!("Nimbus Cloud")));
    assert_eq!((added["stage"].clone(), added["source_label"].clone()), (json!("applied"), json!("Manual entry")));
    assert!(added["applied_at"].is_string());
    assert_eq!(added["status_notes"], "Emailed the CTO");

    // The same link again, another case of the company: the same application, no new rows.
    let postings = count(&app, "select count(*) from job_postings").await;
    let (status, again) = add(json!({ "title": "Head of Platform", "company": "NIMBUS CLOUD", "url": "https://nimbus.example/careers/head-of-platform" })).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["id"], added["id"]);
    assert_eq!(count(&app, "select count(*) from job_postings").await, postings);
    assert_eq!(count(&app, "select count(*) from companies where lower(name) = 'nimbus cloud'").await, 1);

    // A company already in the catalog, in another case, is that company.
    let (status, acme) = add(json!({ "title": "Robot Wrangler", "company": "ACME ROBOTICS", "url": "https://acme.example/jobs/wrangler" })).await;
    assert_eq!(status, StatusCode::CREATED, "{acme}");
    assert_eq!(count(&app, "select count(*) from companies where lower(name) = 'acme robotics'").await, 1);

    // A link to a posting a board already stored is that posting.
    let rust = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let (status, linked) = add(json!({ "title": "Rust person", "company": "Acme", "url": "https://boards.greenhouse.io/acme/jobs/gh-rust" })).await;
    assert_eq!(status, StatusCode::CREATED, "{linked}");
    assert_eq!(linked["job_posting_id"], rust.to_string());
    assert_eq!(linked["posting_title"], "Senior Rust Engineer", "what one user types never rewrites the board's posting");

    // Another user typing the same link with another title gets the same posting, unchanged.
    let bob = app.sign_up("bob@example.org").await;
    let (status, bobs) = app.send(reqwest::Method::POST, &bob, "/api/v1/applications",
        Some(json!({ "title": "Janitor", "company": "Nimbus", "url": "https://nimbus.example/careers/head-of-platform" }))).await;
    assert_eq!(status, StatusCode::CREATED, "{bobs}");
    assert_eq!(bobs["job_posting_id"], added["job_posting_id"]);
    assert_eq!(bobs["posting_title"], "Head of Platform");
    assert_ne!(bobs["id"], added["id"], "Bob's own application");
}

#[tokio::test]
async fn a_hand_typed_job_with_bad_fields_is_a_422_naming_each_and_stores_nothing() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let postings = count(&app, "select count(*) from job_postings").await;
    for (body, field) in [
        (json!({ "title": " ", "company": "Acme", "url": "https://acme.example/1" }), "title"),
        (json!({ "title": "Engineer", "company": "", "url": "https://acme.example/1" }), "company"),
        (json!({ "title": "Engineer", "company": "Acme", "url": "ftp://acme.example/1" }), "url"),
        (json!({ "title": "Engineer", "company": "Acme", "url": "not a link" }), "url"),
        (json!({ "title": "Engineer", "company": "Acme", "url": "https://acme.example/1", "stage": "hired" }), "stage"),
        (json!({ "title": "Engineer", "company": "Acme", "url": "https://acme.example/1", "salary": 1 }), "salary"),
    ] {
        let (status, error) = app.send(reqwest::Method::POST, &token, "/api/v1/applications", Some(body.clone())).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}: {error}");
        assert!(error.to_string().contains(field), "{body}: {error}");
    }
    assert_eq!(count(&app, "select count(*) from job_postings").await, postings);
    assert_eq!(count(&app, "select count(*) from applications").await, 0);
}

#[tokio::test]
async fn the_resume_sent_is_the_users_base_or_one_made_for_the_posting_and_never_another_users() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, rust, frontend) = tracked(&app, "ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let frontend_posting = catalog::posting_id(&app, catalog::FRONTEND_JOB).await;
    let mut conn = app.owner_connection().await;
    let version = |email: &'static str, base: bool, posting: Option<uuid::Uuid>| {
        sqlx::query_scalar::<_, uuid::Uuid>(
            "insert into resume_versions (user_id, base_flag, job_posting_id)
             select id, $2, $3 from users where email = $1 returning id",
        )
        .bind(email)
        .bind(base)
        .bind(posting)
    };
    let adas_base = version("ada@example.org", true, None).fetch_one(&mut conn).await.expect("base");
    let for_frontend = version("ada@example.org", false, Some(frontend_posting)).fetch_one(&mut conn).await.expect("tailored");
    let bobs_base = version("bob@example.org", true, None).fetch_one(&mut conn).await.expect("bob's");
    drop(bob);

    let (status, sent) = patch(&app, &ada, &rust, json!({ "resume_version_id": adas_base })).await;
    assert_eq!(status, StatusCode::OK, "{sent}");
    assert_eq!(sent["resume_version_id"], adas_base.to_string());
    let (status, body) = patch(&app, &ada, &rust, json!({ "resume_version_id": for_frontend })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a version made for another posting: {body}");
    assert!(body.to_string().contains("resume_version_id"), "{body}");
    assert_eq!(patch(&app, &ada, &frontend, json!({ "resume_version_id": for_frontend })).await.0, StatusCode::OK);
    assert_eq!(patch(&app, &ada, &rust, json!({ "resume_version_id": bobs_base })).await.0, StatusCode::NOT_FOUND, "Bob's resume");
    assert_eq!(patch(&app, &ada, &rust, json!({ "resume_version_id": uuid::Uuid::new_v4() })).await.0, StatusCode::NOT_FOUND);

    let (_, read) = get(&app, &ada, &format!("/api/v1/applications/{rust}")).await;
    assert_eq!(read["resume_version_id"], adas_base.to_string(), "refused changes changed nothing");
    let (_, cleared) = patch(&app, &ada, &rust, json!({ "resume_version_id": null })).await;
    assert_eq!(cleared["resume_version_id"], Value::Null);
}
