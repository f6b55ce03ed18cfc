//! Real postings to multiply: the four Ashby boards and the Uber export from the shared
//! testdata, read by the project's own connectors so titles and descriptions are what
//! ingest really sees.

use std::path::Path;

use anyhow::Context;
use jobpilot::connectors::{self, BoardContext};

/// What a variant borrows from one real posting.
pub struct Seed {
    pub title: String,
    pub description: Option<String>,
    pub department: Option<String>,
    pub employment_type: Option<String>,
    pub remote: Option<bool>,
}

/// Every readable posting of `job_boards/ashby/*.json` and `postings/uber_jobs.json`.
pub fn load(testdata: &Path) -> anyhow::Result<Vec<Seed>> {
    let mut seeds = Vec::new();
    let ashby = testdata.join("job_boards/ashby");
    let mut boards: Vec<_> = std::fs::read_dir(&ashby)
        .with_context(|| format!("cannot list {}", ashby.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    boards.sort();
    for path in &boards {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let context = BoardContext {
            company_name: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
            ..BoardContext::default()
        };
        let parsed = connectors::ashby::parse(&bytes, &context)
            .with_context(|| format!("{} is not an Ashby board", path.display()))?;
        seeds.extend(parsed.postings.into_iter().map(seed));
    }
    let uber = testdata.join("postings/uber_jobs.json");
    let bytes = std::fs::read(&uber).with_context(|| format!("cannot read {}", uber.display()))?;
    let parsed = connectors::file::parse(&bytes, &BoardContext::default())
        .with_context(|| format!("{} is not a file-connector export", uber.display()))?;
    seeds.extend(parsed.postings.into_iter().map(seed));
    anyhow::ensure!(!seeds.is_empty(), "no postings found under {}", testdata.display());
    Ok(seeds)
}

fn seed(draft: jobpilot::domain::posting::PostingDraft) -> Seed {
    Seed {
        title: draft.title,
        description: draft.description_raw,
        department: draft.department,
        employment_type: draft.employment_type,
        remote: draft.remote,
    }
}
