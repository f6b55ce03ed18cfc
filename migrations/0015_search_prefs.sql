-- Saved searches and their schedules (spec 3.13).

create table search_prefs (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  name text not null,
  filters jsonb not null default '{}',
  schedule_cron text,
  timezone text,
  last_run_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_search_prefs primary key (id),
  constraint fk_search_prefs_user_id foreign key (user_id) references users (id) on delete cascade,
  -- Also serves as the user_id index.
  constraint uq_search_prefs_user_name unique (user_id, name)
);

create trigger trg_search_prefs_set_updated_at before update on search_prefs
  for each row execute function set_updated_at();
