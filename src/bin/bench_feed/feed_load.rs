//! The feed under load: the same mix of requests (first page, a score floor, remote only, and
//! page 2 through the cursor, for random users) sent by N concurrent clients over real HTTP to
//! `GET /api/v1/feed`, and run by N concurrent connections as the bare SQL the endpoint runs
//! (`db::enrichments::feed_page`), so the two latencies can be compared.

use std::sync::Arc;
use std::time::{Duration, Instant};

use jobpilot::db::enrichments::{self, FeedFilter};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use uuid::Uuid;

use super::users::BenchUser;

/// Items per page, the endpoint's default.
const PAGE: i64 = 20;

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    FirstPage,
    MinScore,
    Remote,
    /// A first page (untimed) and then the page after it (timed).
    PageTwo,
}

impl Kind {
    fn query(self) -> Vec<(&'static str, String)> {
        match self {
            Kind::FirstPage | Kind::PageTwo => vec![],
            Kind::MinScore => vec![("min_score", "60".into())],
            Kind::Remote => vec![("remote", "true".into())],
        }
    }

    /// The filter the endpoint applies for this kind of request.
    pub fn filter(self) -> FeedFilter {
        match self {
            Kind::MinScore => FeedFilter { min_score: Some(60), ..FeedFilter::default() },
            Kind::Remote => FeedFilter { remote: Some(true), ..FeedFilter::default() },
            _ => FeedFilter::default(),
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Request {
    pub user: usize,
    pub kind: Kind,
}

/// `count` requests for random users: half first pages, the rest split between the others.
pub fn mix(count: usize, users: usize, seed: u64) -> Vec<Request> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|_| {
            let kind = match rng.random_range(0..8) {
                0..=3 => Kind::FirstPage,
                4 => Kind::MinScore,
                5 => Kind::Remote,
                _ => Kind::PageTwo,
            };
            Request { user: rng.random_range(0..users), kind }
        })
        .collect()
}

pub use super::timings::{Timings, drive};

/// The mix over HTTP, each request timed until its whole body has arrived.
pub async fn over_http(url: String, users: Arc<Vec<BenchUser>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    let client = reqwest::Client::builder().pool_max_idle_per_host(clients).build()?;
    drive(requests, clients, move |request| {
        let (client, url, users) = (client.clone(), url.clone(), users.clone());
        async move {
            let token = &users[request.user].token;
            let mut query = request.kind.query();
            if let Kind::PageTwo = request.kind {
                let first = get(&client, &url, token, &query).await?.1;
                let Some(cursor) = first["next_cursor"].as_str() else { return Ok(None) };
                query.push(("cursor", cursor.to_string()));
            }
            let (latency, page) = get(&client, &url, token, &query).await?;
            Ok(Some((latency, page["items"].as_array().map_or(0, Vec::len))))
        }
    })
    .await
}

async fn get(client: &reqwest::Client, url: &str, token: &str, query: &[(&str, String)]) -> anyhow::Result<(Duration, serde_json::Value)> {
    let sent = Instant::now();
    let body = client.get(url).bearer_auth(token).query(query).send().await?.error_for_status()?.bytes().await?;
    let latency = sent.elapsed();
    Ok((latency, serde_json::from_slice(&body)?))
}

/// The same mix as the endpoint's SQL on plain connections: no HTTP, no auth, no JSON.
pub async fn bare_sql(pool: PgPool, users: Arc<Vec<BenchUser>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    drive(requests, clients, move |request| {
        let (pool, user_id): (PgPool, Uuid) = (pool.clone(), users[request.user].id);
        async move {
            let mut conn = pool.acquire().await?;
            let filter = request.kind.filter();
            let mut after = None;
            if let Kind::PageTwo = request.kind {
                let first = enrichments::feed_page(&mut conn, user_id, &filter, None, PAGE).await?;
                if first.len() < PAGE as usize {
                    return Ok(None);
                }
                after = first.last().map(|r| (r.fit_score, r.posted_at, r.job_posting_id));
            }
            let sent = Instant::now();
            let rows = enrichments::feed_page(&mut conn, user_id, &filter, after, PAGE).await?;
            Ok(Some((sent.elapsed(), rows.len())))
        }
    })
    .await
}
