//! Emailing a digest notification (queued by a saved-search run that found new matches).

use apalis::prelude::{BoxDynError, Data};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use uuid::Uuid;

use crate::jobs::queue::Job;
use crate::mail::Mailer;
use crate::services::digest;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SendDigest {
    pub notification_id: Uuid,
}

impl Job for SendDigest {
    const QUEUE: &'static str = "jobpilot.send_digest";
}

/// Where links in emails point (the configured public URL).
#[derive(Clone, Debug)]
pub struct PublicUrl(pub String);

#[tracing::instrument(name = "job.send_digest", skip_all, fields(notification_id = %job.notification_id), err)]
pub async fn handle(
    job: SendDigest,
    system_db: Data<PgPool>,
    mailer: Data<Option<Mailer>>,
    public_url: Data<PublicUrl>,
) -> Result<String, BoxDynError> {
    let Some(mailer) = mailer.as_ref() else {
        return Ok("no SMTP host configured".into());
    };
    Ok(digest::send(&system_db, mailer, &public_url.0.0, job.notification_id).await?)
}
