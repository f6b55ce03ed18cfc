//! Experience entries, and the line sorting education shares. A section's lines are sorted into header lines (names,
//! dates, places, links) and body lines (bullets, sentences, indented text); a run of header
//! lines opens an entry. Which header line is the role and which the company is decided by
//! job-title and organisation vocabularies, never by position alone.

use super::classify;
use super::dates::{self, Span};
use super::vocab::{self, COMPANY_WORDS, TITLE_WORDS};
use crate::line::Line;
use crate::Experience;

#[derive(Debug, Clone)]
pub(super) enum What {
    Body,
    /// A date range, with what else the line said.
    Date(Span, String),
    /// A single date ("2016", "May 2016").
    Year(String),
    Link,
    Place,
    Text,
}

#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) what: What,
    pub(super) text: String,
    /// The line began with a list marker: a new bullet, never a wrapped one.
    pub(super) marked: bool,
    /// First line of a column block: a bullet does not wrap across into another column.
    block_start: bool,
}

/// A run of header lines and the body lines under it.
#[derive(Debug, Default)]
struct Cluster {
    header: Vec<Item>,
    body: Vec<String>,
}

pub fn experience(lines: &[&Line], notes: &mut Vec<String>) -> Vec<Experience> {
    let clusters = clusters(&classify_lines(lines));
    let dated = clusters.iter().any(|c| c.header.iter().any(|i| matches!(i.what, What::Date(..))));
    let mut out: Vec<Experience> = Vec::new();
    for cluster in clusters {
        let parts = split_by_dates(cluster);
        for (header, body) in parts {
            let span = header.iter().find_map(|i| if let What::Date(s, _) = &i.what { Some(s.clone()) } else { None });
            let mut texts: Vec<String> = header.iter().filter_map(|i| match &i.what {
                What::Text => Some(i.text.clone()),
                What::Date(_, rest) if !rest.is_empty() => Some(rest.clone()),
                _ => None,
            }).collect();
            let mut location = header.iter().find(|i| matches!(i.what, What::Place)).map(|i| i.text.clone());
            if span.is_none() && (texts.is_empty() || (dated && !out.is_empty())) {
                // Links, places or stray lines between dated jobs belong to the job above: a
                // line without a date does not make a new job in a resume whose jobs have dates.
                if let Some(last) = out.last_mut() {
                    last.bullets.extend(texts);
                    last.bullets.extend(body);
                    if last.location.is_none() {
                        last.location = location;
                    }
                }
                continue;
            }
            for t in texts.iter_mut() {
                if let Some((name, place)) = split_place(t) {
                    location.get_or_insert(place);
                    *t = name;
                }
            }
            // A place left over from a date line ("April 2021 · Toronto, Canada") is the place.
            if let Some(i) = texts.iter().position(|t| classify::is_location(t)) {
                location.get_or_insert(texts.remove(i));
            }
            if texts.len() == 1 {
                texts = split_header(&texts[0]);
            }
            if let Some(i) = texts.iter().position(|t| classify::is_location(t)) {
                let place = texts.remove(i);
                location.get_or_insert(place);
            }
            let (role, company, guessed) = role_and_company(&texts);
            if guessed {
                notes.push(format!("\"{}\" and \"{}\": which is the role and which the employer was a guess", role, company));
            }
            let (start, end, current) = match span {
                Some(s) => (Some(s.start), s.end, s.current),
                None => (None, None, false),
            };
            out.push(Experience { company, role, location, start, end, current, bullets: body });
        }
    }
    out.retain(|e| !e.company.is_empty() || !e.role.is_empty());
    out
}

/// Splits items into entries around anchors, keeping as many lines before each anchor as the
/// first entry has before its own (a date above the school in one entry is above it in all).
pub(super) fn groups<'a>(items: &'a [Item], anchors: &[usize]) -> Vec<&'a [Item]> {
    let Some(&first) = anchors.first() else { return Vec::new() };
    let mut starts = vec![0];
    for w in anchors.windows(2) {
        starts.push(w[1].saturating_sub(first).max(w[0] + 1));
    }
    starts.push(items.len());
    starts.windows(2).map(|w| &items[w[0]..w[1].max(w[0])]).collect()
}

