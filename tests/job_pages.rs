//! The job pages over real HTTP: the filtered list (whole page and htmx fragments), a posting
//! with its clean, escaped description, and the "Track this job" button.

mod support;

#[path = "fixtures/catalog.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "pages/helpers.rs"]
mod helpers;

use helpers::{attr_of, csrf_token, location, sign_up_with_form, text_of};
use reqwest::{Client, StatusCode};
use scraper::{Html, Selector};
use support::{TestApp, spawn_app};
use uuid::Uuid;

async fn logged_in_with_catalog() -> (TestApp, Client) {
    let app = spawn_app().await;
    catalog::load(&app).await;
    let (client, response) = sign_up_with_form(&app, "ada@example.org").await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "signed up");
    (app, client)
}

async fn get(client: &Client, app: &TestApp, path: &str, htmx: bool) -> (StatusCode, String) {
    let mut request = client.get(app.url(path));
    if htmx {
        request = request.header("HX-Request", "true");
    }
    let response = request.send().await.expect("get");
    (response.status(), response.text().await.expect("body"))
}

fn all_text(html: &str, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).expect("selector");
    let document = Html::parse_fragment(html);
    document.select(&selector).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

fn titles(html: &str) -> Vec<String> {
    all_text(html, ".job h2 a")
}

#[tokio::test]
async fn logged_out_visitors_are_sent_to_login_from_the_job_pages() {
    let app = spawn_app().await;
    let client = helpers::plain_client();
    for path in ["/jobs?q=rust", &format!("/jobs/{}", Uuid::new_v4())] {
        let response = client.get(app.url(path)).send().await.expect("get");
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{path}");
        assert!(location(&response).starts_with("/login?next=%2Fjobs"), "{path}");
    }
}

