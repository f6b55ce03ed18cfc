//! `/signup`, `/login`, `/logout`: accounts through HTML forms, kept in a server-side session.

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::RETRY_AFTER;
use axum::response::{IntoResponse, Redirect};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::layout::{Layout, render};
use super::session::{self, safe_next};
use super::csrf;
use crate::app::AppState;
use crate::error::AppError;
use crate::http::extract::ClientIp;
use crate::services;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/signup", get(show_signup).post(sign_up))
        .route("/login", get(show_login).post(log_in))
        .route("/logout", post(log_out))
}

/// What the sign-up and login forms send; a missing field reads as empty.
/// No `Debug`: it holds a password, so it can never be logged by accident.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Credentials {
    email: String,
    password: String,
    next: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct NextParam {
    next: Option<String>,
}

#[derive(Template)]
#[template(path = "auth/signup.html")]
struct SignupPage {
    layout: Layout,
    email: String,
    errors: FormErrors,
}

#[derive(Template)]
#[template(path = "auth/login.html")]
struct LoginPage {
    layout: Layout,
    email: String,
    next: String,
    errors: FormErrors,
}

async fn signup_page(session: &Session, status: StatusCode, email: String, errors: FormErrors) -> PageResult {
    let layout = Layout::with_token("Sign up", csrf::token(session).await?);
    render(status, &SignupPage { layout, email, errors })
}

async fn login_page(session: &Session, status: StatusCode, email: String, next: &str, errors: FormErrors) -> PageResult {
    let layout = Layout::with_token("Log in", csrf::token(session).await?);
    render(status, &LoginPage { layout, email, next: next.to_string(), errors })
}

#[tracing::instrument(skip_all)]
async fn show_signup(session: Session) -> PageResult {
    if session::current_user_id(&session).await?.is_some() {
        return Ok(Redirect::to("/").into_response());
    }
    signup_page(&session, StatusCode::OK, String::new(), FormErrors::default()).await
}

#[tracing::instrument(skip_all)]
async fn sign_up(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    session: Session,
    form: Result<Form<Credentials>, FormRejection>,
) -> PageResult {
    let Form(input) = form.map_err(bad_form)?;
    match services::accounts::sign_up(&app.db, &app.config, &input.email, &input.password, ip, None).await {
        Ok((user, _)) => {
            session::start(&session, user.id).await?;
            Ok(Redirect::to("/settings").into_response())
        }
        Err(error @ (AppError::Validation(_) | AppError::Conflict(_))) => {
            let errors = FormErrors::from_field_errors(error.field_errors(), |field| field);
            signup_page(&session, error.status(), input.email, errors).await
        }
        Err(error) => Err(error.into()),
    }
}

#[tracing::instrument(skip_all)]
async fn show_login(session: Session, query: Result<Query<NextParam>, QueryRejection>) -> PageResult {
    let next = query.map(|Query(q)| q.next).unwrap_or_default();
    let next = safe_next(next.as_deref());
    if session::current_user_id(&session).await?.is_some() {
        return Ok(Redirect::to(next).into_response());
    }
    login_page(&session, StatusCode::OK, String::new(), next, FormErrors::default()).await
}

/// "3 minutes" rather than "180 seconds": the lockout is usually minutes long.
fn describe_wait(seconds: u64) -> String {
    match seconds {
        0..=59 => format!("{seconds} second{}", if seconds == 1 { "" } else { "s" }),
        _ => {
            let minutes = seconds.div_ceil(60);
            format!("{minutes} minute{}", if minutes == 1 { "" } else { "s" })
        }
    }
}

#[tracing::instrument(skip_all)]
async fn log_in(
    State(app): State<AppState>,
    ClientIp(ip): ClientIp,
    session: Session,
    form: Result<Form<Credentials>, FormRejection>,
) -> PageResult {
    let Form(input) = form.map_err(bad_form)?;
    let next = safe_next(input.next.as_deref());
    match services::accounts::log_in(&app.db, &app.config, &input.email, &input.password, ip, None).await {
        Ok((user, _)) => {
            session::start(&session, user.id).await?;
            Ok(Redirect::to(next).into_response())
        }
        // The service words this the same for an unknown email and a wrong password.
        Err(error @ AppError::BadCredentials) => {
            let errors = FormErrors::from_field_errors(error.field_errors(), |field| field);
            login_page(&session, error.status(), input.email, next, errors).await
        }
        Err(AppError::TooManyRequests { retry_after_secs }) => {
            let wait = describe_wait(retry_after_secs);
            let errors = FormErrors::general(format!("Too many failed attempts. Try again in {wait}."));
            let page = login_page(&session, StatusCode::TOO_MANY_REQUESTS, input.email, next, errors).await?;
            Ok(([(RETRY_AFTER, retry_after_secs.to_string())], page).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// Ends the session server-side first, so a failure afterwards cannot leave it alive.
#[tracing::instrument(skip_all)]
async fn log_out(State(app): State<AppState>, ClientIp(ip): ClientIp, session: Session) -> PageResult {
    let user_id = session::current_user_id(&session).await?;
    session.flush().await?;
    if let Some(user_id) = user_id {
        services::accounts::log_out(&app.db, user_id, ip).await?;
    }
    Ok(Redirect::to("/").into_response())
}

#[cfg(test)]
mod tests {
    use super::describe_wait;

    #[test]
    fn waits_are_described_in_the_largest_sensible_unit() {
        assert_eq!(describe_wait(1), "1 second");
        assert_eq!(describe_wait(45), "45 seconds");
        assert_eq!(describe_wait(61), "2 minutes");
        assert_eq!(describe_wait(900), "15 minutes");
    }
}
