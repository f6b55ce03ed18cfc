//! Deal-breakers: rules that take a posting out of a user's feed instead of lowering its score.

use serde::Serialize;

use super::pay::AnnualPay;
use super::places::location_matches;

/// Why a posting was left out; the feed's "which filter removed the most" hint counts these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    NotRemote,
    Location,
    SalaryBelowFloor,
    ExcludedCompany,
    ExcludedIndustry,
    NoSponsorship,
}

impl Exclusion {
    /// The filter a user would loosen to see the posting, as the API names it.
    pub fn filter(self) -> &'static str {
        match self {
            Exclusion::NotRemote => "remote_only",
            Exclusion::Location => "geo",
            Exclusion::SalaryBelowFloor => "salary_min_cents",
            Exclusion::ExcludedCompany => "exclude_companies",
            Exclusion::ExcludedIndustry => "exclude_industries",
            Exclusion::NoSponsorship => "needs_sponsorship",
        }
    }
}

/// The deal-breakers of one saved search, read once for every posting scored against it.
#[derive(Clone, Debug, Default)]
pub struct DealBreakers {
    pub remote_only: bool,
    /// Places the user will work in; empty means anywhere.
    pub geo: Vec<String>,
    /// The lowest pay accepted, per year, in its currency.
    pub salary_floor: Option<AnnualPay>,
    /// Company name keys ([`super::company_key`]).
    pub exclude_companies: Vec<String>,
    /// Lower-cased industries.
    pub exclude_industries: Vec<String>,
    /// The user needs a visa sponsor: postings that say they sponsor no one are left out.
    pub needs_sponsorship: bool,
}

/// What the deal-breakers look at in a posting.
pub struct PostingTerms<'a> {
    pub remote: bool,
    pub location: Option<&'a str>,
    pub company_key: Option<&'a str>,
    pub industry: Option<&'a str>,
    /// The stated pay (an estimate never excludes: it could be wrong).
    pub pay: Option<&'a AnnualPay>,
    pub no_sponsorship: bool,
}

impl DealBreakers {
    /// The first rule the posting breaks, if any. A fact the posting does not state (its pay, its
    /// place, its company's industry) breaks no rule.
    pub fn check(&self, posting: &PostingTerms<'_>) -> Option<Exclusion> {
        if self.remote_only && !posting.remote {
            return Some(Exclusion::NotRemote);
        }
        if !self.geo.is_empty() && !location_matches(&self.geo, posting.location) {
            return Some(Exclusion::Location);
        }
        if let (Some(floor), Some(pay)) = (&self.salary_floor, posting.pay)
            && pay.currency == floor.currency
            && pay.high_cents < floor.low_cents
        {
            return Some(Exclusion::SalaryBelowFloor);
        }
        if let Some(key) = posting.company_key
            && self.exclude_companies.iter().any(|k| k == key)
        {
            return Some(Exclusion::ExcludedCompany);
        }
        if let Some(industry) = posting.industry
            && self.exclude_industries.iter().any(|i| i.eq_ignore_ascii_case(industry.trim()))
        {
            return Some(Exclusion::ExcludedIndustry);
        }
        if self.needs_sponsorship && posting.no_sponsorship {
            return Some(Exclusion::NoSponsorship);
        }
        None
    }
}

/// Phrases in which a posting says it will not sponsor a work visa.
const NO_SPONSORSHIP: &[&str] = &[
    "unable to sponsor",
    "not able to sponsor",
    "cannot sponsor",
    "can not sponsor",
    "can't sponsor",
    "will not sponsor",
    "won't sponsor",
    "do not sponsor",
    "does not sponsor",
    "not sponsor",
    "no visa sponsorship",
    "no sponsorship",
    "without sponsorship",
    "without visa sponsorship",
    "sponsorship is not available",
    "sponsorship not available",
    "not offer sponsorship",
    "not offer visa sponsorship",
    "not provide sponsorship",
    "not provide visa sponsorship",
    "not eligible for sponsorship",
    "not eligible for visa sponsorship",
];

