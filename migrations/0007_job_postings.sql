-- Normalized job postings, de-duplicated by source; a global catalog (spec 3.5).

create table job_postings (
  id uuid not null default gen_random_uuid(),
  company_id uuid,
  source provider_enum,
  source_id text,
  url text not null,
  title text not null,
  jd_raw text,
  jd_clean text,
  location text,
  remote_flag boolean not null default false,
  eligibility_notes text,
  salary_min_cents int,
  salary_max_cents int,
  currency char(3) not null default 'USD',
  normalized_tags text[] not null default '{}',
  posted_at timestamptz,
  scraped_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_job_postings primary key (id),
  constraint fk_job_postings_company_id foreign key (company_id) references companies (id) on delete restrict,
  constraint ck_job_postings_salary_min_cents_nonnegative check (salary_min_cents >= 0),
  constraint ck_job_postings_salary_max_cents_nonnegative check (salary_max_cents >= 0),
  constraint ck_job_postings_salary_range
    check (salary_min_cents is null or salary_max_cents is null or salary_min_cents <= salary_max_cents),
  constraint ck_job_postings_currency check (currency ~ '^[A-Z]{3}$')
);

create unique index ux_posting_source_id on job_postings (source, source_id) where source_id is not null;
create index idx_job_postings_company_id on job_postings (company_id);
create index idx_postings_tags on job_postings using gin (normalized_tags);
create index idx_postings_title_trgm on job_postings using gin (title gin_trgm_ops);

create trigger trg_job_postings_set_updated_at before update on job_postings
  for each row execute function set_updated_at();
