//! Accounts: sign up, log in (rate-limited), log out.

use std::net::IpAddr;
use std::sync::OnceLock;

use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tokio::sync::Semaphore;
use uuid::Uuid;

use super::tokens::{self, IssuedToken};
use crate::config::Config;
use crate::db::{self, audit, users::User};
use crate::domain::{email, password};
use crate::error::{AppError, AppResult};

/// The saved search every new user starts with (spec §9), until a resume fills it in.
pub const DEFAULT_SEARCH_NAME: &str = "My job search";
const DEFAULT_SEARCH_CRON: &str = "0 5 * * *";

/// Hashing costs ~20 MiB and tens of milliseconds each: run it off the async threads, and at
/// most one per core at a time, so a flood of sign-ups or logins queues instead of exhausting
/// memory with hundreds of parallel hashes.
async fn with_hashing_slot<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    static SLOTS: OnceLock<Semaphore> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZero::get))
    });
    let _slot = slots.acquire().await.map_err(anyhow::Error::new)?;
    Ok(tokio::task::spawn_blocking(work).await.map_err(anyhow::Error::new)?)
}

async fn hash_password(plain: String) -> AppResult<String> {
    Ok(with_hashing_slot(move || password::hash(&plain)).await??)
}

async fn verify_password(plain: String, hash: String) -> AppResult<bool> {
    with_hashing_slot(move || password::verify(&plain, &hash)).await
}

/// Creates a user with an empty profile and a default saved search; optionally issues an API token.
pub async fn sign_up(
    pool: &PgPool,
    config: &Config,
    raw_email: &str,
    plain_password: &str,
    ip: Option<IpAddr>,
    token_name: Option<&str>,
) -> AppResult<(User, Option<IssuedToken>)> {
    let email = email::normalize(raw_email).map_err(|e| AppError::Validation(vec![e]))?;
    password::check_strength(plain_password, &email).map_err(|e| AppError::Validation(vec![e]))?;
    if let Some(ip) = ip {
        // Every valid attempt counts, successful or not: a 409 tells whether an email is taken.
        let mut conn = pool.acquire().await?;
        let key = throttle_key("signup-ip", &ip.to_string());
        count_or_refuse(&mut conn, &key, config.signup_max_per_ip).await?;
    }
    let password_hash = hash_password(plain_password.to_string()).await?;

    let id = Uuid::new_v4();
    let mut tx = db::begin_for_user(pool, id).await?;
    let user = db::users::insert(&mut tx, id, &email, &password_hash).await?;
    db::profiles::insert_empty(&mut tx, id).await?;
    let filters = serde_json::json!({
        "titles": [], "skills": [], "levels": [], "industries": [], "remote_only": true, "geo": []
    });
    let next_run = crate::domain::search_filters::next_run(DEFAULT_SEARCH_CRON, "UTC", chrono::Utc::now());
    db::search_prefs::insert(&mut tx, id, DEFAULT_SEARCH_NAME, &filters, DEFAULT_SEARCH_CRON, "UTC", next_run).await?;
    let token = tokens::issue_if_named(&mut tx, id, token_name, config.token_ttl_days).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(id),
        action: "user.sign_up",
        entity: "users",
        entity_id: id,
        diff: Some(serde_json::json!({ "after": { "email": user.email, "plan_tier": user.plan_tier } })),
        ip,
    })
    .await?;
    tx.commit().await?;
    Ok((user, token))
}

/// Counts an attempt against `key`; a 429 saying how long to wait when the key is locked.
async fn count_or_refuse(conn: &mut sqlx::PgConnection, key: &[u8], max_attempts: i32) -> AppResult<()> {
    match db::throttle::count_attempt(conn, key, max_attempts).await? {
        Some(until) => {
            let wait = (until - chrono::Utc::now()).num_seconds().max(1);
            Err(AppError::TooManyRequests { retry_after_secs: wait as u64 })
        }
        None => Ok(()),
    }
}

fn throttle_key(kind: &str, value: &str) -> Vec<u8> {
    Sha256::digest(format!("{kind}:{value}").as_bytes()).to_vec()
}

/// Checks a login; after too many failures per account or per IP, refuses with 429 for a while.
///
/// Unknown emails and wrong passwords give the same answer in about the same time, so the
/// response never reveals whether an account exists.
pub async fn log_in(
    pool: &PgPool,
    config: &Config,
    raw_email: &str,
    plain_password: &str,
    ip: Option<IpAddr>,
    token_name: Option<&str>,
) -> AppResult<(User, Option<IssuedToken>)> {
    let account_key = throttle_key("email", &raw_email.trim().to_lowercase());
    let ip_key = ip.map(|ip| throttle_key("ip", &ip.to_string()));
    let mut conn = pool.acquire().await?;
    let limits = [
        (Some(&account_key), config.login_max_failures_per_account),
        (ip_key.as_ref(), config.login_max_failures_per_ip),
    ];
    for (key, max_failures) in limits {
        if let Some(key) = key {
            count_or_refuse(&mut conn, key, max_failures).await?;
        }
    }
    // An email that is not even well-formed matches no account: the same answer as a wrong password.
    let credentials = match email::normalize(raw_email) {
        Ok(email) => db::users::find_credentials(&mut conn, &email).await?,
        Err(_) => None,
    };
    let stored_hash = credentials
        .as_ref()
        .and_then(|c| c.password_hash.clone())
        .unwrap_or_else(|| password::decoy_hash().to_string());
    let matches = verify_password(plain_password.to_string(), stored_hash).await?;
    let user_id = match credentials {
        Some(c) if matches && c.status == "active" && c.password_hash.is_some() => c.id,
        // The attempt is already counted against both keys.
        _ => return Err(AppError::BadCredentials),
    };
    db::throttle::clear(&mut conn, &account_key).await?;
    if let Some(key) = &ip_key {
        db::throttle::forgive_attempt(&mut conn, key).await?;
    }
    drop(conn);

    let mut tx = db::begin_for_user(pool, user_id).await?;
    let user = db::users::touch_last_login(&mut tx, user_id).await?;
    let token = tokens::issue_if_named(&mut tx, user_id, token_name, config.token_ttl_days).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(user_id),
        action: "user.log_in",
        entity: "users",
        entity_id: user_id,
        diff: Some(serde_json::json!({ "after": { "last_login_at": user.last_login_at,
            "api_token_id": token.as_ref().map(|t| t.info.id) } })),
        ip,
    })
    .await?;
    tx.commit().await?;
    Ok((user, token))
}

/// Records the end of a web session (the caller deletes the session itself).
pub async fn log_out(pool: &PgPool, user_id: Uuid, ip: Option<IpAddr>) -> AppResult<()> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    audit::record(&mut tx, audit::AuditEntry {
        actor: audit::Actor::User(user_id),
        action: "user.log_out",
        entity: "users",
        entity_id: user_id,
        diff: None,
        ip,
    })
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The current user and their unread notification count (what every page's header shows).
pub async fn me_with_unread(pool: &PgPool, user_id: Uuid) -> AppResult<(User, i64)> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let found = db::users::find_with_unread(&mut tx, user_id).await?.ok_or(AppError::Unauthorized)?;
    db::end_read(tx);
    Ok(found)
}

/// The current user.
pub async fn me(pool: &PgPool, user_id: Uuid) -> AppResult<User> {
    let mut tx = db::begin_for_user(pool, user_id).await?;
    let user = db::users::find(&mut tx, user_id).await?.ok_or(AppError::Unauthorized)?;
    db::end_read(tx);
    Ok(user)
}
