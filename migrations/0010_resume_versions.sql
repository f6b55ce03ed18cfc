-- Base and tailored resumes (spec 3.8), soft-deletable (spec 8).
--
-- A tailored resume (job_posting_id set) must belong to the user who tracks that posting
-- (spec 6): the composite key points at the user's application for it. MATCH SIMPLE leaves a
-- base resume (job_posting_id null) unconstrained.

create table resume_versions (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  base_flag boolean not null default false,
  job_posting_id uuid,
  doc_url text,
  sections_json jsonb not null default '{}',
  ats_score int,
  keywords text[] not null default '{}',
  diff_from_base jsonb,
  deleted_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_resume_versions primary key (id),
  constraint fk_resume_versions_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint fk_resume_versions_job_posting_id
    foreign key (job_posting_id) references job_postings (id) on delete restrict,
  constraint fk_resume_versions_application
    foreign key (user_id, job_posting_id) references applications (user_id, job_posting_id)
    match simple on delete cascade,
  constraint ck_resume_versions_ats_score check (ats_score is null or ats_score between 0 and 100)
);

-- Also the user_id index and the index behind fk_resume_versions_application.
create index idx_resume_versions_user_posting on resume_versions (user_id, job_posting_id);
create index idx_resume_versions_job_posting_id on resume_versions (job_posting_id);
create index idx_resume_versions_base on resume_versions (user_id, base_flag) where base_flag;

create trigger trg_resume_versions_set_updated_at before update on resume_versions
  for each row execute function set_updated_at();
