//! A saved search (§3.13): its filters (§5.3), its cron schedule in the user's time zone, and
//! the rules they must satisfy.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use croner::Cron;
use croner::parser::{CronParser, Seconds, Year};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::profile::has_control_characters;
use crate::error::FieldError;

/// What a saved search looks for. Unknown keys are refused, so a typo never silently widens
/// a search. `remote_only`, `geo`, `salary_min_cents`, `exclude_*` and `needs_sponsorship` are
/// deal-breakers; titles, skills and levels score (docs/matching.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct SearchFilters {
    #[schema(example = json!(["Customer Success Manager"]))]
    pub titles: Vec<String>,
    pub skills: Vec<String>,
    /// Seniority: "Intern", "Junior", "IC", "Senior", "Staff", "Lead", "Director", "Executive".
    pub levels: Vec<String>,
    /// Industries the user prefers (shown, not yet scored: few postings state one).
    pub industries: Vec<String>,
    pub remote_only: bool,
    /// Places the user will work in ("US", "Canada", "Berlin"); empty means anywhere.
    pub geo: Vec<String>,
    /// The lowest yearly pay, in cents of `currency`; a posting stating less is left out.
    pub salary_min_cents: Option<i64>,
    /// ISO 4217 currency of `salary_min_cents` (default USD).
    pub currency: Option<String>,
    pub exclude_companies: Vec<String>,
    pub exclude_industries: Vec<String>,
    /// Leave out postings that say they sponsor no work visa.
    pub needs_sponsorship: bool,
}

/// A saved search as a user writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SavedSearchInput {
    #[schema(example = "Remote backend roles")]
    pub name: String,
    #[serde(default)]
    pub filters: SearchFilters,
    /// Five-field cron, evaluated in `timezone` ("0 7 * * 1-5": weekdays at 7:00).
    #[serde(default = "default_cron")]
    #[schema(example = "0 7 * * *")]
    pub schedule_cron: String,
    /// IANA time zone; default the profile's, else UTC.
    #[serde(default)]
    #[schema(example = "America/Toronto")]
    pub timezone: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn default_cron() -> String {
    "0 7 * * *".into()
}

fn yes() -> bool {
    true
}

const MAX_NAME: usize = 100;
const MAX_LIST: usize = 50;
const MAX_ENTRY: usize = 200;

impl SavedSearchInput {
    /// Trims the input and checks every rule, reporting every problem with its field.
    pub fn validated(mut self, profile_timezone: Option<&str>) -> Result<SavedSearchInput, Vec<FieldError>> {
        let mut errors = Vec::new();
        self.name = self.name.trim().to_string();
        if self.name.is_empty() || self.name.chars().count() > MAX_NAME || has_control_characters(&self.name) {
            errors.push(FieldError::new("name", format!("must be 1 to {MAX_NAME} characters of text")));
        }
        self.schedule_cron = self.schedule_cron.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Err(reason) = parse_cron(&self.schedule_cron) {
            errors.push(FieldError::new("schedule_cron", reason));
        }
        let zone = self.timezone.take().map(|z| z.trim().to_string()).filter(|z| !z.is_empty());
        let zone = zone.or_else(|| profile_timezone.map(str::to_string)).unwrap_or_else(|| "UTC".into());
        if zone.parse::<Tz>().is_err() {
            errors.push(FieldError::new("timezone", format!("'{zone}' is not an IANA time zone such as Europe/Berlin")));
        }
        self.timezone = Some(zone);
        self.filters = clean_filters(self.filters, &mut errors);
        if errors.is_empty() { Ok(self) } else { Err(errors) }
    }

    /// The time zone, once validated.
    pub fn zone(&self) -> &str {
        self.timezone.as_deref().unwrap_or("UTC")
    }
}

fn clean_filters(mut f: SearchFilters, errors: &mut Vec<FieldError>) -> SearchFilters {
    for (name, list) in [
        ("titles", &mut f.titles),
        ("skills", &mut f.skills),
        ("levels", &mut f.levels),
        ("industries", &mut f.industries),
        ("geo", &mut f.geo),
        ("exclude_companies", &mut f.exclude_companies),
        ("exclude_industries", &mut f.exclude_industries),
    ] {
        let mut seen = std::collections::HashSet::new();
        list.retain_mut(|v| {
            *v = v.trim().to_string();
            !v.is_empty() && seen.insert(v.to_lowercase())
        });
        if list.len() > MAX_LIST {
            errors.push(FieldError::new(format!("filters.{name}"), format!("must have at most {MAX_LIST} entries")));
        }
        if list.iter().any(|v| v.chars().count() > MAX_ENTRY || has_control_characters(v)) {
            errors.push(FieldError::new(
                format!("filters.{name}"),
                format!("entries must be at most {MAX_ENTRY} characters of text"),
            ));
        }
    }
    if let Some(level) = f.levels.iter().find(|l| crate::domain::fit::seniority::Level::from_label(l).is_none()) {
        errors.push(FieldError::new(
            "filters.levels",
            format!("'{level}' is not a level: use Intern, Junior, IC, Senior, Staff, Lead, Director or Executive"),
        ));
    }
    match f.salary_min_cents {
        Some(v) if v < 0 => errors.push(FieldError::new("filters.salary_min_cents", "must be zero or more")),
        Some(v) if v > i64::from(i32::MAX) => {
            errors.push(FieldError::new("filters.salary_min_cents", format!("must be at most {}", i32::MAX)))
        }
        _ => {}
    }
    f.currency = f.currency.map(|c| c.trim().to_uppercase()).filter(|c| !c.is_empty());
    if let Some(c) = &f.currency
        && !(c.len() == 3 && c.chars().all(|ch| ch.is_ascii_uppercase()))
    {
        errors.push(FieldError::new("filters.currency", "must be a three-letter ISO 4217 code such as USD"));
    }
    f
}

