//! A saved search coming due: the job runner runs `job_scout` for it, records its model run and
//! search_run event, notifies the user, and emails a digest (HTML and text, with an unsubscribe
//! link that works without logging in) to a local SMTP server that records what it receives.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::io::{BufRead, BufReader};

use mail_parser::MessageParser;
use serde_json::Value;

use crate::support;
use crate::{engineer, get, ingest_catalog, run_jobs, user_with};

/// The SMTP sink process and the folder its messages land in; killed when dropped.
struct SmtpSink {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl SmtpSink {
    fn start() -> SmtpSink {
        let dir = std::env::temp_dir().join(format!("jobpilot-smtp-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).expect("sink folder");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/support/smtp_sink.py");
        let mut child = Command::new("python3").arg(script).arg(&dir).stdout(Stdio::piped()).spawn().expect("start python3");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("port line");
        SmtpSink { child, port: line.trim().parse().expect("a port"), dir }
    }

    fn messages(&self) -> Vec<Vec<u8>> {
        let mut files: Vec<_> = std::fs::read_dir(&self.dir).expect("read sink").flatten().map(|e| e.path()).collect();
        files.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        files.sort();
        files.iter().map(|p| std::fs::read(p).expect("read message")).collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[tokio::test]
async fn a_due_search_runs_notifies_and_emails_a_digest_that_unsubscribes_without_login() {
    let sink = SmtpSink::start();
    let port = sink.port;
    let app = support::spawn_app_with(|config| {
        config.smtp_host = Some("127.0.0.1".into());
        config.smtp_port = port;
        config.smtp_tls = jobpilot::config::SmtpTls::None;
        config.smtp_from = "Jobpilot <digest@jobpilot.test>".into();
    })
    .await;
    let (profile, search) = engineer();
    let (token, search_id) = user_with(&app, "digest@example.com", profile, search).await;
    let owner = ingest_catalog(&app).await;
    sqlx::query("update search_prefs set next_run_at = now() where id = $1::uuid")
        .bind(&search_id)
        .execute(&owner)
        .await
        .expect("make it due");
    // What the scheduled scan does at its tick: queue every due search (once per due time).
    assert_eq!(jobpilot::jobs::scout::queue_due(&owner).await.expect("scan"), 1);
    assert_eq!(jobpilot::jobs::scout::queue_due(&owner).await.expect("scan"), 0, "queued once");
    run_jobs(&app, &owner).await;

    let runs: Vec<(String, String, String, bool)> = sqlx::query_as(
        "select agent::text, engine, output_ref, success_flag from model_runs r join users u on u.id = r.user_id
         where u.email = 'digest@example.com'",
    )
    .fetch_all(&owner)
    .await
    .expect("model runs");
    assert_eq!(runs.len(), 1, "{runs:?}");
    let (agent, engine, output, success) = &runs[0];
    assert_eq!((agent.as_str(), engine.as_str(), *success), ("job_scout", "deterministic", true));
    let output: Value = serde_json::from_str(output).expect("output json");
    assert!(output["scanned"].as_u64().expect("scanned") > 800, "{output}");
    let events: i64 = sqlx::query_scalar("select count(*) from user_events where name = 'search_run'").fetch_one(&owner).await.expect("events");
    assert_eq!(events, 1);
    let search = get(&app, &token, &format!("/api/v1/searches/{search_id}")).await;
    assert!(search["last_run_at"].is_string() && search["next_run_at"].as_str() > search["last_run_at"].as_str(), "{search}");

    let notifications = get(&app, &token, "/api/v1/notifications").await;
    assert_eq!(notifications["unread"], 1, "{notifications}");
    let digest = &notifications["items"][0];
    assert_eq!(digest["kind"], "daily_digest");
    let count = digest["payload"]["count"].as_u64().expect("count");
    assert!(count > 0);

    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "one digest email");
    let message = MessageParser::default().parse(&messages[0]).expect("a parsable email");
    assert_eq!(message.to().and_then(|a| a.first()).and_then(|a| a.address()), Some("digest@example.com"));
    assert!(message.subject().is_some_and(|s| s.contains("new match") && s.contains("Remote engineering")), "{:?}", message.subject());
    let text = message.body_text(0).expect("a text part");
    let html = message.body_html(0).expect("an HTML part");
    let first = digest["payload"]["postings"][0]["title"].as_str().expect("a posting");
    assert!(text.contains(first), "{text}");
    assert!(html.contains(&html_escape::encode_text(first).to_string()), "{html}");
    let header = message.header_raw("List-Unsubscribe").expect("List-Unsubscribe");
    let url = header.trim().trim_start_matches('<').trim_end_matches('>').to_string();
    assert!(text.contains(&url) && html.contains(&url), "the link is in both parts");

    // The link is on the configured public URL; this test's server listens elsewhere.
    let public = app.state.config.public_url.trim_end_matches('/').to_string();
    let url = app.url(url.strip_prefix(&public).expect("the link is on the public URL"));
    // Without any session: GET asks, POST unsubscribes.
    let anonymous = crate::helpers::plain_client();
    let ask = anonymous.get(&url).send().await.expect("get");
    assert_eq!(ask.status(), 200);
    assert!(ask.text().await.expect("html").contains("Unsubscribe"));
    let done = anonymous.post(&url).send().await.expect("post");
    assert_eq!(done.status(), 200);
    assert!(done.text().await.expect("html").contains("Remote engineering"));
    let search = get(&app, &token, &format!("/api/v1/searches/{search_id}")).await;
    assert_eq!(search["email_digest"], false);
    let forged = anonymous.post(app.url("/unsubscribe/not-a-token")).send().await.expect("post");
    assert_eq!(forged.status(), 404);
    assert_eq!(app.audit_count("saved_search.unsubscribe").await, 1);
}
