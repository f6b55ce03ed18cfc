//! Where normalising's CPU goes: each step of `domain::normalize` timed on its own, on one
//! thread, over the postings of one generated payload. Printed before the database passes so a
//! change to a step can be judged without reading a profile.

use std::time::{Duration, Instant};

use jobpilot::domain::description::clean_description;
use jobpilot::domain::normalize::normalize;
use jobpilot::domain::posting::PostingDraft;
use jobpilot::domain::remote_text::remote_from_text;
use jobpilot::domain::salary_text::salary_from_description;
use jobpilot::domain::skills::SkillMatcher;

/// Microseconds per posting for each step and for the whole of `normalize`.
pub fn report(drafts: &[PostingDraft]) {
    if drafts.is_empty() {
        return;
    }
    let skills = SkillMatcher::builtin();
    let cleaned: Vec<String> = drafts
        .iter()
        .map(|d| d.description_raw.as_deref().map(clean_description).unwrap_or_default())
        .collect();
    let clean = time(|| {
        for draft in drafts {
            std::hint::black_box(draft.description_raw.as_deref().map(clean_description));
        }
    });
    let tags = time(|| {
        for (draft, text) in drafts.iter().zip(&cleaned) {
            std::hint::black_box(skills.tags(&draft.title, text));
        }
    });
    let remote = time(|| {
        for (draft, text) in drafts.iter().zip(&cleaned) {
            let location = draft.locations.join("; ");
            std::hint::black_box(remote_from_text(&draft.title, &location, text));
        }
    });
    let salary = time(|| {
        for text in &cleaned {
            std::hint::black_box(salary_from_description(text));
        }
    });
    let whole = time(|| {
        for draft in drafts {
            std::hint::black_box(normalize(draft, skills).ok());
        }
    });
    let per = |d: Duration| d.as_secs_f64() * 1e6 / drafts.len() as f64;
    println!(
        "normalise, one thread, {} postings: {:.0} µs/posting (clean description {:.0}, skill tags {:.0}, remote from text {:.0}, salary from text {:.0})",
        drafts.len(),
        per(whole),
        per(clean),
        per(tags),
        per(remote),
        per(salary),
    );
}

fn time(work: impl Fn()) -> Duration {
    work(); // warm caches and lazily built matchers
    let started = Instant::now();
    work();
    started.elapsed()
}
