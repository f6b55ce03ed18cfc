//! The generated demo catalog: deterministic, varied, tagged by the real matcher, and stored
//! idempotently through the real ingest.

mod support;

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveTime};
use jobpilot::demo::catalog::{self, COMPANIES, POSTINGS};
use jobpilot::domain::normalize::normalize;
use jobpilot::domain::posting::PostingDraft;
use jobpilot::domain::skills::SkillMatcher;
use sqlx::PgPool;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 2).expect("valid date")
}

fn drafts() -> Vec<PostingDraft> {
    catalog::generate(today()).postings
}

fn distinct<T: std::hash::Hash + Eq>(items: impl Iterator<Item = T>) -> usize {
    items.collect::<HashSet<_>>().len()
}

#[test]
fn the_same_day_gives_the_same_catalog() {
    assert_eq!(catalog::generate(today()), catalog::generate(today()));
}

#[test]
fn it_generates_the_promised_number_of_postings_with_distinct_ids() {
    let drafts = drafts();
    assert_eq!(drafts.len(), POSTINGS);
    assert_eq!(distinct(drafts.iter().map(|d| (d.source, d.board_id.clone()))), POSTINGS);
    assert_eq!(distinct(drafts.iter().map(|d| d.url.clone())), POSTINGS);
}

#[test]
fn the_catalog_is_varied() {
    let drafts = drafts();
    let companies = distinct(drafts.iter().map(|d| d.company.name.clone()));
    assert!((100..=COMPANIES).contains(&companies), "{companies} companies");
    let titles = distinct(drafts.iter().map(|d| d.title.clone()));
    assert!(titles >= 40, "{titles} titles");
    let locations = distinct(drafts.iter().map(|d| d.locations[0].clone()));
    assert!(locations >= 10, "{locations} locations");
    let sources = distinct(drafts.iter().map(|d| d.source));
    assert!(sources >= 3, "{sources} board kinds");
    let remote = drafts.iter().filter(|d| d.remote == Some(true)).count();
    let on_site = drafts.iter().filter(|d| d.remote == Some(false)).count();
    assert!(remote > 0 && on_site > 0 && remote + on_site == POSTINGS, "{remote} remote, {on_site} not");
    let paid = drafts.iter().filter(|d| d.salary.is_some()).count();
    assert!(paid > 0 && paid < POSTINGS, "{paid} with a salary");
    let currencies = distinct(drafts.iter().filter_map(|d| d.salary.as_ref()?.currency.clone()));
    assert!(currencies >= 5, "{currencies} currencies");
}

#[test]
fn the_remote_flag_agrees_with_the_location() {
    for draft in drafts() {
        let says_remote = draft.locations[0].starts_with("Remote");
        assert_eq!(draft.remote, Some(says_remote), "{:?}", draft.locations);
    }
}

#[test]
fn every_salary_is_a_sane_range_in_a_currency() {
    for draft in drafts() {
        let Some(salary) = &draft.salary else { continue };
        let (min, max) = (salary.min_cents.expect("min"), salary.max_cents.expect("max"));
        assert!(0 < min && min <= max && max <= i64::from(i32::MAX), "{salary:?}");
        assert!(salary.currency.as_deref().is_some_and(|c| c.len() == 3), "{salary:?}");
        assert!(salary.period.is_some(), "{salary:?}");
    }
}

#[test]
fn postings_are_dated_within_the_last_sixty_days() {
    let start = today().and_time(NaiveTime::MIN).and_utc();
    for draft in drafts() {
        let posted = draft.posted_at.expect("posted_at");
        assert!(posted < start && posted >= start - Duration::days(60), "{posted}");
    }
}

#[test]
fn companies_and_links_are_fictional() {
    for draft in drafts() {
        let domain = draft.company.domain.as_deref().expect("domain");
        assert!(domain.ends_with(".example"), "{domain}");
        let url = url::Url::parse(&draft.url).expect("url");
        assert!(url.host_str().is_some_and(|h| h.ends_with(".example")), "{url}");
    }
}

#[test]
fn every_skill_the_generator_writes_is_known_to_the_real_matcher() {
    let matcher = SkillMatcher::builtin();
    let unknown: Vec<&str> = catalog::skill_spellings()
        .into_iter()
        .filter(|skill| matcher.tags("", skill).is_empty())
        .collect();
    assert_eq!(unknown, Vec::<&str>::new());
}

#[test]
fn every_posting_normalises_with_tags_and_without_scripts() {
    let matcher = SkillMatcher::builtin();
    for draft in drafts() {
        let row = normalize(&draft, matcher).expect("normalises");
        assert!(!row.normalized_tags.is_empty(), "no tags for {}", draft.title);
        let raw = draft.description_raw.as_deref().expect("description");
        assert!(!raw.contains("<script"), "{raw}");
        assert!(!row.jd_clean.as_deref().unwrap_or("").contains("<script"));
        // The description's wording never smuggles in a salary the posting does not state.
        assert_eq!(row.salary_min_cents.is_some(), draft.salary.is_some(), "{raw}");
        assert_eq!(row.salary_dropped, None, "{raw}");
    }
}

async fn pool() -> PgPool {
    jobpilot::db::connect_owner_pool(&support::fresh_database().await, 2)
        .await
        .expect("connect")
}

async fn count(pool: &PgPool, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect("count")
}

#[tokio::test]
async fn seeding_twice_stores_everything_once_and_then_changes_nothing() {
    let pool = pool().await;
    let first = catalog::seed(&pool, today()).await.expect("first seed");
    assert_eq!((first.inserted, first.updated, first.unchanged), (POSTINGS as u64, 0, 0));
    assert_eq!(first.skipped, vec![]);
    let stamps: Vec<(String, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("select source_id, updated_at from job_postings order by source, source_id")
            .fetch_all(&pool)
            .await
            .expect("updated_at");
    let second = catalog::seed(&pool, today()).await.expect("second seed");
    assert_eq!((second.inserted, second.updated, second.unchanged), (0, 0, POSTINGS as u64));
    let again: Vec<(String, chrono::DateTime<chrono::Utc>)> =
        sqlx::query_as("select source_id, updated_at from job_postings order by source, source_id")
            .fetch_all(&pool)
            .await
            .expect("updated_at");
    assert_eq!(stamps, again);
    assert_eq!(count(&pool, "select count(*) from job_postings").await, POSTINGS as i64);
    assert_eq!(count(&pool, "select count(*) from companies").await, COMPANIES as i64);
    let untagged = "select count(*) from job_postings where cardinality(normalized_tags) = 0";
    assert_eq!(count(&pool, untagged).await, 0);
    let scripts = "select count(*) from job_postings where jd_raw ilike '%<script%' or jd_clean ilike '%<script%'";
    assert_eq!(count(&pool, scripts).await, 0);
}
