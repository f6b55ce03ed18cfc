//! Scores chunks of postings for a set of users: each user's best verdict over their enabled
//! saved searches, the best of each posting day kept as fit rows, and what each search saw (for
//! its hint).

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, HashMap};

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

/// Fit rows kept per user per posting day (UTC): the best 25 of each day's postings, so at most
/// 375 rows per user over the 14-day window's 15 calendar days (docs/matching.md "How many rows
/// per user").
pub const PER_DAY: usize = 25;

/// A fit that is among a user's best of its posting day so far.
struct Kept {
    score: i32,
    posting_id: Uuid,
    search_id: Uuid,
    fit: fit::Fit,
    estimate: Option<Estimate>,
}

// Ordered by (score, posting id), the feed's order within a day; the SQL trim uses the same.
impl PartialEq for Kept {
    fn eq(&self, other: &Self) -> bool {
        (self.score, self.posting_id) == (other.score, other.posting_id)
    }
}
impl Eq for Kept {}
impl PartialOrd for Kept {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Kept {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.score, self.posting_id).cmp(&(other.score, other.posting_id))
    }
}

/// One user's best fits per posting day, at most [`PER_DAY`] each, carried across chunks.
/// The top N of a union is the top N of the parts' top Ns, so the rows kept do not depend on
/// the order postings are scored in.
#[derive(Default)]
pub struct Best {
    days: HashMap<NaiveDate, BinaryHeap<Reverse<Kept>>>,
}

impl Best {
    /// Whether a fit of `score` for `posting_id` posted on `day` would be kept.
    fn admits(&self, day: NaiveDate, score: i32, posting_id: Uuid) -> bool {
        match self.days.get(&day) {
            Some(heap) if heap.len() >= PER_DAY => {
                heap.peek().is_some_and(|Reverse(worst)| (score, posting_id) > (worst.score, worst.posting_id))
            }
            _ => true,
        }
    }

    fn keep(&mut self, day: NaiveDate, kept: Kept) {
        let heap = self.days.entry(day).or_default();
        heap.push(Reverse(kept));
        if heap.len() > PER_DAY {
            heap.pop();
        }
    }

    /// The posting days that hold rows.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.days.keys().copied()
    }

    /// The rows to store for `user_id`.
    pub fn into_rows(self, user_id: Uuid) -> impl Iterator<Item = NewEnrichment> {
        self.days.into_values().flat_map(|heap| heap.into_iter()).map(move |Reverse(k)| row(user_id, k))
    }
}

/// The rows every user keeps: `best[i]` belongs to `users[i]`.
pub fn rows(users: &[UserSearches], best: Vec<Best>) -> Vec<NewEnrichment> {
    users.iter().zip(best).flat_map(|(user, best)| best.into_rows(user.user_id)).collect()
}

/// What scoring one chunk saw.
#[derive(Default)]
pub struct Scored {
    pub stats: HashMap<Uuid, SearchStats>,
    pub pairs: u64,
}

/// Scores every posting for every user, offering each user's best verdict over their searches
/// to `best[i]` (one per user). Pure: the same input gives the same rows.
pub fn score(users: &[UserSearches], best: &mut [Best], postings: &[ScoredPosting], today: NaiveDate) -> Scored {
    let mut out = Scored::default();
    for (user, best) in users.iter().zip(best.iter_mut()) {
        for posting in postings {
            let mut top: Option<(Uuid, fit::Fit)> = None;
            for (search_id, seeker) in &user.searches {
                out.pairs += 1;
                let stats = out.stats.entry(*search_id).or_default();
                stats.scanned += 1;
                match fit::evaluate(seeker, &posting.facts, today) {
                    Verdict::Excluded(why) => *stats.excluded.entry(why.filter()).or_default() += 1,
                    Verdict::Unrelated => stats.unrelated += 1,
                    Verdict::Scored(fit) => {
                        stats.matched += 1;
                        if top.as_ref().is_none_or(|(_, b)| fit.score > b.score) {
                            top = Some((*search_id, fit));
                        }
                    }
                }
            }
            if let Some((search_id, fit)) = top {
                let day = posting.facts.posted_on;
                if best.admits(day, fit.score, posting.id) {
                    let kept = Kept { score: fit.score, posting_id: posting.id, search_id, fit, estimate: posting.estimate.clone() };
                    best.keep(day, kept);
                }
            }
        }
    }
    out
}

fn row(user_id: Uuid, kept: Kept) -> NewEnrichment {
    let mut factors = serde_json::to_value(&kept.fit.factors).unwrap_or_else(|_| json!({}));
    if let Some(estimate) = &kept.estimate {
        factors["salary_estimate"] = json!(estimate);
    }
    NewEnrichment {
        user_id,
        job_posting_id: kept.posting_id,
        search_pref_id: kept.search_id,
        fit_score: kept.score,
        fit_factors: factors,
        salary_estimate_cents: kept.estimate.as_ref().map(|e| e.median_cents),
        rationale: kept.fit.rationale,
    }
}

