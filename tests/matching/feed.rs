//! Two users, one catalog: each feed is ordered by its own user's fit, every deal-breaker
//! excludes, and one user's fit rows never reach the other.

use serde_json::Value;

use crate::support::{self, TestApp};
use crate::{customer_success, engineer, get, ingest_catalog, run_jobs, user_with};

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("items")
}

async fn two_users_scored() -> (TestApp, String, String, sqlx::PgPool) {
    let app = support::spawn_app().await;
    let (profile, search) = engineer();
    let (engineer, _) = user_with(&app, "engineer@example.com", profile, search).await;
    let (profile, search) = customer_success();
    let (csm, _) = user_with(&app, "csm@example.com", profile, search).await;
    let owner = ingest_catalog(&app).await;
    run_jobs(&app, &owner).await;
    (app, engineer, csm, owner)
}

#[tokio::test]
async fn each_feed_is_ranked_by_its_own_users_fit_and_keeps_every_deal_breaker() {
    let (app, engineer, csm, _owner) = two_users_scored().await;

    let mine = get(&app, &engineer, "/api/v1/feed?limit=100").await;
    let mine = items(&mine);
    assert!(mine.len() >= 5, "the engineer's feed has {} items", mine.len());
    let scores: Vec<i64> = mine.iter().map(|i| i["fit_score"].as_i64().expect("score")).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "not best first: {scores:?}");
    for item in mine {
        assert_eq!(item["remote_flag"], true, "remote only: {item}");
        // A stated salary must reach the floor; an unknown one is kept and says so.
        if let Some(max) = item["salary"]["max_cents"].as_i64().or(item["salary"]["min_cents"].as_i64())
            && item["salary"]["period"] == "year"
            && item["salary"]["currency"] == "USD"
        {
            assert!(max >= 15_000_000, "below the floor: {item}");
        }
        let factors = &item["fit_factors"];
        for key in ["title_similarity", "skill_overlap", "seniority_match", "salary_alignment", "recency_boost"] {
            assert!(factors.get(key).is_some(), "{key} missing: {factors}");
        }
        assert!(item["rationale"].as_str().is_some_and(|r| r.starts_with("Strongest")), "{item}");
    }
    let top = mine[0]["title"].as_str().expect("title").to_lowercase();
    assert!(top.contains("engineer") || top.contains("developer"), "the engineer's best is {top}");

    let theirs = get(&app, &csm, "/api/v1/feed?limit=100").await;
    let theirs = items(&theirs);
    assert!(!theirs.is_empty(), "the customer-success feed is empty");
    let top = theirs[0]["title"].as_str().expect("title").to_lowercase();
    assert!(
        ["customer", "account", "success", "experience"].iter().any(|w| top.contains(w)),
        "the customer-success manager's best is {top}"
    );
    assert!(theirs.iter().any(|i| i["remote_flag"] == false), "no deal-breaker of theirs removes on-site postings");
    // The same posting scores differently for the two: fit is personal.
    let engineer_titles: Vec<&str> = mine.iter().take(5).filter_map(|i| i["title"].as_str()).collect();
    let csm_titles: Vec<&str> = theirs.iter().take(5).filter_map(|i| i["title"].as_str()).collect();
    assert!(engineer_titles.iter().all(|t| !csm_titles.contains(t)), "{engineer_titles:?} / {csm_titles:?}");
}

