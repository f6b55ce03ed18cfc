//! The pipeline reads under load: the board page (`GET /pipeline`, logged-in sessions) and
//! `GET /api/v1/applications?stage=` (API tokens) sent by N concurrent clients over real HTTP,
//! and the same queries as bare SQL on N plain connections (`db::pipeline_board::cards`,
//! `db::applications::list`), so each latency can be set beside its ceiling.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use jobpilot::db::applications::ApplicationFilter;
use jobpilot::db::{applications, pipeline_board};
use jobpilot::domain::stage::Stage;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::PgPool;
use uuid::Uuid;

use super::timings::{Timings, drive};
use super::users::BenchUser;

/// The password `users::create` gives every bench user.
const PASSWORD: &str = "bench-password-not-for-login";
/// The API's default page size, which the list requests use.
const API_PAGE: i64 = 50;

/// What a request asks for.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// The whole board (board) or the first page of one stage (API).
    Plain(Stage),
    /// The board narrowed by a word of the title or company.
    Text,
    /// One stage's column alone.
    OneStage(Stage),
}

#[derive(Clone, Copy, Debug)]
pub struct Request {
    pub user: usize,
    pub kind: Kind,
}

fn any_stage(rng: &mut StdRng) -> Stage {
    Stage::ALL[rng.random_range(0..Stage::ALL.len())]
}

/// `count` board requests over the first `users` users: mostly the whole board, some filtered.
pub fn board_mix(count: usize, users: usize, seed: u64) -> Vec<Request> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|_| {
            let kind = match rng.random_range(0..10) {
                0..=6 => Kind::Plain(Stage::Prospect),
                7 => Kind::Text,
                _ => Kind::OneStage(any_stage(&mut rng)),
            };
            Request { user: rng.random_range(0..users), kind }
        })
        .collect()
}

/// `count` API list requests, one stage each, for random users.
pub fn list_mix(count: usize, users: usize, seed: u64) -> Vec<Request> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count).map(|_| Request { user: rng.random_range(0..users), kind: Kind::Plain(any_stage(&mut rng)) }).collect()
}

fn board_filter(kind: Kind) -> ApplicationFilter {
    match kind {
        Kind::Plain(_) => ApplicationFilter::default(),
        Kind::Text => ApplicationFilter { text: Some("engineer".into()), ..ApplicationFilter::default() },
        Kind::OneStage(stage) => ApplicationFilter { stage: Some(stage.as_str().into()), ..ApplicationFilter::default() },
    }
}

fn board_query(kind: Kind) -> Vec<(&'static str, String)> {
    match kind {
        Kind::Plain(_) => vec![],
        Kind::Text => vec![("q", "engineer".into())],
        Kind::OneStage(stage) => vec![("only", stage.as_str().into())],
    }
}

/// A logged-in browser: a client keeping the session cookie.
pub struct Session {
    client: reqwest::Client,
}

/// Logs `users` in through the login form, as a browser would (untimed).
pub async fn log_in(base: &str, users: &[BenchUser], emails: &[String]) -> anyhow::Result<Vec<Session>> {
    let mut sessions = Vec::with_capacity(users.len());
    for email in emails.iter().take(users.len()) {
        let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build()?;
        let page = client.get(format!("{base}/login")).send().await?.text().await?;
        let token = page
            .split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .context("the login page has a csrf_token field")?
            .to_string();
        let response = client
            .post(format!("{base}/login"))
            .form(&[("csrf_token", token.as_str()), ("email", email), ("password", PASSWORD), ("next", "/pipeline")])
            .send()
            .await?;
        anyhow::ensure!(response.status() == reqwest::StatusCode::SEE_OTHER, "logging in {email}: {}", response.status());
        sessions.push(Session { client });
    }
    Ok(sessions)
}

/// The board page for the sessions, each request timed until its whole body has arrived.
pub async fn board_over_http(base: String, sessions: Arc<Vec<Session>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    drive(requests, clients, move |request| {
        let (base, sessions) = (base.clone(), sessions.clone());
        async move {
            let session = &sessions[request.user];
            let sent = Instant::now();
            let body = session.client.get(format!("{base}/pipeline")).query(&board_query(request.kind)).send().await?.error_for_status()?.text().await?;
            let latency = sent.elapsed();
            anyhow::ensure!(body.contains("id=\"board\""), "not the board page");
            Ok(Some((latency, body.matches("class=\"board-card\"").count())))
        }
    })
    .await
}

/// The board's query alone on plain connections: no HTTP, session, RLS or rendering.
pub async fn board_sql(pool: PgPool, users: Arc<Vec<Uuid>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    drive(requests, clients, move |request| {
        let (pool, user_id) = (pool.clone(), users[request.user]);
        async move {
            let mut conn = pool.acquire().await?;
            let filter = board_filter(request.kind);
            let per_stage = if filter.stage.is_some() {
                jobpilot::services::pipeline::CARDS_ONE_STAGE
            } else {
                jobpilot::services::pipeline::CARDS_PER_COLUMN
            };
            let sent = Instant::now();
            let cards = pipeline_board::cards(&mut conn, user_id, &filter, per_stage, chrono::Utc::now()).await?;
            Ok(Some((sent.elapsed(), cards.len())))
        }
    })
    .await
}

fn list_stage(kind: Kind) -> Stage {
    match kind {
        Kind::Plain(stage) | Kind::OneStage(stage) => stage,
        Kind::Text => Stage::Prospect,
    }
}

/// `GET /api/v1/applications?stage=` with each user's token.
pub async fn list_over_http(url: String, users: Arc<Vec<BenchUser>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    let client = reqwest::Client::builder().pool_max_idle_per_host(clients).build()?;
    drive(requests, clients, move |request| {
        let (client, url, users) = (client.clone(), url.clone(), users.clone());
        async move {
            let sent = Instant::now();
            let body = client
                .get(&url)
                .bearer_auth(&users[request.user].token)
                .query(&[("stage", list_stage(request.kind).as_str())])
                .send()
                .await?
                .error_for_status()?
                .bytes()
                .await?;
            let latency: Duration = sent.elapsed();
            let page: serde_json::Value = serde_json::from_slice(&body)?;
            Ok(Some((latency, page["items"].as_array().map_or(0, Vec::len))))
        }
    })
    .await
}

/// The list's query alone on plain connections.
pub async fn list_sql(pool: PgPool, users: Arc<Vec<Uuid>>, requests: Vec<Request>, clients: usize) -> anyhow::Result<Timings> {
    drive(requests, clients, move |request| {
        let (pool, user_id) = (pool.clone(), users[request.user]);
        async move {
            let mut conn = pool.acquire().await?;
            let filter = ApplicationFilter { stage: Some(list_stage(request.kind).as_str().into()), ..ApplicationFilter::default() };
            let sent = Instant::now();
            let rows = applications::list(&mut conn, user_id, &filter, None, API_PAGE).await?;
            Ok(Some((sent.elapsed(), rows.len())))
        }
    })
    .await
}
