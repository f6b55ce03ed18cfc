//! Notifications over real HTTP and PostgreSQL: the reminder job (one per task coming due and
//! event coming up, idempotent across re-runs and concurrent runs, a new one for a new time, in
//! the user's time zone), the `/notifications` page and API, the header's unread count, and
//! another user's notifications.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;

use chrono::{DateTime, Duration, Utc};
use jobpilot::services::reminders::Created;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use support::{STRONG_PASSWORD, TestApp, spawn_app};

/// Runs the reminder job the way the runner's handler does.
async fn run_job(app: &TestApp) -> Created {
    jobpilot::jobs::reminders::run(&app.state.system_db).await.expect("reminder job")
}

/// A user tracking `board_id`: (token, application id).
async fn applicant(app: &TestApp, email: &str, board_id: &str) -> (String, String) {
    let token = app.sign_up(email).await;
    let application = track(app, &token, board_id).await;
    (token, application)
}

async fn track(app: &TestApp, token: &str, board_id: &str) -> String {
    let posting = catalog::posting_id(app, board_id).await;
    let (status, application) = app.send(Method::POST, token, &format!("/api/v1/postings/{posting}/track"), None).await;
    assert!(status.is_success(), "{application}");
    application["id"].as_str().expect("id").to_string()
}

async fn add_task(app: &TestApp, token: &str, title: &str, due: DateTime<Utc>, application: Option<&str>) -> String {
    let (status, task) = app
        .send(Method::POST, token, "/api/v1/tasks", Some(json!({ "title": title, "due_at": due, "application_id": application })))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{task}");
    task["id"].as_str().expect("id").to_string()
}

async fn add_event(app: &TestApp, token: &str, application: &str, kind: &str, start: DateTime<Utc>) -> String {
    let body = json!({ "type": kind, "start_at": start, "end_at": start + Duration::hours(1), "location": "Zoom" });
    let (status, event) = app.send(Method::POST, token, &format!("/api/v1/applications/{application}/events"), Some(body)).await;
    assert_eq!(status, StatusCode::CREATED, "{event}");
    event["id"].as_str().expect("id").to_string()
}

/// (kind, subject id, announced time) of every notification, as the database holds them.
async fn stored(app: &TestApp) -> Vec<(String, String, DateTime<Utc>)> {
    let mut conn = app.owner_connection().await;
    sqlx::query_as("select kind, subject_id::text, subject_at from notifications where subject_id is not null order by subject_at, kind")
        .fetch_all(&mut conn)
        .await
        .expect("notifications")
}

fn items(list: &Value) -> Vec<Value> {
    list["items"].as_array().expect("items").clone()
}

/// The item about `subject` (a task's or event's id) in an API list.
fn about<'a>(list: &'a [Value], key: &str, subject: &str) -> Vec<&'a Value> {
    list.iter().filter(|n| n["payload"][key] == subject).collect()
}

