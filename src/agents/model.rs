//! The `LanguageModel` trait, the built-in deterministic engine, and [`Models`], which runs an
//! agent's tool on the configured engine, falls back to the deterministic one, and returns what
//! must be recorded in `model_runs` / `model_io`.
//!
//! A tool is described once by a [`ToolSpec`]: the instructions and JSON schema a language model
//! gets, and the rule-based function that answers the same input without one. The model call runs
//! outside any database transaction (it can take seconds); the caller saves the [`RunRecord`] in
//! the transaction that stores the result, so a failed use case leaves no run behind.

use std::sync::Arc;
use std::time::Instant;

use futures::future::BoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use sqlx::PgConnection;
use uuid::Uuid;

use super::openai::{OpenAiCompatible, OpenAiSettings};
use super::structured::validate;
use crate::config::Config;
use crate::db::model_runs::{self, ModelRun};

/// One tool an agent offers, answerable by any engine.
pub struct ToolSpec {
    /// `agent_enum` value: `resume_tailor`, `optimizer`, …
    pub agent: &'static str,
    /// The tool's name, recorded in `model_runs.tool`.
    pub tool: &'static str,
    /// What a language model is asked to do (the system message).
    pub instructions: &'static str,
    /// JSON schema every engine's output must satisfy.
    pub schema: fn() -> Value,
    /// The rule-based answer: the default engine, and the fallback when a model fails.
    pub deterministic: fn(&Value) -> anyhow::Result<Value>,
}

/// One call: a tool and its input.
pub struct ModelRequest<'a> {
    pub spec: &'a ToolSpec,
    pub input: &'a Value,
}

/// What an engine answered.
#[derive(Debug, Clone)]
pub struct Generation {
    pub output: Value,
    /// The model that answered (`None` for the deterministic engine).
    pub model: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
    /// The messages exchanged, in order, as `(role, content)`: stored in `model_io`.
    pub transcript: Vec<(String, Value)>,
}

/// Why an engine gave no usable answer.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("the model did not answer within {0} seconds")]
    Timeout(u64),
    #[error("the model service kept refusing with 429 Too Many Requests")]
    RateLimited,
    #[error("the model service failed: {0}")]
    Service(String),
    #[error("the model's answer did not fit the expected shape: {0}")]
    InvalidOutput(String),
    #[error("the built-in engine could not answer: {0}")]
    Rule(String),
}

/// An engine's failure with what it tried: the messages exchanged (broken replies and
/// validation errors included) are recorded with the fallback's answer.
#[derive(Debug)]
pub struct Failure {
    pub error: ModelError,
    /// The model that was asked.
    pub model: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
    pub transcript: Vec<(String, Value)>,
}

/// An engine that can answer a [`ToolSpec`].
pub trait LanguageModel: Send + Sync {
    /// Recorded in `model_runs.engine`.
    fn engine(&self) -> &'static str;

    /// What is configured, for the settings page: never a secret.
    fn describe(&self) -> String {
        self.engine().to_string()
    }

    fn generate<'a>(&'a self, request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, ModelError>>;

    /// Like [`LanguageModel::generate`], keeping what was exchanged when it fails. Engines that
    /// talk to a service override it; the default has nothing to keep.
    fn generate_traced<'a>(&'a self, request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, Failure>> {
        Box::pin(async move {
            self.generate(request)
                .await
                .map_err(|error| Failure { error, model: None, tokens_in: None, tokens_out: None, transcript: Vec::new() })
        })
    }
}

/// The built-in engine: each tool's own rules, no network.
#[derive(Debug, Default, Clone, Copy)]
pub struct Deterministic;

impl LanguageModel for Deterministic {
    fn engine(&self) -> &'static str {
        "deterministic"
    }

    fn describe(&self) -> String {
        "the built-in deterministic engine (no language model configured)".to_string()
    }

    fn generate<'a>(&'a self, request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, ModelError>> {
        Box::pin(async move {
            let output = (request.spec.deterministic)(request.input).map_err(|e| ModelError::Rule(format!("{e:#}")))?;
            let transcript = vec![("input".to_string(), request.input.clone()), ("output".to_string(), output.clone())];
            Ok(Generation { output, model: None, tokens_in: None, tokens_out: None, transcript })
        })
    }
}

/// The engines this process uses: the configured one, and the deterministic fallback.
#[derive(Clone)]
pub struct Models {
    primary: Arc<dyn LanguageModel>,
}

/// A typed answer and the run to record with it.
pub struct Outcome<O> {
    pub value: O,
    pub record: RunRecord,
}

/// One `model_runs` row and its `model_io` rows, to save in the caller's transaction.
#[derive(Debug, Clone)]
pub struct RunRecord {
    pub agent: &'static str,
    pub tool: &'static str,
    pub engine: &'static str,
    pub model: Option<String>,
    pub tokens_in: Option<i32>,
    pub tokens_out: Option<i32>,
    pub latency_ms: i32,
    pub success: bool,
    pub input_ref: String,
    pub output_ref: String,
    /// Why the configured engine gave no usable answer (the deterministic engine answered).
    pub error: Option<String>,
    pub transcript: Vec<(String, Value)>,
}

impl Models {
    /// Only the built-in engine: the default when no model service is configured.
    pub fn deterministic() -> Self {
        Self { primary: Arc::new(Deterministic) }
    }

    /// A configured engine, with the deterministic one behind it.
    pub fn with_engine(primary: Arc<dyn LanguageModel>) -> Self {
        Self { primary }
    }

