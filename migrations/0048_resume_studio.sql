-- Resume Studio (issue 11): a version's name, the file it was read from and what the parser
-- could not find; one live base per user; the index the 30-day purge scans.
--
-- The original upload's bytes live in the object store under `storage_key` (a random uuid);
-- the columns mirror artifacts' (0047): all set for an upload, all null for an edited or
-- generated version. `parse_report` keeps the parser's `not_found` and `notes` so the page can
-- keep telling the user what to fill in.
alter table resume_versions
  add column name text,
  add column file_name text,
  add column content_type text,
  add column size_bytes bigint,
  add column sha256 text,
  add column storage_key text,
  add column parse_report jsonb not null default '{}',
  add constraint ck_resume_versions_name check (length(name) between 1 and 200),
  add constraint ck_resume_versions_size_bytes_nonnegative check (size_bytes >= 0),
  add constraint ck_resume_versions_sha256 check (sha256 ~ '^[0-9a-f]{64}$'),
  add constraint ck_resume_versions_upload_complete
    check (num_nulls(file_name, content_type, size_bytes, sha256, storage_key) in (0, 5)),
  add constraint uq_resume_versions_storage_key unique (storage_key);

-- At most one live base version per user. A soft-deleted base keeps its flag (so a restore
-- knows what it was) and is left out, so deleting the base frees the place for another.
create unique index ux_resume_versions_one_base on resume_versions (user_id) where base_flag and deleted_at is null;

-- The purge finds versions deleted more than 30 days ago without reading every row.
create index idx_resume_versions_deleted_at on resume_versions (deleted_at) where deleted_at is not null;
