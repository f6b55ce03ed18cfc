//! How one notification reads on the page: a line of text, a line of detail and a link, from
//! its kind and payload.

use serde_json::Value;
use uuid::Uuid;

use crate::db::notifications::Notification;
use crate::domain::reminder::{EVENT_UPCOMING, TASK_DUE};

pub struct Item {
    pub id: Uuid,
    pub unread: bool,
    pub text: String,
    /// When (on the user's clock, as the payload has it), for which job, where.
    pub detail: String,
    pub link: Option<String>,
}

fn text(payload: &Value, key: &str) -> Option<String> {
    payload[key].as_str().filter(|s| !s.is_empty()).map(String::from)
}

/// "Senior Rust Engineer at Acme", or whichever half is known.
fn job(payload: &Value) -> Option<String> {
    match (text(payload, "posting_title"), text(payload, "company")) {
        (Some(title), Some(company)) => Some(format!("{title} at {company}")),
        (title, company) => title.or(company),
    }
}

/// Only a path on this site is followed: a payload is ours, but a link is no place to trust it.
fn local_link(payload: &Value) -> Option<String> {
    text(payload, "link").filter(|l| l.starts_with('/') && !l.starts_with("//") && !l.contains('\\'))
}

impl Item {
    pub fn new(n: Notification) -> Item {
        let p = &n.payload;
        let (text_line, details) = match n.kind.as_str() {
            TASK_DUE => {
                let title = text(p, "title").unwrap_or_else(|| "A task".into());
                let lead = if p["overdue"].as_bool() == Some(true) { "Overdue" } else { "Due soon" };
                (format!("{lead}: {title}"), vec![text(p, "when").map(|w| format!("due {w}")), job(p)])
            }
            EVENT_UPCOMING => {
                let kind = text(p, "title").unwrap_or_else(|| "Event".into());
                (format!("Coming up: {kind}"), vec![text(p, "when"), job(p), text(p, "location")])
            }
            "daily_digest" => {
                let count = p["count"].as_u64().unwrap_or(0);
                let search = text(p, "search_name").unwrap_or_else(|| "a saved search".into());
                (format!("{count} new matches for “{search}”"), vec![])
            }
            other => (other.replace('_', " "), vec![]),
        };
        let link = match n.kind.as_str() {
            "daily_digest" => Some("/".to_string()),
            _ => local_link(p),
        };
        Item {
            id: n.id,
            unread: n.read_at.is_none(),
            text: text_line,
            detail: details.into_iter().flatten().collect::<Vec<_>>().join(" · "),
            link,
        }
    }
}
