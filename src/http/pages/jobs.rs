//! `/jobs`: the searchable job list. The filter form works as a plain GET form; with htmx each
//! change fetches only the results (and pushes the URL, so reload and bookmarks keep the
//! filters), and "More" appends the next keyset page in place.

use askama::Template;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::get;
use uuid::Uuid;

use super::errors::PageResult;
use super::jobs_posting;
use super::jobs_view::{date_text, salary_text};
use super::layout::{Layout, is_htmx, render};
use super::session::PageUser;
use crate::app::AppState;
use crate::error::{AppError, FieldError};
use crate::services::search::{self, CompanyRef, PostingSummary, SearchParams};
use crate::services::{self, applications};

pub fn router() -> Router<AppState> {
    Router::new().route("/jobs", get(list_jobs)).merge(jobs_posting::router())
}

/// The filters as typed, echoed back into the form.
#[derive(Debug, Default)]
struct FilterForm {
    q: String,
    tags: String,
    remote: String,
    location: String,
    salary_min: String,
    posted_after: String,
    company: String,
    /// Not in the form, but a page size given in the address carries over to "More".
    limit: String,
}

impl FilterForm {
    fn from_params(p: &SearchParams) -> Self {
        let text = |v: &Option<String>| v.as_deref().unwrap_or_default().trim().to_string();
        Self {
            q: text(&p.q),
            tags: text(&p.tags),
            remote: text(&p.remote).to_ascii_lowercase(),
            location: text(&p.location),
            salary_min: text(&p.salary_min),
            posted_after: text(&p.posted_after),
            company: text(&p.company),
            limit: text(&p.limit),
        }
    }

    /// The non-empty filters as query pairs, in a stable order, for the "More" link.
    fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("tags", &self.tags),
            ("remote", &self.remote),
            ("location", &self.location),
            ("salary_min", &self.salary_min),
            ("company", &self.company),
            ("posted_after", &self.posted_after),
            ("limit", &self.limit),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| (k, v.as_str()))
        .collect()
    }
}

/// One result, ready to show.
struct JobRow {
    id: Uuid,
    title: String,
    company: Option<CompanyRef>,
    location: Option<String>,
    /// Shown as its own label unless the location already says "Remote".
    remote_label: bool,
    salary: Option<String>,
    tags: Vec<String>,
    posted: Option<String>,
    snippet: Option<String>,
    tracked: bool,
}

impl JobRow {
    fn new(hit: PostingSummary, tracked: &[Uuid]) -> Self {
        Self {
            tracked: tracked.contains(&hit.id),
            salary: hit.salary.as_ref().and_then(salary_text),
            posted: hit.posted_at.as_ref().map(date_text),
            id: hit.id,
            title: hit.title,
            company: hit.company,
            remote_label: hit.remote_flag
                && !hit.location.as_deref().is_some_and(|l| l.trim().eq_ignore_ascii_case("remote")),
            location: hit.location,
            tags: hit.tags,
            snippet: hit.snippet,
        }
    }
}

/// Result rows plus the "More" item: what a "More" click appends.
#[derive(Template)]
#[template(path = "jobs/rows.html")]
struct Rows {
    rows: Vec<JobRow>,
    more_href: Option<String>,
}

/// The results area: what a filter change swaps in.
#[derive(Template)]
#[template(path = "jobs/results.html")]
struct Results {
    problems: Vec<String>,
    rows: Rows,
}

#[derive(Template)]
#[template(path = "jobs/list.html")]
struct ListPage {
    layout: Layout,
    form: FilterForm,
    company_name: Option<String>,
    results: Results,
}

impl Results {
    /// No rows, and each problem with the filters in words.
    fn invalid(errors: &[FieldError]) -> Self {
        Self { problems: errors.iter().map(problem_text).collect(), rows: Rows { rows: Vec::new(), more_href: None } }
    }
}

/// How a filter's problem reads above the results.
fn problem_text(error: &FieldError) -> String {
    let label = match error.field.as_deref() {
        Some("q") => "Search",
        Some("tags") => "Skills",
        Some("remote") => "Remote",
        Some("location") => "Location",
        Some("salary_min") => "Minimum salary",
        Some("company") => "Company",
        Some("posted_after") => "Posted after",
        Some("cursor") => "The next-page link",
        Some(other) => return format!("“{other}” {}", error.detail),
        None => return error.detail.clone(),
    };
    format!("{label} {}", error.detail)
}

fn query_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    form_urlencoded::parse(raw.unwrap_or_default().as_bytes()).into_owned().collect()
}

fn more_href(form: &FilterForm, cursor: &str) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(form.pairs());
    query.append_pair("cursor", cursor);
    format!("/jobs?{}", query.finish())
}

/// Runs the search; invalid filters give no rows and the problems, each naming its filter.
async fn find(app: &AppState, user: &PageUser, params: &SearchParams, form: &FilterForm) -> PageResult<Results> {
    let (filters, page) = match params.validate() {
        Ok(valid) => valid,
        Err(AppError::Validation(errors)) => return Ok(Results::invalid(&errors)),
        Err(other) => return Err(other.into()),
    };
    let found = search::search(&app.db, &filters, &page).await?;
    let ids: Vec<Uuid> = found.items.iter().map(|hit| hit.id).collect();
    let tracked = applications::tracked_among(&app.db, user.user_id, &ids).await?;
    let rows = found.items.into_iter().map(|hit| JobRow::new(hit, &tracked)).collect();
    let more_href = found.next_cursor.map(|cursor| more_href(form, &cursor));
    Ok(Results { problems: Vec::new(), rows: Rows { rows, more_href } })
}

/// The company filter shows the company's name; an id naming no company shows as unknown
/// (and simply matches nothing), a malformed one is already a named problem.
async fn company_name(app: &AppState, form: &FilterForm) -> PageResult<Option<String>> {
    let Ok(id) = form.company.parse() else { return Ok(None) };
    match services::search::company(&app.db, id).await {
        Ok(company) => Ok(Some(company.name)),
        Err(AppError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

#[tracing::instrument(skip_all)]
async fn list_jobs(State(app): State<AppState>, user: PageUser, headers: HeaderMap, RawQuery(raw): RawQuery) -> PageResult {
    let (params, results) = match SearchParams::from_pairs(query_pairs(raw.as_deref())) {
        Ok(params) => {
            let results = find(&app, &user, &params, &FilterForm::from_params(&params)).await?;
            (params, results)
        }
        Err(AppError::Validation(errors)) => (SearchParams::default(), Results::invalid(&errors)),
        Err(other) => return Err(other.into()),
    };
    let form = FilterForm::from_params(&params);
    let status = if results.problems.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    // htmx restoring history it no longer has cached wants the whole page, not a fragment.
    let restoring = headers.contains_key("hx-history-restore-request");
    if is_htmx(&headers) && !restoring {
        // A "More" click carries a cursor and appends rows; a filter change replaces the results.
        if params.cursor.is_some() && results.problems.is_empty() {
            return render(status, &results.rows);
        }
        return render(status, &results);
    }
    let layout = Layout::for_user("Jobs", &user, user.csrf_token().await?, "jobs");
    let company_name = company_name(&app, &form).await?;
    render(status, &ListPage { layout, form, company_name, results })
}
