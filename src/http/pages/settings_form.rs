//! The settings form: profile fields as the text a person types, and that text read back.

use serde::Deserialize;

use super::form::FormErrors;
use crate::domain::profile::{JobPreferences, ProfileFields};

/// Exactly what the form posts; every input is text so it can be shown back as typed.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct SettingsInput {
    pub headline: String,
    pub summary: String,
    pub skills: String,
    pub years_experience: String,
    pub locations: String,
    pub work_auth: String,
    pub salary_min: String,
    pub salary_max: String,
    /// An unticked checkbox sends nothing, so presence is the value.
    pub remote_only: Option<String>,
    pub timezone: String,
    pub levels: String,
    pub functions: String,
    pub industries: String,
}

pub(super) fn join(items: &[String]) -> String {
    items.join(", ")
}

pub(super) fn split(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|item| !item.is_empty()).map(String::from).collect()
}

pub(super) fn optional(text: &str) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

/// Whole units when the amount is whole (the usual case); cents only when the API set them,
/// so saving the page never rounds an amount away.
pub(super) fn format_money(cents: Option<i64>) -> String {
    match cents {
        None => String::new(),
        Some(c) if c % 100 == 0 => (c / 100).to_string(),
        Some(c) => format!("{}.{:02}", c / 100, c % 100),
    }
}

/// "85000", "85,000" or "85000.50" to cents.
pub(super) fn parse_money(text: &str) -> Result<Option<i64>, &'static str> {
    let cleaned: String = text.chars().filter(|c| !c.is_whitespace() && *c != ',' && *c != '_').collect();
    if cleaned.is_empty() {
        return Ok(None);
    }
    let invalid = "must be an amount in whole currency units, like 85000";
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > 2 {
        return Err(invalid);
    }
    let too_big = "must be at most 21474836";
    let whole: i64 = whole.parse().map_err(|_| too_big)?;
    let fraction: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let cents = whole.checked_mul(100).and_then(|c| c.checked_add(fraction)).ok_or(too_big)?;
    if cents > i64::from(i32::MAX) { Err(too_big) } else { Ok(Some(cents)) }
}

impl SettingsInput {
    pub fn from_profile(fields: &ProfileFields) -> Self {
        let prefs = &fields.job_preferences;
        Self {
            headline: fields.headline.clone().unwrap_or_default(),
            summary: fields.summary.clone().unwrap_or_default(),
            skills: join(&fields.skills),
            years_experience: fields.years_experience.map(|y| y.to_string()).unwrap_or_default(),
            locations: join(&fields.locations),
            work_auth: fields.work_auth.clone().unwrap_or_default(),
            salary_min: format_money(fields.salary_min_cents),
            salary_max: format_money(fields.salary_max_cents),
            remote_only: fields.remote_only.then(|| "on".to_string()),
            timezone: prefs.timezone.clone().unwrap_or_default(),
            levels: join(&prefs.levels),
            functions: join(&prefs.functions),
            industries: join(&prefs.industries),
        }
    }

    /// The profile this input describes; numbers that are not numbers are reported here,
    /// every other rule by the domain when the service validates it.
    pub fn to_fields(&self) -> Result<ProfileFields, FormErrors> {
        let mut errors = FormErrors::default();
        let years_experience = match self.years_experience.trim() {
            "" => None,
            text => text.parse().map_err(|_| errors.add("years_experience", "must be a whole number of years")).ok(),
        };
        let mut money = |field: &str, text: &str| parse_money(text).unwrap_or_else(|e| {
            errors.add(field, e);
            None
        });
        let salary_min_cents = money("salary_min", &self.salary_min);
        let salary_max_cents = money("salary_max", &self.salary_max);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ProfileFields {
            headline: optional(&self.headline),
            summary: optional(&self.summary),
            skills: split(&self.skills),
            years_experience,
            locations: split(&self.locations),
            work_auth: optional(&self.work_auth),
            salary_min_cents,
            salary_max_cents,
            remote_only: self.remote_only.is_some(),
            job_preferences: JobPreferences {
                levels: split(&self.levels),
                functions: split(&self.functions),
                industries: split(&self.industries),
                timezone: optional(&self.timezone),
            },
        })
    }
}

/// The form's name for a field the domain names by its stored path.
pub fn form_field(field: &str) -> &str {
    match field {
        "salary_min_cents" => "salary_min",
        "salary_max_cents" => "salary_max",
        other => other.strip_prefix("job_preferences.").unwrap_or(other),
    }
}

/// The domain's messages name stored columns; the page names what the person typed.
pub fn form_message(detail: &str) -> String {
    detail.replace("salary_max_cents", "the maximum salary").replace("salary_min_cents", "the minimum salary")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_in_whole_units_and_stored_in_cents() {
        assert_eq!(parse_money("85,000"), Ok(Some(8_500_000)));
        assert_eq!(parse_money(" 85000.5 "), Ok(Some(8_500_050)));
        assert_eq!(parse_money(""), Ok(None));
        for bad in ["-5", "12k", "1.234", ".5", "99999999999999999999"] {
            assert!(parse_money(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_amount_round_trips_through_the_form_unchanged() {
        for cents in [0, 8_500_000, 12_345] {
            assert_eq!(parse_money(&format_money(Some(cents))), Ok(Some(cents)));
        }
    }
}
