//! Use cases: one function each, one transaction each (rows + audit row + queued jobs).

pub mod accounts;
pub mod applications;
pub mod calendar;
pub mod catalog;
pub mod digest;
pub mod events;
pub mod feed;
pub mod notifications;
pub mod outreach;
pub mod pipeline;
pub mod pipeline_events;
pub mod manual_applications;
pub mod matching;
pub mod profile;
pub mod reminders;
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
