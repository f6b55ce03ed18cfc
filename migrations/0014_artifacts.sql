-- Generated files attached to an application (spec 3.12).

create table artifacts (
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  kind text not null,
  storage_url text,
  metadata jsonb not null default '{}',
  created_at timestamptz not null default now(),
  constraint pk_artifacts primary key (id),
  constraint fk_artifacts_application_id
    foreign key (application_id) references applications (id) on delete cascade
);

create index idx_artifacts_application_id on artifacts (application_id);
