//! The Daily Feed: a user's best recent postings by fit, read from their precomputed fit rows
//! (never scored on the request), with dismiss and undo, and a hint when it is empty.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::search::{CompanyRef, Salary, company_ref};
use crate::db::{self, audit, enrichments::{FeedFilter, FeedRow}};
use crate::error::{AppError, AppResult};

/// Where a feed page starts: after (score, posted, id).
pub type FeedAfter = (i32, DateTime<Utc>, Uuid);

/// One posting in the feed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedItem {
    pub posting_id: Uuid,
    pub title: String,
    pub company: Option<CompanyRef>,
    pub url: String,
    pub location: Option<String>,
    pub remote_flag: bool,
    /// Pay the posting states; null when it states none.
    pub salary: Option<Salary>,
    /// For a posting that states no pay: an estimate from comparable postings (`low_cents`,
    /// `median_cents`, `high_cents`, `currency`, `sample_size`); never a stated salary.
    #[schema(value_type = Option<Object>)]
    pub salary_estimate: Option<Value>,
    pub posted_at: DateTime<Utc>,
    pub fit_score: i32,
    /// The factors behind the score (§5.2): `title_similarity`, `skill_overlap`,
    /// `seniority_match`, `salary_alignment`, `recency_boost`, and `points` per factor.
    #[schema(value_type = Object)]
    pub fit_factors: Value,
    pub rationale: Option<String>,
    /// The saved search that scored it best.
    pub search_id: Option<Uuid>,
    /// Whether the user already tracks it.
    pub tracked: bool,
}

/// Why a feed is empty, when it is: the filter that removed the most recent postings.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedHint {
    /// The filter to loosen (`remote_only`, `geo`, `salary_min_cents`, …), or `unrelated` when
    /// titles and skills ruled most postings out, or null when there is nothing to loosen.
    pub filter: Option<String>,
    /// Recent postings that filter removed, over all the user's enabled searches.
    pub removed: u64,
    /// Recent postings the searches looked at.
    pub scanned: u64,
    pub message: String,
}

/// One page of the feed.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FeedPage {
    pub items: Vec<FeedItem>,
    pub next_cursor: Option<String>,
    /// Set on an empty first page.
    pub hint: Option<FeedHint>,
}

/// One page of the user's feed.
#[tracing::instrument(skip(pool, filter), fields(user_id = %user_id))]
pub async fn page(pool: &PgPool, user_id: Uuid, filter: &FeedFilter, after: Option<FeedAfter>, limit: i64) -> AppResult<FeedPage> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let rows = db::enrichments::feed_page(&mut tx, user_id, filter, after, limit).await?;
    let hint = if rows.is_empty() && after.is_none() { Some(hint(&mut tx, user_id).await?) } else { None };
    db::end_read(tx);
    let next_cursor = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| encode_cursor((r.fit_score, r.posted_at, r.job_posting_id))))
        .flatten();
    Ok(FeedPage { items: rows.into_iter().map(item).collect(), next_cursor, hint })
}

fn item(r: FeedRow) -> FeedItem {
    let salary = Salary::from_parts((r.salary_min_cents, r.salary_max_cents), r.currency, r.salary_period, None, None);
    let estimate = if salary.is_none() { r.fit_factors.get("salary_estimate").cloned() } else { None };
    FeedItem {
        posting_id: r.job_posting_id,
        title: r.title,
        company: company_ref(r.company_id, r.company_name),
        url: r.url,
        location: r.location,
        remote_flag: r.remote_flag,
        salary,
        salary_estimate: estimate,
        posted_at: r.posted_at,
        fit_score: r.fit_score,
        fit_factors: r.fit_factors,
        rationale: r.rationale,
        search_id: r.search_pref_id,
        tracked: r.tracked,
    }
}

/// The filter that removed the most, from what the user's searches last saw.
async fn hint(conn: &mut sqlx::PgConnection, user_id: Uuid) -> AppResult<FeedHint> {
    let searches = db::search_prefs::list(conn, user_id).await?;
    let enabled: Vec<_> = searches.iter().filter(|s| s.enabled).collect();
    if enabled.is_empty() {
        return Ok(FeedHint { filter: None, removed: 0, scanned: 0, message: "Turn on a saved search to fill your feed.".into() });
    }
    let mut removed: std::collections::BTreeMap<String, u64> = Default::default();
    let mut scanned = 0;
    for search in &enabled {
        let stats = &search.last_stats;
        scanned += stats["scanned"].as_u64().unwrap_or(0);
        if let Some(excluded) = stats["excluded"].as_object() {
            for (filter, n) in excluded {
                *removed.entry(filter.clone()).or_default() += n.as_u64().unwrap_or(0);
            }
        }
        *removed.entry("unrelated".into()).or_default() += stats["unrelated"].as_u64().unwrap_or(0);
    }
    let top = removed.into_iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n);
    Ok(match top {
        _ if scanned == 0 => FeedHint {
            filter: None,
            removed: 0,
            scanned,
            message: "No recent postings have been scored for you yet: add sources or wait for the next run.".into(),
        },
        Some((filter, n)) => FeedHint {
            message: if filter == "unrelated" {
                format!("{n} of {scanned} recent postings matched neither your titles nor enough of your skills: add titles or skills to your saved searches.")
            } else {
                format!("The filter {filter} removed {n} of {scanned} recent postings: loosen it to see more.")
            },
            filter: Some(filter),
            removed: n,
            scanned,
        },
        None => FeedHint { filter: None, removed: 0, scanned, message: "Nothing new matches right now.".into() },
    })
}

/// Takes a posting out of the feed (never shown again unless undone). Idempotent.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id), err)]
pub async fn dismiss(pool: &PgPool, caller: Caller, posting_id: Uuid) -> AppResult<()> {
    change_dismissal(pool, caller, posting_id, true).await
}

/// Puts a dismissed posting back in the feed. Idempotent.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id), err)]
pub async fn undismiss(pool: &PgPool, caller: Caller, posting_id: Uuid) -> AppResult<()> {
    change_dismissal(pool, caller, posting_id, false).await
}

async fn change_dismissal(pool: &PgPool, caller: Caller, posting_id: Uuid, dismissed: bool) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    if db::applications::posting_closed_at(&mut tx, posting_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let changed = if dismissed {
        db::enrichments::dismiss(&mut tx, caller.user_id, posting_id).await?
    } else {
        db::enrichments::undismiss(&mut tx, caller.user_id, posting_id).await?
    };
    if !changed {
        db::end_read(tx);
        return Ok(());
    }
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action: if dismissed { "feed.dismiss" } else { "feed.undismiss" },
        entity: "job_postings",
        entity_id: posting_id,
        diff: Some(json!({ "after": { "dismissed": dismissed } })),
        ip: caller.ip,
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

pub fn encode_cursor((score, time, id): FeedAfter) -> String {
    URL_SAFE_NO_PAD.encode(format!("{score}|{}|{id}", time.to_rfc3339()))
}

pub fn decode_cursor(cursor: &str) -> AppResult<FeedAfter> {
    let invalid = || AppError::invalid("cursor", "is not a cursor this API returned");
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(raw).map_err(|_| invalid())?;
    let mut parts = text.splitn(3, '|');
    let (Some(score), Some(time), Some(id)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(invalid());
    };
    let time = DateTime::parse_from_rfc3339(time).map_err(|_| invalid())?.with_timezone(&Utc);
    Ok((score.parse().map_err(|_| invalid())?, time, id.parse().map_err(|_| invalid())?))
}
