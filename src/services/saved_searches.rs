//! A user's saved searches: list, create, change, delete. Every change is audited and queues a
//! rescoring of the user's recent postings, so their feed follows their searches.

use chrono::Utc;
use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::Caller;
use crate::db::{self, audit, search_prefs::SavedSearch};
use crate::domain::search_filters::{SavedSearchInput, next_run};
use crate::error::{AppError, AppResult};
use crate::jobs::{self, enrich::EnrichUser};

/// Most saved searches one user may keep (each is scored against every recent posting).
pub const MAX_PER_USER: usize = 20;

pub async fn list(pool: &PgPool, user_id: Uuid) -> AppResult<Vec<SavedSearch>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let searches = db::search_prefs::list(&mut tx, user_id).await?;
    db::end_read(tx);
    Ok(searches)
}

pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<SavedSearch> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let search = db::search_prefs::find(&mut tx, user_id, id, false).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(search)
}

async fn validated(conn: &mut PgConnection, user_id: Uuid, input: SavedSearchInput) -> AppResult<SavedSearchInput> {
    let profile_zone = db::profiles::find(conn, user_id, false).await?.and_then(|(_, p, _)| p.job_preferences.timezone);
    input.validated(profile_zone.as_deref()).map_err(AppError::Validation)
}

#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id), err)]
pub async fn create(pool: &PgPool, caller: Caller, input: SavedSearchInput) -> AppResult<SavedSearch> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let input = validated(&mut tx, caller.user_id, input).await?;
    if db::search_prefs::count(&mut tx).await? as usize >= MAX_PER_USER {
        return Err(AppError::invalid("name", format!("you already have {MAX_PER_USER} saved searches; delete one first")));
    }
    let next = next_run(&input.schedule_cron, input.zone(), Utc::now());
    let search = db::search_prefs::create(&mut tx, caller.user_id, &input, next).await?;
    audit::record(&mut tx, entry(caller, "saved_search.create", search.id, json!({ "after": input }))).await?;
    jobs::enqueue(&mut tx, &EnrichUser { user_id: caller.user_id }).await?;
    tx.commit().await?;
    Ok(search)
}

#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id), err)]
pub async fn update(pool: &PgPool, caller: Caller, id: Uuid, input: SavedSearchInput) -> AppResult<SavedSearch> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let input = validated(&mut tx, caller.user_id, input).await?;
    let before = db::search_prefs::find(&mut tx, caller.user_id, id, true).await?.ok_or(AppError::NotFound)?;
    let unchanged = before.name == input.name
        && before.filters == input.filters
        && before.schedule_cron == input.schedule_cron
        && before.timezone == input.zone()
        && before.enabled == input.enabled;
    if unchanged {
        db::end_read(tx);
        return Ok(before);
    }
    let next = next_run(&input.schedule_cron, input.zone(), Utc::now());
    let after = db::search_prefs::update(&mut tx, caller.user_id, id, &input, next).await?.ok_or(AppError::NotFound)?;
    let diff = audit::changed_fields(&as_input(&before), &serde_json::to_value(&input).unwrap_or_default());
    audit::record(&mut tx, entry(caller, "saved_search.update", id, diff)).await?;
    jobs::enqueue(&mut tx, &EnrichUser { user_id: caller.user_id }).await?;
    tx.commit().await?;
    Ok(after)
}

#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id), err)]
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let gone = db::search_prefs::delete(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audit::record(&mut tx, entry(caller, "saved_search.delete", id, json!({ "before": as_input(&gone) }))).await?;
    jobs::enqueue(&mut tx, &EnrichUser { user_id: caller.user_id }).await?;
    tx.commit().await?;
    Ok(())
}

/// A stored search in the shape a user writes, for audit diffs.
fn as_input(s: &SavedSearch) -> serde_json::Value {
    json!({
        "name": s.name, "filters": s.filters, "schedule_cron": s.schedule_cron,
        "timezone": s.timezone, "enabled": s.enabled,
    })
}

fn entry(caller: Caller, action: &'static str, id: Uuid, diff: serde_json::Value) -> audit::AuditEntry<'static> {
    audit::AuditEntry { actor: audit::Actor::User(caller.user_id), action, entity: "search_prefs", entity_id: id, diff: Some(diff), ip: caller.ip }
}
