//! Scores a chunk of postings for a set of users: each user's best verdict over their enabled
//! saved searches, the fit rows worth keeping, and what each search saw (for its hint).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::db::enrichments::NewEnrichment;
use crate::domain::fit::{self, PostingFacts, Seeker, Verdict};
use crate::domain::salary_estimate::Estimate;

/// One user's saved searches, each read into a seeker.
pub struct UserSearches {
    pub user_id: Uuid,
    pub searches: Vec<(Uuid, Seeker)>,
}

/// A posting ready to score, with its salary estimate when it states no pay.
pub struct ScoredPosting {
    pub id: Uuid,
    pub facts: PostingFacts,
    pub estimate: Option<Estimate>,
}

/// What one search saw over the postings scored: the feed's "which filter removed the most".
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SearchStats {
    pub scanned: u64,
    pub matched: u64,
    /// Postings that are not this kind of work (title and skills too far).
    pub unrelated: u64,
    /// Postings left out, per filter.
    pub excluded: BTreeMap<&'static str, u64>,
}

impl SearchStats {
    pub fn add(&mut self, other: &SearchStats) {
        self.scanned += other.scanned;
        self.matched += other.matched;
        self.unrelated += other.unrelated;
        for (filter, n) in &other.excluded {
            *self.excluded.entry(filter).or_default() += n;
        }
    }
}

/// The outcome of scoring one chunk.
#[derive(Default)]
pub struct Scored {
    pub rows: Vec<NewEnrichment>,
    pub stats: HashMap<Uuid, SearchStats>,
    pub pairs: u64,
}

/// Scores every posting for every user. Pure: the same input gives the same rows.
pub fn score(users: &[UserSearches], postings: &[ScoredPosting], today: NaiveDate) -> Scored {
    let mut out = Scored::default();
    for user in users {
        for posting in postings {
            let mut best: Option<(Uuid, fit::Fit)> = None;
            for (search_id, seeker) in &user.searches {
                out.pairs += 1;
                let stats = out.stats.entry(*search_id).or_default();
                stats.scanned += 1;
                match fit::evaluate(seeker, &posting.facts, today) {
                    Verdict::Excluded(why) => *stats.excluded.entry(why.filter()).or_default() += 1,
                    Verdict::Unrelated => stats.unrelated += 1,
                    Verdict::Scored(fit) => {
                        stats.matched += 1;
                        if best.as_ref().is_none_or(|(_, b)| fit.score > b.score) {
                            best = Some((*search_id, fit));
                        }
                    }
                }
            }
            if let Some((search_id, fit)) = best {
                out.rows.push(row(user.user_id, search_id, posting, fit));
            }
        }
    }
    out
}

fn row(user_id: Uuid, search_id: Uuid, posting: &ScoredPosting, fit: fit::Fit) -> NewEnrichment {
    let mut factors = serde_json::to_value(&fit.factors).unwrap_or_else(|_| json!({}));
    if let Some(estimate) = &posting.estimate {
        factors["salary_estimate"] = json!(estimate);
    }
    NewEnrichment {
        user_id,
        job_posting_id: posting.id,
        search_pref_id: search_id,
        fit_score: fit.score,
        fit_factors: factors,
        salary_estimate_cents: posting.estimate.as_ref().map(|e| e.median_cents),
        rationale: fit.rationale,
    }
}

/// [`score`] with the users split over the machine's cores.
pub fn score_parallel(users: &[UserSearches], postings: &[ScoredPosting], today: NaiveDate) -> Scored {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(users.len().max(1));
    if threads <= 1 {
        return score(users, postings, today);
    }
    let per_thread = users.len().div_ceil(threads);
    let parts: Vec<Scored> = std::thread::scope(|scope| {
        let handles: Vec<_> =
            users.chunks(per_thread).map(|part| scope.spawn(move || score(part, postings, today))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    let mut out = Scored::default();
    for part in parts {
        out.rows.extend(part.rows);
        out.pairs += part.pairs;
        for (search, stats) in part.stats {
            out.stats.entry(search).or_default().add(&stats);
        }
    }
    out
}
