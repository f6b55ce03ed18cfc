//! The ATS score: how well one resume covers one posting, 0–100, with its breakdown and what
//! the person could change (truthfully).
//!
//! Weights ([`WEIGHTS`]): required keywords 50, preferred keywords 15, section completeness 20,
//! bullet strength 15. A part with nothing to measure (a posting with no preferred keywords, a
//! resume with no bullets) drops out and the others are scaled up to 100, so a posting that
//! lists no extras does not cap everyone at 85.

use jobpilot_resume::Sections;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::bullets::{BulletWeakness, weaknesses};
use super::terms::TermIndex;
use super::{Importance, Keyword, KeywordKind, PostingText, posting_keywords};

/// (part, points) — see the module's documentation.
pub const WEIGHTS: [(&str, f64); 4] = [
    ("required_keywords", 50.0),
    ("preferred_keywords", 15.0),
    ("sections", 20.0),
    ("bullets", 15.0),
];

/// Sections an ATS and a recruiter look for, and what each is worth within completeness.
const SECTION_WEIGHTS: [(&str, f64); 7] = [
    ("name", 1.0),
    ("email", 1.0),
    ("phone", 0.5),
    ("summary", 1.0),
    ("skills", 1.5),
    ("experience", 2.0),
    ("education", 1.0),
];

/// Weak bullets reported at most, so a long resume's suggestions stay readable.
const MAX_BULLET_SUGGESTIONS: usize = 8;

/// One part of the score.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Component {
    pub name: String,
    /// Points this part is worth out of 100 (after parts with nothing to measure drop out).
    pub weight: f64,
    /// 0–1: how much of it the resume has.
    pub ratio: f64,
    /// `weight × ratio`, what it adds to the score.
    pub points: f64,
    pub detail: String,
}

/// One posting keyword and whether the resume has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct KeywordCoverage {
    pub term: String,
    pub kind: KeywordKind,
    pub importance: Importance,
    pub matched: bool,
}

/// One section and whether the resume has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SectionCheck {
    pub section: String,
    pub present: bool,
}

/// Something the person could change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Suggestion {
    /// missing_keyword, weak_bullet or missing_section.
    pub kind: String,
    pub text: String,
    /// The keyword, bullet text or section concerned.
    pub subject: String,
}

/// The whole report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct AtsReport {
    /// 0–100.
    pub score: i32,
    pub breakdown: Vec<Component>,
    pub keywords: Vec<KeywordCoverage>,
    /// Terms of the posting the resume covers, required first.
    pub matched: Vec<String>,
    /// Terms of the posting the resume lacks, required first.
    pub missing: Vec<String>,
    pub sections: Vec<SectionCheck>,
    pub suggestions: Vec<Suggestion>,
}

/// Scores `resume` against `posting`.
pub fn score(resume: &Sections, posting: &PostingText) -> AtsReport {
    let keywords = posting_keywords(&posting.title, &posting.description);
    score_with(resume, &keywords)
}

