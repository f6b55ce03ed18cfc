//! List-like sections: skills (items of comma, pipe or bullet lists; a group name is not a
//! skill when the group lists its skills), certifications, languages and projects.

use super::classify;
use super::dates;
use super::headings::{self, Kind};
use super::vocab;
use crate::Project;
use crate::line::Line;

const SEPARATORS: [char; 6] = [',', ';', '|', '•', '·', '▪'];

pub fn skills(lines: &[&Line]) -> Vec<String> {
    let joined = unwrap_lists(lines);
    let texts: Vec<&str> = joined.iter().map(|t| t.trim()).filter(|t| !t.is_empty()).collect();
    let mut out: Vec<String> = Vec::new();
    for (i, raw) in texts.iter().enumerate() {
        let text = classify::strip_bullet(raw).unwrap_or(raw);
        let (label, list) = match text.split_once(':') {
            Some((label, rest)) if label.split_whitespace().count() <= 4 && !rest.trim().is_empty() => (Some(label), rest),
            _ => (None, text),
        };
        // "Languages: English, Spanish" or "Certifications: …" inside a skills section are not
        // skills; a group name ("Tools: Git") is not a skill either, only its items are.
        // ("Languages: Python, Go" is a skill group: only spoken languages are taken out.)
        let spoken = || items(list).iter().any(|i| vocab::LANGUAGES.contains(&i.to_lowercase().as_str()));
        match label.and_then(headings::kind_of) {
            Some(Kind::Certifications | Kind::Interests) => continue,
            Some(Kind::Languages) if spoken() => continue,
            _ => {}
        }
        if label.is_some() || list.contains(SEPARATORS) {
            out.extend(items(list));
            continue;
        }
        if vocab::is_proficiency(text) || text.split_whitespace().count() > 5 || text.ends_with('.') {
            continue;
        }
        // A short line followed (maybe after a level) by a list is that list's group name.
        let is_list = |k: usize| texts.get(k).is_some_and(|n| n.contains(SEPARATORS));
        let next_is_list = is_list(i + 1) || (texts.get(i + 1).is_some_and(|n| vocab::is_proficiency(n)) && is_list(i + 2));
        if next_is_list {
            continue;
        }
        out.extend(items(text));
    }
    dedup(out)
}

/// A list that wrapped in a PDF ("…, Patient" / "Assessment | Epic") is one line again: the line
/// runs to its block's right edge without ending in a separator, and the next starts at its left.
fn unwrap_lists(lines: &[&Line]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<&Line> = None;
    for (i, line) in lines.iter().enumerate() {
        // A short line with a list under it is that list's group name, not the end of this one.
        let names_a_group = !line.text.contains(SEPARATORS) && lines.get(i + 1).is_some_and(|n| n.text.contains(SEPARATORS));
        let wrapped = !names_a_group && prev.is_some_and(|p| {
            let (c0, c1) = p.column;
            p.size > 0.0
                && p.text.contains(SEPARATORS)
                && !p.text.trim_end().ends_with(SEPARATORS)
                && p.x1 >= c1 - 0.12 * (c1 - c0)
                && (line.x - p.x).abs() < 2.0
                && line.gap_before < 0.5
        });
        match out.last_mut() {
            Some(last) if wrapped => {
                last.push(' ');
                last.push_str(line.text.trim());
            }
            _ => out.push(line.text.clone()),
        }
        prev = Some(line);
    }
    out
}

/// Items of one list, trimmed, without levels in brackets and without sentences.
fn items(list: &str) -> Vec<String> {
    let mut parts: Vec<String> = list.split(SEPARATORS).map(|s| s.trim().trim_end_matches('.').to_string()).collect();
    // "Proficient in Python, SQL and Excel": the lead-in is not a skill, and the last two items
    // share an "and".
    if let Some(first) = parts.first_mut() {
        for lead in ["proficient in ", "proficient with ", "experienced in ", "experienced with ", "experience with ", "experience in ", "familiar with ", "knowledge of ", "skilled in ", "expertise in ", "including ", "such as "] {
            if first.get(..lead.len()).is_some_and(|head| head.eq_ignore_ascii_case(lead)) {
                *first = first[lead.len()..].trim().to_string();
                break;
            }
        }
    }
    if parts.len() >= 2
        && let Some(last) = parts.pop()
    {
        match last.split_once(" and ") {
            Some((a, b)) if a.split_whitespace().count() <= 2 && b.split_whitespace().count() <= 2 => parts.extend([a.to_string(), b.to_string()]),
            _ => parts.push(last),
        }
    }
    parts
        .into_iter()
        .map(|s| strip_level(&s))
        .filter(|s| !s.is_empty() && s.split_whitespace().count() <= 5 && !vocab::is_proficiency(s))
        .collect()
}

/// "Python (advanced)" → "Python"; "English – native" → "English". Other brackets stay.
fn strip_level(item: &str) -> String {
    let mut s = item.trim().to_string();
    if let Some(open) = s.find('(')
        && s.ends_with(')')
        && vocab::is_proficiency(&s[open + 1..s.len() - 1])
    {
        s.truncate(open);
    }
    for sep in [" - ", " – ", " — ", ": "] {
        if let Some((head, tail)) = s.split_once(sep)
            && vocab::is_proficiency(tail)
        {
            s = head.to_string();
        }
    }
    s.trim().to_string()
}

fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
            out.push(item);
        }
    }
    out
}

