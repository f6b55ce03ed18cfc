//! Resume Studio through the JSON API over real HTTP and PostgreSQL: upload (base version,
//! seeded saved search), edits and their 422s, soft delete, restore, the base rule, the 30-day
//! purge, another user's ids, and bad files that must leave nothing behind.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;

#[path = "support/files.rs"]
mod files_support;

use files_support::{ELF, send_multipart};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::{TestApp, spawn_app};

fn sample_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/testdata/resumes/jsonresume/sample.resume.json")
}

fn sample() -> (Vec<u8>, Value) {
    let bytes = std::fs::read(sample_path()).expect("read the sample JSON Resume");
    let doc = serde_json::from_slice(&bytes).expect("sample is JSON");
    (bytes, doc)
}

async fn upload(app: &TestApp, token: &str, name: &str, bytes: &[u8]) -> (StatusCode, Value) {
    send_multipart(app, token, "/api/v1/resumes", &[("file", Some(name), "application/octet-stream", bytes)]).await
}

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap_or_else(|| panic!("no id in {v}")).to_string()
}

/// Rows and stored objects, seen as the schema owner and on disk.
async fn stored(app: &TestApp) -> (i64, usize) {
    let mut conn = app.owner_connection().await;
    let rows: i64 = sqlx::query_scalar("select count(*) from resume_versions").fetch_one(&mut conn).await.expect("count");
    let dir = app.state.config.data_dir.join("files");
    let objects = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    (rows, objects)
}

#[tokio::test]
async fn the_first_upload_becomes_the_base_and_seeds_one_saved_search_and_the_second_does_neither() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (bytes, doc) = sample();

    let (status, first) = upload(&app, &token, "sample.resume.json", &bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{first}");
    let version = &first["version"];
    assert_eq!(version["base_flag"], true);
    assert_eq!(version["name"], "sample.resume.json");
    assert_eq!(version["sections"]["contact"]["name"], doc["basics"]["name"]);
    assert_eq!(version["sections"]["experience"][0]["company"], doc["work"][0]["name"]);
    assert_eq!(version["sections"]["experience"][0]["role"], doc["work"][0]["position"]);
    assert_eq!(version["parse_report"]["not_found"], first["not_found"], "what was not found is kept with the version");
    assert!(version.get("storage_key").is_none(), "the storage key stays inside");

    let search = &first["seeded_search"];
    assert_eq!(search["name"], "My job search", "the blank search every new user starts with is filled in");
    assert_eq!(search["filters"]["remote_only"], true, "its other settings stay");
    let roles: Vec<Value> = doc["work"].as_array().expect("work").iter().map(|w| w["position"].clone()).collect();
    assert_eq!(search["filters"]["titles"], Value::Array(roles), "titles are the resume's roles");
    let skills = version["sections"]["skills"].as_array().expect("skills");
    let seeded = search["filters"]["skills"].as_array().expect("seeded skills");
    assert!(!seeded.is_empty() && seeded.len() <= 15 && seeded.iter().all(|s| skills.contains(s)), "{seeded:?} ⊆ {skills:?}");

    let (status, second) = upload(&app, &token, "again.json", &bytes).await;
    assert_eq!(status, StatusCode::CREATED, "{second}");
    assert_eq!(second["version"]["base_flag"], false, "a later upload is not the base");
    assert_eq!(second["seeded_search"], Value::Null);
    let (_, searches) = app.send(Method::GET, &token, "/api/v1/searches", None).await;
    assert_eq!(searches.as_array().map(Vec::len), Some(1), "seeded exactly once: {searches}");
    assert_eq!(stored(&app).await, (2, 2), "two versions, two original files");
    assert_eq!(app.audit_count("resume.upload").await, 2);
    assert_eq!(app.audit_count("saved_search.update").await, 1);

    let (_, list) = app.send(Method::GET, &token, "/api/v1/resumes", None).await;
    let ids: Vec<String> = list.as_array().expect("list").iter().map(id).collect();
    assert_eq!(ids, [id(version), id(&second["version"])], "base first");
}

#[tokio::test]
async fn a_user_who_set_up_a_search_of_their_own_keeps_every_search_as_it_was() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let mine = json!({ "name": "Chef roles", "filters": { "titles": ["Sous Chef"] } });
    assert_eq!(app.send(Method::POST, &token, "/api/v1/searches", Some(mine)).await.0, StatusCode::CREATED);
    let (_, before) = app.send(Method::GET, &token, "/api/v1/searches", None).await;
    let (status, up) = upload(&app, &token, "sample.resume.json", &sample().0).await;
    assert_eq!((status, up["seeded_search"].clone(), up["version"]["base_flag"].clone()), (StatusCode::CREATED, Value::Null, json!(true)));
    let (_, after) = app.send(Method::GET, &token, "/api/v1/searches", None).await;
    assert_eq!(after, before);
}

