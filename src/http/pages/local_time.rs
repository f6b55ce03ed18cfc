//! Times as a person reads and types them: on their own wall clock (the profile's time zone),
//! never in UTC or the server's zone.

use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A time to read, e.g. "Tue 8 Dec 2026, 14:00 NZDT".
pub fn show(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%a %-d %b %Y, %H:%M %Z").to_string()
}

/// The value of a `datetime-local` input showing `at`.
pub fn input_value(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%dT%H:%M").to_string()
}

/// Whole days from `since` to `now` (0 on the first day).
pub fn days_between(since: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (now - since).num_days().max(0)
}

/// A `datetime-local` value read on the user's wall clock. A time the clocks skip (spring
/// forward) is refused with the reason; a time that happens twice (fall back) is the first.
pub fn parse(value: &str, zone: Tz) -> Result<DateTime<Utc>, String> {
    let value = value.trim();
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .map_err(|_| "must be a date and time like 2026-12-08T14:30".to_string())?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(format!("{value} does not exist in {zone}: the clocks skip it")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_times_are_read_on_the_users_wall_clock() {
        let auckland: Tz = "Pacific/Auckland".parse().expect("zone");
        let at = parse("2026-12-08T09:00", auckland).expect("time");
        assert_eq!(at.to_rfc3339(), "2026-12-07T20:00:00+00:00", "NZDT is UTC+13");
        assert_eq!(input_value(at, auckland), "2026-12-08T09:00");
        assert_eq!(show(at, auckland), "Tue 8 Dec 2026, 09:00 NZDT");
    }

    #[test]
    fn a_skipped_time_is_refused_and_a_repeated_one_is_the_first() {
        let new_york: Tz = "America/New_York".parse().expect("zone");
        let gap = parse("2026-03-08T02:30", new_york).expect_err("02:30 does not happen that night");
        assert!(gap.contains("skip"), "{gap}");
        let twice = parse("2026-11-01T01:30", new_york).expect("happens twice");
        assert_eq!(twice.to_rfc3339(), "2026-11-01T05:30:00+00:00", "the first 01:30 is EDT (UTC-4)");
    }

    #[test]
    fn anything_else_is_refused_with_the_expected_shape() {
        for bad in ["", "tomorrow", "2026-13-01T10:00", "2026-12-08 10:00pm"] {
            assert!(parse(bad, Tz::UTC).is_err(), "{bad:?}");
        }
    }
}
