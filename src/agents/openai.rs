//! The engine that speaks the OpenAI-compatible chat-completions protocol: hosted services, and
//! local Ollama, vLLM or llama.cpp servers (their `/v1/chat/completions`).
//!
//! The system message is the tool's instructions and its JSON schema, the user message the input
//! JSON. A reply is repaired and validated against the schema; if it still does not fit, the
//! model gets one corrective message quoting the validation error. Anything else (timeouts,
//! 429s past the last attempt, refusals) is a failure for [`super::model::Models`] to fall back
//! from, carrying every message exchanged so the run's record shows what went wrong.

use std::fmt;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{Value, json};
use tokio::time::Instant;

use super::model::{Failure, Generation, LanguageModel, ModelError, ModelRequest};
use super::structured::parse_reply;
use crate::config::{Config, redact_url};

/// An API key: shown to nothing but the `Authorization` header.
#[derive(Clone)]
pub struct ApiKey(String);

impl ApiKey {
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    pub(super) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(***)")
    }
}

/// How to reach the service and how long to wait for it.
#[derive(Clone, Debug)]
pub struct OpenAiSettings {
    /// The URL `/chat/completions` lives under, usually ending in `/v1`.
    pub base_url: String,
    pub model: String,
    pub api_key: Option<ApiKey>,
    /// Longest one HTTP request may take, from connecting to the last byte of the answer.
    pub request_timeout: Duration,
    /// Longest a whole call may take: every retry and the corrective round included.
    pub deadline: Duration,
    /// Requests per exchange when the service answers 429 or 5xx or cannot be reached.
    pub max_attempts: u32,
    /// First backoff step; each retry doubles it, plus jitter.
    pub backoff_base: Duration,
    /// Longest single wait, whatever the backoff or `Retry-After` says.
    pub backoff_cap: Duration,
}

impl OpenAiSettings {
    /// The settings from `JOBPILOT_LLM_*`, or `None` when no base URL is set.
    pub fn from_config(config: &Config) -> anyhow::Result<Option<Self>> {
        let Some(base_url) = config.llm_base_url.as_deref().map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(None);
        };
        let parsed = url::Url::parse(base_url).map_err(|e| anyhow::anyhow!("JOBPILOT_LLM_BASE_URL is not a URL: {e}"))?;
        anyhow::ensure!(matches!(parsed.scheme(), "http" | "https"), "JOBPILOT_LLM_BASE_URL must be an http or https URL");
        let model = config.llm_model.as_deref().map(str::trim).filter(|m| !m.is_empty()).ok_or_else(|| {
            anyhow::anyhow!("JOBPILOT_LLM_MODEL is required when JOBPILOT_LLM_BASE_URL is set (e.g. llama3.1:8b, gpt-4o-mini)")
        })?;
        Ok(Some(Self {
            base_url: base_url.to_string(),
            model: model.to_string(),
            api_key: config.llm_api_key.as_deref().filter(|k| !k.is_empty()).map(ApiKey::new),
            request_timeout: Duration::from_secs(config.llm_timeout_secs),
            deadline: Duration::from_secs(config.llm_deadline_secs),
            max_attempts: config.llm_max_attempts,
            backoff_base: Duration::from_millis(500),
            backoff_cap: Duration::from_secs(30),
        }))
    }
}

/// The OpenAI-compatible engine.
pub struct OpenAiCompatible {
    pub(super) settings: OpenAiSettings,
    pub(super) client: reqwest::Client,
    pub(super) endpoint: String,
    /// Set once the server refused `response_format: json_schema` with a 400.
    pub(super) json_schema_refused: AtomicBool,
}