#[tokio::test]
async fn sections_are_replaced_whole_or_one_at_a_time_and_bad_sections_are_a_422_naming_the_field() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (_, up) = upload(&app, &token, "sample.resume.json", &sample().0).await;
    let path = format!("/api/v1/resumes/{}", id(&up["version"]));
    let mut sections = up["version"]["sections"].clone();

    sections["experience"][0]["role"] = json!("  ");
    sections["education"] = json!([{ "school": "" }]);
    let (status, body) = app.send(Method::PUT, &token, &path, Some(sections.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let fields: Vec<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, ["experience[0].role", "education[0].school"]);
    let (_, unchanged) = app.send(Method::GET, &token, &path, None).await;
    assert_eq!(unchanged["sections"], up["version"]["sections"], "a refused edit changes nothing");

    let mut sections = up["version"]["sections"].clone();
    sections["summary"] = json!("Builds compression products.");
    let (status, edited) = app.send(Method::PUT, &token, &path, Some(sections)).await;
    assert_eq!((status, edited["sections"]["summary"].clone()), (StatusCode::OK, json!("Builds compression products.")));

    let (status, edited) = app.send(Method::PUT, &token, &format!("{path}/sections/skills"), Some(json!(["Rust", " ", "SQL"]))).await;
    assert_eq!((status, edited["sections"]["skills"].clone()), (StatusCode::OK, json!(["Rust", "SQL"])), "{edited}");
    let (status, body) = app.send(Method::PUT, &token, &format!("{path}/sections/skills"), Some(json!(5))).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("skills")));
    let (status, _) = app.send(Method::PUT, &token, &format!("{path}/sections/password"), Some(json!("x"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "only real sections can be edited");
    assert_eq!(app.audit_count("resume.update").await, 2);

    let mut conn = app.owner_connection().await;
    let diffs: Vec<Value> = sqlx::query_scalar("select diff from audit_logs where action = 'resume.update' order by created_at")
        .fetch_all(&mut conn)
        .await
        .expect("audit");
    assert_eq!(diffs, [json!({ "changed": ["summary"] }), json!({ "changed": ["skills"] })], "names, not the resume's text");
}

#[tokio::test]
async fn a_deleted_version_leaves_the_list_can_be_restored_and_deleting_the_base_promotes_the_newest_upload() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let bytes = sample().0;
    let base = id(&upload(&app, &token, "one.json", &bytes).await.1["version"]);
    let other = id(&upload(&app, &token, "two.json", &bytes).await.1["version"]);

    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/resumes/{other}"), None).await.0, StatusCode::NO_CONTENT);
    assert_eq!(app.send(Method::GET, &token, &format!("/api/v1/resumes/{other}"), None).await.0, StatusCode::NOT_FOUND);
    let (_, list) = app.send(Method::GET, &token, "/api/v1/resumes", None).await;
    assert_eq!(list.as_array().expect("list").iter().map(id).collect::<Vec<_>>(), std::slice::from_ref(&base));
    let (_, all) = app.send(Method::GET, &token, "/api/v1/resumes?include_deleted=true", None).await;
    assert!(all[1]["deleted_at"].is_string(), "{all}");
    let (status, back) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{other}/restore"), None).await;
    assert_eq!((status, back["deleted_at"].clone(), back["base_flag"].clone()), (StatusCode::OK, Value::Null, json!(false)));

    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/resumes/{base}"), None).await.0, StatusCode::NO_CONTENT);
    let (_, promoted) = app.send(Method::GET, &token, &format!("/api/v1/resumes/{other}"), None).await;
    assert_eq!(promoted["base_flag"], true, "the newest upload became the base");
    let (_, restored) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{base}/restore"), None).await;
    assert_eq!(restored["base_flag"], false, "another base took its place meanwhile");

    let (status, made) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{base}/base"), None).await;
    assert_eq!((status, made["base_flag"].clone()), (StatusCode::OK, json!(true)));
    let (_, list) = app.send(Method::GET, &token, "/api/v1/resumes", None).await;
    let bases: Vec<String> = list.as_array().expect("list").iter().filter(|v| v["base_flag"] == true).map(id).collect();
    assert_eq!(bases, [base], "one base at a time");
    for (action, n) in [("resume.delete", 2), ("resume.restore", 2), ("resume.set_base", 1)] {
        assert_eq!(app.audit_count(action).await, n, "{action}");
    }
}

