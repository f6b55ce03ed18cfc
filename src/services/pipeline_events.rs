//! Interviews, screens, deadlines… of an application: add, list, change, delete (kept as
//! cancelled for calendars). Every change is audited.

use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, events::Event};
use crate::domain::event::EventInput;
use crate::error::{AppError, AppResult};

async fn audited(conn: &mut sqlx::PgConnection, caller: Caller, action: &'static str, event: &Event) -> AppResult<()> {
    caller.audit(conn, action, "events", event.id, json!({ "after": event })).await
}

/// Adds an event to one of the caller's applications (another user's is a 404).
#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id))]
pub async fn create(pool: &PgPool, caller: Caller, application_id: Uuid, input: EventInput) -> AppResult<Event> {
    let input = input.validated().map_err(AppError::Validation)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::applications::find(&mut tx, caller.user_id, application_id).await?.ok_or(AppError::NotFound)?;
    let id = db::events::insert(&mut tx, application_id, &input).await?;
    let event = db::events::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "event.create", &event).await?;
    tx.commit().await?;
    Ok(event)
}

pub async fn list(pool: &PgPool, user_id: Uuid, application_id: Uuid) -> AppResult<Vec<Event>> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    db::applications::find(&mut tx, user_id, application_id).await?.ok_or(AppError::NotFound)?;
    let events = db::events::for_application(&mut tx, user_id, application_id, false).await?;
    db::end_read(tx);
    Ok(events)
}

pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<Event> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let event = db::events::find(&mut tx, user_id, id).await?.filter(|e| e.cancelled_at.is_none()).ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(event)
}

#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id))]
pub async fn update(pool: &PgPool, caller: Caller, id: Uuid, input: EventInput) -> AppResult<Event> {
    let input = input.validated().map_err(AppError::Validation)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::events::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    if !db::events::update(&mut tx, id, &input).await? {
        return Err(AppError::NotFound);
    }
    let event = db::events::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "event.update", &event).await?;
    tx.commit().await?;
    Ok(event)
}

/// Deletes an event for the user; calendars subscribed to the feed see it cancelled.
#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::events::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    if !db::events::cancel(&mut tx, id).await? {
        return Err(AppError::NotFound);
    }
    let event = db::events::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "event.delete", &event).await?;
    tx.commit().await?;
    Ok(())
}