/// Whether a description says the employer sponsors no visas. "We sponsor visas" and "visa
/// sponsorship available" do not; a sentence that also says "now or in the future" requiring
/// sponsorship counts as a refusal (the usual US wording).
pub fn states_no_sponsorship(description: &str) -> bool {
    let lower = description.to_lowercase().replace('’', "'");
    NO_SPONSORSHIP.iter().any(|p| lower.contains(p))
        || lower.contains("now or in the future") && lower.contains("sponsorship") && lower.contains("require")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms() -> PostingTerms<'static> {
        PostingTerms { remote: true, location: None, company_key: None, industry: None, pay: None, no_sponsorship: false }
    }

    #[test]
    fn every_rule_excludes_on_its_own() {
        let remote = DealBreakers { remote_only: true, ..Default::default() };
        assert_eq!(remote.check(&PostingTerms { remote: false, ..terms() }), Some(Exclusion::NotRemote));
        let geo = DealBreakers { geo: vec!["US".into()], ..Default::default() };
        assert_eq!(geo.check(&PostingTerms { location: Some("Berlin"), ..terms() }), Some(Exclusion::Location));
        let floor = DealBreakers { salary_floor: Some(AnnualPay::usd(150_000_00)), ..Default::default() };
        let low = AnnualPay { low_cents: 90_000_00, high_cents: 120_000_00, currency: "USD".into() };
        assert_eq!(floor.check(&PostingTerms { pay: Some(&low), ..terms() }), Some(Exclusion::SalaryBelowFloor));
        let company = DealBreakers { exclude_companies: vec!["acme".into()], ..Default::default() };
        assert_eq!(company.check(&PostingTerms { company_key: Some("acme"), ..terms() }), Some(Exclusion::ExcludedCompany));
        let industry = DealBreakers { exclude_industries: vec!["gambling".into()], ..Default::default() };
        assert_eq!(industry.check(&PostingTerms { industry: Some("Gambling"), ..terms() }), Some(Exclusion::ExcludedIndustry));
        let visa = DealBreakers { needs_sponsorship: true, ..Default::default() };
        assert_eq!(visa.check(&PostingTerms { no_sponsorship: true, ..terms() }), Some(Exclusion::NoSponsorship));
    }

    #[test]
    fn what_a_posting_does_not_say_breaks_no_rule() {
        let all = DealBreakers {
            geo: vec!["US".into()],
            salary_floor: Some(AnnualPay::usd(150_000_00)),
            exclude_industries: vec!["gambling".into()],
            needs_sponsorship: true,
            ..Default::default()
        };
        assert_eq!(all.check(&terms()), None);
    }

    #[test]
    fn a_range_reaching_the_floor_or_another_currency_is_kept() {
        let floor = DealBreakers { salary_floor: Some(AnnualPay::usd(150_000_00)), ..Default::default() };
        let reaching = AnnualPay { low_cents: 120_000_00, high_cents: 160_000_00, currency: "USD".into() };
        assert_eq!(floor.check(&PostingTerms { pay: Some(&reaching), ..terms() }), None);
        let euros = AnnualPay { low_cents: 60_000_00, high_cents: 70_000_00, currency: "EUR".into() };
        assert_eq!(floor.check(&PostingTerms { pay: Some(&euros), ..terms() }), None);
    }

    #[test]
    fn refusals_to_sponsor_are_read_and_offers_are_not() {
        assert!(states_no_sponsorship("We are unable to sponsor visas for this role."));
        assert!(states_no_sponsorship("Applicants who now or in the future require sponsorship will not be considered"));
        assert!(states_no_sponsorship("We can’t sponsor work permits."));
        assert!(!states_no_sponsorship("Visa sponsorship available for the right candidate."));
        assert!(!states_no_sponsorship("We sponsor visas and help with relocation."));
    }
}
