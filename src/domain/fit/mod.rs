//! The fit engine: how well a posting suits a user and one of their saved searches, as a 0–100
//! score, the factors behind it, and a one-line reason. Pure code: the caller reads the rows.
//! The formula and the reasons for its weights are in docs/matching.md.

pub mod dealbreakers;
pub mod pay;
pub mod places;
mod rationale;
pub mod seniority;
pub mod titles;

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::domain::posting::PayPeriod;
use crate::domain::profile::ProfileFields;
use crate::domain::search_filters::SearchFilters;
use crate::domain::skills::SkillMatcher;
pub use dealbreakers::{DealBreakers, Exclusion};
pub use pay::AnnualPay;
use seniority::Level;
pub use titles::TitleKey;

/// Points each factor is worth out of 100. Title and skills say whether this is the user's kind
/// of work and carry most of the score; seniority, pay and freshness order postings that are.
pub const WEIGHTS: Weights = Weights { title: 35.0, skills: 35.0, seniority: 10.0, salary: 10.0, recency: 10.0 };

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Weights {
    pub title: f64,
    pub skills: f64,
    pub seniority: f64,
    pub salary: f64,
    pub recency: f64,
}

/// A factor the posting or the user leaves unknown scores this, neither good nor bad.
const NEUTRAL: f64 = 0.5;
/// An estimated salary counts half as much as a stated one: its alignment is pulled halfway
/// back to neutral.
const ESTIMATE_CONFIDENCE: f64 = 0.5;
/// Freshness halves every week.
const RECENCY_HALF_LIFE_DAYS: f64 = 7.0;
/// Skills named in the factors (matched and missing), so the JSON stays small.
const SKILLS_SHOWN: usize = 8;

/// What the user wants, read once per saved search and compared with many postings.
#[derive(Clone, Debug, Default)]
pub struct Seeker {
    pub titles: Vec<TitleKey>,
    /// Canonical skill tags, the same spelling as the catalog's `normalized_tags`.
    pub skills: BTreeSet<String>,
    pub levels: Vec<Level>,
    /// The pay the user hopes for (the search's minimum, else the profile's).
    pub salary_floor: Option<AnnualPay>,
    pub rules: DealBreakers,
}

impl Seeker {
    /// The seeker of one saved search: its titles and skills plus the profile's headline and
    /// skills; its levels, else the profile's, else the level the user's years suggest.
    pub fn new(profile: &ProfileFields, filters: &SearchFilters) -> Seeker {
        let titles = filters.titles.iter().chain(profile.headline.iter()).map(|t| TitleKey::new(t));
        let titles: Vec<TitleKey> = titles.filter(|k| !k.is_empty()).collect();
        let skills = filters.skills.iter().chain(&profile.skills).flat_map(|s| skill_tags(s)).collect();
        let labels = if filters.levels.is_empty() { &profile.job_preferences.levels } else { &filters.levels };
        let mut levels: Vec<Level> = labels.iter().filter_map(|l| Level::from_label(l)).collect();
        if levels.is_empty()
            && let Some(years) = profile.years_experience
        {
            levels.push(Level::from_years(years));
        }
        let currency = filters.currency.clone().unwrap_or_else(|| "USD".into());
        let floor_cents = filters.salary_min_cents.or(profile.salary_min_cents);
        let salary_floor = floor_cents.map(|c| AnnualPay { low_cents: c, high_cents: c, currency: currency.clone() });
        let rules = DealBreakers {
            remote_only: filters.remote_only,
            geo: filters.geo.clone(),
            // Only the search's own minimum excludes; the profile's is a wish that scores.
            salary_floor: filters.salary_min_cents.map(|c| AnnualPay { low_cents: c, high_cents: c, currency }),
            exclude_companies: filters.exclude_companies.iter().map(|c| company_key(c)).collect(),
            exclude_industries: filters.exclude_industries.iter().map(|i| i.trim().to_lowercase()).collect(),
            needs_sponsorship: filters.needs_sponsorship,
        };
        Seeker { titles, skills, levels, salary_floor, rules }
    }
}

/// A user's way of writing a skill in the catalog's spelling: "Postgres" → "postgresql". A
/// skill the taxonomy does not know is kept as written, lower-cased.
fn skill_tags(skill: &str) -> Vec<String> {
    let tags = SkillMatcher::builtin().tags(skill, "");
    if tags.is_empty() { vec![skill.trim().to_lowercase()] } else { tags }
}

