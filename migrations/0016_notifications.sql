-- In-app and email pushes (spec 3.14).

create table notifications (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null,
  payload jsonb not null default '{}',
  read_at timestamptz,
  created_at timestamptz not null default now(),
  constraint pk_notifications primary key (id),
  constraint fk_notifications_user_id foreign key (user_id) references users (id) on delete cascade
);

create index idx_notifications_user_created on notifications (user_id, created_at desc);
