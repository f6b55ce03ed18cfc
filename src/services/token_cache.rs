//! A per-process cache of API token lookups, kept honest by PostgreSQL notifications.
//!
//! Every API request authenticates its bearer token; without a cache that is a database round
//! trip (and sometimes a write of `last_used_at`) before any real work. Entries live at most
//! [`TTL`]; a trigger on `api_tokens` and `users` sends `NOTIFY jobpilot_auth` whenever a token is
//! revoked, expires early, or its user is deactivated or deleted, and [`listen`] evicts at once.
//! While the notification connection is down nothing is cached or served from the cache, and it is
//! cleared when the connection is back, since a message may have been lost.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use chrono::{DateTime, Utc};
use moka::sync::Cache;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use uuid::Uuid;

/// The longest a cached lookup is trusted without the database being asked again.
pub const TTL: Duration = Duration::from_secs(60);
const CAPACITY: u64 = 100_000;
const CHANNEL: &str = "jobpilot_auth";

#[derive(Clone, Copy, Debug)]
struct Entry {
    token_id: Uuid,
    user_id: Uuid,
    expires_at: Option<DateTime<Utc>>,
}

/// Token hash → (token, user), for live tokens only.
///
/// `generation` counts invalidations. A lookup that read the database before an invalidation
/// must not cache its (possibly revoked) result afterwards: [`TokenCache::insert`] takes the
/// generation seen before the query and drops the entry if any invalidation happened since.
#[derive(Clone)]
pub struct TokenCache {
    entries: Cache<Vec<u8>, Entry>,
    generation: Arc<AtomicU64>,
    /// True only while [`listen`] hears notifications; without them nothing is cached or served.
    listening: Arc<AtomicBool>,
}

impl Default for TokenCache {
    fn default() -> Self {
        let entries = Cache::builder()
            .max_capacity(CAPACITY)
            .time_to_live(TTL)
            .support_invalidation_closures()
            .build();
        Self { entries, generation: Arc::default(), listening: Arc::default() }
    }
}

impl TokenCache {
    /// The (token id, user id) for a hash, if cached and not expired.
    pub fn get(&self, hash: &[u8]) -> Option<(Uuid, Uuid)> {
        if !self.listening.load(Ordering::SeqCst) {
            return None;
        }
        let entry = self.entries.get(hash)?;
        if entry.expires_at.is_some_and(|at| at <= Utc::now()) {
            self.entries.invalidate(hash);
            return None;
        }
        Some((entry.token_id, entry.user_id))
    }

    /// The generation to pass to [`TokenCache::insert`]; read it before querying the database.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Caches a lookup made at `generation`, unless an invalidation has happened since.
    pub fn insert(&self, seen: u64, hash: Vec<u8>, token_id: Uuid, user_id: Uuid, expires_at: Option<DateTime<Utc>>) {
        if self.generation() != seen || !self.listening.load(Ordering::SeqCst) {
            return;
        }
        self.entries.insert(hash.clone(), Entry { token_id, user_id, expires_at });
        // An invalidation that ran between the check and the insert could not see this entry.
        if self.generation() != seen {
            self.entries.invalidate(&hash);
        }
    }

    pub fn forget_token(&self, token_id: Uuid) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let _ = self.entries.invalidate_entries_if(move |_, e| e.token_id == token_id);
    }

    pub fn forget_user(&self, user_id: Uuid) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let _ = self.entries.invalidate_entries_if(move |_, e| e.user_id == user_id);
    }

    pub fn clear(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.entries.invalidate_all();
    }

    fn apply(&self, payload: &str) {
        match payload.split_once(':').and_then(|(kind, id)| Some((kind, id.parse::<Uuid>().ok()?))) {
            Some(("token", id)) => self.forget_token(id),
            Some(("user", id)) => self.forget_user(id),
            _ => {
                tracing::warn!(payload, "unexpected auth notification; clearing the token cache");
                self.clear();
            }
        }
    }
}

/// Evicts cache entries as notifications arrive, until the task is aborted.
pub async fn listen(pool: PgPool, cache: Arc<TokenCache>) {
    loop {
        match listen_once(&pool, &cache).await {
            Ok(()) => tracing::warn!("auth notification connection dropped; reconnecting"),
            Err(error) => tracing::warn!(error = format!("{error:#}"), "auth notifications lost; retrying"),
        }
        cache.listening.store(false, Ordering::SeqCst);
        cache.clear();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn listen_once(pool: &PgPool, cache: &TokenCache) -> anyhow::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Anything cached before the listener was up may have missed its notification.
    cache.clear();
    cache.listening.store(true, Ordering::SeqCst);
    // `try_recv` gives `None` when the connection dropped. Rather than let it re-listen lazily,
    // start over, so the cache is cleared only once `LISTEN` is active again.
    while let Some(notification) = listener.try_recv().await? {
        cache.apply(notification.payload());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_evict_by_token_and_by_user() {
        let cache = TokenCache::default();
        cache.listening.store(true, Ordering::SeqCst);
        let (token, user) = (Uuid::new_v4(), Uuid::new_v4());
        cache.insert(cache.generation(), vec![1], token, user, None);
        cache.insert(cache.generation(), vec![2], Uuid::new_v4(), user, None);
        cache.apply(&format!("token:{token}"));
        cache.entries.run_pending_tasks();
        assert!(cache.get(&[1]).is_none());
        assert!(cache.get(&[2]).is_some());
        cache.apply(&format!("user:{user}"));
        cache.entries.run_pending_tasks();
        assert!(cache.get(&[2]).is_none());
    }

    #[test]
    fn an_expired_entry_is_not_served() {
        let cache = TokenCache::default();
        cache.listening.store(true, Ordering::SeqCst);
        cache.insert(cache.generation(), vec![1], Uuid::new_v4(), Uuid::new_v4(), Some(Utc::now() - chrono::Duration::seconds(1)));
        assert!(cache.get(&[1]).is_none());
    }

    #[test]
    fn without_a_notification_listener_nothing_is_cached() {
        let cache = TokenCache::default();
        cache.insert(cache.generation(), vec![1], Uuid::new_v4(), Uuid::new_v4(), None);
        assert!(cache.get(&[1]).is_none());
    }

    #[test]
    fn a_lookup_that_raced_an_invalidation_is_not_cached() {
        let cache = TokenCache::default();
        cache.listening.store(true, Ordering::SeqCst);
        let seen = cache.generation();
        let token = Uuid::new_v4();
        cache.forget_token(token);
        cache.insert(seen, vec![1], token, Uuid::new_v4(), None);
        assert!(cache.get(&[1]).is_none());
    }
}
