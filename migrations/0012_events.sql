-- Calendar events of an application (spec 3.10).

create table events (
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  type event_type_enum not null,
  start_at timestamptz,
  end_at timestamptz,
  location text,
  notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_events primary key (id),
  constraint fk_events_application_id
    foreign key (application_id) references applications (id) on delete cascade,
  constraint ck_events_time_order check (end_at is null or start_at is null or end_at > start_at)
);

create index idx_events_application_id on events (application_id);

create trigger trg_events_set_updated_at before update on events
  for each row execute function set_updated_at();
