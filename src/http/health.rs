//! `/healthz` (the process is up) and `/readyz` (the database answers and its schema is current).

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use crate::app::AppState;
use crate::db;

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz)).route("/readyz", get(readyz))
}

async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn readyz(State(app): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = sqlx::query_scalar::<_, i32>("select 1").fetch_one(&app.db).await.is_ok();
    let applied = db::applied_migration_version(&app.system_db).await.ok().flatten();
    let expected = db::latest_migration_version();
    let current = applied == Some(expected);
    let status = if database && current { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = json!({
        "status": if status == StatusCode::OK { "ready" } else { "not ready" },
        "database": database,
        "migrations": { "applied": applied, "expected": expected, "current": current },
    });
    (status, Json(body))
}