#[tokio::test]
async fn versions_deleted_over_30_days_ago_are_purged_with_their_files_and_younger_ones_stay_restorable() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let bytes = sample().0;
    let old = id(&upload(&app, &token, "old.json", &bytes).await.1["version"]);
    let young = id(&upload(&app, &token, "young.json", &bytes).await.1["version"]);
    let render = json!({ "template": "classic", "format": "pdf" });
    let (status, _) = app.send(Method::POST, &token, &format!("/api/v1/resumes/{old}/render"), Some(render)).await;
    assert_eq!(status, StatusCode::CREATED, "a rendered PDF of the old version");
    assert_eq!(stored(&app).await, (2, 3), "two uploads and one rendered file");
    for v in [&old, &young] {
        app.send(Method::DELETE, &token, &format!("/api/v1/resumes/{v}"), None).await;
    }
    let mut conn = app.owner_connection().await;
    for (v, days) in [(&old, 31), (&young, 29)] {
        sqlx::query("update resume_versions set deleted_at = now() - make_interval(days => $2) where id = $1::uuid")
            .bind(v)
            .bind(days)
            .execute(&mut conn)
            .await
            .expect("age the delete");
    }
    assert_eq!(app.send(Method::POST, &token, &format!("/api/v1/resumes/{old}/restore"), None).await.0, StatusCode::NOT_FOUND, "too late");

    let purged = jobpilot::jobs::purge::purge_deleted_resumes(&app.state.system_db, &app.state.storage).await.expect("purge");
    assert_eq!(purged, 1);
    assert_eq!(stored(&app).await, (1, 1), "the old version, its upload and its rendered PDF are gone; the young one stays");
    assert_eq!(app.audit_count("resume.purge").await, 1);
    assert_eq!(app.send(Method::POST, &token, &format!("/api/v1/resumes/{young}/restore"), None).await.0, StatusCode::OK);
    assert_eq!(jobpilot::jobs::purge::purge_deleted_resumes(&app.state.system_db, &app.state.storage).await.expect("again"), 0);
}

#[tokio::test]
async fn another_users_version_is_404_for_every_verb_and_stays_as_it_was() {
    let app = spawn_app().await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let (_, up) = upload(&app, &ada, "ada.json", &sample().0).await;
    let v = id(&up["version"]);
    for (method, path, body) in [
        (Method::GET, format!("/api/v1/resumes/{v}"), None),
        (Method::PUT, format!("/api/v1/resumes/{v}"), Some(json!({}))),
        (Method::PUT, format!("/api/v1/resumes/{v}/sections/skills"), Some(json!(["Stolen"]))),
        (Method::DELETE, format!("/api/v1/resumes/{v}"), None),
        (Method::POST, format!("/api/v1/resumes/{v}/restore"), None),
        (Method::POST, format!("/api/v1/resumes/{v}/base"), None),
    ] {
        assert_eq!(app.send(method.clone(), &bob, &path, body).await.0, StatusCode::NOT_FOUND, "{method} {path}");
    }
    let (_, bobs) = app.send(Method::GET, &bob, "/api/v1/resumes?include_deleted=true", None).await;
    assert_eq!(bobs, json!([]));
    let (_, still) = app.send(Method::GET, &ada, &format!("/api/v1/resumes/{v}"), None).await;
    assert_eq!(still["sections"], up["version"]["sections"]);
    let anonymous = app.client.get(app.url("/api/v1/resumes")).send().await.expect("request");
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_renamed_executable_is_415_a_30_mb_file_413_and_an_unreadable_or_empty_file_422_and_none_leaves_anything() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let (status, body) = upload(&app, &token, "resume.pdf", ELF).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::UNSUPPORTED_MEDIA_TYPE, json!("file")), "{body}");

    let huge = vec![b'a'; 30 * 1024 * 1024];
    let (status, body) = upload(&app, &token, "resume.txt", &huge).await;
    assert_eq!((status, body["errors"][0]["field"].clone()), (StatusCode::PAYLOAD_TOO_LARGE, json!("file")), "{body}");

    // A PDF header and nothing a PDF reader can use; whitespace only; a Word file with no text.
    let empty_docx = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/crates/resume/tests/fixtures/bad-empty.docx")).expect("fixture");
    for (name, bytes) in [("broken.pdf", &b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj garbage"[..]), ("blank.txt", b"   \n\n "), ("empty.docx", &empty_docx[..])] {
        let (status, body) = upload(&app, &token, name, bytes).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name}: {body}");
        assert_eq!(body["errors"][0]["field"], "file", "{body}");
        assert!(body["errors"][0]["detail"].as_str().is_some_and(|d| !d.is_empty()), "a message for the user: {body}");
    }
    assert_eq!(stored(&app).await, (0, 0), "no row and no stored object");
    assert_eq!(app.audit_count("resume.upload").await, 0);
    let (_, searches) = app.send(Method::GET, &token, "/api/v1/searches", None).await;
    assert_eq!(searches[0]["filters"]["titles"], json!([]), "no search seeded from a file that was refused");
    assert_eq!(app.audit_count("saved_search.update").await, 0);
}

