//! A local HTTP server speaking the OpenAI chat-completions protocol, answering from a script:
//! realistic completion bodies (id, object, created, model, choices, usage), error statuses with
//! `Retry-After`, slow answers, and servers that refuse `response_format: json_schema`.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use serde_json::{Value, json};

/// One scripted answer.
#[derive(Clone, Debug)]
pub enum Step {
    /// 200 with this text as `choices[0].message.content`.
    Content(String),
    /// An error status, with `Retry-After` if given.
    Status { code: u16, retry_after: Option<&'static str> },
    /// Waits this long before answering with this content.
    Slow(Duration, String),
}

/// One request the server received.
#[derive(Clone, Debug)]
pub struct Received {
    pub authorization: Option<String>,
    pub body: Value,
}

#[derive(Default)]
struct Script {
    /// Popped in order; the last step repeats forever.
    steps: VecDeque<Step>,
    received: Vec<Received>,
    refuse_json_schema: bool,
}

#[derive(Clone)]
pub struct FakeService {
    /// e.g. `http://127.0.0.1:40123/v1`
    pub base_url: String,
    script: Arc<Mutex<Script>>,
}

impl FakeService {
    pub async fn start(steps: Vec<Step>) -> Self {
        Self::start_with(steps, false).await
    }

    /// Like [`FakeService::start`], answering 400 to any request that asks for `json_schema`
    /// (as servers that only know `json_object` do).
    pub async fn start_with(steps: Vec<Step>, refuse_json_schema: bool) -> Self {
        let script = Arc::new(Mutex::new(Script { steps: steps.into(), received: Vec::new(), refuse_json_schema }));
        let app = Router::new().route("/v1/chat/completions", post(complete)).with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base_url = format!("http://{}/v1", listener.local_addr().expect("address"));
        tokio::spawn(async move { axum::serve(listener, app).await.expect("fake service") });
        Self { base_url, script }
    }

    pub fn received(&self) -> Vec<Received> {
        self.script.lock().expect("script").received.clone()
    }
}

async fn complete(State(script): State<Arc<Mutex<Script>>>, headers: HeaderMap, Json(body): Json<Value>) -> Response {
    let step = {
        let mut script = script.lock().expect("script");
        let authorization = headers.get("authorization").and_then(|v| v.to_str().ok()).map(String::from);
        script.received.push(Received { authorization, body: body.clone() });
        let wants_schema = body.pointer("/response_format/type").and_then(Value::as_str) == Some("json_schema");
        if script.refuse_json_schema && wants_schema {
            let error = json!({ "error": { "message": "response_format type json_schema is not supported", "type": "invalid_request_error", "param": "response_format", "code": null } });
            return (StatusCode::BAD_REQUEST, Json(error)).into_response();
        }
        if script.steps.len() > 1 { script.steps.pop_front() } else { script.steps.front().cloned() }
    };
    let model = body["model"].as_str().unwrap_or("unknown").to_string();
    match step.expect("a scripted step") {
        Step::Content(text) => completion(&model, &text),
        Step::Slow(wait, text) => {
            tokio::time::sleep(wait).await;
            completion(&model, &text)
        }
        Step::Status { code, retry_after } => {
            let status = StatusCode::from_u16(code).expect("status");
            let error = json!({ "error": { "message": format!("scripted {code}"), "type": if code == 429 { "rate_limit_exceeded" } else { "server_error" } } });
            let mut response = (status, Json(error)).into_response();
            if let Some(seconds) = retry_after {
                response.headers_mut().insert("retry-after", seconds.parse().expect("header"));
            }
            response
        }
    }
}

fn completion(model: &str, content: &str) -> Response {
    let prompt_tokens = 120;
    let completion_tokens = (content.len() / 4).max(1);
    Json(json!({
        "id": "chatcmpl-9x2Qm7",
        "object": "chat.completion",
        "created": 1_765_000_000,
        "model": model,
        "system_fingerprint": "fp_local",
        "choices": [{
            "index": 0,
            "message": { "role": "assistant", "content": content },
            "logprobs": null,
            "finish_reason": "stop"
        }],
        "usage": { "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens }
    }))
    .into_response()
}
