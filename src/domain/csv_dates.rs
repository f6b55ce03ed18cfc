//! CSV import: the date formats spreadsheets and trackers write. A date without a time is
//! stored at noon UTC, so it stays the same calendar day on every clock from UTC−11 to UTC+11.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// How to read a date whose day and month are both numbers (03/05/2024).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// Month first, as US spreadsheets write it (the default).
    #[default]
    Mdy,
    /// Day first, as most of Europe writes it.
    Dmy,
}

impl DateOrder {
    /// Reads `mdy` or `dmy` (any case).
    pub fn parse(text: &str) -> Option<DateOrder> {
        match text.trim().to_ascii_lowercase().as_str() {
            "mdy" => Some(DateOrder::Mdy),
            "dmy" => Some(DateOrder::Dmy),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            DateOrder::Mdy => "mdy",
            DateOrder::Dmy => "dmy",
        }
    }
}

/// Date-and-time forms without a zone, read as UTC.
const NAIVE_DATETIMES: [&str; 4] = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"];
/// Date forms whose order does not depend on [`DateOrder`] (`%b` is "Mar", `%B` "March").
const FIXED_DATES: [&str; 9] =
    ["%Y-%m-%d", "%Y/%m/%d", "%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%b %d %Y", "%B %d %Y", "%d-%b-%Y"];

/// Reads a date or date-time cell. A date alone is noon UTC that day; a time without a zone is
/// UTC; anything else (a two-digit year, 13/13/2024, "soon") is an error saying what is read.
pub fn parse(text: &str, order: DateOrder) -> Result<DateTime<Utc>, String> {
    let text = text.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        return Ok(at.with_timezone(&Utc));
    }
    if let Some(at) = NAIVE_DATETIMES.iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok()) {
        return Ok(at.and_utc());
    }
    let numeric = match order {
        DateOrder::Mdy => ["%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y"],
        DateOrder::Dmy => ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"],
    };
    let date = FIXED_DATES.iter().chain(numeric.iter()).find_map(|f| NaiveDate::parse_from_str(text, f).ok());
    // chrono reads "%Y" as any number of digits: a year of 24 or 20245 is a typo, not a date.
    match date.filter(|d| (1970..=2100).contains(&chrono::Datelike::year(d))) {
        Some(date) => Ok(date.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()).and_utc()),
        None => Err(format!(
            "date \"{text}\" is not a date read here; use 2024-03-05, {}, 5 Mar 2024 or March 5, 2024",
            match order {
                DateOrder::Mdy => "03/05/2024 (month first; set date order to dmy for day first)",
                DateOrder::Dmy => "05/03/2024 (day first)",
            }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noon(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        NaiveDate::from_ymd_opt(y, m, d).expect("date").and_hms_opt(12, 0, 0).expect("time").and_utc()
    }

    #[test]
    fn every_documented_date_form_is_noon_utc_that_day() {
        for text in ["2024-03-05", "2024/03/05", "03/05/2024", "3/5/2024", "5 Mar 2024", "5 March 2024", "March 5, 2024", "Mar 5, 2024", "Mar 5 2024", "05-Mar-2024"] {
            assert_eq!(parse(text, DateOrder::Mdy), Ok(noon(2024, 3, 5)), "{text}");
        }
        assert_eq!(parse("05/03/2024", DateOrder::Dmy), Ok(noon(2024, 3, 5)));
        assert_eq!(parse("05.03.2024", DateOrder::Dmy), Ok(noon(2024, 3, 5)));
    }

    #[test]
    fn date_times_keep_their_time_and_zone() {
        let expected = noon(2024, 3, 5) + chrono::Duration::minutes(90);
        assert_eq!(parse("2024-03-05T13:30:00Z", DateOrder::Mdy), Ok(expected));
        assert_eq!(parse("2024-03-05T14:30:00+01:00", DateOrder::Mdy), Ok(expected));
        assert_eq!(parse("2024-03-05 13:30", DateOrder::Mdy), Ok(expected));
        assert_eq!(parse("2024-03-05 13:30:00.25", DateOrder::Mdy), Ok(expected + chrono::Duration::milliseconds(250)));
    }

    #[test]
    fn impossible_or_unreadable_dates_are_errors() {
        for text in ["13/05/2024", "2024-02-30", "soon", "3/5/24", "", "05/03/20245"] {
            let error = parse(text, DateOrder::Mdy).expect_err(text);
            assert!(error.contains("is not a date"), "{error}");
        }
        assert!(parse("05/13/2024", DateOrder::Dmy).is_err());
    }

    #[test]
    fn the_day_first_order_only_changes_numeric_dates() {
        assert_eq!(parse("2024-03-05", DateOrder::Dmy), Ok(noon(2024, 3, 5)));
        assert_eq!(parse("03/05/2024", DateOrder::Dmy), Ok(noon(2024, 5, 3)));
        assert_eq!(DateOrder::parse(" DMY"), Some(DateOrder::Dmy));
        assert_eq!(DateOrder::parse("ymd"), None);
    }
}
