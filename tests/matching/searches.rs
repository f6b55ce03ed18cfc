//! `/api/v1/searches`: create, read, change, delete, and every kind of bad input named.

use serde_json::{Value, json};

use crate::support;

fn valid() -> Value {
    json!({ "name": "Rust roles", "filters": { "titles": ["Rust Engineer"], "remote_only": true },
            "schedule_cron": "30 6 * * 1-5", "timezone": "Europe/Berlin" })
}

#[tokio::test]
async fn a_saved_search_is_created_read_changed_and_deleted_with_its_next_run_in_its_zone() {
    let app = support::spawn_app().await;
    let token = app.sign_up("saver@example.com").await;
    let created = app.client.post(app.url("/api/v1/searches")).bearer_auth(&token).json(&valid()).send().await.expect("post");
    assert_eq!(created.status(), 201);
    let search: Value = created.json().await.expect("json");
    let id = search["id"].as_str().expect("id").to_string();
    assert_eq!(search["timezone"], "Europe/Berlin");
    // 06:30 in Berlin is 05:30 UTC in winter.
    let next = search["next_run_at"].as_str().expect("next run");
    assert!(next.contains("T05:30:00"), "{next}");

    let mut change = valid();
    change["enabled"] = json!(false);
    change["filters"]["salary_min_cents"] = json!(9_000_000);
    let changed = app.client.put(app.url(&format!("/api/v1/searches/{id}"))).bearer_auth(&token).json(&change).send().await.expect("put");
    assert_eq!(changed.status(), 200);
    let changed: Value = changed.json().await.expect("json");
    assert_eq!(changed["enabled"], false);
    assert_eq!(changed["filters"]["salary_min_cents"], 9_000_000);

    let list: Value = app.client.get(app.url("/api/v1/searches")).bearer_auth(&token).send().await.expect("get").json().await.expect("json");
    assert_eq!(list.as_array().expect("list").len(), 2, "the sign-up default and this one");
    let deleted = app.client.delete(app.url(&format!("/api/v1/searches/{id}"))).bearer_auth(&token).send().await.expect("delete");
    assert_eq!(deleted.status(), 204);
    for action in ["saved_search.create", "saved_search.update", "saved_search.delete"] {
        assert_eq!(app.audit_count(action).await, 1, "{action}");
    }
    let again = app.client.delete(app.url(&format!("/api/v1/searches/{id}"))).bearer_auth(&token).send().await.expect("delete");
    assert_eq!(again.status(), 404);
}

#[tokio::test]
async fn bad_input_is_a_422_naming_the_field_and_saves_nothing() {
    let app = support::spawn_app().await;
    let token = app.sign_up("typo@example.com").await;
    let cases = [
        (json!({ "schedule_cron": "61 * * * *" }), "schedule_cron"),
        (json!({ "schedule_cron": "every day" }), "schedule_cron"),
        (json!({ "timezone": "Mars/Olympus" }), "timezone"),
        (json!({ "filters": { "salary_min_cents": -1 } }), "filters.salary_min_cents"),
        (json!({ "filters": { "remote": true } }), "filters"),
        (json!({ "filters": { "levels": ["Wizard"] } }), "filters.levels"),
        (json!({ "name": "   " }), "name"),
    ];
    for (patch, field) in cases {
        let mut body = valid();
        for (k, v) in patch.as_object().expect("object") {
            body[k] = v.clone();
        }
        let response = app.client.post(app.url("/api/v1/searches")).bearer_auth(&token).json(&body).send().await.expect("post");
        assert_eq!(response.status(), 422, "{patch}");
        let errors: Value = response.json().await.expect("json");
        let named = errors["errors"][0]["field"].as_str().unwrap_or_default().to_string();
        assert!(named.starts_with(field), "{patch}: {errors}");
        if field == "schedule_cron" {
            assert!(errors["errors"][0]["detail"].as_str().expect("detail").contains("not a valid cron"), "{errors}");
        }
    }
    let list: Value = app.client.get(app.url("/api/v1/searches")).bearer_auth(&token).send().await.expect("get").json().await.expect("json");
    assert_eq!(list.as_array().expect("list").len(), 1, "only the sign-up default");
    let duplicate = app.client.post(app.url("/api/v1/searches")).bearer_auth(&token).json(&valid()).send().await.expect("post");
    assert_eq!(duplicate.status(), 201);
    let duplicate = app.client.post(app.url("/api/v1/searches")).bearer_auth(&token).json(&valid()).send().await.expect("post");
    assert_eq!(duplicate.status(), 409);
}

#[tokio::test]
async fn another_users_search_is_a_404_on_every_route() {
    let app = support::spawn_app().await;
    let owner = app.sign_up("owner@example.com").await;
    let other = app.sign_up("other@example.com").await;
    let created: Value = app.client.post(app.url("/api/v1/searches")).bearer_auth(&owner).json(&valid()).send().await.expect("post").json().await.expect("json");
    let path = app.url(&format!("/api/v1/searches/{}", created["id"].as_str().expect("id")));
    assert_eq!(app.client.get(&path).bearer_auth(&other).send().await.expect("get").status(), 404);
    assert_eq!(app.client.put(&path).bearer_auth(&other).json(&valid()).send().await.expect("put").status(), 404);
    assert_eq!(app.client.delete(&path).bearer_auth(&other).send().await.expect("delete").status(), 404);
    assert_eq!(app.client.get(&path).bearer_auth(&owner).send().await.expect("get").status(), 200);
}
