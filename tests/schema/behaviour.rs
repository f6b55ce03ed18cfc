//! The schema at work: row-level security, constraints, cascades and the auth functions.

use sqlx::PgConnection;
use uuid::Uuid;

use crate::{USER_OWNED_TABLES, as_app, begin_as_app, connect, count, failure, run};

/// A user with one row in every user-owned table.
struct Seeded {
    user: Uuid,
    application: Uuid,
}

async fn create_posting(db: &mut PgConnection) -> Uuid {
    sqlx::query_scalar(
        // Companies without a domain are unique by name key (uq_companies_name_key), so a
        // second posting reuses Acme.
        "with c as (insert into companies (name) values ('Acme') \
           on conflict (name_key) where domain is null \
           do update set name = excluded.name returning id) \
         insert into job_postings (company_id, url, title) \
         select id, 'https://jobs.example/1', 'Customer Success Manager' from c returning id",
    )
    .fetch_one(db)
    .await
    .expect("create posting")
}

/// As the owner, gives a new user one row in every user-owned table.
async fn seed_user(db: &mut PgConnection, email: &str, posting: Uuid) -> Seeded {
    let (user, application, run_id) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    run(db, format!(
        "insert into users (id, email) values ('{user}', '{email}');
         insert into profiles (user_id) values ('{user}');
         insert into integration_accounts (user_id, provider) values ('{user}', 'gmail');
         insert into posting_enrichments (user_id, job_posting_id, fit_score) values ('{user}', '{posting}', 80);
         insert into feed_dismissals (user_id, job_posting_id) values ('{user}', '{posting}');
         insert into applications (id, user_id, job_posting_id) values ('{application}', '{user}', '{posting}');
         insert into application_stage_changes (user_id, application_id, to_stage) values ('{user}', '{application}', 'prospect');
         insert into resume_versions (user_id, job_posting_id) values ('{user}', '{posting}');
         insert into outreach (application_id, channel) values ('{application}', 'email');
         insert into events (application_id, type) values ('{application}', 'interview');
         insert into tasks (user_id, application_id, title) values ('{user}', '{application}', 'Follow up');
         insert into artifacts (application_id, kind) values ('{application}', 'notes');
         insert into search_prefs (user_id, name) values ('{user}', 'Daily');
         insert into notifications (user_id, kind) values ('{user}', 'task_due');
         insert into model_runs (id, user_id, agent) values ('{run_id}', '{user}', 'job_scout');
         insert into model_io (model_run_id, role, content) values ('{run_id}', 'system', '{{}}');
         insert into audit_logs (actor_type, actor_id, action, entity, entity_id)
           values ('user', '{user}', 'create', 'application', '{application}');
         insert into user_events (user_id, name) values ('{user}', 'search_run');
         insert into subscriptions (user_id, status) values ('{user}', 'active');
         insert into api_tokens (user_id, name, token_hash)
           values ('{user}', 'cli', sha256(convert_to('{user}', 'utf8')));
         insert into sources (user_id, kind, board) values ('{user}', 'greenhouse', 'acme');"
    ))
    .await
    .expect("seed a user");
    Seeded { user, application }
}

/// Two seeded users, A and B.
async fn two_users(db: &mut PgConnection) -> (Seeded, Seeded) {
    let posting = create_posting(db).await;
    let a = seed_user(db, "a@example.com", posting).await;
    let b = seed_user(db, "b@example.com", posting).await;
    for table in USER_OWNED_TABLES {
        assert_eq!(
            count(db, table).await,
            2,
            "the owner sees both users' {table}"
        );
    }
    (a, b)
}

/// Row counts of every user-owned table as the app role.
async fn visible_counts(db: &mut PgConnection, user: Option<Uuid>) -> Vec<(&'static str, i64)> {
    let mut tx = begin_as_app(db, user).await;
    let mut counts = Vec::new();
    for table in USER_OWNED_TABLES {
        counts.push((*table, count(&mut tx, table).await));
    }
    tx.rollback().await.expect("rollback");
    counts
}

