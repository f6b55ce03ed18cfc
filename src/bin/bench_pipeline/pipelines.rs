//! Generates every bench user's pipeline in set-based SQL: N applications each over distinct
//! postings, spread over the stages as a real search is (most cards early, few offers), each with
//! its stage history, and events, tasks and messages on a share of them. Deterministic: the same
//! counts always give the same rows.

use std::time::Instant;

use sqlx::PgPool;

/// Inserts `per_user` applications for every user, with their history, events, tasks and outreach.
pub async fn generate(owner: &PgPool, per_user: i64) -> anyhow::Result<()> {
    let started = Instant::now();
    let postings: i64 = sqlx::query_scalar("select count(*) from job_postings").fetch_one(owner).await?;
    // Step 37 through the numbered postings keeps a user's picks distinct while 37 x N fits.
    anyhow::ensure!(postings > per_user * 37, "need more than {} postings for {per_user} applications each", per_user * 37);
    let mut tx = owner.begin().await?;
    sqlx::query("create temporary table bench_users on commit drop as select id, (row_number() over (order by id) - 1)::bigint as n from users")
        .execute(&mut *tx)
        .await?;
    sqlx::query("create temporary table bench_postings on commit drop as select id, (row_number() over (order by id) - 1)::bigint as n from job_postings")
        .execute(&mut *tx)
        .await?;
    sqlx::query("create index on bench_postings (n)").execute(&mut *tx).await?;
    let inserted = sqlx::query(
        "with picks as (
             select u.id as user_id, p.id as posting_id, abs(hashtext(u.n || ':' || k)) as h
               from bench_users u
               cross join generate_series(0, $1 - 1) k
               join bench_postings p on p.n = (u.n * 7919 + k * 37) % $2)
         insert into applications (user_id, job_posting_id, stage, source_label, created_at, updated_at)
         select user_id, posting_id,
                (case when h % 100 < 30 then 'prospect' when h % 100 < 60 then 'applied'
                      when h % 100 < 72 then 'screen' when h % 100 < 82 then 'interview'
                      when h % 100 < 85 then 'offer' when h % 100 < 98 then 'rejected' else 'accepted' end)::stage_enum,
                'Bench', now() - ((h / 100) % 120) * interval '1 day', now() - ((h / 100) % 120) * interval '1 day' + interval '3 days'
           from picks",
    )
    .bind(per_user)
    .bind(postings)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    sqlx::query("update applications set applied_at = created_at + interval '2 days' where stage not in ('prospect', 'rejected')")
        .execute(&mut *tx)
        .await?;
    // The stage each was created in, and the move to where it stands now.
    sqlx::query(
        "insert into application_stage_changes (user_id, application_id, from_stage, to_stage, changed_at)
         select user_id, id, null::stage_enum, 'prospect'::stage_enum, created_at from applications
         union all
         select user_id, id, 'prospect'::stage_enum, stage, created_at + interval '2 days' from applications where stage <> 'prospect'",
    )
    .execute(&mut *tx)
    .await?;
    // Screens, interviews and offers have a date each (some past, some coming); interviews two.
    let events = sqlx::query(
        "insert into events (application_id, type, start_at, end_at, location)
         select a.id, (case a.stage when 'screen' then 'phone_screen' when 'offer' then 'offer_call' else 'interview' end)::event_type_enum,
                date_trunc('hour', now()) + ((abs(hashtext(a.id::text)) % 30) - 10 + r) * interval '1 day',
                date_trunc('hour', now()) + ((abs(hashtext(a.id::text)) % 30) - 10 + r) * interval '1 day' + interval '1 hour',
                'Video call'
           from applications a cross join generate_series(0, 1) r
          where a.stage in ('screen', 'interview', 'offer') and (r = 0 or a.stage = 'interview')",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // A task on every third application, a third of those done.
    let tasks = sqlx::query(
        "insert into tasks (user_id, application_id, title, priority, due_at, completed_at)
         select user_id, id, 'Follow up with the recruiter',
                (array['low', 'normal', 'high', 'urgent'])[1 + abs(hashtext(id::text)) % 4]::priority_enum,
                now() + ((abs(hashtext(id::text)) % 14) - 4) * interval '1 day',
                case when abs(hashtext(id::text)) % 3 = 0 then now() - interval '1 day' end
           from applications where abs(hashtext(id::text || 't')) % 3 = 0",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // A message on every fourth, at every status.
    let messages = sqlx::query(
        "insert into outreach (application_id, contact_name, channel, status, message_body, sent_at)
         select id, 'Sam Rivera', 'email',
                (array['draft', 'queued', 'sent', 'replied', 'bounced'])[1 + abs(hashtext(id::text)) % 5]::outreach_status_enum,
                'Hi Sam, I applied for the role last week and would love to talk.',
                case when abs(hashtext(id::text)) % 5 >= 2 then created_at + interval '3 days' end
           from applications where abs(hashtext(id::text || 'o')) % 4 = 0",
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    tx.commit().await?;
    sqlx::query("analyze").execute(owner).await?;
    println!("generated {inserted} applications ({per_user} per user) with their stage history, {events} events, {tasks} tasks, \
              {messages} messages in {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
