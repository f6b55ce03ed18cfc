//! Text into canonical taxonomy terms, read the same way for a posting and a resume, so
//! synonyms and spellings meet ("JS" and "JavaScript" are both `javascript`, "Postgres" is
//! `postgresql`), on whole words only ("Java" inside "JavaScript" is not Java).

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::OnceLock;

use jobpilot_resume::Sections;

use super::KeywordKind;
use crate::domain::skills::SkillMatcher;

/// Tool names the taxonomy matches only when capitalised, which are also English verbs or
/// adjectives. At the start of a sentence or clause, followed by another word, they are the
/// English word: "Go above and beyond", "(Go Sooners!)", "React quickly to incidents".
const VERB_LIKE: &[&str] = &["Go", "React", "Excel", "Spark", "Swift", "Rust"];

/// Words after a clause-initial [`VERB_LIKE`] name that make it the tool after all
/// ("Go services", "React and TypeScript").
const TECH_FOLLOWERS: &[&str] = &[
    "and", "or", "developer", "developers", "engineer", "engineers", "engineering", "service",
    "services", "microservices", "code", "codebase", "programming", "backend", "frontend",
    "application", "applications", "apps", "api", "apis", "language", "runtime", "library",
    "libraries", "components", "hooks", "native", "modules", "tooling", "experience",
    "expertise", "development", "jobs", "clusters", "pipelines", "spreadsheets", "models",
];

/// Characters after which a word starts a sentence or a clause.
const CLAUSE_MARKS: &[char] = &['.', '!', '?', '(', ':', ';', '"', '“', '•', '-', '*', '–', '—', '\n'];

/// Certifications the general taxonomy does not list, matched as whole words (case-insensitive).
/// Short acronyms that are also common words or titles (CSM is also "Customer Success Manager")
/// are left out.
const CERTIFICATIONS: &[&str] = &[
    "PMP", "CAPM", "PgMP", "CISSP", "CISA", "CISM", "CRISC", "CEH", "OSCP", "GIAC", "CIPP",
    "CIPM", "CPA", "CFA", "CMA", "FRM", "CFP", "ACCA", "CCNA", "CCNP", "CCIE", "PHR", "SPHR",
    "SHRM-CP", "SHRM-SCP", "ITIL", "Six Sigma", "Lean Six Sigma", "CompTIA Security+",
    "CompTIA A+", "CompTIA Network+", "CKA", "CKAD", "CKS", "Certified ScrumMaster",
    "Certified Scrum Master", "PSM", "SAFe Agilist", "CSCP", "CPIM", "AWS Certified Developer",
    "AWS Certified Solutions Architect", "AWS Certified Cloud Practitioner",
    "Google Cloud Certified", "Microsoft Certified", "Salesforce Certified Administrator",
];

/// The sections of `tech.txt` whose entries are named products (tools), not practices.
const TOOL_SECTIONS: &[&str] = &["web and app frameworks", "data stores", "cloud and infrastructure", "tooling and delivery"];
const TECH: &str = include_str!("../../../data/skills/tech.txt");

fn certifications() -> &'static SkillMatcher {
    static MATCHER: OnceLock<SkillMatcher> = OnceLock::new();
    MATCHER.get_or_init(|| SkillMatcher::new(CERTIFICATIONS.iter().copied()))
}

/// Canonical tag → kind, for the curated tech list's tool sections.
fn tool_tags() -> &'static HashMap<String, KeywordKind> {
    static TOOLS: OnceLock<HashMap<String, KeywordKind>> = OnceLock::new();
    TOOLS.get_or_init(|| {
        let mut tools = HashMap::new();
        let mut in_tools = false;
        for line in TECH.lines().map(str::trim) {
            if let Some(section) = line.strip_prefix("# ---") {
                in_tools = TOOL_SECTIONS.iter().any(|s| section.trim().starts_with(s));
                continue;
            }
            if line.is_empty() || line.starts_with('#') || !in_tools {
                continue;
            }
            let head = line.split('|').next().unwrap_or("").trim().trim_start_matches(['!', '=']);
            tools.insert(head.to_lowercase(), KeywordKind::Tool);
        }
        tools
    })
}

/// The kind of a canonical term.
pub(super) fn kind_of(term: &str) -> KeywordKind {
    let cert = CERTIFICATIONS.iter().any(|c| c.eq_ignore_ascii_case(term))
        || ["certified", "certification", "certificate"].iter().any(|w| term.contains(w));
    if cert {
        KeywordKind::Certification
    } else {
        tool_tags().get(term).copied().unwrap_or(KeywordKind::Skill)
    }
}

