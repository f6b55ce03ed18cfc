//! The job runner: the purge job end to end, schedule validation, queue setup and the app role.

#[path = "../support/mod.rs"]
mod support;

use std::time::Duration;

use jobpilot::app::AppState;
use jobpilot::config::Config;
use jobpilot::db::{connect_app_pool, connect_owner_pool};
use jobpilot::jobs::{self, Job, PurgeExpiredAuth};
use sqlx::postgres::PgPoolOptions;
use sqlx::{Executor, PgPool};
use tokio::sync::watch;
use tokio::task::JoinHandle;
use uuid::Uuid;

/// Every second, so a test does not wait for the quarter-hour.
const EVERY_SECOND: &str = "* * * * * *";

async fn state_for(db_url: &str, purge_cron: &str) -> AppState {
    let mut config: Config = support::test_config(db_url);
    config.purge_cron = purge_cron.to_string();
    AppState::new(
        connect_app_pool(db_url, 2).await.expect("app pool"),
        connect_owner_pool(db_url, 4).await.expect("system pool"),
        config,
    )
    .expect("state")
}

fn start(state: AppState) -> (watch::Sender<bool>, JoinHandle<anyhow::Result<()>>) {
    let (stop, stopped) = watch::channel(false);
    (stop, tokio::spawn(jobs::run(state, stopped)))
}

async fn stop_and_join(stop: watch::Sender<bool>, runner: JoinHandle<anyhow::Result<()>>) {
    stop.send(true).expect("runner listens");
    let result = tokio::time::timeout(Duration::from_secs(10), runner)
        .await
        .expect("the runner stops within 10 s")
        .expect("the runner does not panic");
    result.expect("the runner returns Ok");
}

/// One user with an expired and a live session, and a token expired 8 days ago and a live one.
async fn seed_auth_state(owner: &PgPool) {
    let user: Uuid =
        sqlx::query_scalar("insert into users (email) values ('purge@example.com') returning id")
            .fetch_one(owner)
            .await
            .expect("insert user");
    owner
        .execute(
            "insert into sessions (id, data, expiry_date) values
               ('expired', '{}', now() - interval '1 hour'),
               ('live', '{}', now() + interval '1 day')",
        )
        .await
        .expect("insert sessions");
    sqlx::query(
        "insert into api_tokens (user_id, name, token_hash, expires_at) values
           ($1, 'expired', '\\x01', now() - interval '8 days'),
           ($1, 'live', '\\x02', now() + interval '30 days')",
    )
    .bind(user)
    .execute(owner)
    .await
    .expect("insert tokens");
}

async fn names_left(owner: &PgPool) -> (Vec<String>, Vec<String>) {
    let sessions = sqlx::query_scalar("select id from sessions order by id")
        .fetch_all(owner)
        .await;
    let tokens = sqlx::query_scalar("select name from api_tokens order by name")
        .fetch_all(owner)
        .await;
    (sessions.expect("sessions"), tokens.expect("tokens"))
}

async fn purge_audits(owner: &PgPool) -> Vec<(String, String, serde_json::Value)> {
    sqlx::query_as(
        "select actor_type, entity, diff from audit_logs where action = 'auth.purge_expired'",
    )
    .fetch_all(owner)
    .await
    .expect("audit rows")
}

#[tokio::test]
async fn the_scheduled_purge_deletes_only_expired_sessions_and_tokens_and_audits_once() {
    let db_url = support::fresh_database().await;
    let owner = connect_owner_pool(&db_url, 2).await.expect("owner pool");
    seed_auth_state(&owner).await;
    let (stop, runner) = start(state_for(&db_url, EVERY_SECOND).await);

    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    while purge_audits(&owner).await.is_empty() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no purge within 20 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Later ticks find nothing to delete, so they must not add audit rows.
    tokio::time::sleep(Duration::from_millis(2500)).await;

    let (sessions, tokens) = names_left(&owner).await;
    assert_eq!(sessions, ["live"]);
    assert_eq!(tokens, ["live"]);
    let audits = purge_audits(&owner).await;
    assert_eq!(audits.len(), 1, "{audits:?}");
    let (actor, entity, diff) = &audits[0];
    assert_eq!((actor.as_str(), entity.as_str()), ("system", "sessions"));
    assert_eq!(diff, &serde_json::json!({ "deleted": 2 }));
    stop_and_join(stop, runner).await;
}