#[tokio::test]
async fn the_job_creates_one_reminder_per_due_task_and_upcoming_event_and_none_for_the_rest() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = applicant(&app, "ada@example.org", catalog::RUST_JOB).await;
    let dropped = track(&app, &token, catalog::FRONTEND_JOB).await;
    let now = Utc::now();

    let soon = add_task(&app, &token, "Send the take-home", now + Duration::hours(3), Some(&application)).await;
    let overdue = add_task(&app, &token, "Chase the recruiter", now - Duration::hours(2), None).await;
    add_task(&app, &token, "Next week's prep", now + Duration::days(2), None).await;
    add_task(&app, &token, "Long forgotten", now - Duration::days(30), None).await;
    let done = add_task(&app, &token, "Already done", now + Duration::hours(1), None).await;
    app.send(Method::POST, &token, &format!("/api/v1/tasks/{done}/complete"), None).await;
    let deleted = add_task(&app, &token, "Deleted", now + Duration::hours(1), None).await;
    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/tasks/{deleted}"), None).await.0, StatusCode::NO_CONTENT);
    add_task(&app, &token, "About a dropped application", now + Duration::hours(1), Some(&dropped)).await;
    add_event(&app, &token, &dropped, "interview", now + Duration::hours(2)).await;
    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/applications/{dropped}"), None).await.0, StatusCode::NO_CONTENT);

    let interview = add_event(&app, &token, &application, "interview", now + Duration::hours(5)).await;
    add_event(&app, &token, &application, "phone_screen", now + Duration::days(3)).await;
    add_event(&app, &token, &application, "assessment", now - Duration::hours(1)).await;
    let cancelled = add_event(&app, &token, &application, "offer_call", now + Duration::hours(4)).await;
    assert_eq!(app.send(Method::DELETE, &token, &format!("/api/v1/events/{cancelled}"), None).await.0, StatusCode::NO_CONTENT);

    assert_eq!(run_job(&app).await, Created { tasks: 2, events: 1 });
    let mut subjects: Vec<String> = stored(&app).await.into_iter().map(|(_, id, _)| id).collect();
    subjects.sort();
    let mut expected = vec![soon.clone(), overdue.clone(), interview.clone()];
    expected.sort();
    assert_eq!(subjects, expected, "the due task, the overdue one and the interview; nothing else");

    let (_, list) = app.send(Method::GET, &token, "/api/v1/notifications", None).await;
    assert_eq!(list["unread"], 3);
    let list = items(&list);
    let task = about(&list, "task_id", &soon)[0];
    assert_eq!((task["kind"].clone(), task["payload"]["title"].clone(), task["payload"]["overdue"].clone()),
        (json!("task_due"), json!("Send the take-home"), json!(false)));
    assert_eq!((task["payload"]["company"].clone(), task["payload"]["posting_title"].clone(), task["payload"]["link"].clone()),
        (json!("Acme Robotics"), json!("Senior Rust Engineer"), json!(format!("/applications/{application}"))));
    assert_eq!(about(&list, "task_id", &overdue)[0]["payload"]["overdue"], true);
    let event = about(&list, "event_id", &interview)[0];
    assert_eq!((event["kind"].clone(), event["payload"]["title"].clone(), event["payload"]["location"].clone()),
        (json!("event_upcoming"), json!("Interview"), json!("Zoom")));

    assert_eq!(run_job(&app).await, Created::default(), "a second run creates nothing");
    assert_eq!(stored(&app).await.len(), 3);
    assert_eq!(app.audit_count("notifications.remind").await, 2, "one audited batch per kind, none for the empty re-run");
}

#[tokio::test]
async fn concurrent_runs_leave_one_notification_per_task_and_event() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = applicant(&app, "ada@example.org", catalog::RUST_JOB).await;
    let now = Utc::now();
    for hours in 1..=6 {
        add_task(&app, &token, &format!("Task {hours}"), now + Duration::hours(hours), Some(&application)).await;
    }
    for hours in [2, 7] {
        add_event(&app, &token, &application, "interview", now + Duration::hours(hours)).await;
    }
    // Its own pool, so the two runs really hold two connections at once.
    let pool = jobpilot::db::connect_owner_pool(&app.db_url, 4).await.expect("pool");
    let (first, second) = tokio::join!(jobpilot::jobs::reminders::run(&pool), jobpilot::jobs::reminders::run(&pool));
    let (first, second) = (first.expect("first run"), second.expect("second run"));
    assert_eq!((first.tasks + second.tasks, first.events + second.events), (6, 2), "{first:?} + {second:?}");
    assert_eq!(stored(&app).await.len(), 8);
    let (again, again_too) = tokio::join!(jobpilot::jobs::reminders::run(&pool), jobpilot::jobs::reminders::run(&pool));
    assert_eq!((again.expect("run"), again_too.expect("run")), (Created::default(), Created::default()));
    assert_eq!(stored(&app).await.len(), 8);
}