/// `text` with every clause-initial [`VERB_LIKE`] English word lower-cased, so the taxonomy's
/// case-sensitive spelling no longer takes it for the tool.
pub(super) fn neutralize(text: &str) -> Cow<'_, str> {
    let mut lower: Vec<(usize, usize)> = Vec::new();
    for word in VERB_LIKE {
        for (at, _) in text.match_indices(word) {
            let end = at + word.len();
            let before = text[..at].trim_end_matches([' ', '\t']).chars().next_back();
            let clause_start = before.is_none_or(|c| CLAUSE_MARKS.contains(&c));
            let rest = &text[end..];
            let Some(next_text) = rest.strip_prefix(' ') else { continue };
            let next: String = next_text.chars().take_while(|c| c.is_alphabetic()).collect();
            if clause_start && !next.is_empty() && !TECH_FOLLOWERS.contains(&next.to_lowercase().as_str()) {
                lower.push((at, end));
            }
        }
    }
    if lower.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = text.to_string();
    for (at, end) in lower {
        let word = out[at..end].to_lowercase();
        out.replace_range(at..end, &word);
    }
    Cow::Owned(out)
}

/// The canonical terms named in free text (a bullet, a summary, a skills entry), line by line.
pub fn text_terms(text: &str) -> BTreeSet<String> {
    let mut terms = BTreeSet::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let line = neutralize(line);
        terms.extend(SkillMatcher::builtin().tags("", &line));
        terms.extend(certifications().tags("", &line));
    }
    terms
}

/// The terms a job title names, read as a title (role names count there: "Account Executive").
pub(super) fn title_terms(title: &str) -> BTreeSet<String> {
    let mut terms: BTreeSet<String> = SkillMatcher::builtin().tags(&neutralize(title), "").into_iter().collect();
    terms.extend(certifications().tags("", title));
    terms
}

/// Every term a resume supports, for matching a posting's keywords against it.
#[derive(Clone, Debug, Default)]
pub struct TermIndex {
    pub terms: BTreeSet<String>,
}

impl TermIndex {
    /// Everything the resume says: skills, certifications, languages, summary, headline, the
    /// roles held (read as titles), bullets, projects, degrees.
    pub fn of_resume(sections: &Sections) -> TermIndex {
        let mut terms = BTreeSet::new();
        for text in resume_texts(sections) {
            terms.extend(text_terms(text));
        }
        for job in &sections.experience {
            terms.extend(title_terms(&job.role));
        }
        TermIndex { terms }
    }

    pub fn has(&self, term: &str) -> bool {
        self.terms.contains(term)
    }
}

/// Every free-text field of a resume (not contact details: a town is no skill).
pub(super) fn resume_texts(s: &Sections) -> Vec<&str> {
    let mut texts: Vec<&str> = Vec::new();
    texts.extend(s.summary.as_deref());
    texts.extend(s.headline.as_deref());
    texts.extend(s.skills.iter().map(String::as_str));
    texts.extend(s.certifications.iter().map(String::as_str));
    texts.extend(s.languages.iter().map(String::as_str));
    for job in &s.experience {
        texts.push(&job.role);
        texts.extend(job.bullets.iter().map(String::as_str));
    }
    for school in &s.education {
        texts.extend(school.degree.as_deref());
        texts.extend(school.field.as_deref());
    }
    for project in &s.projects {
        texts.push(&project.name);
        texts.extend(project.description.as_deref());
        texts.extend(project.bullets.iter().map(String::as_str));
    }
    texts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_the_verb_is_not_go_the_language() {
        for text in ["Go above and beyond for every customer", "Huge fan of the team. (Go Sooners!)", "Go to market with partners"] {
            assert!(!text_terms(text).contains("go"), "{text}");
        }
        for text in ["Built billing services in Go and Rust", "Go, Python, SQL", "Go services at scale", "Wrote Go"] {
            assert!(text_terms(text).contains("go"), "{text}");
        }
    }

    #[test]
    fn java_inside_javascript_is_not_java() {
        let terms = text_terms("Five years of JavaScript and TypeScript");
        assert!(terms.contains("javascript"), "{terms:?}");
        assert!(!terms.contains("java"), "{terms:?}");
    }

    #[test]
    fn synonyms_and_spellings_reach_one_canonical_term() {
        assert!(text_terms("JS").contains("javascript"));
        assert!(text_terms("Postgres").contains("postgresql"));
        assert!(text_terms("PostgreSQL").contains("postgresql"));
        assert!(text_terms("golang").contains("go"));
    }

    #[test]
    fn react_quickly_is_not_react_but_react_developer_is() {
        assert!(!text_terms("React quickly to customer escalations").contains("react"));
        assert!(text_terms("React developer for five years").contains("react"));
    }

    #[test]
    fn certifications_outside_the_taxonomy_are_found_and_classified() {
        let terms = text_terms("Holds the CISSP and PMP certifications");
        assert!(terms.contains("cissp") && terms.contains("pmp"), "{terms:?}");
        assert_eq!(kind_of("cissp"), KeywordKind::Certification);
        assert_eq!(kind_of("postgresql"), KeywordKind::Tool);
        assert_eq!(kind_of("python"), KeywordKind::Skill);
    }
}
