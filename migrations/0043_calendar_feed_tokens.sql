-- A user's calendar subscription (issue 10): calendar apps fetch the feed without logging in,
-- so the URL carries a random secret of its own (not an API token: it can read events only, and
-- revoking it touches nothing else). The table keeps the secret's SHA-256; one per user; making
-- a new one replaces the old. Read by the system role only, like the unsubscribe tokens.
create table calendar_feed_tokens (
  user_id uuid not null,
  token_hash bytea not null,
  created_at timestamptz not null default now(),
  constraint pk_calendar_feed_tokens primary key (user_id),
  constraint uq_calendar_feed_tokens_token_hash unique (token_hash),
  constraint fk_calendar_feed_tokens_user_id foreign key (user_id) references users (id) on delete cascade
);
revoke all on calendar_feed_tokens from jobpilot_app;
