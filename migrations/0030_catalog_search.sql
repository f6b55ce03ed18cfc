-- Catalog search (GET /api/v1/postings): the indexes its filters and orderings need.

-- Newest first over open postings, unknown dates last: the expression is the one the search
-- orders by (src/db/catalog_search.rs), with the id as tie-break, so a page is a short index range
-- scan starting at the keyset cursor. Partial, because closed postings are excluded by default.
create index idx_postings_open_recent on job_postings
  ((coalesce(posted_at, '1970-01-01 00:00:00+00'::timestamptz)) desc, id desc)
  where closed_at is null;

-- `location ilike '%berlin%'` (case-insensitive substring) can use a trigram index.
create index idx_postings_location_trgm on job_postings using gin (location gin_trgm_ops);