#[tokio::test]
async fn one_users_fit_rows_never_reach_the_other() {
    let (app, engineer, csm, owner) = two_users_scored().await;
    let csm_searches = get(&app, &csm, "/api/v1/searches").await;
    let csm_search = csm_searches[0]["id"].as_str().expect("id").to_string();
    let mine = get(&app, &engineer, "/api/v1/feed?limit=100").await;
    assert!(items(&mine).iter().all(|i| i["search_id"] != csm_search.as_str()));
    // Filtering by the other user's search gives nothing, not their rows.
    let theirs = get(&app, &engineer, &format!("/api/v1/feed?search_id={csm_search}")).await;
    assert!(items(&theirs).is_empty());
    // Their search itself is a 404 to the engineer.
    let response = app.client.get(app.url(&format!("/api/v1/searches/{csm_search}"))).bearer_auth(&engineer).send().await.expect("get");
    assert_eq!(response.status(), 404);
    // Every row the engineer's feed shows is theirs in the database.
    let csm_rows: Vec<uuid::Uuid> = sqlx::query_scalar(
        "select e.job_posting_id from posting_enrichments e join users u on u.id = e.user_id where u.email = 'csm@example.com'",
    )
    .fetch_all(&owner)
    .await
    .expect("csm rows");
    let only_csm: Vec<String> = csm_rows.iter().map(|id| id.to_string()).collect();
    for item in items(&mine) {
        let id = item["posting_id"].as_str().expect("id");
        if only_csm.contains(&id.to_string()) {
            // A posting in both feeds must carry the engineer's own score and reasons.
            let own: i32 = sqlx::query_scalar(
                "select e.fit_score from posting_enrichments e join users u on u.id = e.user_id
                 where u.email = 'engineer@example.com' and e.job_posting_id = $1::uuid",
            )
            .bind(id)
            .fetch_one(&owner)
            .await
            .expect("own row");
            assert_eq!(i64::from(own), item["fit_score"].as_i64().expect("score"));
        }
    }
    // The page shows the same: the engineer's home page lists none of the CSM's best.
    let browser = app.browser_client();
    let response = crate::helpers::log_in_with_form(&app, &browser, "engineer@example.com", support::STRONG_PASSWORD, "/").await;
    assert_eq!(response.status(), 303);
    let page = browser.get(app.url("/")).send().await.expect("page").text().await.expect("html");
    let theirs = get(&app, &csm, "/api/v1/feed?limit=3").await;
    for item in items(&theirs) {
        let title = item["title"].as_str().expect("title");
        if !items(&mine).iter().any(|m| m["title"] == title) {
            assert!(!page.contains(&html_escape::encode_text(title).to_string()), "{title} leaked onto the engineer's page");
        }
    }
}

#[tokio::test]
async fn dismissing_hides_a_posting_until_undone_and_tracking_makes_a_prospect() {
    let (app, engineer, _csm, _owner) = two_users_scored().await;
    let before = get(&app, &engineer, "/api/v1/feed?limit=100").await;
    let first = items(&before)[0]["posting_id"].as_str().expect("id").to_string();
    let dismiss = app.url(&format!("/api/v1/feed/{first}/dismiss"));
    assert_eq!(app.client.post(&dismiss).bearer_auth(&engineer).send().await.expect("dismiss").status(), 204);
    let after = get(&app, &engineer, "/api/v1/feed?limit=100").await;
    assert!(items(&after).iter().all(|i| i["posting_id"] != first.as_str()));
    assert_eq!(app.client.delete(&dismiss).bearer_auth(&engineer).send().await.expect("undo").status(), 204);
    let undone = get(&app, &engineer, "/api/v1/feed?limit=100").await;
    assert_eq!(items(&undone)[0]["posting_id"], first.as_str());

    let track = app.client.post(app.url(&format!("/api/v1/feed/{first}/track"))).bearer_auth(&engineer).send().await.expect("track");
    assert_eq!(track.status(), 201);
    let application: Value = track.json().await.expect("json");
    assert_eq!(application["stage"], "prospect");
    assert_eq!(application["source_label"], "Daily Feed");
    let tracked = get(&app, &engineer, "/api/v1/feed?limit=1").await;
    assert_eq!(items(&tracked)[0]["tracked"], true);
    assert_eq!(app.audit_count("feed.dismiss").await, 1);
    assert_eq!(app.audit_count("feed.undismiss").await, 1);
    // An unknown posting is a 404, a malformed cursor or filter a 422 naming it.
    let unknown = app.url(&format!("/api/v1/feed/{}/dismiss", uuid::Uuid::new_v4()));
    assert_eq!(app.client.post(unknown).bearer_auth(&engineer).send().await.expect("post").status(), 404);
    for (query, field) in [("cursor=nope", "cursor"), ("min_score=101", "min_score"), ("colour=red", "query")] {
        let response = app.client.get(app.url(&format!("/api/v1/feed?{query}"))).bearer_auth(&engineer).send().await.expect("get");
        assert_eq!(response.status(), 422, "{query}");
        let body: Value = response.json().await.expect("json");
        assert_eq!(body["errors"][0]["field"], field, "{query}: {body}");
    }
}