#[tokio::test]
async fn the_list_filters_postings_and_answers_htmx_with_only_the_results() {
    let (app, client) = logged_in_with_catalog().await;
    let (status, page) = get(&client, &app, "/jobs", false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(titles(&page).len(), 3, "{page}");
    assert!(page.contains("<form id=\"job-filters\""), "a whole page has the form");
    assert_eq!(attr_of(&page, "nav a[aria-current=page]", "href").as_deref(), Some("/jobs"));

    let cases: [(&str, &[&str]); 5] = [
        ("/jobs?remote=true", &["Senior Rust Engineer"]),
        ("/jobs?location=berlin", &["Frontend Developer"]),
        ("/jobs?tags=rust", &["Senior Rust Engineer"]),
        ("/jobs?salary_min=200000", &["Senior Rust Engineer"]),
        ("/jobs?q=frontend+develper", &["Frontend Developer"]),
    ];
    for (path, expected) in cases {
        let (status, fragment) = get(&client, &app, path, true).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(titles(&fragment), *expected, "{path}");
        assert!(!fragment.contains("<html") && !fragment.contains("job-filters"), "{path}: only the results");
    }

    // Loading a filtered address as a whole page shows the filters it was given.
    let (_, page) = get(&client, &app, "/jobs?location=berlin&remote=false", false).await;
    assert_eq!(titles(&page), ["Frontend Developer"]);
    assert_eq!(attr_of(&page, "#location", "value").as_deref(), Some("berlin"));
    assert_eq!(attr_of(&page, "#remote option[selected]", "value").as_deref(), Some("false"));
    assert_eq!(attr_of(&page, "#job-filters", "hx-push-url").as_deref(), Some("true"));
}

#[tokio::test]
async fn a_company_link_filters_by_that_company_and_names_it() {
    let (app, client) = logged_in_with_catalog().await;
    let (_, page) = get(&client, &app, "/jobs?location=berlin", false).await;
    let href = attr_of(&page, ".job-company", "href").expect("company link");
    let (status, page) = get(&client, &app, &href, false).await;
    assert_eq!(status, StatusCode::OK);
    let mut shown = titles(&page);
    shown.sort();
    assert_eq!(shown, ["Frontend Developer", "Senior Rust Engineer"]);
    assert!(text_of(&page, ".company-filter .chip").unwrap_or_default().starts_with("Acme Robotics"));
    let (status, page) = get(&client, &app, &format!("/jobs?company={}", Uuid::new_v4()), false).await;
    assert_eq!(status, StatusCode::OK);
    assert!(titles(&page).is_empty());
    assert!(text_of(&page, ".company-filter .chip").unwrap_or_default().starts_with("Unknown company"));
}

#[tokio::test]
async fn a_bad_filter_is_named_and_nothing_is_listed() {
    let (app, client) = logged_in_with_catalog().await;
    let (status, fragment) = get(&client, &app, "/jobs?salary_min=lots&posted_after=yesterday", true).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let problems = all_text(&fragment, ".notice.error li");
    assert!(problems.iter().any(|p| p.starts_with("Minimum salary must be a whole number")), "{problems:?}");
    assert!(problems.iter().any(|p| p.starts_with("Posted after must be")), "{problems:?}");
    assert!(titles(&fragment).is_empty());
    let (status, page) = get(&client, &app, "/jobs?remot=true", false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("is not a search parameter"), "a typo in the address is named");
}

#[tokio::test]
async fn more_appends_the_next_page_until_every_posting_is_shown() {
    let (app, client) = logged_in_with_catalog().await;
    let (_, page) = get(&client, &app, "/jobs?limit=1", false).await;
    let mut seen = titles(&page);
    let mut more = attr_of(&page, ".more a", "hx-get");
    while let Some(href) = more {
        assert!(href.starts_with("/jobs?limit=1&cursor="), "{href}");
        let (status, rows) = get(&client, &app, &href, true).await;
        assert_eq!(status, StatusCode::OK);
        assert!(!rows.contains("<ol"), "a More click gets rows to append, not a new list");
        seen.extend(titles(&rows));
        more = attr_of(&rows, ".more a", "hx-get");
    }
    seen.sort();
    assert_eq!(seen, ["Data Analyst", "Frontend Developer", "Senior Rust Engineer"]);
}

#[tokio::test]
async fn a_posting_shows_its_facts_and_clean_description() {
    let (app, client) = logged_in_with_catalog().await;
    let id = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let (status, page) = get(&client, &app, &format!("/jobs/{id}"), false).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(text_of(&page, "main h1").as_deref(), Some("Senior Rust Engineer"));
    assert_eq!(text_of(&page, ".posting-company").as_deref(), Some("Acme Robotics"));
    assert_eq!(text_of(&page, ".posting-salary").as_deref(), Some("$180,000 – $250,000 a year"));
    assert_eq!(text_of(&page, ".posting-remote").as_deref(), Some("Remote"));
    let tags = all_text(&page, ".tags .tag");
    assert!(tags.contains(&"rust".to_string()) && tags.contains(&"postgresql".to_string()), "{tags:?}");
    assert_eq!(
        attr_of(&page, "a.original", "href").as_deref(),
        Some("https://boards.greenhouse.io/acme/jobs/gh-rust")
    );
    let paragraphs = all_text(&page, ".description p");
    assert_eq!(paragraphs[0], "Build our robot fleet in Rust and PostgreSQL.");
    assert!(page.contains("Line one<br>Line two"), "line breaks are kept");
}

#[tokio::test]
async fn a_posting_with_scripts_in_its_description_shows_them_only_as_text() {
    let (app, client) = logged_in_with_catalog().await;
    let id = catalog::posting_id(&app, catalog::HOSTILE_JOB).await;
    let (status, page) = get(&client, &app, &format!("/jobs/{id}"), false).await;
    assert_eq!(status, StatusCode::OK);
    let document = Html::parse_document(&page);
    let scripts: Vec<_> = document
        .select(&Selector::parse("script").expect("selector"))
        .map(|s| s.value().attr("src").unwrap_or("inline").to_string())
        .collect();
    assert_eq!(scripts, ["/static/htmx.min.js"], "no script from the posting");
    assert_eq!(document.select(&Selector::parse("[onerror], .description img").expect("selector")).count(), 0);
    let description = text_of(&page, ".description").unwrap_or_default();
    assert!(description.contains("Analyse sales data with SQL."), "{description}");
    assert!(description.contains("<script>alert(1)</script> and <img onerror>"), "as text: {description}");
    assert!(!page.contains("<script>alert") && !page.contains("<img"), "escaped in the HTML");
    assert!(page.contains("First line<br>Second line"));
    assert_eq!(text_of(&page, ".posting-date").as_deref(), Some("20 Nov 2026"));
}

#[tokio::test]
async fn an_unknown_or_malformed_posting_is_the_404_page() {
    let (app, client) = logged_in_with_catalog().await;
    for path in [format!("/jobs/{}", Uuid::new_v4()), "/jobs/not-an-id".to_string()] {
        let (status, page) = get(&client, &app, &path, false).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(text_of(&page, "main h1").as_deref(), Some("Page not found"), "{path}");
    }
}

async fn applications(app: &TestApp) -> i64 {
    helpers::count_rows(app, "applications").await
}

#[tokio::test]
async fn track_this_job_creates_one_application_and_then_shows_tracked() {
    let (app, client) = logged_in_with_catalog().await;
    let id = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let path = format!("/jobs/{id}");
    let (_, page) = get(&client, &app, &path, false).await;
    assert_eq!(text_of(&page, "#track button").as_deref(), Some("Track this job"));
    let token = csrf_token(&page);

    let forged = client.post(app.url(&format!("{path}/track"))).form(&[("csrf_token", "nope")]).send().await;
    assert_eq!(forged.expect("post").status(), StatusCode::FORBIDDEN);
    assert_eq!(applications(&app).await, 0);

    for _ in 0..2 {
        let response =
            client.post(app.url(&format!("{path}/track"))).form(&[("csrf_token", &token)]).send().await.expect("post");
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&response), path);
    }
    assert_eq!(applications(&app).await, 1);
    assert_eq!(app.audit_count("application.track").await, 1);
    let (_, page) = get(&client, &app, &path, false).await;
    assert_eq!(text_of(&page, "#track .tracked").as_deref(), Some("Tracked"));
    assert!(text_of(&page, "#track button").is_none(), "no button once tracked");
    let (_, list) = get(&client, &app, "/jobs?remote=true", true).await;
    assert_eq!(text_of(&list, ".job .tracked-badge").as_deref(), Some("Tracked"));
}

