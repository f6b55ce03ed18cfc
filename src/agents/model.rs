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

/// An engine that can answer a [`ToolSpec`].
pub trait LanguageModel: Send + Sync {
    /// Recorded in `model_runs.engine`.
    fn engine(&self) -> &'static str;
    fn generate<'a>(&'a self, request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, ModelError>>;
}

/// The built-in engine: each tool's own rules, no network.
#[derive(Debug, Default, Clone, Copy)]
pub struct Deterministic;

impl LanguageModel for Deterministic {
    fn engine(&self) -> &'static str {
        "deterministic"
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

    /// The engine answering first.
    pub fn engine(&self) -> &'static str {
        self.primary.engine()
    }

    /// Runs `spec` on `input`: the primary engine, then the deterministic one if it fails.
    /// `input_ref` names what went in (`resume_versions/<id>`), for the run's row.
    pub async fn run<I: Serialize, O: DeserializeOwned>(&self, spec: &ToolSpec, input: &I, input_ref: String) -> Result<Outcome<O>, ModelError> {
        let input = serde_json::to_value(input).map_err(|e| ModelError::Rule(e.to_string()))?;
        let request = ModelRequest { spec, input: &input };
        let started = Instant::now();
        let generation = match self.primary.generate(&request).await {
            Ok(g) => Ok((self.primary.engine(), g)),
            Err(error) if self.primary.engine() != Deterministic.engine() => {
                tracing::warn!(tool = spec.tool, %error, "language model failed; answering with the deterministic engine");
                Deterministic.generate(&request).await.map(|g| (Deterministic.engine(), g))
            }
            Err(error) => Err(error),
        };
        let (engine, generation) = generation?;
        let value: O = serde_json::from_value(generation.output.clone()).map_err(|e| ModelError::InvalidOutput(e.to_string()))?;
        let latency_ms = started.elapsed().as_millis().min(i32::MAX as u128) as i32;
        let record = RunRecord {
            agent: spec.agent,
            tool: spec.tool,
            engine,
            model: generation.model,
            tokens_in: generation.tokens_in,
            tokens_out: generation.tokens_out,
            latency_ms,
            success: true,
            input_ref,
            output_ref: summarize(&generation.output),
            transcript: generation.transcript,
        };
        Ok(Outcome { value, record })
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
        model_runs::set_tokens(conn, id, self.tokens_in, self.tokens_out).await?;
        for (role, content) in &self.transcript {
            model_runs::record_io(conn, id, role, content).await?;
        }
        Ok(id)
    }
}

/// A short, bounded description of an output for `model_runs.output_ref`; the whole output is
/// in `model_io`.
fn summarize(output: &Value) -> String {
    let text = output.to_string();
    if text.len() <= 200 { text } else { json!({ "bytes": text.len() }).to_string() }
}
