-- Catalog search by `q` scores distinct titles, not postings (docs/decisions.md, "Catalog
-- search"): a million postings share a few thousand titles, and every posting of a title has the
-- same title score, so scoring the titles and then reading the newest postings of the best ones
-- does a few hundred trigram comparisons instead of tens of thousands of heap fetches.

-- Every title a posting has had (titles are never removed: a title with no open posting left
-- simply yields no rows). Titles longer than 300 bytes are left out, like the btrees below,
-- because a btree entry must fit in a third of a page and no real job title is that long.
create table posting_titles (
  title text not null,
  constraint pk_posting_titles primary key (title)
);
create index idx_posting_titles_trgm on posting_titles using gin (title gin_trgm_ops);

-- Kept by statement-level triggers with transition tables: ingest writes a batch of postings in
-- one `insert … on conflict do update` statement, and this costs one set-based insert per
-- statement rather than one per row. A transition table serves one event only, hence two
-- triggers (an upsert fires both, each with its own rows).
create function posting_titles_add() returns trigger
language plpgsql as $$
begin
  insert into posting_titles (title)
  select distinct title from changed_postings where octet_length(title) <= 300
  on conflict do nothing;
  return null;
end
$$;

create trigger trg_job_postings_titles_insert after insert on job_postings
  referencing new table as changed_postings
  for each statement execute function posting_titles_add();
create trigger trg_job_postings_titles_update after update on job_postings
  referencing new table as changed_postings
  for each statement execute function posting_titles_add();

insert into posting_titles (title)
select distinct title from job_postings where octet_length(title) <= 300
on conflict do nothing;

-- The newest open postings of one title, in the search's order (sort time as in
-- idx_postings_open_recent, then id). The filters a search combines with `q` are included, so a
-- title's rows are filtered from the index alone (an index-only scan), and only the page's rows
-- are read from the heap. The size guards keep every entry within the btree's limit (a long tag
-- list must not make ingest fail: skill names are up to ~90 characters); the few postings with
-- more tags are found through the small index after it.
create index idx_postings_open_title on job_postings
  (title, (coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz)) desc, id desc)
  include (posted_at, company_id, remote_flag, salary_min_cents, salary_max_cents, normalized_tags)
  where closed_at is null and octet_length(title) <= 300 and cardinality(normalized_tags) <= 24;
create index idx_postings_open_title_many_tags on job_postings (title)
  where closed_at is null and octet_length(title) <= 300 and cardinality(normalized_tags) > 24;

-- Newest first without `q`: the same key as before (migration 0030), now with the fixed-size
-- filter columns, so `remote`, `salary_min`, `company` and `posted_at` are checked in the index
-- and only the rows that pass them are read from the heap (tags and location are not included:
-- their size is unbounded).
drop index idx_postings_open_recent;
create index idx_postings_open_recent on job_postings
  ((coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz)) desc, id desc)
  include (posted_at, company_id, remote_flag, salary_min_cents, salary_max_cents)
  where closed_at is null;
