//! `/pipeline/import`: a CSV file (uploaded or pasted) previewed row by row — what will be
//! created, what is skipped, what is wrong and on which line — then imported on confirm. The
//! confirm step re-reads the file it carries; nothing the browser sends back is trusted as parsed.

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use serde::Deserialize;

use super::errors::PageResult;
use super::layout::{Layout, render};
use super::session::PageUser;
use crate::app::AppState;
use crate::domain::csv_columns::{ALIASES, Column};
use crate::domain::csv_dates::DateOrder;
use crate::error::{AppError, FieldError};
use crate::http::middleware::UPLOAD_LIMIT_BYTES;
use crate::services::applications_import::{self, ImportReport};

/// Where the board finds the summary of the last import, shown once.
pub const SUMMARY_KEY: &str = "pipeline_import_summary";

pub fn router() -> Router<AppState> {
    Router::new().route("/pipeline/import", get(show).post(submit).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES)))
}

#[derive(Template)]
#[template(path = "pipeline/import.html")]
struct ImportPage {
    layout: Layout,
    csrf_token: String,
    /// (column, the names it goes by, what it holds)
    columns: Vec<(&'static str, String, &'static str)>,
    date_order: &'static str,
    /// A whole-file problem, shown above the form.
    problem: Option<String>,
    /// The dry run's report and the file it was made from (base64), when previewing.
    preview: Option<(ImportReport, String)>,
}

fn documented_columns() -> Vec<(&'static str, String, &'static str)> {
    ALIASES
        .iter()
        .map(|(column, names)| {
            let meaning = match column {
                Column::Company => "Required. The employer.",
                Column::Title => "Required. The job title.",
                Column::Url => "Required. The posting's http(s) link; the same link twice is one application.",
                Column::Stage => "Optional. A stage, or another tracker's name for one (Wishlist, Phone screen, Onsite, Ghosted, Hired…). Empty: applied if there is a date, else prospect.",
                Column::AppliedAt => "Optional. 2024-03-05, 03/05/2024 (see date order), 5 Mar 2024, March 5, 2024, or a date and time.",
                Column::Notes => "Optional. Free text, line breaks kept.",
                Column::Source => "Optional. Where it came from (default “CSV import”).",
                Column::Location => "Optional. Where the job is.",
            };
            (names[0], names[1..].join(", "), meaning)
        })
        .collect()
}

fn page(user: &PageUser, csrf_token: String, order: DateOrder, problem: Option<String>, preview: Option<(ImportReport, String)>) -> ImportPage {
    let layout = Layout::for_user("Import applications", user, csrf_token.clone(), "pipeline");
    ImportPage { layout, csrf_token, columns: documented_columns(), date_order: order.as_str(), problem, preview }
}

#[tracing::instrument(skip_all)]
async fn show(user: PageUser) -> PageResult {
    let token = user.csrf_token().await?;
    render(StatusCode::OK, &page(&user, token, DateOrder::default(), None, None))
}

/// `?step=preview` (the default) or `?step=confirm`.
#[derive(Debug, Default, Deserialize)]
struct Step {
    #[serde(default)]
    step: String,
}

/// What the form sent: the file (uploaded, pasted, or carried from the preview) and the date order.
#[derive(Default)]
struct Sent {
    file: Vec<u8>,
    pasted: String,
    carried: String,
    date_order: String,
}

async fn read_form(mut multipart: Multipart) -> Result<Sent, AppError> {
    let too_large = || AppError::TooLarge(FieldError::new("file", format!("the form is larger than {} MiB", UPLOAD_LIMIT_BYTES >> 20)));
    let mut sent = Sent::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| too_large())? {
        let name = field.name().unwrap_or_default().to_string();
        let bytes = field.bytes().await.map_err(|_| too_large())?;
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "file" => sent.file = bytes.to_vec(),
            "csv" => sent.pasted = text(),
            "carried" => sent.carried = text(),
            "date_order" => sent.date_order = text(),
            _ => {}
        }
    }
    Ok(sent)
}

/// Previews (dry run) or, on confirm, imports; a whole-file problem shows the form again.
#[tracing::instrument(skip_all)]
async fn submit(State(app): State<AppState>, user: PageUser, Query(step): Query<Step>, multipart: Multipart) -> PageResult {
    let token = user.csrf_token().await?;
    let sent = read_form(multipart).await?;
    let order = DateOrder::parse(&sent.date_order).unwrap_or_default();
    let confirm = step.step == "confirm";
    let bytes = if confirm {
        BASE64.decode(sent.carried.trim()).map_err(|_| AppError::invalid("carried", "the previewed file was changed; upload it again"))?
    } else if !sent.file.is_empty() {
        sent.file
    } else {
        sent.pasted.into_bytes()
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let problem = Some("Choose a CSV file or paste its text.".to_string());
        return render(StatusCode::UNPROCESSABLE_ENTITY, &page(&user, token, order, problem, None));
    }
    match applications_import::import(&app.db, &app.system_db, user.caller(), &bytes, order, !confirm).await {
        Ok(report) if confirm => {
            let summary = format!(
                "Imported {} application{}; {} row{} had errors; {} skipped as already in your pipeline or repeated.",
                report.created.len(),
                if report.created.len() == 1 { "" } else { "s" },
                report.errors.len(),
                if report.errors.len() == 1 { "" } else { "s" },
                report.skipped.len(),
            );
            user.session.insert(SUMMARY_KEY, summary).await?;
            Ok(Redirect::to("/pipeline").into_response())
        }
        Ok(report) => render(StatusCode::OK, &page(&user, token, order, None, Some((report, BASE64.encode(&bytes))))),
        Err(AppError::Validation(errors)) => {
            let problem = errors.into_iter().map(|e| e.detail).collect::<Vec<_>>().join("; ");
            render(StatusCode::UNPROCESSABLE_ENTITY, &page(&user, token, order, Some(problem), None))
        }
        Err(AppError::TooLarge(error)) => render(StatusCode::PAYLOAD_TOO_LARGE, &page(&user, token, order, Some(error.detail), None)),
        Err(other) => Err(other.into()),
    }
}
