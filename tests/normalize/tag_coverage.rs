//! Skill-tag coverage on every real board payload: each file, parsed by its own connector and
//! normalised like ingest does, must give at least one tag to nine postings in ten.

use std::path::{Path, PathBuf};

use jobpilot::connectors::{BoardContext, parse};
use jobpilot::domain::normalize::normalize;
use jobpilot::domain::skills::SkillMatcher;

/// The share of a file's postings that must carry at least one tag.
const MIN_COVERAGE: f64 = 0.9;

/// Postings whose whole text (title and description) names no skill, so that no tag would be
/// right; each was read. (file path ending, title, what the text is.) They count in the printed
/// coverage, not in the asserted one.
const NAMES_NO_SKILL: &[(&str, &str, &str)] = &[
    (
        "recruitai/greenhouse.json",
        "Anthropic Fellows Program",
        "the company's mission paragraph and an application link",
    ),
    (
        "recruitai/greenhouse.json",
        "Anthropic Fellows Program, AI Safety",
        "the company's mission paragraph and an application link",
    ),
    (
        "careerkit/oracle_orc.json",
        "Technology and Communications Sector Leader",
        "a title without a description",
    ),
    (
        "external/ashby-moonlake.json",
        "Generalist",
        "an open application: \"great talent doesn't always fit into predefined boxes\"",
    ),
    (
        "external/ashby-wealthsimple.json",
        "Future Opportunities - North Star: Calling all Canadians Abroad",
        "a talent pool; the description was cut upstream inside the company's paragraph",
    ),
    (
        "external/ashby-wealthsimple.json",
        "Lead, Workplace Operations",
        "the description was cut upstream inside the company's paragraph",
    ),
    (
        "external/ashby-wealthsimple.json",
        "Associé(e) bilingue, Succès Client – Télétravail (CDD)",
        "a French title; the description was cut upstream inside the company's paragraph",
    ),
    (
        "external/ashby-wealthsimple.json",
        "Associé(e) bilingue, Succès Client - Toronto - Hybride (Contrat à durée déterminée)",
        "a French title; the description was cut upstream inside the company's paragraph",
    ),
];

/// Tag coverage of one payload file.
struct Coverage {
    postings: usize,
    untagged: Vec<String>,
    /// Untagged postings listed in [`NAMES_NO_SKILL`].
    excused: usize,
}

impl Coverage {
    /// The share of all postings with a tag.
    fn share(&self) -> f64 {
        let tagged = self.postings - self.untagged.len() - self.excused;
        tagged as f64 / self.postings.max(1) as f64
    }

    /// The share of the postings that name a skill somewhere, with a tag.
    fn share_naming_skills(&self) -> f64 {
        let tagged = self.postings - self.untagged.len() - self.excused;
        tagged as f64 / (self.postings - self.excused).max(1) as f64
    }
}

fn names_no_skill(path: &Path, title: &str) -> bool {
    NAMES_NO_SKILL
        .iter()
        .any(|(file, t, _)| path.ends_with(file) && *t == title)
}

/// Where a payload was fetched from, for the boards whose postings link to a page built from
/// it: the careerkit endpoints its PROVENANCE.txt names (BambooHR's is not named; any board
/// URL serves, it only builds the links).
fn context_for(path: &Path) -> BoardContext {
    let source = match path.file_name().and_then(|n| n.to_str()) {
        Some("workday.json") => {
            "https://salesforce.wd12.myworkdayjobs.com/wday/cxs/salesforce/External_Career_Site/jobs"
        }
        Some("oracle_orc.json") => {
            "https://ejov.fa.ca2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX/"
        }
        Some("bamboohr.json") => "https://acme.bamboohr.com/careers/list",
        _ => return BoardContext::default(),
    };
    BoardContext {
        source_url: Some(source.to_string()),
        ..BoardContext::default()
    }
}

/// Parses a payload with the connector `detect` picks and tags every posting it yields.
fn coverage_of(path: &Path) -> Coverage {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let board = parse(None, &bytes, &context_for(path))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut untagged = Vec::new();
    let mut excused = 0;
    for draft in &board.postings {
        let row = normalize(draft, SkillMatcher::builtin())
            .unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), draft.title));
        if !row.normalized_tags.is_empty() {
            continue;
        }
        if names_no_skill(path, &row.title) {
            excused += 1;
        } else {
            untagged.push(row.title);
        }
    }
    Coverage {
        postings: board.postings.len(),
        untagged,
        excused,
    }
}

/// The payloads (JSON, or CSV exports) of a folder, sorted; none if the folder is missing.
fn payloads_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "csv"))
        .collect();
    files.sort();
    files
}

/// Prints every file's coverage (see it with `--nocapture`) and fails naming the files below
/// [`MIN_COVERAGE`] with their untagged titles.
fn assert_covered(files: &[PathBuf]) {
    let mut failures = Vec::new();
    for path in files {
        let coverage = coverage_of(path);
        let name = path.display();
        println!(
            "{:>5.1}% tagged ({:>5.1}% of those naming a skill)  {:>4} postings  {name}",
            coverage.share() * 100.0,
            coverage.share_naming_skills() * 100.0,
            coverage.postings
        );
        if coverage.share_naming_skills() < MIN_COVERAGE {
            failures.push(format!("{name}: untagged {:?}", coverage.untagged));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn nine_postings_in_ten_of_every_shared_board_payload_get_a_tag() {
    let shared = root().join("../shared/testdata");
    let mut files = Vec::new();
    for board in ["ashby", "recruitai", "careerkit"] {
        files.extend(payloads_in(&shared.join("job_boards").join(board)));
    }
    files.push(shared.join("postings/uber_jobs.json"));
    assert!(files.len() > 10, "shared payloads missing: {files:?}");
    assert_covered(&files);
}

#[test]
fn nine_postings_in_ten_of_every_external_payload_get_a_tag() {
    // Other companies' real boards (see the folder's PROVENANCE.md); skipped when absent.
    assert_covered(&payloads_in(&root().join("tests/fixtures/external")));
}
