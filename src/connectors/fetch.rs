//! Fetching live boards: a [`BoardRef`] becomes a URL (the boards' documented public APIs, with
//! origins overridable in the configuration), a polite, size-bounded GET, and a parsed board.

mod board_ref;
mod client;
mod hosts;
mod private;

use std::time::Duration;

use reqwest::Client;
use url::Url;

pub use board_ref::{BoardKind, BoardRef, BoardRefError};
pub use client::{FetchError, Fetched};
pub use hosts::{HostGate, host_key};

use super::BoardContext;
use crate::config::Config;
use crate::domain::posting::{ParsedBoard, SourceKind};

/// Whether a user-given URL names a private or local host outright (an IP literal or
/// `localhost`); names that resolve there are refused when fetched.
pub fn is_private_url(url: &Url) -> bool {
    private::is_private_literal(url)
}

/// Largest answer read, the same as the largest file `jobpilot ingest` reads.
pub const MAX_BODY_BYTES: u64 = 32 * 1024 * 1024;

/// Who chose the URL. An operator's (CLI, configured API origins) may be anywhere; a user's
/// (a source registered through the API) must be on the public internet unless the operator
/// allows otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Operator,
    User,
}

/// Where each board's API lives and how to treat the network.
#[derive(Clone, Debug)]
pub struct FetchSettings {
    pub greenhouse_api_url: String,
    pub lever_api_url: String,
    pub ashby_api_url: String,
    pub timeout: Duration,
    pub host_gap: Duration,
    pub allow_private: bool,
}

impl FetchSettings {
    /// Every configured API origin is an http(s) URL; the error names the variable to fix.
    pub fn check(&self) -> anyhow::Result<()> {
        for kind in BoardKind::ALL {
            let base = self.base_url(kind);
            let valid = Url::parse(base).is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.has_host());
            let setting = format!("JOBPILOT_{}_API_URL", kind.name().to_ascii_uppercase());
            anyhow::ensure!(valid, "{setting}={base:?} is not an http(s) URL");
        }
        Ok(())
    }

    fn base_url(&self, kind: BoardKind) -> &str {
        match kind {
            BoardKind::Greenhouse => &self.greenhouse_api_url,
            BoardKind::Lever => &self.lever_api_url,
            BoardKind::Ashby => &self.ashby_api_url,
        }
    }

    pub fn from_config(config: &Config) -> Self {
        Self {
            greenhouse_api_url: config.greenhouse_api_url.clone(),
            lever_api_url: config.lever_api_url.clone(),
            ashby_api_url: config.ashby_api_url.clone(),
            timeout: Duration::from_secs(config.fetch_timeout_secs),
            host_gap: Duration::from_millis(config.fetch_host_gap_ms),
            allow_private: config.fetch_allow_private,
        }
    }
}

/// Fetches boards. One per process: it holds the connection pools and the per-host turns.
#[derive(Debug)]
pub struct Fetcher {
    settings: FetchSettings,
    client: Client,
    public_client: Client,
    gate: HostGate,
}

impl Fetcher {
    /// Fails when a configured API origin is not an http(s) URL, naming its variable.
    pub fn new(settings: FetchSettings) -> anyhow::Result<Self> {
        settings.check()?;
        Ok(Self {
            client: client::build(settings.timeout, false)?,
            public_client: client::build(settings.timeout, !settings.allow_private)?,
            gate: HostGate::new(settings.host_gap),
            settings,
        })
    }

    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        Self::new(FetchSettings::from_config(config))
    }

    pub fn settings(&self) -> &FetchSettings {
        &self.settings
    }

    /// The URL a board is read from.
    pub fn url_for(&self, board: &BoardRef) -> Result<Url, FetchError> {
        let (kind, slug) = match board {
            BoardRef::Url(url) => return Ok(url.clone()),
            BoardRef::Board { kind, slug } => (kind, slug),
        };
        let base = self.settings.base_url(*kind);
        let text = kind.endpoint(base, slug);
        Url::parse(&text).map_err(|error| FetchError::Parse(super::ParseError(format!(
            "the {} API URL {base:?} is not a valid URL ({error}); check JOBPILOT_{}_API_URL",
            kind.name(),
            kind.name().to_ascii_uppercase()
        ))))
    }

    /// Downloads a board's answer, waiting for the host's turn first.
    pub async fn fetch(&self, board: &BoardRef, origin: Origin) -> Result<Fetched, FetchError> {
        let url = self.url_for(board)?;
        // Only a user's URL is checked: board kinds go to the operator's configured origins.
        let user_url = origin == Origin::User && matches!(board, BoardRef::Url(_));
        let client = if user_url { &self.public_client } else { &self.client };
        if user_url && !self.settings.allow_private && private::is_private_literal(&url) {
            return Err(FetchError::Blocked { host: url.host_str().unwrap_or_default().to_string() });
        }
        let fetched = self
            .gate
            .run(&url, client::download(client, &url, MAX_BODY_BYTES, self.settings.timeout))
            .await?;
        if board.source_kind().is_some() && !client::looks_like_json(&fetched.body) {
            let content_type = fetched.content_type.clone().unwrap_or_else(|| "not given".into());
            return Err(FetchError::NotJson { url: fetched.url, content_type });
        }
        Ok(fetched)
    }

    /// Fetches and parses a board. The company is the payload's own, else `company`, else the
    /// board's slug (Lever and Ashby answers do not name the company). A board kind fixes the
    /// format; a URL's is `format`, or detected from the answer when `None`.
    pub async fn fetch_board(
        &self,
        board: &BoardRef,
        origin: Origin,
        company: Option<&str>,
        format: Option<SourceKind>,
    ) -> Result<ParsedBoard, FetchError> {
        let fetched = self.fetch(board, origin).await?;
        let context = BoardContext {
            company_name: company.or(board.slug()).map(str::to_string),
            board_slug: board.slug().map(str::to_string),
            source_url: Some(fetched.url.to_string()),
        };
        Ok(super::parse(board.source_kind().or(format), &fetched.body, &context)?)
    }
}