impl OpenAiCompatible {
    pub fn new(settings: OpenAiSettings) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .connect_timeout(settings.request_timeout.min(Duration::from_secs(10)))
            // A redirect could carry the key to another host; a chat endpoint has no reason to.
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("jobpilot/", env!("CARGO_PKG_VERSION")))
            .build()?;
        let endpoint = format!("{}/chat/completions", settings.base_url.trim_end_matches('/'));
        Ok(Self { settings, client, endpoint, json_schema_refused: AtomicBool::new(false) })
    }

    /// Where and which model, for the settings page and logs: never the key, nor any password
    /// in the URL.
    pub fn describe(&self) -> String {
        format!("{} at {}", self.settings.model, redact_url(&self.settings.base_url))
    }

    async fn converse(&self, request: &ModelRequest<'_>) -> Result<Generation, Failure> {
        let deadline = Instant::now() + self.settings.deadline;
        let schema = (request.spec.schema)();
        let system = system_message(request.spec.instructions, &schema);
        let mut messages = vec![json!({ "role": "system", "content": system }), json!({ "role": "user", "content": request.input.to_string() })];
        let mut log: Vec<(String, Value)> = vec![("system".into(), Value::String(system)), ("user".into(), request.input.clone())];
        let (mut tokens_in, mut tokens_out) = (None, None);
        let mut last_error = String::new();
        // The first answer, then at most one corrective round.
        for round in 0..2 {
            let reply = match self.exchange(request.spec.tool, &schema, &messages, deadline, &mut log).await {
                Ok(reply) => reply,
                Err(error) => return Err(self.failure(error, tokens_in, tokens_out, log)),
            };
            tokens_in = add(tokens_in, reply.tokens_in);
            tokens_out = add(tokens_out, reply.tokens_out);
            let raw = reply.content.unwrap_or_default();
            log.push(("assistant".into(), Value::String(raw.clone())));
            let parsed = parse_reply(&raw, &schema).map_err(|e| match reply.finish_reason.as_deref() {
                Some("length") => format!("{e} (the reply was cut off at the token limit)"),
                _ => e,
            });
            match parsed {
                Ok(output) => {
                    let model = Some(self.settings.model.clone());
                    return Ok(Generation { output, model, tokens_in, tokens_out, transcript: log });
                }
                Err(error) => {
                    log.push(("validation_error".into(), json!({ "round": round + 1, "error": error })));
                    if round == 0 {
                        let corrective = corrective_message(&error);
                        messages.push(json!({ "role": "assistant", "content": raw }));
                        messages.push(json!({ "role": "user", "content": corrective }));
                        log.push(("user".into(), Value::String(corrective)));
                    }
                    last_error = error;
                }
            }
        }
        Err(self.failure(ModelError::InvalidOutput(last_error), tokens_in, tokens_out, log))
    }

    fn failure(&self, error: ModelError, tokens_in: Option<i32>, tokens_out: Option<i32>, transcript: Vec<(String, Value)>) -> Failure {
        Failure { error, model: Some(self.settings.model.clone()), tokens_in, tokens_out, transcript }
    }
}

impl LanguageModel for OpenAiCompatible {
    fn engine(&self) -> &'static str {
        "openai_compatible"
    }

    fn describe(&self) -> String {
        OpenAiCompatible::describe(self)
    }

    fn generate<'a>(&'a self, request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, ModelError>> {
        Box::pin(async move { self.converse(request).await.map_err(|failure| failure.error) })
    }

    fn generate_traced<'a>(&'a self, request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, Failure>> {
        Box::pin(self.converse(request))
    }
}

/// The tool's instructions, then the schema the answer must satisfy.
fn system_message(instructions: &str, schema: &Value) -> String {
    let schema = serde_json::to_string_pretty(schema).unwrap_or_else(|_| schema.to_string());
    format!(
        "{instructions}\n\nAnswer with a single JSON value that satisfies this JSON schema, and nothing else: \
         no prose, no code fence.\n{schema}"
    )
}

fn corrective_message(error: &str) -> String {
    format!(
        "Your previous answer could not be used: {error}. Answer again with only the corrected JSON value \
         that satisfies the schema, no prose and no code fence."
    )
}

fn add(total: Option<i32>, more: Option<i32>) -> Option<i32> {
    match (total, more) {
        (None, None) => None,
        (a, b) => Some(a.unwrap_or(0).saturating_add(b.unwrap_or(0))),
    }
}
