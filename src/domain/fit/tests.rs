//! Hand-made cases that pin the fit engine's behaviour (docs/matching.md).

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::domain::profile::{JobPreferences, ProfileFields};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 5).expect("date")
}

fn engineer() -> Seeker {
    let profile = ProfileFields {
        headline: Some("Backend engineer".into()),
        skills: vec!["Rust".into(), "Postgres".into(), "Kafka".into(), "Kubernetes".into()],
        years_experience: Some(8),
        ..Default::default()
    };
    let filters = SearchFilters {
        titles: vec!["Software Engineer".into()],
        remote_only: true,
        salary_min_cents: Some(150_000_00),
        ..Default::default()
    };
    Seeker::new(&profile, &filters)
}

struct Posting {
    title: &'static str,
    tags: Vec<String>,
    remote: bool,
    min: Option<i64>,
    max: Option<i64>,
    days_old: i64,
    company: &'static str,
    description: &'static str,
}

fn posting(title: &'static str, tags: &[&str]) -> Posting {
    Posting {
        title,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        remote: true,
        min: None,
        max: None,
        days_old: 0,
        company: "Acme",
        description: "",
    }
}

impl Posting {
    fn facts(&self) -> PostingFacts {
        PostingFacts::new(PostingInput {
            title: self.title,
            tags: &self.tags,
            company_name: Some(self.company),
            industry: None,
            remote: self.remote,
            location: None,
            salary_min_cents: self.min,
            salary_max_cents: self.max,
            salary_period: Some(PayPeriod::Year),
            currency: "USD",
            estimate: None,
            description: Some(self.description),
            posted_at: Utc.from_utc_datetime(&today().and_hms_opt(9, 0, 0).expect("time")) - chrono::Duration::days(self.days_old),
        })
    }
}

fn scored(seeker: &Seeker, p: &Posting) -> Fit {
    match evaluate(seeker, &p.facts(), today()) {
        Verdict::Scored(fit) => fit,
        other => panic!("{} not scored: {other:?}", p.title),
    }
}

#[test]
fn a_matching_posting_scores_high_and_says_why() {
    let mut p = posting("Senior Software Engineer", &["rust", "postgresql", "kafka", "grpc"]);
    (p.min, p.max) = (Some(170_000_00), Some(210_000_00));
    let fit = scored(&engineer(), &p);
    assert!(fit.score >= 90, "{fit:?}");
    assert_eq!(fit.factors.skill_overlap.count, 3);
    assert_eq!(fit.factors.skill_overlap.missing, vec!["grpc"]);
    assert_eq!(fit.factors.seniority_match, Some(true));
    assert_eq!(fit.factors.salary_basis, SalaryBasis::Stated);
    assert!(fit.rationale.starts_with("Strongest: "), "{}", fit.rationale);
    let points = &fit.factors.points;
    let sum: f64 = [points.title, points.skills, points.seniority, points.salary, Some(points.recency)].iter().flatten().sum();
    assert_eq!(sum.round() as i32, fit.score);
}

#[test]
fn the_users_kind_of_work_outranks_another_kind() {
    let seeker = engineer();
    let mine = scored(&seeker, &posting("Software Engineer", &["rust", "postgresql"]));
    assert!(mine.score >= 80, "{mine:?}");
    let other = posting("Customer Success Manager", &["customer success", "renewals"]);
    assert_eq!(evaluate(&seeker, &other.facts(), today()), Verdict::Unrelated);
    // Three of the user's skills make a differently titled posting relevant, scored lower.
    let platform = scored(&seeker, &posting("Platform Specialist", &["rust", "kafka", "kubernetes", "terraform"]));
    assert!(platform.score < mine.score, "{} vs {}", platform.score, mine.score);
}

#[test]
fn an_unknown_salary_is_neutral_never_zero() {
    let seeker = engineer();
    let unknown = scored(&seeker, &posting("Senior Software Engineer", &["rust"]));
    assert_eq!(unknown.factors.salary_basis, SalaryBasis::Unknown);
    assert_eq!(unknown.factors.salary_alignment, None);
    assert_eq!(unknown.factors.points.salary, Some(5.0));
    assert!(unknown.rationale.contains("pay not stated"), "{}", unknown.rationale);
    let mut above = posting("Senior Software Engineer", &["rust"]);
    (above.min, above.max) = (Some(160_000_00), Some(200_000_00));
    assert!(scored(&seeker, &above).score > unknown.score);
}