/// Scores against keywords already read from the posting.
pub(super) fn score_with(resume: &Sections, keywords: &[Keyword]) -> AtsReport {
    let index = TermIndex::of_resume(resume);
    let coverage: Vec<KeywordCoverage> = keywords
        .iter()
        .map(|k| KeywordCoverage { term: k.term.clone(), kind: k.kind, importance: k.importance, matched: index.has(&k.term) })
        .collect();
    let sections = section_checks(resume);
    let bullets: Vec<&String> = resume.experience.iter().flat_map(|j| &j.bullets).collect();
    let weak: Vec<(&String, Vec<BulletWeakness>)> =
        bullets.iter().map(|b| (*b, weaknesses(b))).filter(|(_, w)| !w.is_empty()).collect();

    let mut parts: Vec<(&str, Option<f64>, String)> = Vec::new();
    for importance in [Importance::Required, Importance::Preferred] {
        let of_kind: Vec<&KeywordCoverage> = coverage.iter().filter(|c| c.importance == importance).collect();
        let hit = of_kind.iter().filter(|c| c.matched).count();
        let ratio = (!of_kind.is_empty()).then(|| hit as f64 / of_kind.len() as f64);
        let name = if importance == Importance::Required { "required_keywords" } else { "preferred_keywords" };
        parts.push((name, ratio, format!("{hit} of {} keywords", of_kind.len())));
    }
    let total: f64 = SECTION_WEIGHTS.iter().map(|(_, w)| w).sum();
    let have: f64 = SECTION_WEIGHTS.iter().filter(|(s, _)| sections.iter().any(|c| c.section == *s && c.present)).map(|(_, w)| w).sum();
    let present = sections.iter().filter(|c| c.present).count();
    parts.push(("sections", Some(have / total), format!("{present} of {} sections", sections.len())));
    let strong = bullets.len() - weak.len();
    let ratio = (!bullets.is_empty()).then(|| strong as f64 / bullets.len() as f64);
    parts.push(("bullets", ratio, format!("{strong} of {} bullets strong", bullets.len())));

    let breakdown = weigh(parts);
    let score = breakdown.iter().map(|c| c.points).sum::<f64>().round().clamp(0.0, 100.0) as i32;
    let matched = coverage.iter().filter(|c| c.matched).map(|c| c.term.clone()).collect();
    let missing = coverage.iter().filter(|c| !c.matched).map(|c| c.term.clone()).collect();
    let suggestions = suggestions(&coverage, &sections, &weak);
    AtsReport { score, breakdown, keywords: coverage, matched, missing, sections, suggestions }
}

/// The parts with something to measure, their weights scaled to add up to 100.
fn weigh(parts: Vec<(&str, Option<f64>, String)>) -> Vec<Component> {
    let weight_of = |name: &str| WEIGHTS.iter().find(|(n, _)| *n == name).map_or(0.0, |(_, w)| *w);
    let measured: f64 = parts.iter().filter(|(_, r, _)| r.is_some()).map(|(n, _, _)| weight_of(n)).sum();
    parts
        .into_iter()
        .filter_map(|(name, ratio, detail)| {
            let ratio = ratio?;
            let weight = if measured > 0.0 { weight_of(name) * 100.0 / measured } else { 0.0 };
            let round = |x: f64| (x * 10.0).round() / 10.0;
            Some(Component { name: name.to_string(), weight: round(weight), ratio: (ratio * 1000.0).round() / 1000.0, points: round(weight * ratio), detail })
        })
        .collect()
}

fn section_checks(s: &Sections) -> Vec<SectionCheck> {
    let filled = |o: &Option<String>| o.as_deref().is_some_and(|t| !t.trim().is_empty());
    let checks = [
        ("name", filled(&s.contact.name)),
        ("email", filled(&s.contact.email)),
        ("phone", filled(&s.contact.phone)),
        ("summary", filled(&s.summary)),
        ("skills", !s.skills.is_empty()),
        ("experience", !s.experience.is_empty()),
        ("education", !s.education.is_empty()),
    ];
    checks.into_iter().map(|(section, present)| SectionCheck { section: section.to_string(), present }).collect()
}

