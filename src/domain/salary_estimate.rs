//! Salary estimates for postings that state no pay, from comparable postings that do: same
//! title family, same level, same country (so one currency), recent. No estimate from fewer
//! than [`MIN_SAMPLE`] of them; never mixed up with a stated salary (docs/matching.md).

use std::collections::HashMap;

use serde::Serialize;
use uuid::Uuid;

use crate::domain::fit::seniority::Level;
use crate::domain::fit::titles::TitleKey;
use crate::domain::fit::AnnualPay;

/// Comparable postings needed before an estimate is given.
pub const MIN_SAMPLE: usize = 5;

/// The group a posting's pay is compared within.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PayGroup {
    /// The title's role words, sorted ("engineer software" for "Senior Software Developer").
    pub family: String,
    /// The title's level, or "any" when it names none.
    pub level: String,
    pub currency: String,
}

impl PayGroup {
    /// The group of a posting, when its title names a role and its place a country whose
    /// currency is known.
    pub fn of(title: &str, location: Option<&str>) -> Option<PayGroup> {
        let family = TitleKey::new(title).family();
        let currency = country_currency(location)?;
        let level = Level::from_title(title).map_or("any".to_string(), |l| format!("{l:?}").to_lowercase());
        (!family.is_empty()).then(|| PayGroup { family, level, currency: currency.to_string() })
    }
}

/// The currency of the country a location names: USD, CAD, GBP or EUR for the places job
/// boards abbreviate most; `None` for the rest (no estimate rather than a wrong currency).
fn country_currency(location: Option<&str>) -> Option<&'static str> {
    let location = location.filter(|l| !l.trim().is_empty());
    let is = |place: &str| location.is_some_and(|l| crate::domain::fit::places::location_matches(&[place.to_string()], Some(l)));
    const EURO: &[&str] =
        &["germany", "france", "spain", "italy", "netherlands", "ireland", "portugal", "belgium", "austria", "finland"];
    // "Remote" with no place names no country: guessing one is not knowing it.
    location?;
    if is("canada") {
        Some("CAD")
    } else if is("uk") {
        Some("GBP")
    } else if EURO.iter().any(|c| is(c)) {
        Some("EUR")
    } else if is("us") {
        Some("USD")
    } else {
        None
    }
}

/// The pay of one group of comparable postings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Benchmark {
    pub sample_size: usize,
    pub p25_cents: i64,
    pub median_cents: i64,
    pub p75_cents: i64,
}

/// An estimate as shown to the user: a range (the middle half of comparable pay), its middle,
/// and how many postings it comes from.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    pub low_cents: i64,
    pub median_cents: i64,
    pub high_cents: i64,
    pub currency: String,
    pub sample_size: usize,
}

impl Estimate {
    pub fn from_benchmark(b: &Benchmark, currency: &str) -> Estimate {
        Estimate {
            low_cents: b.p25_cents,
            median_cents: b.median_cents,
            high_cents: b.p75_cents,
            currency: currency.to_string(),
            sample_size: b.sample_size,
        }
    }

    /// The range as yearly pay, for salary alignment.
    pub fn as_pay(&self) -> AnnualPay {
        AnnualPay { low_cents: self.low_cents, high_cents: self.high_cents, currency: self.currency.clone() }
    }
}

/// Benchmarks of every group with at least [`MIN_SAMPLE`] postings; `samples` are (group,
/// yearly midpoint of the stated range).
pub fn benchmarks(samples: impl IntoIterator<Item = (PayGroup, i64)>) -> HashMap<PayGroup, Benchmark> {
    let mut groups: HashMap<PayGroup, Vec<i64>> = HashMap::new();
    for (group, pay) in samples {
        groups.entry(group).or_default().push(pay);
    }
    groups
        .into_iter()
        .filter(|(_, pays)| pays.len() >= MIN_SAMPLE)
        .map(|(group, mut pays)| {
            pays.sort_unstable();
            let benchmark = Benchmark {
                sample_size: pays.len(),
                p25_cents: quantile(&pays, 0.25),
                median_cents: quantile(&pays, 0.5),
                p75_cents: quantile(&pays, 0.75),
            };
            (group, benchmark)
        })
        .collect()
}

/// Nearest-rank quantile of sorted values.
fn quantile(sorted: &[i64], q: f64) -> i64 {
    let rank = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// How well estimates would have done on postings that state their pay, each estimated from the
/// others with its own pay hidden.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Holdout {
    pub postings: usize,
    /// Postings that would get an estimate.
    pub estimated: usize,
    pub coverage: f64,
    /// Median of |estimate − stated midpoint| / stated midpoint.
    pub median_error: f64,
    /// Share of stated midpoints inside the estimate's range.
    pub within_range: f64,
}

/// One posting's stated pay for the hold-out check: its group, its yearly midpoint, and who
/// posted it (when known).
pub type Sample = (PayGroup, i64, Option<Uuid>);

