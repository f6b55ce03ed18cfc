//! Catalog search and reads (`/api/v1/postings`, `/api/v1/companies/{id}`), black-box over HTTP
//! against a real PostgreSQL database per test: real board payloads through the real ingest path,
//! and small hand-made catalogs inserted in SQL where each filter needs exact rows to tell apart.

mod support;

use std::collections::HashSet;

use jobpilot::connectors::{BoardContext, ashby};
use jobpilot::domain::skills::SkillMatcher;
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

/// Query parameters, and the titles they must return.
type FilterCase<'a> = (Vec<(&'a str, &'a str)>, Vec<&'a str>);

const JOB_BOARDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/job_boards/");

/// An app with a signed-up user; returns the app and the bearer token.
async fn app() -> (support::TestApp, String) {
    let app = support::spawn_app().await;
    let token = app.sign_up("ada@example.org").await;
    (app, token)
}

async fn get(app: &support::TestApp, token: &str, path: &str, query: &[(&str, &str)]) -> (StatusCode, Value) {
    let response = app.client.get(app.url(path)).bearer_auth(token).query(query).send().await.expect("request");
    let status = response.status();
    (status, response.json().await.expect("json body"))
}

/// Titles of the first page (limit 100) of a search.
async fn titles(app: &support::TestApp, token: &str, query: &[(&str, &str)]) -> Vec<String> {
    let mut query = query.to_vec();
    query.push(("limit", "100"));
    let (status, body) = get(app, token, "/api/v1/postings", &query).await;
    assert_eq!(status, StatusCode::OK, "{query:?}: {body}");
    let mut titles: Vec<String> =
        body["items"].as_array().expect("items").iter().map(|i| i["title"].as_str().expect("title").into()).collect();
    titles.sort();
    titles
}

fn sorted(names: &[&str]) -> Vec<String> {
    let mut names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    names.sort();
    names
}

/// Ingests Replit's real Ashby board through `services::catalog::ingest`.
async fn ingest_replit(app: &support::TestApp) {
    let bytes = std::fs::read(format!("{JOB_BOARDS}ashby/replit.json")).expect("payload");
    let context = BoardContext {
        company_name: Some("Replit".into()),
        board_slug: Some("replit".into()),
        source_url: None,
    };
    let board = ashby::parse(&bytes, &context).expect("parses");
    let pool = jobpilot::db::connect_owner_pool(&app.db_url, 2).await.expect("pool");
    jobpilot::services::catalog::ingest(&pool, board, SkillMatcher::builtin(), true).await.expect("ingest");
}

async fn company(conn: &mut PgConnection, name: &str) -> Uuid {
    sqlx::query_scalar("insert into companies (name, domain, industry, size_range) values ($1, $2, 'Software', '51-200') returning id")
        .bind(name)
        .bind(format!("{}.example", name.to_lowercase().replace(' ', "")))
        .fetch_one(conn)
        .await
        .expect("company")
}

/// A posting with every searchable field given; `salary` is (min, max) in whole units.
struct Fixture<'a> {
    title: &'a str,
    company: Uuid,
    location: &'a str,
    remote: bool,
    salary: Option<(i32, i32)>,
    tags: &'a [&'a str],
    days_ago: Option<i32>,
    closed: bool,
}

async fn posting(conn: &mut PgConnection, f: Fixture<'_>) -> Uuid {
    let tags: Vec<String> = f.tags.iter().map(|t| t.to_string()).collect();
    sqlx::query_scalar(
        "insert into job_postings (company_id, source, source_id, url, title, jd_raw, jd_clean, location,
             remote_flag, salary_min_cents, salary_max_cents, currency, salary_period, salary_source,
             normalized_tags, posted_at, closed_at)
         values ($1, 'other', gen_random_uuid()::text, 'https://jobs.example/' || gen_random_uuid(), $2,
             '<p>raw <b>html</b></p>', 'We are hiring a ' || $2 || '. You will build things.', $3, $4,
             $5 * 100, $6 * 100, 'USD', case when $5 is null then null else 'year' end,
             case when $5 is null then null else 'structured' end, $7,
             now() - make_interval(days => $8), case when $9 then now() end)
         returning id",
    )
    .bind(f.company)
    .bind(f.title)
    .bind(f.location)
    .bind(f.remote)
    .bind(f.salary.map(|s| s.0))
    .bind(f.salary.map(|s| s.1))
    .bind(tags)
    .bind(f.days_ago)
    .bind(f.closed)
    .fetch_one(conn)
    .await
    .expect("posting")
}

