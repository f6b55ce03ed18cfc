//! Tailoring invents nothing: for every real posting times every real resume, and for resumes
//! proptest makes up, every skill, employer, title, date, school, degree, certification and
//! bullet of the tailored version is the base's, and its summary names no taxonomy skill the
//! base lacks. Checked here directly, not only through the guard the code uses.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use jobpilot::domain::resume_fit::{PostingText, tailor, text_terms, violations};
use jobpilot_resume::{Contact, Education, Experience, Sections};
use proptest::prelude::*;

use crate::data;

fn postings() -> &'static Vec<PostingText> {
    static POSTINGS: OnceLock<Vec<PostingText>> = OnceLock::new();
    POSTINGS.get_or_init(data::postings)
}

/// Every term any free-text field of the base names (skills, bullets, summary, roles…).
fn base_terms(base: &Sections) -> BTreeSet<String> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(base.summary.as_deref());
    texts.extend(base.headline.as_deref());
    texts.extend(base.skills.iter().map(String::as_str));
    texts.extend(base.certifications.iter().map(String::as_str));
    texts.extend(base.languages.iter().map(String::as_str));
    for job in &base.experience {
        texts.push(&job.role);
        texts.extend(job.bullets.iter().map(String::as_str));
    }
    for school in &base.education {
        texts.extend(school.degree.as_deref());
        texts.extend(school.field.as_deref());
    }
    for project in &base.projects {
        texts.push(&project.name);
        texts.extend(project.description.as_deref());
        texts.extend(project.bullets.iter().map(String::as_str));
    }
    texts.into_iter().flat_map(text_terms).collect()
}

/// Panics with the posting's title and the first invented fact, if any.
fn assert_invents_nothing(base: &Sections, posting: &PostingText) {
    let tailored = tailor(base, posting);
    let at = &posting.title;
    assert_eq!(tailored.contact, base.contact, "{at}: contact");
    assert!(tailored.headline.is_none() || tailored.headline == base.headline, "{at}: headline");
    for skill in &tailored.skills {
        assert!(base.skills.contains(skill), "{at}: skill {skill:?} is not the base's");
    }
    for cert in &tailored.certifications {
        assert!(base.certifications.contains(cert), "{at}: certification {cert:?}");
    }
    for school in &tailored.education {
        assert!(base.education.contains(school), "{at}: education {school:?}");
    }
    assert!(tailored.experience.len() <= base.experience.len(), "{at}: more jobs than the base");
    for (job, base_job) in tailored.experience.iter().zip(&base.experience) {
        assert_eq!((&job.company, &job.role, &job.start, &job.end, job.current, &job.location),
            (&base_job.company, &base_job.role, &base_job.start, &base_job.end, base_job.current, &base_job.location), "{at}: job changed");
        for bullet in &job.bullets {
            assert!(base_job.bullets.contains(bullet), "{at}: bullet {bullet:?} is not this job's");
        }
    }
    if let Some(summary) = &tailored.summary {
        let allowed = base_terms(base);
        let named = text_terms(summary);
        let invented: Vec<&String> = named.difference(&allowed).collect();
        assert!(invented.is_empty(), "{at}: the summary names {invented:?}: {summary}");
    }
    let problems = violations(base, &tailored);
    assert!(problems.is_empty(), "{at}: the guard refuses the rules' own output: {problems:?}");
}

#[test]
fn tailoring_invents_nothing_for_every_real_posting_and_every_real_resume() {
    let postings = postings();
    assert!(postings.len() > 900, "expected the whole test data, read {}", postings.len());
    let mut resumes = vec![data::json_resume_sample()];
    resumes.extend(data::reactive_resumes());
    for base in &resumes {
        for posting in postings {
            assert_invents_nothing(base, posting);
        }
    }
    eprintln!("{} postings × {} resumes tailored, nothing invented", postings.len(), resumes.len());
}

/// Words resumes are made of: real skills and tools in several spellings, verbs, numbers, and
/// words that only look like skills ("Go" the verb, "Java" inside "JavaScript").
const WORDS: &[&str] = &[
    "Python", "JS", "JavaScript", "Java", "Go", "golang", "Rust", "Postgres", "PostgreSQL", "Kafka", "React",
    "Excel", "SQL", "AWS", "Kubernetes", "Docker", "Salesforce", "negotiation", "customer success", "SEO",
    "Built", "Led", "Go", "above", "and", "beyond", "Managed", "Cut", "costs", "by", "40%", "12", "teams", "for",
    "the", "with", "in", "Spark", "interest", "React", "quickly", "to", "incidents", "PMP", "CISSP",
];

fn phrase(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..max).prop_map(|w| w.join(" "))
}

prop_compose! {
    fn job()(company in "[A-Z][a-z]{2,10}( Inc)?", role in phrase(4), start in "20[01][0-9]-0[1-9]",
             current in any::<bool>(), bullets in prop::collection::vec(phrase(12), 0..8)) -> Experience {
        Experience { company, role, start: Some(start), current, bullets, ..Experience::default() }
    }
}

prop_compose! {
    fn resume()(skills in prop::collection::vec(phrase(3), 0..12), summary in prop::option::of(phrase(25)),
                headline in prop::option::of(phrase(5)), jobs in prop::collection::vec(job(), 0..4),
                certifications in prop::collection::vec(prop::sample::select(vec!["PMP", "CISSP", "AWS Certified Developer"]), 0..2),
                school in prop::option::of("[A-Z][a-z]{3,8} University")) -> Sections {
        Sections {
            contact: Contact { name: Some("Test Person".into()), ..Contact::default() },
            headline, summary, skills, experience: jobs,
            certifications: certifications.into_iter().map(String::from).collect(),
            education: school.map(|school| Education { school, degree: Some("BSc".into()), ..Education::default() }).into_iter().collect(),
            ..Sections::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn tailoring_a_generated_resume_for_a_real_posting_invents_nothing(base in resume(), pick in any::<prop::sample::Index>()) {
        let postings = postings();
        let posting = &postings[pick.index(postings.len())];
        assert_invents_nothing(&base, posting);
    }
}