fn expect_counts(counts: Vec<(&'static str, i64)>, expected: i64) {
    let wrong: Vec<_> = counts.into_iter().filter(|(_, n)| *n != expected).collect();
    assert!(
        wrong.is_empty(),
        "tables not showing {expected} rows: {wrong:?}"
    );
}

#[tokio::test]
async fn the_app_role_sees_no_rows_without_a_current_user() {
    let mut db = connect().await;
    two_users(&mut db).await;
    expect_counts(visible_counts(&mut db, None).await, 0);
}

#[tokio::test]
async fn the_app_role_sees_and_writes_only_the_current_users_rows() {
    let mut db = connect().await;
    let (a, b) = two_users(&mut db).await;
    expect_counts(visible_counts(&mut db, Some(a.user)).await, 1);

    let mut tx = begin_as_app(&mut db, Some(a.user)).await;
    let seen: Vec<Uuid> = sqlx::query_scalar(
        "select id from users union all select user_id from applications \
         union all select a.user_id from outreach o join applications a on a.id = o.application_id",
    )
    .fetch_all(&mut *tx)
    .await
    .expect("A's rows");
    assert_eq!(seen, [a.user, a.user, a.user]);
    tx.rollback().await.expect("rollback");

    let writes = [
        format!(
            "insert into notifications (user_id, kind) values ('{}', 'x')",
            b.user
        ),
        format!(
            "insert into outreach (application_id, channel) values ('{}', 'email')",
            b.application
        ),
        format!(
            "insert into audit_logs (actor_type, actor_id, action, entity, entity_id) values ('user', '{}', 'x', 'x', '{}')",
            b.user, b.user
        ),
    ];
    for sql in writes {
        assert_eq!(failure(as_app(&mut db, Some(a.user), sql).await).0, "42501");
    }
    let updated = as_app(
        &mut db,
        Some(a.user),
        format!("update tasks set title = 'x' where user_id = '{}'", b.user),
    );
    assert_eq!(
        updated.await.expect("update"),
        0,
        "B's tasks are invisible to A"
    );
}

#[tokio::test]
async fn the_app_role_cannot_update_delete_or_truncate_audit_logs() {
    let mut db = connect().await;
    let (a, _) = two_users(&mut db).await;
    for sql in [
        "update audit_logs set action = 'tampered'",
        "delete from audit_logs",
        "truncate audit_logs",
    ] {
        let result = as_app(&mut db, Some(a.user), sql.to_string()).await;
        assert_eq!(failure(result).0, "42501", "{sql}");
    }
    let append = format!(
        "insert into audit_logs (actor_type, actor_id, action, entity, entity_id) values ('user', '{0}', 'login', 'user', '{0}');
         insert into audit_logs (actor_type, action, entity, entity_id) values ('system', 'purge', 'user', '{0}')",
        a.user
    );
    as_app(&mut db, Some(a.user), append)
        .await
        .expect("the app may append");
}

#[tokio::test]
async fn check_constraints_reject_invalid_values_by_name() {
    let mut db = connect().await;
    let posting = create_posting(&mut db).await;
    let a = seed_user(&mut db, "a@example.com", posting).await;
    let (user, application) = (a.user, a.application);
    let cases = [
        (format!("insert into profiles (user_id, salary_min_cents) values ('{user}', -1)"), "ck_profiles_salary_min_cents_nonnegative"),
        (format!("insert into profiles (user_id, salary_min_cents, salary_max_cents) values ('{user}', 200, 100)"), "ck_profiles_salary_range"),
        (format!("insert into profiles (user_id, years_experience) values ('{user}', -2)"), "ck_profiles_years_experience"),
        ("insert into job_postings (url, title, salary_max_cents) values ('u', 't', -5)".into(), "ck_job_postings_salary_max_cents_nonnegative"),
        ("insert into job_postings (url, title, salary_min_cents, salary_max_cents) values ('u', 't', 9, 8)".into(), "ck_job_postings_salary_range"),
        ("insert into job_postings (url, title, currency) values ('u', 't', 'usd')".into(), "ck_job_postings_currency"),
        (format!("update posting_enrichments set fit_score = 101 where user_id = '{user}'"), "ck_posting_enrichments_fit_score"),
        (format!("update posting_enrichments set salary_estimate_cents = -1 where user_id = '{user}'"), "ck_posting_enrichments_salary_estimate_cents_nonnegative"),
        (format!("update resume_versions set ats_score = 101 where user_id = '{user}'"), "ck_resume_versions_ats_score"),
        (format!("insert into events (application_id, type, start_at, end_at) values ('{application}', 'interview', now(), now() - interval '1 hour')"), "ck_events_time_order"),
        ("insert into users (email) values ('A@Example.COM')".into(), "uq_users_email"),
    ];
    for (sql, constraint) in cases {
        let (code, name) = failure(run(&mut db, sql.clone()).await);
        assert_eq!(name, constraint, "{sql} failed with {code}");
    }
}

#[tokio::test]
async fn a_tailored_resume_needs_the_users_application_for_its_posting() {
    let mut db = connect().await;
    let posting = create_posting(&mut db).await;
    let a = seed_user(&mut db, "a@example.com", posting).await;
    let other_posting = create_posting(&mut db).await;
    let b = seed_user(&mut db, "b@example.com", other_posting).await;

    // B tracks other_posting, A does not: A cannot have a resume tailored to it.
    let tailored = format!(
        "insert into resume_versions (user_id, job_posting_id) values ('{}', '{other_posting}')",
        a.user
    );
    assert_eq!(
        failure(run(&mut db, tailored).await),
        ("23503".into(), "fk_resume_versions_application".into())
    );
    let base = format!(
        "insert into resume_versions (user_id, base_flag) values ('{}', true)",
        a.user
    );
    run(&mut db, base)
        .await
        .expect("a base resume needs no application");
    // Nor a task on B's application.
    let task = format!(
        "insert into tasks (user_id, application_id, title) values ('{}', '{}', 't')",
        a.user, b.application
    );
    assert_eq!(
        failure(run(&mut db, task).await).1,
        "fk_tasks_application_id"
    );

    // Deleting the application deletes what hangs off it, tailored resume included.
    run(
        &mut db,
        format!("delete from applications where id = '{}'", a.application),
    )
    .await
    .expect("delete");
    for table in [
        "resume_versions",
        "outreach",
        "events",
        "tasks",
        "artifacts",
    ] {
        assert_eq!(
            count(&mut db, table).await,
            if table == "resume_versions" { 2 } else { 1 },
            "{table}"
        );
    }
}

#[tokio::test]
async fn deleting_a_user_deletes_everything_of_theirs_but_the_audit_trail() {
    let mut db = connect().await;
    let (a, _) = two_users(&mut db).await;
    run(
        &mut db,
        format!("delete from users where id = '{}'", a.user),
    )
    .await
    .expect("delete user");
    for table in USER_OWNED_TABLES {
        let expected = if *table == "audit_logs" { 2 } else { 1 };
        assert_eq!(count(&mut db, table).await, expected, "{table}");
    }
}

#[tokio::test]
async fn auth_functions_work_for_the_app_before_any_user_is_known() {
    let mut db = connect().await;
    let (a, b) = two_users(&mut db).await;
    run(&mut db, format!(
        "update api_tokens set revoked_at = now() - interval '8 days' where user_id = '{}';
         insert into api_tokens (user_id, name, token_hash, expires_at)
           values ('{0}', 'old', '\\x01', now() - interval '1 minute');
         insert into sessions (id, data, expiry_date) values ('gone', '{{}}', now() - interval '1 second'),
                                                             ('live', '{{}}', now() + interval '1 day');
         insert into auth_throttle (key, window_started_at) values ('stale', now() - interval '2 days'),
                                                                  ('fresh', now());",
        b.user
    ))
    .await
    .expect("auth fixtures");

    let mut tx = begin_as_app(&mut db, None).await;
    let found: Option<Uuid> =
        sqlx::query_scalar("select id from auth_find_user_by_email('A@EXAMPLE.com')")
            .fetch_optional(&mut *tx)
            .await
            .expect("find user");
    assert_eq!(found, Some(a.user));
    let token = |user: Uuid| format!("{user}").into_bytes();
    let lookup = "select user_id from auth_find_token(sha256($1))";
    let live: Option<Uuid> = sqlx::query_scalar(lookup)
        .bind(token(a.user))
        .fetch_optional(&mut *tx)
        .await
        .expect("token");
    assert_eq!(live, Some(a.user));
    let revoked: Option<Uuid> = sqlx::query_scalar(lookup)
        .bind(token(b.user))
        .fetch_optional(&mut *tx)
        .await
        .expect("token");
    assert_eq!(revoked, None);
    let expired: Option<Uuid> = sqlx::query_scalar("select user_id from auth_find_token('\\x01')")
        .fetch_optional(&mut *tx)
        .await
        .expect("token");
    assert_eq!(expired, None);
    // Expired session, B's revoked token, the stale throttle window. The expired token (1 minute
    // ago) stays for its grace week.
    let purged: i64 = sqlx::query_scalar("select auth_purge_expired()")
        .fetch_one(&mut *tx)
        .await
        .expect("purge");
    assert_eq!(purged, 3);
    tx.commit().await.expect("commit");

    let used: bool = sqlx::query_scalar(
        "select last_used_at is not null from api_tokens where user_id = $1 and name = 'cli'",
    )
    .bind(a.user)
    .fetch_one(&mut db)
    .await
    .expect("last_used_at");
    assert!(used, "auth_find_token records the use");
}

#[tokio::test]
async fn migrating_a_second_time_is_a_no_op() {
    let url = crate::support::fresh_database().await;
    let pool = jobpilot::db::connect_owner_pool(&url, 1)
        .await
        .expect("connect");
    let applied = "select count(*), max(installed_on)::text from _sqlx_migrations";
    let before: (i64, Option<String>) = sqlx::query_as(applied)
        .fetch_one(&pool)
        .await
        .expect("applied");
    jobpilot::db::migrate(&pool).await.expect("migrate again");
    let after: (i64, Option<String>) = sqlx::query_as(applied)
        .fetch_one(&pool)
        .await
        .expect("applied");
    assert_eq!(before, after);
    assert_eq!(before.0, jobpilot::db::MIGRATOR.iter().count() as i64);
}
