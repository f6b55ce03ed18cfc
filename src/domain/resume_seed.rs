//! The saved search a first resume seeds (§9): the roles the person held, most recent first,
//! the skills the resume lists, and the seniority of their latest role. Only what the resume
//! says: a role whose title names no level adds no level.

use jobpilot_resume::{Experience, Sections};

use crate::domain::fit::seniority::Level;
use crate::domain::search_filters::SearchFilters;

/// Name of the seeded search.
pub const NAME: &str = "From my resume";
/// Titles kept: the latest few say where the person is heading; older ones widen the net too far.
pub const MAX_TITLES: usize = 5;
/// Skills kept, in the resume's own order (people list their strongest first).
pub const MAX_SKILLS: usize = 15;
/// Longest title or skill kept (the saved search refuses longer entries).
const MAX_ENTRY: usize = 200;

/// The filters, or `None` when the resume names neither a role nor a skill (an empty search
/// would match everything and tell the user nothing).
pub fn filters(sections: &Sections) -> Option<SearchFilters> {
    let jobs = most_recent_first(&sections.experience);
    let titles = distinct(jobs.iter().map(|e| e.role.as_str()), MAX_TITLES);
    let skills = distinct(sections.skills.iter().map(String::as_str), MAX_SKILLS);
    if titles.is_empty() && skills.is_empty() {
        return None;
    }
    let levels = jobs.first().and_then(|e| Level::from_title(&e.role)).map(label).into_iter().map(str::to_string).collect();
    Some(SearchFilters { titles, skills, levels, ..SearchFilters::default() })
}

/// Jobs by start date, newest first; a current job before any ended one; undated jobs keep
/// the resume's order after dated ones (resumes list newest first, so that order is a fair guess).
fn most_recent_first(jobs: &[Experience]) -> Vec<&Experience> {
    let mut sorted: Vec<(usize, &Experience)> = jobs.iter().enumerate().collect();
    sorted.sort_by(|(ia, a), (ib, b)| {
        let key = |e: &Experience| (e.current || (e.end.is_none() && e.start.is_some()), e.start.clone());
        let (current_a, start_a) = key(a);
        let (current_b, start_b) = key(b);
        current_b.cmp(&current_a).then(start_b.is_some().cmp(&start_a.is_some())).then(start_b.cmp(&start_a)).then(ia.cmp(ib))
    });
    sorted.into_iter().map(|(_, e)| e).collect()
}

fn distinct<'a>(values: impl Iterator<Item = &'a str>, cap: usize) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values
        .map(str::trim)
        .filter(|v| !v.is_empty() && v.chars().count() <= MAX_ENTRY && seen.insert(v.to_lowercase()))
        .take(cap)
        .map(str::to_string)
        .collect()
}

/// The saved search's own word for a level (`SearchFilters::levels`).
fn label(level: Level) -> &'static str {
    match level {
        Level::Intern => "Intern",
        Level::Junior => "Junior",
        Level::Mid => "IC",
        Level::Senior => "Senior",
        Level::Staff => "Staff",
        Level::Lead => "Lead",
        Level::Director => "Director",
        Level::Executive => "Executive",
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn job(role: &str, start: Option<&str>, end: Option<&str>) -> Experience {
        Experience { company: "Acme".into(), role: role.into(), start: start.map(Into::into), end: end.map(Into::into), ..Experience::default() }
    }

    #[test]
    fn titles_run_newest_first_and_the_level_is_the_latest_roles() {
        let s = Sections {
            experience: vec![
                job("Junior Developer", Some("2015-01"), Some("2017-06")),
                job("Senior Software Engineer", Some("2020-02"), None),
                job("Software Engineer", Some("2017-07"), Some("2020-01")),
            ],
            skills: vec!["Rust".into(), "rust".into(), "Kafka".into()],
            ..Sections::default()
        };
        let f = filters(&s).expect("seeded");
        assert_eq!(f.titles, ["Senior Software Engineer", "Software Engineer", "Junior Developer"]);
        assert_eq!(f.skills, ["Rust", "Kafka"]);
        assert_eq!(f.levels, ["Senior"]);
    }

    #[test]
    fn a_latest_role_naming_no_level_adds_no_level_and_an_empty_resume_seeds_nothing() {
        let s = Sections { experience: vec![job("Software Engineer", Some("2020"), None)], ..Sections::default() };
        assert!(filters(&s).expect("seeded").levels.is_empty(), "no level is guessed");
        assert_eq!(filters(&Sections::default()), None);
    }

    proptest! {
        /// Every seeded title is a role from the resume and every skill one of its skills,
        /// within the caps: the search never invents.
        #[test]
        fn seeded_filters_only_hold_what_the_resume_says(
            roles in prop::collection::vec("[A-Za-z ]{0,24}", 0..12),
            skills in prop::collection::vec("[A-Za-z+#]{0,10}", 0..30),
        ) {
            let s = Sections {
                experience: roles.iter().map(|r| job(r, None, None)).collect(),
                skills: skills.clone(),
                ..Sections::default()
            };
            if let Some(f) = filters(&s) {
                prop_assert!(f.titles.len() <= MAX_TITLES && f.skills.len() <= MAX_SKILLS);
                prop_assert!(f.titles.iter().all(|t| roles.iter().any(|r| r.trim() == t)));
                prop_assert!(f.skills.iter().all(|k| skills.iter().any(|s| s.trim() == k)));
            }
        }
    }
}
