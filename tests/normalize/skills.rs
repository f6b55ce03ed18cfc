//! `SkillMatcher` on the shared job descriptions and on word-boundary cases.

use jobpilot::domain::skills::SkillMatcher;

use crate::testdata;

fn tags_of(file: &str) -> Vec<String> {
    let text = testdata(&format!("job_descriptions/{file}.txt"));
    SkillMatcher::builtin().tags("", &text)
}

fn assert_tags(file: &str, present: &[&str], absent: &[&str]) {
    let tags = tags_of(file);
    check(&tags, present, absent); // the message lists the tags, which name the file's role
}

#[test]
fn the_backend_description_yields_its_stack() {
    let present = [
        "python",
        "fastapi",
        "django",
        "aws",
        "ecs",
        "rds",
        "elasticache",
        "microservices",
        "event-driven architecture",
        "kafka",
        "data modeling",
        "postgresql",
        "asyncio",
        "docker",
        "kubernetes",
        "sql",
        "redis",
        "ci/cd",
        "github actions",
        "circleci",
        "observability",
        "datadog",
        "opentelemetry",
    ];
    assert_tags("backend-eng", &present, &["go", "java", "react", "r", "c"]);
}

#[test]
fn the_frontend_description_yields_its_stack() {
    let present = [
        "react",
        "next.js",
        "typescript",
        "graphql",
        "server-side rendering",
        "tailwind css",
        "css-in-js",
        "wcag",
        "storybook",
        "vitest",
        "jest",
        "playwright",
        "core web vitals",
        "design systems",
    ];
    assert_tags(
        "frontend-eng",
        &present,
        &["java", "javascript", "python", "go"],
    );
}

#[test]
fn the_ml_description_yields_its_stack() {
    let present = [
        "machine learning",
        "apache spark",
        "mlflow",
        "pytorch",
        "python",
        "scikit-learn",
        "hugging face",
        "feature stores",
        "tecton",
        "a/b testing",
        "triton inference server",
        "sagemaker",
        "whylogs",
        "sql",
        "dask",
    ];
    assert_tags("ml-eng", &present, &["react", "go", "java"]);
}

#[test]
fn the_product_manager_description_yields_product_skills_and_no_go() {
    let present = [
        "product management",
        "product roadmap",
        "okrs",
        "mixpanel",
        "amplitude",
        "looker",
        "sql",
        "a/b testing",
        "saas",
        "stakeholder management",
        "go-to-market",
    ];
    assert_tags("product-manager", &present, &["go", "python", "react"]);
}

#[test]
fn short_names_match_only_as_whole_words() {
    let m = SkillMatcher::builtin();
    assert!(
        m.tags("", "good goals, go-to-market, let's go")
            .iter()
            .all(|t| t != "go")
    );
    assert_eq!(m.tags("", "We write Go and golang"), ["go"]);
    assert_eq!(m.tags("", "JavaScript only"), ["javascript"]);
    assert_eq!(m.tags("", "Java, not JavaScript"), ["java", "javascript"]);
    assert_eq!(
        m.tags("", "C++17, C# and .NET; ASP.NET"),
        ["c++", "c#", ".net", "asp.net"]
    );
    assert_eq!(m.tags("", "Node.js services"), ["node.js"]);
    assert!(m.tags("", "react quickly to incidents").is_empty());
    assert!(
        m.tags("", "at the helm of a swift rust-free excel sheet")
            .is_empty()
    );
}

#[test]
fn aliases_collapse_to_one_lower_case_tag_in_first_seen_order() {
    let m = SkillMatcher::builtin();
    let tags = m.tags(
        "Senior Golang Engineer (K8s)",
        "Postgres, PostgreSQL, k8s, Kubernetes and GOLANG.",
    );
    assert_eq!(tags, ["go", "kubernetes", "postgresql"]);
}

#[test]
fn phrases_broken_across_lines_still_match() {
    let m = SkillMatcher::builtin();
    assert_eq!(
        m.tags("", "strong stakeholder\n   management"),
        ["stakeholder management"]
    );
    // Non-breaking and em spaces (multi-byte) count as whitespace too, and letters outside
    // ASCII next to a term neither break the walk nor glue onto the term.
    assert_eq!(
        m.tags("", "Équipe: stakeholder\u{a0}\u{2003}management, café, React\u{a0}Native"),
        ["stakeholder management", "react native"]
    );
    assert!(m.tags("", "stakeholder—management").is_empty());
}

#[test]
fn esco_labels_tag_non_tech_postings() {
    let m = SkillMatcher::builtin();
    let tags = m.tags(
        "Store Manager",
        "Great customer service and risk management; agile project management.",
    );
    assert_eq!(
        tags,
        [
            "customer service",
            "risk management",
            "agile project management"
        ]
    );
}

#[test]
fn a_custom_matcher_tags_its_own_labels() {
    let m = SkillMatcher::new(["Welding", "forklift operation"]);
    assert_eq!(
        m.tags("Welder", "Forklift operation and WELDING."),
        ["forklift operation", "welding"]
    );
    assert!(m.tags("", "").is_empty());
}

/// Whether `tags` has every one of `present` and none of `absent`, with the tags in the message.
fn check(tags: &[String], present: &[&str], absent: &[&str]) {
    for want in present {
        assert!(
            tags.iter().any(|t| t == want),
            "{want} missing from {tags:?}"
        );
    }
    for unwanted in absent {
        assert!(
            !tags.iter().any(|t| t == unwanted),
            "{unwanted} wrongly in {tags:?}"
        );
    }
}

