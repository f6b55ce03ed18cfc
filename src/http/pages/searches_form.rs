//! The saved-search form as typed (comma-separated lists, pay in whole units) and its conversion
//! to and from a saved search.

use serde::Deserialize;

use super::form::FormErrors;
use super::settings_form::{format_money, join, optional, parse_money, split};
use crate::db::search_prefs::SavedSearch;
use crate::domain::search_filters::{SavedSearchInput, SearchFilters};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SearchForm {
    pub name: String,
    pub titles: String,
    pub skills: String,
    pub levels: String,
    pub geo: String,
    pub remote_only: Option<String>,
    pub salary_min: String,
    pub currency: String,
    pub exclude_companies: String,
    pub exclude_industries: String,
    pub needs_sponsorship: Option<String>,
    pub schedule_cron: String,
    pub timezone: String,
    pub enabled: Option<String>,
}

fn on(flag: bool) -> Option<String> {
    flag.then(|| "on".to_string())
}

impl SearchForm {
    /// A new search's form: every morning at 7, remote only, on.
    pub fn blank() -> SearchForm {
        SearchForm { schedule_cron: "0 7 * * *".into(), remote_only: on(true), enabled: on(true), ..Default::default() }
    }

    pub fn from_search(s: &SavedSearch) -> SearchForm {
        let f = &s.filters;
        SearchForm {
            name: s.name.clone(),
            titles: join(&f.titles),
            skills: join(&f.skills),
            levels: join(&f.levels),
            geo: join(&f.geo),
            remote_only: on(f.remote_only),
            salary_min: format_money(f.salary_min_cents),
            currency: f.currency.clone().unwrap_or_default(),
            exclude_companies: join(&f.exclude_companies),
            exclude_industries: join(&f.exclude_industries),
            needs_sponsorship: on(f.needs_sponsorship),
            schedule_cron: s.schedule_cron.clone(),
            timezone: s.timezone.clone(),
            enabled: on(s.enabled),
        }
    }

    /// The saved search the form describes; the amount is the one thing checked here (the
    /// rest is the domain's to check).
    pub fn to_input(&self) -> Result<SavedSearchInput, FormErrors> {
        let salary_min_cents = parse_money(&self.salary_min).map_err(|e| {
            let mut errors = FormErrors::default();
            errors.add("salary_min", e);
            errors
        })?;
        Ok(SavedSearchInput {
            name: self.name.clone(),
            filters: SearchFilters {
                titles: split(&self.titles),
                skills: split(&self.skills),
                levels: split(&self.levels),
                industries: Vec::new(),
                remote_only: self.remote_only.is_some(),
                geo: split(&self.geo),
                salary_min_cents,
                currency: optional(&self.currency),
                exclude_companies: split(&self.exclude_companies),
                exclude_industries: split(&self.exclude_industries),
                needs_sponsorship: self.needs_sponsorship.is_some(),
            },
            schedule_cron: self.schedule_cron.clone(),
            timezone: optional(&self.timezone),
            enabled: self.enabled.is_some(),
        })
    }
}

/// The form's name for a field the domain names by its stored path.
pub fn form_field(field: &str) -> &str {
    match field {
        "filters.salary_min_cents" => "salary_min",
        other => other.strip_prefix("filters.").unwrap_or(other),
    }
}
