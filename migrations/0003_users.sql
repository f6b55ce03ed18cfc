-- Accounts (spec 3.1).

create table users (
  id uuid not null default gen_random_uuid(),
  email citext not null,
  password_hash text,
  auth_provider text,
  plan_tier plan_tier_enum not null default 'free',
  status status_enum not null default 'active',
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_users primary key (id),
  constraint uq_users_email unique (email)
);

create trigger trg_users_set_updated_at before update on users
  for each row execute function set_updated_at();
