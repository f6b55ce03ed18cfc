//! Pipeline events (§3.9: screens, interviews, assessments, deadlines, offer calls) as a person
//! writes them, checked.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::profile::clean_text;
use crate::error::FieldError;

/// What kind of event (`event_type_enum`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Interview,
    PhoneScreen,
    Assessment,
    Deadline,
    OfferCall,
    Other,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Interview => "interview",
            EventKind::PhoneScreen => "phone_screen",
            EventKind::Assessment => "assessment",
            EventKind::Deadline => "deadline",
            EventKind::OfferCall => "offer_call",
            EventKind::Other => "other",
        }
    }
}

/// An event as a person writes it. Times are RFC 3339 with their offset (the page sends the
/// user's own zone); a deadline may have no end.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventInput {
    #[serde(rename = "type")]
    #[schema(example = "interview")]
    pub kind: EventKind,
    #[schema(example = "2026-12-09T15:00:00-05:00")]
    pub start_at: DateTime<Utc>,
    #[serde(default)]
    pub end_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
}

const MAX_LOCATION: usize = 500;
const MAX_NOTES: usize = 10_000;

impl EventInput {
    /// Trims the text and checks every rule, reporting each problem with its field.
    pub fn validated(mut self) -> Result<EventInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        if self.end_at.is_some_and(|end| end <= self.start_at) {
            errors.push(FieldError::new("end_at", "must be after start_at"));
        }
        self.location = clean_text(self.location.take(), "location", MAX_LOCATION, &mut errors);
        self.notes = clean_text(self.notes.take(), "notes", MAX_NOTES, &mut errors);
        if errors.is_empty() { Ok(self) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(start: &str, end: Option<&str>) -> EventInput {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).expect("time").with_timezone(&Utc);
        EventInput { kind: EventKind::Interview, start_at: at(start), end_at: end.map(at), location: Some("  Zoom ".into()), notes: None }
    }

    #[test]
    fn the_end_must_come_after_the_start_whatever_the_offsets() {
        assert!(input("2026-12-09T15:00:00-05:00", Some("2026-12-09T21:00:00+01:00")).validated().is_err(), "same instant");
        assert!(input("2026-12-09T15:00:00-05:00", Some("2026-12-09T20:30:00Z")).validated().is_ok());
        let errors = input("2026-12-09T15:00:00Z", Some("2026-12-09T14:00:00Z")).validated().expect_err("before");
        assert_eq!(errors[0].field.as_deref(), Some("end_at"));
        assert_eq!(input("2026-12-09T15:00:00Z", None).validated().expect("no end").location.as_deref(), Some("Zoom"));
    }
}
