//! What one line looks like on its own: a contact detail, a location, a link, a label. Shared by
//! the PDF layout (to tell a date gutter from a column) and the section readers.

use std::sync::LazyLock;

use regex::Regex;

use super::dates;
use super::headings;

pub static EMAIL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?i)\b[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}\b").expect("compiles"));
/// Phone numbers: an optional +country, then 7–15 digits in groups, brackets allowed.
pub static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{5,}\d").expect("compiles"));
pub static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?://[^\s,;|]+|www\.[^\s,;|]+|(?:linkedin\.com|github\.com|gitlab\.com|twitter\.com|x\.com|behance\.net|dribbble\.com|medium\.com|stackoverflow\.com)/[^\s,;|]*)").expect("compiles")
});
/// "City, ST", "City, ST 12345", "City, Country".
static LOCATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,3}),\s*(?P<region>[A-Z][\p{L}.'-]*(?:\s+[A-Z][\p{L}.'-]*){0,2})(?:\s+\d{4,6}(?:-\d{4})?)?$").expect("compiles")
});

const US_STATES: &[&str] = &["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY"];
const REGIONS: &[&str] = &[
    "usa", "us", "united states", "uk", "united kingdom", "england", "scotland", "wales", "ireland", "canada", "australia", "new zealand", "germany", "france", "spain", "italy", "portugal", "netherlands", "belgium", "switzerland", "austria", "sweden", "norway", "denmark", "finland", "poland", "czech republic", "czechia", "hungary", "romania", "greece", "turkey", "india", "china", "japan", "singapore", "malaysia", "indonesia", "philippines", "vietnam", "thailand", "south korea", "korea", "brazil", "mexico", "argentina", "chile", "colombia", "peru", "south africa", "nigeria", "kenya", "egypt", "israel", "uae", "united arab emirates", "saudi arabia", "pakistan", "bangladesh", "ukraine", "russia", "luxembourg", "estonia", "latvia", "lithuania",
    "ontario", "quebec", "british columbia", "alberta", "california", "texas", "new york", "florida", "washington", "illinois", "massachusetts", "bavaria", "remote",
];

pub fn is_location(text: &str) -> bool {
    let t = text.trim();
    if t.eq_ignore_ascii_case("remote") || t.len() > 60 {
        return t.eq_ignore_ascii_case("remote");
    }
    LOCATION.captures(t).is_some_and(|c| {
        let region = &c["region"];
        US_STATES.contains(&region) || REGIONS.contains(&region.to_lowercase().as_str())
    })
}

pub fn is_link(text: &str) -> bool {
    URL.find(text.trim()).is_some_and(|m| m.as_str().len() + 3 >= text.trim().len())
}

/// The line is one contact detail and nothing else (an email, a phone, a link).
pub fn is_contact_detail(text: &str) -> bool {
    let t = text.trim();
    let whole = |m: Option<regex::Match>| m.is_some_and(|m| m.as_str().len() + 8 >= t.len());
    whole(EMAIL.find(t)) || is_link(t) || (whole(PHONE.find(t)) && PHONE.find(t).is_some_and(|m| digit_count(m.as_str()) >= 7))
}

pub fn digit_count(s: &str) -> usize {
    s.chars().filter(char::is_ascii_digit).count()
}

/// A label a layout puts in a gutter or beside a header: a date, a place, a contact detail or a
/// section heading. A column made only of these is not a column of text.
pub fn is_label(text: &str) -> bool {
    dates::is_date_only(text) || is_location(text) || is_contact_detail(text) || headings::kind_of(text).is_some()
}

/// Starts with a list marker ("•", "-", "*", "▪", "–"…).
pub fn strip_bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let first = t.chars().next()?;
    let markers = ['•', '●', '○', '◦', '▪', '■', '□', '‣', '∙', '·', '-', '*', '–', '—', '►', '▶', '➢', '✓', '✔', '\u{F0B7}', '\u{F0A7}'];
    if markers.contains(&first) {
        let rest = t[first.len_utf8()..].trim_start();
        return (!rest.is_empty()).then_some(rest);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_city_and_region_never_a_role_and_company() {
        assert!(is_location("San Francisco, CA"));
        assert!(is_location("Pleasantville, CA 94588"));
        assert!(is_location("Leeds, United Kingdom"));
        assert!(!is_location("Staff Nurse, Leeds General"));
        assert!(!is_location("Accountant, Deloitte"));
    }

    #[test]
    fn a_contact_detail_is_the_whole_line_not_a_number_in_a_sentence() {
        assert!(is_contact_detail("(555) 123-4567"));
        assert!(is_contact_detail("+44 20 7946 0958"));
        assert!(is_contact_detail("jane@example.org"));
        assert!(!is_contact_detail("Handled 1200-1500 calls a week for 300 clients"));
    }
}
