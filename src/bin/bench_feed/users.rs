//! Generates the benchmark's 1,000 job seekers: a profile each (a seniority and role headline,
//! skills of that role's family, years, often a pay wish) and two saved searches (the role and
//! a sibling role, some remote-only, some with a salary floor), plus a live API token for the
//! feed requests. Seeded, so the same count always gives the same people.

use jobpilot::domain::password;
use jobpilot::domain::search_filters::SearchFilters;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, RngCore, SeedableRng};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use uuid::Uuid;

use super::words::{FAMILY_TAGS, ROLES};

const LEVELS: &[(&str, &str, i32)] = &[
    ("Junior ", "Junior", 1), ("", "IC", 4), ("Senior ", "Senior", 7), ("Staff ", "Staff", 10), ("Lead ", "Lead", 9),
];
const ZONES: &[&str] = &["UTC", "America/New_York", "Europe/Berlin", "America/Los_Angeles"];
const PLACES: &[&str] = &["US", "Germany", "UK", "Canada", "Netherlands"];

/// A generated user: its id and the bearer token the feed requests send.
pub struct BenchUser {
    pub id: Uuid,
    pub token: String,
}

/// Inserts `count` users with profiles, two saved searches each and API tokens.
pub async fn create(owner: &PgPool, count: usize) -> anyhow::Result<Vec<BenchUser>> {
    let mut rng = StdRng::seed_from_u64(0x6665_6564);
    let hash = password::hash("bench-password-not-for-login")?;
    let mut users = Vec::with_capacity(count);
    let mut tx = owner.begin().await?;
    for n in 0..count {
        let id = Uuid::from_u128(0xbe4c_0000_0000_0000_0000_0000_0000_0000 | n as u128);
        let (role, family) = *ROLES.choose(&mut rng).expect("roles");
        let (prefix, level, years) = *LEVELS.choose(&mut rng).expect("levels");
        let family_tags: Vec<&str> = FAMILY_TAGS[(family - 1) as usize].split(',').collect();
        let skill_count = rng.random_range(4..=8);
        let skills: Vec<String> = family_tags.choose_multiple(&mut rng, skill_count).map(|s| s.to_string()).collect();
        let pay_wish = rng.random_bool(0.6).then(|| rng.random_range(60_000..180_000) * 100);
        sqlx::query("insert into users (id, email, password_hash) values ($1, $2, $3)")
            .bind(id)
            .bind(format!("seeker{n}@feed-bench.example"))
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "insert into profiles (user_id, headline, skills, years_experience, salary_min_cents, remote_only)
             values ($1, $2, $3, $4, $5, false)",
        )
        .bind(id)
        .bind(format!("{prefix}{role}"))
        .bind(&skills)
        .bind(years + rng.random_range(0..3))
        .bind(pay_wish.map(|p: i64| p as i32))
        .execute(&mut *tx)
        .await?;
        let siblings: Vec<&str> = ROLES.iter().filter(|r| r.1 == family && r.0 != role).map(|r| r.0).collect();
        let second = siblings.choose(&mut rng).copied().unwrap_or(role);
        let zone = *ZONES.choose(&mut rng).expect("zones");
        for (name, titles) in [("Main search", vec![role.to_string()]), ("Also looking", vec![second.to_string()])] {
            let filters = SearchFilters {
                titles,
                skills: Vec::new(),
                levels: vec![level.to_string()],
                remote_only: rng.random_bool(0.35),
                geo: if rng.random_bool(0.2) { vec![PLACES.choose(&mut rng).expect("places").to_string()] } else { vec![] },
                salary_min_cents: rng.random_bool(0.3).then(|| rng.random_range(50_000..150_000) * 100),
                ..SearchFilters::default()
            };
            sqlx::query(
                "insert into search_prefs (user_id, name, filters, schedule_cron, timezone, next_run_at)
                 values ($1, $2, $3, '0 7 * * *', $4, now() + interval '1 day')",
            )
            .bind(id)
            .bind(name)
            .bind(serde_json::to_value(&filters)?)
            .bind(zone)
            .execute(&mut *tx)
            .await?;
        }
        let mut bytes = [0u8; 32];
        rng.fill_bytes(&mut bytes);
        let token = format!("jp_bench{}", hex::encode(bytes));
        sqlx::query("insert into api_tokens (user_id, name, token_hash, expires_at) values ($1, 'bench', $2, now() + interval '1 day')")
            .bind(id)
            .bind(Sha256::digest(token.as_bytes()).to_vec())
            .execute(&mut *tx)
            .await?;
        users.push(BenchUser { id, token });
    }
    tx.commit().await?;
    Ok(users)
}
