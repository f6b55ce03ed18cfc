//! `jobpilot ai check` as an operator runs it against a model service.

use tokio::process::Command;

use crate::fake_service::{FakeService, Step};
use crate::{KEY, MODEL};

fn jobpilot(service: &FakeService) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jobpilot"));
    command
        .args(["ai", "check"])
        .env_remove("DATABASE_URL")
        .env("JOBPILOT_LOG", "warn")
        .env("JOBPILOT_LLM_BASE_URL", &service.base_url)
        .env("JOBPILOT_LLM_MODEL", MODEL)
        .env("JOBPILOT_LLM_API_KEY", KEY)
        .env("JOBPILOT_LLM_TIMEOUT_SECS", "2")
        .env("JOBPILOT_LLM_MAX_ATTEMPTS", "1");
    command
}

#[tokio::test]
async fn ai_check_reports_a_working_model_and_fails_on_one_that_gives_no_usable_answer() {
    let working = FakeService::start(vec![Step::Content(r#"{"words": ["resume", "studio", "language", "model"], "count": 4}"#.into())]).await;
    let output = jobpilot(&working).output().await.expect("run");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains(MODEL) && stdout.contains("answered with valid JSON (count = 4)"), "{stdout}");
    assert_eq!(working.received()[0].authorization.as_deref(), Some(format!("Bearer {KEY}").as_str()));

    let broken = FakeService::start(vec![Step::Status { code: 500, retry_after: None }]).await;
    let output = jobpilot(&broken).output().await.expect("run");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("HTTP 500") && stderr.contains("fall back"), "{stderr}");
    let all = format!("{}{stderr}", String::from_utf8_lossy(&output.stdout));
    assert!(!all.contains(KEY), "the key is never printed");
}
