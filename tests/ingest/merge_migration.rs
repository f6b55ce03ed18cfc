//! Migration 0038 on a database that already holds duplicates (as installations before it do):
//! companies and postings are merged, and users' applications follow the surviving rows.

use sqlx::{Connection, Executor, PgConnection};

use super::support;

/// Applies the migrations before `version` as plain SQL (sqlx's own bookkeeping is not needed
/// to test what a migration does to data).
async fn migrate_before(conn: &mut PgConnection, version: i64) {
    for migration in jobpilot::db::MIGRATOR.iter().filter(|m| m.version < version) {
        conn.execute(sqlx::raw_sql(migration.sql.clone()))
            .await
            .unwrap_or_else(|e| panic!("migration {}: {e}", migration.version));
    }
}

async fn apply(conn: &mut PgConnection, version: i64) {
    let migration = jobpilot::db::MIGRATOR
        .iter()
        .find(|m| m.version == version)
        .expect("migration exists");
    conn.execute(sqlx::raw_sql(migration.sql.clone()))
        .await
        .unwrap_or_else(|e| panic!("migration {version}: {e}"));
}

/// An empty database (no migrations), created next to the test databases.
async fn empty_database() -> PgConnection {
    let mut admin = PgConnection::connect(&support::admin_url()).await.expect("admin");
    let name = format!("jp_t_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute(sqlx::AssertSqlSafe(format!("create database {name}")))
        .await
        .expect("create");
    PgConnection::connect(&support::url_for(&name)).await.expect("connect")
}

async fn scalar(conn: &mut PgConnection, sql: &'static str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(conn).await.expect(sql)
}

#[tokio::test]
async fn existing_duplicates_are_merged_and_applications_follow_the_survivors() {
    let mut db = empty_database().await;
    migrate_before(&mut db, 38).await;
    // What ingest stored before 0038: one company per spelling and slug, and an export row of a
    // Greenhouse posting keyed by its URL beside the board's own row.
    db.execute(sqlx::raw_sql(
        "insert into companies (id, name, board_slug, created_at) values
           ('00000000-0000-0000-0000-00000000000a', 'Anthropic', 'anthropic', now() - interval '2 days'),
           ('00000000-0000-0000-0000-00000000000b', 'anthropic', null, now() - interval '1 day'),
           ('00000000-0000-0000-0000-00000000000c', 'Anthropic, PBC', 'anthropic-eu', now()),
           ('00000000-0000-0000-0000-00000000000d', 'Acme', null, now());
         insert into job_postings (id, company_id, source, source_id, url, title, location) values
           ('00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-00000000000a', 'greenhouse',
            '4020305008', 'https://job-boards.greenhouse.io/anthropic/jobs/4020305008', 'Recruiter', null),
           ('00000000-0000-0000-0000-0000000000b1', '00000000-0000-0000-0000-00000000000b', 'other',
            'file:https://job-boards.greenhouse.io/anthropic/jobs/4020305008?utm_source=x',
            'https://job-boards.greenhouse.io/anthropic/jobs/4020305008?utm_source=x', 'Recruiter', 'London'),
           ('00000000-0000-0000-0000-0000000000b2', '00000000-0000-0000-0000-00000000000b', 'other',
            'file:https://jobs.lever.co/anthropic/0b8d6f1c-3f5e-4a8b-9c1d-2e3f4a5b6c7d',
            'https://jobs.lever.co/anthropic/0b8d6f1c-3f5e-4a8b-9c1d-2e3f4a5b6c7d', 'Account Executive', null);
         insert into users (id, email) values
           ('00000000-0000-0000-0000-0000000000f1', 'one@example.com'),
           ('00000000-0000-0000-0000-0000000000f2', 'two@example.com');
         insert into applications (user_id, job_posting_id) values
           ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000b1'),
           ('00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-0000000000a1'),
           ('00000000-0000-0000-0000-0000000000f2', '00000000-0000-0000-0000-0000000000b1');
         insert into resume_versions (user_id, job_posting_id) values
           ('00000000-0000-0000-0000-0000000000f1', '00000000-0000-0000-0000-0000000000b1');",
    ))
    .await
    .expect("seed duplicates");

    apply(&mut db, 38).await;

    let companies: Vec<(String, Option<String>)> =
        sqlx::query_as("select name, board_slug from companies order by name")
            .fetch_all(&mut db)
            .await
            .expect("companies");
    assert_eq!(
        companies,
        vec![
            ("Acme".to_string(), None),
            ("Anthropic".to_string(), Some("anthropic".to_string()))
        ],
        "three spellings of Anthropic are one company; the oldest row survives"
    );
    // User one's application (and tailored resume) moved to the board's row; user two tracked
    // both rows, so both applications stay and the duplicate stays for them, closed.
    let user_one: (String, i64) = sqlx::query_as(
        "select a.job_posting_id::text, (select count(*) from resume_versions r where r.job_posting_id = a.job_posting_id)
         from applications a where a.user_id = '00000000-0000-0000-0000-0000000000f1'",
    )
    .fetch_one(&mut db)
    .await
    .expect("user one");
    assert_eq!(user_one, ("00000000-0000-0000-0000-0000000000a1".to_string(), 1));
    assert_eq!(
        scalar(&mut db, "select count(*) from applications where user_id = '00000000-0000-0000-0000-0000000000f2'").await,
        2
    );
    let survivor: (Option<String>, Option<String>) = sqlx::query_as(
        "select location, closed_at::text from job_postings where id = '00000000-0000-0000-0000-0000000000a1'",
    )
    .fetch_one(&mut db)
    .await
    .expect("survivor");
    assert_eq!(survivor, (Some("London".to_string()), None), "the duplicate filled the gap");
    assert_eq!(
        scalar(&mut db, "select count(*) from job_postings where id = '00000000-0000-0000-0000-0000000000b1' and closed_at is not null").await,
        1
    );
    // The Lever export row had no board row to merge into: it now carries the board's key.
    let rekeyed: (String, String) = sqlx::query_as(
        "select source::text, source_id from job_postings where id = '00000000-0000-0000-0000-0000000000b2'",
    )
    .fetch_one(&mut db)
    .await
    .expect("rekeyed");
    assert_eq!(rekeyed, ("lever".to_string(), "0b8d6f1c-3f5e-4a8b-9c1d-2e3f4a5b6c7d".to_string()));
    assert_eq!(
        scalar(&mut db, "select count(*) from audit_logs where action in ('catalog.merge_companies', 'catalog.merge_postings')").await,
        2,
        "each merge step is audited"
    );
}
