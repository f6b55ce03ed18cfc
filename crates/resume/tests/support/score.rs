//! Field-by-field scoring of a parse against what the resume really says: precision (of what was
//! parsed, how much is right) and recall (of what is there, how much was found), per field.
//! Shared by the `reactive_resume` test and the `eval` example.

#![allow(dead_code)]

use jobpilot_resume::Parsed;
use serde_json::Value;

/// The values one resume holds, field by field, normalised for comparison.
#[derive(Debug, Default, Clone)]
pub struct Fields {
    pub name: Vec<String>,
    pub email: Vec<String>,
    pub phone: Vec<String>,
    pub companies: Vec<String>,
    pub roles: Vec<String>,
    /// One per job: "start..end", with "present" for a current job.
    pub dates: Vec<String>,
    pub schools: Vec<String>,
    pub degrees: Vec<String>,
    pub skills: Vec<String>,
}

pub const FIELDS: [&str; 9] = ["name", "email", "phone", "companies", "roles", "dates", "schools", "degrees", "skills"];

impl Fields {
    pub fn get(&self, field: &str) -> &[String] {
        match field {
            "name" => &self.name,
            "email" => &self.email,
            "phone" => &self.phone,
            "companies" => &self.companies,
            "roles" => &self.roles,
            "dates" => &self.dates,
            "schools" => &self.schools,
            "degrees" => &self.degrees,
            _ => &self.skills,
        }
    }
}

