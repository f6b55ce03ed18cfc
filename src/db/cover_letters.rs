//! Cover letters: `artifacts` rows of kind `cover_letter` whose text is a stored file, so the
//! general file download serves them too. Replacing the text swaps the row's file columns.

use sqlx::PgConnection;
use uuid::Uuid;

use super::artifacts::FileInfo;

/// Points a cover letter at new bytes; the caller removes the old object after committing.
pub async fn replace_file(conn: &mut PgConnection, id: Uuid, size_bytes: i64, sha256: &str, storage_key: &str) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "update artifacts set size_bytes = $2, sha256 = $3, storage_key = $4,
                metadata = metadata || jsonb_build_object('size', $2::bigint, 'hash', $3::text)
          where id = $1 and kind = 'cover_letter'",
    )
    .bind(id)
    .bind(size_bytes)
    .bind(sha256)
    .bind(storage_key)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// An application's newest cover letter.
pub async fn latest(conn: &mut PgConnection, user_id: Uuid, application_id: Uuid) -> sqlx::Result<Option<FileInfo>> {
    let files = super::artifacts::list(conn, user_id, application_id).await?;
    Ok(files.into_iter().find(|f| f.kind == "cover_letter"))
}
