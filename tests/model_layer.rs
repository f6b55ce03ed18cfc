//! The language-model layer end to end: the OpenAI-compatible engine against a local server
//! speaking the chat-completions protocol (valid, fenced, prose-wrapped, non-JSON and
//! wrongly-typed replies, 429s, 5xx, slow answers, servers without json_schema), the fallback to
//! the deterministic engine, the runs it records, and the key kept out of everything stored or
//! logged.

mod support;

#[path = "model_layer/fake_service.rs"]
mod fake_service;

#[path = "model_layer/runs.rs"]
mod runs;

#[path = "model_layer/cli.rs"]
mod cli;

#[path = "pages/helpers.rs"]
#[allow(dead_code)]
mod support_pages;

use std::sync::Arc;
use std::time::{Duration, Instant};

use fake_service::{FakeService, Step};
use jobpilot::agents::model::{Models, Outcome, ToolSpec};
use jobpilot::agents::openai::{ApiKey, OpenAiCompatible, OpenAiSettings};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

pub const KEY: &str = "sk-test-5f3c9a1e7b2d4c6e8f0a";
pub const MODEL: &str = "llama3.1:8b";

/// A tool as an agent would define one: which of a posting's keywords a resume covers.
pub static COVERAGE: ToolSpec = ToolSpec {
    agent: "optimizer",
    tool: "keyword_coverage",
    instructions: "List which of the posting's keywords the resume text mentions, and the share covered as a whole percentage.",
    schema: coverage_schema,
    deterministic: coverage_rules,
};

fn coverage_schema() -> Value {
    json!({
        "type": "object",
        "required": ["score", "matched"],
        "additionalProperties": false,
        "properties": {
            "score": { "type": "integer", "minimum": 0, "maximum": 100 },
            "matched": { "type": "array", "items": { "type": "string" } }
        }
    })
}

fn coverage_rules(input: &Value) -> anyhow::Result<Value> {
    let input: Input = serde_json::from_value(input.clone())?;
    let text = input.resume.to_lowercase();
    let matched: Vec<&String> = input.keywords.iter().filter(|k| text.contains(&k.to_lowercase())).collect();
    let score = if input.keywords.is_empty() { 0 } else { matched.len() * 100 / input.keywords.len() };
    Ok(json!({ "score": score, "matched": matched }))
}

