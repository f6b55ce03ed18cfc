//! Outreach: messages to contacts about an application, moved through the funnel (draft →
//! queued → sent → replied / bounced), each move timed, audited, and counted when sent
//! (`outreach_sent`). Deleting keeps the row for 30 days (§8).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::json;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use crate::db::{self, outreach::Outreach, outreach::OutreachFields};
use crate::domain::outreach::OutreachStatus;
use crate::domain::profile::clean_text;
use crate::error::{AppError, AppResult, FieldError};

/// A message and its contact as a person writes them.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutreachInput {
    #[schema(example = "Sam Lee")]
    pub contact_name: Option<String>,
    #[schema(example = "Engineering manager")]
    pub contact_role: Option<String>,
    /// Their profile page (http or https).
    pub contact_profile_url: Option<String>,
    /// linkedin or email.
    #[schema(example = "linkedin")]
    pub channel: String,
    pub message_body: Option<String>,
}

/// A status move.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    #[schema(example = "sent")]
    pub status: String,
}

/// An application's messages and how many stand at each status.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OutreachList {
    pub items: Vec<Outreach>,
    /// Messages per status, every status present (zero when none).
    pub funnel: BTreeMap<String, usize>,
}

impl OutreachList {
    /// The messages with their counts per status.
    pub fn new(items: Vec<Outreach>) -> Self {
        let mut funnel: BTreeMap<String, usize> = OutreachStatus::ALL.iter().map(|s| (s.as_str().to_string(), 0)).collect();
        for item in &items {
            *funnel.entry(item.status.clone()).or_default() += 1;
        }
        OutreachList { items, funnel }
    }
}

const CHANNELS: [&str; 2] = ["linkedin", "email"];

struct Checked {
    name: Option<String>,
    role: Option<String>,
    url: Option<String>,
    channel: String,
    body: Option<String>,
}

impl Checked {
    fn fields(&self) -> OutreachFields<'_> {
        OutreachFields {
            contact_name: self.name.as_deref(),
            contact_role: self.role.as_deref(),
            contact_profile_url: self.url.as_deref(),
            channel: &self.channel,
            message_body: self.body.as_deref(),
        }
    }
}

fn checked(input: &OutreachInput) -> AppResult<Checked> {
    let mut errors = Vec::new();
    let name = clean_text(input.contact_name.clone(), "contact_name", 200, &mut errors);
    let role = clean_text(input.contact_role.clone(), "contact_role", 200, &mut errors);
    let url = clean_text(input.contact_profile_url.clone(), "contact_profile_url", 2_000, &mut errors);
    let body = clean_text(input.message_body.clone(), "message_body", 20_000, &mut errors);
    if let Some(link) = &url
        && !url::Url::parse(link).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some())
    {
        errors.push(FieldError::new("contact_profile_url", "must be an http(s) link"));
    }
    let channel = input.channel.trim().to_ascii_lowercase();
    if !CHANNELS.contains(&channel.as_str()) {
        errors.push(FieldError::new("channel", format!("must be one of: {}", CHANNELS.join(", "))));
    }
    if errors.is_empty() { Ok(Checked { name, role, url, channel, body }) } else { Err(AppError::Validation(errors)) }
}

async fn audited(conn: &mut sqlx::PgConnection, caller: Caller, action: &'static str, message: &Outreach) -> AppResult<()> {
    caller.audit(conn, action, "outreach", message.id, json!({ "after": { "status": message.status, "channel": message.channel } })).await
}

#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id))]
pub async fn create(pool: &PgPool, caller: Caller, application_id: Uuid, input: &OutreachInput) -> AppResult<Outreach> {
    let checked = checked(input)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    db::applications::find(&mut tx, caller.user_id, application_id).await?.ok_or(AppError::NotFound)?;
    let id = db::outreach::insert(&mut tx, application_id, &checked.fields()).await?;
    let message = db::outreach::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "outreach.create", &message).await?;
    tx.commit().await?;
    Ok(message)
}

pub async fn list(pool: &PgPool, user_id: Uuid, application_id: Uuid) -> AppResult<OutreachList> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    db::applications::find(&mut tx, user_id, application_id).await?.ok_or(AppError::NotFound)?;
    let items = db::outreach::for_application(&mut tx, user_id, application_id).await?;
    db::end_read(tx);
    Ok(OutreachList::new(items))
}

/// Rewrites the contact and message of a message that has not left yet (draft or queued).
#[tracing::instrument(skip(pool, input), fields(user_id = %caller.user_id))]
pub async fn update(pool: &PgPool, caller: Caller, id: Uuid, input: &OutreachInput) -> AppResult<Outreach> {
    let checked = checked(input)?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let before = db::outreach::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    if !matches!(before.status.as_str(), "draft" | "queued") {
        return Err(AppError::Conflict(FieldError::new("status", format!("a {} message can no longer be edited", before.status))));
    }
    db::outreach::update_fields(&mut tx, id, &checked.fields()).await?;
    let message = db::outreach::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "outreach.update", &message).await?;
    tx.commit().await?;
    Ok(message)
}

/// Moves a message to another status; an illegal move is a 422 naming the allowed ones.
#[tracing::instrument(skip(pool, change), fields(user_id = %caller.user_id))]
pub async fn move_to(pool: &PgPool, caller: Caller, id: Uuid, change: &StatusChange) -> AppResult<Outreach> {
    let to: OutreachStatus = change.status.parse().map_err(|reason: String| AppError::invalid("status", reason))?;
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let before = db::outreach::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    let from: OutreachStatus =
        before.status.parse().map_err(|e: String| AppError::Internal(anyhow::anyhow!("stored status {}: {e}", before.status)))?;
    from.move_to(to).map_err(|illegal| AppError::invalid("status", illegal.to_string()))?;
    if !db::outreach::set_status(&mut tx, id, from.as_str(), to.as_str()).await? {
        return Err(AppError::Conflict(FieldError::new("status", "the message changed meanwhile; read it again")));
    }
    let message = db::outreach::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    audited(&mut tx, caller, "outreach.status", &message).await?;
    if to == OutreachStatus::Sent {
        db::user_events::record(&mut tx, caller.user_id, "outreach_sent", &json!({ "outreach_id": id, "channel": message.channel }))
            .await?;
    }
    tx.commit().await?;
    Ok(message)
}

#[tracing::instrument(skip(pool), fields(user_id = %caller.user_id))]
pub async fn delete(pool: &PgPool, caller: Caller, id: Uuid) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, caller.user_id).await?;
    let message = db::outreach::find(&mut tx, caller.user_id, id).await?.ok_or(AppError::NotFound)?;
    db::outreach::soft_delete(&mut tx, id).await?;
    audited(&mut tx, caller, "outreach.delete", &message).await?;
    tx.commit().await?;
    Ok(())
}

/// One of the caller's live messages; another user's is a 404 like a missing one.
pub async fn get(pool: &PgPool, user_id: Uuid, id: Uuid) -> AppResult<Outreach> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let message = db::outreach::find(&mut tx, user_id, id).await?.ok_or(AppError::NotFound)?;
    db::end_read(tx);
    Ok(message)
}
