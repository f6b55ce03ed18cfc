//! The HTTP side of fetching: one configured client, a bounded download, and errors that say
//! what went wrong in words an operator can act on.

use std::error::Error as _;
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE};
use reqwest::{Client, StatusCode, redirect};
use url::Url;

use super::private::{self, PublicOnly};
use crate::connectors::ParseError;

/// Sent with every request, so board operators can see who is reading and why.
const USER_AGENT: &str = concat!("Jobpilot/", env!("CARGO_PKG_VERSION"), " (job-board reader)");
const MAX_REDIRECTS: usize = 5;

/// A board's answer, read in full.
#[derive(Debug)]
pub struct Fetched {
    /// Where the body came from after redirects.
    pub url: Url,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Why a board could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url} answered {status}{hint}")]
    Status { url: Url, status: StatusCode, hint: &'static str },
    #[error("{url} did not answer within {seconds} s")]
    Timeout { url: Url, seconds: u64 },
    #[error("cannot reach {url}: {detail}")]
    Unreachable { url: Url, detail: String },
    #[error("{url} sent more than {limit_mib} MiB; the limit is {limit_mib} MiB")]
    TooLarge { url: Url, limit_mib: u64 },
    #[error("{url} did not answer with JSON (content type {content_type})")]
    NotJson { url: Url, content_type: String },
    #[error("{host} is a private or local address; fetching it is not allowed")]
    Blocked { host: String },
    #[error("{url}: {detail}")]
    Failed { url: Url, detail: String },
    #[error("{0}")]
    Parse(#[from] ParseError),
}

/// Builds a client. `public_only` refuses private, loopback and link-local addresses, both
/// where DNS points and where a redirect leads, for URLs a user (not the operator) chose.
pub fn build(timeout: Duration, public_only: bool) -> reqwest::Result<Client> {
    let mut builder = Client::builder()
        .user_agent(USER_AGENT)
        .timeout(timeout)
        .connect_timeout(timeout.min(Duration::from_secs(10)))
        .gzip(true)
        .redirect(redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
            } else if public_only && private::is_private_literal(attempt.url()) {
                attempt.error("redirected to a private or local address")
            } else {
                attempt.follow()
            }
        }));
    if public_only {
        builder = builder.dns_resolver(std::sync::Arc::new(PublicOnly));
    }
    builder.build()
}

/// GETs `url` and reads at most `limit` bytes of (decompressed) body, stopping as soon as the
/// answer grows past it: a board, or anything posing as one, cannot make us buffer without end.
pub async fn download(client: &Client, url: &Url, limit: u64, timeout: Duration) -> Result<Fetched, FetchError> {
    let failed = |error: reqwest::Error| classify(url, error, timeout);
    let mut response = client
        .get(url.clone())
        .header(ACCEPT, "application/json, text/html;q=0.8, */*;q=0.5")
        .send()
        .await
        .map_err(failed)?;
    let status = response.status();
    if !status.is_success() {
        let hint = if status == StatusCode::NOT_FOUND { " (is the board's name right?)" } else { "" };
        return Err(FetchError::Status { url: url.clone(), status, hint });
    }
    let too_large = || FetchError::TooLarge { url: url.clone(), limit_mib: limit >> 20 };
    if response.content_length().is_some_and(|length| length > limit) {
        return Err(too_large());
    }
    let content_type = response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    let final_url = response.url().clone();
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(failed)? {
        if (body.len() + chunk.len()) as u64 > limit {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Fetched { url: final_url, content_type, body })
}

fn classify(url: &Url, error: reqwest::Error, timeout: Duration) -> FetchError {
    if error.is_timeout() {
        return FetchError::Timeout { url: url.clone(), seconds: timeout.as_secs() };
    }
    let detail = root_cause(&error);
    if detail.contains(private::BLOCKED) {
        let host = url.host_str().unwrap_or_default().to_string();
        return FetchError::Blocked { host };
    }
    if error.is_connect() {
        FetchError::Unreachable { url: url.clone(), detail }
    } else {
        FetchError::Failed { url: url.clone(), detail }
    }
}

/// reqwest's own message is "error sending request"; the useful part is at the end of the chain.
fn root_cause(error: &reqwest::Error) -> String {
    let mut messages = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        messages.push(cause.to_string());
        source = cause.source();
    }
    // Several layers repeat their inner message; the last two say the most without the noise.
    messages.dedup();
    let tail: Vec<String> = messages.into_iter().rev().take(2).collect();
    tail.into_iter().rev().collect::<Vec<_>>().join(": ")
}

/// Whether a body looks like JSON: boards with a JSON API that answer anything else (an HTML
/// error page behind a proxy, a login wall) get a clear error instead of a confusing parse one.
pub fn looks_like_json(body: &[u8]) -> bool {
    let text = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    text.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'{' | b'['))
}

