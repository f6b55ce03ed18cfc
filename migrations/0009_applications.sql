-- The user's pipeline (spec 3.7), soft-deletable (spec 8).

create table applications (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  job_posting_id uuid,
  stage stage_enum not null default 'prospect',
  status_notes text,
  source_label text,
  applied_at timestamptz,
  deleted_at timestamptz,
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  constraint pk_applications primary key (id),
  constraint fk_applications_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint fk_applications_job_posting_id
    foreign key (job_posting_id) references job_postings (id) on delete restrict,
  -- Also the target of fk_resume_versions_application.
  constraint uq_applications_user_posting unique (user_id, job_posting_id),
  -- Target of fk_tasks_application_id: a task may only point at its own user's application.
  constraint uq_applications_user_id_id unique (user_id, id)
);

create index idx_applications_user_stage on applications (user_id, stage);
create index idx_applications_job_posting_id on applications (job_posting_id);

create trigger trg_applications_set_updated_at before update on applications
  for each row execute function set_updated_at();
