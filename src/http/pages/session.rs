//! The web session: who is logged in, how a login starts one and a logout ends it.

use std::net::IpAddr;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, Duration, Utc};
use tower_sessions::Session;
use uuid::Uuid;

use super::csrf;
use super::errors::{PageError, PageResult};
use super::layout::is_htmx;
use crate::app::AppState;
use crate::error::AppError;
use crate::http::extract::ClientIp;
use crate::services::{self, Caller};

pub const COOKIE_NAME: &str = "jobpilot_session";
const USER_ID: &str = "user_id";
const TOUCHED_AT: &str = "touched_at";

/// tower-sessions only writes a session (and its new idle expiry) back when it changed, so a
/// user who only reads pages would be logged out `session_idle_days` after login. Touching it
/// at most this often keeps the idle expiry honest without a write on every request.
const TOUCH_EVERY: Duration = Duration::hours(1);

/// The logged-in user of a page request; pages that take it send anyone else to `/login`.
pub struct PageUser {
    pub user_id: Uuid,
    pub email: String,
    /// Unread notifications, for the header (loaded with the user, no query of its own).
    pub unread_notifications: i64,
    pub ip: Option<IpAddr>,
    pub session: Session,
}

impl PageUser {
    pub fn caller(&self) -> Caller {
        Caller { user_id: self.user_id, ip: self.ip }
    }

    /// The session's CSRF token, for the forms on the page (the header's Log out at least).
    pub async fn csrf_token(&self) -> PageResult<String> {
        csrf::token(&self.session).await
    }
}

fn login_required(parts: &Parts) -> PageError {
    let next = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_string();
    PageError::LoginRequired { next, htmx: is_htmx(&parts.headers) }
}

impl<S: Send + Sync> FromRequestParts<S> for PageUser
where
    AppState: FromRef<S>,
{
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, PageError> {
        let app = AppState::from_ref(state);
        let session = Session::from_request_parts(parts, state)
            .await
            .map_err(|(_, why)| AppError::Internal(anyhow::anyhow!("no session layer: {why}")))?;
        let Some(user_id) = session.get::<Uuid>(USER_ID).await? else {
            return Err(login_required(parts));
        };
        // A user deleted or suspended since login loses the session at once.
        let (user, unread_notifications) = match services::accounts::me_with_unread(&app.db, user_id).await {
            Ok((user, unread)) if user.status == "active" => (user, unread),
            Ok(_) | Err(AppError::Unauthorized) => {
                session.flush().await?;
                return Err(login_required(parts));
            }
            Err(error) => return Err(error.into()),
        };
        touch(&session).await?;
        let ClientIp(ip) = ClientIp::from_request_parts(parts, state).await.unwrap_or(ClientIp(None));
        Ok(PageUser { user_id, email: user.email, unread_notifications, ip, session })
    }
}

async fn touch(session: &Session) -> PageResult<()> {
    let touched: Option<DateTime<Utc>> = session.get(TOUCHED_AT).await?;
    if touched.is_none_or(|at| Utc::now() - at > TOUCH_EVERY) {
        session.insert(TOUCHED_AT, Utc::now()).await?;
    }
    Ok(())
}

/// The user this session was logged in as, without checking the user row.
pub async fn current_user_id(session: &Session) -> PageResult<Option<Uuid>> {
    Ok(session.get::<Uuid>(USER_ID).await?)
}

/// Logs a user in on this session: a new session id first, so an id planted before login
/// (session fixation) is worthless afterwards, and a new CSRF token for the same reason.
pub async fn start(session: &Session, user_id: Uuid) -> PageResult<()> {
    session.cycle_id().await?;
    session.insert(USER_ID, user_id).await?;
    session.insert(TOUCHED_AT, Utc::now()).await?;
    csrf::rotate(session).await?;
    Ok(())
}

/// Where to go after login: only a path on this site. `//host` and `/\host` are read by
/// browsers as other hosts, so they fall back to the dashboard like anything else odd.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next(Some("/settings?tab=1")), "/settings?tab=1");
        for hostile in ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "/a\nb", ""] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
