//! Errors as a form shows them: each next to the input it concerns, the rest above the form.

use axum::extract::rejection::FormRejection;

use super::errors::PageError;
use crate::error::{AppError, FieldError};

#[derive(Debug, Default)]
pub struct FormErrors {
    /// (form field name, message)
    fields: Vec<(String, String)>,
    general: Vec<String>,
}

impl FormErrors {
    /// Places each error by its field, renamed from the service's name to the form's.
    pub fn from_field_errors(errors: Vec<FieldError>, rename: impl Fn(&str) -> &str) -> Self {
        let mut form = Self::default();
        for error in errors {
            match error.field {
                Some(field) => form.add(rename(&field), error.detail),
                None => form.general.push(error.detail),
            }
        }
        form
    }

    pub fn general(detail: impl Into<String>) -> Self {
        Self { general: vec![detail.into()], ..Self::default() }
    }

    pub fn add(&mut self, field: &str, detail: impl Into<String>) {
        self.fields.push((field.to_string(), detail.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.general.is_empty()
    }

    /// The messages for one field, in the order they were found.
    pub fn get(&self, field: &str) -> Vec<&str> {
        self.fields.iter().filter(|(f, _)| f == field).map(|(_, d)| d.as_str()).collect()
    }

    pub fn has(&self, field: &str) -> bool {
        self.fields.iter().any(|(f, _)| f == field)
    }

    /// Messages not tied to a field.
    pub fn general_messages(&self) -> &[String] {
        &self.general
    }
}

/// A form body that is not a form at all (a hand-made request): 400, naming the problem.
pub fn bad_form(rejection: FormRejection) -> PageError {
    PageError::App(AppError::BadRequest(FieldError::general(rejection.body_text())))
}
