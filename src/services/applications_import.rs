//! Importing applications from a CSV file: every row goes through the same path as a job typed
//! in by hand (`manual_applications`), so it is checked, de-duplicated and audited alike. A dry
//! run checks every row the same way and stores nothing.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;
use uuid::Uuid;

use super::Caller;
use super::manual_applications::{self, ManualApplication, Origin, PostingKey};
use crate::domain::csv_dates::DateOrder;
use crate::domain::csv_import::{self, FileError, ImportRow, RowError};
use crate::error::{AppError, AppResult, FieldError};

/// `source_label` of imported rows without a Source column value.
pub const CSV_IMPORT: &str = "CSV import";

/// A row that creates (or, in a dry run, would create) an application.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CreatedRow {
    /// The row's first physical line in the file (the header is line 1).
    pub line: u64,
    /// Null in a dry run.
    pub application_id: Option<Uuid>,
    pub company: String,
    pub title: String,
    #[schema(example = "applied")]
    pub stage: String,
}

/// A row not imported, and why.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct LineReason {
    pub line: u64,
    pub reason: String,
}

/// What an import did, or in a dry run would do.
#[derive(Clone, Debug, Default, Serialize, ToSchema)]
pub struct ImportReport {
    pub dry_run: bool,
    pub created: Vec<CreatedRow>,
    /// Rows for a posting already in the pipeline, or repeated in the file.
    pub skipped: Vec<LineReason>,
    /// Rows that could not be read or checked.
    pub errors: Vec<LineReason>,
    /// Header names that are not read.
    pub ignored_columns: Vec<String>,
}

/// Reads the file and imports each good row on its own (a bad row never stops the others).
/// A file that cannot be read at all is refused whole: 413 over the limits, 422 otherwise.
///
/// The work runs as a task of its own: a row is several transactions (the manual-application
/// path's), and a request that times out or a client that hangs up must not stop an import
/// between two of them and leave a row half-written. The file is finished even if nobody waits.
pub async fn import(pool: &PgPool, system_db: &PgPool, caller: Caller, bytes: &[u8], order: DateOrder, dry_run: bool) -> AppResult<ImportReport> {
    let (pool, system_db, bytes) = (pool.clone(), system_db.clone(), bytes.to_vec());
    let task = tokio::spawn(async move { import_file(&pool, &system_db, caller, &bytes, order, dry_run).await });
    task.await.map_err(|error| AppError::Internal(anyhow::anyhow!("import task failed: {error}")))?
}

#[tracing::instrument(skip(pool, system_db, bytes), fields(user_id = %caller.user_id, bytes = bytes.len()))]
async fn import_file(pool: &PgPool, system_db: &PgPool, caller: Caller, bytes: &[u8], order: DateOrder, dry_run: bool) -> AppResult<ImportReport> {
    let parsed = csv_import::parse(bytes, order).map_err(|error| match error {
        FileError::TooLarge(why) => AppError::TooLarge(FieldError::new("file", why)),
        FileError::Unreadable(why) => AppError::invalid("file", why),
    })?;
    let mut report = ImportReport { dry_run, ignored_columns: parsed.ignored_columns, ..ImportReport::default() };
    // The first line of the file that asked for each posting: later ones are repeats.
    let mut seen: HashMap<PostingKey, u64> = HashMap::new();
    for row in parsed.rows {
        let row = match row {
            Ok(row) => row,
            Err(RowError { line, reason }) => {
                report.errors.push(LineReason { line, reason });
                continue;
            }
        };
        let line = row.line;
        match import_row(pool, system_db, caller, row, dry_run, &mut seen).await? {
            Outcome::Created(created) => report.created.push(created),
            Outcome::Skipped(reason) => report.skipped.push(LineReason { line, reason }),
            Outcome::Failed(reason) => report.errors.push(LineReason { line, reason }),
        }
    }
    Ok(report)
}

enum Outcome {
    Created(CreatedRow),
    Skipped(String),
    Failed(String),
}

async fn import_row(
    pool: &PgPool,
    system_db: &PgPool,
    caller: Caller,
    row: ImportRow,
    dry_run: bool,
    seen: &mut HashMap<PostingKey, u64>,
) -> AppResult<Outcome> {
    let input = ManualApplication {
        title: row.title.clone(),
        company: row.company.clone(),
        url: row.url.clone(),
        location: row.location.clone(),
        stage: Some(row.stage.as_str().to_string()),
        status_notes: row.notes.clone(),
    };
    let origin = Origin { source_label: Some(row.source.clone().unwrap_or_else(|| CSV_IMPORT.into())), applied_at: row.applied_at };
    let (key, existing) = match rejected(manual_applications::check(pool, system_db, caller.user_id, &input, &origin).await)? {
        Ok(checked) => checked,
        Err(reason) => return Ok(Outcome::Failed(reason)),
    };
    if let Some(first) = seen.get(&key) {
        return Ok(Outcome::Skipped(format!("the same posting as line {first}")));
    }
    seen.insert(key, row.line);
    if existing.is_some() {
        return Ok(Outcome::Skipped("already in your pipeline (same posting)".into()));
    }
    let created = |application_id| CreatedRow {
        line: row.line,
        application_id,
        company: row.company.clone(),
        title: row.title.clone(),
        stage: row.stage.as_str().to_string(),
    };
    if dry_run {
        return Ok(Outcome::Created(created(None)));
    }
    Ok(match rejected(manual_applications::add_with(pool, system_db, caller, &input, &origin).await)? {
        Ok((true, detail)) => Outcome::Created(created(Some(detail.application.id))),
        // Added between the check and now (another tab, another import).
        Ok((false, _)) => Outcome::Skipped("already in your pipeline (same posting)".into()),
        Err(reason) => Outcome::Failed(reason),
    })
}

/// Splits what a row's own data caused (refused: the reason, for the report) from failures
/// of the system, which stop the import.
fn rejected<T>(result: AppResult<T>) -> AppResult<Result<T, String>> {
    let describe = |e: FieldError| match e.field {
        Some(field) => format!("{field}: {}", e.detail),
        None => e.detail,
    };
    match result {
        Ok(value) => Ok(Ok(value)),
        Err(AppError::Validation(errors)) => Ok(Err(errors.into_iter().map(describe).collect::<Vec<_>>().join("; "))),
        Err(AppError::Conflict(error)) => Ok(Err(describe(error))),
        Err(other) => Err(other),
    }
}
