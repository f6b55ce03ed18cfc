//! Static files compiled into the binary, so a single `jobpilot` file serves everything offline.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;

use crate::app::AppState;

const HTMX: &str = include_str!("../../static/htmx.min.js");
const CSS: &str = include_str!("../../static/app.css");
/// SortableJS 1.15.7 (MIT, licence in static/sortable.LICENSE), vendored: pages load nothing from elsewhere.
const SORTABLE: &str = include_str!("../../static/sortable.min.js");
const PIPELINE: &str = include_str!("../../static/pipeline.js");

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/static/htmx.min.js", get(|| async { asset("text/javascript; charset=utf-8", HTMX) }))
        .route("/static/app.css", get(|| async { asset("text/css; charset=utf-8", CSS) }))
        .route("/static/sortable.min.js", get(|| async { asset("text/javascript; charset=utf-8", SORTABLE) }))
        .route("/static/pipeline.js", get(|| async { asset("text/javascript; charset=utf-8", PIPELINE) }))
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    ([(CONTENT_TYPE, content_type), (CACHE_CONTROL, "public, max-age=3600")], body)
}
