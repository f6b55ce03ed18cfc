//! `/api/v1/companies/{id}`: one company of the global catalog.

use axum::Json;
use axum::extract::State;
use utoipa_axum::{router::OpenApiRouter, routes};

use crate::app::AppState;
use crate::error::{AppResult, ErrorBody};
use crate::http::extract::{ApiUser, IdPath};
use crate::services::search::{self, CompanyDetail};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_company))
}

/// A company with the number of its open postings (list them with `GET /postings?company={id}`).
#[utoipa::path(get, path = "/companies/{id}", tag = "catalog", security(("bearer" = [])),
    params(("id" = uuid::Uuid, Path)),
    responses((status = 200, body = CompanyDetail), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody)))]
#[tracing::instrument(skip_all, fields(user_id = %user.user_id))]
async fn get_company(State(app): State<AppState>, user: ApiUser, IdPath(id): IdPath) -> AppResult<Json<CompanyDetail>> {
    Ok(Json(search::company(&app.db, id).await?))
}
