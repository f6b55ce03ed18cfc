-- Rendered resumes (issue 11): a PDF or DOCX made from a resume version is an artifact, but a
-- base resume has no application. An artifact now belongs to exactly one of an application or
-- a resume version; row-level security follows whichever owner it has.
alter table artifacts
  alter column application_id drop not null,
  add column resume_version_id uuid,
  add constraint fk_artifacts_resume_version_id
    foreign key (resume_version_id) references resume_versions (id) on delete cascade,
  add constraint ck_artifacts_one_owner check (num_nonnulls(application_id, resume_version_id) = 1);

-- The per-version file list, and the cascade from a purged version.
create index idx_artifacts_resume_version_id on artifacts (resume_version_id) where resume_version_id is not null;

drop policy pol_artifacts_owner on artifacts;
create policy pol_artifacts_owner on artifacts
  using (
    exists (select 1 from applications a where a.id = application_id and a.user_id = app_current_user_id())
    or exists (select 1 from resume_versions v where v.id = resume_version_id and v.user_id = app_current_user_id()))
  with check (
    exists (select 1 from applications a where a.id = application_id and a.user_id = app_current_user_id())
    or exists (select 1 from resume_versions v where v.id = resume_version_id and v.user_id = app_current_user_id()));