    /// The OpenAI-compatible engine when `JOBPILOT_LLM_BASE_URL` is set, else the built-in one.
    pub fn from_config(config: &Config) -> anyhow::Result<Self> {
        match OpenAiSettings::from_config(config)? {
            Some(settings) => Ok(Self::with_engine(Arc::new(OpenAiCompatible::new(settings)?))),
            None => Ok(Self::deterministic()),
        }
    }

    /// The engine answering first.
    pub fn engine(&self) -> &'static str {
        self.primary.engine()
    }

    /// What answers agents' calls, for the settings page (never a key).
    pub fn describe(&self) -> String {
        self.primary.describe()
    }

    /// Runs `spec` on `input`: the primary engine, then the deterministic one if it fails.
    /// `input_ref` names what went in (`resume_versions/<id>`), for the run's row.
    ///
    /// A fallback is recorded as one run: `engine` is the one that answered (`deterministic`),
    /// `model` the model that was tried, `success` false, `error` why it failed, and the
    /// transcript holds the failed exchange, a `fallback` row, then the deterministic answer.
    /// `Err` only when no engine could answer; there is then nothing to record.
    pub async fn run<I: Serialize, O: DeserializeOwned>(&self, spec: &ToolSpec, input: &I, input_ref: String) -> Result<Outcome<O>, ModelError> {
        let input = serde_json::to_value(input).map_err(|e| ModelError::Rule(e.to_string()))?;
        let request = ModelRequest { spec, input: &input };
        let started = Instant::now();
        let primary = self.primary.engine();
        let failure = if primary == Deterministic.engine() {
            None
        } else {
            match self.primary.generate_traced(&request).await {
                Ok(generation) => match serde_json::from_value::<O>(generation.output.clone()) {
                    Ok(value) => return Ok(Outcome { value, record: record(spec, primary, generation, started, input_ref, None) }),
                    // The schema let through something the agent's type does not take: the
                    // schema is too loose, but the user still gets an answer.
                    Err(e) => Some(Failure {
                        error: ModelError::InvalidOutput(format!("the answer fit the schema but not the agent's type: {e}")),
                        model: generation.model,
                        tokens_in: generation.tokens_in,
                        tokens_out: generation.tokens_out,
                        transcript: generation.transcript,
                    }),
                },
                Err(failure) => Some(failure),
            }
        };
        if let Some(failure) = &failure {
            tracing::warn!(agent = spec.agent, tool = spec.tool, engine = primary, model = failure.model.as_deref(),
                error = %failure.error, "language model failed; answering with the deterministic engine");
        }
        let mut generation = Deterministic.generate(&request).await?;
        if let Err(error) = validate(&generation.output, &(spec.schema)()) {
            // A rule that breaks its own schema is a bug to fix, not a reason to leave the user
            // without an answer: it is logged and kept in the run, and the typed read decides.
            tracing::error!(agent = spec.agent, tool = spec.tool, %error, "the deterministic engine's output does not fit the tool's schema");
            generation.transcript.push(("validation_error".to_string(), json!({ "error": error })));
        }
        let value: O = serde_json::from_value(generation.output.clone()).map_err(|e| ModelError::InvalidOutput(e.to_string()))?;
        let error = failure.as_ref().map(|f| f.error.to_string());
        if let Some(failure) = failure {
            let mut transcript = failure.transcript;
            transcript.push(("fallback".to_string(), json!({ "engine": primary, "error": failure.error.to_string() })));
            transcript.append(&mut generation.transcript);
            generation.transcript = transcript;
            generation.model = failure.model;
            generation.tokens_in = failure.tokens_in;
            generation.tokens_out = failure.tokens_out;
        }
        Ok(Outcome { value, record: record(spec, Deterministic.engine(), generation, started, input_ref, error) })
    }
}

/// The run of one answered call; `error` set means the configured engine failed first.
fn record(spec: &ToolSpec, engine: &'static str, generation: Generation, started: Instant, input_ref: String, error: Option<String>) -> RunRecord {
    RunRecord {
        agent: spec.agent,
        tool: spec.tool,
        engine,
        model: generation.model,
        tokens_in: generation.tokens_in,
        tokens_out: generation.tokens_out,
        latency_ms: started.elapsed().as_millis().min(i32::MAX as u128) as i32,
        success: error.is_none(),
        input_ref,
        output_ref: summarize(&generation.output),
        error,
        transcript: generation.transcript,
    }
}

impl RunRecord {
    /// Writes the run and its messages; RLS keeps both visible to `user_id` only.
    pub async fn save(&self, conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<Uuid> {
        let run = ModelRun {
            user_id,
            agent: self.agent,
            engine: self.engine,
            model: self.model.as_deref(),
            tool: self.tool,
            input_ref: self.input_ref.clone(),
            output_ref: self.output_ref.clone(),
            latency_ms: self.latency_ms,
            success: self.success,
        };
        let id = model_runs::record(conn, &run).await?;
        model_runs::set_usage(conn, id, self.tokens_in, self.tokens_out, self.error.as_deref()).await?;
        model_runs::record_transcript(conn, id, &self.transcript).await?;
        Ok(id)
    }
}

/// A short, bounded description of an output for `model_runs.output_ref`; the whole output is
/// in `model_io`.
fn summarize(output: &Value) -> String {
    let text = output.to_string();
    if text.len() <= 200 { text } else { json!({ "bytes": text.len() }).to_string() }
}
