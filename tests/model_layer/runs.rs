//! Recorded runs read back: through the API (own runs only, newest first, paged, with their
//! messages in order), on the `/settings/ai` page, and never with the API key in them.

use std::io::Write;
use std::sync::{Arc, Mutex};

use jobpilot::agents::model::RunRecord;
use reqwest::{Method, StatusCode};
use serde_json::Value;
use uuid::Uuid;

use crate::fake_service::{FakeService, Step};
use crate::support::{TestApp, spawn_app, spawn_app_with};
use crate::{GOOD, KEY, MODEL, models, run, settings};

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    let mut conn = app.owner_connection().await;
    sqlx::query_scalar("select id from users where email = $1").bind(email).fetch_one(&mut conn).await.expect("user")
}

/// Saves a run the way a use case does: in the user's own transaction.
async fn save(app: &TestApp, user: Uuid, record: &RunRecord) -> Uuid {
    let mut tx = jobpilot::db::begin_for_user(&app.state.db, user).await.expect("begin");
    let id = record.save(&mut tx, user).await.expect("save run");
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn runs_are_listed_newest_first_and_paged_with_their_messages_and_only_to_their_user() {
    let app = spawn_app().await;
    let ada = app.sign_up("ada@example.org").await;
    let bob = app.sign_up("bob@example.org").await;
    let ada_id = user_id(&app, "ada@example.org").await;

    let broken = r#"{"score": "high"}"#;
    let failing = FakeService::start(vec![Step::Content(broken.into())]).await;
    let fallback = save(&app, ada_id, &run(&models(&failing)).await.record).await;
    let working = FakeService::start(vec![Step::Content(GOOD.into())]).await;
    let answered = save(&app, ada_id, &run(&models(&working)).await.record).await;

    let (status, page) = app.send(Method::GET, &ada, "/api/v1/model-runs", None).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let ids: Vec<&str> = page["items"].as_array().expect("an array").iter().map(|r| r["id"].as_str().expect("a string")).collect();
    assert_eq!(ids, [answered.to_string(), fallback.to_string()], "newest first");
    let newest = &page["items"][0];
    assert_eq!((newest["engine"].as_str(), newest["model"].as_str(), newest["success"].as_bool()), (Some("openai_compatible"), Some(MODEL), Some(true)));
    assert_eq!((newest["agent"].as_str(), newest["tool"].as_str()), (Some("optimizer"), Some("keyword_coverage")));
    assert!(newest["latency_ms"].is_i64() && newest["tokens_in"] == 120);

    let (_, first) = app.send(Method::GET, &ada, "/api/v1/model-runs?limit=1", None).await;
    let cursor = first["next_cursor"].as_str().expect("a full page has a cursor").to_string();
    let (_, second) = app.send(Method::GET, &ada, &format!("/api/v1/model-runs?limit=1&cursor={cursor}"), None).await;
    assert_eq!(second["items"][0]["id"], fallback.to_string());

    let (status, detail) = app.send(Method::GET, &ada, &format!("/api/v1/model-runs/{fallback}"), None).await;
    assert_eq!(status, StatusCode::OK, "{detail}");
    assert_eq!((detail["engine"].as_str(), detail["model"].as_str(), detail["success"].as_bool()), (Some("deterministic"), Some(MODEL), Some(false)));
    assert!(detail["error"].as_str().is_some_and(|e| e.contains("/score")), "{detail}");
    let roles: Vec<&str> = detail["io"].as_array().expect("an array").iter().map(|m| m["role"].as_str().expect("a string")).collect();
    assert_eq!(roles, ["system", "user", "assistant", "validation_error", "user", "assistant", "validation_error", "fallback", "input", "output"]);
    assert_eq!(detail["io"][2]["content"], broken, "the broken reply is kept as the model wrote it");

    // Bob sees none of it, through the API or the database.
    let (status, page) = app.send(Method::GET, &bob, "/api/v1/model-runs", None).await;
    assert_eq!((status, page["items"].as_array().map(Vec::len)), (StatusCode::OK, Some(0)));
    let (status, _) = app.send(Method::GET, &bob, &format!("/api/v1/model-runs/{fallback}"), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let bob_id = user_id(&app, "bob@example.org").await;
    let mut tx = jobpilot::db::begin_for_user(&app.state.db, bob_id).await.expect("begin");
    let seen: i64 = sqlx::query_scalar("select count(*) from model_io").fetch_one(&mut *tx).await.expect("query");
    assert_eq!(seen, 0, "row-level security hides Ada's messages from Bob");

    let response = app.client.get(app.url("/api/v1/model-runs")).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (status, _) = app.send(Method::GET, &ada, "/api/v1/model-runs?limit=500", None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_openapi_document_describes_both_model_run_endpoints() {
    let app = spawn_app().await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("request").json().await.expect("JSON body");
    assert!(doc["paths"]["/api/v1/model-runs"]["get"].is_object(), "list documented");
    assert!(doc["paths"]["/api/v1/model-runs/{id}"]["get"].is_object(), "detail documented");
    assert!(doc["components"]["schemas"]["RunDetail"].is_object());
}

#[tokio::test]
async fn the_ai_settings_page_shows_the_configured_engine_and_recent_runs_but_never_the_key() {
    let service = FakeService::start(vec![Step::Content(GOOD.into())]).await;
    let app = spawn_app_with(|config| {
        config.llm_base_url = Some(service.base_url.clone());
        config.llm_model = Some(MODEL.into());
        config.llm_api_key = Some(KEY.into());
    })
    .await;
    assert_eq!(app.state.models.engine(), "openai_compatible", "AppState builds the engine from the configuration");

    let client = app.browser_client();
    let token = crate::support_pages::token_from(&client, &app, "/signup").await;
    let response = client
        .post(app.url("/signup"))
        .form(&[("csrf_token", token.as_str()), ("email", "ada@example.org"), ("password", crate::support::STRONG_PASSWORD)])
        .send()
        .await
        .expect("sign-up request");
    assert!(response.status().is_redirection(), "signed up");
    let ada = user_id(&app, "ada@example.org").await;

    let empty = client.get(app.url("/settings/ai")).send().await.expect("request").text().await.expect("body");
    assert!(empty.contains("No model runs yet"), "{empty}");

    let record = run(&app.state.models).await.record;
    assert_eq!(service.received()[0].authorization.as_deref(), Some(format!("Bearer {KEY}").as_str()));
    let id = save(&app, ada, &record).await;

    let response = client.get(app.url("/settings/ai")).send().await.expect("request");
    assert_eq!(response.status(), StatusCode::OK);
    let html = response.text().await.expect("body");
    let host = service.base_url.trim_start_matches("http://").split('/').next().expect("a host");
    assert!(html.contains(MODEL) && html.contains(host), "the engine is described");
    assert!(html.contains("keyword_coverage") && html.contains("openai_compatible") && html.contains(&id.to_string()), "the run is listed");
    assert!(!html.contains(KEY), "the key is never shown");

    let detail = client.get(app.url(&format!("/settings/ai/runs/{id}"))).send().await.expect("request");
    assert_eq!(detail.status(), StatusCode::OK);
    let html = detail.text().await.expect("body");
    assert!(html.contains("the share covered as a whole percentage") && html.contains("PostgreSQL"), "the messages are shown");
    assert!(!html.contains(KEY));

    let other = client.get(app.url(&format!("/settings/ai/runs/{}", Uuid::new_v4()))).send().await.expect("request");
    assert_eq!(other.status(), StatusCode::NOT_FOUND);
}

/// Log lines written by every part of the process, as a string.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_key_never_reaches_the_logs_or_the_stored_runs() {
    let logs = Captured::default();
    let writer = logs.clone();
    let subscriber = tracing_subscriber::fmt().with_max_level(tracing::Level::TRACE).with_ansi(false).with_writer(move || writer.clone()).finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber of this test process");

    let app = spawn_app().await;
    app.sign_up("ada@example.org").await;
    let ada = user_id(&app, "ada@example.org").await;
    let scripts = [
        vec![Step::Content(GOOD.into())],
        vec![Step::Status { code: 429, retry_after: Some("0") }],
        vec![Step::Status { code: 401, retry_after: None }],
        vec![Step::Content("no JSON here".into())],
    ];
    for script in scripts {
        let service = FakeService::start(script).await;
        save(&app, ada, &run(&models(&service)).await.record).await;
        assert!(service.received().iter().all(|r| r.authorization.as_deref() == Some(&format!("Bearer {KEY}"))));
    }

    let mut conn = app.owner_connection().await;
    let stored: Vec<String> = sqlx::query_scalar(
        "select content::text from model_io union all select row_to_json(r)::text from model_runs r",
    )
    .fetch_all(&mut conn).await.expect("query");
    assert!(stored.len() > 10, "runs and messages were stored");
    assert!(stored.iter().all(|text| !text.contains(KEY)), "no stored row holds the key");

    let logged = String::from_utf8(logs.0.lock().expect("lock").clone()).expect("UTF-8");
    assert!(logged.contains("language model failed"), "the fallbacks were logged:\n{logged}");
    assert!(!logged.contains(KEY), "the key was logged:\n{logged}");
    assert!(!format!("{:?}", settings(&FakeService::start(vec![Step::Content(GOOD.into())]).await)).contains(KEY));
    let mut config = crate::support::test_config("postgres://unused/db");
    config.llm_api_key = Some(KEY.into());
    assert!(!format!("{config:?}").contains(KEY), "the configuration's Debug hides the key");
}
