-- Catalog truth (issue 8): one company per real company, one row per real posting, and where
-- each salary came from. Merges the duplicates existing installations already hold, keeping
-- users' applications pointing at the surviving rows.

-- ---------------------------------------------------------------------------------------------
-- Companies: one key for names that differ only in case, punctuation or a legal suffix.

-- The comparison key of a company name or board slug: lower-cased, dots dropped (so "S.A." and
-- "L.L.C." read as words), legal-form words at the end removed (up to three: "GmbH & Co. KG"),
-- then every character that is not a letter or digit removed, so "Anthropic, PBC", "anthropic"
-- and "ANTHROPIC" share "anthropic", and the slug "scaleai" meets "Scale AI". A name made only
-- of a legal form keeps it. The only implementation: ingest looks companies up through it.
create function company_name_key(name text) returns text
language plpgsql immutable parallel safe as $$
declare
  words text := trim(regexp_replace(replace(lower(name), '.', ''), '[^[:alnum:]]+', ' ', 'g'));
  legal constant text := '\s+(inc|incorporated|llc|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|bv|nv|'
    'plc|pbc|corp|corporation|co|company|pty|pte|oy|oyj|ab|asa|aps|kk|lp|llp|se|kg|ug)$';
  shorter text;
begin
  for i in 1..3 loop
    shorter := regexp_replace(words, legal, '');
    exit when shorter = words or shorter = '';
    words := shorter;
  end loop;
  return nullif(replace(words, ' ', ''), '');
end
$$;

-- Where the display name came from, in rising trust: the board slug (a stand-in until a name is
-- known), a name the user or an export file gave, the board's own payload.
alter table companies
  add column name_source text not null default 'board',
  add constraint ck_companies_name_source check (name_source in ('slug', 'given', 'board')),
  add column name_key text generated always as (company_name_key(name)) stored;

-- ---------------------------------------------------------------------------------------------
-- Postings: where the salary and the record came from.