/// Five open postings and one closed one that differ in exactly the filtered fields.
async fn small_catalog(app: &support::TestApp) -> (Uuid, Uuid) {
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    let acme = company(&mut conn, "Acme Robotics").await;
    let globex = company(&mut conn, "Globex").await;
    let rows = [
        Fixture { title: "Rust Engineer", company: acme, location: "Berlin, Germany", remote: false,
            salary: Some((90_000, 120_000)), tags: &["rust", "postgresql"], days_ago: Some(2), closed: false },
        Fixture { title: "Data Scientist", company: acme, location: "Remote - Europe", remote: true,
            salary: Some((60_000, 80_000)), tags: &["python", "sql"], days_ago: Some(10), closed: false },
        Fixture { title: "Product Manager", company: globex, location: "New York, NY", remote: false,
            salary: None, tags: &["roadmaps"], days_ago: Some(40), closed: false },
        Fixture { title: "Frontend Developer", company: globex, location: "Remote (US)", remote: true,
            salary: Some((130_000, 150_000)), tags: &["typescript", "react"], days_ago: None, closed: false },
        Fixture { title: "Site Reliability Engineer", company: globex, location: "BERLIN", remote: false,
            salary: Some((100_000, 100_000)), tags: &["kubernetes", "rust"], days_ago: Some(5), closed: false },
        Fixture { title: "Closed Rust Role", company: acme, location: "Berlin", remote: true,
            salary: Some((200_000, 250_000)), tags: &["rust"], days_ago: Some(1), closed: true },
    ];
    for row in rows {
        posting(&mut conn, row).await;
    }
    (acme, globex)
}

