//! The JSON API under `/api/v1`, and its OpenAPI 3.1 description.

pub mod applications;
pub mod applications_csv;
pub mod auth;
pub mod companies;
pub mod events;
pub mod feed;
pub mod files;
pub mod me;
pub mod model_runs;
pub mod notifications;
pub mod outreach;
pub mod pagination;
pub mod postings;
pub mod profile;
pub mod resume_fit;
pub mod resumes;
pub mod resume_render;
pub mod searches;
pub mod sources;
pub mod tasks;
pub mod tokens;

use axum::Router;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

use crate::app::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Jobpilot API", description = "Self-hostable, AI-assisted job-search copilot. \
        Authenticate with `POST /api/v1/auth/login` and send the token as `Authorization: Bearer …`. \
        Errors are `{\"errors\":[{\"field\",\"detail\"}]}`; lists take `limit` and `cursor`."),
    modifiers(&BearerAuth),
    tags((name = "auth"), (name = "account"), (name = "applications"), (name = "catalog"), (name = "sources"),
        (name = "feed"), (name = "searches"), (name = "notifications"), (name = "tasks"), (name = "events"), (name = "outreach"), (name = "files"), (name = "resumes"), (name = "ai"))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

fn documented_router() -> OpenApiRouter<AppState> {
    let v1 = OpenApiRouter::new()
        .merge(auth::router())
        .merge(me::router())
        .merge(profile::router())
        .merge(tokens::router())
        .merge(sources::router())
        .merge(applications::router())
        .merge(applications_csv::router())
        .merge(postings::router())
        .merge(companies::router())
        .merge(feed::router())
        .merge(searches::router())
        .merge(notifications::router())
        .merge(tasks::router())
        .merge(events::router())
        .merge(outreach::router())
        .merge(files::router())
        .merge(resumes::router())
        .merge(resume_fit::router())
        .merge(model_runs::router())
        .merge(resume_render::router());
    OpenApiRouter::with_openapi(ApiDoc::openapi()).nest("/api/v1", v1)
}

/// The API routes plus `/api/v1/openapi.json` and the offline docs page at `/api/docs`.
pub fn router() -> Router<AppState> {
    let (routes, openapi) = documented_router().split_for_parts();
    routes.merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", openapi))
}

/// The OpenAPI document, for tools and tests that want it without a server.
pub fn openapi() -> utoipa::openapi::OpenApi {
    documented_router().into_openapi()
}