alter table job_postings
  -- 'structured' (a pay field of the source), 'summary' (the board's pay summary text) or
  -- 'description' (read from the posting's text); null when there is no salary, or for salaries
  -- stored before this migration, whose origin was not kept.
  add column salary_source text,
  add constraint ck_job_postings_salary_source
    check (salary_source in ('structured', 'summary', 'description')),
  -- The words a text salary was read from, so a wrong one can be traced.
  add column salary_evidence text,
  -- The reader whose record the row holds ('greenhouse', 'file', 'jsonld', …): a board's own API
  -- record wins over an export row or a JSON-LD page of the same posting, which only fill gaps.
  add column record_source text;

update job_postings set record_source = case
  when source = 'other' then split_part(source_id, ':', 1)
  else source::text end;

-- ---------------------------------------------------------------------------------------------
-- Merging: a duplicate's fields fill the survivor's gaps, its users' rows move to the survivor.

create function catalog_merge_posting(survivor uuid, duplicate uuid) returns void
language plpgsql as $$
begin
  update job_postings s set
    company_id = coalesce(s.company_id, d.company_id),
    jd_raw = coalesce(s.jd_raw, d.jd_raw),
    jd_clean = coalesce(s.jd_clean, d.jd_clean),
    location = coalesce(s.location, d.location),
    posted_at = coalesce(s.posted_at, d.posted_at),
    normalized_tags = case when s.normalized_tags = '{}' then d.normalized_tags else s.normalized_tags end,
    (salary_min_cents, salary_max_cents, currency, salary_period, salary_source, salary_evidence) =
      (select x.* from (values
        (s.salary_min_cents, s.salary_max_cents, s.currency, s.salary_period, s.salary_source, s.salary_evidence),
        (d.salary_min_cents, d.salary_max_cents, d.currency, d.salary_period, d.salary_source, d.salary_evidence)
      ) as x(a, b, c, e, f, g)
      order by (x.a is null and x.b is null) limit 1)
  from job_postings d
  where s.id = survivor and d.id = duplicate;

  -- A user who tracked both keeps both applications; the duplicate then stays, closed, for them.
  update applications a set job_posting_id = survivor
  where a.job_posting_id = duplicate
    and not exists (select 1 from applications b where b.user_id = a.user_id and b.job_posting_id = survivor);
  update resume_versions r set job_posting_id = survivor
  where r.job_posting_id = duplicate
    and exists (select 1 from applications a where a.user_id = r.user_id and a.job_posting_id = survivor)
    and not exists (select 1 from applications a where a.user_id = r.user_id and a.job_posting_id = duplicate);
  -- Enrichments are derived data: moved when free, else dropped (they are computed again).
  update posting_enrichments e set job_posting_id = survivor
  where e.job_posting_id = duplicate
    and not exists (select 1 from posting_enrichments f where f.user_id = e.user_id and f.job_posting_id = survivor);
  delete from posting_enrichments where job_posting_id = duplicate;

  if exists (select 1 from applications where job_posting_id = duplicate)
     or exists (select 1 from resume_versions where job_posting_id = duplicate) then
    update job_postings set closed_at = coalesce(closed_at, now()) where id = duplicate;
  else
    delete from job_postings where id = duplicate;
  end if;
end
$$;

create function company_name_rank(name_source text) returns int
language sql immutable parallel safe as $$
  select case name_source when 'board' then 3 when 'given' then 2 else 1 end
$$;

create function catalog_merge_company(survivor uuid, duplicate uuid) returns void
language plpgsql as $$
declare
  d companies;
begin
  select * into d from companies where id = duplicate;
  update job_postings set company_id = survivor where company_id = duplicate;
  delete from companies where id = duplicate;
  update companies s set
    name = case when company_name_rank(d.name_source) > company_name_rank(s.name_source)
      then d.name else s.name end,
    name_source = case when company_name_rank(d.name_source) > company_name_rank(s.name_source)
      then d.name_source else s.name_source end,
    domain = coalesce(s.domain, d.domain),
    board_slug = coalesce(s.board_slug, d.board_slug),
    linkedin_company_id = coalesce(s.linkedin_company_id, d.linkedin_company_id),
    industry = coalesce(s.industry, d.industry),
    size_range = coalesce(s.size_range, d.size_range)
  where s.id = survivor;
end
$$;

-- The merge moves applications between postings, which fk_resume_versions_application would
-- refuse mid-way (it is not deferrable); it is checked again, in full, when re-added below.
alter table resume_versions drop constraint fk_resume_versions_application;

create index idx_companies_name_key on companies (name_key);
create index idx_companies_board_slug on companies (lower(board_slug)) where board_slug is not null;

-- 1. Companies: rows sharing a name key, or a board slug (case-insensitively), are one company
--    unless both know different domains. The oldest row survives (it holds the oldest links).
do $$
declare
  pair record;
  merged int := 0;
begin
  loop
    select s.id as survivor, d.id as duplicate into pair
    from companies s
    join companies d on d.id <> s.id
      and (d.name_key = s.name_key
           or (d.board_slug is not null and lower(d.board_slug) = lower(s.board_slug)))
      and (d.domain is null or s.domain is null or d.domain = s.domain)
      and (s.created_at, s.id) < (d.created_at, d.id)
    order by s.created_at, s.id, d.created_at, d.id
    limit 1;
    exit when not found;
    perform catalog_merge_company(pair.survivor, pair.duplicate);
    merged := merged + 1;
  end loop;
  if merged > 0 then
    insert into audit_logs (actor_type, action, entity, entity_id, diff)
    values ('system', 'catalog.merge_companies', 'companies', gen_random_uuid(),
            jsonb_build_object('merged', merged, 'by', 'migration 0038'));
  end if;
end
$$;

-- 2. Postings: an export row or JSON-LD page whose URL names a Greenhouse, Lever or Ashby posting
--    is that posting (the same patterns as src/domain/posting_url.rs, which ingest uses from now
--    on). Merged into the board's row when there is one, else re-keyed to it.
do $$
declare
  row record;
  merged int := 0;
  rekeyed int := 0;
begin
  for row in
    select p.id, k.source, k.source_id
    from job_postings p
    cross join lateral (
      select case
          when m_gh is not null then 'greenhouse'
          when m_lever is not null then 'lever'
          when m_ashby is not null then 'ashby' end as source,
        coalesce(m_gh[1], m_lever[1], m_ashby[1]) as source_id
      from (select
          coalesce(
            regexp_match(p.url, '^https?://(?:job-)?boards(?:\.eu)?\.greenhouse\.io/[^/?#]+/jobs/([0-9]+)', 'i'),
            regexp_match(p.url, '[?&]gh_jid=([0-9]+)', 'i')) as m_gh,
          regexp_match(p.url, '^https?://jobs(?:\.eu)?\.lever\.co/[^/?#]+/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'i') as m_lever,
          regexp_match(p.url, '^https?://jobs\.ashbyhq\.com/[^/?#]+/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', 'i') as m_ashby
        ) m
    ) k
    where p.source = 'other' and split_part(p.source_id, ':', 1) in ('file', 'jsonld')
      and k.source is not null
    order by p.created_at, p.id
  loop
    declare
      board_row uuid;
    begin
      select id into board_row from job_postings
      where source = row.source::provider_enum and source_id = row.source_id;
      if board_row is null then
        update job_postings set source = row.source::provider_enum, source_id = row.source_id
        where id = row.id;
        rekeyed := rekeyed + 1;
      else
        perform catalog_merge_posting(board_row, row.id);
        merged := merged + 1;
      end if;
    end;
  end loop;
  if merged + rekeyed > 0 then
    insert into audit_logs (actor_type, action, entity, entity_id, diff)
    values ('system', 'catalog.merge_postings', 'job_postings', gen_random_uuid(),
            jsonb_build_object('merged', merged, 'rekeyed', rekeyed, 'by', 'migration 0038'));
  end if;
end
$$;

alter table resume_versions add constraint fk_resume_versions_application
  foreign key (user_id, job_posting_id) references applications (user_id, job_posting_id)
  match simple on delete cascade;

-- ---------------------------------------------------------------------------------------------
-- Keys ingest looks companies and postings up by, now that the duplicates are gone.

drop index uq_companies_name_slug;
drop index idx_companies_name_slug_with_domain;
-- One row per name key among companies without a domain: two ingests meeting a new company at
-- once cannot both insert it (the second retries its lookup).
create unique index uq_companies_name_key on companies (name_key) where domain is null;
-- The second key of a posting: its canonical URL (an export row without a recognisable board id
-- meets the row stored under the same URL).
create index idx_job_postings_url on job_postings (url);

-- Find or create the company a posting names, enriching the row it finds: by domain, else by
-- board slug, else by name key (a row with another domain is another company). A name from a
-- more trusted source replaces one from a less trusted (a slug stand-in gives way to the
-- board's name); other fields only fill gaps. Returns null when nothing names a company.
create function catalog_company(
  p_name text, p_name_source text, p_domain text, p_slug text, p_industry text, p_size text
) returns uuid
language plpgsql as $$
declare
  v_given text := nullif(trim(p_name), '');
  -- Without a name the slug stands in, else the domain (a company known only by its website).
  v_name text := coalesce(v_given, nullif(trim(p_slug), ''), nullif(trim(p_domain), ''));
  v_source text := case when v_given is null then 'slug' else p_name_source end;
  v_key text := company_name_key(v_name);
  found companies;
  v_better boolean;
  v_id uuid;
begin
  if p_domain is null and v_key is null then
    return null;
  end if;
  for attempt in 1..3 loop
    found := null;
    if p_domain is not null then
      select * into found from companies where domain = p_domain::citext;
    end if;
    if found.id is null and p_slug is not null then
      select * into found from companies
      where lower(board_slug) = lower(p_slug) and (p_domain is null or domain is null)
      order by created_at, id limit 1;
    end if;
    if found.id is null and v_key is not null then
      select * into found from companies
      where name_key = v_key and (p_domain is null or domain is null)
      order by domain is null, created_at, id limit 1;
    end if;
    begin
      if found.id is null then
        insert into companies (name, name_source, domain, board_slug, industry, size_range)
        values (v_name, v_source, p_domain::citext, p_slug, p_industry, p_size)
        returning id into v_id;
        return v_id;
      end if;
      -- A better name must not collide with another company's key (that row would be this
      -- company too, left for an operator: names alone are not merged at ingest).
      v_better := company_name_rank(v_source) > company_name_rank(found.name_source)
        and v_name is distinct from found.name
        and (found.domain is not null or company_name_key(v_name) = found.name_key
             or not exists (select 1 from companies o
                            where o.id <> found.id and o.domain is null and o.name_key = v_key));
      if v_better
         or (found.domain is null and p_domain is not null)
         or (found.board_slug is null and p_slug is not null)
         or (found.industry is null and p_industry is not null)
         or (found.size_range is null and p_size is not null) then
        update companies c set
          name = case when v_better then v_name else c.name end,
          name_source = case when v_better then v_source else c.name_source end,
          domain = coalesce(c.domain, case when not exists (
              select 1 from companies o where o.domain = p_domain::citext) then p_domain::citext end),
          board_slug = coalesce(c.board_slug, p_slug),
          industry = coalesce(c.industry, p_industry),
          size_range = coalesce(c.size_range, p_size)
        where c.id = found.id;
      end if;
      return found.id;
    exception when unique_violation then
      -- Another ingest inserted this company (or took this domain) first: look again.
    end;
  end loop;
  raise exception 'catalog_company: no stable row for % after 3 tries', v_name;
end
$$;
