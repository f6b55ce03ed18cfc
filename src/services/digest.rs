//! Digest emails: sending one for a saved search's new matches, and the unsubscribe link they
//! carry (followed without logging in; the link's random token is the only proof needed).

use serde_json::json;
use sha2::{Digest as _, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::{self, audit};
use crate::mail::Mailer;
use crate::mail::digest::{Digest, DigestPosting};

/// Emails the digest of notification `id` to its user, once: a retry after success sends nothing.
#[tracing::instrument(skip(system_db, mailer, public_url), err)]
pub async fn send(system_db: &PgPool, mailer: &Mailer, public_url: &str, id: Uuid) -> anyhow::Result<String> {
    let mut tx = system_db.begin().await?;
    let Some((user_id, notification)) = db::notifications::find_any(&mut tx, id).await? else {
        return Ok("notification gone".into());
    };
    if notification.payload.get("emailed_at").is_some_and(|v| !v.is_null()) {
        return Ok("already emailed".into());
    }
    let Some(user) = db::users::find(&mut tx, user_id).await? else {
        return Ok("user gone".into());
    };
    let payload = &notification.payload;
    let search_id: Option<Uuid> = payload.get("search_id").and_then(|v| serde_json::from_value(v.clone()).ok());
    let Some(search_id) = search_id else {
        anyhow::bail!("digest notification {id} names no saved search");
    };
    let base = public_url.trim_end_matches('/');
    let token = crate::domain::secret::url_safe();
    db::unsubscribe_tokens::insert(&mut tx, &Sha256::digest(token.as_bytes()), user_id, search_id).await?;
    let postings = payload["postings"].as_array().cloned().unwrap_or_default();
    let digest = Digest {
        search_name: payload["search_name"].as_str().unwrap_or("your saved search").to_string(),
        count: payload["count"].as_u64().unwrap_or(postings.len() as u64) as usize,
        postings: postings
            .iter()
            .map(|p| DigestPosting {
                title: p["title"].as_str().unwrap_or_default().to_string(),
                company: p["company"].as_str().map(str::to_string),
                fit_score: p["fit_score"].as_i64().unwrap_or_default(),
                rationale: p["rationale"].as_str().map(str::to_string),
                url: format!("{base}/jobs/{}", p["id"].as_str().unwrap_or_default()),
            })
            .collect(),
        feed_url: format!("{base}/"),
        unsubscribe_url: format!("{base}/unsubscribe/{token}"),
    };
    let to = user.email.parse().map_err(|e| anyhow::anyhow!("user {user_id} has no usable email: {e}"))?;
    let message = digest.message(mailer.from.clone(), to)?;
    db::notifications::mark_emailed(&mut tx, id).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::System,
        action: "digest.email",
        entity: "notifications",
        entity_id: id,
        diff: Some(json!({ "after": { "emailed": true } })),
        ip: None,
    })
    .await?;
    // Sent before commit: if sending fails, nothing is marked and the job retries; if the commit
    // fails after a send, the retry sends again (a duplicate beats a lost digest).
    mailer.send(message).await?;
    tx.commit().await?;
    Ok(format!("emailed {} postings", digest.postings.len()))
}

/// Turns off the digest email the token was sent for. Returns the search's name, or `None` for
/// a token that was never issued.
#[tracing::instrument(skip_all, err)]
pub async fn unsubscribe(system_db: &PgPool, token: &str) -> anyhow::Result<Option<String>> {
    if token.len() > 100 {
        return Ok(None);
    }
    let mut tx = system_db.begin().await?;
    let Some((user_id, Some(search_id))) = db::unsubscribe_tokens::redeem(&mut tx, &Sha256::digest(token.as_bytes())).await?
    else {
        return Ok(None);
    };
    let name = db::search_prefs::find(&mut tx, user_id, search_id, true).await?.map(|s| s.name);
    if db::search_prefs::set_email_digest(&mut tx, search_id, false).await? {
        audit::record(&mut tx, audit::AuditEntry {
            actor: audit::Actor::User(user_id),
            action: "saved_search.unsubscribe",
            entity: "search_prefs",
            entity_id: search_id,
            diff: Some(json!({ "before": { "email_digest": true }, "after": { "email_digest": false } })),
            ip: None,
        })
        .await?;
    }
    tx.commit().await?;
    Ok(name)
}
