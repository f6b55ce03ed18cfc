-- Boards a user registered for the job runner to refresh on a schedule (issue 3, item 6).
-- `kind` + `board` identify the board: a slug for greenhouse/lever/ashby, the URL for `url`.
-- The fetch URL is not stored: it is built at fetch time from the configured API origins.

create table sources (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null,
  board text not null,
  refresh_minutes integer not null default 360,
  next_run_at timestamptz not null default now(),
  last_fetched_at timestamptz,
  last_status text,
  last_error text,
  last_summary jsonb,
  consecutive_failures integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  constraint pk_sources primary key (id),
  constraint fk_sources_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint ck_sources_kind check (kind in ('greenhouse', 'lever', 'ashby', 'url')),
  constraint ck_sources_board check (length(board) between 1 and 2048),
  constraint ck_sources_refresh_minutes check (refresh_minutes between 15 and 10080),
  constraint ck_sources_last_status check (last_status in ('ok', 'failed')),
  constraint ck_sources_consecutive_failures check (consecutive_failures >= 0)
);

-- One live registration per user and board; a deleted one may be registered again.
create unique index uq_sources_user_board on sources (user_id, kind, board) where deleted_at is null;
-- Keyset pagination of a user's list, newest first.
create index idx_sources_user_created on sources (user_id, created_at desc, id desc);
-- The scheduler's scan for due sources.
create index idx_sources_due on sources (next_run_at) where deleted_at is null;

create trigger trg_sources_set_updated_at before update on sources
  for each row execute function set_updated_at();

alter table sources enable row level security;
alter table sources force row level security;
create policy pol_sources_owner on sources
  using (user_id = app_current_user_id())
  with check (user_id = app_current_user_id());

-- Per-host politeness shared by every worker process: a host is claimed (busy_until, a lease that
-- a crashed worker cannot hold forever) for one request at a time, and the next request may start
-- at next_allowed_at. Global like the catalog: no user_id, no row-level security.
create table fetch_hosts (
  host text not null,
  busy_until timestamptz,
  next_allowed_at timestamptz not null default now(),
  constraint pk_fetch_hosts primary key (host)
);
