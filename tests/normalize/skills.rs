//! `SkillMatcher` on the shared job descriptions and on word-boundary cases.

use jobpilot::domain::skills::SkillMatcher;

use crate::testdata;

fn tags_of(file: &str) -> Vec<String> {
    let text = testdata(&format!("job_descriptions/{file}.txt"));
    SkillMatcher::builtin().tags("", &text)
}

fn assert_tags(file: &str, present: &[&str], absent: &[&str]) {
    let tags = tags_of(file);
    for want in present {
        assert!(
            tags.iter().any(|t| t == want),
            "{file}: {want} missing from {tags:?}"
        );
    }
    for unwanted in absent {
        assert!(
            !tags.iter().any(|t| t == unwanted),
            "{file}: {unwanted} wrongly in {tags:?}"
        );
    }
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
