//! Dates and date ranges as resumes write them ("January 2019 to Present", "Jan 2019 – Now",
//! "03/2018 – 06/2020", "2018–2021", "2018 - Current"), read into `YYYY-MM` or `YYYY`.

use std::sync::LazyLock;

use regex::Regex;

/// A job's or a school's span. `end: None` with `current` is "present".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: String,
    pub end: Option<String>,
    pub current: bool,
}

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?";
const NOW: &str = r"(?:present|current(?:ly)?|now|today|ongoing|to date|till date|date)";

/// One date: "Jan. 2019", "January 2019", "01/2019", "2019-01", "2019".
fn date_pattern() -> String {
    format!(r"(?:{MONTH},?\s+(?:19|20)\d\d|(?:0?[1-9]|1[0-2])\s*[/.]\s*(?:19|20)\d\d|(?:19|20)\d\d\s*[/.-]\s*(?:0[1-9]|1[0-2])\b|(?:19|20)\d\d)")
}

static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    let d = date_pattern();
    let pat = format!(r"(?i)(?:^|[^\w$£€.,])(?P<start>{d})\s*(?:-|–|—|−|to|until|till|through|thru|~)\s*(?P<end>{d}|{NOW})(?:$|[^\w%])");
    Regex::new(&pat).expect("the date range pattern compiles")
});
static SINCE: LazyLock<Regex> = LazyLock::new(|| {
    let d = date_pattern();
    Regex::new(&format!(r"(?i)(?:^|[^\w$£€.,])since\s+(?P<start>{d})(?:$|[^\w%])")).expect("the since pattern compiles")
});
static ONE: LazyLock<Regex> = LazyLock::new(|| {
    let d = date_pattern();
    Regex::new(&format!(r"(?i)(?:^|[^\w$£€.,])(?P<d>{d})(?:$|[^\w%])")).expect("the date pattern compiles")
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(&format!(r"(?i)^(?P<m>{MONTH}),?\s+(?P<y>\d{{4}})$")).expect("compiles"));
static NUM_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?P<m>\d{1,2})\s*[/.]\s*(?P<y>\d{4})$").expect("compiles"));
static YEAR_NUM_MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?P<y>\d{4})\s*[/.-]\s*(?P<m>\d{1,2})$").expect("compiles"));

/// The first date range in `text`, with the byte range it covers.
pub fn find_range(text: &str) -> Option<(Span, std::ops::Range<usize>)> {
    for caps in RANGE.captures_iter(text) {
        let (start, end) = (caps.name("start")?, caps.name("end")?);
        let Some(s) = normalize(start.as_str()) else { continue };
        let end_text = end.as_str().trim();
        let (end_value, current) = match normalize(end_text) {
            Some(e) => (Some(e), false),
            None => (None, true),
        };
        // A range that runs backwards is not a span of time ("2020-2019" is a typo or a number).
        if let Some(e) = &end_value
            && e[..4] < s[..4]
        {
            continue;
        }
        return Some((Span { start: s, end: end_value, current }, start.start()..end.end()));
    }
    // "Since March 2019" is a span that runs to now.
    let caps = SINCE.captures(text)?;
    let start = caps.name("start")?;
    let whole = caps.get(0)?;
    let from = whole.start() + whole.as_str().to_lowercase().find("since")?;
    Some((Span { start: normalize(start.as_str())?, end: None, current: true }, from..start.end()))
}

/// A single date on its own ("2020", "May 2016"), for certificates and graduation years.
pub fn find_single(text: &str) -> Option<(String, std::ops::Range<usize>)> {
    let caps = ONE.captures(text)?;
    let d = caps.name("d")?;
    Some((normalize(d.as_str())?, d.range()))
}

/// True when `text` is nothing but a date or a date range (with separators and a label at most).
pub fn is_date_only(text: &str) -> bool {
    let rest = match find_range(text) {
        Some((_, r)) => format!("{}{}", &text[..r.start], &text[r.end..]),
        None => match find_single(text) {
            Some((_, r)) => format!("{}{}", &text[..r.start], &text[r.end..]),
            None => return false,
        },
    };
    rest.chars().filter(|c| c.is_alphanumeric()).count() <= 2
}