#[test]
fn non_engineering_postings_get_their_skills() {
    let m = SkillMatcher::builtin();
    let sales = m.tags(
        "Mid-Market Account Executive",
        "Own the full sales cycle from prospecting and cold calling to negotiation and close. \
         Keep Salesforce current, forecast accurately and build pipeline with lead generation \
         campaigns. Strong communication skills and a love of sales.",
    );
    check(
        &sales,
        &[
            "account management",
            "sales prospecting",
            "cold calling",
            "negotiation",
            "salesforce",
            "lead generation",
        ],
        &["sales", "communication", "marketing"],
    );
    let assistant = m.tags(
        "Executive Assistant to the CEO",
        "Calendar management across time zones, travel arrangements, expense reports and \
         event planning for the leadership offsite. Google Workspace power user.",
    );
    check(
        &assistant,
        &[
            "administrative support",
            "calendar management",
            "travel arrangements",
            "expense management",
            "event planning",
            "google workspace",
        ],
        &[],
    );
    let finance = m.tags(
        "Strategic Finance Manager",
        "Build financial models, run FP&A and budgeting, month-end close under US GAAP.",
    );
    check(
        &finance,
        &[
            "financial modelling",
            "fp&a",
            "budgeting",
            "month-end close",
            "gaap",
        ],
        &["finance"],
    );
    let recruiter = m.tags(
        "Senior Technical Recruiter",
        "Partner with hiring managers on candidate sourcing and structured interviewing.",
    );
    check(
        &recruiter,
        &["recruitment", "candidate sourcing", "interviewing"],
        &[],
    );
}

#[test]
fn ordinary_words_of_business_postings_are_not_tags() {
    let m = SkillMatcher::builtin();
    let tags = m.tags(
        "",
        "Sales, marketing, finance and operations work together around the world. Great \
         communication and leadership. During onboarding you will meet the team.",
    );
    assert!(tags.is_empty(), "{tags:?}");
}

#[test]
fn a_role_name_tags_its_practice_in_the_title_only() {
    let m = SkillMatcher::builtin();
    assert_eq!(
        m.tags("Account Executive, EMEA", ""),
        ["account management"]
    );
    assert_eq!(m.tags("Senior Account Manager", ""), ["account management"]);
    assert_eq!(m.tags("Bridge Inspector", ""), ["bridge inspection"]);
    assert_eq!(m.tags("Data Scientist, Pricing", ""), ["data science"]);
    // A role noun whose practice is no skill of the taxonomy adds nothing.
    assert!(m.tags("Staff Engineer", "").is_empty());
    assert!(m.tags("Country Manager, Norway", "").is_empty());
    // In a description the same words are other people.
    let tags = m.tags(
        "",
        "You will work with Account Executives, Recruiters and Bridge Inspectors.",
    );
    assert!(tags.is_empty(), "{tags:?}");
}

#[test]
fn a_business_function_named_as_a_team_is_not_a_skill() {
    let m = SkillMatcher::builtin();
    let tags = m.tags(
        "",
        "Partner with our Customer Success team, Talent Acquisition partners and customer \
         support agents.",
    );
    assert!(tags.is_empty(), "{tags:?}");
    assert_eq!(
        m.tags("", "Five years of customer success experience."),
        ["customer success"]
    );
    // Tech skills stay: the team a role works in says what it works with.
    assert_eq!(m.tags("", "Join the data science team."), ["data science"]);
}

#[test]
fn company_sections_are_not_read_for_skills() {
    let m = SkillMatcher::builtin();
    let description = "About Acme\n\
        Acme is backed by the founders of Airtable and Klaviyo.\n\n\
        About the Role\n\
        You will own our Salesforce reporting.\n\n\
        Benefits:\n\
        💰 Payroll and HRIS handled for you\n\
        🏝 Flexible time off\n\n\
        Equal Opportunity Employer\n\
        We value recruitment without bias.";
    assert_eq!(m.tags("Sales Analyst", description), ["salesforce"]);
}

#[test]
fn markdown_and_plain_headings_open_and_close_company_sections() {
    let m = SkillMatcher::builtin();
    let description = "## **Who we are**\n\n\
        We build Airtable integrations.\n\n\
        **About the team**\n\n\
        The team runs Kafka.\n\n\
        Why join us?\n\
        Klaviyo alumni everywhere.\n\n\
        What you'll do:\n\
        - Tune Kubernetes\n\n\
        About the company\n\
        We love Notion.";
    assert_eq!(m.tags("", description), ["kafka", "kubernetes"]);
}

#[test]
fn a_description_of_company_sections_only_is_read_whole() {
    let m = SkillMatcher::builtin();
    let description = "About us\nWe build Kubernetes tooling.\n\nBenefits\n- Health insurance";
    assert_eq!(m.tags("", description), ["kubernetes"]);
}

#[test]
fn a_term_inside_a_longer_word_is_not_found_through_the_automaton() {
    // The automaton's state after "evaluation" (a prefix of "evaluation theory") also reports
    // "valuation", which ends there but starts one letter later.
    let m = SkillMatcher::from_taxonomy("valuation", "evaluation theory");
    assert!(m.tags("", "an evaluation").is_empty());
    assert_eq!(
        m.tags("", "valuation and evaluation theory"),
        ["valuation", "evaluation theory"]
    );
    assert!(
        SkillMatcher::builtin()
            .tags("", "Total Rewards, Evaluation")
            .is_empty()
    );
}
