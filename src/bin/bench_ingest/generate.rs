//! Multiplies the real postings into `n` realistic variants and serialises them as
//! `connectors::file` JSON arrays, one payload per chunk.
//!
//! Every chunk is generated from its own seed, so the same chunk index always yields the same
//! bytes: the re-ingest pass sees exactly the payloads the first pass stored, and only one chunk
//! is ever held in memory. Companies come from a fixed pool of 2,000 (name + slug-based domain;
//! the file format has no per-row board slug, so the slug travels as the domain's stem). Salary
//! currency follows the location and the period is always stated.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;

use crate::seed::Seed;

pub const COMPANIES: usize = 2_000;

const NAME_HEADS: [&str; 50] = [
    "Acme", "Nimbus", "Vertex", "Helios", "Quanta", "Lumen", "Orbit", "Cobalt", "Juniper", "Atlas",
    "Beacon", "Cedar", "Delta", "Ember", "Fjord", "Granite", "Harbor", "Indigo", "Kestrel", "Lattice",
    "Meridian", "Northwind", "Onyx", "Pioneer", "Quarry", "Redwood", "Summit", "Tidal", "Umbra",
    "Vantage", "Willow", "Xenon", "Yonder", "Zephyr", "Aurora", "Bramble", "Cascade", "Drift",
    "Evergreen", "Falcon", "Glacier", "Horizon", "Ion", "Jade", "Keystone", "Lighthouse", "Mosaic",
    "Nova", "Oakridge", "Prism",
];
const NAME_TAILS: [&str; 40] = [
    "Labs", "Systems", "Health", "Robotics", "Analytics", "Cloud", "Logistics", "Financial",
    "Energy", "Software", "Security", "Bio", "Media", "Networks", "Mobility", "Foods", "Payments",
    "Insurance", "Learning", "Games", "AI", "Data", "Devices", "Retail", "Travel", "Capital",
    "Studios", "Works", "Dynamics", "Genomics", "Freight", "Commerce", "Markets", "Space",
    "Materials", "Therapeutics", "Telecom", "Homes", "Legal", "Maps",
];
const TLDS: [&str; 4] = ["com", "io", "ai", "co"];
const SENIORITY: [(&str, f64); 8] = [
    ("", 1.0), ("", 1.0), ("Senior ", 1.3), ("Staff ", 1.6), ("Principal ", 1.9),
    ("Junior ", 0.75), ("Lead ", 1.45), ("Associate ", 0.85),
];
const TEAMS: [&str; 10] = [
    "", "", "", ", Payments", " (Platform)", " - Growth", ", Infrastructure", ", Data",
    " - EMEA", ", Trust & Safety",
];
/// (location, remote, currency, typical mid-level yearly pay in major units, hourly roles exist).
const PLACES: [(&str, bool, &str, u64, bool); 18] = [
    ("San Francisco, CA, United States", false, "USD", 165_000, true),
    ("New York, NY, United States", false, "USD", 160_000, true),
    ("Seattle, WA, United States", false, "USD", 155_000, true),
    ("Austin, TX, United States", false, "USD", 135_000, true),
    ("Remote - United States", true, "USD", 145_000, true),
    ("London, United Kingdom", false, "GBP", 85_000, true),
    ("Berlin, Germany", false, "EUR", 80_000, true),
    ("Amsterdam, Netherlands", false, "EUR", 78_000, false),
    ("Paris, France", false, "EUR", 70_000, false),
    ("Dublin, Ireland", false, "EUR", 82_000, false),
    ("Remote - Europe", true, "EUR", 75_000, false),
    ("Toronto, ON, Canada", false, "CAD", 130_000, true),
    ("Bangalore, India", false, "INR", 3_500_000, false),
    ("Sydney, Australia", false, "AUD", 160_000, true),
    ("São Paulo, Brazil", false, "BRL", 250_000, false),
    ("Mexico City, Mexico", false, "MXN", 900_000, false),
    ("Singapore", false, "SGD", 140_000, false),
    ("Zurich, Switzerland", false, "CHF", 140_000, false),
];

/// One row in the file connector's JSON shape (see `connectors::file`).
#[derive(Serialize)]
struct Row<'a> {
    id: String,
    title: String,
    url: String,
    company: String,
    company_domain: String,
    locations: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salary_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salary_max: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    salary_period: Option<&'a str>,
    posted_at: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    department: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    employment_type: Option<&'a str>,
}

/// Company `k` of the pool: (name, domain).
fn company(k: usize) -> (String, String) {
    let head = NAME_HEADS[k % NAME_HEADS.len()];
    let tail = NAME_TAILS[(k / NAME_HEADS.len()) % NAME_TAILS.len()];
    let slug = format!("{}-{}", head, tail).to_ascii_lowercase();
    (format!("{head} {tail}"), format!("{slug}.{}", TLDS[k % TLDS.len()]))
}

/// Postings `start..end` as one JSON payload.
pub fn chunk(seeds: &[Seed], start: usize, end: usize) -> anyhow::Result<Vec<u8>> {
    let mut rng = StdRng::seed_from_u64(0x6a6f_6270 ^ start as u64);
    let rows: Vec<Row> = (start..end).map(|i| variant(seeds, i, &mut rng)).collect();
    Ok(serde_json::to_vec(&rows)?)
}

fn variant<'a>(seeds: &'a [Seed], i: usize, rng: &mut StdRng) -> Row<'a> {
    let seed = &seeds[rng.random_range(0..seeds.len())];
    let (name, domain) = company(rng.random_range(0..COMPANIES));
    let (prefix, level) = SENIORITY[rng.random_range(0..SENIORITY.len())];
    let team = TEAMS[rng.random_range(0..TEAMS.len())];
    let title = format!("{prefix}{}{team}", seed.title);
    let (place, remote, currency, yearly, hourly_ok) = PLACES[rng.random_range(0..PLACES.len())];
    let mut locations = vec![place];
    if rng.random_bool(0.15) {
        locations.push(PLACES[rng.random_range(0..PLACES.len())].0);
        locations.dedup();
    }
    // Four in ten postings state no pay, as on real boards.
    let (salary_min, salary_max, currency, period) = if rng.random_bool(0.6) {
        let hourly = hourly_ok && rng.random_bool(0.15);
        let mid = yearly as f64 * level * rng.random_range(0.85..1.0);
        let (min, unit, period) = if hourly { (mid / 2_080.0, 1.0, "hour") } else { (mid, 1_000.0, "year") };
        let max = min * rng.random_range(1.15..1.4);
        let round = |v: f64| ((v / unit).round() * unit) as u64;
        (Some(round(min)), Some(round(max)), Some(currency), Some(period))
    } else {
        (None, None, None, None)
    };
    let day = rng.random_range(0..90);
    let posted_at = (chrono::NaiveDate::from_ymd_opt(2025, 12, 20).unwrap_or_default()
        - chrono::Days::new(day))
    .format("%Y-%m-%d")
    .to_string();
    let intro = format!("{name} is hiring: {title}.");
    let description = seed.description.as_ref().map(|d| {
        if d.trim_start().starts_with('<') { format!("<p>{intro}</p>{d}") } else { format!("{intro}\n\n{d}") }
    });
    Row {
        id: format!("bench-{i:08}"),
        url: format!("https://jobs.{domain}/postings/{i}"),
        title,
        company: name,
        company_domain: domain,
        locations,
        remote: if remote { Some(true) } else { seed.remote },
        salary_min,
        salary_max,
        currency,
        salary_period: period,
        posted_at,
        description,
        department: seed.department.as_deref(),
        employment_type: seed.employment_type.as_deref(),
    }
}
