//! The round trip the issue asks for: a rendered PDF, read back by Jobpilot's own resume
//! parser, gives the same companies, roles, dates, schools and skills.

mod support;

use jobpilot_render::{Paper, Template, pdf};
use jobpilot_resume::Sections;
use support::sample;

fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn jobs(s: &Sections) -> Vec<(String, String, Option<String>, Option<String>)> {
    let mut v: Vec<_> = s
        .experience
        .iter()
        .map(|e| (norm(&e.company), norm(&e.role), e.start.as_deref().map(month), e.end.as_deref().map(month)))
        .collect();
    v.sort();
    v
}

/// Dates compare at month precision (the PDF prints "Mar 2020", never a day).
fn month(d: &str) -> String {
    d.chars().take(7).collect()
}

fn sorted(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut v: Vec<String> = items.map(|s| norm(&s)).collect();
    v.sort();
    v
}

#[test]
fn every_template_and_paper_parses_back_into_the_same_sections() {
    let original = sample();
    for template in Template::ALL {
        for paper in Paper::ALL {
            let bytes = pdf(&original, template, paper).expect("renders");
            // Kept for a look when the comparison fails (`cargo run -p jobpilot-resume --example explain`).
            std::fs::write(std::env::temp_dir().join(format!("jobpilot-round-trip-{template}-{paper:?}.pdf")), &bytes).expect("temp dir");
            let parsed = jobpilot_resume::parse(&bytes, None).expect("the parser reads our own PDF").sections;
            let ctx = format!("{template} {paper:?}");
            assert_eq!(jobs(&parsed), jobs(&original), "{ctx}: companies, roles and dates");
            assert_eq!(
                sorted(parsed.education.iter().map(|e| e.school.clone())),
                sorted(original.education.iter().map(|e| e.school.clone())),
                "{ctx}: schools"
            );
            assert_eq!(sorted(parsed.skills.iter().cloned()), sorted(original.skills.iter().cloned()), "{ctx}: skills");
        }
    }
}
