//! Whether a posting's location lies in one of the places a user will work: whole words, with
//! the usual names of the countries job boards abbreviate most (US states, Canadian provinces).

/// Other names a place goes by in a job board's location field. US state codes are matched only
/// in upper case after a comma ("Austin, TX"), where they cannot be ordinary words.
const COUNTRIES: &[(&[&str], &[&str], &[&str])] = &[
    (
        &["us", "usa", "united states", "united states of america", "america"],
        &["united states", "usa", "u.s.", "u.s.a.", "us", "america"],
        &[
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
            "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC",
            "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
        ],
    ),
    (
        &["canada", "ca"],
        &[
            "canada", "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan",
            "nova scotia", "new brunswick", "toronto", "vancouver", "montreal", "calgary", "ottawa",
        ],
        &["ON", "QC", "BC", "AB", "MB", "SK", "NS", "NB"],
    ),
    (
        &["uk", "united kingdom", "gb", "great britain", "britain"],
        &["united kingdom", "uk", "u.k.", "great britain", "england", "scotland", "wales", "london"],
        &[],
    ),
];

/// Whether `location` names one of `wanted` places. An unknown location is never a mismatch:
/// the posting did not say, and the user is better shown it than silently denied it.
pub fn location_matches(wanted: &[String], location: Option<&str>) -> bool {
    let Some(location) = location.map(str::trim).filter(|l| !l.is_empty()) else {
        return true;
    };
    wanted.is_empty() || wanted.iter().any(|place| names_place(location, place))
}

fn names_place(location: &str, place: &str) -> bool {
    let place = place.trim().to_lowercase();
    if place.is_empty() {
        return false;
    }
    let lower = location.to_lowercase();
    if contains_word(&lower, &place) {
        return true;
    }
    COUNTRIES.iter().filter(|(names, _, _)| names.contains(&place.as_str())).any(|(_, aliases, codes)| {
        aliases.iter().any(|alias| contains_word(&lower, alias)) || codes.iter().any(|code| after_comma(location, code))
    })
}

/// `needle` in `haystack` as whole words (not "us" in "business").
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// A region code as its own comma-separated part: "Austin, TX" or "Toronto, ON, Canada".
fn after_comma(location: &str, code: &str) -> bool {
    location.split([',', ';', '|', '/']).skip(1).any(|part| part.trim() == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn places(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn countries_match_their_cities_states_and_spellings() {
        assert!(location_matches(&places(&["US"]), Some("Austin, TX")));
        assert!(location_matches(&places(&["US"]), Some("Remote - United States")));
        assert!(location_matches(&places(&["Canada"]), Some("Toronto, ON")));
        assert!(location_matches(&places(&["UK"]), Some("London, England")));
        assert!(location_matches(&places(&["Berlin"]), Some("Berlin, Germany")));
    }

    #[test]
    fn other_places_and_words_inside_words_do_not_match() {
        assert!(!location_matches(&places(&["US"]), Some("Berlin, Germany")));
        assert!(!location_matches(&places(&["US"]), Some("Business Park, Dublin")));
        assert!(!location_matches(&places(&["Canada"]), Some("San Francisco, CA")));
        assert!(!location_matches(&places(&["Berlin"]), Some("Berlingen, Switzerland")));
    }

    #[test]
    fn an_unknown_location_or_no_wish_never_excludes() {
        assert!(location_matches(&places(&["US"]), None));
        assert!(location_matches(&places(&["US"]), Some("  ")));
        assert!(location_matches(&[], Some("Paris")));
    }
}
