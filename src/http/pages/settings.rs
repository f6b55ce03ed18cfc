//! `/settings`: the user's profile form. Works as a plain post/redirect form, and with htmx
//! saves in place, swapping in the saved form with a status line.

use std::sync::LazyLock;

use askama::Template;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;

use super::errors::PageResult;
use super::form::{FormErrors, bad_form};
use super::layout::{Layout, is_htmx, render};
use super::session::PageUser;
use super::settings_form::{SettingsInput, form_field, form_message};
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::services;

pub fn router() -> Router<AppState> {
    Router::new().route("/settings", get(show_settings).post(save_settings))
}

/// Every IANA zone name, offered as suggestions for the time zone input.
static ZONES: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| chrono_tz::TZ_VARIANTS.iter().map(|zone| zone.name()).collect());

/// The form on its own: the body of the page, and what an htmx save swaps in.
#[derive(Template)]
#[template(path = "settings/form.html")]
struct SettingsForm {
    form: SettingsInput,
    errors: FormErrors,
    saved: bool,
    csrf_token: String,
    zones: &'static [&'static str],
}

#[derive(Template)]
#[template(path = "settings/page.html")]
struct SettingsPage {
    layout: Layout,
    form: SettingsForm,
}

#[derive(Debug, Deserialize)]
struct SavedParam {
    saved: Option<String>,
}

/// What to show and how: a whole page, or only the form for htmx.
struct View {
    form: SettingsInput,
    errors: FormErrors,
    saved: bool,
    fragment: bool,
}

async fn respond(user: &PageUser, status: StatusCode, view: View) -> PageResult {
    let csrf_token = user.csrf_token().await?;
    let form =
        SettingsForm { form: view.form, errors: view.errors, saved: view.saved, csrf_token: csrf_token.clone(), zones: &ZONES };
    if view.fragment {
        return render(status, &form);
    }
    let layout = Layout::for_user("Settings", user, csrf_token, "settings");
    render(status, &SettingsPage { layout, form })
}

#[tracing::instrument(skip_all)]
async fn show_settings(
    State(app): State<AppState>,
    user: PageUser,
    query: Result<Query<SavedParam>, QueryRejection>,
) -> PageResult {
    let profile = services::profile::get(&app.db, user.user_id).await?;
    let saved = query.is_ok_and(|Query(q)| q.saved.is_some());
    let form = SettingsInput::from_profile(&profile.fields);
    respond(&user, StatusCode::OK, View { form, errors: FormErrors::default(), saved, fragment: false }).await
}

fn page_errors(errors: Vec<FieldError>) -> FormErrors {
    let reworded = errors.into_iter().map(|e| FieldError { detail: form_message(&e.detail), ..e }).collect();
    FormErrors::from_field_errors(reworded, form_field)
}

#[tracing::instrument(skip_all)]
async fn save_settings(
    State(app): State<AppState>,
    user: PageUser,
    headers: HeaderMap,
    form: Result<Form<SettingsInput>, FormRejection>,
) -> PageResult {
    let fragment = is_htmx(&headers);
    let Form(input) = form.map_err(bad_form)?;
    let invalid = |form, errors| View { form, errors, saved: false, fragment };
    let fields = match input.to_fields() {
        Ok(fields) => fields,
        Err(errors) => return respond(&user, StatusCode::UNPROCESSABLE_ENTITY, invalid(input, errors)).await,
    };
    match services::profile::update(&app.db, user.caller(), fields).await {
        Ok(profile) if fragment => {
            let form = SettingsInput::from_profile(&profile.fields);
            respond(&user, StatusCode::OK, View { form, errors: FormErrors::default(), saved: true, fragment }).await
        }
        // Post/redirect/get: reloading the result page must not post the form again.
        Ok(_) => Ok(Redirect::to("/settings?saved=1").into_response()),
        Err(AppError::Validation(errors)) => {
            respond(&user, StatusCode::UNPROCESSABLE_ENTITY, invalid(input, page_errors(errors))).await
        }
        Err(error) => Err(error.into()),
    }
}