/// One date into `YYYY-MM` or `YYYY`; `None` for "present" and anything out of range.
pub fn normalize(raw: &str) -> Option<String> {
    let t = raw.trim().trim_end_matches('.');
    let year_ok = |y: &str| y.parse::<u32>().is_ok_and(|y| (1950..=2100).contains(&y));
    if let Some(c) = MONTH_YEAR.captures(t) {
        let m = month_number(&c["m"])?;
        return year_ok(&c["y"]).then(|| format!("{}-{m:02}", &c["y"]));
    }
    for re in [&*NUM_MONTH_YEAR, &*YEAR_NUM_MONTH] {
        if let Some(c) = re.captures(t) {
            let m: u32 = c["m"].parse().ok()?;
            return ((1..=12).contains(&m) && year_ok(&c["y"])).then(|| format!("{}-{m:02}", &c["y"]));
        }
    }
    (t.len() == 4 && year_ok(t)).then(|| t.to_string())
}

fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| n.starts_with(m)).map(|i| i as u32 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(text: &str) -> Option<Span> {
        find_range(text).map(|(s, _)| s)
    }

    #[test]
    fn the_common_range_forms_read_as_months_or_years() {
        let s = span("January 2019 to Present").expect("range");
        assert_eq!((s.start.as_str(), s.end, s.current), ("2019-01", None, true));
        assert_eq!(span("Jan 2019 – Dec 2020").map(|s| (s.start, s.end)), Some(("2019-01".into(), Some("2020-12".into()))));
        assert_eq!(span("03/2018 – 06/2020").map(|s| (s.start, s.end)), Some(("2018-03".into(), Some("2020-06".into()))));
        assert_eq!(span("2018–Now").map(|s| (s.start, s.current)), Some(("2018".into(), true)));
        assert_eq!(span("2019 - 2021").map(|s| s.end), Some(Some("2021".into())));
        assert_eq!(span("Sept. 2015 - Aug. 2017").map(|s| s.start), Some("2015-09".into()));
        assert_eq!(span("Since March 2019").map(|s| (s.start, s.current)), Some(("2019-03".into(), true)));
    }

    #[test]
    fn money_percentages_and_backward_spans_are_not_date_ranges() {
        assert_eq!(span("raised $2019-2020 in seed funding"), None);
        assert_eq!(span("cut costs 2010-2015% faster"), None);
        assert_eq!(span("ticket 2021-2019"), None);
        assert_eq!(span("grew revenue from 1.2M to 3.4M"), None);
    }

    #[test]
    fn a_line_that_is_only_a_date_is_told_from_a_sentence_with_a_year() {
        assert!(is_date_only("Jun 2016 - Dec 2018"));
        assert!(is_date_only("2020"));
        assert!(!is_date_only("Led the 2020 migration to the cloud"));
    }

    const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    proptest! {
        #[test]
        fn any_written_range_reads_back_to_the_same_months(y1 in 1960u32..2090, dy in 0u32..10, m1 in 1u32..=12, m2 in 1u32..=12,
                                                          style in 0usize..4, sep in prop::sample::select(vec![" - ", " – ", " to ", "—", " until "])) {
            let y2 = y1 + dy;
            prop_assume!(dy > 0 || m2 >= m1);
            let fmt = |y: u32, m: u32| match style {
                0 => format!("{} {y}", MONTHS[m as usize - 1]),
                1 => format!("{} {y}", &MONTHS[m as usize - 1][..3]),
                2 => format!("{m:02}/{y}"),
                _ => format!("{y}-{m:02}"),
            };
            let text = format!("{}{sep}{}", fmt(y1, m1), fmt(y2, m2));
            let s = span(&text).expect("a range");
            prop_assert_eq!(s.start, format!("{y1}-{m1:02}"));
            prop_assert_eq!(s.end, Some(format!("{y2}-{m2:02}")));
            prop_assert!(!s.current);
        }

        #[test]
        fn any_year_to_present_is_current(y in 1960u32..2090, now in prop::sample::select(vec!["Present", "present", "Now", "Current", "today"])) {
            let s = span(&format!("{y} – {now}")).expect("a range");
            prop_assert_eq!(s.start, y.to_string());
            prop_assert!(s.current && s.end.is_none());
        }
    }
}