#[tokio::test]
async fn scoring_again_changes_no_row() {
    let (app, _engineer, _csm, owner) = two_users_scored().await;
    let before: Vec<(uuid::Uuid, uuid::Uuid, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("select user_id, job_posting_id, updated_at from posting_enrichments order by 1, 2")
            .fetch_all(&owner)
            .await
            .expect("rows");
    assert!(!before.is_empty());
    let run = jobpilot::services::matching::enrich(&app.state.system_db, jobpilot::services::matching::Scope::Backfill)
        .await
        .expect("backfill");
    assert_eq!((run.rows_written, run.rows_removed), (0, 0), "{run:?}");
    let after: Vec<(uuid::Uuid, uuid::Uuid, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("select user_id, job_posting_id, updated_at from posting_enrichments order by 1, 2")
            .fetch_all(&owner)
            .await
            .expect("rows");
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_search_that_matches_nothing_gives_an_empty_feed_and_names_the_filter_that_removed_most() {
    let app = support::spawn_app().await;
    let (profile, mut search) = engineer();
    search["filters"]["geo"] = serde_json::json!(["Antarctica"]);
    search["filters"]["remote_only"] = serde_json::json!(false);
    let (token, _) = user_with(&app, "picky@example.com", profile, search).await;
    let owner = ingest_catalog(&app).await;
    run_jobs(&app, &owner).await;
    let page = get(&app, &token, "/api/v1/feed").await;
    assert!(items(&page).is_empty());
    let hint = &page["hint"];
    assert_eq!(hint["filter"], "geo", "{hint}");
    assert!(hint["removed"].as_u64().expect("removed") > 0);
    assert!(hint["message"].as_str().expect("message").contains("geo"));
}

/// The rows kept per user per posting day: batches arriving one after another (cut in SQL by
/// `trim_days`) keep exactly the rows one backfill over them all keeps (cut in memory).
#[tokio::test]
async fn a_busy_day_keeps_its_best_rows_whether_postings_arrive_in_batches_or_at_once() {
    use jobpilot::services::matching::{Scope, enrich, scorer::PER_DAY};
    let app = support::spawn_app().await;
    let (profile, search) = customer_success();
    user_with(&app, "csm@example.com", profile, search).await;
    let owner = ingest_catalog(&app).await;
    // Every posting on the same day, so one day holds more related postings than are kept.
    sqlx::query("update job_postings set posted_at = date_trunc('day', now()) + interval '1 minute'")
        .execute(&owner)
        .await
        .expect("one day");
    sqlx::query("delete from posting_enrichments").execute(&owner).await.expect("clear");
    let ids: Vec<uuid::Uuid> =
        sqlx::query_scalar("select id from job_postings order by id desc").fetch_all(&owner).await.expect("ids");
    for batch in ids.chunks(ids.len().div_ceil(3)) {
        enrich(&app.state.system_db, Scope::Postings(batch.to_vec())).await.expect("batch");
    }
    let rows = || async {
        sqlx::query_as::<_, (uuid::Uuid, i32)>("select job_posting_id, fit_score from posting_enrichments order by 1")
            .fetch_all(&owner)
            .await
            .expect("rows")
    };
    let batched = rows().await;
    assert_eq!(batched.len(), PER_DAY, "the customer-success search matches more than {PER_DAY} postings of the day");
    let run = enrich(&app.state.system_db, Scope::Backfill).await.expect("backfill");
    let matched: u64 = run.stats.values().map(|s| s.matched).sum();
    assert!(matched > PER_DAY as u64, "{matched} postings matched");
    assert_eq!((run.rows_written, run.rows_removed), (0, 0), "the backfill agrees with the batches: {run:?}");
    assert_eq!(rows().await, batched);
}
