//! The demo catalog: a few thousand generated, realistic postings from fictional companies,
//! stored through the real catalog ingest so they are normalised, tagged and de-duplicated
//! exactly like postings read from a board.
//!
//! Deterministic: the same seed and the same day give the same drafts, and every posting keeps
//! a stable board id (`demo-00042`), so seeding again on the same day changes no row. Only
//! `posted_at` follows the calendar (the last 60 days before `today`), so the catalog never
//! looks abandoned; on a later day the dates move and the postings are updated, not duplicated.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sqlx::PgPool;

use super::companies::{Company, Policy, companies};
use super::describe::{self, Facts};
use super::rng::Rng;
use super::roles::{FAMILIES, Family, Ladder, Level, Role};
use super::words::{self, INDUSTRIES, Place};
use crate::domain::posting::{ParsedBoard, PayPeriod, PostingDraft, Salary};
use crate::domain::skills::SkillMatcher;
use crate::services::catalog::{self, IngestSummary};

/// Postings in the demo catalog.
pub const POSTINGS: usize = 3_000;
/// Companies they come from.
pub const COMPANIES: usize = 150;
/// The demo's one seed; changing it changes every demo posting.
const SEED: u64 = 0x6A6F_6270_696C_6F74; // "jobpilot"
/// How far back postings go.
const DAYS_BACK: i64 = 60;

/// Generates the demo catalog, every posting dated within the 60 days before `today`.
pub fn generate(today: NaiveDate) -> ParsedBoard {
    let companies = companies(SEED, COMPANIES);
    let hiring: Vec<(usize, u32)> = companies.iter().enumerate().map(|(i, c)| (i, c.hiring)).collect();
    let anchor = today.and_time(chrono::NaiveTime::MIN).and_utc();
    let postings = (0..POSTINGS)
        .map(|index| {
            let mut rng = Rng::for_item(SEED, index);
            // The first postings go one to each company, so none is left without an opening.
            let company = match companies.get(index) {
                Some(company) => company,
                None => &companies[*rng.weighted(&hiring)],
            };
            posting(&mut rng, index, company, anchor)
        })
        .collect();
    ParsedBoard { postings, skipped: Vec::new() }
}

/// Stores the demo catalog through the real ingest. Not a full board: nothing is ever closed,
/// so real postings a user ingested are never touched.
pub async fn seed(pool: &PgPool, today: NaiveDate) -> anyhow::Result<IngestSummary> {
    catalog::ingest(pool, generate(today), SkillMatcher::builtin(), false).await
}

/// Every skill spelling the generator can write, for checking them against the taxonomy.
pub fn skill_spellings() -> Vec<&'static str> {
    let roles = FAMILIES.iter().flat_map(|f| f.roles).flat_map(|r| r.skills.iter().copied());
    let industries = INDUSTRIES.iter().flat_map(|i| i.extra_skills.iter().copied());
    roles.chain(industries).collect()
}

fn posting(rng: &mut Rng, index: usize, company: &Company, anchor: DateTime<Utc>) -> PostingDraft {
    let families: Vec<(usize, u32)> = FAMILIES.iter().enumerate().map(|(i, f)| (i, f.weight)).collect();
    let family = &FAMILIES[*rng.weighted(&families)];
    let role = pick_role(rng, family);
    let level: Level = *rng.weighted(&role.ladder.levels().iter().map(|l| (*l, l.3)).collect::<Vec<_>>());
    let base_title = format!("{}{}", level.0, role.title);
    let team = (role.ladder != Ladder::Fixed && rng.chance(0.3)).then(|| *rng.pick(family.teams));
    let title = match team {
        Some(team) => format!("{base_title}, {team}"),
        None => base_title.clone(),
    };
    let (locations, place) = locations(rng, company);
    let salary = salary(rng, family, role, level, place);
    let count = 3 + rng.below(3);
    let skills = rng.sample(role.skills, count);
    let extras: Vec<&str> = company.industry.extra_skills.iter().copied().filter(|s| !skills.contains(s)).collect();
    let count = 1 + rng.below(2);
    let nice_to_have = rng.sample(&extras, count);
    let count = 4 + rng.below(2);
    let duties = rng.sample(family.duties, count);
    let benefits = rng.sample(words::benefits(place.region), 4);
    let board_id = format!("demo-{index:05}");
    let facts = Facts {
        company,
        title: &base_title,
        team: team.unwrap_or(family.department),
        years: level.2,
        duties: &duties,
        skills: &skills,
        nice_to_have: &nice_to_have,
        benefits: &benefits,
        pay: salary.as_ref().map(|s| pay_sentence(s, family.department == "Sales")),
    };
    PostingDraft {
        source: company.board,
        url: format!("https://careers.{}/jobs/{board_id}", company.domain()),
        board_id: Some(board_id),
        title,
        company: company.draft(),
        description_raw: Some(describe::html(&facts, rng)),
        remote: Some(place.remote),
        locations,
        employment_type: Some(employment_type(rng, &salary).to_string()),
        salary,
        salary_text: None,
        department: Some(family.department.to_string()),
        posted_at: Some(posted_at(rng, anchor)),
    }
}

