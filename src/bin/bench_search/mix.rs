//! The request mix: what people filter on, in rough proportions, with a fixed seed.

use chrono::{Duration, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use uuid::Uuid;

use super::words::{FAMILY_TAGS, MISSPELLED_TITLES};

/// One search, and whether the client goes on to page 2 with the returned cursor.
pub struct Request {
    pub kind: &'static str,
    pub query: Vec<(&'static str, String)>,
    pub page_two: bool,
}

const LOCATIONS: &[&str] = &["berlin", "london", "new york", "san francisco", "germany", "toronto", "remote", "spain", "austin"];

/// Kinds with their weights (out of 100).
const KINDS: &[(&str, u32)] = &[
    ("q: misspelled title", 20), ("q: misspelled company", 5), ("tags", 12), ("remote + location", 10),
    ("location", 5), ("salary_min", 8), ("company", 10), ("posted_after", 5), ("q + remote", 5),
    ("q + tags", 5), ("tags + salary_min + remote", 5), ("location + posted_after", 5), ("no filter", 5),
];

/// Companies to filter on: a few large ones and the long tail, as people would click them.
pub async fn sample_companies(owner: &PgPool) -> anyhow::Result<Vec<(Uuid, String)>> {
    Ok(sqlx::query_as("(select id, name from companies order by random() limit 200)
         union all (select company_id, min(c.name) from job_postings p join companies c on c.id = p.company_id
                    group by company_id order by count(*) desc limit 20)")
        .fetch_all(owner)
        .await?)
}

pub fn requests(count: usize, companies: &[(Uuid, String)]) -> Vec<Request> {
    let mut rng = StdRng::seed_from_u64(42);
    (0..count).map(|_| one(&mut rng, companies)).collect()
}

fn one(rng: &mut StdRng, companies: &[(Uuid, String)]) -> Request {
    let mut roll = rng.random_range(0..100);
    let kind = KINDS.iter().find(|(_, w)| if roll < *w { true } else { roll -= w; false }).map_or("no filter", |k| k.0);
    let mut query = Vec::new();
    let location = LOCATIONS[rng.random_range(0..LOCATIONS.len())].to_string();
    let salary = (rng.random_range(6..=20) * 10_000).to_string();
    let since = (Utc::now() - Duration::days(rng.random_range(1..=60))).format("%Y-%m-%d").to_string();
    let (company_id, company_name) = &companies[rng.random_range(0..companies.len())];
    match kind {
        "q: misspelled title" => query.push(("q", title(rng))),
        "q: misspelled company" => query.push(("q", misspell(rng, company_name))),
        "tags" => query.push(("tags", tags(rng))),
        "remote + location" => query.extend([("remote", "true".into()), ("location", "remote".into())]),
        "location" => query.push(("location", location)),
        "salary_min" => query.push(("salary_min", salary)),
        "company" => query.push(("company", company_id.to_string())),
        "posted_after" => query.push(("posted_after", since)),
        "q + remote" => query.extend([("q", title(rng)), ("remote", "true".into())]),
        "q + tags" => query.extend([("q", title(rng)), ("tags", tags(rng))]),
        "tags + salary_min + remote" => query.extend([("tags", tags(rng)), ("salary_min", salary), ("remote", "true".into())]),
        "location + posted_after" => query.extend([("location", location), ("posted_after", since)]),
        _ => {}
    }
    Request { kind, query, page_two: rng.random_bool(0.25) }
}

fn title(rng: &mut StdRng) -> String {
    MISSPELLED_TITLES[rng.random_range(0..MISSPELLED_TITLES.len())].to_string()
}

/// One to three tags of one skill family, as someone with that profile would pick.
fn tags(rng: &mut StdRng) -> String {
    let family: Vec<&str> = FAMILY_TAGS[rng.random_range(0..FAMILY_TAGS.len())].split(',').collect();
    let n = rng.random_range(1..=3);
    (0..n).map(|_| family[rng.random_range(0..family.len())]).collect::<Vec<_>>().join(",")
}

/// Drops one letter from the first word (but keeps the company recognisable).
fn misspell(rng: &mut StdRng, name: &str) -> String {
    let first = name.split_whitespace().next().unwrap_or(name);
    let chars: Vec<char> = first.chars().collect();
    if chars.len() < 5 {
        return first.to_lowercase();
    }
    let drop = rng.random_range(1..chars.len() - 1);
    chars.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, c)| c.to_ascii_lowercase()).collect()
}
