//! One application as its page reads it: the timeline of everything that happened, in time
//! order, and the lists of events, messages, tasks and files, with times on the user's clock.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::local_time;
use super::pipeline_view::{event_label, stage_label};
use crate::domain::stage::Stage;
use crate::services::pipeline::ApplicationView;

/// One line of the timeline.
pub struct Entry {
    pub at: DateTime<Utc>,
    pub when: String,
    pub kind: &'static str,
    pub text: String,
    /// Struck through (a cancelled event).
    pub cancelled: bool,
}

fn stage_name(stage: &str) -> &'static str {
    stage.parse::<Stage>().map(stage_label).unwrap_or("Unknown")
}

/// Everything that happened, oldest first; events sit at their own time, so upcoming ones end it.
pub fn timeline(view: &ApplicationView) -> Vec<Entry> {
    let zone = view.zone;
    let mut entries = Vec::new();
    let mut add = |at: DateTime<Utc>, kind: &'static str, text: String, cancelled: bool| {
        entries.push(Entry { at, when: local_time::show(at, zone), kind, text, cancelled });
    };
    let application = &view.detail.application;
    add(application.created_at, "stage", format!("Added to the pipeline ({})", application.source_label.as_deref().unwrap_or("tracked")), false);
    for change in &view.detail.stages {
        if change.from_stage.is_some() {
            add(change.changed_at, "stage", format!("Moved to {}", stage_name(&change.to_stage)), false);
        }
    }
    for event in &view.events {
        let Some(start) = event.start_at else { continue };
        let place = event.location.as_deref().map(|l| format!(" · {l}")).unwrap_or_default();
        add(start, "event", format!("{}{place}", event_label(&event.kind)), event.cancelled_at.is_some());
    }
    for message in &view.outreach.items {
        let to = message.contact_name.as_deref().unwrap_or("a contact");
        add(message.created_at, "outreach", format!("Message to {to} written ({})", message.channel), false);
        for (at, what) in [(message.sent_at, "sent"), (message.replied_at, "replied to"), (message.bounced_at, "bounced")] {
            if let Some(at) = at {
                add(at, "outreach", format!("Message to {to} {what}"), false);
            }
        }
    }
    for task in &view.tasks {
        add(task.created_at, "task", format!("Task added: {}", task.title), false);
        if let Some(done) = task.completed_at {
            add(done, "task", format!("Task done: {}", task.title), false);
        }
    }
    for file in &view.files {
        add(file.created_at, "file", format!("File uploaded: {}", file.file_name), false);
    }
    entries.sort_by_key(|e| e.at);
    entries
}

/// An event in the list, with its edit form's values.
pub struct EventRow {
    pub id: Uuid,
    pub kind: String,
    pub label: &'static str,
    pub when: String,
    pub start_input: String,
    pub end_input: String,
    pub location: String,
    pub notes: String,
    pub cancelled: bool,
}

/// A task in the list.
pub struct TaskRow {
    pub id: Uuid,
    pub title: String,
    pub due: String,
    pub priority: String,
    pub done: bool,
}

/// An uploaded file in the list.
pub struct FileRow {
    pub id: Uuid,
    pub name: String,
    pub kind: &'static str,
    pub size: String,
    pub uploaded: String,
}

/// How a file's kind reads on the page.
pub fn file_kind_label(kind: &str) -> &'static str {
    match kind {
        "offer_letter" => "Offer letter",
        "take_home" => "Take-home task",
        "cover_letter" => "Cover letter",
        _ => "Other",
    }
}

pub fn file_rows(view: &ApplicationView) -> Vec<FileRow> {
    view.files
        .iter()
        .map(|f| FileRow {
            id: f.id,
            name: f.file_name.clone(),
            kind: file_kind_label(&f.kind),
            size: crate::domain::upload::human_size(f.size_bytes),
            uploaded: local_time::show(f.created_at, view.zone),
        })
        .collect()
}

/// A message in the list, with the moves it may make.
pub struct MessageRow {
    pub id: Uuid,
    pub contact: String,
    pub channel: String,
    pub status: String,
    pub body: String,
    pub moves: Vec<&'static str>,
}

pub fn event_rows(view: &ApplicationView) -> Vec<EventRow> {
    let zone: Tz = view.zone;
    view.events
        .iter()
        .map(|e| EventRow {
            id: e.id,
            kind: e.kind.clone(),
            label: event_label(&e.kind),
            when: match (e.start_at, e.end_at) {
                (Some(start), Some(end)) => format!("{} – {}", local_time::show(start, zone), local_time::show(end, zone)),
                (Some(start), None) => local_time::show(start, zone),
                _ => "no time".into(),
            },
            start_input: e.start_at.map(|t| local_time::input_value(t, zone)).unwrap_or_default(),
            end_input: e.end_at.map(|t| local_time::input_value(t, zone)).unwrap_or_default(),
            location: e.location.clone().unwrap_or_default(),
            notes: e.notes.clone().unwrap_or_default(),
            cancelled: e.cancelled_at.is_some(),
        })
        .collect()
}

pub fn task_rows(view: &ApplicationView) -> Vec<TaskRow> {
    view.tasks
        .iter()
        .map(|t| TaskRow {
            id: t.id,
            title: t.title.clone(),
            due: t.due_at.map(|d| local_time::show(d, view.zone)).unwrap_or_default(),
            priority: t.priority.clone(),
            done: t.completed_at.is_some(),
        })
        .collect()
}

pub fn message_rows(view: &ApplicationView) -> Vec<MessageRow> {
    view.outreach
        .items
        .iter()
        .map(|m| MessageRow {
            id: m.id,
            contact: [m.contact_name.as_deref(), m.contact_role.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(", "),
            channel: m.channel.clone(),
            status: m.status.clone(),
            body: m.message_body.clone().unwrap_or_default(),
            moves: m.status.parse::<crate::domain::outreach::OutreachStatus>().map(|s| s.next().iter().map(|n| n.as_str()).collect()).unwrap_or_default(),
        })
        .collect()
}
