//! Reading and editing the user's profile.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, audit};
use crate::domain::profile::ProfileFields;
use crate::error::{AppError, AppResult};

/// The profile as the API returns it.
#[derive(Debug, Serialize, ToSchema)]
pub struct Profile {
    #[serde(flatten)]
    pub fields: ProfileFields,
    pub updated_at: DateTime<Utc>,
}

/// The user's profile (every user has one from sign-up on).
pub async fn get(pool: &PgPool, user_id: Uuid) -> AppResult<Profile> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let (_, fields, updated_at) = db::profiles::find(&mut tx, user_id, false).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(Profile { fields, updated_at })
}

/// Validates and saves the whole profile; audits only the fields that changed.
pub async fn update(pool: &PgPool, caller: Caller, input: ProfileFields) -> AppResult<Profile> {
    let fields = input.validated().map_err(AppError::Validation)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let (id, before, updated_at) =
        db::profiles::find(&mut tx, caller.user_id, true).await?.ok_or(AppError::NotFound)?;
    if before == fields {
        db::end_read(tx);
        return Ok(Profile { fields, updated_at });
    }
    let updated_at = db::profiles::update(&mut tx, id, &fields).await?;
    let to_json = |f: &ProfileFields| serde_json::to_value(f).unwrap_or_default();
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(caller.user_id),
        action: "profile.update",
        entity: "profiles",
        entity_id: id,
        diff: Some(audit::changed_fields(&to_json(&before), &to_json(&fields))),
        ip: caller.ip,
    })
    .await?;
    // The feed follows the profile: rescore this user's recent postings.
    crate::jobs::enqueue(&mut tx, &crate::jobs::enrich::EnrichUser { user_id: caller.user_id }).await?;
    tx.commit().await?;
    Ok(Profile { fields, updated_at })
}