#[tokio::test]
async fn what_the_file_leaves_out_stays_empty_and_is_listed_to_complete_rather_than_refused_or_invented() {
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let partial = br#"{"basics": {"name": "Ada Lovelace"}, "work": [{"name": "Analytical Engines Ltd"}]}"#;
    let (status, up) = upload(&app, &token, "partial.json", partial).await;
    assert_eq!(status, StatusCode::CREATED, "{up}");
    let job = &up["version"]["sections"]["experience"][0];
    assert_eq!((job["company"].clone(), job["role"].clone()), (json!("Analytical Engines Ltd"), json!("")), "no role is made up");
    let notes = up["notes"].as_array().expect("notes");
    assert!(notes.iter().any(|n| n.as_str().is_some_and(|n| n.contains("experience[0].role"))), "{notes:?}");
    assert!(up["not_found"].as_array().expect("not_found").contains(&json!("email")));
    assert_eq!(up["seeded_search"], Value::Null, "nothing to seed a search with");
}

#[tokio::test]
async fn the_versions_list_shows_the_applications_that_used_each_version() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = catalog::applicant(&app, "ada@example.org").await;
    let (_, up) = upload(&app, &token, "ada.json", &sample().0).await;
    let v = id(&up["version"]);
    let (status, _) = app.send(Method::PATCH, &token, &format!("/api/v1/applications/{application}"), Some(json!({ "resume_version_id": v }))).await;
    assert_eq!(status, StatusCode::OK);
    let (_, list) = app.send(Method::GET, &token, "/api/v1/resumes", None).await;
    let used = &list[0]["applications"];
    assert_eq!(used.as_array().map(Vec::len), Some(1), "{list}");
    assert_eq!(used[0]["id"], application);
    assert!(used[0]["title"].is_string() && used[0]["stage"].is_string(), "{used}");
}

#[tokio::test]
async fn resume_generated_events_carry_the_version_and_how_it_was_made() {
    use jobpilot::services::resumes::{Generated, record_generated};
    let app = spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    let v: uuid::Uuid = id(&upload(&app, &token, "ada.json", &sample().0).await.1["version"]).parse().expect("uuid");
    let mut conn = app.owner_connection().await;
    let user: uuid::Uuid = sqlx::query_scalar("select id from users").fetch_one(&mut conn).await.expect("user");
    record_generated(&mut conn, user, v, Generated::Tailored).await.expect("tailored");
    record_generated(&mut conn, user, v, Generated::Rendered { format: "pdf", template: "classic" }).await.expect("rendered");
    let props: Vec<Value> = sqlx::query_scalar("select props from user_events where name = 'resume_generated' order by created_at, props->>'kind' desc")
        .fetch_all(&mut conn)
        .await
        .expect("events");
    assert_eq!(props, [json!({ "version_id": v, "kind": "tailored" }), json!({ "version_id": v, "kind": "rendered", "format": "pdf", "template": "classic" })]);
}

#[tokio::test]
async fn the_served_openapi_document_describes_every_resume_route() {
    let app = spawn_app().await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("doc").json().await.expect("json");
    let paths = &doc["paths"];
    for (path, method) in [("/api/v1/resumes", "post"), ("/api/v1/resumes", "get"), ("/api/v1/resumes/{id}", "get"),
        ("/api/v1/resumes/{id}", "put"), ("/api/v1/resumes/{id}", "delete"), ("/api/v1/resumes/{id}/sections/{section}", "put"),
        ("/api/v1/resumes/{id}/restore", "post"), ("/api/v1/resumes/{id}/base", "post")] {
        assert!(paths[path][method].is_object(), "{method} {path}");
    }
}
