//! Contact details from the top of the resume and its contact/profile sections: the name is the
//! most prominent line shaped like a person's name; email, phone, place and links are whole
//! parts of a line, so a number inside a sentence is never taken for the phone.

use super::classify::{self, EMAIL, PHONE, URL};
use super::headings::{self, Kind};
use super::vocab;
use super::{Section, dates};
use crate::Contact;
use crate::line::Line;

/// Reads contact details; also fills the headline (the line under the name) when there is one.
pub fn read(sections: &[Section], headline: &mut Option<String>) -> Contact {
    let top: Vec<&Line> = sections
        .iter()
        .filter(|s| matches!(s.kind, None | Some(Kind::Contact) | Some(Kind::Profiles)))
        .flat_map(|s| s.lines.iter().copied())
        .collect();
    let mut contact = Contact::default();
    let parts: Vec<String> = top.iter().flat_map(|l| parts(&l.text)).collect();
    contact.email = parts.iter().find_map(|p| EMAIL.find(p).map(|m| m.as_str().to_string())).or_else(|| {
        // An email is unmistakable wherever it is, except inside work or references.
        sections
            .iter()
            .filter(|s| !matches!(s.kind, Some(Kind::Experience | Kind::References | Kind::Projects | Kind::Volunteering)))
            .flat_map(|s| s.lines.iter())
            .find_map(|l| EMAIL.find(&l.text).map(|m| m.as_str().to_string()))
    });
    contact.phone = parts.iter().find_map(|p| phone(p));
    // A place on its own, or the end of a street address ("12 Main St, Austin, TX 78701").
    contact.location = parts.iter().find_map(|p| {
        let p = p.trim();
        if p == "Remote" {
            return None;
        }
        std::iter::once(p).chain(p.match_indices(", ").map(|(i, _)| p[i + 2..].trim())).find(|c| classify::is_location(c)).map(str::to_string)
    });
    for p in &parts {
        for m in URL.find_iter(p) {
            let link = m.as_str().trim_end_matches(['.', ')']).to_string();
            if !contact.links.contains(&link) && !EMAIL.is_match(&link) {
                contact.links.push(link);
            }
        }
    }
    if let Some((i, name)) = name(&top) {
        contact.name = Some(name);
        *headline = top.get(i + 1).filter(|l| is_headline(&l.text)).map(|l| l.text.trim().to_string());
    }
    contact
}

/// A line cut at the separators contact lines use ("|", "•", "·", ";", two or more spaces).
fn parts(text: &str) -> Vec<String> {
    text.split(['|', '•', '·', ';', '◦', '▪'])
        .flat_map(|p| p.split("  "))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The part is a phone number and nothing else (after a "Phone:" label).
fn phone(part: &str) -> Option<String> {
    // Labels are ASCII, compared byte for byte, so the cut is always on a character boundary.
    let value = ["phone", "tel", "mobile", "cell", "mob", "ph", "t", "m", "p"]
        .iter()
        .filter_map(|l| {
            let head = part.get(..l.len())?;
            head.eq_ignore_ascii_case(l).then(|| part[l.len()..].trim_start().strip_prefix([':', '.']))?
        })
        .next()
        .unwrap_or(part)
        .trim();
    let m = PHONE.find(value)?;
    let digits = classify::digit_count(m.as_str());
    let whole = m.start() == 0 && m.end() == value.len();
    (whole && (7..=15).contains(&digits) && dates::find_range(value).is_none()).then(|| value.to_string())
}

/// The index of the name line: shaped like a name, the largest such line, the earliest on a tie.
fn name(top: &[&Line]) -> Option<(usize, String)> {
    let mut best: Option<(usize, String)> = None;
    for (i, line) in top.iter().enumerate() {
        let candidate = without_credentials(&line.text);
        if !is_person_name(candidate) {
            continue;
        }
        // The most prominent: the largest, or the one in a title style; the first on a tie.
        let weight = |l: &Line| l.size + if l.heading_style { 1000.0 } else { 0.0 };
        if best.as_ref().is_none_or(|(b, _)| weight(line) > weight(top[*b])) {
            best = Some((i, candidate.trim().to_string()));
        }
    }
    best
}

/// "Amara Okafor, RN, BSN" → "Amara Okafor": letters after a name are credentials, not the name.
fn without_credentials(text: &str) -> &str {
    match text.split_once(',') {
        Some((name, rest))
            if rest.split([',', ' ']).filter(|t| !t.is_empty()).all(|t| {
                let bare = t.replace('.', "");
                bare.len() <= 6 && bare.chars().filter(|c| c.is_uppercase()).count() >= 2
            }) =>
        {
            name
        }
        _ => text,
    }
}

/// Two to four capitalised words of letters (a middle initial allowed), none of them a job,
/// organisation or document word.
pub fn is_person_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || headings::kind_of(text).is_some() || text.contains(',') || classify::is_location(text) {
        return false;
    }
    let stop = ["curriculum", "vitae", "resume", "résumé", "cv", "page", "contact", "phone", "email", "address", "references", "available", "upon", "request"];
    // Family-name particles are written in lower case ("Ludwig van Beethoven", "María de la Cruz").
    let particles = ["van", "von", "de", "da", "del", "der", "den", "la", "le", "di", "du", "dos", "das", "bin", "al", "el", "ter", "ten", "y"];
    let capitalised = words.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    capitalised >= 2 && words.iter().all(|w| {
        let letters = w.trim_end_matches([',', '.']);
        let first = letters.chars().next();
        (first.is_some_and(char::is_uppercase) || particles.contains(&letters))
            && letters.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && !stop.contains(&letters.to_lowercase().as_str())
            && !vocab::TITLE_WORDS.contains(&letters.to_lowercase().as_str())
            && !vocab::COMPANY_WORDS.contains(&letters.to_lowercase().as_str())
    })
}

fn is_headline(text: &str) -> bool {
    let t = text.trim();
    !classify::is_label(t) && t.split_whitespace().count() <= 10 && vocab::count_in(t, vocab::TITLE_WORDS) > 0 && !t.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_is_a_whole_part_not_a_number_inside_a_sentence() {
        assert_eq!(phone("Phone: +1 (555) 010-2233").as_deref(), Some("+1 (555) 010-2233"));
        assert_eq!(phone("Answered 555-0100 line calls daily"), None);
        assert_eq!(phone("2016 - 2018"), None);
    }

    #[test]
    fn names_are_told_from_titles_and_document_words() {
        assert!(is_person_name("Maria O'Neil"));
        assert!(is_person_name("Anna K. Schmidt"));
        assert!(is_person_name("María de la Cruz"));
        assert!(!is_person_name("van der Berg"));
        assert_eq!(without_credentials("Amara Okafor, RN, BSN"), "Amara Okafor");
        assert_eq!(without_credentials("Okafor, Amara"), "Okafor, Amara");
        assert!(!is_person_name("Toronto, Canada"));
        assert!(!is_person_name("Curriculum Vitae"));
        assert!(!is_person_name("Senior Accountant"));
        assert!(!is_person_name("Acme Holdings"));
    }
}
