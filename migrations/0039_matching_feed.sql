-- Matching and the Daily Feed (docs/matching.md): saved searches that run on their own schedule,
-- fit rows that remember which search found them, dismissals, salary benchmarks for estimates,
-- progress of enrichment runs, and digest unsubscribe links.

-- A saved search runs when next_run_at comes (computed by the app from schedule_cron in its time
-- zone, so a DST change moves the UTC time, not the wall-clock time) and only while enabled.
-- last_stats keeps what its last scoring saw: postings scanned, matched, and removed per filter
-- (the feed's "which filter removed the most" hint).
alter table search_prefs
  add column enabled boolean not null default true,
  add column next_run_at timestamptz,
  add column last_stats jsonb not null default '{}';
create index idx_search_prefs_due on search_prefs (next_run_at) where enabled;

-- A fit row is the user's best over their enabled searches; it names the search that gave it.
alter table posting_enrichments
  add column search_pref_id uuid,
  add column updated_at timestamptz not null default now(),
  add constraint fk_posting_enrichments_search_pref_id
    foreign key (search_pref_id) references search_prefs (id) on delete set null;
create trigger trg_posting_enrichments_set_updated_at before update on posting_enrichments
  for each row execute function set_updated_at();
-- The feed: one user's rows, best first. Also serves the (user_id, …) lookups of idx_enrich_user_posting.
create index idx_enrich_user_score on posting_enrichments (user_id, fit_score desc, job_posting_id);

-- Postings a user dismissed from the feed. Kept apart from posting_enrichments, which the system
-- recomputes and may delete: a dismissal is the user's word and outlives any rescoring.
create table feed_dismissals (
  user_id uuid not null,
  job_posting_id uuid not null,
  created_at timestamptz not null default now(),
  constraint pk_feed_dismissals primary key (user_id, job_posting_id),
  constraint fk_feed_dismissals_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint fk_feed_dismissals_job_posting_id
    foreign key (job_posting_id) references job_postings (id) on delete cascade
);
alter table feed_dismissals enable row level security;
alter table feed_dismissals force row level security;
create policy pol_feed_dismissals_owner on feed_dismissals
  using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

-- Pay of comparable postings that state it, per title family, level and currency: the source of
-- salary estimates for postings that state none. Rebuilt whole by the nightly backfill.
create table salary_benchmarks (
  title_family text not null,
  level text not null,
  currency char(3) not null,
  sample_size int not null,
  p25_cents bigint not null,
  median_cents bigint not null,
  p75_cents bigint not null,
  refreshed_at timestamptz not null default now(),
  constraint pk_salary_benchmarks primary key (title_family, level, currency),
  constraint ck_salary_benchmarks_order check (0 <= p25_cents and p25_cents <= median_cents and median_cents <= p75_cents),
  constraint ck_salary_benchmarks_sample check (sample_size > 0)
);
-- Catalog-wide facts like job_postings: readable by every user, written by the system only.
revoke insert, update, delete on salary_benchmarks from jobpilot_app;

-- Every enrichment run (after an ingest batch, for one user, nightly) and how far it got, for
-- the operator (`jobpilot enrichments`).
create table enrichment_runs (
  id uuid not null default gen_random_uuid(),
  kind text not null,
  user_id uuid,
  postings_total int not null default 0,
  postings_done int not null default 0,
  pairs_scored bigint not null default 0,
  rows_written bigint not null default 0,
  rows_removed bigint not null default 0,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  error text,
  constraint pk_enrichment_runs primary key (id),
  constraint ck_enrichment_runs_kind check (kind in ('postings', 'user', 'backfill')),
  constraint fk_enrichment_runs_user_id foreign key (user_id) references users (id) on delete cascade
);
create index idx_enrichment_runs_started on enrichment_runs (started_at desc);
-- Operator data, not any user's: the app role has no business here.
revoke all on enrichment_runs from jobpilot_app;

-- One-click unsubscribe links in digest emails: the link carries a random token, the table its
-- SHA-256 (a leaked table unsubscribes no one). Used without logging in, by the system role.
create table digest_unsubscribe_tokens (
  token_hash bytea not null,
  user_id uuid not null,
  search_pref_id uuid,
  created_at timestamptz not null default now(),
  used_at timestamptz,
  constraint pk_digest_unsubscribe_tokens primary key (token_hash),
  constraint fk_digest_unsubscribe_tokens_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint fk_digest_unsubscribe_tokens_search_pref_id
    foreign key (search_pref_id) references search_prefs (id) on delete cascade
);
revoke all on digest_unsubscribe_tokens from jobpilot_app;

-- Digest email per saved search (on by default; the unsubscribe link turns it off).
alter table search_prefs add column email_digest boolean not null default true;

-- Which engine and model answered an agent's call (the built-in deterministic engine, or an
-- OpenAI-compatible endpoint's model).
alter table model_runs
  add column engine text not null default 'deterministic',
  add column model text;

-- Postings new since a saved search last ran, and undated postings by when they were first seen
-- (the recent-window read of enrichment uses idx_postings_open_recent for dated ones).
create index idx_postings_open_created on job_postings (created_at) where closed_at is null;
create index idx_postings_open_undated on job_postings (created_at desc, id desc)
  where closed_at is null and posted_at is null;