/// A company name compared without case, punctuation or legal suffix ("Acme, Inc." = "ACME").
/// The same rule as the catalog's `company_name_key()` in SQL.
pub fn company_key(name: &str) -> String {
    const SUFFIXES: &[&str] = &[
        "inc", "incorporated", "llc", "ltd", "limited", "gmbh", "ag", "sa", "sas", "sarl", "srl", "spa", "bv", "nv",
        "plc", "pbc", "corp", "corporation", "co", "company", "pty", "pte", "oy", "oyj", "ab", "asa", "aps", "kk",
        "lp", "llp", "se", "kg", "ug",
    ];
    let lower = name.to_lowercase().replace('.', "");
    let mut words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    // At most three suffixes, as in SQL ("Acme Holdings Co. Ltd." loses "co" and "ltd").
    for _ in 0..3 {
        if words.len() > 1 && words.last().is_some_and(|w| SUFFIXES.contains(w)) {
            words.pop();
        }
    }
    words.concat()
}

/// What the engine needs of a posting, read once per posting and compared with many seekers.
#[derive(Clone, Debug)]
pub struct PostingFacts {
    pub title: TitleKey,
    pub level: Option<Level>,
    pub tags: Vec<String>,
    pub company_key: Option<String>,
    pub industry: Option<String>,
    pub remote: bool,
    pub location: Option<String>,
    /// The stated pay, per year.
    pub pay: Option<AnnualPay>,
    /// An estimate from comparable postings, for a posting that states no pay.
    pub estimate: Option<AnnualPay>,
    pub no_sponsorship: bool,
    /// The day the posting was published (or first seen).
    pub posted_on: NaiveDate,
}

/// A posting as stored in the catalog.
pub struct PostingInput<'a> {
    pub title: &'a str,
    pub tags: &'a [String],
    pub company_name: Option<&'a str>,
    pub industry: Option<&'a str>,
    pub remote: bool,
    pub location: Option<&'a str>,
    pub salary_min_cents: Option<i64>,
    pub salary_max_cents: Option<i64>,
    pub salary_period: Option<PayPeriod>,
    pub currency: &'a str,
    pub estimate: Option<AnnualPay>,
    pub description: Option<&'a str>,
    pub posted_at: DateTime<Utc>,
}

impl PostingFacts {
    pub fn new(p: PostingInput<'_>) -> PostingFacts {
        PostingFacts {
            title: TitleKey::new(p.title),
            level: Level::from_title(p.title),
            tags: p.tags.to_vec(),
            company_key: p.company_name.map(company_key),
            industry: p.industry.map(str::to_string),
            remote: p.remote,
            location: p.location.map(str::to_string),
            pay: AnnualPay::from_posting(p.salary_min_cents, p.salary_max_cents, p.salary_period, p.currency),
            estimate: p.estimate,
            no_sponsorship: p.description.is_some_and(dealbreakers::states_no_sponsorship),
            posted_on: p.posted_at.date_naive(),
        }
    }
}

/// The skills a posting and a user share (§5.2 `skill_overlap`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SkillOverlap {
    pub count: usize,
    /// Shared skills over the smaller of the two lists: 1 when every skill the posting asks
    /// for is one the user has, or every skill the user has is one the posting asks for.
    pub ratio: f64,
    pub skills: Vec<String>,
    /// Skills the posting asks for that the user did not list.
    pub missing: Vec<String>,
}

/// Where the pay compared with the user's minimum came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SalaryBasis {
    Stated,
    Estimated,
    /// The posting states no pay and too few comparable postings do.
    Unknown,
    /// The pay is in another currency than the user's minimum.
    OtherCurrency,
    /// The user set no minimum.
    NoMinimum,
}

/// The factors of a fit score (§5.2), each 0 to 1 where it applies, plus the points each added.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FitFactors {
    pub title_similarity: f64,
    pub skill_overlap: SkillOverlap,
    /// `None` when the posting's title names no level or the user chose none.
    pub seniority_match: Option<bool>,
    pub posting_level: Option<Level>,
    pub salary_alignment: Option<f64>,
    pub salary_basis: SalaryBasis,
    pub recency_boost: f64,
    /// Points out of 100 per factor; factors that do not apply to this user are left out and
    /// the others scaled up, so the points add up to the score.
    pub points: Points,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Points {
    pub title: Option<f64>,
    pub skills: Option<f64>,
    pub seniority: Option<f64>,
    pub salary: Option<f64>,
    pub recency: f64,
}

/// A scored posting.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fit {
    pub score: i32,
    pub factors: FitFactors,
    pub rationale: String,
}

/// Whether a posting is the user's kind of work at all, so worth a row in their feed: a title
/// close to one they want, or enough of their skills. With neither titles nor skills the user
/// has said nothing to match on, and nothing is: their feed asks for them instead of filling
/// with every posting in the catalog.
fn relevant(seeker: &Seeker, title_similarity: f64, shared_skills: usize, skill_ratio: f64) -> bool {
    match (seeker.titles.is_empty(), seeker.skills.is_empty()) {
        (true, true) => false,
        (false, _) if title_similarity >= 0.5 => true,
        (_, false) => (shared_skills >= 3 && skill_ratio >= 0.3) || (seeker.titles.is_empty() && shared_skills >= 2),
        (false, true) => false,
    }
}

