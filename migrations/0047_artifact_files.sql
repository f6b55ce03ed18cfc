-- Files a user uploads to an application (issue 10): offer letters, take-home tasks, cover
-- letters. The bytes live in the object store under `storage_key` (a random uuid, never the
-- user's file name); the row keeps what a download needs and what proves the bytes unchanged.
-- Generated artifacts (spec 3.12) leave these columns null, so every one is nullable, and the
-- checks only bind when a column is set.
alter table artifacts
  add column file_name text,
  add column content_type text,
  add column size_bytes bigint,
  add column sha256 text,
  add column storage_key text,
  add constraint ck_artifacts_kind
    check (kind in ('resume_pdf', 'resume_docx', 'cover_letter', 'notes', 'offer_letter', 'take_home', 'other')),
  add constraint ck_artifacts_size_bytes_nonnegative check (size_bytes >= 0),
  add constraint ck_artifacts_sha256 check (sha256 ~ '^[0-9a-f]{64}$'),
  add constraint ck_artifacts_file_name check (length(file_name) between 1 and 255),
  -- An upload has all of its file columns or none of them.
  add constraint ck_artifacts_upload_complete
    check (num_nulls(file_name, content_type, size_bytes, sha256, storage_key) in (0, 5)),
  add constraint uq_artifacts_storage_key unique (storage_key);

-- idx_artifacts_application_id (0014) serves the per-application list: an application has few files.
