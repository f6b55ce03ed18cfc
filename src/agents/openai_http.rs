//! One chat-completions exchange with an OpenAI-compatible service: the POST, the per-request
//! timeout within the call's deadline, 429/5xx retries with exponential backoff, jitter and
//! `Retry-After`, and the switch to `json_object` when a server refuses `json_schema`.

use std::sync::atomic::Ordering;
use std::time::Duration;

use rand::Rng;
use reqwest::StatusCode;
use reqwest::header::RETRY_AFTER;
use serde_json::{Value, json};
use tokio::time::Instant;

use super::model::ModelError;
use super::openai::OpenAiCompatible;

/// Longest piece of an error body kept in `model_io` (enough to read the service's message).
const ERROR_BODY_CHARS: usize = 500;

/// What a successful exchange brought back.
pub(super) struct Reply {
    /// `choices[0].message.content`, or `None` when the service sent no text.
    pub content: Option<String>,
    pub finish_reason: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
}

/// Why one try failed, and whether another may help.
enum Try {
    Retry { error: ModelError, retry_after: Option<Duration> },
    Stop(ModelError),
}

impl OpenAiCompatible {
    /// Sends `messages` until a 2xx answer, a final failure, or the deadline. Each failed try is
    /// appended to `log` as an `error` row (status and the start of the body; never a header).
    pub(super) async fn exchange(
        &self,
        tool: &str,
        schema: &Value,
        messages: &[Value],
        deadline: Instant,
        log: &mut Vec<(String, Value)>,
    ) -> Result<Reply, ModelError> {
        let settings = &self.settings;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let use_schema = !self.json_schema_refused.load(Ordering::Relaxed);
            let body = request_body(&settings.model, tool, schema, messages, use_schema);
            let outcome = match self.send_once(&body, deadline).await {
                Ok(reply) => return Ok(reply),
                Err(outcome) => outcome,
            };
            let (error, retry_after) = match outcome {
                Try::Stop(ModelError::Service(message)) if use_schema && message.starts_with("HTTP 400") => {
                    // Many local servers know only `json_object`; remember it for later calls too.
                    tracing::info!(model = %settings.model, "the model service refused response_format json_schema; using json_object");
                    log.push(("error".into(), json!({ "attempt": attempt, "error": message, "next": "json_object" })));
                    self.json_schema_refused.store(true, Ordering::Relaxed);
                    attempt -= 1;
                    continue;
                }
                Try::Stop(error) => {
                    log.push(("error".into(), json!({ "attempt": attempt, "error": error.to_string() })));
                    return Err(error);
                }
                Try::Retry { error, retry_after } => (error, retry_after),
            };
            log.push(("error".into(), json!({ "attempt": attempt, "error": error.to_string() })));
            if attempt >= settings.max_attempts {
                return Err(error);
            }
            let wait = retry_after.unwrap_or_else(|| backoff(settings.backoff_base, attempt)).min(settings.backoff_cap);
            if Instant::now() + wait >= deadline {
                return Err(error);
            }
            tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, %error, "retrying the model service");
            tokio::time::sleep(wait).await;
        }
    }

    async fn send_once(&self, body: &Value, deadline: Instant) -> Result<Reply, Try> {
        let settings = &self.settings;
        let remaining = deadline.saturating_duration_since(Instant::now());
        let timeout = settings.request_timeout.min(remaining);
        if timeout.is_zero() {
            return Err(Try::Stop(ModelError::Timeout(whole_seconds(settings.request_timeout))));
        }
        let mut request = self.client.post(&self.endpoint).json(body);
        if let Some(key) = &settings.api_key {
            // reqwest marks the header sensitive, so even its own debug output hides it.
            request = request.bearer_auth(key.expose());
        }
        // The timeout covers connecting, the answer's headers and reading its whole body.
        let answered = tokio::time::timeout(timeout, async {
            let response = request.send().await?;
            let status = response.status();
            let retry_after = response.headers().get(RETRY_AFTER).and_then(|v| v.to_str().ok()).and_then(parse_retry_after);
            let text = response.text().await?;
            Ok::<_, reqwest::Error>((status, retry_after, text))
        })
        .await;
        let (status, retry_after, text) = match answered {
            Err(_) => return Err(Try::Stop(ModelError::Timeout(whole_seconds(timeout)))),
            Ok(Err(error)) if error.is_timeout() => return Err(Try::Stop(ModelError::Timeout(whole_seconds(timeout)))),
            // Connection refused or reset: often a service restarting, worth another try.
            Ok(Err(error)) => {
                let error = ModelError::Service(format!("could not reach the model service: {}", without_url(&error)));
                return Err(Try::Retry { error, retry_after: None });
            }
            Ok(Ok(answer)) => answer,
        };
        if status.is_success() {
            return read_completion(&text).map_err(Try::Stop);
        }
        let message = format!("HTTP {}: {}", status.as_u16(), snippet(&text));
        if status == StatusCode::TOO_MANY_REQUESTS {
            return Err(Try::Retry { error: ModelError::RateLimited, retry_after });
        }
        if status.is_server_error() {
            return Err(Try::Retry { error: ModelError::Service(message), retry_after });
        }
        Err(Try::Stop(ModelError::Service(message)))
    }
}