#[test]
fn an_estimate_counts_with_half_the_confidence_of_a_stated_salary() {
    let seeker = engineer();
    let mut facts = posting("Software Engineer", &["rust"]).facts();
    facts.estimate = Some(AnnualPay { low_cents: 160_000_00, high_cents: 200_000_00, currency: "USD".into() });
    let Verdict::Scored(fit) = evaluate(&seeker, &facts, today()) else { panic!("excluded") };
    assert_eq!(fit.factors.salary_basis, SalaryBasis::Estimated);
    assert_eq!(fit.factors.salary_alignment, Some(0.75));
}

#[test]
fn deal_breakers_exclude_instead_of_lowering_the_score() {
    let seeker = engineer();
    let mut onsite = posting("Software Engineer", &["rust"]);
    onsite.remote = false;
    assert_eq!(evaluate(&seeker, &onsite.facts(), today()), Verdict::Excluded(Exclusion::NotRemote));
    let mut cheap = posting("Software Engineer", &["rust"]);
    (cheap.min, cheap.max) = (Some(90_000_00), Some(120_000_00));
    assert_eq!(evaluate(&seeker, &cheap.facts(), today()), Verdict::Excluded(Exclusion::SalaryBelowFloor));
}

#[test]
fn excluded_companies_match_in_any_case_or_legal_form() {
    let profile = ProfileFields::default();
    let filters = SearchFilters { exclude_companies: vec!["ACME, Inc.".into()], ..Default::default() };
    let seeker = Seeker::new(&profile, &filters);
    let p = posting("Software Engineer", &[]);
    assert_eq!(evaluate(&seeker, &p.facts(), today()), Verdict::Excluded(Exclusion::ExcludedCompany));
    assert_eq!(company_key("Acme Holdings Co. Ltd."), "acmeholdings");
    assert_eq!(company_key("Scale AI"), "scaleai");
}

#[test]
fn a_posting_that_sponsors_no_one_is_left_out_only_for_those_who_need_it() {
    let mut p = posting("Software Engineer", &["rust"]);
    p.description = "Note: we are unable to sponsor visas for this position.";
    let needs = Seeker::new(&ProfileFields::default(), &SearchFilters { needs_sponsorship: true, ..Default::default() });
    assert_eq!(evaluate(&needs, &p.facts(), today()), Verdict::Excluded(Exclusion::NoSponsorship));
    assert!(matches!(evaluate(&engineer(), &p.facts(), today()), Verdict::Scored(_)));
}

#[test]
fn freshness_halves_every_week_and_counts_whole_days() {
    let seeker = engineer();
    let mut old = posting("Software Engineer", &["rust"]);
    old.days_old = 7;
    assert_eq!(scored(&seeker, &old).factors.recency_boost, 0.5);
    assert_eq!(scored(&seeker, &posting("Software Engineer", &["rust"])).factors.recency_boost, 1.0);
}

#[test]
fn the_users_skills_are_read_in_the_catalogs_spelling() {
    // "Postgres" in the profile is the catalog's "postgresql".
    assert!(engineer().skills.contains("postgresql"), "{:?}", engineer().skills);
}

#[test]
fn levels_come_from_the_search_then_the_profile_then_the_years() {
    let profile = ProfileFields {
        years_experience: Some(1),
        job_preferences: JobPreferences { levels: vec!["Senior".into()], ..Default::default() },
        ..Default::default()
    };
    assert_eq!(Seeker::new(&profile, &SearchFilters::default()).levels, vec![Level::Senior]);
    let search = SearchFilters { levels: vec!["Lead".into()], ..Default::default() };
    assert_eq!(Seeker::new(&profile, &search).levels, vec![Level::Lead]);
    let bare = ProfileFields { years_experience: Some(1), ..Default::default() };
    assert_eq!(Seeker::new(&bare, &SearchFilters::default()).levels, vec![Level::Junior]);
}

#[test]
fn a_user_with_neither_titles_nor_skills_matches_nothing() {
    let seeker = Seeker::new(&ProfileFields::default(), &SearchFilters::default());
    assert_eq!(evaluate(&seeker, &posting("Anything", &["rust"]).facts(), today()), Verdict::Unrelated);
}

#[test]
fn points_are_scaled_over_the_factors_that_apply() {
    // Titles only: title and freshness share the 100 points (35:10).
    let seeker = Seeker::new(&ProfileFields::default(), &SearchFilters { titles: vec!["Data Analyst".into()], ..Default::default() });
    let fit = scored(&seeker, &posting("Data Analyst", &[]));
    assert_eq!(fit.score, 100);
    let mut old = posting("Data Analyst", &[]);
    old.days_old = 14;
    let old = scored(&seeker, &old);
    assert_eq!(old.factors.points.recency, 5.56);
    assert_eq!(old.score, 83);
}