fn suggestions(coverage: &[KeywordCoverage], sections: &[SectionCheck], weak: &[(&String, Vec<BulletWeakness>)]) -> Vec<Suggestion> {
    let mut out = Vec::new();
    for c in coverage.iter().filter(|c| !c.matched) {
        let asks = if c.importance == Importance::Required { "asks for" } else { "would like" };
        let place = match c.kind {
            KeywordKind::Certification => "your certifications",
            _ => "your skills, or to a bullet that shows where you used it",
        };
        out.push(Suggestion {
            kind: "missing_keyword".into(),
            text: format!("Only if it is true: add “{}” to {place}. The posting {asks} it.", c.term),
            subject: c.term.clone(),
        });
    }
    for s in sections.iter().filter(|s| !s.present) {
        out.push(Suggestion { kind: "missing_section".into(), text: format!("Add your {}: ATS readers look for it.", s.section), subject: s.section.clone() });
    }
    for (bullet, why) in weak.iter().take(MAX_BULLET_SUGGESTIONS) {
        let reasons: Vec<&str> = why
            .iter()
            .map(|w| match w {
                BulletWeakness::NoNumber => "add a number that shows the size of the result, if you know it",
                BulletWeakness::NoActionVerb => "start with an action verb (Built, Led, Cut…)",
                BulletWeakness::TooLong => "shorten it to one line",
            })
            .collect();
        out.push(Suggestion { kind: "weak_bullet".into(), text: format!("Strengthen this bullet: {}.", reasons.join("; ")), subject: (*bullet).clone() });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jobpilot_resume::{Contact, Education, Experience};

    fn resume(skills: &[&str], bullets: &[&str]) -> Sections {
        Sections {
            contact: Contact { name: Some("Ada".into()), email: Some("ada@example.org".into()), phone: Some("1".into()), ..Contact::default() },
            summary: Some("Engineer.".into()),
            skills: skills.iter().map(|s| s.to_string()).collect(),
            experience: vec![Experience { company: "Acme".into(), role: "Engineer".into(), bullets: bullets.iter().map(|s| s.to_string()).collect(), ..Experience::default() }],
            education: vec![Education { school: "Uni".into(), ..Education::default() }],
            ..Sections::default()
        }
    }

    fn posting(description: &str) -> PostingText {
        PostingText { title: "Backend Engineer".into(), company: None, description: description.into() }
    }

    #[test]
    fn synonyms_count_as_matches_and_missing_keywords_are_listed() {
        let report = score(&resume(&["JS", "Postgres"], &["Built 3 services"]), &posting("Requirements: JavaScript, PostgreSQL and Kafka."));
        assert!(report.matched.contains(&"javascript".to_string()), "{report:?}");
        assert!(report.matched.contains(&"postgresql".to_string()));
        assert!(report.missing.contains(&"kafka".to_string()));
    }

    #[test]
    fn the_breakdown_adds_up_to_the_score_and_weights_to_100() {
        let report = score(&resume(&["Python"], &["Responsible for stuff", "Built 3 services"]), &posting("Requirements: Python and Kafka.\nNice to have: Redis"));
        let points: f64 = report.breakdown.iter().map(|c| c.points).sum();
        assert!((points.round() - report.score as f64).abs() <= 1.0, "{report:?}");
        let weights: f64 = report.breakdown.iter().map(|c| c.weight).sum();
        assert!((weights - 100.0).abs() < 0.5);
        assert!(report.score > 0 && report.score < 100);
    }

    #[test]
    fn covering_more_keywords_raises_the_score() {
        let p = posting("Requirements: Python, Kafka, Docker and Kubernetes.");
        let low = score(&resume(&["Python"], &["Built 3 services"]), &p).score;
        let high = score(&resume(&["Python", "Kafka", "Docker", "Kubernetes"], &["Built 3 services"]), &p).score;
        assert!(high > low, "{low} → {high}");
    }

    #[test]
    fn suggestions_say_only_if_true_and_name_weak_bullets() {
        let report = score(&resume(&[], &["Responsible for the billing system"]), &posting("Requirements: Kafka."));
        let keyword = report.suggestions.iter().find(|s| s.kind == "missing_keyword").expect("a keyword suggestion");
        assert!(keyword.text.starts_with("Only if it is true"), "{}", keyword.text);
        assert!(report.suggestions.iter().any(|s| s.kind == "weak_bullet" && s.subject == "Responsible for the billing system"));
    }

    #[test]
    fn a_resume_saying_go_the_verb_does_not_match_a_go_posting() {
        let report = score(&resume(&[], &["Go above and beyond for 30 customers"]), &posting("Requirements: Go and gRPC."));
        assert!(report.missing.contains(&"go".to_string()), "{report:?}");
    }

    #[test]
    fn javascript_on_the_resume_does_not_cover_java() {
        let report = score(&resume(&["JavaScript"], &[]), &posting("Requirements: Java and Spring."));
        assert!(report.missing.contains(&"java".to_string()), "{report:?}");
    }

    #[test]
    fn an_empty_posting_scores_only_the_resume_itself() {
        let report = score(&resume(&["Python"], &["Built 3 services"]), &PostingText::default());
        assert!(report.keywords.is_empty());
        assert!(report.breakdown.iter().all(|c| c.name != "required_keywords"));
        assert_eq!(report.score, 100);
    }
}
