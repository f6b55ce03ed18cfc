//! A per-process cache of API token lookups, kept honest by PostgreSQL notifications.
//!
//! Every API request authenticates its bearer token; without a cache that is a database round
//! trip (and sometimes a write of `last_used_at`) before any real work. Entries live at most
//! [`TTL`]; a trigger on `api_tokens` and `users` sends `NOTIFY jobpilot_auth` whenever a token is
//! revoked, expires early, or its user is deactivated or deleted, and [`listen`] evicts at once.
//! If the notification connection drops, the whole cache is cleared, since a message may be lost.

use std::sync::Arc;
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
#[derive(Clone)]
pub struct TokenCache {
    entries: Cache<Vec<u8>, Entry>,
}

impl Default for TokenCache {
    fn default() -> Self {
        let entries = Cache::builder()
            .max_capacity(CAPACITY)
            .time_to_live(TTL)
            .support_invalidation_closures()
            .build();
        Self { entries }
    }
}

impl TokenCache {
    /// The (token id, user id) for a hash, if cached and not expired.
    pub fn get(&self, hash: &[u8]) -> Option<(Uuid, Uuid)> {
        let entry = self.entries.get(hash)?;
        if entry.expires_at.is_some_and(|at| at <= Utc::now()) {
            self.entries.invalidate(hash);
            return None;
        }
        Some((entry.token_id, entry.user_id))
    }

    pub fn insert(&self, hash: Vec<u8>, token_id: Uuid, user_id: Uuid, expires_at: Option<DateTime<Utc>>) {
        self.entries.insert(hash, Entry { token_id, user_id, expires_at });
    }

    pub fn forget_token(&self, token_id: Uuid) {
        let _ = self.entries.invalidate_entries_if(move |_, e| e.token_id == token_id);
    }

    pub fn forget_user(&self, user_id: Uuid) {
        let _ = self.entries.invalidate_entries_if(move |_, e| e.user_id == user_id);
    }

    pub fn clear(&self) {
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
        if let Err(error) = listen_once(&pool, &cache).await {
            tracing::warn!(error = format!("{error:#}"), "auth notifications lost; retrying");
        }
        cache.clear();
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

async fn listen_once(pool: &PgPool, cache: &TokenCache) -> anyhow::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Anything cached before the listener was up may have missed its notification.
    cache.clear();
    loop {
        match listener.try_recv().await? {
            Some(notification) => cache.apply(notification.payload()),
            // The connection dropped and will be re-established: messages may be lost meanwhile.
            None => cache.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notifications_evict_by_token_and_by_user() {
        let cache = TokenCache::default();
        let (token, user) = (Uuid::new_v4(), Uuid::new_v4());
        cache.insert(vec![1], token, user, None);
        cache.insert(vec![2], Uuid::new_v4(), user, None);
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
        cache.insert(vec![1], Uuid::new_v4(), Uuid::new_v4(), Some(Utc::now() - chrono::Duration::seconds(1)));
        assert!(cache.get(&[1]).is_none());
    }
}
