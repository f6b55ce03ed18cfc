//! The one-line reason shown beside a score: its strongest and its weakest factor, in words.

use super::{FitFactors, NEUTRAL, SalaryBasis, Seeker, WEIGHTS};

/// One factor as a person reads it: how well it did (0–1), its weight, and what it says.
struct Said {
    value: f64,
    weight: f64,
    words: String,
}

/// "Strongest: 6 of your skills (rust, postgresql, kafka). Weakest: pay not stated."
pub(super) fn explain(seeker: &Seeker, f: &FitFactors) -> String {
    let mut said = Vec::new();
    if !seeker.titles.is_empty() {
        let words = match f.title_similarity {
            v if v >= 0.8 => "the title you are after",
            v if v >= 0.5 => "a title close to yours",
            _ => "a title unlike yours",
        };
        said.push(Said { value: f.title_similarity, weight: WEIGHTS.title, words: words.into() });
    }
    if !seeker.skills.is_empty() {
        let o = &f.skill_overlap;
        let words = match o.count {
            0 => "none of your skills".to_string(),
            n => {
                let only = if o.ratio < 0.5 { "only " } else { "" };
                format!("{only}{n} of your skills ({})", o.skills.iter().take(3).cloned().collect::<Vec<_>>().join(", "))
            }
        };
        said.push(Said { value: o.ratio, weight: WEIGHTS.skills, words });
    }
    if !seeker.levels.is_empty() {
        let level = f.posting_level.map(|l| format!("{l:?}").to_lowercase());
        let (value, words) = match (f.seniority_match, level) {
            (Some(true), Some(l)) => (1.0, format!("your level ({l})")),
            (Some(false), Some(l)) => (0.25, format!("a level unlike yours ({l})")),
            _ => (NEUTRAL, "no level stated".into()),
        };
        said.push(Said { value, weight: WEIGHTS.seniority, words });
    }
    let salary = f.salary_alignment.unwrap_or(NEUTRAL);
    let salary_words = match (f.salary_basis, salary >= 1.0) {
        (SalaryBasis::Stated, true) => Some("pay meets your minimum"),
        (SalaryBasis::Stated, false) => Some("pay partly below your minimum"),
        (SalaryBasis::Estimated, true) => Some("estimated pay meets your minimum"),
        (SalaryBasis::Estimated, false) => Some("estimated pay below your minimum"),
        (SalaryBasis::Unknown, _) => Some("pay not stated"),
        (SalaryBasis::OtherCurrency, _) => Some("pay in another currency"),
        (SalaryBasis::NoMinimum, _) => None,
    };
    if let Some(words) = salary_words {
        said.push(Said { value: salary, weight: WEIGHTS.salary, words: words.into() });
    }
    let recency = match f.recency_boost {
        v if v >= 1.0 => "posted today".to_string(),
        v if v >= 0.5 => "posted this week".to_string(),
        _ => "posted over a week ago".to_string(),
    };
    said.push(Said { value: f.recency_boost, weight: WEIGHTS.recency, words: recency });

    // Ties go to the heavier factor: it says more about the posting.
    let by_value = |a: &&Said, b: &&Said| a.value.total_cmp(&b.value).then(a.weight.total_cmp(&b.weight));
    let strongest = said.iter().max_by(by_value);
    let weakest = said.iter().min_by(|a, b| a.value.total_cmp(&b.value).then(b.weight.total_cmp(&a.weight)));
    match (strongest, weakest) {
        (Some(s), Some(w)) if s.words != w.words && w.value < s.value => {
            format!("Strongest: {}. Weakest: {}.", s.words, w.words)
        }
        (Some(s), _) => format!("Strongest: {}.", s.words),
        _ => String::new(),
    }
}
