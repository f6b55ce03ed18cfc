//! A local stand-in for the job boards' public APIs (Greenhouse, Lever, Ashby), serving the real
//! recorded payloads from `shared/testdata/job_boards` at the boards' own paths, plus answers
//! that go wrong (404, HTML, an endless body, a slow answer) and a log of every request.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use futures::StreamExt;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tokio::time::Instant;

pub const JOB_BOARDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/testdata/job_boards/");

/// One request as the server saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub path: String,
    pub query: Option<String>,
    pub user_agent: String,
    pub accept_encoding: String,
    pub started: Instant,
    pub finished: Option<Instant>,
}

#[derive(Default)]
struct Shared {
    seen: Mutex<Vec<Seen>>,
    failing: AtomicBool,
    shrinking_calls: AtomicUsize,
    /// How long each board answer takes, so overlapping requests would show.
    delay_ms: AtomicUsize,
}

/// The running server; it stops when the test's runtime ends.
#[derive(Clone)]
pub struct BoardServer {
    pub address: String,
    shared: Arc<Shared>,
}

impl BoardServer {
    pub async fn start() -> Self {
        let shared = Arc::new(Shared::default());
        let files = tower_http::services::ServeDir::new(JOB_BOARDS);
        let app = Router::new()
            .nest_service("/files", files)
            .layer(tower_http::compression::CompressionLayer::new())
            .fallback(board)
            .layer(middleware::from_fn_with_state(shared.clone(), record))
            .with_state(shared.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let address = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("board server") });
        Self { address, shared }
    }

    /// `JOBPILOT_*_API_URL` values pointing at this server.
    pub fn api_urls(&self) -> [(&'static str, String); 3] {
        [
            ("JOBPILOT_GREENHOUSE_API_URL", format!("{}/gh", self.address)),
            ("JOBPILOT_LEVER_API_URL", format!("{}/lever", self.address)),
            ("JOBPILOT_ASHBY_API_URL", format!("{}/ashby", self.address)),
        ]
    }

    /// Every board answers 503 while set.
    pub fn set_failing(&self, failing: bool) {
        self.shared.failing.store(failing, Ordering::SeqCst);
    }

    pub fn set_delay(&self, delay: Duration) {
        self.shared.delay_ms.store(delay.as_millis() as usize, Ordering::SeqCst);
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().expect("log").clone()
    }
}

async fn record(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    // Built in a block: a borrow of the request (whose body is not `Sync`) must not live across
    // the await below.
    let seen = {
        let header = |name| request.headers().get(name).and_then(|v: &header::HeaderValue| v.to_str().ok()).unwrap_or("").to_string();
        Seen {
            path: request.uri().path().to_string(),
            query: request.uri().query().map(str::to_string),
            user_agent: header(header::USER_AGENT),
            accept_encoding: header(header::ACCEPT_ENCODING),
            started: Instant::now(),
            finished: None,
        }
    };
    let index = {
        let mut log = shared.seen.lock().expect("log");
        log.push(seen);
        log.len() - 1
    };
    let response = next.run(request).await;
    shared.seen.lock().expect("log")[index].finished = Some(Instant::now());
    response
}

fn payload(file: &str) -> Response {
    let bytes = std::fs::read(format!("{JOB_BOARDS}{file}")).expect("read payload");
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// The boards' own paths under `/gh`, `/lever` and `/ashby`.
async fn board(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let delay = shared.delay_ms.load(Ordering::SeqCst) as u64;
    tokio::time::sleep(Duration::from_millis(delay)).await;
    if shared.failing.load(Ordering::SeqCst) {
        return (StatusCode::SERVICE_UNAVAILABLE, "down for maintenance").into_response();
    }
    let path = request.uri().path().to_string();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        ["gh", "v1", "boards", "anthropic", "jobs"] => payload("recruitai/greenhouse.json"),
        ["gh", "v1", "boards", "shrinking", "jobs"] => shrinking(&shared),
        ["gh", "v1", "boards", "htmlpage", "jobs"] => {
            ([(header::CONTENT_TYPE, "text/html")], "<html><body>Sign in to continue</body></html>").into_response()
        }
        ["gh", "v1", "boards", "huge", "jobs"] => endless(),
        ["gh", "v1", "boards", "slow", "jobs"] => {
            tokio::time::sleep(Duration::from_secs(5)).await;
            payload("recruitai/greenhouse.json")
        }
        ["lever", "v0", "postings", "people-ai"] => payload("recruitai/lever.json"),
        ["ashby", "posting-api", "job-board", "replit"] => payload("ashby/replit.json"),
        _ => (StatusCode::NOT_FOUND, "no such board").into_response(),
    }
}

/// The Greenhouse board in full the first time, then without its first posting.
fn shrinking(shared: &Shared) -> Response {
    let bytes = std::fs::read(format!("{JOB_BOARDS}recruitai/greenhouse.json")).expect("read payload");
    let mut board: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    if shared.shrinking_calls.fetch_add(1, Ordering::SeqCst) > 0 {
        board["jobs"].as_array_mut().expect("jobs").remove(0);
    }
    axum::Json(board).into_response()
}

/// A JSON answer that never ends (1 MiB chunks, no length): only a reader that stops helps.
fn endless() -> Response {
    let chunk = Bytes::from(vec![b' '; 1 << 20]);
    let stream = futures::stream::iter(std::iter::once(Bytes::from_static(b"{\"jobs\": [")))
        .chain(futures::stream::repeat(chunk).take(64))
        .map(Ok::<_, std::io::Error>);
    ([(header::CONTENT_TYPE, "application/json")], Body::from_stream(stream)).into_response()
}