#[tokio::test]
async fn catalog_routes_need_a_token() {
    let app = support::spawn_app().await;
    let id = Uuid::new_v4();
    for path in ["/api/v1/postings".to_string(), format!("/api/v1/postings/{id}"), format!("/api/v1/companies/{id}")] {
        let response = app.client.get(app.url(&path)).send().await.expect("request");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

#[tokio::test]
async fn a_misspelled_title_finds_the_real_ingested_postings_and_nothing_unrelated() {
    let (app, token) = app().await;
    ingest_replit(&app).await;
    let found = titles(&app, &token, &[("q", "sofware enginer")]).await;
    for title in ["Software Engineer, Mobile", "Senior Software Engineer, Money", "Staff Software Engineer, Product"] {
        assert!(found.iter().any(|t| t == title), "{title} missing from {found:?}");
    }
    for title in ["Controller", "Brand Designer", "Commercial Counsel", "SDR"] {
        assert!(!found.iter().any(|t| t == title), "{title} should not match");
    }
    // The company name is searched too, misspelled as well.
    assert_eq!(titles(&app, &token, &[("q", "replt")]).await.len(), 37);
}

#[tokio::test]
async fn the_best_match_comes_first() {
    let (app, token) = app().await;
    ingest_replit(&app).await;
    let (_, body) = get(&app, &token, "/api/v1/postings", &[("q", "data engineer")]).await;
    let first = body["items"][0]["title"].as_str().expect("title");
    assert_eq!(first, "Finance Data Engineer", "{body}");
}

#[tokio::test]
async fn each_filter_keeps_matching_postings_and_drops_the_others() {
    let (app, token) = app().await;
    let (acme, globex) = small_catalog(&app).await;
    let acme = acme.to_string();
    let globex = globex.to_string();
    let since = (chrono::Utc::now() - chrono::Duration::days(7)).to_rfc3339();
    let cases: Vec<FilterCase> = vec![
        (vec![], vec!["Rust Engineer", "Data Scientist", "Product Manager", "Frontend Developer", "Site Reliability Engineer"]),
        (vec![("tags", "rust")], vec!["Rust Engineer", "Site Reliability Engineer"]),
        (vec![("tags", "Python, react")], vec!["Data Scientist", "Frontend Developer"]),
        (vec![("remote", "true")], vec!["Data Scientist", "Frontend Developer"]),
        (vec![("remote", "false")], vec!["Rust Engineer", "Product Manager", "Site Reliability Engineer"]),
        (vec![("location", "berlin")], vec!["Rust Engineer", "Site Reliability Engineer"]),
        (vec![("location", "remote"), ("remote", "true")], vec!["Data Scientist", "Frontend Developer"]),
        (vec![("salary_min", "100000")], vec!["Rust Engineer", "Frontend Developer", "Site Reliability Engineer"]),
        (vec![("salary_min", "120001")], vec!["Frontend Developer"]),
        (vec![("company", &acme)], vec!["Rust Engineer", "Data Scientist"]),
        (vec![("company", &globex), ("remote", "false")], vec!["Product Manager", "Site Reliability Engineer"]),
        (vec![("posted_after", &since)], vec!["Rust Engineer", "Site Reliability Engineer"]),
        (vec![("q", "acme robtics")], vec!["Rust Engineer", "Data Scientist"]),
        (vec![("q", "data scienist")], vec!["Data Scientist"]),
        (vec![("tags", "rust"), ("include_closed", "true")], vec!["Rust Engineer", "Site Reliability Engineer", "Closed Rust Role"]),
        (vec![("location", "50%_off")], vec![]),
    ];
    for (query, expected) in cases {
        assert_eq!(titles(&app, &token, &query).await, sorted(&expected), "{query:?}");
    }
}

#[tokio::test]
async fn closed_postings_are_excluded_unless_asked_for_and_still_readable_by_id() {
    let (app, token) = app().await;
    small_catalog(&app).await;
    assert!(!titles(&app, &token, &[("q", "closed rust role")]).await.contains(&"Closed Rust Role".to_string()));
    let (_, body) = get(&app, &token, "/api/v1/postings", &[("q", "closed rust role"), ("include_closed", "true")]).await;
    let closed = &body["items"][0];
    assert_eq!(closed["title"], "Closed Rust Role");
    assert!(closed["closed_at"].is_string());
    let id = closed["id"].as_str().expect("id");
    let (status, detail) = get(&app, &token, &format!("/api/v1/postings/{id}"), &[]).await;
    assert_eq!((status, detail["title"].as_str()), (StatusCode::OK, Some("Closed Rust Role")));
}

#[tokio::test]
async fn a_hit_has_company_salary_tags_and_a_snippet() {
    let (app, token) = app().await;
    let (acme, _) = small_catalog(&app).await;
    let (_, body) = get(&app, &token, "/api/v1/postings", &[("q", "rust engineer"), ("limit", "1")]).await;
    let hit = &body["items"][0];
    assert_eq!(hit["title"], "Rust Engineer");
    assert_eq!(hit["company"], serde_json::json!({"id": acme, "name": "Acme Robotics"}));
    assert_eq!(
        hit["salary"],
        serde_json::json!({"min_cents": 9_000_000, "max_cents": 12_000_000, "currency": "USD", "period": "year", "origin": "structured"})
    );
    assert_eq!(hit["tags"], serde_json::json!(["rust", "postgresql"]));
    assert_eq!(hit["snippet"], "We are hiring a Rust Engineer. You will build things.");
    assert_eq!((hit["location"].as_str(), hit["remote_flag"].as_bool()), (Some("Berlin, Germany"), Some(false)));
    assert!(hit["posted_at"].is_string() && hit["closed_at"].is_null() && hit["url"].is_string());
    let (_, product) = get(&app, &token, "/api/v1/postings", &[("q", "product manager"), ("limit", "1")]).await;
    assert!(product["items"][0]["salary"].is_null(), "no salary is null, not zeros");
}

/// Walks every page with `limit`, asserting no id is seen twice; returns the ids in order.
async fn walk(app: &support::TestApp, token: &str, query: &[(&str, &str)], limit: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut q = query.to_vec();
        q.push(("limit", limit));
        if let Some(c) = &cursor {
            q.push(("cursor", c));
        }
        let (status, page) = get(app, token, "/api/v1/postings", &q).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for item in page["items"].as_array().expect("items") {
            let id = item["id"].as_str().expect("id").to_string();
            assert!(!ids.contains(&id), "{id} returned twice");
            ids.push(id);
        }
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_string()),
            None => return ids,
        }
        assert!(ids.len() < 1_000, "pagination does not end");
    }
}

