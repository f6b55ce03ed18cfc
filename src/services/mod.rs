//! Use cases: one function each, one transaction each (rows + audit row + queued jobs).

pub mod accounts;
pub mod applications;
pub mod applications_export;
pub mod applications_import;
pub mod calendar;
pub mod catalog;
pub mod cover_letters;
pub mod digest;
pub mod events;
pub mod files;
pub mod feed;
pub mod notifications;
pub mod outreach;
pub mod pipeline;
pub mod pipeline_events;
pub mod manual_applications;
pub mod matching;
pub mod model_runs;
pub mod profile;
pub mod reminders;
pub mod resumes;
mod resumes_versions;
pub mod resume_fit;
pub mod tailoring;
pub mod resume_render;
pub mod saved_searches;
pub mod scout;
pub mod sources;
pub mod tasks;
pub mod search;
pub mod token_cache;
pub mod tokens;

use std::net::IpAddr;

use uuid::Uuid;

/// Who is acting and from where: every audited change needs both.
#[derive(Clone, Copy, Debug)]
pub struct Caller {
    pub user_id: Uuid,
    pub ip: Option<IpAddr>,
}

impl Caller {
    /// Writes the audit row for this caller's change to row `id` of `entity`. Call inside the
    /// transaction that makes the change, so both land or neither does.
    pub async fn audit(
        &self,
        conn: &mut sqlx::PgConnection,
        action: &str,
        entity: &str,
        id: Uuid,
        diff: serde_json::Value,
    ) -> crate::error::AppResult<()> {
        let entry = crate::db::audit::AuditEntry {
            actor: crate::db::audit::Actor::User(self.user_id),
            action,
            entity,
            entity_id: id,
            diff: Some(diff),
            ip: self.ip,
        };
        crate::db::audit::record(conn, entry).await?;
        Ok(())
    }
}