/// A score, or why there is none: a deal-breaker, or a posting that is not the user's kind of
/// work ([`relevant`]; scored no further, as most pairs are this and the feed never shows them).
// Unboxed: a verdict lives for one comparison, and boxing would cost an allocation per pair.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    Excluded(Exclusion),
    Unrelated,
    Scored(Fit),
}

/// Scores `posting` for `seeker` as of `today` (freshness is counted in whole days, so scoring
/// again on the same day gives the same result).
pub fn evaluate(seeker: &Seeker, posting: &PostingFacts, today: NaiveDate) -> Verdict {
    let terms = dealbreakers::PostingTerms {
        remote: posting.remote,
        location: posting.location.as_deref(),
        company_key: posting.company_key.as_deref(),
        industry: posting.industry.as_deref(),
        pay: posting.pay.as_ref(),
        no_sponsorship: posting.no_sponsorship,
    };
    if let Some(exclusion) = seeker.rules.check(&terms) {
        return Verdict::Excluded(exclusion);
    }
    let title_similarity = round2(titles::best_similarity(&seeker.titles, &posting.title));
    let shared = posting.tags.iter().filter(|t| seeker.skills.contains(*t)).count();
    let smaller = seeker.skills.len().min(posting.tags.len());
    let ratio = if smaller == 0 { 0.0 } else { round2(shared as f64 / smaller as f64) };
    if !relevant(seeker, title_similarity, shared, ratio) {
        return Verdict::Unrelated;
    }
    let skill_overlap = skill_overlap(&seeker.skills, &posting.tags, ratio);
    let seniority = seniority::match_score(&seeker.levels, posting.level);
    let (salary_alignment, salary_basis) = salary_alignment(seeker, posting);
    let age_days = (today - posting.posted_on).num_days().max(0) as f64;
    let recency_boost = round2(0.5f64.powf(age_days / RECENCY_HALF_LIFE_DAYS));

    let w = WEIGHTS;
    let title = (!seeker.titles.is_empty()).then_some((w.title, title_similarity));
    let skills = (!seeker.skills.is_empty()).then_some((w.skills, skill_overlap.ratio));
    let level = (!seeker.levels.is_empty()).then_some((w.seniority, seniority.unwrap_or(NEUTRAL)));
    let salary = (salary_basis != SalaryBasis::NoMinimum).then_some((w.salary, salary_alignment.unwrap_or(NEUTRAL)));
    let recency = (w.recency, recency_boost);
    let applicable: f64 = [title, skills, level, salary, Some(recency)].iter().flatten().map(|(w, _)| w).sum();
    let scale = 100.0 / applicable;
    let points = |part: Option<(f64, f64)>| part.map(|(w, v)| round2(w * v * scale));
    let points = Points {
        title: points(title),
        skills: points(skills),
        seniority: points(level),
        salary: points(salary),
        recency: round2(recency.0 * recency.1 * scale),
    };
    let total = [points.title, points.skills, points.seniority, points.salary, Some(points.recency)];
    let score = total.iter().flatten().sum::<f64>().round().clamp(0.0, 100.0) as i32;
    let factors = FitFactors {
        title_similarity,
        skill_overlap,
        seniority_match: seniority.map(|s| s >= 1.0),
        posting_level: posting.level,
        salary_alignment: salary_alignment.map(round2),
        salary_basis,
        recency_boost,
        points,
    };
    let rationale = rationale::explain(seeker, &factors);
    Verdict::Scored(Fit { score, factors, rationale })
}

fn skill_overlap(wanted: &BTreeSet<String>, tags: &[String], ratio: f64) -> SkillOverlap {
    let (matched, missing): (Vec<&String>, Vec<&String>) = tags.iter().partition(|t| wanted.contains(*t));
    SkillOverlap {
        count: matched.len(),
        ratio,
        skills: matched.iter().take(SKILLS_SHOWN).map(|s| s.to_string()).collect(),
        missing: missing.iter().take(SKILLS_SHOWN).map(|s| s.to_string()).collect(),
    }
}

fn salary_alignment(seeker: &Seeker, posting: &PostingFacts) -> (Option<f64>, SalaryBasis) {
    let Some(floor) = &seeker.salary_floor else {
        return (None, SalaryBasis::NoMinimum);
    };
    if let Some(pay) = &posting.pay {
        return match pay::alignment(pay, floor) {
            Some(a) => (Some(a), SalaryBasis::Stated),
            None => (None, SalaryBasis::OtherCurrency),
        };
    }
    match posting.estimate.as_ref().map(|e| pay::alignment(e, floor)) {
        Some(Some(a)) => (Some(NEUTRAL + (a - NEUTRAL) * ESTIMATE_CONFIDENCE), SalaryBasis::Estimated),
        Some(None) => (None, SalaryBasis::OtherCurrency),
        None => (None, SalaryBasis::Unknown),
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests;
