//! Normalisation of postings on real payloads: descriptions, salary text, remote text and skills.

mod description;
mod remote;
mod salary;
mod salary_property;
mod skills;
mod tag_coverage;

use std::path::PathBuf;

/// A file of the shared real-world test data (`../shared/testdata`, see its README).
fn testdata(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn json(relative: &str) -> serde_json::Value {
    serde_json::from_str(&testdata(relative)).expect("test data is JSON")
}