/// Languages are names from the language list, with any level removed.
pub fn languages(lines: &[&Line]) -> Vec<String> {
    let mut out = Vec::new();
    for line in lines {
        let text = classify::strip_bullet(&line.text).unwrap_or(&line.text).to_string();
        let text = match text.split_once(':') {
            Some((label, rest)) if headings::kind_of(label) == Some(Kind::Languages) => rest.to_string(),
            _ => text,
        };
        for part in text.split(SEPARATORS) {
            let name = strip_level(part);
            let name = name.split('(').next().unwrap_or("").trim().to_string();
            if vocab::LANGUAGES.contains(&name.to_lowercase().as_str()) {
                out.push(name);
            }
        }
    }
    dedup(out)
}

/// Certifications: the first line of each entry; an entry ends at a line that is only a date
/// (issuer and year lines are not certificates). Without such lines, each line is one.
pub fn certifications(lines: &[&Line]) -> Vec<String> {
    let texts: Vec<&str> = lines.iter().map(|l| classify::strip_bullet(&l.text).unwrap_or(&l.text).trim()).filter(|t| !t.is_empty()).collect();
    let has_year_lines = texts.iter().any(|t| dates::is_date_only(t));
    let mut out = Vec::new();
    let mut open = true;
    for t in texts {
        if dates::is_date_only(t) {
            open = true;
            continue;
        }
        if has_year_lines && !open {
            continue;
        }
        open = !has_year_lines;
        let name = strip_trailing_date(t);
        if !name.is_empty() {
            out.push(name);
        }
    }
    dedup(out)
}

fn strip_trailing_date(t: &str) -> String {
    let cut = dates::find_range(t).map(|(_, r)| r).or_else(|| dates::find_single(t).map(|(_, r)| r));
    let s = match cut {
        Some(r) if r.end >= t.trim_end_matches(')').len() => &t[..r.start],
        _ => t,
    };
    s.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | ',' | '-' | '–' | '—' | '(' | '·')).to_string()
}

/// Projects: a short line opens a project; longer lines under it describe it.
pub fn projects(lines: &[&Line]) -> Vec<Project> {
    let mut out: Vec<Project> = Vec::new();
    let mut in_body = true;
    for line in lines {
        let t = line.text.trim();
        if t.is_empty() || dates::is_date_only(t) {
            continue;
        }
        if classify::is_link(t) {
            if let Some(p) = out.last_mut() {
                p.url.get_or_insert(t.to_string());
            }
            continue;
        }
        let bullet = classify::strip_bullet(t);
        let long = t.split_whitespace().count() > 6 || t.ends_with('.') || t.chars().next().is_some_and(char::is_lowercase);
        match (bullet, long) {
            (Some(b), _) => {
                if let Some(p) = out.last_mut() {
                    p.bullets.push(b.to_string());
                }
                in_body = true;
            }
            (None, true) => {
                if let Some(p) = out.last_mut() {
                    let d = p.description.get_or_insert_with(String::new);
                    if !d.is_empty() {
                        d.push(' ');
                    }
                    d.push_str(t);
                }
                in_body = true;
            }
            (None, false) => {
                // The first short line after a description opens the next project; a second
                // short line (a role, a stack) belongs to the one just opened.
                if in_body || out.is_empty() {
                    out.push(Project { name: t.to_string(), ..Project::default() });
                }
                in_body = false;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ls(texts: &[&str]) -> Vec<Line> {
        texts.iter().map(|t| Line::plain(t)).collect()
    }

    #[test]
    fn skill_groups_give_their_keywords_not_their_names() {
        let owned = ls(&["Web Technologies", "Advanced", "HTML5, JavaScript, PHP", "Tools: Git | Docker", "Excel", "Communicated skills to 40 staff each week in workshops."]);
        let refs: Vec<&Line> = owned.iter().collect();
        assert_eq!(skills(&refs), vec!["HTML5", "JavaScript", "PHP", "Git", "Docker", "Excel"]);
    }

    #[test]
    fn spoken_languages_in_a_skills_section_are_not_skills_but_programming_languages_are() {
        let owned = ls(&["Languages: Python, Go", "Languages: English (native), Spanish (fluent)", "Tools: Git"]);
        let refs: Vec<&Line> = owned.iter().collect();
        assert_eq!(skills(&refs), vec!["Python", "Go", "Git"]);
    }

    #[test]
    fn a_sentence_list_gives_its_items_without_the_lead_in() {
        let owned = ls(&["Proficient in Python, SQL and Power BI."]);
        let refs: Vec<&Line> = owned.iter().collect();
        assert_eq!(skills(&refs), vec!["Python", "SQL", "Power BI"]);
    }

    #[test]
    fn languages_keep_the_name_and_drop_the_level() {
        let owned = ls(&["English (Native)", "Spanish – Fluent", "Native Speaker", "German"]);
        let refs: Vec<&Line> = owned.iter().collect();
        assert_eq!(languages(&refs), vec!["English", "Spanish", "German"]);
    }

    #[test]
    fn certificate_issuers_and_years_are_not_certificates() {
        let owned = ls(&["Full-Stack Web Development", "CodeAcademy", "2020", "AWS Certified Developer", "Amazon Web Services", "2019"]);
        let refs: Vec<&Line> = owned.iter().collect();
        assert_eq!(certifications(&refs), vec!["Full-Stack Web Development", "AWS Certified Developer"]);
    }
}
