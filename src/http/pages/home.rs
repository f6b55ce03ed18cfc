//! `/`: what Jobpilot is for visitors; the dashboard for a logged-in user.

use askama::Template;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;

use super::errors::{PageError, PageResult};
use super::layout::{Layout, render};
use super::session::PageUser;
use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_home))
}

#[derive(Template)]
#[template(path = "home/landing.html")]
struct LandingPage {
    layout: Layout,
}

/// One area of the app on the dashboard; `href` is `None` until the area exists.
struct Area {
    name: &'static str,
    about: &'static str,
    href: Option<&'static str>,
}

const AREAS: &[Area] = &[
    Area { name: "Jobs", about: "Postings from the boards you follow: search, filter and track them.", href: Some("/jobs") },
    Area { name: "Pipeline", about: "Your applications by stage, with interviews and deadlines.", href: None },
    Area { name: "Resumes", about: "Your resume, parsed, scored and tailored per posting.", href: None },
    Area { name: "Tasks", about: "Follow-ups and preparation, suggested from your pipeline.", href: None },
    Area {
        name: "Settings",
        about: "Your profile: skills, salary, locations and the work you are after.",
        href: Some("/settings"),
    },
];

#[derive(Template)]
#[template(path = "home/dashboard.html")]
struct DashboardPage {
    layout: Layout,
    areas: &'static [Area],
}

#[tracing::instrument(skip_all)]
async fn show_home(user: Result<PageUser, PageError>) -> PageResult {
    // Anyone may see `/`; only a logged-in user gets the dashboard instead of the landing page.
    match user {
        Ok(user) => {
            let layout = Layout::for_user("Dashboard", &user.email, user.csrf_token().await?, "home");
            render(StatusCode::OK, &DashboardPage { layout, areas: AREAS })
        }
        Err(PageError::LoginRequired { .. }) => {
            render(StatusCode::OK, &LandingPage { layout: Layout::anonymous("Your job-search copilot") })
        }
        Err(error) => Err(error),
    }
}
