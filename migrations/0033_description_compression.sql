-- Descriptions are the bulk of the catalog (a posting's raw HTML plus its clean text, ~9 KB a
-- row). lz4 compresses them several times faster than the default pglz at a similar ratio, and
-- ingest and every re-ingest comparison pay that cost per row.
alter table job_postings
  alter column jd_raw set compression lz4,
  alter column jd_clean set compression lz4;
