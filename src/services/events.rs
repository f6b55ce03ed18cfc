//! Analytics events that stand alone (§12): a posting viewed, an apply link followed. Events
//! that go with a change (a search run, a stage change) are written in that change's transaction.

use serde_json::Value;
use sqlx::PgPool;
use uuid::Uuid;

use crate::db;
use crate::error::AppResult;

pub async fn record(pool: &PgPool, user_id: Uuid, name: &str, props: Value) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    db::user_events::record(&mut tx, user_id, name, &props).await?;
    tx.commit().await?;
    Ok(())
}