#[tokio::test]
async fn tracking_with_htmx_swaps_in_tracked() {
    let (app, client) = logged_in_with_catalog().await;
    let id = catalog::posting_id(&app, catalog::FRONTEND_JOB).await;
    let (_, page) = get(&client, &app, &format!("/jobs/{id}"), false).await;
    let response = client
        .post(app.url(&format!("/jobs/{id}/track")))
        .header("HX-Request", "true")
        .header("X-CSRF-Token", csrf_token(&page))
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), StatusCode::OK);
    let fragment = response.text().await.expect("body");
    assert!(fragment.trim_start().starts_with("<div id=\"track\""), "{fragment}");
    assert_eq!(text_of(&fragment, ".tracked").as_deref(), Some("Tracked"));
    assert_eq!(applications(&app).await, 1);
}

#[tokio::test]
async fn a_closed_posting_offers_no_track_button() {
    let (app, client) = logged_in_with_catalog().await;
    catalog::close(&app, catalog::FRONTEND_JOB).await;
    let id = catalog::posting_id(&app, catalog::FRONTEND_JOB).await;
    let (status, page) = get(&client, &app, &format!("/jobs/{id}"), false).await;
    assert_eq!(status, StatusCode::OK, "a closed posting stays readable");
    assert!(text_of(&page, "#track button").is_none());
    assert!(text_of(&page, "#track").unwrap_or_default().contains("closed"));
}

#[tokio::test]
async fn a_salary_read_from_the_description_says_so_and_shows_its_words() {
    let (app, client) = logged_in_with_catalog().await;
    catalog::load_text_salary(&app).await;
    let id = catalog::posting_id(&app, catalog::TEXT_SALARY_JOB).await;
    let (status, page) = get(&client, &app, &format!("/jobs/{id}"), false).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text_of(&page, ".posting-salary").is_some_and(|s| s.starts_with("$95,000 – $120,000 a year")),
        "the base range, not the funding round: {:?}",
        text_of(&page, ".posting-salary")
    );
    assert_eq!(text_of(&page, ".salary-origin summary").as_deref(), Some("from the description"));
    let evidence = text_of(&page, ".salary-origin q").expect("the pay phrase is shown");
    assert!(evidence.contains("$95,000 - $120,000"), "{evidence}");
    // A board's own pay field needs no such note.
    let structured = catalog::posting_id(&app, catalog::RUST_JOB).await;
    let (_, page) = get(&client, &app, &format!("/jobs/{structured}"), false).await;
    assert_eq!(text_of(&page, ".salary-origin summary"), None);
}