#[tokio::test]
async fn a_snoozed_task_and_a_moved_event_get_a_new_reminder_for_their_new_time_and_an_edit_does_not() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = applicant(&app, "ada@example.org", catalog::RUST_JOB).await;
    let now = Utc::now();
    let task = add_task(&app, &token, "Follow up", now + Duration::hours(2), Some(&application)).await;
    let event = add_event(&app, &token, &application, "interview", now + Duration::hours(3)).await;
    assert_eq!(run_job(&app).await, Created { tasks: 1, events: 1 });

    let until = now + Duration::hours(5);
    let (status, snoozed) = app.send(Method::POST, &token, &format!("/api/v1/tasks/{task}/snooze"), Some(json!({ "until": until }))).await;
    assert_eq!(status, StatusCode::OK, "{snoozed}");
    let later = now + Duration::hours(9);
    let moved = json!({ "type": "interview", "start_at": later, "end_at": later + Duration::hours(1), "location": "Zoom" });
    assert_eq!(app.send(Method::PUT, &token, &format!("/api/v1/events/{event}"), Some(moved)).await.0, StatusCode::OK);
    assert_eq!(run_job(&app).await, Created { tasks: 1, events: 1 });
    assert_eq!(run_job(&app).await, Created::default());

    let rows = stored(&app).await;
    let times = |id: &str| rows.iter().filter(|(_, s, _)| s == id).map(|(_, _, at)| at.timestamp()).collect::<Vec<_>>();
    assert_eq!(times(&task), [(now + Duration::hours(2)).timestamp(), until.timestamp()]);
    assert_eq!(times(&event), [(now + Duration::hours(3)).timestamp(), later.timestamp()]);

    // Another place, same time: the reminder already sent still holds.
    let same_time = json!({ "type": "interview", "start_at": later, "end_at": later + Duration::hours(1), "location": "Office" });
    assert_eq!(app.send(Method::PUT, &token, &format!("/api/v1/events/{event}"), Some(same_time)).await.0, StatusCode::OK);
    assert_eq!(run_job(&app).await, Created::default());
}

#[tokio::test]
async fn the_time_in_a_reminder_is_on_the_users_clock_in_auckland_across_a_dst_change() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = applicant(&app, "ada@example.org", catalog::RUST_JOB).await;
    app.set_zone("ada@example.org", "Pacific/Auckland").await;
    let at = |text: &str| DateTime::parse_from_rfc3339(text).expect("time").with_timezone(&Utc);
    // Auckland leaves daylight time at 03:00 NZDT on Sunday 4 April 2027 (14:00 UTC on the
    // 3rd): 02:30 happens twice, an hour apart. In UTC both are still Saturday the 3rd.
    let first = add_task(&app, &token, "First half-past two", at("2027-04-03T13:30:00Z"), None).await;
    let second = add_task(&app, &token, "Second half-past two", at("2027-04-03T14:30:00Z"), None).await;
    let event = add_event(&app, &token, &application, "interview", at("2027-04-03T11:00:00Z")).await;

    // The service the job's handler calls, at a chosen moment (the handler passes the clock's).
    let created = jobpilot::services::reminders::create_due(&app.state.system_db, at("2027-04-03T00:00:00Z")).await.expect("run");
    assert_eq!(created, Created { tasks: 2, events: 1 });

    let (_, list) = app.send(Method::GET, &token, "/api/v1/notifications", None).await;
    let list = items(&list);
    let payload = |key: &str, id: &str| about(&list, key, id)[0]["payload"].clone();
    let (first, second, event) = (payload("task_id", &first), payload("task_id", &second), payload("event_id", &event));
    assert_eq!((first["local_time"].clone(), first["when"].clone()), (json!("2027-04-04T02:30:00+13:00"), json!("Sun 4 Apr 2027, 02:30 NZDT")));
    assert_eq!((second["local_time"].clone(), second["when"].clone()), (json!("2027-04-04T02:30:00+12:00"), json!("Sun 4 Apr 2027, 02:30 NZST")));
    assert_eq!((first["at"].clone(), first["time_zone"].clone()), (json!("2027-04-03T13:30:00Z"), json!("Pacific/Auckland")));
    assert_eq!(event["when"], "Sun 4 Apr 2027, 00:00 NZDT", "midnight on the 4th in Auckland, 11:00 on the 3rd in UTC");

    // The page shows the same wall-clock time.
    let client = app.browser_client();
    let response = helpers::log_in_with_form(&app, &client, "ada@example.org", STRONG_PASSWORD, "/").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let page = client.get(app.url("/notifications")).send().await.expect("page").text().await.expect("body");
    assert!(page.contains("due Sun 4 Apr 2027, 02:30 NZST"), "{page}");
}

