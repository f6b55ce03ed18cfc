-- Personal API tokens; only a hash of the secret is stored.

create table api_tokens (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  name text not null,
  token_hash bytea not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  constraint pk_api_tokens primary key (id),
  constraint fk_api_tokens_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint uq_api_tokens_token_hash unique (token_hash)
);

create index idx_api_tokens_user_id on api_tokens (user_id);