/// A title of the family; management titles are rarer than the ladder titles under them.
fn pick_role<'a>(rng: &mut Rng, family: &'a Family) -> &'a Role {
    let weighted: Vec<(&Role, u32)> = family
        .roles
        .iter()
        .map(|r| (r, if r.ladder == Ladder::Fixed { 1 } else { 5 }))
        .collect();
    rng.weighted::<&Role>(&weighted)
}

/// The posting's locations and the place that sets its pay and remote flag (the first one).
fn locations(rng: &mut Rng, company: &Company) -> (Vec<String>, &'static Place) {
    let remote_share = match company.policy {
        Policy::RemoteFirst => 0.8,
        Policy::RemoteFriendly => 0.35,
        Policy::Hybrid => 0.1,
        Policy::OnSite => 0.0,
    };
    if !company.remote.is_empty() && rng.chance(remote_share) {
        let place = *rng.pick(&company.remote);
        return (vec![place.location.to_string()], place);
    }
    let office = *rng.pick(&company.offices);
    let hybrid = company.policy == Policy::Hybrid || (company.policy == Policy::RemoteFriendly && rng.chance(0.5));
    let label = |p: &Place| if hybrid { format!("{} (Hybrid)", p.location) } else { p.location.to_string() };
    let mut locations = vec![label(office)];
    // Some postings name a second office that pays in the same currency ("Berlin; Munich").
    let sibling = company
        .offices
        .iter()
        .find(|o| !std::ptr::eq(**o, office) && o.currency == office.currency);
    if let Some(sibling) = sibling.filter(|_| rng.chance(0.25)) {
        locations.push(label(sibling));
    }
    (locations, office)
}

/// The pay range, or `None` for the many postings that state none.
fn salary(rng: &mut Rng, family: &Family, role: &Role, level: Level, place: &Place) -> Option<Salary> {
    let stated = rng.chance(place.disclosed);
    // Drawn even when not stated, so whether a salary is stated never shifts later draws.
    let company_band = rng.between(0.93, 1.07);
    let (low, high) = (rng.between(0.85, 0.93), rng.between(1.08, 1.2));
    let by_the_hour = role.hourly && words::pays_hourly(place.region) && rng.chance(0.6);
    if !stated {
        return None;
    }
    let yearly = f64::from(family.base_usd) * role.pay * level.1 * place.pay * company_band;
    let (min, max, period) = if by_the_hour {
        // 2,080 paid hours a year; hourly rates are posted to the half unit ("$24.50").
        let hour = yearly / 2_080.0;
        (half_units(hour * low), half_units(hour * high), PayPeriod::Hour)
    } else {
        (round_nicely(yearly * low), round_nicely(yearly * high), PayPeriod::Year)
    };
    Some(Salary {
        min_cents: Some(min),
        max_cents: Some(max),
        currency: Some(place.currency.to_string()),
        period: Some(period),
    })
}

/// Yearly pay in cents, rounded the way boards round it: to 1,000s, 5,000s or 50,000s.
fn round_nicely(amount: f64) -> i64 {
    let step = match amount {
        a if a >= 1_000_000.0 => 50_000.0,
        a if a >= 100_000.0 => 5_000.0,
        _ => 1_000.0,
    };
    ((amount / step).round() * step) as i64 * 100
}

fn half_units(amount: f64) -> i64 {
    ((amount * 2.0).round() * 50.0) as i64
}

/// "The base salary range for this role is 150,000 – 180,000 USD per year."
fn pay_sentence(salary: &Salary, commission: bool) -> String {
    let amount = |cents: Option<i64>| {
        let cents = cents.unwrap_or(0);
        if cents % 100 == 0 { grouped(cents / 100) } else { format!("{}.{:02}", grouped(cents / 100), cents % 100) }
    };
    let per = if salary.period == Some(PayPeriod::Hour) { "per hour" } else { "per year" };
    format!(
        "The base pay range for this role is {} – {} {} {per}{}, depending on experience.",
        amount(salary.min_cents),
        amount(salary.max_cents),
        salary.currency.as_deref().unwrap_or(""),
        if commission { ", plus commission" } else { "" },
    )
}

/// 150000 → "150,000".
fn grouped(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn employment_type(rng: &mut Rng, salary: &Option<Salary>) -> &'static str {
    let hourly = salary.as_ref().is_some_and(|s| s.period == Some(PayPeriod::Hour));
    match rng.unit() {
        u if hourly && u < 0.2 => "Part-time",
        u if u > 0.95 => "Contract",
        _ => "Full-time",
    }
}

/// Within the last 60 days, recent days more likely (boards are full of fresh postings), at
/// minute precision and never after the start of `today`.
fn posted_at(rng: &mut Rng, anchor: DateTime<Utc>) -> DateTime<Utc> {
    let span = DAYS_BACK * 24 * 60;
    let back = rng.below(span as usize).min(rng.below(span as usize)) as i64 + 1;
    anchor - Duration::minutes(back)
}