pub(super) fn classify_lines(lines: &[&Line]) -> Vec<Item> {
    // Indentation is measured from the left edge of the line's own block (column).
    let left_of = |column: (f32, f32)| {
        lines
            .iter()
            .filter(|l| l.column == column && l.size > 0.0 && !classify::is_label(&l.text) && classify::strip_bullet(&l.text).is_none())
            // A date set in a gutter may touch the text beside it; its line is not the margin.
            .filter(|l| dates::find_range(&l.text).is_none_or(|(_, r)| r.start > 0))
            .map(|l| l.x)
            .fold(f32::INFINITY, f32::min)
    };
    let mut out: Vec<Item> = Vec::new();
    let mut prev_body: Option<&Line> = None;
    for line in lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        let left = left_of(line.column);
        let indented = line.size > 0.0 && left.is_finite() && line.x > left + 0.8 * line.size;
        let what = if let Some(rest) = classify::strip_bullet(t) {
            out.push(Item { what: What::Body, text: rest.to_string(), marked: true, block_start: line.block_start });
            prev_body = Some(line);
            continue;
        } else if dates::is_date_only(t) {
            match dates::find_range(t) {
                Some((s, _)) => What::Date(s, String::new()),
                None => What::Year(dates::find_single(t).map(|(d, _)| d).unwrap_or_default()),
            }
        } else if let Some(date) = header_date(t).filter(|_| !indented) {
            date
        } else if classify::is_link(t) {
            What::Link
        } else if classify::is_location(t) {
            What::Place
        } else if is_body(line, t, indented, prev_body) {
            What::Body
        } else {
            What::Text
        };
        prev_body = matches!(what, What::Body).then_some(*line);
        out.push(Item { what, text: t.to_string(), marked: false, block_start: line.block_start });
    }
    // A long unmarked line right above a date line is a header that runs long ("Senior Software
    // Engineer, Platform Team — Acme Corporation, San Francisco, CA"), not a bullet.
    for k in 1..out.len() {
        let long_header = matches!(out[k - 1].what, What::Body) && !out[k - 1].marked && !out[k - 1].text.ends_with('.') && out[k - 1].text.split_whitespace().count() <= 16;
        let before_body = k < 2 || !matches!(out[k - 2].what, What::Body) || out[k - 2].text.trim_end().ends_with(['.', '!', '?', ';']);
        if long_header && before_body && matches!(out[k].what, What::Date(..)) && dates::is_date_only(&out[k].text) {
            out[k - 1].what = What::Text;
        }
    }
    out
}

/// A header line with a date range at its start or end ("Acme Ltd | 2019 – 2021"); a range in
/// the middle of a sentence is part of the sentence.
fn header_date(t: &str) -> Option<What> {
    let (span, range) = dates::find_range(t)?;
    let (before, after) = (clean_edge(&t[..range.start]), clean_edge(&t[range.end..]));
    if (!before.is_empty() && !after.is_empty()) || t.ends_with('.') {
        return None;
    }
    let rest = if before.is_empty() { after } else { before };
    (rest.split_whitespace().count() <= 9).then(|| What::Date(span, rest.to_string()))
}

fn clean_edge(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | ',' | '·' | '•' | '-' | '–' | '—' | '(' | ')' | ':'))
}

fn is_body(line: &Line, t: &str, indented: bool, prev_body: Option<&Line>) -> bool {
    let words = t.split_whitespace().count();
    let starts_lower = t.chars().next().is_some_and(char::is_lowercase);
    let sentence_end = t.ends_with('.') && words >= 5;
    // A wrapped bullet goes on until a line ends a sentence.
    // In plain text a wrapped line has no blank line before it; in a PDF it keeps the indent.
    let continues = prev_body.is_some_and(|p| {
        line.wraps
            && !p.text.trim_end().ends_with(['.', '!', '?', ';'])
            && (starts_lower || (line.size > 0.0 && (p.x - line.x).abs() < 1.5) || (line.size == 0.0 && line.gap_before == 0.0))
    });
    // "iOS Developer" and "eBay" start in lower case too: alone and short, they are names.
    words >= 10 || (starts_lower && (prev_body.is_some() || words >= 4)) || sentence_end || indented || continues
}

fn clusters(items: &[Item]) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for item in items {
        match item.what {
            What::Body => match out.last_mut() {
                Some(c) => match c.body.last_mut() {
                    // A line that goes on from an unfinished one is the same bullet, wrapped.
                    Some(prev) if !item.marked && !item.block_start && !prev.trim_end().ends_with(['.', '!', '?', ';']) => {
                        if !prev.ends_with('-') || prev.ends_with(" -") {
                            prev.push(' ');
                        }
                        prev.push_str(&item.text);
                    }
                    _ => c.body.push(item.text.clone()),
                },
                None => out.push(Cluster { header: Vec::new(), body: vec![item.text.clone()] }),
            },
            _ => {
                if out.last().is_none_or(|c| !c.body.is_empty()) {
                    out.push(Cluster::default());
                }
                if let Some(c) = out.last_mut() {
                    c.header.push(item.clone());
                }
            }
        }
    }
    out
}

/// A header run with two or more date ranges is two or more jobs without bullets between them.
fn split_by_dates(cluster: Cluster) -> Vec<(Vec<Item>, Vec<String>)> {
    let anchors: Vec<usize> = (0..cluster.header.len()).filter(|&k| matches!(cluster.header[k].what, What::Date(..))).collect();
    if anchors.len() < 2 {
        return vec![(cluster.header, cluster.body)];
    }
    let mut parts: Vec<(Vec<Item>, Vec<String>)> = groups(&cluster.header, &anchors).into_iter().map(|g| (g.to_vec(), Vec::new())).collect();
    if let Some(last) = parts.last_mut() {
        last.1 = cluster.body;
    }
    parts
}

