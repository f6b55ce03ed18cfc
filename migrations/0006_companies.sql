-- Canonical company registry, a global catalog (spec 3.4).

create table companies (
  id uuid not null default gen_random_uuid(),
  name text not null,
  domain citext,
  linkedin_company_id text,
  size_range text,
  industry text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_companies primary key (id),
  constraint uq_companies_domain unique (domain),
  constraint uq_companies_linkedin_company_id unique (linkedin_company_id)
);

create index idx_companies_lower_name on companies (lower(name));
create index idx_companies_name_trgm on companies using gin (name gin_trgm_ops);

create trigger trg_companies_set_updated_at before update on companies
  for each row execute function set_updated_at();