#[derive(Serialize, Deserialize)]
pub struct Input {
    pub resume: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct Coverage {
    pub score: u8,
    pub matched: Vec<String>,
}

pub fn input() -> Input {
    Input { resume: "Built Rust services on PostgreSQL and Kubernetes.".into(), keywords: vec!["Rust".into(), "PostgreSQL".into(), "Go".into()] }
}

/// What the deterministic engine answers for [`input`].
pub fn rule_answer() -> Coverage {
    Coverage { score: 66, matched: vec!["Rust".into(), "PostgreSQL".into()] }
}

pub fn settings(service: &FakeService) -> OpenAiSettings {
    OpenAiSettings {
        base_url: service.base_url.clone(),
        model: MODEL.into(),
        api_key: Some(ApiKey::new(KEY)),
        request_timeout: Duration::from_millis(400),
        deadline: Duration::from_secs(5),
        max_attempts: 3,
        backoff_base: Duration::from_millis(10),
        backoff_cap: Duration::from_secs(2),
    }
}

pub fn models(service: &FakeService) -> Models {
    Models::with_engine(Arc::new(OpenAiCompatible::new(settings(service)).expect("engine")))
}

pub async fn run(models: &Models) -> Outcome<Coverage> {
    models.run(&COVERAGE, &input(), "resume_versions/test".into()).await.expect("an answer")
}

fn roles(outcome: &Outcome<Coverage>) -> Vec<&str> {
    outcome.record.transcript.iter().map(|(role, _)| role.as_str()).collect()
}

pub const GOOD: &str = r#"{"score": 67, "matched": ["Rust", "PostgreSQL"]}"#;

fn model_answer() -> Coverage {
    Coverage { score: 67, matched: vec!["Rust".into(), "PostgreSQL".into()] }
}

#[tokio::test]
async fn a_valid_reply_is_the_answer_and_its_model_tokens_and_messages_are_recorded() {
    let service = FakeService::start(vec![Step::Content(GOOD.into())]).await;
    let outcome = run(&models(&service)).await;

    assert_eq!(outcome.value, model_answer());
    let record = &outcome.record;
    assert_eq!((record.engine, record.model.as_deref(), record.success), ("openai_compatible", Some(MODEL), true));
    assert_eq!((record.agent, record.tool), ("optimizer", "keyword_coverage"));
    assert_eq!(record.tokens_in, Some(120));
    assert!(record.tokens_out.is_some_and(|n| n > 0));
    assert_eq!(record.error, None);
    assert_eq!(roles(&outcome), ["system", "user", "assistant"]);

    let sent = service.received();
    assert_eq!(sent.len(), 1);
    let body = &sent[0].body;
    assert_eq!(body["model"], MODEL);
    assert_eq!(body["response_format"]["type"], "json_schema");
    assert_eq!(body["response_format"]["json_schema"]["schema"], coverage_schema());
    let system = body["messages"][0]["content"].as_str().expect("system text");
    assert!(system.starts_with(COVERAGE.instructions) && system.contains("\"additionalProperties\""), "{system}");
    assert_eq!(body["messages"][1]["role"], "user");
    let user: Value = serde_json::from_str(body["messages"][1]["content"].as_str().expect("user text")).expect("input JSON");
    assert_eq!(user, serde_json::to_value(input()).expect("input JSON"));
}

#[tokio::test]
async fn the_key_is_sent_as_a_bearer_token_and_no_key_means_no_authorization_header() {
    let service = FakeService::start(vec![Step::Content(GOOD.into())]).await;
    run(&models(&service)).await;
    assert_eq!(service.received()[0].authorization.as_deref(), Some(format!("Bearer {KEY}").as_str()));

    let keyless = FakeService::start(vec![Step::Content(GOOD.into())]).await;
    let engine = OpenAiCompatible::new(OpenAiSettings { api_key: None, ..settings(&keyless) }).expect("engine");
    run(&Models::with_engine(Arc::new(engine))).await;
    assert_eq!(keyless.received()[0].authorization, None);
}

#[tokio::test]
async fn a_fenced_reply_is_repaired_without_asking_again() {
    let service = FakeService::start(vec![Step::Content(format!("```json\n{GOOD}\n```"))]).await;
    let outcome = run(&models(&service)).await;
    assert_eq!(outcome.value, model_answer());
    assert_eq!(service.received().len(), 1);
    assert_eq!(outcome.record.transcript[2].1, Value::String(format!("```json\n{GOOD}\n```")), "the raw reply is kept as written");
}

#[tokio::test]
async fn a_reply_wrapped_in_prose_is_repaired() {
    let reply = format!("Here is the analysis you asked for:\n{GOOD}\nI hope this helps!");
    let service = FakeService::start(vec![Step::Content(reply)]).await;
    let outcome = run(&models(&service)).await;
    assert_eq!((&outcome.value, outcome.record.success), (&model_answer(), true));
    assert_eq!(service.received().len(), 1);
}

#[tokio::test]
async fn a_reply_that_is_not_json_gets_one_corrective_message_and_the_second_answer_is_used() {
    let service = FakeService::start(vec![Step::Content("The resume covers Rust and PostgreSQL.".into()), Step::Content(GOOD.into())]).await;
    let outcome = run(&models(&service)).await;

    assert_eq!((&outcome.value, outcome.record.success), (&model_answer(), true));
    assert_eq!(roles(&outcome), ["system", "user", "assistant", "validation_error", "user", "assistant"]);
    let sent = service.received();
    assert_eq!(sent.len(), 2);
    let messages = sent[1].body["messages"].as_array().expect("messages");
    assert_eq!(messages.len(), 4, "the first exchange, the broken reply, and the correction");
    assert_eq!(messages[2]["content"], "The resume covers Rust and PostgreSQL.");
    assert!(messages[3]["content"].as_str().expect("a string").contains("no JSON"), "{}", messages[3]["content"]);
    assert_eq!(outcome.record.tokens_in, Some(240), "tokens of both exchanges are counted");
}

#[tokio::test]
async fn a_reply_of_the_wrong_type_is_retried_with_the_validation_error_quoted() {
    let wrong = r#"{"score": "high", "matched": ["Rust"]}"#;
    let service = FakeService::start(vec![Step::Content(wrong.into()), Step::Content(GOOD.into())]).await;
    let outcome = run(&models(&service)).await;

    assert_eq!(outcome.value, model_answer());
    let correction = service.received()[1].body["messages"][3]["content"].as_str().expect("a string").to_string();
    assert!(correction.contains("/score") && correction.contains("integer"), "{correction}");
}

#[tokio::test]
async fn a_model_that_never_answers_validly_falls_back_to_the_rules_and_both_broken_replies_are_kept() {
    let service = FakeService::start(vec![Step::Content(r#"{"score": 250, "matched": "Rust"}"#.into())]).await;
    let outcome = run(&models(&service)).await;

    assert_eq!(outcome.value, rule_answer());
    let record = &outcome.record;
    assert_eq!((record.engine, record.model.as_deref(), record.success), ("deterministic", Some(MODEL), false));
    assert!(record.error.as_deref().is_some_and(|e| e.contains("did not fit")), "{:?}", record.error);
    assert_eq!(service.received().len(), 2, "one answer and one corrective round, no more");
    assert_eq!(
        roles(&outcome),
        ["system", "user", "assistant", "validation_error", "user", "assistant", "validation_error", "fallback", "input", "output"]
    );
}

#[tokio::test]
async fn a_429_with_retry_after_is_waited_out_then_answered() {
    let service = FakeService::start(vec![Step::Status { code: 429, retry_after: Some("1") }, Step::Content(GOOD.into())]).await;
    let started = Instant::now();
    let outcome = run(&models(&service)).await;

    assert_eq!((&outcome.value, outcome.record.success), (&model_answer(), true));
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured ({:?})", started.elapsed());
    assert_eq!(service.received().len(), 2);
    assert_eq!(roles(&outcome), ["system", "user", "error", "assistant"]);
}

#[tokio::test]
async fn a_service_that_keeps_answering_429_is_tried_max_attempts_times_then_the_rules_answer() {
    let service = FakeService::start(vec![Step::Status { code: 429, retry_after: None }]).await;
    let outcome = run(&models(&service)).await;

    assert_eq!(outcome.value, rule_answer());
    assert_eq!(service.received().len(), 3);
    assert!(!outcome.record.success);
    assert!(outcome.record.error.as_deref().is_some_and(|e| e.contains("429")), "{:?}", outcome.record.error);
}

#[tokio::test]
async fn a_retry_after_longer_than_the_cap_waits_only_the_cap() {
    let service = FakeService::start(vec![Step::Status { code: 429, retry_after: Some("3600") }, Step::Content(GOOD.into())]).await;
    let engine = OpenAiCompatible::new(OpenAiSettings { backoff_cap: Duration::from_millis(50), ..settings(&service) }).expect("engine");
    let started = Instant::now();
    let outcome = run(&Models::with_engine(Arc::new(engine))).await;
    assert!(outcome.record.success);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_server_error_is_retried_with_backoff() {
    let service = FakeService::start(vec![Step::Status { code: 503, retry_after: None }, Step::Status { code: 502, retry_after: None }, Step::Content(GOOD.into())]).await;
    let outcome = run(&models(&service)).await;
    assert_eq!((&outcome.value, outcome.record.success), (&model_answer(), true));
    assert_eq!(service.received().len(), 3);
}

#[tokio::test]
async fn a_model_slower_than_the_timeout_falls_back_promptly_with_a_timeout_error() {
    let service = FakeService::start(vec![Step::Slow(Duration::from_secs(5), GOOD.into())]).await;
    let started = Instant::now();
    let outcome = run(&models(&service)).await;

    assert!(started.elapsed() < Duration::from_secs(2), "gave up after the 400 ms timeout ({:?})", started.elapsed());
    assert_eq!(outcome.value, rule_answer());
    assert_eq!(outcome.record.engine, "deterministic");
    assert!(outcome.record.error.as_deref().is_some_and(|e| e.contains("did not answer within")), "{:?}", outcome.record.error);
    assert_eq!(service.received().len(), 1, "a timeout is not retried: the next try would be as slow");
}

#[tokio::test]
async fn the_overall_deadline_cuts_a_slow_corrective_round_short() {
    let service = FakeService::start(vec![Step::Content("not json".into()), Step::Slow(Duration::from_millis(300), "still not json".into())]).await;
    let engine = OpenAiCompatible::new(OpenAiSettings { deadline: Duration::from_millis(200), ..settings(&service) }).expect("engine");
    let started = Instant::now();
    let outcome = run(&Models::with_engine(Arc::new(engine))).await;
    assert_eq!(outcome.value, rule_answer());
    assert!(started.elapsed() < Duration::from_millis(1000), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_server_that_refuses_json_schema_is_asked_for_json_object_and_remembered() {
    let service = FakeService::start_with(vec![Step::Content(GOOD.into())], true).await;
    let models = models(&service);
    let first = run(&models).await;
    assert_eq!((first.value, first.record.success), (model_answer(), true));
    let formats: Vec<Value> = service.received().iter().map(|r| r.body["response_format"]["type"].clone()).collect();
    assert_eq!(formats, [json!("json_schema"), json!("json_object")]);

    run(&models).await;
    assert_eq!(service.received().len(), 3, "the next call asks for json_object straight away");
    assert_eq!(service.received()[2].body["response_format"]["type"], "json_object");
}

#[tokio::test]
async fn a_refusal_other_than_a_rate_limit_is_not_retried() {
    let service = FakeService::start(vec![Step::Status { code: 401, retry_after: None }]).await;
    let outcome = run(&models(&service)).await;
    assert_eq!(outcome.value, rule_answer());
    assert_eq!(service.received().len(), 1);
    assert!(outcome.record.error.as_deref().is_some_and(|e| e.contains("HTTP 401")), "{:?}", outcome.record.error);
}

#[tokio::test]
async fn an_unreachable_service_falls_back_to_the_rules() {
    // A port nothing listens on: bind, note it, close.
    let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("address").port();
    let engine = OpenAiCompatible::new(OpenAiSettings {
        base_url: format!("http://127.0.0.1:{port}/v1"),
        model: MODEL.into(),
        api_key: None,
        request_timeout: Duration::from_millis(400),
        deadline: Duration::from_secs(2),
        max_attempts: 2,
        backoff_base: Duration::from_millis(10),
        backoff_cap: Duration::from_millis(50),
    })
    .expect("engine");
    let outcome = run(&Models::with_engine(Arc::new(engine))).await;
    assert_eq!((outcome.value, outcome.record.engine), (rule_answer(), "deterministic"));
}

#[tokio::test]
async fn without_a_base_url_only_the_deterministic_engine_answers() {
    let models = Models::from_config(&support::test_config("postgres://unused/db")).expect("models");
    assert_eq!(models.engine(), "deterministic");
    let outcome = run(&models).await;
    assert_eq!((outcome.value, outcome.record.success, outcome.record.model), (rule_answer(), true, None));
}

#[test]
fn a_base_url_without_a_model_or_with_another_scheme_is_refused_at_startup() {
    let mut config = support::test_config("postgres://unused/db");
    config.llm_base_url = Some("http://127.0.0.1:11434/v1".into());
    let error = Models::from_config(&config).err().expect("refused").to_string();
    assert!(error.contains("JOBPILOT_LLM_MODEL"), "{error}");
    config.llm_model = Some(MODEL.into());
    config.llm_base_url = Some("ftp://models.example/v1".into());
    assert!(Models::from_config(&config).is_err());
    config.llm_base_url = Some("https://models.example/v1".into());
    assert_eq!(Models::from_config(&config).expect("accepted").engine(), "openai_compatible");
}

/// Any object passes: a schema looser than the type the agent reads.
static LOOSE: ToolSpec = ToolSpec {
    agent: "optimizer",
    tool: "keyword_coverage",
    instructions: "List the keywords the resume mentions.",
    schema: || json!({ "type": "object" }),
    deterministic: coverage_rules,
};

#[tokio::test]
async fn an_answer_that_fits_a_loose_schema_but_not_the_agents_type_falls_back_to_the_rules() {
    let service = FakeService::start(vec![Step::Content(r#"{"score": "high", "matched": []}"#.into())]).await;
    let outcome: Outcome<Coverage> = models(&service).run(&LOOSE, &input(), "resume_versions/test".into()).await.expect("an answer");
    assert_eq!(outcome.value, rule_answer());
    assert!(outcome.record.error.as_deref().is_some_and(|e| e.contains("not the agent's type")), "{:?}", outcome.record.error);
}

/// A rule whose answer carries a field its schema forbids.
static SLOPPY_RULE: ToolSpec = ToolSpec {
    agent: "optimizer",
    tool: "keyword_coverage",
    instructions: "List the keywords the resume mentions.",
    schema: coverage_schema,
    deterministic: |input| {
        let mut answer = coverage_rules(input)?;
        answer["confidence"] = json!(0.5);
        Ok(answer)
    },
};

#[tokio::test]
async fn a_rule_that_breaks_its_own_schema_still_answers_and_the_run_says_so() {
    let outcome: Outcome<Coverage> = Models::deterministic().run(&SLOPPY_RULE, &input(), "resume_versions/test".into()).await.expect("an answer");
    assert_eq!(outcome.value, rule_answer());
    assert_eq!(roles(&outcome), ["input", "output", "validation_error"]);
    assert!(outcome.record.transcript[2].1["error"].as_str().expect("a string").contains("confidence"));
}
