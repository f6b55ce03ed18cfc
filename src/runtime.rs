//! Opens the database the configuration points at: the embedded cluster or `DATABASE_URL`.

use anyhow::Context;
use sqlx::PgPool;

use crate::config::{Config, redact_url};
use crate::db::{self, embedded::EmbeddedPostgres};

/// Both pools, migrated, plus the embedded cluster when Jobpilot runs its own.
pub struct Database {
    pub app: PgPool,
    pub system: PgPool,
    embedded: Option<EmbeddedPostgres>,
}

impl Database {
    /// Starts the embedded cluster if no server is configured, connects, and migrates.
    pub async fn open(config: &Config) -> anyhow::Result<Self> {
        let (url, embedded) = match &config.database_url {
            Some(url) => (url.clone(), None),
            None => {
                let cluster = EmbeddedPostgres::start(&config.data_dir, config.pg_bin_dir.as_deref()).await?;
                (cluster.url(), Some(cluster))
            }
        };
        let system = db::connect_owner_pool(&url, 4)
            .await
            .with_context(|| format!("connecting to {}", redact_url(&url)))?;
        db::migrate(&system).await.context("applying migrations")?;
        let app = db::connect_app_pool(&url, config.db_max_connections).await?;
        Ok(Self { app, system, embedded })
    }

    /// Closes the pools and stops the embedded cluster cleanly.
    pub async fn close(mut self) -> anyhow::Result<()> {
        self.app.close().await;
        self.system.close().await;
        if let Some(cluster) = self.embedded.as_mut() {
            cluster.stop().await?;
        }
        Ok(())
    }
}
