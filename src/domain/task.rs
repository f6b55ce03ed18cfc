//! Tasks (§3.10): what a person writes when they add or edit one, checked, and the local day
//! that the "Today" list covers.

use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::profile::has_control_characters;
use crate::error::FieldError;

/// How urgent a task is (`priority_enum`), lowest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
    Urgent,
}

impl Priority {
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }
}

/// What kind of nudge a task is (`task_type_enum`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    FollowUp,
    Research,
    Prep,
    Apply,
    Referral,
    ThankYou,
}

impl TaskKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TaskKind::FollowUp => "follow_up",
            TaskKind::Research => "research",
            TaskKind::Prep => "prep",
            TaskKind::Apply => "apply",
            TaskKind::Referral => "referral",
            TaskKind::ThankYou => "thank_you",
        }
    }
}

/// A task as a person writes it.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    #[schema(example = "Send a thank-you note to the hiring manager")]
    pub title: String,
    #[serde(default)]
    pub nudge_type: Option<TaskKind>,
    #[serde(default)]
    pub priority: Priority,
    /// When it is due (RFC 3339 with an offset, e.g. `2026-12-08T09:00:00-05:00`).
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
    /// The application it is about, if any.
    #[serde(default)]
    pub application_id: Option<Uuid>,
}

const MAX_TITLE: usize = 300;

impl TaskInput {
    /// Trims the title and checks it.
    pub fn validated(mut self) -> Result<TaskInput, Vec<FieldError>> {
        self.title = self.title.trim().to_string();
        if self.title.is_empty() || self.title.chars().count() > MAX_TITLE || has_control_characters(&self.title) {
            return Err(vec![FieldError::new("title", format!("must be 1 to {MAX_TITLE} characters of text"))]);
        }
        Ok(self)
    }
}

/// The start and end (exclusive) of the local day containing `now` in `zone`. A day a DST change
/// shortens or lengthens is 23 or 25 hours long.
pub fn local_day(now: DateTime<Utc>, zone: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let date = now.with_timezone(&zone).date_naive();
    let start_of = |d: chrono::NaiveDate| {
        // Midnight can fall in a DST gap; the day then starts at the first instant that exists.
        let local = d.and_time(NaiveTime::MIN);
        zone.from_local_datetime(&local)
            .earliest()
            .or_else(|| zone.from_local_datetime(&(local + Duration::hours(1))).earliest())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(|| Utc.from_utc_datetime(&local))
    };
    (start_of(date), start_of(date + Duration::days(1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).expect("time").with_timezone(&Utc)
    }

    #[test]
    fn the_local_day_follows_the_users_zone() {
        let (start, end) = local_day(at("2026-12-06T03:00:00Z"), chrono_tz::America::New_York);
        assert_eq!((start, end), (at("2026-12-05T05:00:00Z"), at("2026-12-06T05:00:00Z")), "still the 5th in New York");
        let (start, end) = local_day(at("2026-12-06T03:00:00Z"), chrono_tz::Europe::Berlin);
        assert_eq!((start, end), (at("2026-12-05T23:00:00Z"), at("2026-12-06T23:00:00Z")));
    }

    #[test]
    fn a_dst_day_is_23_or_25_hours() {
        let (start, end) = local_day(at("2026-03-08T12:00:00Z"), chrono_tz::America::New_York);
        assert_eq!(end - start, Duration::hours(23));
        let (start, end) = local_day(at("2026-11-01T12:00:00Z"), chrono_tz::America::New_York);
        assert_eq!(end - start, Duration::hours(25));
    }

    #[test]
    fn a_day_that_starts_in_a_gap_starts_when_the_clock_resumes() {
        // Santiago skips from midnight to 1:00 when DST begins (2026-09-06).
        let (start, _) = local_day(at("2026-09-06T12:00:00Z"), chrono_tz::America::Santiago);
        assert_eq!(start, at("2026-09-06T04:00:00Z"));
    }

    #[test]
    fn a_title_is_required_and_trimmed() {
        let input = |title: &str| TaskInput { title: title.into(), nudge_type: None, priority: Priority::High, due_at: None, application_id: None };
        assert_eq!(input("  Call Sam ").validated().expect("valid").title, "Call Sam");
        assert_eq!(input("   ").validated().expect_err("empty")[0].field.as_deref(), Some("title"));
        assert_eq!(input(&"x".repeat(301)).validated().expect_err("long")[0].field.as_deref(), Some("title"));
        assert!(Priority::Urgent > Priority::High && Priority::Normal > Priority::Low);
    }
}
