//! Reminders: on its own cron, one notification per task coming due and event coming up
//! (`services::reminders::create_due`); idempotent, so overlapping runs are harmless.

use apalis::prelude::{BoxDynError, Data};
use chrono::Utc;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use crate::jobs::queue::Job;
use crate::services::reminders::{self, Created};

/// The scheduled run. Carries no data: every run covers everything due at its time.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct CreateReminders {}

impl Job for CreateReminders {
    const QUEUE: &'static str = "jobpilot.create_reminders";
}

/// The worker's handler: what it created is kept as the job's result.
#[tracing::instrument(name = "job.create_reminders", skip_all, err)]
pub async fn handle(_job: CreateReminders, system_db: Data<PgPool>) -> Result<String, BoxDynError> {
    let Created { tasks, events } = run(&system_db).await?;
    Ok(format!("{tasks} task and {events} event reminders"))
}

/// What the handler runs (tests drive it directly).
pub async fn run(system_db: &PgPool) -> anyhow::Result<Created> {
    let created = reminders::create_due(system_db, Utc::now()).await?;
    tracing::info!(tasks = created.tasks, events = created.events, "created reminders");
    Ok(created)
}
