//! `jobpilot ai check`: asks the configured model service one small question through the same
//! path every agent uses (schema, repair, retries, fallback) and says whether it answered, so an
//! operator can verify `JOBPILOT_LLM_*` before users depend on it. Nothing is stored.

use clap::{Args, Subcommand};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::agents::model::{Models, ToolSpec};
use crate::config::Config;

#[derive(Debug, Args)]
pub struct AiArgs {
    #[command(subcommand)]
    pub command: AiCommand,
}

#[derive(Debug, Subcommand)]
pub enum AiCommand {
    /// Send one test request to the configured model; exit non-zero if it did not answer.
    Check,
}

/// A question with one right answer that a model must give as schema-valid JSON.
static PROBE: ToolSpec = ToolSpec {
    agent: "orchestrator",
    tool: "connection_check",
    instructions: "Return the input's words in the same order, and how many there are.",
    schema: probe_schema,
    deterministic: probe_rules,
};

fn probe_schema() -> Value {
    json!({
        "type": "object",
        "required": ["words", "count"],
        "additionalProperties": false,
        "properties": {
            "words": { "type": "array", "items": { "type": "string" } },
            "count": { "type": "integer", "minimum": 0 }
        }
    })
}

fn probe_rules(input: &Value) -> anyhow::Result<Value> {
    let words: Vec<&str> = input["text"].as_str().unwrap_or_default().split_whitespace().collect();
    Ok(json!({ "words": words, "count": words.len() }))
}

#[derive(Deserialize)]
struct Probe {
    count: usize,
}

pub async fn run(config: &Config, args: AiArgs) -> anyhow::Result<()> {
    match args.command {
        AiCommand::Check => check(config).await,
    }
}

async fn check(config: &Config) -> anyhow::Result<()> {
    let models = Models::from_config(config)?;
    println!("engine: {}", models.describe());
    if models.engine() == "deterministic" {
        println!("no language model configured (JOBPILOT_LLM_BASE_URL is unset): agents use the built-in engine");
        return Ok(());
    }
    let outcome = models.run::<_, Probe>(&PROBE, &json!({ "text": "resume studio language model" }), "cli/ai-check".into()).await?;
    let record = &outcome.record;
    let tokens = match (record.tokens_in, record.tokens_out) {
        (None, None) => "not reported".to_string(),
        (i, o) => format!("{} in, {} out", i.unwrap_or(0), o.unwrap_or(0)),
    };
    println!("latency: {} ms; tokens: {tokens}", record.latency_ms);
    match &record.error {
        None => {
            println!("the model answered with valid JSON (count = {})", outcome.value.count);
            Ok(())
        }
        Some(error) => anyhow::bail!("the model gave no usable answer ({error}); agents would fall back to the built-in engine"),
    }
}
