//! Education entries: schools anchor them (or dates, when no line names a school), and each
//! entry's lines give the school, the degree and its field, and the years.

use super::dates::{self, Span};
use super::entries::{Item, What, classify_lines, groups, split_place};
use super::vocab::{self, DEGREE_WORDS, SCHOOL_WORDS};
use crate::Education;
use crate::line::Line;

pub fn education(lines: &[&Line], _notes: &mut Vec<String>) -> Vec<Education> {
    // A school's lines are short; a degree set flush right reads as indented, but it is no bullet.
    let named = |t: &str| vocab::count_in(t, DEGREE_WORDS) + vocab::count_in(t, SCHOOL_WORDS) > 0;
    let items: Vec<Item> = classify_lines(lines)
        .into_iter()
        .filter_map(|mut i| match i.what {
            What::Link => None,
            What::Body if !i.marked && i.text.split_whitespace().count() <= 16 && named(&i.text) => {
                i.what = What::Text;
                Some(i)
            }
            What::Body => None,
            _ => Some(i),
        })
        .collect();
    let is_school = |i: &Item| matches!(i.what, What::Text) && vocab::count_in(&i.text, SCHOOL_WORDS) > 0;
    let is_date = |i: &Item| matches!(i.what, What::Date(..) | What::Year(_));
    let mut anchors: Vec<usize> = (0..items.len()).filter(|&k| is_school(&items[k])).collect();
    if anchors.is_empty() {
        anchors = (0..items.len()).filter(|&k| is_date(&items[k])).collect();
    }
    if anchors.is_empty() {
        anchors = (0..items.len()).filter(|&k| matches!(items[k].what, What::Text)).take(1).collect();
    }
    let mut out = Vec::new();
    for group in groups(&items, &anchors) {
        if let Some(e) = school_entry(group) {
            out.push(e);
        }
    }
    out
}

fn school_entry(items: &[Item]) -> Option<Education> {
    let mut pieces: Vec<String> = Vec::new();
    let mut span: Option<Span> = None;
    let mut year: Option<String> = None;
    for item in items {
        match &item.what {
            What::Text => {
                // "DePaul University, Chicago, IL — 2015": the year and the place come off the end.
                let mut text = item.text.clone();
                if let Some((y, r)) = dates::find_single(&text)
                    && text[r.end..].trim().is_empty()
                {
                    year.get_or_insert(y);
                    text = text[..r.start].trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '—' | '–' | '-' | '|' | '(')).to_string();
                }
                if let Some((name, _place)) = split_place(&text) {
                    text = name;
                }
                pieces.extend(split_school_line(&text));
            }
            What::Date(s, rest) => {
                span.get_or_insert(s.clone());
                if !rest.is_empty() {
                    pieces.extend(split_school_line(rest));
                }
            }
            What::Year(y) => {
                year.get_or_insert(y.clone());
            }
            _ => {}
        }
    }
    let is_degree = |p: &str| vocab::count_in(p, DEGREE_WORDS) > 0 && vocab::count_in(p, SCHOOL_WORDS) == 0;
    let school = pieces.iter().find(|p| vocab::count_in(p, SCHOOL_WORDS) > 0).or_else(|| pieces.iter().find(|p| !is_degree(p)))?.clone();
    let degree_text = pieces.iter().find(|p| **p != school && is_degree(p));
    let (degree, field) = match degree_text {
        Some(d) => degree_and_field(d),
        None => (None, None),
    };
    let (start, year) = match span {
        Some(s) => (Some(s.start), s.end.map(|e| e.chars().take(4).collect()).or(year)),
        None => (None, year.map(|y| y.chars().take(4).collect())),
    };
    Some(Education { school, degree, field, start, year })
}

/// "BSc Nursing, University of Leeds" → two pieces; a school name with a comma stays whole.
fn split_school_line(text: &str) -> Vec<String> {
    for sep in [" | ", " — ", " – ", " - ", ", ", " at ", " from "] {
        if let Some((a, b)) = text.split_once(sep) {
            let (da, db) = (vocab::count_in(a, DEGREE_WORDS) > 0, vocab::count_in(b, DEGREE_WORDS) > 0);
            let (sa, sb) = (vocab::count_in(a, SCHOOL_WORDS) > 0, vocab::count_in(b, SCHOOL_WORDS) > 0);
            if (da && sb && !sa) || (db && sa && !sb) {
                return vec![a.trim().to_string(), b.trim().to_string()];
            }
        }
    }
    vec![text.trim().to_string()]
}

/// "Bachelor of Science in Nursing" → ("Bachelor of Science", "Nursing"); "BSc Economics" →
/// ("BSc", "Economics"); "MBA" → ("MBA", none).
fn degree_and_field(text: &str) -> (Option<String>, Option<String>) {
    for sep in [" in ", ", ", " - ", " – ", ": "] {
        if let Some((d, f)) = text.split_once(sep) {
            return (Some(d.trim().to_string()), Some(f.trim().to_string()).filter(|f| !f.is_empty()));
        }
    }
    let mut words = text.split_whitespace();
    if let Some(first) = words.next() {
        let rest: Vec<&str> = words.collect();
        let abbrev = first.replace('.', "").to_lowercase();
        if !rest.is_empty() && DEGREE_WORDS.contains(&abbrev.as_str()) && first.chars().any(char::is_uppercase) && !rest[0].eq_ignore_ascii_case("of") {
            return (Some(first.to_string()), Some(rest.join(" ")));
        }
    }
    (Some(text.trim().to_string()), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts.iter().map(|t| Line::plain(t)).collect()
    }

    #[test]
    fn schools_degrees_and_fields_are_read_from_one_or_two_lines() {
        let owned = lines(&["BSc Nursing, University of Leeds", "2012 – 2015", "Harvard Business School", "Master of Business Administration", "2019"]);
        let refs: Vec<&Line> = owned.iter().collect();
        let ed = education(&refs, &mut Vec::new());
        assert_eq!(ed.len(), 2);
        assert_eq!((ed[0].school.as_str(), ed[0].degree.as_deref(), ed[0].field.as_deref()), ("University of Leeds", Some("BSc"), Some("Nursing")));
        assert_eq!(ed[0].year.as_deref(), Some("2015"));
        assert_eq!(ed[1].school, "Harvard Business School");
        assert_eq!(ed[1].year.as_deref(), Some("2019"));
    }
}
