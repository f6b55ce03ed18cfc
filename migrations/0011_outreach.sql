-- Contact drafts and their statuses (spec 3.9), soft-deletable (spec 8).

create table outreach (
  id uuid not null default gen_random_uuid(),
  application_id uuid not null,
  contact_name text,
  contact_role text,
  contact_profile_url text,
  channel outreach_channel_enum not null,
  status outreach_status_enum not null default 'draft',
  message_body text,
  sent_at timestamptz,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_outreach primary key (id),
  constraint fk_outreach_application_id
    foreign key (application_id) references applications (id) on delete cascade
);

create index idx_outreach_application_id on outreach (application_id);

create trigger trg_outreach_set_updated_at before update on outreach
  for each row execute function set_updated_at();
