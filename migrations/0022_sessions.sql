-- Server-side web sessions. No row-level security: a session is looked up by its unguessable id
-- before any user is known.

create table sessions (
  id text not null,
  data jsonb not null,
  expiry_date timestamptz not null,
  constraint pk_sessions primary key (id)
);

create index idx_sessions_expiry_date on sessions (expiry_date);
