//! Turns PostgreSQL constraint violations into client errors, by the constraint's name.
//!
//! Migrations name every constraint, so a violation that a client caused (a duplicate email, a
//! salary range upside down) becomes a 409 or 422 naming the field instead of a 500.

use crate::error::{AppError, FieldError};

/// How a named constraint's violation is reported: (constraint, field, is_conflict, detail).
const KNOWN: &[(&str, &str, bool, &str)] = &[
    ("uq_users_email", "email", true, "an account with this email already exists"),
    ("uq_search_prefs_user_name", "name", true, "a saved search with this name already exists"),
    ("uq_applications_user_posting", "job_posting_id", true, "this posting is already tracked"),
    ("uq_integration_accounts_user_provider", "provider", true, "this provider is already connected"),
    ("ck_profiles_salary_range", "salary_min_cents", false, "must not exceed salary_max_cents"),
    ("ck_profiles_salary_min_cents_nonnegative", "salary_min_cents", false, "must be zero or more"),
    ("ck_profiles_salary_max_cents_nonnegative", "salary_max_cents", false, "must be zero or more"),
    ("ck_profiles_years_experience", "years_experience", false, "must be zero or more"),
];

/// Text PostgreSQL cannot store (a NUL byte in text, `\u0000` in jsonb). Validation rejects
/// these first; this keeps any field that slips through a 422 rather than a 500.
const UNSTORABLE_TEXT: &[&str] = &["22021", "22P05"];

/// The client error a database error stands for, if it is a known constraint violation.
pub fn to_app_error(error: &sqlx::Error) -> Option<AppError> {
    let db_error = error.as_database_error()?;
    if db_error.code().is_some_and(|code| UNSTORABLE_TEXT.contains(&code.as_ref())) {
        return Some(AppError::Validation(vec![FieldError::general("text must not contain NUL characters")]));
    }
    let constraint = db_error.constraint()?;
    let (_, field, conflict, detail) = KNOWN.iter().find(|(name, ..)| *name == constraint)?;
    let field_error = FieldError::new(*field, *detail);
    Some(if *conflict {
        AppError::Conflict(field_error)
    } else {
        AppError::Validation(vec![field_error])
    })
}
