//! Runs the real `jobpilot serve` binary (built next to this one) against the benchmark cluster.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::process::{Child, Command};

pub struct Server {
    _child: Child,
    pub base: String,
}

impl Server {
    pub async fn start(database_url: &str) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let binary = std::env::current_exe()?.with_file_name("jobpilot");
        let child = Command::new(&binary)
            .args(["serve", "--no-worker", "--bind", &format!("127.0.0.1:{port}")])
            .env("DATABASE_URL", database_url)
            .env("JOBPILOT_LOG", "warn")
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {} (build it with cargo build --release)", binary.display()))?;
        let server = Self { _child: child, base: format!("http://127.0.0.1:{port}") };
        for _ in 0..200 {
            if reqwest::get(format!("{}/readyz", server.base)).await.is_ok_and(|r| r.status().is_success()) {
                return Ok(server);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("jobpilot serve did not become ready")
    }

    /// Signs a user up through the API and returns its bearer token.
    pub async fn token(&self) -> anyhow::Result<String> {
        let body: serde_json::Value = reqwest::Client::new()
            .post(format!("{}/api/v1/auth/signup", self.base))
            // A fresh address each run, so a reused (--reuse) database does not answer 409.
            .json(&serde_json::json!({"email": format!("bench-{}@search.example", uuid::Uuid::new_v4().simple()),
                "password": "violet-harbor-crank-47"}))
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        body["token"].as_str().map(str::to_string).context("no token in the sign-up answer")
    }
}
