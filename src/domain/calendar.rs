//! Pipeline events as an RFC 5545 calendar: the subscription feed and the one-event download.
//! Each event keeps its row id as UID and its change count as SEQUENCE, so a calendar updates
//! the event it already shows; a deleted event is sent as STATUS:CANCELLED so it disappears.
//! Times are UTC (`…Z`), which every client converts to the reader's own zone.

use chrono::{DateTime, Duration, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use uuid::Uuid;

/// What a calendar entry is made from.
#[derive(Clone, Debug)]
pub struct CalendarEntry {
    pub id: Uuid,
    /// The event's kind as stored: interview, phone_screen, …
    pub kind: String,
    pub start_at: DateTime<Utc>,
    pub end_at: Option<DateTime<Utc>>,
    pub location: Option<String>,
    pub notes: Option<String>,
    pub sequence: i32,
    pub cancelled: bool,
    pub updated_at: DateTime<Utc>,
    pub posting_title: Option<String>,
    pub company_name: Option<String>,
}

/// An event without an end (a deadline) is shown as this long.
const DEFAULT_LENGTH: Duration = Duration::minutes(30);

/// How an event's type (`event_type_enum`) reads to a person.
pub fn kind_label(kind: &str) -> &'static str {
    match kind {
        "phone_screen" => "Phone screen",
        "offer_call" => "Offer call",
        "interview" => "Interview",
        "assessment" => "Assessment",
        "deadline" => "Deadline",
        _ => "Event",
    }
}

/// "Interview: Senior Rust Engineer at Acme Robotics".
fn summary(entry: &CalendarEntry) -> String {
    let kind = kind_label(&entry.kind);
    match (&entry.posting_title, &entry.company_name) {
        (Some(title), Some(company)) => format!("{kind}: {title} at {company}"),
        (Some(title), None) => format!("{kind}: {title}"),
        (None, Some(company)) => format!("{kind} at {company}"),
        (None, None) => kind.to_string(),
    }
}

fn event(entry: &CalendarEntry) -> Event {
    let mut event = Event::new();
    event
        .uid(&format!("{}@jobpilot", entry.id))
        .timestamp(entry.updated_at)
        .sequence(entry.sequence.max(0) as u32)
        .summary(&summary(entry))
        .starts(entry.start_at)
        .ends(entry.end_at.unwrap_or(entry.start_at + DEFAULT_LENGTH))
        .status(if entry.cancelled { EventStatus::Cancelled } else { EventStatus::Confirmed });
    if let Some(location) = &entry.location {
        event.location(location);
    }
    if let Some(notes) = &entry.notes {
        event.description(notes);
    }
    event.done()
}

/// A calendar of these entries, named `name`.
pub fn render(name: &str, entries: &[CalendarEntry]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for entry in entries {
        calendar.push(event(entry));
    }
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(cancelled: bool) -> CalendarEntry {
        let at = |t: &str| DateTime::parse_from_rfc3339(t).expect("time").with_timezone(&Utc);
        CalendarEntry {
            id: Uuid::from_u128(7),
            kind: "phone_screen".into(),
            start_at: at("2026-12-09T20:00:00Z"),
            end_at: None,
            location: Some("Phone, Room 4; \"quoted\", newline\nsecond line".into()),
            notes: None,
            sequence: 3,
            cancelled,
            updated_at: at("2026-12-05T10:00:00Z"),
            posting_title: Some("Senior Rust Engineer".into()),
            company_name: Some("Acme Robotics".into()),
        }
    }

    #[test]
    fn an_event_reads_back_with_its_uid_sequence_times_and_escaped_text() {
        let text = render("Jobpilot", &[entry(false)]);
        let parsed: Calendar = text.parse().expect("parses");
        let event = parsed.events().next().expect("one event");
        assert_eq!(event.get_uid(), Some("00000000-0000-0000-0000-000000000007@jobpilot"));
        assert_eq!(event.get_sequence(), Some(3));
        assert_eq!(event.get_summary(), Some("Phone screen: Senior Rust Engineer at Acme Robotics"));
        assert_eq!(event.get_status(), Some(EventStatus::Confirmed));
        assert_eq!(event.get_location(), Some("Phone, Room 4; \"quoted\", newline\nsecond line"));
        assert!(text.contains("DTSTART:20261209T200000Z") && text.contains("DTEND:20261209T203000Z"), "{text}");
        assert!(text.contains("DTSTAMP:20261205T100000Z"), "stable stamp: {text}");
    }

    #[test]
    fn a_deleted_event_is_cancelled() {
        let parsed: Calendar = render("Jobpilot", &[entry(true)]).parse().expect("parses");
        assert_eq!(parsed.events().next().and_then(|e| e.get_status()), Some(EventStatus::Cancelled));
    }
}