/// Ids in the order the database says the search must return them.
async fn expected_order(app: &support::TestApp, sql: &'static str) -> Vec<String> {
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    sqlx::query_scalar::<_, Uuid>(sql).fetch_all(&mut conn).await.expect("order").iter().map(Uuid::to_string).collect()
}

/// Many postings with equal dates, equal titles (equal scores) and no date, to stress ties.
async fn tied_catalog(app: &support::TestApp) {
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    let acme = company(&mut conn, "Acme Robotics").await;
    let titles = ["Software Engineer", "Senior Software Engineer", "Software Engineer", "Accountant"];
    for n in 0..29 {
        let days_ago = match n % 4 { 0 => None, 1 => Some(3), _ => Some(n % 6) };
        let fixture = Fixture { title: titles[n as usize % titles.len()], company: acme, location: "Berlin", remote: false,
            salary: None, tags: &["rust"], days_ago, closed: false };
        posting(&mut conn, fixture).await;
    }
    // Equal posted_at for several rows: the id must break the tie.
    sqlx::query("update job_postings set posted_at = date_trunc('day', posted_at) where posted_at is not null")
        .execute(&mut conn)
        .await
        .expect("round dates");
}

#[tokio::test]
async fn newest_first_pages_walk_every_posting_once_in_order() {
    let (app, token) = app().await;
    tied_catalog(&app).await;
    let expected = expected_order(&app, "select id from job_postings order by posted_at desc nulls last, id desc").await;
    for limit in ["1", "4", "7", "29", "100"] {
        assert_eq!(walk(&app, &token, &[], limit).await, expected, "limit {limit}");
    }
}

#[tokio::test]
async fn best_match_pages_walk_every_hit_once_in_order() {
    let (app, token) = app().await;
    tied_catalog(&app).await;
    let expected = expected_order(
        &app,
        "select p.id from job_postings p join companies c on c.id = p.company_id
         where 'sofware enginer' <% p.title or 'sofware enginer' <% c.name
         order by greatest(word_similarity('sofware enginer', p.title), word_similarity('sofware enginer', c.name)) desc,
                  p.posted_at desc nulls last, p.id desc",
    )
    .await;
    assert_eq!(expected.len(), 22, "the three engineer titles match, the accountant does not");
    for limit in ["1", "3", "22", "50"] {
        assert_eq!(walk(&app, &token, &[("q", "sofware enginer")], limit).await, expected, "limit {limit}");
    }
}

