-- Catalog search, second pass (docs/decisions.md, "Catalog search"): the three slow spots left
-- after migration 0034, each measured with EXPLAIN (ANALYZE, BUFFERS) on the 1M-posting catalog.

-- 1. Scoring titles. `posting_titles` is small (5,600 rows in the benchmark), so the planner
-- costs a seq scan below the trigram index and then computes word_similarity for every title
-- (23 ms) where the index answers in 3 ms. A function's SET clause applies while its body is
-- planned, so the index is used without a transaction around the search; the function is not
-- inlined (it has SET clauses), so the setting stays inside it. `below` is the cursor's score
-- (titles above it were read by earlier pages), null on the first page.
create function search_posting_titles(q text, below real, cap integer)
returns table (title text, score real)
language sql stable
set enable_seqscan = off
set search_path = public, pg_temp
as $$
  select pt.title, word_similarity(q, pt.title) as score
  from posting_titles pt
  where q <% pt.title and (below is null or word_similarity(q, pt.title) <= below)
  order by 2 desc, 1
  limit cap
$$;

-- 2. The company-name branch of `q`: the newest open postings of one company, so each matching
-- company is read newest first and stops at the page size instead of scoring all its postings
-- (a misspelled name of a company with 19,000 postings read 20,000 heap blocks). Also serves the
-- `company` filter without `q`. Added (the plain `idx_job_postings_company_id` stays: it serves
-- the foreign key and closed postings).
create index idx_postings_open_company on job_postings
  (company_id, (coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz)) desc, id desc)
  where closed_at is null;

-- 3. Newest first without `q`: the tags join the included filter columns, so a search that
-- filters on tags, remote and salary reads (sort time, id) from an index-only scan and fetches
-- only the page's rows from the heap (it read 14,585 heap rows for 20 hits). Replaces the
-- index of migration 0034 (same key, same name). Tags are included under the size guard of
-- idx_postings_open_title (a btree entry must fit in a third of a page); the few postings with
-- more tags are read through the small index after it.
drop index idx_postings_open_recent;
create index idx_postings_open_recent on job_postings
  ((coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz)) desc, id desc)
  include (posted_at, company_id, remote_flag, salary_min_cents, salary_max_cents, normalized_tags)
  where closed_at is null and cardinality(normalized_tags) <= 24;
create index idx_postings_open_recent_many_tags on job_postings
  ((coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz)) desc, id desc)
  where closed_at is null and cardinality(normalized_tags) > 24;

-- Without statistics on the tag count, the planner estimates `cardinality(normalized_tags) > 24`
-- at one third of the rows, so the many-tags branches walked the newest postings of a whole
-- company (5,279 rows, 49 ms) instead of the empty partial index above (0.2 ms). Expression
-- statistics cost nothing at ingest; the analyze fills them now rather than at autovacuum's
-- next pass.
create statistics stat_postings_tag_count on (cardinality(normalized_tags)) from job_postings;
analyze job_postings;
