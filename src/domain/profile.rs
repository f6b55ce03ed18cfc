//! A user's professional profile and the rules its fields must satisfy.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::FieldError;

/// What kind of work a user is after; stored in `profiles.job_preferences`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct JobPreferences {
    /// Seniority levels, e.g. "IC", "Senior", "Lead".
    pub levels: Vec<String>,
    /// Job functions, e.g. "Engineering", "Customer Success".
    pub functions: Vec<String>,
    pub industries: Vec<String>,
    /// IANA time zone (e.g. "Europe/Berlin") used for schedules and digests.
    #[schema(example = "America/Toronto")]
    pub timezone: Option<String>,
}

/// The editable profile fields, as read and written by `GET/PUT /api/v1/profile`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ProfileFields {
    pub headline: Option<String>,
    pub summary: Option<String>,
    pub skills: Vec<String>,
    pub years_experience: Option<i32>,
    /// Preferred places to work, e.g. "Toronto", "Remote (US)".
    pub locations: Vec<String>,
    /// Work authorisation, e.g. "US citizen; Canadian resident".
    pub work_auth: Option<String>,
    pub salary_min_cents: Option<i64>,
    pub salary_max_cents: Option<i64>,
    #[serde(default = "yes")]
    pub remote_only: bool,
    pub job_preferences: JobPreferences,
}

fn yes() -> bool {
    true
}

const MAX_SHORT_TEXT: usize = 200;
const MAX_LONG_TEXT: usize = 10_000;
const MAX_LIST_ITEMS: usize = 100;

impl ProfileFields {
    /// Trims and de-duplicates the input, and checks every rule; all problems are reported at once.
    pub fn validated(mut self) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        self.headline = clean_text(self.headline, "headline", MAX_SHORT_TEXT, &mut errors);
        self.summary = clean_text(self.summary, "summary", MAX_LONG_TEXT, &mut errors);
        self.work_auth = clean_text(self.work_auth, "work_auth", MAX_SHORT_TEXT, &mut errors);
        self.skills = clean_list(self.skills, "skills", &mut errors);
        self.locations = clean_list(self.locations, "locations", &mut errors);
        let prefs = &mut self.job_preferences;
        prefs.levels = clean_list(std::mem::take(&mut prefs.levels), "job_preferences.levels", &mut errors);
        prefs.functions =
            clean_list(std::mem::take(&mut prefs.functions), "job_preferences.functions", &mut errors);
        prefs.industries =
            clean_list(std::mem::take(&mut prefs.industries), "job_preferences.industries", &mut errors);
        prefs.timezone = clean_text(prefs.timezone.take(), "job_preferences.timezone", 64, &mut errors);
        if let Some(zone) = &prefs.timezone
            && zone.parse::<chrono_tz::Tz>().is_err()
        {
            errors.push(FieldError::new(
                "job_preferences.timezone",
                format!("'{zone}' is not an IANA time zone such as Europe/Berlin"),
            ));
        }
        if let Some(years) = self.years_experience
            && !(0..=70).contains(&years)
        {
            errors.push(FieldError::new("years_experience", "must be between 0 and 70"));
        }
        check_salary(self.salary_min_cents, self.salary_max_cents, &mut errors);
        if errors.is_empty() { Ok(self) } else { Err(errors) }
    }
}

fn check_salary(min: Option<i64>, max: Option<i64>, errors: &mut Vec<FieldError>) {
    for (field, value) in [("salary_min_cents", min), ("salary_max_cents", max)] {
        match value {
            Some(v) if v < 0 => errors.push(FieldError::new(field, "must be zero or more")),
            Some(v) if v > i64::from(i32::MAX) => {
                errors.push(FieldError::new(field, format!("must be at most {}", i32::MAX)))
            }
            _ => {}
        }
    }
    if let (Some(min), Some(max)) = (min, max)
        && min > max
    {
        errors.push(FieldError::new("salary_min_cents", "must not exceed salary_max_cents"));
    }
}

/// Line breaks and tabs are text; other control characters (NUL above all) are not.
pub fn has_control_characters(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// Optional free text as a person typed it: trimmed, blank as none, checked for control
/// characters (line breaks and tabs are text) and length, each problem reported under `field`.
pub fn clean_text(value: Option<String>, field: &str, max: usize, errors: &mut Vec<FieldError>) -> Option<String> {
    let text = value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())?;
    if has_control_characters(&text) {
        errors.push(FieldError::new(field, "must not contain control characters"));
    }
    if text.chars().count() > max {
        errors.push(FieldError::new(field, format!("must be at most {max} characters")));
    }
    Some(text)
}

fn clean_list(values: Vec<String>, field: &str, errors: &mut Vec<FieldError>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let cleaned: Vec<String> = values
        .into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty() && seen.insert(v.to_lowercase()))
        .collect();
    if cleaned.len() > MAX_LIST_ITEMS {
        errors.push(FieldError::new(field, format!("must have at most {MAX_LIST_ITEMS} entries")));
    }
    if cleaned.iter().any(|v| v.chars().any(char::is_control)) {
        errors.push(FieldError::new(field, "entries must not contain control characters"));
    }
    if cleaned.iter().any(|v| v.chars().count() > MAX_SHORT_TEXT) {
        errors.push(FieldError::new(field, format!("entries must be at most {MAX_SHORT_TEXT} characters")));
    }
    cleaned
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().filter_map(|e| e.field.as_deref()).collect()
    }

    #[test]
    fn lists_are_trimmed_and_deduplicated_case_insensitively() {
        let input = ProfileFields { skills: vec![" Rust ".into(), "rust".into(), "".into(), "SQL".into()], ..Default::default() };
        assert_eq!(input.validated().expect("valid").skills, vec!["Rust", "SQL"]);
    }

    #[test]
    fn every_broken_rule_is_reported_with_its_field() {
        let input = ProfileFields {
            salary_min_cents: Some(-1),
            salary_max_cents: Some(-5),
            years_experience: Some(200),
            job_preferences: JobPreferences { timezone: Some("Mars/Olympus".into()), ..Default::default() },
            ..Default::default()
        };
        let errors = input.validated().expect_err("invalid");
        let named = fields(&errors);
        for field in ["salary_min_cents", "salary_max_cents", "years_experience", "job_preferences.timezone"] {
            assert!(named.contains(&field), "{field} missing from {named:?}");
        }
    }

    #[test]
    fn a_salary_range_upside_down_is_refused() {
        let input = ProfileFields { salary_min_cents: Some(900_000), salary_max_cents: Some(500_000), ..Default::default() };
        assert_eq!(fields(&input.validated().expect_err("invalid")), vec!["salary_min_cents"]);
    }

    #[test]
    fn a_real_time_zone_is_accepted() {
        let input = ProfileFields {
            job_preferences: JobPreferences { timezone: Some("America/Toronto".into()), ..Default::default() },
            ..Default::default()
        };
        assert!(input.validated().is_ok());
    }
}