/// Parses a five-field cron schedule; the error is the parser's reason, for the user to read.
pub fn parse_cron(pattern: &str) -> Result<Cron, String> {
    let parser = CronParser::builder().seconds(Seconds::Disallowed).year(Year::Disallowed).build();
    let cron = parser.parse(pattern).map_err(|e| format!("'{pattern}' is not a valid cron schedule: {e}"))?;
    cron.find_next_occurrence(&Utc::now(), false).map_err(|e| format!("'{pattern}' never fires: {e}"))?;
    Ok(cron)
}

/// The first time after `after` that `pattern` fires on the wall clock of `zone`, in UTC.
/// Wall-clock times that a DST change skips or repeats are the parser's business: croner fires
/// a skipped time once, right after the jump, and a repeated time once (tested below).
pub fn next_run(pattern: &str, zone: &str, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let cron = parse_cron(pattern).ok()?;
    let zone: Tz = zone.parse().ok()?;
    let local = after.with_timezone(&zone);
    cron.find_next_occurrence(&local, false).ok().map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn input(cron: &str, zone: Option<&str>) -> SavedSearchInput {
        SavedSearchInput {
            name: " Remote Rust ".into(),
            filters: SearchFilters::default(),
            schedule_cron: cron.into(),
            timezone: zone.map(str::to_string),
            enabled: true,
        }
    }

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).single().expect("valid time")
    }

    #[test]
    fn a_bad_cron_and_an_unknown_zone_name_their_fields() {
        let errors = input("61 * * * *", Some("Mars/Olympus")).validated(None).expect_err("invalid");
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, vec!["schedule_cron", "timezone"]);
        assert!(errors[0].detail.contains("61 * * * *"), "{}", errors[0].detail);
    }

    #[test]
    fn the_zone_defaults_to_the_profiles_then_utc() {
        assert_eq!(input("0 7 * * *", None).validated(Some("Europe/Berlin")).expect("valid").zone(), "Europe/Berlin");
        assert_eq!(input("0 7 * * *", None).validated(None).expect("valid").zone(), "UTC");
    }

    #[test]
    fn a_negative_floor_and_an_unknown_level_are_refused() {
        let mut bad = input("0 7 * * *", None);
        bad.filters.salary_min_cents = Some(-1);
        bad.filters.levels = vec!["Wizard".into()];
        let errors = bad.validated(None).expect_err("invalid");
        let fields: Vec<_> = errors.iter().filter_map(|e| e.field.as_deref()).collect();
        assert_eq!(fields, vec!["filters.levels", "filters.salary_min_cents"]);
    }

    #[test]
    fn unknown_filter_keys_are_refused() {
        let parsed = serde_json::from_value::<SearchFilters>(serde_json::json!({ "remote": true }));
        assert!(parsed.is_err());
    }

    #[test]
    fn seven_in_the_morning_follows_the_wall_clock_across_dst() {
        // Toronto: UTC-5 in winter, UTC-4 from 8 March 2026.
        assert_eq!(next_run("0 7 * * *", "America/Toronto", utc(2026, 3, 7, 13, 0)), Some(utc(2026, 3, 8, 11, 0)));
        assert_eq!(next_run("0 7 * * *", "America/Toronto", utc(2026, 3, 6, 13, 0)), Some(utc(2026, 3, 7, 12, 0)));
        // Back to UTC-5 on 1 November 2026.
        assert_eq!(next_run("0 7 * * *", "America/Toronto", utc(2026, 10, 31, 12, 0)), Some(utc(2026, 11, 1, 12, 0)));
    }

    #[test]
    fn a_time_skipped_or_repeated_by_dst_fires_once() {
        // 02:30 does not exist in Toronto on 8 March 2026; it fires once that day.
        let skipped = next_run("30 2 * * *", "America/Toronto", utc(2026, 3, 8, 5, 0)).expect("fires");
        assert_eq!(skipped.date_naive(), chrono::NaiveDate::from_ymd_opt(2026, 3, 8).expect("date"));
        let after = next_run("30 2 * * *", "America/Toronto", skipped).expect("fires");
        assert_eq!(after.date_naive(), chrono::NaiveDate::from_ymd_opt(2026, 3, 9).expect("date"));
        // 01:30 happens twice on 1 November 2026; the second is not another run.
        let first = next_run("30 1 * * *", "America/Toronto", utc(2026, 11, 1, 4, 0)).expect("fires");
        let second = next_run("30 1 * * *", "America/Toronto", first).expect("fires");
        assert!((second - first).num_hours() >= 23, "{first} then {second}");
    }
}
