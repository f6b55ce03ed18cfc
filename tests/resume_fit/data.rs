//! Real test data: the postings of `../shared/testdata` read through the real connectors and
//! cleaned as ingest cleans them, and real resumes (JSON Resume's sample, Reactive Resume's
//! structured JSON mapped to sections field by field).

use jobpilot::connectors::{self, BoardContext};
use jobpilot::domain::normalize::normalize;
use jobpilot::domain::resume_fit::PostingText;
use jobpilot::domain::skills::SkillMatcher;
use jobpilot_resume::{Education, Experience, Project, Sections};
use serde_json::Value;

pub const TESTDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/");

fn read(path: &str) -> Vec<u8> {
    std::fs::read(format!("{TESTDATA}{path}")).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

fn files_in(folder: &str, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(format!("{TESTDATA}{folder}"))
        .expect("folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names.into_iter().map(|n| format!("{folder}/{n}")).collect()
}

/// Every posting: Uber's export, every board payload (format detected), the plain-text job
/// descriptions (titled by their file name).
pub fn postings() -> Vec<PostingText> {
    let mut boards = vec!["postings/uber_jobs.json".to_string()];
    for folder in ["job_boards/ashby", "job_boards/careerkit", "job_boards/recruitai"] {
        boards.extend(files_in(folder, ".json"));
    }
    let mut out = Vec::new();
    for path in boards {
        let Ok(board) = connectors::parse(None, &read(&path), &BoardContext::default()) else { continue };
        for draft in board.postings {
            let Ok(posting) = normalize(&draft, SkillMatcher::builtin()) else { continue };
            out.push(PostingText { title: posting.title, company: draft.company.name, description: posting.jd_clean.unwrap_or_default() });
        }
    }
    for path in files_in("job_descriptions", ".txt") {
        let title = path.rsplit('/').next().unwrap_or("").trim_end_matches(".txt").replace('-', " ");
        out.push(PostingText { title, company: None, description: String::from_utf8(read(&path)).expect("utf-8") });
    }
    out
}

pub fn json_resume_sample() -> Sections {
    jobpilot_resume::jsonresume::parse(&read("resumes/jsonresume/sample.resume.json")).expect("the sample parses").sections
}

/// Reactive Resume's own JSON for each layout, mapped to sections (distinct ones only).
pub fn reactive_resumes() -> Vec<Sections> {
    let mut out: Vec<Sections> = Vec::new();
    for path in files_in("resumes/reactive-resume/json", ".json") {
        let doc: Value = serde_json::from_slice(&read(&path)).expect("json");
        let sections = reactive(&doc);
        if !out.contains(&sections) {
            out.push(sections);
        }
    }
    out
}

fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_string()
}

fn opt(v: &Value) -> Option<String> {
    Some(text(v)).filter(|s| !s.trim().is_empty())
}

/// HTML list items or paragraphs as plain lines.
fn html_lines(html: &str) -> Vec<String> {
    let spaced = html.replace("</li>", "\n").replace("</p>", "\n").replace("<br>", "\n");
    let mut plain = String::new();
    let mut in_tag = false;
    for c in spaced.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    plain.lines().map(|l| l.trim().replace("&amp;", "&")).filter(|l| !l.is_empty()).collect()
}

fn items<'a>(doc: &'a Value, section: &str) -> impl Iterator<Item = &'a Value> {
    doc["sections"][section]["items"].as_array().into_iter().flatten().filter(|i| i["visible"].as_bool() != Some(false))
}

fn reactive(doc: &Value) -> Sections {
    let mut s = Sections::default();
    s.contact.name = opt(&doc["basics"]["name"]);
    s.contact.email = opt(&doc["basics"]["email"]);
    s.contact.phone = opt(&doc["basics"]["phone"]);
    s.headline = opt(&doc["basics"]["headline"]);
    s.summary = Some(html_lines(&text(&doc["sections"]["summary"]["content"])).join(" ")).filter(|t| !t.is_empty());
    for item in items(doc, "experience") {
        let date = text(&item["date"]);
        let (start, end) = date.split_once(" to ").map(|(a, b)| (Some(a.to_string()), Some(b.to_string()))).unwrap_or((opt(&item["date"]), None));
        s.experience.push(Experience {
            company: text(&item["company"]),
            role: text(&item["position"]),
            location: opt(&item["location"]),
            current: end.as_deref() == Some("Present"),
            end: end.filter(|e| e != "Present"),
            start,
            bullets: html_lines(&text(&item["summary"])),
        });
    }
    for item in items(doc, "education") {
        s.education.push(Education { school: text(&item["institution"]), degree: opt(&item["studyType"]), year: opt(&item["date"]), ..Education::default() });
    }
    for item in items(doc, "skills") {
        for keyword in item["keywords"].as_array().into_iter().flatten() {
            s.skills.push(text(keyword));
        }
    }
    s.certifications = items(doc, "certifications").map(|i| text(&i["name"])).collect();
    s.languages = items(doc, "languages").map(|i| text(&i["name"])).collect();
    for item in items(doc, "projects") {
        s.projects.push(Project { name: text(&item["name"]), description: opt(&item["description"]), bullets: html_lines(&text(&item["summary"])), ..Project::default() });
    }
    s
}
