//! Job-title similarity that ignores word order, seniority words and common spellings of one
//! role ("Sr. Software Developer" ≈ "Software Engineer, Senior").

use std::collections::BTreeSet;

use crate::domain::skills::SkillMatcher;

/// A title reduced to what names the role: its words (seniority and filler removed, synonyms
/// folded), the role noun it ends on, and the practices the skill taxonomy reads in it (ESCO
/// occupation practices such as "security engineering" for "Security Engineer").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TitleKey {
    words: BTreeSet<String>,
    head: Option<String>,
    practices: BTreeSet<String>,
}

/// Words that say how senior a role is, or nothing about the role at all; seniority is its own
/// factor ([`super::seniority`]), so "Senior Engineer" and "Engineer" name the same role.
const IGNORED: &[&str] = &[
    "senior", "sr", "junior", "jr", "lead", "principal", "staff", "head", "chief", "associate", "entry",
    "level", "mid", "intern", "internship", "i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "of", "and",
    "the", "for", "a", "an", "in", "at", "with", "to", "remote", "hybrid", "onsite", "contract",
    "temporary", "part", "full", "time", "fulltime", "parttime", "new", "grad", "graduate", "f", "m", "d",
    "w", "x", "all", "genders", "team", "global",
];

/// Spellings folded into one word, and abbreviations spelled out.
const SYNONYMS: &[(&str, &str)] = &[
    ("developer", "engineer"),
    ("programmer", "engineer"),
    ("dev", "engineer"),
    ("eng", "engineer"),
    ("engr", "engineer"),
    ("engineers", "engineer"),
    ("developers", "engineer"),
    ("mgr", "manager"),
    ("managers", "manager"),
    ("rep", "representative"),
    ("reps", "representative"),
    ("client", "customer"),
    ("customers", "customer"),
    ("frontend", "frontend"),
    ("backend", "backend"),
    ("fullstack", "fullstack"),
    ("ml", "machine learning"),
    ("ai", "ai"),
    ("swe", "software engineer"),
    ("sde", "software engineer"),
    ("pm", "product manager"),
    ("qa", "quality assurance"),
    ("sre", "site reliability engineer"),
    ("csm", "customer success manager"),
    ("ae", "account executive"),
    ("sdr", "sales development representative"),
    ("bdr", "business development representative"),
    ("hr", "human resources"),
    ("ux", "ux"),
    ("analysts", "analyst"),
    ("scientists", "scientist"),
    ("designers", "designer"),
];

/// Two-word spellings of one word ("front end" = "frontend").
const JOINED: &[(&str, &str, &str)] = &[
    ("front", "end", "frontend"),
    ("back", "end", "backend"),
    ("full", "stack", "fullstack"),
    ("dev", "ops", "devops"),
    ("data", "base", "database"),
];

impl TitleKey {
    /// Reads a title once, so that comparing it with many others costs only set operations.
    pub fn new(title: &str) -> TitleKey {
        let practices = SkillMatcher::builtin().tags(title, "").into_iter().collect();
        let tokens = role_order(&tokens(title));
        let words: Vec<String> = tokens.into_iter().filter(|w| !IGNORED.contains(&w.as_str())).collect();
        TitleKey { head: words.last().cloned(), words: words.into_iter().collect(), practices }
    }

    /// The role's words in a fixed order, the same for every spelling of one role: the key of a
    /// title family ("engineer software" for "Senior Software Developer").
    pub fn family(&self) -> String {
        self.words.iter().map(String::as_str).collect::<Vec<_>>().join(" ")
    }

    /// Whether the title names any role at all (a title of only "Senior" does not).
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.practices.is_empty()
    }

    /// How alike two roles are, 0 to 1: how much of `self` (the role wanted) the other title
    /// contains, how alike the two word sets are, whether both end on the same role noun, and
    /// whether the taxonomy reads the same practice in both.
    pub fn similarity(&self, other: &TitleKey) -> f64 {
        if self.is_empty() || other.is_empty() {
            return 0.0;
        }
        let shared = self.words.intersection(&other.words).count() as f64;
        let words = if self.words.is_empty() || other.words.is_empty() {
            0.0
        } else {
            let containment = shared / self.words.len() as f64;
            let dice = 2.0 * shared / (self.words.len() + other.words.len()) as f64;
            let same_head = f64::from(u8::from(self.head.is_some() && self.head == other.head));
            0.5 * containment + 0.25 * dice + 0.25 * same_head
        };
        let practices = overlap(&self.practices, &other.practices);
        // A shared practice says the roles are related even when worded apart ("Security
        // Engineer" and "Application Security Specialist"), but words that agree say more.
        words.max(0.7 * practices)
    }
}

