//! Runs the real `jobpilot serve` binary as a child process, so its memory can be read honestly.
//! Shared with `jobpilot-bench-search` and `jobpilot-bench-feed` (included there by path).

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    port: u16,
}

impl Server {
    /// Starts `jobpilot serve` (the binary next to this one) with `extra_args` on a free port
    /// and waits until ready.
    pub async fn start(database_url: &str, extra_args: &[&str]) -> anyhow::Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let binary = std::env::current_exe()?.with_file_name("jobpilot");
        let child = Command::new(&binary)
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .args(extra_args)
            .env("DATABASE_URL", database_url)
            .env("JOBPILOT_LOG", "warn")
            .stdout(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .with_context(|| format!("starting {} (build it with cargo build --release)", binary.display()))?;
        let server = Self { child, port };
        server.wait_ready().await?;
        Ok(server)
    }

    async fn wait_ready(&self) -> anyhow::Result<()> {
        let url = self.url("/readyz");
        for _ in 0..200 {
            if reqwest::get(&url).await.is_ok_and(|r| r.status().is_success()) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        anyhow::bail!("jobpilot serve did not become ready")
    }

    /// The server's address for `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// Resident memory of the server process now, from /proc.
    pub fn rss_mib(&self) -> anyhow::Result<f64> {
        self.status_mib("VmRSS:")
    }

    /// The most resident memory the server process has had so far (the kernel's high-water mark).
    pub fn peak_rss_mib(&self) -> anyhow::Result<f64> {
        self.status_mib("VmHWM:")
    }

    fn status_mib(&self, field: &str) -> anyhow::Result<f64> {
        proc_status_mib(self.child.id().context("server has exited")?, field)
    }

    /// Graceful stop with SIGTERM, as an operator would.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(pid) = self.child.id() {
            nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), nix::sys::signal::Signal::SIGTERM)?;
        }
        tokio::time::timeout(Duration::from_secs(15), self.child.wait()).await??;
        Ok(())
    }
}

/// A memory figure (`VmRSS:`, `VmHWM:`, …) of process `pid` from /proc, in MiB.
pub fn proc_status_mib(pid: u32, field: &str) -> anyhow::Result<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .with_context(|| format!("{field} missing"))?;
    Ok(kib / 1024.0)
}
