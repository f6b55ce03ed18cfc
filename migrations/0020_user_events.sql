-- Minimal product analytics (spec 12).

create table user_events (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  name text not null,
  props jsonb not null default '{}',
  created_at timestamptz not null default now(),
  constraint pk_user_events primary key (id),
  constraint fk_user_events_user_id foreign key (user_id) references users (id) on delete cascade
);

create index idx_user_events_user_created on user_events (user_id, created_at desc);