#[tokio::test]
async fn every_bad_parameter_is_a_422_naming_it() {
    let (app, token) = app().await;
    let recent_cursor = {
        small_catalog(&app).await;
        let (_, page) = get(&app, &token, "/api/v1/postings", &[("limit", "1")]).await;
        page["next_cursor"].as_str().expect("cursor").to_string()
    };
    let long = "x".repeat(201);
    let cases: Vec<(&str, &str)> = vec![
        ("q", "!"),
        ("q", &long),
        ("tags", &long),
        ("remote", "maybe"),
        ("location", "a\u{0}b"),
        ("salary_min", "-5"),
        ("salary_min", "12.5k"),
        ("salary_min", "99999999999"),
        ("company", "acme"),
        ("posted_after", "last tuesday"),
        ("posted_after", "2025-13-01"),
        ("include_closed", "yes please"),
        ("limit", "0"),
        ("limit", "101"),
        ("limit", "ten"),
        ("cursor", "garbage"),
        ("colour", "blue"),
    ];
    for (field, value) in cases {
        let (status, body) = get(&app, &token, "/api/v1/postings", &[(field, value)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{field}={value}: {body}");
        assert_eq!(body["errors"][0]["field"], field, "{body}");
    }
    // A newest-first cursor cannot continue a best-match search.
    let (status, body) = get(&app, &token, "/api/v1/postings", &[("q", "rust"), ("cursor", &recent_cursor)]).await;
    assert_eq!((status, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("cursor")));
    // Several problems are all reported; a repeated parameter is one of them.
    let (status, body) = get(&app, &token, "/api/v1/postings", &[("remote", "x"), ("limit", "0"), ("q", "a"), ("q", "b")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let fields: HashSet<&str> = body["errors"].as_array().expect("errors").iter().filter_map(|e| e["field"].as_str()).collect();
    assert_eq!(fields, HashSet::from(["q"]), "a repeated parameter is refused before values are read: {body}");
    let (_, body) = get(&app, &token, "/api/v1/postings", &[("remote", "x"), ("limit", "0")]).await;
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(2), "{body}");
}

#[tokio::test]
async fn blank_parameters_mean_not_given() {
    let (app, token) = app().await;
    small_catalog(&app).await;
    let blank = [("q", ""), ("tags", ""), ("remote", ""), ("location", " "), ("salary_min", ""), ("company", "")];
    assert_eq!(titles(&app, &token, &blank).await.len(), 5);
}

#[tokio::test]
async fn a_posting_reads_with_its_clean_description_and_company_but_never_the_raw_html() {
    let (app, token) = app().await;
    ingest_replit(&app).await;
    let (_, page) = get(&app, &token, "/api/v1/postings", &[("q", "Software Engineer, Mobile"), ("limit", "1")]).await;
    let id = page["items"][0]["id"].as_str().expect("id");
    let (status, posting) = get(&app, &token, &format!("/api/v1/postings/{id}"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(posting["title"], "Software Engineer, Mobile");
    assert_eq!(posting["company"]["name"], "Replit");
    assert_eq!(posting["source"], "ashby");
    let text = posting["jd_clean"].as_str().expect("jd_clean");
    assert!(text.len() > 500 && !text.contains('<'), "plain text description");
    assert!(posting.get("jd_raw").is_none(), "raw board HTML is not exposed");

    let company_id = posting["company"]["id"].as_str().expect("company id");
    let (status, company) = get(&app, &token, &format!("/api/v1/companies/{company_id}"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!((company["name"].as_str(), company["open_postings"].as_i64()), (Some("Replit"), Some(37)));
    for field in ["domain", "industry", "size_range"] {
        assert!(company.get(field).is_some(), "{field} is present (null when unknown)");
    }
}

#[tokio::test]
async fn a_company_counts_only_its_open_postings() {
    let (app, token) = app().await;
    let (acme, _) = small_catalog(&app).await;
    let (status, body) = get(&app, &token, &format!("/api/v1/companies/{acme}"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["open_postings"], 2, "the closed Acme posting is not counted: {body}");
    assert_eq!((body["domain"].as_str(), body["industry"].as_str()), (Some("acmerobotics.example"), Some("Software")));
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_404() {
    let (app, token) = app().await;
    let unknown = Uuid::new_v4();
    for path in [format!("/api/v1/postings/{unknown}"), format!("/api/v1/companies/{unknown}"),
        "/api/v1/postings/not-a-uuid".to_string(), "/api/v1/companies/42".to_string()] {
        let (status, body) = get(&app, &token, &path, &[]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert!(body["errors"].is_array(), "JSON error body for {path}");
    }
}

#[tokio::test]
async fn the_openapi_document_describes_the_catalog() {
    let app = support::spawn_app().await;
    let doc: Value = app.client.get(app.url("/api/v1/openapi.json")).send().await.expect("doc").json().await.expect("json");
    for path in ["/api/v1/postings", "/api/v1/postings/{id}", "/api/v1/companies/{id}"] {
        let operation = &doc["paths"][path]["get"];
        assert_eq!(operation["tags"], serde_json::json!(["catalog"]), "{path}");
    }
    let params: Vec<&str> = doc["paths"]["/api/v1/postings"]["get"]["parameters"]
        .as_array()
        .expect("parameters")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    for name in ["q", "tags", "remote", "location", "salary_min", "company", "posted_after", "include_closed", "limit", "cursor"] {
        assert!(params.contains(&name), "{name} documented");
    }
    assert!(doc["tags"].as_array().expect("tags").iter().any(|t| t["name"] == "catalog"));
    for schema in ["SearchPage", "PostingSummary", "PostingDetail", "CompanyDetail", "Salary"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema} schema");
    }
}

/// Distinct titles of job_postings and of posting_titles (the table `q` scores).
async fn title_sets(conn: &mut PgConnection) -> (Vec<String>, Vec<String>) {
    let postings = sqlx::query_scalar("select distinct title from job_postings order by 1").fetch_all(&mut *conn).await.expect("titles");
    let scored = sqlx::query_scalar("select title from posting_titles order by 1").fetch_all(&mut *conn).await.expect("scored");
    (postings, scored)
}

#[tokio::test]
async fn posting_titles_follow_ingest_and_title_updates() {
    let (app, token) = app().await;
    ingest_replit(&app).await;
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    let (postings, scored) = title_sets(&mut conn).await;
    assert!(postings.len() > 20, "{postings:?}");
    assert_eq!(scored, postings, "the statement trigger adds every ingested title");
    // Re-ingesting the same board (an upsert that updates every row) adds nothing twice.
    ingest_replit(&app).await;
    assert_eq!(title_sets(&mut conn).await.1, postings);

    sqlx::query("update job_postings set title = 'Principal Rust Wizard' where title = 'Controller'")
        .execute(&mut conn)
        .await
        .expect("rename");
    let (_, scored) = title_sets(&mut conn).await;
    assert!(scored.contains(&"Principal Rust Wizard".to_string()), "an updated title is added");
    assert_eq!(titles(&app, &token, &[("q", "rust wizzard")]).await, vec!["Principal Rust Wizard".to_string()]);
    // The old title stays (it matches no open posting any more, so it finds nothing).
    assert!(titles(&app, &token, &[("q", "controller")]).await.is_empty());
}

#[tokio::test]
async fn q_combines_with_every_filter() {
    let (app, token) = app().await;
    let (acme, globex) = small_catalog(&app).await;
    let acme = acme.to_string();
    let globex = globex.to_string();
    let since = (chrono::Utc::now() - chrono::Duration::days(3)).to_rfc3339();
    let cases: Vec<FilterCase> = vec![
        (vec![("q", "enginer")], vec!["Rust Engineer", "Site Reliability Engineer"]),
        (vec![("q", "enginer"), ("tags", "kubernetes")], vec!["Site Reliability Engineer"]),
        (vec![("q", "enginer"), ("remote", "true")], vec![]),
        (vec![("q", "enginer"), ("location", "germany")], vec!["Rust Engineer"]),
        (vec![("q", "enginer"), ("salary_min", "110000")], vec!["Rust Engineer"]),
        (vec![("q", "enginer"), ("company", &globex)], vec!["Site Reliability Engineer"]),
        (vec![("q", "enginer"), ("posted_after", &since)], vec!["Rust Engineer"]),
        // Company-name hits go through the same filters.
        (vec![("q", "acme robtics"), ("remote", "true")], vec!["Data Scientist"]),
        (vec![("q", "acme robtics"), ("tags", "rust")], vec!["Rust Engineer"]),
        (vec![("q", "acme robtics"), ("company", &acme), ("salary_min", "100000")], vec!["Rust Engineer"]),
        (vec![("q", "acme robtics"), ("company", &globex)], vec![]),
        (vec![("q", "enginer"), ("include_closed", "true"), ("tags", "rust")],
            vec!["Rust Engineer", "Site Reliability Engineer"]),
    ];
    for (query, expected) in cases {
        assert_eq!(titles(&app, &token, &query).await, sorted(&expected), "{query:?}");
    }
}

#[tokio::test]
async fn best_match_pages_stay_exact_when_company_and_title_both_match_and_tags_are_many() {
    let (app, token) = app().await;
    tied_catalog(&app).await;
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    // A company whose name matches too: its postings score the greater of the two, once each.
    let guild = company(&mut conn, "Sofware Engineers Guild").await;
    let many: Vec<String> = (0..30).map(|n| format!("skill {n}")).collect();
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    for (n, title) in ["Software Engineer", "Accountant", "Senior Software Engineer", "Software Engineer"].iter().enumerate() {
        let fixture = Fixture { title, company: guild, location: "Berlin", remote: false, salary: None,
            tags: &["rust"], days_ago: Some(n as i32 % 2), closed: false };
        posting(&mut conn, fixture).await;
    }
    // More tags than the covering title index holds: found through the small index instead.
    let acme: Uuid = sqlx::query_scalar("select id from companies where name = 'Acme Robotics'").fetch_one(&mut conn).await.expect("acme");
    for days_ago in [Some(3), None, Some(1)] {
        let fixture = Fixture { title: "Software Engineer", company: acme, location: "Berlin", remote: false, salary: None,
            tags: &many, days_ago, closed: false };
        posting(&mut conn, fixture).await;
    }
    sqlx::query("update job_postings set posted_at = date_trunc('day', posted_at) where posted_at is not null")
        .execute(&mut conn)
        .await
        .expect("round dates");
    let expected = expected_order(
        &app,
        "select p.id from job_postings p join companies c on c.id = p.company_id
         where 'sofware enginer' <% p.title or 'sofware enginer' <% c.name
         order by greatest(word_similarity('sofware enginer', p.title), word_similarity('sofware enginer', c.name)) desc,
                  p.posted_at desc nulls last, p.id desc",
    )
    .await;
    assert_eq!(expected.len(), 22 + 4 + 3, "every guild posting matches by name, the many-tag ones by title");
    for limit in ["1", "2", "5", "29", "50"] {
        assert_eq!(walk(&app, &token, &[("q", "sofware enginer")], limit).await, expected, "limit {limit}");
    }
    // With a filter, the walk is the filtered subsequence.
    let (_, tagged) = get(&app, &token, "/api/v1/postings", &[("q", "sofware enginer"), ("tags", "skill 7"), ("limit", "100")]).await;
    assert_eq!(tagged["items"].as_array().expect("items").len(), 3, "{tagged}");
}

#[tokio::test]
async fn best_match_pages_stay_exact_across_companies_whose_names_match_with_different_scores() {
    let (app, token) = app().await;
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    // For "globex labs": "Globex Labs" scores 1, "Globex Lab" and "Globex Laboratories Inc"
    // 0.83 each; "Initech" does not match. The title "Globex Labs Engineer" scores 1 (above two
    // of the companies, tied with the third), "Globex Lab" 0.83 (tied with two), "Accountant" 0.
    // Each company has more postings than the small pages, so its branch resumes mid-company.
    let long_title = format!("Globex Labs Engineer {}", "x".repeat(300));
    let titles = ["Globex Labs Engineer", "Accountant", "Globex Lab", "Accountant", long_title.as_str()];
    for name in ["Globex Labs", "Globex Lab", "Globex Laboratories Inc", "Initech"] {
        let id = company(&mut conn, name).await;
        for n in 0..9 {
            let days_ago = match n % 3 { 0 => None, _ => Some(n % 4) };
            let fixture = Fixture { title: titles[n as usize % titles.len()], company: id, location: "Berlin",
                remote: n % 2 == 0, salary: None, tags: &["rust"], days_ago, closed: false };
            posting(&mut conn, fixture).await;
        }
    }
    sqlx::query("update job_postings set posted_at = date_trunc('day', posted_at) where posted_at is not null")
        .execute(&mut conn)
        .await
        .expect("round dates");
    // Titles over 300 bytes are not matched through the title (docs/decisions.md): they score
    // their company's score when it matches, and are not found otherwise.
    let expected = expected_order(
        &app,
        "select p.id from job_postings p join companies c on c.id = p.company_id
         where (octet_length(p.title) <= 300 and 'globex labs' <% p.title) or 'globex labs' <% c.name
         order by greatest(case when octet_length(p.title) <= 300 then word_similarity('globex labs', p.title) else 0 end,
                           word_similarity('globex labs', c.name)) desc,
                  p.posted_at desc nulls last, p.id desc",
    )
    .await;
    assert_eq!(expected.len(), 3 * 9 + 4, "every posting of the three matching companies, Initech's by title");
    for limit in ["1", "2", "4", "7", "31", "50"] {
        assert_eq!(walk(&app, &token, &[("q", "globex labs")], limit).await, expected, "limit {limit}");
    }
    let remote = expected_order(
        &app,
        "select p.id from job_postings p join companies c on c.id = p.company_id
         where ((octet_length(p.title) <= 300 and 'globex labs' <% p.title) or 'globex labs' <% c.name) and p.remote_flag
         order by greatest(case when octet_length(p.title) <= 300 then word_similarity('globex labs', p.title) else 0 end,
                           word_similarity('globex labs', c.name)) desc,
                  p.posted_at desc nulls last, p.id desc",
    )
    .await;
    for limit in ["1", "3", "50"] {
        assert_eq!(walk(&app, &token, &[("q", "globex labs"), ("remote", "true")], limit).await, remote, "limit {limit}");
    }
}

#[tokio::test]
async fn newest_first_pages_with_filters_include_postings_with_many_tags() {
    let (app, token) = app().await;
    tied_catalog(&app).await;
    let mut conn = PgConnection::connect(&app.db_url).await.expect("connect");
    // More tags than the covering newest-first index holds: read through the small index.
    let acme: Uuid = sqlx::query_scalar("select id from companies where name = 'Acme Robotics'").fetch_one(&mut conn).await.expect("acme");
    let mut many: Vec<String> = (0..30).map(|n| format!("skill {n}")).collect();
    many.push("rust".into());
    let many: Vec<&str> = many.iter().map(String::as_str).collect();
    for days_ago in [Some(3), None, Some(1), Some(0)] {
        let fixture = Fixture { title: "Accountant", company: acme, location: "Berlin", remote: true,
            salary: Some((100_000, 120_000)), tags: &many, days_ago, closed: false };
        posting(&mut conn, fixture).await;
    }
    sqlx::query("update job_postings set posted_at = date_trunc('day', posted_at) where posted_at is not null")
        .execute(&mut conn)
        .await
        .expect("round dates");
    let expected = expected_order(&app, "select id from job_postings where 'rust' = any(normalized_tags)
                                         order by posted_at desc nulls last, id desc").await;
    assert_eq!(expected.len(), 29 + 4);
    let company = acme.to_string();
    for limit in ["1", "3", "33", "100"] {
        assert_eq!(walk(&app, &token, &[("tags", "rust")], limit).await, expected, "limit {limit}");
        assert_eq!(walk(&app, &token, &[("company", &company)], limit).await, expected, "limit {limit}");
    }
    let remote = walk(&app, &token, &[("tags", "skill 3"), ("remote", "true"), ("salary_min", "110000")], "2").await;
    assert_eq!(remote, expected_order(&app, "select id from job_postings where 'skill 3' = any(normalized_tags)
                                             order by posted_at desc nulls last, id desc").await);
}
