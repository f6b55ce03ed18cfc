//! The application page's forms as typed, and how each becomes a service input: times are read
//! on the user's wall clock; a problem is reported against the form's own field name.

use chrono_tz::Tz;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::form::FormErrors;
use super::local_time;
use crate::domain::event::{EventInput, EventKind};
use crate::domain::task::{Priority, TaskInput};
use crate::services::applications::ApplicationChange;
use crate::services::outreach::OutreachInput;

/// A form value read as one of the API's enums (the same names the API accepts).
fn choice<T: DeserializeOwned>(value: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_string())).ok()
}

fn optional(value: &str) -> Option<String> {
    Some(value.trim().to_string()).filter(|v| !v.is_empty())
}

/// Stage, notes and source label.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SummaryForm {
    #[serde(default)]
    pub stage: String,
    #[serde(default)]
    pub status_notes: String,
    #[serde(default)]
    pub source_label: String,
}

impl SummaryForm {
    pub fn to_change(&self) -> ApplicationChange {
        ApplicationChange {
            stage: Some(self.stage.trim().to_string()),
            status_notes: Some(optional(&self.status_notes)),
            source_label: Some(optional(&self.source_label)),
            resume_version_id: None,
        }
    }
}

/// An interview, screen, deadline… with times on the user's clock (`datetime-local`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct EventForm {
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub start_at: String,
    #[serde(default)]
    pub end_at: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub notes: String,
}

impl EventForm {
    pub fn to_input(&self, zone: Tz) -> Result<EventInput, FormErrors> {
        let mut errors = FormErrors::default();
        let kind: Option<EventKind> = choice(&self.kind);
        if kind.is_none() {
            errors.add("type", "choose what kind of event it is");
        }
        let start = local_time::parse(&self.start_at, zone).map_err(|e| errors.add("start_at", e)).ok();
        let end = match self.end_at.trim() {
            "" => None,
            typed => local_time::parse(typed, zone).map_err(|e| errors.add("end_at", e)).ok(),
        };
        match (kind, start) {
            (Some(kind), Some(start_at)) if errors.is_empty() => Ok(EventInput {
                kind,
                start_at,
                end_at: end,
                location: optional(&self.location),
                notes: optional(&self.notes),
            }),
            _ => Err(errors),
        }
    }
}

/// A task for this application.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TaskForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub due_at: String,
    #[serde(default)]
    pub priority: String,
}

impl TaskForm {
    pub fn to_input(&self, zone: Tz, application_id: uuid::Uuid) -> Result<TaskInput, FormErrors> {
        let mut errors = FormErrors::default();
        let due_at = match self.due_at.trim() {
            "" => None,
            typed => local_time::parse(typed, zone).map_err(|e| errors.add("due_at", e)).ok(),
        };
        let priority = match self.priority.trim() {
            "" => Some(Priority::default()),
            typed => choice::<Priority>(typed),
        };
        if priority.is_none() {
            errors.add("priority", "must be low, normal, high or urgent");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(TaskInput {
            title: self.title.clone(),
            nudge_type: None,
            priority: priority.unwrap_or_default(),
            due_at,
            application_id: Some(application_id),
        })
    }
}

/// A contact and the message to them.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct OutreachForm {
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_role: String,
    #[serde(default)]
    pub contact_profile_url: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub message_body: String,
}

impl OutreachForm {
    pub fn to_input(&self) -> OutreachInput {
        OutreachInput {
            contact_name: optional(&self.contact_name),
            contact_role: optional(&self.contact_role),
            contact_profile_url: optional(&self.contact_profile_url),
            channel: self.channel.clone(),
            message_body: optional(&self.message_body),
        }
    }
}

/// A status move for a message, or a stage for a card.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    pub status: String,
}
