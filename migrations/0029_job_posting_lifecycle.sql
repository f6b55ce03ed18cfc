-- Catalog ingest: postings that leave their board, one company row per board, the pay period.

-- A posting gone from its board's list is closed, not deleted: applications and enrichments may
-- still point at it, and it reopens (closed_at back to null) if the board lists it again.
alter table job_postings add column closed_at timestamptz;

-- The salary is stored as the source gives it (an hourly rate stays hourly); null = not said.
alter table job_postings add column salary_period text,
  add constraint ck_job_postings_salary_period
    check (salary_period in ('hour', 'day', 'week', 'month', 'year'));

-- The board's company slug (`replit` in jobs.ashbyhq.com/replit).
alter table companies add column board_slug text;

-- Canonical company: by domain when known (uq_companies_domain); otherwise by case-folded name
-- plus board slug, so two boards of one company name and slug share a row while two unrelated
-- companies that merely share a name on different boards do not. Partial on `domain is null`, so
-- the two keys never compete for one insert (an upsert can name only one conflict target).
create unique index uq_companies_name_slug
  on companies (lower(name), coalesce(board_slug, '')) where domain is null;