#[tokio::test]
async fn the_header_counts_unread_notifications_and_the_page_marks_them_read() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (token, application) = applicant(&app, "ada@example.org", catalog::RUST_JOB).await;
    let now = Utc::now();
    add_task(&app, &token, "Send the take-home", now + Duration::hours(3), Some(&application)).await;
    add_event(&app, &token, &application, "phone_screen", now + Duration::hours(6)).await;
    add_task(&app, &token, "Update the CV", now + Duration::hours(8), None).await;
    assert_eq!(run_job(&app).await, Created { tasks: 2, events: 1 });

    let client = app.browser_client();
    helpers::log_in_with_form(&app, &client, "ada@example.org", STRONG_PASSWORD, "/").await;
    let header = |html: &str| {
        (helpers::attr_of(html, "a#notifications-link", "aria-label"), helpers::text_of(html, "a#notifications-link .unread-count"))
    };
    let get = |path: &'static str| {
        let client = client.clone();
        let url = app.url(path);
        async move {
            let response = client.get(url).send().await.expect("get");
            assert_eq!(response.status(), StatusCode::OK, "{path}");
            response.text().await.expect("body")
        }
    };
    for path in ["/searches", "/pipeline", "/settings"] {
        assert_eq!(header(&get(path).await), (Some("Notifications, 3 unread".into()), Some("3".into())), "on {path}");
    }

    let page = get("/notifications").await;
    assert_eq!(helpers::text_of(&page, "h1").as_deref(), Some("Notifications"));
    let document = scraper::Html::parse_document(&page);
    let unread = scraper::Selector::parse(".notifications-list li.unread").expect("selector");
    assert_eq!(document.select(&unread).count(), 3);
    let linked = scraper::Selector::parse(&format!(".notifications-list a[href='/applications/{application}']")).expect("selector");
    assert_eq!(document.select(&linked).count(), 2, "the task and the event about the application link to it");
    assert!(page.contains("Coming up: Phone screen"), "{page}");
    let response = client.get(app.url(&format!("/applications/{application}"))).send().await.expect("follow the link");
    assert_eq!(response.status(), StatusCode::OK, "the link leads to the application's page");
    assert_eq!(header(&response.text().await.expect("body")).1.as_deref(), Some("3"));
    let first = helpers::attr_of(&page, ".notifications-list li.unread", "id").expect("item id");
    let first = first.trim_start_matches("notification-").to_string();

    // The feed's "Mark read" for digests leaves reminders alone, and goes back to a local path only.
    let csrf = helpers::csrf_token(&page);
    let response = client.post(app.url("/notifications/read"))
        .form(&[("csrf_token", csrf.as_str()), ("kind", "daily_digest"), ("back", "//evil.example")])
        .send().await.expect("post");
    assert_eq!((response.status(), helpers::location(&response)), (StatusCode::SEE_OTHER, "/".to_string()));
    assert_eq!(header(&get("/searches").await).1.as_deref(), Some("3"));

    // Plain form: one read, back to the list.
    let response = client.post(app.url(&format!("/notifications/{first}/read")))
        .form(&[("csrf_token", csrf.as_str())]).send().await.expect("post");
    assert_eq!((response.status(), helpers::location(&response)), (StatusCode::SEE_OTHER, "/notifications".to_string()));
    let page = get("/notifications").await;
    assert_eq!(header(&page), (Some("Notifications, 2 unread".into()), Some("2".into())));
    let read_item = helpers::attr_of(&page, &format!("li#notification-{first}"), "class");
    assert_eq!(read_item, None, "the read one is no longer marked unread");

    // htmx: mark all, as htmx sends the form (the CSRF header set on <body>, and the form's
    // fields, the hidden token among them); the answer carries the list and the header's link.
    let response = client.post(app.url("/notifications/read"))
        .header("HX-Request", "true").header("X-CSRF-Token", &csrf)
        .form(&[("csrf_token", csrf.as_str())])
        .send().await.expect("post");
    assert_eq!(response.status(), StatusCode::OK);
    let answer = response.text().await.expect("body");
    assert_eq!(header(&answer), (Some("Notifications, none unread".into()), None));
    assert!(helpers::text_of(&answer, ".notifications-list li.unread").is_none());
    assert_eq!(header(&get("/").await), (Some("Notifications, none unread".into()), None));
    assert_eq!(app.audit_count("notifications.read").await, 2, "one per mark that changed something");

    // Without the CSRF token nothing is marked.
    let response = client.post(app.url(&format!("/notifications/{first}/read"))).send().await.expect("post");
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn another_users_notifications_never_show_and_marking_them_read_changes_nothing() {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (ada, adas_application) = applicant(&app, "ada@example.org", catalog::RUST_JOB).await;
    let (bob, _) = applicant(&app, "bob@example.org", catalog::RUST_JOB).await;
    let now = Utc::now();
    let adas_task = add_task(&app, &ada, "Ada's secret follow-up", now + Duration::hours(2), Some(&adas_application)).await;
    let bobs_task = add_task(&app, &bob, "Bob's task", now + Duration::hours(2), None).await;
    run_job(&app).await;

    let (_, adas) = app.send(Method::GET, &ada, "/api/v1/notifications", None).await;
    let adas_id = about(&items(&adas), "task_id", &adas_task)[0]["id"].as_str().expect("id").to_string();
    let (_, bobs) = app.send(Method::GET, &bob, "/api/v1/notifications", None).await;
    assert_eq!((bobs["unread"].clone(), items(&bobs).len()), (json!(1), 1));
    assert_eq!(items(&bobs)[0]["payload"]["task_id"], json!(bobs_task));

    // The API: Ada's id alone, or beside one of Bob's own, is a 404 and marks nothing.
    let bobs_id = items(&bobs)[0]["id"].clone();
    for ids in [json!([adas_id]), json!([adas_id, bobs_id])] {
        let (status, _) = app.send(Method::POST, &bob, "/api/v1/notifications/read", Some(json!({ "ids": ids }))).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{ids}");
    }
    let (_, bobs) = app.send(Method::GET, &bob, "/api/v1/notifications", None).await;
    assert_eq!(bobs["unread"], 1, "Bob's own one was not marked by the refused request either");

    // The page: Ada's never shows; her id is a 404; Bob's "mark all" marks his own only.
    let client = app.browser_client();
    helpers::log_in_with_form(&app, &client, "bob@example.org", STRONG_PASSWORD, "/").await;
    let page = client.get(app.url("/notifications")).send().await.expect("page").text().await.expect("body");
    assert!(page.contains("Bob&#39;s task") || page.contains("Bob's task"), "{page}");
    assert!(!page.contains("secret") && !page.contains(&adas_id), "{page}");
    let csrf = helpers::csrf_token(&page);
    for path in [format!("/notifications/{adas_id}/read"), "/notifications/not-an-id/read".to_string()] {
        let response = client.post(app.url(&path)).form(&[("csrf_token", csrf.as_str())]).send().await.expect("post");
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let response = client.post(app.url("/notifications/read")).form(&[("csrf_token", csrf.as_str())]).send().await.expect("post");
    assert_eq!(response.status(), StatusCode::SEE_OTHER);

    let (_, adas) = app.send(Method::GET, &ada, "/api/v1/notifications", None).await;
    assert_eq!(adas["unread"], 1, "Ada's is still unread");
    let (_, bobs) = app.send(Method::GET, &bob, "/api/v1/notifications", None).await;
    assert_eq!(bobs["unread"], 0);
}
