//! Reminders (system, across users): one notification for each task coming due and each event
//! coming up, in batches of one scan and one insert each, audited per batch.

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::{self, audit};
use crate::domain::reminder::{Reminder, Window};

/// Rows one batch scans and inserts: large enough that a busy minute is a few statements,
/// small enough that one transaction stays short.
const BATCH: i64 = 1000;

/// What a run created.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Created {
    pub tasks: u64,
    pub events: u64,
}

#[derive(Clone, Copy)]
enum Scan {
    Tasks,
    Events,
}

/// Creates the reminders due at `now`. Safe to run again or concurrently: each (task or event,
/// time) gets one notification, enforced by a unique index, so a loser inserts nothing.
#[tracing::instrument(skip(system_db), err)]
pub async fn create_due(system_db: &PgPool, now: DateTime<Utc>) -> anyhow::Result<Created> {
    let window = Window::at(now);
    Ok(Created { tasks: drain(system_db, Scan::Tasks, window, now).await?, events: drain(system_db, Scan::Events, window, now).await? })
}

async fn drain(system_db: &PgPool, scan: Scan, window: Window, now: DateTime<Utc>) -> anyhow::Result<u64> {
    let mut created = 0;
    loop {
        let (found, inserted) = batch(system_db, scan, window, now).await?;
        created += inserted;
        // A short batch was the last. A full one that inserted nothing was taken by a
        // concurrent run, which is ahead on the same ordered scan and carries on from there.
        if found < BATCH as usize || inserted == 0 {
            return Ok(created);
        }
    }
}

/// One scan and one insert in one transaction, with its audit row. Returns (found, created).
async fn batch(system_db: &PgPool, scan: Scan, window: Window, now: DateTime<Utc>) -> anyhow::Result<(usize, u64)> {
    let mut tx = system_db.begin().await?;
    let reminders: Vec<Reminder> = match scan {
        Scan::Tasks => db::reminders::due_tasks(&mut tx, window.tasks_from, window.until, BATCH).await?,
        Scan::Events => db::reminders::upcoming_events(&mut tx, window.events_from, window.until, BATCH).await?,
    };
    if reminders.is_empty() {
        return Ok((0, 0));
    }
    let payloads = reminders.iter().map(|r| r.payload(now)).collect();
    let inserted = db::reminders::insert(&mut tx, &reminders, payloads).await?;
    if inserted > 0 {
        audit::record(&mut tx, audit::AuditEntry {
            actor: audit::Actor::System,
            action: "notifications.remind",
            entity: "notifications",
            // A batch has no entity of its own: a fresh id keeps batches apart in the log.
            entity_id: Uuid::new_v4(),
            diff: Some(json!({ "kind": reminders[0].kind(), "created": inserted })),
            ip: None,
        })
        .await?;
    }
    tx.commit().await?;
    Ok((reminders.len(), inserted))
}
