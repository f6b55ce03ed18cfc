-- Professional profile and preferences (spec 3.2).

create table profiles (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  headline text,
  summary text,
  skills text[] default '{}',
  years_experience int,
  locations text[] default '{}',
  work_auth text,
  salary_min_cents int,
  salary_max_cents int,
  remote_only boolean not null default true,
  job_preferences jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_profiles primary key (id),
  constraint fk_profiles_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint ck_profiles_years_experience check (years_experience >= 0),
  constraint ck_profiles_salary_min_cents_nonnegative check (salary_min_cents >= 0),
  constraint ck_profiles_salary_max_cents_nonnegative check (salary_max_cents >= 0),
  constraint ck_profiles_salary_range
    check (salary_min_cents is null or salary_max_cents is null or salary_min_cents <= salary_max_cents)
);

create index idx_profiles_user_id on profiles (user_id);
create index idx_profiles_skills on profiles using gin (skills);
create index idx_profiles_job_preferences on profiles using gin (job_preferences);

create trigger trg_profiles_set_updated_at before update on profiles
  for each row execute function set_updated_at();
