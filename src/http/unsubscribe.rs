//! `/unsubscribe/{token}`: the link in every digest email. It works without logging in (the
//! random token is the proof), so it sits outside the session and CSRF layers. GET shows a
//! button (link scanners that prefetch GETs must not unsubscribe anyone); POST unsubscribes,
//! also as RFC 8058 one-click from the mail client.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::http::{HeaderValue, StatusCode};
use tower_http::set_header::SetResponseHeaderLayer;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::app::AppState;
use crate::http::pages::layout::{CSP, Layout};
use crate::services::digest;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/unsubscribe/{token}", get(confirm).post(unsubscribe))
        .layer(SetResponseHeaderLayer::overriding(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP)))
}

fn layout(title: &str) -> Layout {
    Layout::anonymous(title)
}

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage {
    layout: Layout,
    token: String,
    /// `Some(name)` once done; `None` while asking.
    done: Option<String>,
}

fn page(status: StatusCode, page: UnsubscribePage) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(error) => {
            tracing::error!("rendering the unsubscribe page: {error}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn confirm(Path(token): Path<String>) -> Response {
    page(StatusCode::OK, UnsubscribePage { layout: layout("Unsubscribe"), token, done: None })
}

#[tracing::instrument(skip_all)]
async fn unsubscribe(State(app): State<AppState>, Path(token): Path<String>) -> Response {
    match digest::unsubscribe(&app.system_db, &token).await {
        Ok(Some(name)) => page(StatusCode::OK, UnsubscribePage { layout: layout("Unsubscribed"), token, done: Some(name) }),
        Ok(None) => page(StatusCode::NOT_FOUND, UnsubscribePage {
            layout: layout("Unknown link"),
            token,
            done: Some(String::new()),
        }),
        Err(error) => {
            tracing::error!("unsubscribing: {error:#}");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