/// The chat-completions request: deterministic sampling and the reply format the schema asks for.
fn request_body(model: &str, tool: &str, schema: &Value, messages: &[Value], use_schema: bool) -> Value {
    let response_format = if use_schema {
        json!({ "type": "json_schema", "json_schema": { "name": schema_name(tool), "schema": schema } })
    } else {
        json!({ "type": "json_object" })
    };
    json!({ "model": model, "messages": messages, "temperature": 0, "stream": false, "response_format": response_format })
}

/// `json_schema.name` allows only `[a-zA-Z0-9_-]`, 64 characters at most.
fn schema_name(tool: &str) -> String {
    let name: String = tool.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).take(64).collect();
    if name.is_empty() { "output".to_string() } else { name }
}

/// The text and token counts of a chat completion; a body of another shape is a service error.
fn read_completion(text: &str) -> Result<Reply, ModelError> {
    let body: Value = serde_json::from_str(text)
        .map_err(|_| ModelError::Service(format!("the answer was not a chat completion: {}", snippet(text))))?;
    let choice = body.pointer("/choices/0").ok_or_else(|| {
        ModelError::Service(format!("the chat completion had no choices: {}", snippet(text)))
    })?;
    let content = choice.pointer("/message/content").and_then(Value::as_str).map(str::to_string);
    let finish_reason = choice.get("finish_reason").and_then(Value::as_str).map(str::to_string);
    let count = |name: &str| body.pointer(&format!("/usage/{name}")).and_then(Value::as_i64).and_then(|n| i32::try_from(n).ok());
    Ok(Reply { content, finish_reason, tokens_in: count("prompt_tokens"), tokens_out: count("completion_tokens") })
}

/// `Retry-After` in seconds (the form rate limiters send); an HTTP date is left to the backoff.
fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0).map(|s| Duration::from_secs_f64(s.min(86_400.0)))
}

/// `base × 2^(attempt-1)` plus up to `base` of jitter, so clients that failed together do not
/// all come back together.
fn backoff(base: Duration, attempt: u32) -> Duration {
    let exponential = base.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
    let jitter_ms = rand::rng().random_range(0..=base.as_millis().min(u64::MAX as u128) as u64);
    exponential + Duration::from_millis(jitter_ms)
}

fn whole_seconds(duration: Duration) -> u64 {
    duration.as_secs_f64().ceil() as u64
}

/// A transport error without its URL, which could carry credentials in its userinfo.
fn without_url(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), "the service URL");
    }
    text
}

fn snippet(text: &str) -> String {
    let mut cut: String = text.chars().take(ERROR_BODY_CHARS).collect();
    if cut.len() < text.len() {
        cut.push('…');
    }
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_in_seconds_and_dates_are_left_to_the_backoff() {
        assert_eq!(parse_retry_after("2"), Some(Duration::from_secs(2)));
        assert_eq!(parse_retry_after(" 0.5 "), Some(Duration::from_millis(500)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }

    #[test]
    fn backoff_doubles_each_attempt_with_at_most_one_base_of_jitter() {
        let base = Duration::from_millis(100);
        for attempt in 1..=5 {
            let wait = backoff(base, attempt);
            let floor = base * 2u32.pow(attempt - 1);
            assert!(wait >= floor && wait <= floor + base, "attempt {attempt}: {wait:?}");
        }
    }

    #[test]
    fn a_completion_gives_its_text_and_token_counts() {
        let body = r#"{"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"m",
            "choices":[{"index":0,"message":{"role":"assistant","content":"{}"},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":12,"completion_tokens":3,"total_tokens":15}}"#;
        let reply = read_completion(body).expect("reads");
        assert_eq!(reply.content.as_deref(), Some("{}"));
        assert_eq!((reply.tokens_in, reply.tokens_out), (Some(12), Some(3)));
        assert!(read_completion("<html>Bad gateway</html>").is_err());
        assert!(read_completion(r#"{"choices":[]}"#).is_err());
    }

    #[test]
    fn a_tool_name_becomes_a_valid_schema_name() {
        assert_eq!(schema_name("tailor.resume v2"), "tailor_resume_v2");
        assert_eq!(schema_name(""), "output");
    }
}