/// The best similarity of `posting` to any of the wanted titles (0 when none is given).
pub fn best_similarity(wanted: &[TitleKey], posting: &TitleKey) -> f64 {
    wanted.iter().map(|w| w.similarity(posting)).fold(0.0, f64::max)
}

fn overlap(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / smaller as f64
}

/// Lower-cased words with synonyms folded; text in brackets (a location, a team code) dropped.
fn tokens(title: &str) -> Vec<String> {
    let mut depth = 0usize;
    let mut cleaned = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            ',' => cleaned.push_str(" , "),
            c if c.is_alphanumeric() || c == '+' || c == '#' => cleaned.extend(c.to_lowercase()),
            _ => cleaned.push(' '),
        }
    }
    let raw: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if let Some(next) = raw.get(i + 1)
            && let Some((_, _, joined)) = JOINED.iter().find(|(a, b, _)| *a == raw[i] && b == next)
        {
            out.push((*joined).to_string());
            i += 2;
            continue;
        }
        match SYNONYMS.iter().find(|(from, _)| *from == raw[i]) {
            Some((_, to)) => out.extend(to.split(' ').map(str::to_string)),
            None => out.push(raw[i].to_string()),
        }
        i += 1;
    }
    out
}

/// Puts the role noun last: "Manager, Customer Success" → "Customer Success Manager", "Director
/// of Engineering" → "Engineering Director". A comma after a short first part turns it around;
/// a later comma starts a team or place that is not part of the role.
fn role_order(tokens: &[String]) -> Vec<String> {
    let parts: Vec<&[String]> = tokens.split(|t| t == ",").collect();
    let (first, second) = (parts[0], parts.get(1).copied().unwrap_or(&[]));
    let meaningful = |part: &[String]| part.iter().filter(|w| !IGNORED.contains(&w.as_str())).count();
    if !second.is_empty() && meaningful(first) <= 1 {
        return second.iter().chain(first.iter()).cloned().collect();
    }
    if let Some(of) = first.iter().position(|w| w == "of")
        && of > 0
        && meaningful(&first[..of]) <= 1
    {
        return first[of + 1..].iter().chain(first[..of].iter()).cloned().collect();
    }
    first.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(wanted: &str, posting: &str) -> f64 {
        TitleKey::new(wanted).similarity(&TitleKey::new(posting))
    }

    #[test]
    fn word_order_seniority_and_synonyms_do_not_change_the_role() {
        assert!(sim("Software Engineer", "Senior Software Developer") > 0.99);
        assert!(sim("Customer Success Manager", "Manager, Customer Success") > 0.99);
        assert!(sim("Engineering Director", "Director of Engineering") > 0.99);
        assert!(sim("Backend Engineer", "Sr. Back-End Developer (Remote, US)") > 0.99);
        assert!(sim("Software Engineer", "SWE II") > 0.99);
    }

    #[test]
    fn a_title_with_more_words_still_contains_the_role() {
        let s = sim("Software Engineer", "Software Engineer, Payments Platform");
        assert!(s > 0.8, "{s}");
    }

    #[test]
    fn related_roles_score_between_unrelated_and_the_same() {
        let related = sim("Backend Engineer", "Software Engineer");
        let unrelated = sim("Software Engineer", "Customer Success Manager");
        assert!(related > 0.4 && related < 0.9, "{related}");
        assert!(unrelated < 0.1, "{unrelated}");
        assert!(sim("Engineering Manager", "Software Engineer") < 0.5);
    }

    #[test]
    fn a_title_of_seniority_words_only_names_no_role() {
        assert!(TitleKey::new("Senior Lead").is_empty());
        assert_eq!(sim("Senior", "Senior Software Engineer"), 0.0);
    }

    #[test]
    fn the_best_of_several_wanted_titles_counts() {
        let wanted = [TitleKey::new("Data Scientist"), TitleKey::new("Machine Learning Engineer")];
        assert!(best_similarity(&wanted, &TitleKey::new("Senior ML Engineer")) > 0.99);
        assert_eq!(best_similarity(&[], &TitleKey::new("ML Engineer")), 0.0);
    }
}