#[tokio::test]
async fn an_invalid_purge_schedule_is_an_error_naming_its_environment_variable() {
    // The schedule is checked before any query, so pools that never connect are enough.
    let lazy = || {
        PgPoolOptions::new()
            .connect_lazy(&support::admin_url())
            .expect("lazy pool")
    };
    let mut config = support::test_config(&support::admin_url());
    config.purge_cron = "every other tuesday".to_string();
    let state = AppState::new(lazy(), lazy(), config).expect("state");
    let (_stop, stopped) = watch::channel(false);

    let result = tokio::time::timeout(Duration::from_secs(5), jobs::run(state, stopped))
        .await
        .expect("fails at once");
    let error = format!("{:#}", result.expect_err("an invalid cron is refused"));
    assert!(error.contains("JOBPILOT_PURGE_CRON"), "{error}");
    assert!(error.contains("every other tuesday"), "{error}");
}

#[tokio::test]
async fn queue_setup_can_run_again_and_the_app_role_can_enqueue_inside_a_transaction() {
    let db_url = support::fresh_database().await;
    let owner = connect_owner_pool(&db_url, 4).await.expect("owner pool");
    // Already run once by the migrations; again, and twice at the same time.
    jobs::setup_queue(&owner).await.expect("second setup");
    let (a, b) = tokio::join!(jobs::setup_queue(&owner), jobs::setup_queue(&owner));
    a.expect("concurrent setup a");
    b.expect("concurrent setup b");

    let mut tx = owner.begin().await.expect("begin");
    tx.execute("set local role jobpilot_app")
        .await
        .expect("become the app role");
    jobs::enqueue(&mut tx, &PurgeExpiredAuth {})
        .await
        .expect("enqueue as the app role");
    assert!(
        jobs::enqueue_once(&mut tx, &PurgeExpiredAuth {}, "k1")
            .await
            .expect("first keyed")
    );
    assert!(
        !jobs::enqueue_once(&mut tx, &PurgeExpiredAuth {}, "k1")
            .await
            .expect("duplicate")
    );
    // The duplicate rolled back only its savepoint: the transaction is still usable.
    let queued: i64 = sqlx::query_scalar("select count(*) from apalis.jobs where job_type = $1")
        .bind(PurgeExpiredAuth::QUEUE)
        .fetch_one(&mut *tx)
        .await
        .expect("count as the app role");
    assert_eq!(queued, 2);
    tx.commit().await.expect("commit");

    let mut tx = owner.begin().await.expect("begin");
    tx.execute("set local role jobpilot_app")
        .await
        .expect("become the app role");
    let history = tx
        .execute("select count(*) from apalis._sqlx_migrations")
        .await;
    assert!(
        history.is_err(),
        "the app role cannot read apalis' migration history"
    );
}

#[tokio::test]
async fn two_schedulers_on_one_database_enqueue_each_tick_once() {
    let db_url = support::fresh_database().await;
    let owner = connect_owner_pool(&db_url, 2).await.expect("owner pool");
    let (stop_a, runner_a) = start(state_for(&db_url, EVERY_SECOND).await);
    let (stop_b, runner_b) = start(state_for(&db_url, EVERY_SECOND).await);
    tokio::time::sleep(Duration::from_millis(3500)).await;
    stop_and_join(stop_a, runner_a).await;
    stop_and_join(stop_b, runner_b).await;

    let (jobs, ticks): (i64, i64) = sqlx::query_as(
        "select count(*), count(distinct idempotency_key) from apalis.jobs where job_type = $1",
    )
    .bind(PurgeExpiredAuth::QUEUE)
    .fetch_one(&owner)
    .await
    .expect("count jobs");
    assert!(ticks >= 2, "both schedulers ran for several ticks: {ticks}");
    assert_eq!(jobs, ticks, "one job per tick");
}

#[tokio::test]
async fn a_failing_job_runs_three_times_and_then_stays_failed() {
    let db_url = support::fresh_database().await;
    let owner = connect_owner_pool(&db_url, 2).await.expect("owner pool");
    // Without its function the purge fails on every attempt.
    owner
        .execute("alter function auth_purge_expired() rename to auth_purge_gone")
        .await
        .expect("rename");
    let mut conn = owner.acquire().await.expect("connection");
    jobs::enqueue(&mut conn, &PurgeExpiredAuth {})
        .await
        .expect("enqueue");
    drop(conn);
    // A schedule that fires once a year keeps the scheduler out of the way.
    let (stop, runner) = start(state_for(&db_url, "0 0 1 1 *").await);

    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    let (status, attempts) = loop {
        let row: (String, i32) = sqlx::query_as("select status, attempts from apalis.jobs")
            .fetch_one(&owner)
            .await
            .expect("the job");
        if row.0 == "Failed" || tokio::time::Instant::now() > deadline {
            break row;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!((status.as_str(), attempts), ("Failed", 3));
    // Failed with no attempts left: the worker must not pick it up again.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let attempts: i32 = sqlx::query_scalar("select attempts from apalis.jobs")
        .fetch_one(&owner)
        .await
        .expect("job");
    assert_eq!(attempts, 3);
    stop_and_join(stop, runner).await;
}
