//! Generates the benchmark's users directly in SQL (hashing 10,000 passwords would take minutes
//! and measure nothing the benchmark is about).

use jobpilot::domain::password;
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

/// Creates `count` users, each with a profile, a saved search and a live API token; returns the tokens.
pub async fn users_with_tokens(owner: &PgPool, count: usize) -> anyhow::Result<Vec<String>> {
    let hash = password::hash("bench-password-not-for-login")?;
    let mut tokens = Vec::with_capacity(count);
    let mut hashes = Vec::with_capacity(count);
    let mut emails = Vec::with_capacity(count);
    for n in 0..count {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        let token = format!("jp_bench{}", hex::encode(bytes));
        hashes.push(Sha256::digest(token.as_bytes()).to_vec());
        tokens.push(token);
        emails.push(format!("user{n}@bench.example"));
    }
    sqlx::query(
        "with new_users as (
             insert into users (email, password_hash)
             select e, $2 from unnest($1::text[]) as e returning id, email
         ), numbered as (
             select id, row_number() over (order by email) as n from new_users
         ), tokens as (
             -- Any one-to-one pairing of users and tokens will do.
             select h, n from unnest($3::bytea[]) with ordinality as t(h, n)
         ), p as (
             insert into profiles (user_id, headline, skills) select id, 'Engineer', '{rust,sql}' from numbered
         ), s as (
             insert into search_prefs (user_id, name, filters, schedule_cron, timezone)
             select id, 'My job search', '{}', '0 5 * * *', 'UTC' from numbered
         )
         insert into api_tokens (user_id, name, token_hash, expires_at)
         select numbered.id, 'bench', tokens.h, now() + interval '1 day'
         from numbered join tokens using (n)",
    )
    .bind(&emails)
    .bind(&hash)
    .bind(&hashes)
    .execute(owner)
    .await?;
    Ok(tokens)
}
