//! The `sessions` table behind the web pages' server-side sessions (a `tower-sessions` store).

use async_trait::async_trait;
use sqlx::PgPool;
use sqlx::types::Json;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};

/// Stores sessions in PostgreSQL so any app server can serve any request.
#[derive(Clone, Debug)]
pub struct PgSessionStore {
    pool: PgPool,
}

impl PgSessionStore {
    pub fn new(pool: PgPool) -> Self {
        Self { pool }
    }
}

fn backend(error: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

fn to_chrono(time: time::OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(time.unix_timestamp(), time.nanosecond()).unwrap_or_default()
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // A fresh random id collides with vanishing odds; retrying keeps ids unique regardless.
        loop {
            let inserted = sqlx::query(
                "insert into sessions (id, data, expiry_date) values ($1, $2, $3) on conflict do nothing",
            )
            .bind(record.id.to_string())
            .bind(Json(&record.data))
            .bind(to_chrono(record.expiry_date))
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    /// Updates only: new and re-keyed sessions go through `create`, so a missing row means the
    /// session ended (logout, purge) while this request held it, and must stay ended.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        sqlx::query("update sessions set data = $2, expiry_date = $3 where id = $1")
        .bind(record.id.to_string())
        .bind(Json(&record.data))
        .bind(to_chrono(record.expiry_date))
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row: Option<(Json<std::collections::HashMap<String, serde_json::Value>>, chrono::DateTime<chrono::Utc>)> =
            sqlx::query_as("select data, expiry_date from sessions where id = $1 and expiry_date > now()")
                .bind(id.to_string())
                .fetch_optional(&self.pool)
                .await
                .map_err(backend)?;
        let Some((data, expiry)) = row else { return Ok(None) };
        let expiry_date = time::OffsetDateTime::from_unix_timestamp(expiry.timestamp()).map_err(backend)?;
        Ok(Some(Record { id: *id, data: data.0, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query("delete from sessions where id = $1")
            .bind(id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
