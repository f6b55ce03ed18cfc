//! What a role's title and team names say: the practice a role noun names ("Recruiter" →
//! recruitment) and the group nouns that make a business function a department, not a skill.

/// Words that, right after a business function, make it the name of a group of people: "our
/// Customer Success team", "customer support agents", "Product Marketing partners" name
/// colleagues, not a skill the role needs. Tech skills are left alone: "the data science team" a
/// role works in still says what it works with.
pub(super) const GROUP_NOUNS: &[&str] = &[
    "team", "teams", "org", "orgs", "organization", "organizations", "organisation",
    "organisations", "department", "departments", "function", "functions", "leader", "leaders",
    "leadership", "counterparts", "colleagues", "partners", "agents", "reps", "representatives",
    "professionals", "staff", "managers",
];

/// Whether the text after a term starts (past spaces on the same line) with a [`GROUP_NOUNS`]
/// word.
pub(super) fn names_a_group(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', '\t']);
    let word_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
    let word = &rest[..word_end];
    GROUP_NOUNS.iter().any(|noun| noun.eq_ignore_ascii_case(word))
}

/// Role nouns and the practice each names: a title's "Recruiter" is someone who does
/// recruitment, a "Data Engineer" does data engineering. The practice is only a tag when the
/// taxonomy has it ("Security Engineer" → security engineering; "Staff Engineer" → nothing).
pub(super) const ROLE_PRACTICES: &[(&str, &str)] = &[
    ("manager", "management"),
    ("managers", "management"),
    ("engineer", "engineering"),
    ("engineers", "engineering"),
    ("analyst", "analysis"),
    ("analysts", "analysis"),
    ("designer", "design"),
    ("designers", "design"),
    ("developer", "development"),
    ("developers", "development"),
    ("architect", "architecture"),
    ("architects", "architecture"),
    ("scientist", "science"),
    ("scientists", "science"),
    ("researcher", "research"),
    ("planner", "planning"),
    ("recruiter", "recruitment"),
    ("recruiters", "recruitment"),
    ("marketer", "marketing"),
    ("writer", "writing"),
    ("copywriter", "copywriting"),
    ("consultant", "consulting"),
    ("administrator", "administration"),
    ("coordinator", "coordination"),
    ("strategist", "strategy"),
    ("investigator", "investigation"),
    ("inspector", "inspection"),
    ("auditor", "auditing"),
    ("bookkeeper", "bookkeeping"),
    ("nurse", "nursing"),
    ("trainer", "training"),
    ("tester", "testing"),
    ("negotiator", "negotiation"),
    ("producer", "production"),
    ("translator", "translation"),
    ("programmer", "programming"),
    ("editor", "editing"),
    ("illustrator", "illustration"),
    ("instructor", "instruction"),
    ("teacher", "teaching"),
    ("underwriter", "underwriting"),
];

/// The title with each role noun replaced by the practice it names ("Senior Account Manager" →
/// "Senior Account management"), or `None` when it has no role noun.
pub(super) fn practice_title(title: &str) -> Option<String> {
    let mut out = String::with_capacity(title.len() + 8);
    let mut replaced = false;
    let mut rest = title;
    while !rest.is_empty() {
        let word_end = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let (word, after) = rest.split_at(word_end);
        match ROLE_PRACTICES.iter().find(|(role, _)| role.eq_ignore_ascii_case(word)) {
            Some((_, practice)) => {
                out.push_str(practice);
                replaced = true;
            }
            None => out.push_str(word),
        }
        let gap_end = after.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(after.len());
        out.push_str(&after[..gap_end]);
        rest = &after[gap_end..];
    }
    replaced.then_some(out)
}