/// Lowercase alphanumerics and single spaces: "Creative Solutions Inc." = "creative solutions inc".
pub fn norm(s: &str) -> String {
    s.chars().map(|c| if c.is_alphanumeric() { c.to_lowercase().next().unwrap_or(c) } else { ' ' }).collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

fn some(v: Option<&str>) -> Vec<String> {
    v.map(norm).filter(|s| !s.is_empty()).into_iter().collect()
}

/// What a Reactive Resume export says, from the JSON it was rendered from. Skills are counted as
/// keyword items (a group's name is not a skill when the group has keywords), as the parser reads
/// them; a group without keywords counts its name.
pub fn from_reactive(doc: &Value) -> Fields {
    let basics = &doc["basics"];
    let items = |section: &str| -> Vec<Value> {
        let s = &doc["sections"][section];
        if s["visible"].as_bool() == Some(false) {
            return Vec::new();
        }
        s["items"].as_array().cloned().unwrap_or_default().into_iter().filter(|i| i["visible"].as_bool() != Some(false)).collect()
    };
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or("").to_string();
    let mut f = Fields {
        name: some(basics["name"].as_str()),
        email: some(basics["email"].as_str()),
        phone: some(basics["phone"].as_str()),
        ..Fields::default()
    };
    for job in items("experience") {
        f.companies.extend(some(Some(&text(&job, "company"))));
        f.roles.extend(some(Some(&text(&job, "position"))));
        if let Some(d) = reactive_range(&text(&job, "date")) {
            f.dates.push(d);
        }
    }
    for school in items("education") {
        f.schools.extend(some(Some(&text(&school, "institution"))));
        f.degrees.extend(some(Some(&text(&school, "studyType"))));
    }
    for skill in items("skills") {
        let keywords: Vec<String> = skill["keywords"].as_array().cloned().unwrap_or_default().iter().filter_map(|k| k.as_str().map(norm)).collect();
        if keywords.is_empty() {
            f.skills.extend(some(Some(&text(&skill, "name"))));
        } else {
            f.skills.extend(keywords);
        }
    }
    f
}

/// "January 2019 to Present" → "2019-01..present"; written here, apart from the parser's own
/// date reader, so the test does not grade the parser with itself.
fn reactive_range(date: &str) -> Option<String> {
    let (a, b) = date.split_once(" to ").or_else(|| date.split_once(" - "))?;
    Some(format!("{}..{}", month_year(a)?, if b.trim().eq_ignore_ascii_case("present") { "present".into() } else { month_year(b)? }))
}

fn month_year(s: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    let mut parts = s.split_whitespace();
    let (m, y) = (parts.next()?.to_lowercase(), parts.next()?);
    let i = MONTHS.iter().position(|name| *name == m || (m.len() == 3 && name.starts_with(&m)))?;
    Some(format!("{y}-{:02}", i + 1))
}

/// What the parser found, in the same shape. A degree is scored as written, with its field:
/// "Bachelor's" + "Computer Science" is "Bachelor's in Computer Science".
pub fn from_parsed(p: &Parsed) -> Fields {
    let s = &p.sections;
    let c = &s.contact;
    Fields {
        name: some(c.name.as_deref()),
        email: some(c.email.as_deref()),
        phone: some(c.phone.as_deref()),
        companies: s.experience.iter().flat_map(|e| some(Some(&e.company))).collect(),
        roles: s.experience.iter().flat_map(|e| some(Some(&e.role))).collect(),
        dates: s
            .experience
            .iter()
            .filter_map(|e| Some(format!("{}..{}", e.start.as_deref()?, if e.current { "present" } else { e.end.as_deref()? })))
            .collect(),
        schools: s.education.iter().flat_map(|e| some(Some(&e.school))).collect(),
        degrees: s
            .education
            .iter()
            .filter_map(|e| {
                let d = e.degree.as_deref()?;
                Some(norm(&match e.field.as_deref() {
                    Some(f) if !norm(d).contains(&norm(f)) => format!("{d} in {f}"),
                    _ => d.to_string(),
                }))
            })
            .collect(),
        skills: s.skills.iter().map(|k| norm(k)).collect(),
    }
}

/// Matches found, values parsed, values expected.
#[derive(Debug, Clone, Copy, Default)]
pub struct Count {
    pub hit: usize,
    pub parsed: usize,
    pub expected: usize,
}

impl Count {
    /// Nothing parsed and nothing expected is perfect precision, not a division by zero.
    pub fn precision(&self) -> f64 {
        if self.parsed == 0 { if self.expected == 0 { 1.0 } else { 0.0 } } else { self.hit as f64 / self.parsed as f64 }
    }
    pub fn recall(&self) -> f64 {
        if self.expected == 0 { 1.0 } else { self.hit as f64 / self.expected as f64 }
    }
}

/// Multiset overlap of two value lists.
pub fn count(expected: &[String], parsed: &[String]) -> Count {
    let mut left: Vec<&String> = expected.iter().collect();
    let mut hit = 0;
    for p in parsed {
        if let Some(i) = left.iter().position(|e| *e == p) {
            left.remove(i);
            hit += 1;
        }
    }
    Count { hit, parsed: parsed.len(), expected: expected.len() }
}

/// A table: one row per layout, "P/R" per field, in percent.
pub fn table(rows: &[(String, Vec<Count>)]) -> String {
    let mut out = format!("{:<12}", "layout");
    for f in FIELDS {
        out.push_str(&format!(" {:>11}", f));
    }
    out.push('\n');
    for (layout, counts) in rows {
        out.push_str(&format!("{layout:<12}"));
        for c in counts {
            out.push_str(&format!(" {:>5.0}/{:<5.0}", c.precision() * 100.0, c.recall() * 100.0));
        }
        out.push('\n');
    }
    out.push_str("(each cell: precision/recall, %)\n");
    out
}

/// Every Reactive Resume layout in the shared test data: (layout, PDF bytes, expected fields).
pub fn reactive_layouts() -> Vec<(String, Vec<u8>, Fields)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/testdata/resumes/reactive-resume");
    let mut names: Vec<String> = std::fs::read_dir(dir.join("pdf"))
        .expect("the shared test data is next to the project")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_string))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let pdf = std::fs::read(dir.join("pdf").join(format!("{name}.pdf"))).expect("pdf");
            let json: Value = serde_json::from_slice(&std::fs::read(dir.join("json").join(format!("{name}.json"))).expect("json")).expect("valid json");
            (name, pdf, from_reactive(&json))
        })
        .collect()
}
