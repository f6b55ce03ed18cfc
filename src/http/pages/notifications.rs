//! `/notifications`: the user's notifications, newest first, unread ones marked, each linking to
//! what it is about; "Mark read" per item and "Mark all read". Plain forms that htmx enhances to
//! swap the list and the header's count in place.

use askama::Template;
use axum::extract::rejection::FormRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use uuid::Uuid;

use super::errors::PageResult;
use super::form::bad_form;
use super::layout::{Layout, is_htmx, render};
use super::notifications_view::Item;
use super::session::{PageUser, safe_next};
use crate::app::AppState;
use crate::error::AppError;
use crate::services::notifications;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/notifications", get(list))
        .route("/notifications/read", post(mark_all_read))
        .route("/notifications/{id}/read", post(mark_one_read))
}

#[derive(Template)]
#[template(path = "notifications/page.html")]
struct NotificationsPage {
    layout: Layout,
    items: Vec<Item>,
    csrf_token: String,
}

/// The page, with the count read together with the list (fresh after a mark read, unlike the
/// one the session loaded before it).
async fn page(app: &AppState, user: &PageUser) -> PageResult {
    let (unread, items) = notifications::recent(&app.db, user.user_id).await?;
    let csrf_token = user.csrf_token().await?;
    let mut layout = Layout::for_user("Notifications", user, csrf_token.clone(), "notifications");
    layout.unread = unread;
    render(StatusCode::OK, &NotificationsPage { layout, items: items.into_iter().map(Item::new).collect(), csrf_token })
}

#[tracing::instrument(skip_all)]
async fn list(State(app): State<AppState>, user: PageUser) -> PageResult {
    page(&app, &user).await
}

/// "Mark all read": everything, or only one kind (the feed marks its digests), then back to
/// `back` (a local path) or this page.
#[derive(Debug, Default, Deserialize)]
struct MarkAll {
    kind: Option<String>,
    back: Option<String>,
}

#[tracing::instrument(skip_all)]
async fn mark_all_read(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    form: Result<Form<MarkAll>, FormRejection>,
) -> PageResult {
    let Form(form) = form.map_err(bad_form)?;
    let kind = form.kind.as_deref().filter(|k| !k.is_empty());
    notifications::mark_read(&app.db, user.caller(), None, kind).await?;
    if is_htmx(&headers) {
        return page(&app, &user).await;
    }
    Ok(Redirect::to(safe_next(form.back.as_deref().or(Some("/notifications")))).into_response())
}

/// "Mark read" on one; another user's id (or any unknown one) is a 404 and changes nothing.
#[tracing::instrument(skip_all)]
async fn mark_one_read(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id: Uuid = raw.parse().map_err(|_| AppError::NotFound)?;
    notifications::mark_read(&app.db, user.caller(), Some(&[id]), None).await?;
    if is_htmx(&headers) {
        return page(&app, &user).await;
    }
    Ok(Redirect::to("/notifications").into_response())
}