/// "Deloitte AB, Gothenburg, Sweden" → ("Deloitte AB", "Gothenburg, Sweden"): a place after the
/// name, recognised as a place, is taken off.
pub(super) fn split_place(text: &str) -> Option<(String, String)> {
    for sep in [" — ", " – ", " - ", " | ", " · ", ", "] {
        let mut from = 0;
        while let Some(i) = text[from..].find(sep).map(|i| i + from) {
            let (name, place) = (text[..i].trim(), text[i + sep.len()..].trim());
            if !name.is_empty() && classify::is_location(place) {
                return Some((name.to_string(), place.to_string()));
            }
            from = i + sep.len();
        }
    }
    None
}

/// One header line holding both: "Role at Company", "Company — Role", "Role, Company", "Role | Company".
fn split_header(text: &str) -> Vec<String> {
    if let Some((role, company)) = text.split_once(" at ").or_else(|| text.split_once(" @ ")) {
        // Keep the order role, company: `role_and_company` sees the title words either way.
        return vec![role.trim().to_string(), company.trim().to_string()];
    }
    for sep in [" | ", " — ", " – ", " - ", " · ", ", "] {
        let parts: Vec<&str> = text.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
        if parts.len() >= 2 {
            // "Acme, Inc." is one name.
            let tail_is_suffix = parts.len() == 2 && vocab::words(parts[1]).iter().all(|w| COMPANY_WORDS.contains(&w.as_str()));
            if !tail_is_suffix {
                return parts.into_iter().map(str::to_string).collect();
            }
        }
    }
    vec![text.trim().to_string()]
}

/// The piece with the most job-title words is the role; the first other piece the company.
/// Returns whether the choice was a guess (no vocabulary told them apart).
fn role_and_company(pieces: &[String]) -> (String, String, bool) {
    let score = |p: &str| vocab::count_in(p, TITLE_WORDS) as i32 - vocab::count_in(p, COMPANY_WORDS) as i32;
    match pieces {
        [] => (String::new(), String::new(), false),
        [only] => {
            if score(only) < 0 { (String::new(), only.clone(), false) } else { (only.clone(), String::new(), score(only) == 0) }
        }
        _ => {
            let best = (0..pieces.len()).max_by_key(|&k| (score(&pieces[k]), std::cmp::Reverse(k))).unwrap_or(0);
            let company = (0..pieces.len()).find(|&k| k != best).unwrap_or(0);
            let guessed = score(&pieces[best]) == score(&pieces[company]);
            (pieces[best].clone(), pieces[company].clone(), guessed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts.iter().map(|t| Line::plain(t)).collect()
    }

    fn jobs(texts: &[&str]) -> Vec<Experience> {
        let owned = lines(texts);
        let refs: Vec<&Line> = owned.iter().collect();
        experience(&refs, &mut Vec::new())
    }

    #[test]
    fn role_at_company_and_company_dash_role_both_read() {
        let e = jobs(&["Staff Nurse at St Mary's Hospital", "2019 – Present", "• Cared for 12 patients a shift"]);
        assert_eq!((e[0].role.as_str(), e[0].company.as_str()), ("Staff Nurse", "St Mary's Hospital"));
        let e = jobs(&["Deloitte LLP — Senior Accountant", "Jan 2017 - Dec 2019", "• Closed the books monthly"]);
        assert_eq!((e[0].role.as_str(), e[0].company.as_str()), ("Senior Accountant", "Deloitte LLP"));
        assert_eq!(e[0].start.as_deref(), Some("2017-01"));
    }

    #[test]
    fn a_year_or_a_funding_amount_inside_a_bullet_is_not_the_jobs_dates() {
        let e = jobs(&["Sales Manager", "Brightline Ltd", "• Raised $2019-2020 budget and grew 2015-2018 accounts by 40%", "• Closed deals from 2010 - 2012 contracts"]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].start, None);
        assert_eq!(e[0].bullets.len(), 2);
    }

    #[test]
    fn a_long_header_line_above_its_dates_is_a_header_not_a_bullet() {
        let e = jobs(&["Senior Software Engineer, Platform Infrastructure Team — Acme Corporation, San Francisco, CA", "2019 – 2023", "• Ran the platform"]);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].location.as_deref(), Some("San Francisco, CA"));
        assert!(e[0].role.starts_with("Senior Software Engineer"));
        assert_eq!(e[0].start.as_deref(), Some("2019"));
    }

    #[test]
    fn a_company_named_education_first_is_a_company() {
        let e = jobs(&["Education First", "Account Executive", "2018 - 2020", "• Sold language courses"]);
        assert_eq!(e[0].company, "Education First");
        assert_eq!(e[0].role, "Account Executive");
    }
}
