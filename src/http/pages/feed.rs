//! The Daily Feed page (the logged-in home page): the user's best recent postings by fit, each
//! with its score, a bar per factor and the reason, and Track / Dismiss (with Undo) / Open.
//! Plain forms that htmx enhances to swap only the card.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use serde_json::json;
use uuid::Uuid;

use super::errors::PageResult;
use super::feed_view::Card;
use super::layout::{Layout, is_htmx, render};
use super::session::PageUser;
use crate::app::AppState;
use crate::db::enrichments::FeedFilter;
use crate::db::notifications::Notification;
use crate::error::AppError;
use crate::services::feed::{self, FeedHint};
use crate::services::{self, applications};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/feed/{id}/dismiss", post(dismiss))
        .route("/feed/{id}/undismiss", post(undismiss))
        .route("/feed/{id}/track", post(track))
        .route("/jobs/{id}/apply", get(open_posting))
}

const PAGE_SIZE: i64 = 20;

/// The filters as typed, echoed into the form and the "More" link.
#[derive(Debug, Default)]
pub struct FeedForm {
    pub min_score: String,
    pub remote: String,
    pub with_salary: bool,
}

/// Cards plus the "More" item: what a "More" click appends.
#[derive(Template)]
#[template(path = "home/cards.html")]
pub struct Cards {
    pub cards: Vec<Card>,
    pub more_href: Option<String>,
    pub csrf_token: String,
}

#[derive(Template)]
#[template(path = "home/feed.html")]
struct FeedPage {
    layout: Layout,
    form: FeedForm,
    problems: Vec<String>,
    cards: Cards,
    hint: Option<FeedHint>,
    digests: Vec<Notification>,
    dashboard: super::dashboard::Dashboard,
}

#[derive(Template)]
#[template(path = "home/dismissed.html")]
struct Dismissed {
    id: Uuid,
    csrf_token: String,
}

/// The feed page, or with htmx and a cursor, just the next cards.
pub async fn show(app: &AppState, user: &PageUser, headers: &HeaderMap, raw: Option<&str>) -> PageResult {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect();
    let get = |k: &str| pairs.iter().find(|(key, _)| key == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let form = FeedForm { min_score: get("min_score"), remote: get("remote"), with_salary: get("with_salary") == "true" };
    let cursor = Some(get("cursor")).filter(|c| !c.is_empty());
    let mut problems = Vec::new();
    let min_score = match form.min_score.parse::<i32>() {
        _ if form.min_score.is_empty() => None,
        Ok(n) if (0..=100).contains(&n) => Some(n),
        _ => {
            problems.push("Minimum score must be a whole number from 0 to 100.".to_string());
            None
        }
    };
    let filter = FeedFilter {
        min_score,
        remote: match form.remote.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
        with_salary: form.with_salary,
        ..FeedFilter::default()
    };
    let after = match cursor.as_deref().map(feed::decode_cursor).transpose() {
        Ok(after) => after,
        Err(_) => {
            problems.push("The next-page link is broken; showing the first page.".into());
            None
        }
    };
    let page = feed::page(&app.db, user.user_id, &filter, after, PAGE_SIZE).await?;
    let csrf_token = user.csrf_token().await?;
    let more_href = page.next_cursor.as_ref().map(|c| more_href(&form, c));
    let cards = Cards { cards: page.items.into_iter().map(Card::new).collect(), more_href, csrf_token: csrf_token.clone() };
    if is_htmx(headers) && after.is_some() {
        return render(StatusCode::OK, &cards);
    }
    let (_, notifications) = services::notifications::recent(&app.db, user.user_id).await?;
    let digests = notifications.into_iter().filter(|n| n.read_at.is_none() && n.kind == "daily_digest").take(3).collect();
    let layout = Layout::for_user("Your feed", user, csrf_token, "home");
    let status = if problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let dashboard = super::dashboard::load(app, user.user_id).await?;
    render(status, &FeedPage { layout, form, problems, cards, hint: page.hint, digests, dashboard })
}

fn more_href(form: &FeedForm, cursor: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (k, v) in [("min_score", form.min_score.as_str()), ("remote", form.remote.as_str())] {
        if !v.is_empty() {
            query.append_pair(k, v);
        }
    }
    if form.with_salary {
        query.append_pair("with_salary", "true");
    }
    query.append_pair("cursor", cursor);
    format!("/?{}", query.finish())
}

fn posting_id(raw: &str) -> Result<Uuid, AppError> {
    raw.parse().map_err(|_| AppError::NotFound)
}

/// The one card of `id` as the feed shows it now (after undo or track).
async fn card(app: &AppState, user: &PageUser, id: Uuid) -> PageResult {
    let filter = FeedFilter { posting_id: Some(id), ..FeedFilter::default() };
    let page = feed::page(&app.db, user.user_id, &filter, None, 1).await?;
    let cards = Cards { cards: page.items.into_iter().map(Card::new).collect(), more_href: None, csrf_token: user.csrf_token().await? };
    render(StatusCode::OK, &cards)
}

#[tracing::instrument(skip_all)]
async fn dismiss(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = posting_id(&raw)?;
    feed::dismiss(&app.db, user.caller(), id).await?;
    if is_htmx(&headers) {
        return render(StatusCode::OK, &Dismissed { id, csrf_token: user.csrf_token().await? });
    }
    Ok(Redirect::to("/").into_response())
}

#[tracing::instrument(skip_all)]
async fn undismiss(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = posting_id(&raw)?;
    feed::undismiss(&app.db, user.caller(), id).await?;
    if is_htmx(&headers) {
        return card(&app, &user, id).await;
    }
    Ok(Redirect::to("/").into_response())
}

#[tracing::instrument(skip_all)]
async fn track(State(app): State<AppState>, user: PageUser, headers: HeaderMap, Path(raw): Path<String>) -> PageResult {
    let id = posting_id(&raw)?;
    applications::track_from(&app.db, user.caller(), id, applications::FROM_FEED).await?;
    if is_htmx(&headers) {
        return card(&app, &user, id).await;
    }
    Ok(Redirect::to("/").into_response())
}

/// Follows a posting's apply link, counting the click (`apply_click`).
#[tracing::instrument(skip_all)]
async fn open_posting(State(app): State<AppState>, user: PageUser, Path(raw): Path<String>) -> PageResult {
    let id = posting_id(&raw)?;
    let posting = services::search::posting(&app.db, id).await?;
    let lower = posting.url.trim_start().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return Err(AppError::NotFound.into());
    }
    services::events::record(&app.db, user.user_id, "apply_click", json!({ "posting_id": id })).await?;
    Ok(Redirect::to(&posting.url).into_response())
}