/// [`score`] with the users (and their `best`) split over the machine's cores.
pub fn score_parallel(users: &[UserSearches], best: &mut [Best], postings: &[ScoredPosting], today: NaiveDate) -> Scored {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(users.len().max(1));
    if threads <= 1 {
        return score(users, best, postings, today);
    }
    let per_thread = users.len().div_ceil(threads);
    let parts: Vec<Scored> = std::thread::scope(|scope| {
        let handles: Vec<_> = users
            .chunks(per_thread)
            .zip(best.chunks_mut(per_thread))
            .map(|(part, best)| scope.spawn(move || score(part, best, postings, today)))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    });
    let mut out = Scored::default();
    for part in parts {
        out.pairs += part.pairs;
        for (search, stats) in part.stats {
            out.stats.entry(search).or_default().add(&stats);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, TimeZone, Utc};
    use rand::seq::SliceRandom;
    use rand::{Rng, SeedableRng};

    use super::*;
    use crate::domain::fit::{PostingFacts, PostingInput};
    use crate::domain::profile::ProfileFields;
    use crate::domain::search_filters::SearchFilters;

    fn user() -> UserSearches {
        let profile = ProfileFields {
            headline: Some("Backend engineer".into()),
            skills: vec!["Rust".into(), "Postgres".into(), "Kafka".into()],
            ..Default::default()
        };
        let filters = SearchFilters { titles: vec!["Software Engineer".into()], ..Default::default() };
        UserSearches { user_id: Uuid::from_u128(1), searches: vec![(Uuid::from_u128(2), Seeker::new(&profile, &filters))] }
    }

    /// `count` related postings over `days` days, with varied skills so scores differ.
    fn postings(count: usize, days: i64, seed: u64) -> Vec<ScoredPosting> {
        let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
        let all = ["rust", "postgresql", "kafka", "go", "aws", "redis"];
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).single().expect("time");
        (0..count)
            .map(|i| {
                let tags: Vec<String> = all.iter().filter(|_| rng.random_bool(0.5)).map(|t| t.to_string()).collect();
                let title = if rng.random_bool(0.5) { "Senior Software Engineer" } else { "Backend Engineer" };
                let facts = PostingFacts::new(PostingInput {
                    title,
                    tags: &tags,
                    company_name: Some("Acme"),
                    industry: None,
                    remote: true,
                    location: None,
                    salary_min_cents: None,
                    salary_max_cents: None,
                    salary_period: None,
                    currency: "USD",
                    estimate: None,
                    description: None,
                    posted_at: now - Duration::days(i as i64 % days),
                });
                ScoredPosting { id: Uuid::from_u128(1_000 + i as u128), facts, estimate: None }
            })
            .collect()
    }

    fn kept(users: &[UserSearches], chunks: &[&[ScoredPosting]]) -> Vec<(i32, Uuid)> {
        let mut best: Vec<Best> = users.iter().map(|_| Best::default()).collect();
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        for chunk in chunks {
            score(users, &mut best, chunk, today);
        }
        let mut rows: Vec<(i32, Uuid)> = rows(users, best).into_iter().map(|r| (r.fit_score, r.job_posting_id)).collect();
        rows.sort();
        rows
    }

    #[test]
    fn keeps_the_best_of_each_day_whatever_order_postings_arrive_in() {
        let users = vec![user()];
        let mut all = postings(200, 3, 7);
        let whole = kept(&users, &[&all]);
        assert_eq!(whole.len(), 3 * PER_DAY, "three days of 66 or 67 related postings keep {PER_DAY} each");
        for seed in 0..5 {
            all.shuffle(&mut rand::rngs::StdRng::seed_from_u64(seed));
            let (a, rest) = all.split_at(37);
            let (b, c) = rest.split_at(101);
            assert_eq!(kept(&users, &[a, b, c]), whole, "shuffle {seed} in three chunks");
        }
    }

    #[test]
    fn a_day_keeps_its_highest_scores() {
        let users = vec![user()];
        let all = postings(80, 1, 3);
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
        let mut scores: Vec<(i32, Uuid)> = all
            .iter()
            .filter_map(|p| match fit::evaluate(&users[0].searches[0].1, &p.facts, today) {
                Verdict::Scored(fit) => Some((fit.score, p.id)),
                _ => None,
            })
            .collect();
        assert!(scores.len() > PER_DAY, "the generated postings are related");
        scores.sort();
        let top: Vec<(i32, Uuid)> = scores[scores.len() - PER_DAY..].to_vec();
        assert_eq!(kept(&users, &[&all]), top);
    }

    #[test]
    fn a_day_with_few_postings_keeps_them_all() {
        let users = vec![user()];
        let all = postings(10, 1, 5);
        assert_eq!(kept(&users, &[&all]).len(), 10);
    }
}
