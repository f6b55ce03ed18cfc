-- OAuth connections; tokens are sealed by the app before they get here (spec 3.3).

create table integration_accounts (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  provider provider_enum not null,
  external_user_id text,
  scopes text[] not null default '{}',
  token_encrypted text,
  refresh_token_encrypted text,
  expires_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_integration_accounts primary key (id),
  constraint fk_integration_accounts_user_id foreign key (user_id) references users (id) on delete cascade,
  -- Also serves as the user_id index.
  constraint uq_integration_accounts_user_provider unique (user_id, provider)
);

create trigger trg_integration_accounts_set_updated_at before update on integration_accounts
  for each row execute function set_updated_at();
