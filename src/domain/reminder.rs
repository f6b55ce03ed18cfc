//! Reminders (issue 10): which tasks and events are due a notification, and what it says, with
//! the time written on the user's own wall clock (the profile's time zone, else UTC).

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::domain::calendar::kind_label;

/// `notifications.kind` of a task coming due (or overdue).
pub const TASK_DUE: &str = "task_due";
/// `notifications.kind` of an event coming up.
pub const EVENT_UPCOMING: &str = "event_upcoming";

/// How far ahead a task or event is announced.
pub const AHEAD: Duration = Duration::hours(24);

/// How far back an overdue task that was never announced still is. Bounded so the scan stays a
/// short index range, and so the first run after an upgrade does not announce every task ever
/// missed.
pub const OVERDUE_LOOKBACK: Duration = Duration::days(7);

/// The time ranges one run covers, as `[from, until)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub tasks_from: DateTime<Utc>,
    /// Events that already began are not "coming up".
    pub events_from: DateTime<Utc>,
    pub until: DateTime<Utc>,
}

impl Window {
    pub fn at(now: DateTime<Utc>) -> Window {
        Window { tasks_from: now - OVERDUE_LOOKBACK, events_from: now, until: now + AHEAD }
    }
}

/// The user's zone: the profile's IANA name when it is one, else UTC (as "Today" does).
pub fn zone(name: Option<&str>) -> Tz {
    name.and_then(|n| n.parse().ok()).unwrap_or(Tz::UTC)
}

/// What a reminder is about.
#[derive(Clone, Debug)]
pub enum Subject {
    Task { title: String },
    /// `event_type` as stored: interview, phone_screen, …
    Event { event_type: String, location: Option<String> },
}

/// One notification to create: a task or event, its time and what it belongs to.
#[derive(Clone, Debug)]
pub struct Reminder {
    pub user_id: Uuid,
    /// The task's or event's id.
    pub subject_id: Uuid,
    /// The due or start time announced: with `subject_id`, the notification's identity.
    pub at: DateTime<Utc>,
    pub subject: Subject,
    pub application_id: Option<Uuid>,
    pub posting_title: Option<String>,
    pub company: Option<String>,
    /// The profile's time zone as stored (may be missing).
    pub time_zone: Option<String>,
}

impl Reminder {
    pub fn kind(&self) -> &'static str {
        match self.subject {
            Subject::Task { .. } => TASK_DUE,
            Subject::Event { .. } => EVENT_UPCOMING,
        }
    }

    /// The notification's payload: what it is, for which job, when (UTC and local) and a link.
    pub fn payload(&self, now: DateTime<Utc>) -> Value {
        let zone = zone(self.time_zone.as_deref());
        let local = self.at.with_timezone(&zone);
        let mut payload = json!({
            "application_id": self.application_id,
            "posting_title": self.posting_title,
            "company": self.company,
            "at": self.at.to_rfc3339_opts(SecondsFormat::Secs, true),
            "local_time": local.to_rfc3339_opts(SecondsFormat::Secs, false),
            "when": local.format("%a %-d %b %Y, %H:%M %Z").to_string(),
            "time_zone": zone.name(),
            "link": link(self.application_id),
        });
        let extra = match &self.subject {
            Subject::Task { title } => json!({ "task_id": self.subject_id, "title": title, "overdue": self.at < now }),
            Subject::Event { event_type, location } => json!({
                "event_id": self.subject_id,
                "event_type": event_type,
                "title": kind_label(event_type),
                "location": location,
            }),
        };
        if let (Some(payload), Value::Object(extra)) = (payload.as_object_mut(), extra) {
            payload.extend(extra);
        }
        payload
    }
}

/// Where a reminder leads: the application's page, or the home page (its Tasks card) for a
/// task about no application. The one place to change when those pages move.
pub fn link(application_id: Option<Uuid>) -> String {
    match application_id {
        Some(id) => format!("/applications/{id}"),
        None => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("time").with_timezone(&Utc)
    }

    fn task(due: &str, zone: Option<&str>) -> Reminder {
        Reminder {
            user_id: Uuid::nil(),
            subject_id: Uuid::nil(),
            at: at(due),
            subject: Subject::Task { title: "Send the thank-you note".into() },
            application_id: None,
            posting_title: None,
            company: None,
            time_zone: zone.map(String::from),
        }
    }

    #[test]
    fn the_time_is_written_on_the_users_wall_clock_across_a_dst_change() {
        // Auckland leaves daylight time at 03:00 NZDT on 4 April 2027 (14:00 UTC on the 3rd).
        let before = task("2027-04-03T13:30:00Z", Some("Pacific/Auckland")).payload(at("2027-04-03T00:00:00Z"));
        let after = task("2027-04-03T14:30:00Z", Some("Pacific/Auckland")).payload(at("2027-04-03T00:00:00Z"));
        assert_eq!(before["local_time"], "2027-04-04T02:30:00+13:00");
        assert_eq!(before["when"], "Sun 4 Apr 2027, 02:30 NZDT");
        assert_eq!(after["local_time"], "2027-04-04T02:30:00+12:00");
        assert_eq!(after["when"], "Sun 4 Apr 2027, 02:30 NZST");
        assert_eq!(before["at"], "2027-04-03T13:30:00Z", "UTC kept beside it");
    }

    #[test]
    fn an_unknown_or_missing_zone_is_utc_and_overdue_is_relative_to_the_run() {
        let payload = task("2026-12-06T09:00:00Z", Some("Mars/Olympus")).payload(at("2026-12-06T10:00:00Z"));
        assert_eq!((payload["time_zone"].clone(), payload["when"].clone()), (json!("UTC"), json!("Sun 6 Dec 2026, 09:00 UTC")));
        assert_eq!(payload["overdue"], true);
        assert_eq!(task("2026-12-06T09:00:00Z", None).payload(at("2026-12-06T08:00:00Z"))["overdue"], false);
        assert_eq!(payload["link"], "/");
    }

    #[test]
    fn an_event_reads_as_its_kind_and_links_to_its_application() {
        let id = Uuid::from_u128(7);
        let event = Reminder {
            subject: Subject::Event { event_type: "phone_screen".into(), location: Some("Zoom".into()) },
            application_id: Some(id),
            ..task("2026-12-07T01:00:00Z", Some("America/New_York"))
        };
        let payload = event.payload(at("2026-12-06T10:00:00Z"));
        assert_eq!(event.kind(), EVENT_UPCOMING);
        assert_eq!(payload["title"], "Phone screen");
        assert_eq!(payload["when"], "Sun 6 Dec 2026, 20:00 EST", "the evening before in New York");
        assert_eq!(payload["link"], format!("/applications/{id}"));
        assert!(payload.get("overdue").is_none());
    }
}
