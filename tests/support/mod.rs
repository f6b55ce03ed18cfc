//! Shared by every integration-test binary: a fresh, migrated database per test.
//!
//! The first test to run migrates a template database (named after the migrations' checksums);
//! every test then gets a copy of it with `create database … template …`, which is far faster
//! than migrating each time. Tests talk to the local PostgreSQL named by `TEST_DATABASE_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).

#![allow(dead_code)]

use sha2::{Digest, Sha256};
use sqlx::{Connection, Executor, PgConnection};

/// The server tests run against, as a superuser.
pub fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
}

/// The same server with another database name.
pub fn url_for(database: &str) -> String {
    let admin = admin_url();
    let (base, _) = admin
        .rsplit_once('/')
        .expect("TEST_DATABASE_URL names a database");
    format!("{base}/{database}")
}

fn template_name() -> String {
    let mut hasher = Sha256::new();
    // The job queue's own migrations are part of a migrated database too.
    let queue = apalis_postgres::PostgresStorage::migrations();
    for migration in jobpilot::db::MIGRATOR.iter().chain(queue.iter()) {
        hasher.update(migration.version.to_le_bytes());
        hasher.update(&*migration.checksum);
    }
    format!("jp_tpl_{}", &hex::encode(hasher.finalize())[..16])
}

/// Creates a new database with every migration applied and returns its owner URL.
pub async fn fresh_database() -> String {
    let mut admin = PgConnection::connect(&admin_url())
        .await
        .expect("connect to TEST_DATABASE_URL (is PostgreSQL running?)");
    let template = template_name();
    // Serialises template creation across test processes.
    admin
        .execute("select pg_advisory_lock(727274)")
        .await
        .expect("lock");
    let exists: bool =
        sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)")
            .bind(&template)
            .fetch_one(&mut admin)
            .await
            .expect("look up template");
    if !exists {
        let building = format!("{template}_building");
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "drop database if exists {building}"
            )))
            .await
            .expect("drop");
        admin
            .execute(sqlx::AssertSqlSafe(format!("create database {building}")))
            .await
            .expect("create");
        let pool = jobpilot::db::connect_owner_pool(&url_for(&building), 2)
            .await
            .expect("connect");
        jobpilot::db::migrate(&pool)
            .await
            .expect("migrate template");
        pool.close().await;
        admin
            .execute(sqlx::AssertSqlSafe(format!(
                "alter database {building} rename to {template}"
            )))
            .await
            .expect("rename template");
    }
    let name = format!("jp_t_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute(sqlx::AssertSqlSafe(format!(
            "create database {name} template {template}"
        )))
        .await
        .expect("create test database");
    admin
        .execute("select pg_advisory_unlock(727274)")
        .await
        .expect("unlock");
    url_for(&name)
}

/// A running Jobpilot on port 0 with its own fresh database.
pub struct TestApp {
    /// e.g. `http://127.0.0.1:43121`
    pub address: String,
    /// Owner (superuser) URL of this test's database, for checks behind the app's back.
    pub db_url: String,
    pub state: jobpilot::app::AppState,
    /// A client without cookies; use [`TestApp::browser_client`] for page tests.
    pub client: reqwest::Client,
}

/// Default configuration, as if started with no flags or environment.
pub fn test_config(database_url: &str) -> jobpilot::config::Config {
    use clap::Parser;
    #[derive(Parser)]
    struct Defaults {
        #[command(flatten)]
        config: jobpilot::config::Config,
    }
    let mut config = Defaults::parse_from(["jobpilot"]).config;
    config.database_url = Some(database_url.to_string());
    config.db_max_connections = 5;
    // Uploaded files of each test go to a folder of their own, not the working tree.
    config.data_dir = std::env::temp_dir().join(format!("jobpilot-test-{}", uuid::Uuid::new_v4().simple()));
    config
}

/// Starts the whole app (API, pages, health) on a free port, like `jobpilot serve --no-worker`.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

/// Like [`spawn_app`], after letting the test adjust the configuration.
pub async fn spawn_app_with(adjust: impl FnOnce(&mut jobpilot::config::Config)) -> TestApp {
    let db_url = fresh_database().await;
    let mut config = test_config(&db_url);
    adjust(&mut config);
    let state = jobpilot::app::AppState::new(
        jobpilot::db::connect_app_pool(&db_url, 5).await.expect("app pool"),
        jobpilot::db::connect_owner_pool(&db_url, 2).await.expect("system pool"),
        config,
    )
    .expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = format!("http://{}", listener.local_addr().expect("address"));
    let server_state = state.clone();
    tokio::spawn(async move {
        jobpilot::server::serve(listener, server_state, std::future::pending())
            .await
            .expect("server runs");
    });
    TestApp {
        address,
        db_url,
        state,
        client: reqwest::Client::new(),
    }
}

/// Each test's uploaded files go with it.
impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.state.config.data_dir);
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    /// A client that keeps cookies and does not follow redirects, like a careful browser.
    pub fn browser_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
    }

    /// Signs up through the API and returns the bearer token.
    pub async fn sign_up(&self, email: &str) -> String {
        let response = self
            .client
            .post(self.url("/api/v1/auth/signup"))
            .json(&serde_json::json!({ "email": email, "password": STRONG_PASSWORD }))
            .send()
            .await
            .expect("sign up request");
        assert_eq!(response.status(), 201, "sign up {email}");
        let body: serde_json::Value = response.json().await.expect("json");
        body["token"].as_str().expect("token").to_string()
    }

    /// A superuser connection to this test's database.
    pub async fn owner_connection(&self) -> PgConnection {
        PgConnection::connect(&self.db_url)
            .await
            .expect("owner connection")
    }

    /// Sets a user's time zone in their profile, as the settings page would.
    pub async fn set_zone(&self, email: &str, zone: &str) {
        let mut conn = self.owner_connection().await;
        let changed = sqlx::query(
            "update profiles set job_preferences = jsonb_set(job_preferences, '{timezone}', to_jsonb($2::text))
              where user_id = (select id from users where email = $1)",
        )
        .bind(email)
        .bind(zone)
        .execute(&mut conn)
        .await
        .expect("zone");
        assert_eq!(changed.rows_affected(), 1, "no profile for {email}");
    }

    /// Sends `method path` with the bearer token and an optional JSON body; returns the status
    /// and the JSON answer (null when the body is empty).
    pub async fn send(
        &self,
        method: reqwest::Method,
        token: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (reqwest::StatusCode, serde_json::Value) {
        let mut request = self.client.request(method, self.url(path)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request");
        let status = response.status();
        let text = response.text().await.expect("body");
        let json = if text.is_empty() { serde_json::Value::Null } else { serde_json::from_str(&text).expect("json body") };
        (status, json)
    }

    /// How many audit rows carry this action.
    pub async fn audit_count(&self, action: &str) -> i64 {
        let mut conn = self.owner_connection().await;
        sqlx::query_scalar("select count(*) from audit_logs where action = $1")
            .bind(action)
            .fetch_one(&mut conn)
            .await
            .expect("count audit rows")
    }
}

/// A password the strength policy accepts.
pub const STRONG_PASSWORD: &str = "violet-harbor-crank-47";

/// A local server speaking the job boards' public APIs with recorded payloads.
pub mod boards;
