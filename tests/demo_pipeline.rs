//! `jobpilot demo` on a real PostgreSQL: the demo user gets a living pipeline (applications over
//! the stages, an interview, a task, a sent message), and loading again changes none of it.

mod support;

use reqwest::Method;
use support::{spawn_app, test_config};

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_fills_the_pipeline_once() {
    let app = spawn_app().await;
    let config = test_config(&app.db_url);
    let database = jobpilot::runtime::Database::open(&config).await.expect("open");
    jobpilot::demo::load(&config, &database).await.expect("demo loads");
    let response = reqwest::Client::new()
        .post(app.url("/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": jobpilot::demo::DEMO_EMAIL, "password": jobpilot::demo::DEMO_PASSWORD }))
        .send()
        .await
        .expect("log in");
    assert_eq!(response.status(), 200);
    let login: serde_json::Value = response.json().await.expect("json");
    let token = login["token"].as_str().expect("token").to_string();

    let (_, list) = app.send(Method::GET, &token, "/api/v1/applications?limit=100", None).await;
    let items = list["items"].as_array().expect("items").clone();
    assert_eq!(items.len(), 9, "{list}");
    let stages: std::collections::BTreeSet<&str> = items.iter().filter_map(|a| a["stage"].as_str()).collect();
    assert!(stages.len() >= 5, "spread over the board: {stages:?}");
    let interviewing = items.iter().find(|a| a["stage"] == "interview").expect("one in interview");
    let id = interviewing["id"].as_str().expect("id");
    let (_, events) = app.send(Method::GET, &token, &format!("/api/v1/applications/{id}/events"), None).await;
    assert_eq!(events.as_array().map(Vec::len), Some(1));
    let (_, outreach) = app.send(Method::GET, &token, &format!("/api/v1/applications/{id}/outreach"), None).await;
    assert_eq!(outreach["funnel"]["sent"], 1);
    let (_, tasks) = app.send(Method::GET, &token, "/api/v1/tasks", None).await;
    assert_eq!(tasks.as_array().map(Vec::len), Some(1));

    jobpilot::demo::load(&config, &database).await.expect("loads again");
    let (_, again) = app.send(Method::GET, &token, "/api/v1/applications?limit=100", None).await;
    assert_eq!(again["items"].as_array().map(Vec::len), Some(9), "nothing added the second time");
    database.close().await.expect("close");
}
