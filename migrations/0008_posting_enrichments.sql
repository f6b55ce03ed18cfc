-- Per-user fit score and explanation for a posting (spec 3.6).

create table posting_enrichments (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  job_posting_id uuid not null,
  fit_score int not null,
  fit_factors jsonb not null default '{}',
  salary_estimate_cents int,
  rationale text,
  created_at timestamptz not null default now(),
  constraint pk_posting_enrichments primary key (id),
  constraint fk_posting_enrichments_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint fk_posting_enrichments_job_posting_id
    foreign key (job_posting_id) references job_postings (id) on delete cascade,
  constraint uq_posting_enrichments_user_posting unique (user_id, job_posting_id),
  constraint ck_posting_enrichments_fit_score check (fit_score between 0 and 100),
  constraint ck_posting_enrichments_salary_estimate_cents_nonnegative check (salary_estimate_cents >= 0)
);

-- Named by the spec (section 7); duplicates the unique constraint's index.
create index idx_enrich_user_posting on posting_enrichments (user_id, job_posting_id);
create index idx_posting_enrichments_job_posting_id on posting_enrichments (job_posting_id);