/// Leave-one-employer-out over `samples`: hides each posting's pay and estimates it from the
/// other employers' postings of its group. Hiding only the posting itself would flatter the
/// estimate: one employer posting the same role in ten cities at one range would be "estimated"
/// exactly from its own copies.
pub fn holdout(samples: &[Sample]) -> Holdout {
    let mut groups: HashMap<&PayGroup, Vec<(i64, Option<Uuid>)>> = HashMap::new();
    for (group, pay, employer) in samples {
        groups.entry(group).or_default().push((*pay, *employer));
    }
    let mut errors = Vec::new();
    let mut within = 0;
    for members in groups.values() {
        if members.len() <= MIN_SAMPLE {
            continue; // without its own pay the group is too small
        }
        for (i, (actual, employer)) in members.iter().enumerate() {
            let mut others: Vec<i64> = members
                .iter()
                .enumerate()
                .filter(|(j, (_, other))| *j != i && (employer.is_none() || other != employer))
                .map(|(_, (pay, _))| *pay)
                .collect();
            if others.len() < MIN_SAMPLE {
                continue;
            }
            others.sort_unstable();
            let (low, mid, high) = (quantile(&others, 0.25), quantile(&others, 0.5), quantile(&others, 0.75));
            errors.push((mid - actual).abs() as f64 / (*actual).max(1) as f64);
            within += usize::from((low..=high).contains(actual));
        }
    }
    let estimated = errors.len();
    errors.sort_by(f64::total_cmp);
    let share = |n: usize| if samples.is_empty() { 0.0 } else { n as f64 / samples.len() as f64 };
    Holdout {
        postings: samples.len(),
        estimated,
        coverage: share(estimated),
        median_error: errors.get(errors.len() / 2).copied().unwrap_or(0.0),
        within_range: if estimated == 0 { 0.0 } else { within as f64 / estimated as f64 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(title: &str, location: &str) -> PayGroup {
        PayGroup::of(title, Some(location)).expect("a group")
    }

    #[test]
    fn titles_of_one_role_and_level_share_a_group_across_spellings() {
        assert_eq!(group("Senior Software Developer", "Austin, TX"), group("Software Engineer, Senior", "New York, NY"));
        assert_ne!(group("Senior Software Engineer", "Austin, TX"), group("Software Engineer", "Austin, TX"));
        assert_ne!(group("Software Engineer", "Austin, TX"), group("Software Engineer", "Toronto, ON"));
        assert_eq!(group("Software Engineer", "Toronto, ON").currency, "CAD");
        assert_eq!(PayGroup::of("Software Engineer", Some("Tokyo, Japan")), None);
        assert_eq!(PayGroup::of("Software Engineer", Some("Remote")), None);
    }

    #[test]
    fn too_few_comparable_postings_give_no_benchmark() {
        let g = group("Software Engineer", "Austin, TX");
        let four: Vec<_> = (0..4).map(|i| (g.clone(), 100_000_00 + i)).collect();
        assert!(benchmarks(four).is_empty());
    }

    #[test]
    fn a_benchmark_is_the_middle_half_of_comparable_pay() {
        let g = group("Software Engineer", "Austin, TX");
        let pays = [100, 110, 120, 130, 140, 150, 160, 170, 180].map(|k| (g.clone(), k * 1_000_00));
        let b = &benchmarks(pays)[&g];
        assert_eq!((b.sample_size, b.p25_cents, b.median_cents, b.p75_cents), (9, 120_000_00, 140_000_00, 160_000_00));
    }

    #[test]
    fn holdout_measures_coverage_and_error_without_the_postings_own_pay() {
        let g = group("Software Engineer", "Austin, TX");
        let lone = group("Data Analyst", "Austin, TX");
        let mut samples: Vec<Sample> = (0..10).map(|n| (g.clone(), 100_000_00, Some(Uuid::from_u128(n)))).collect();
        samples.push((lone, 70_000_00, None));
        let report = holdout(&samples);
        assert_eq!((report.postings, report.estimated), (11, 10));
        assert_eq!(report.median_error, 0.0);
        assert_eq!(report.within_range, 1.0);
    }

    #[test]
    fn holdout_never_estimates_a_posting_from_its_own_employers_copies() {
        let g = group("Software Engineer", "Austin, TX");
        let acme = Some(Uuid::from_u128(1));
        // One employer's role posted eight times at one range, and five others' pay.
        let mut samples: Vec<Sample> = (0..8).map(|_| (g.clone(), 200_000_00, acme)).collect();
        samples.extend((0..5).map(|n| (g.clone(), 100_000_00 + n * 1_000_00, Some(Uuid::from_u128(10 + n as u128)))));
        let report = holdout(&samples);
        assert_eq!(report.postings, 13);
        // Acme's eight are estimated from the five others (about $102,000 for $200,000); the five
        // others have only four other employers' plus Acme's postings, so they are estimated too.
        assert_eq!(report.estimated, 13);
        assert!(report.median_error > 0.4, "{report:?}");
    }
}
