-- The resume version sent with an application (issue 10, §6): the user's own, and either their
-- base resume or one made for this application's posting (checked by the service, which can say
-- which rule failed). The foreign key through (user_id, id) makes another user's version
-- impossible even for the system role; deleting the version clears the link, not the application.
alter table resume_versions add constraint uq_resume_versions_user_id_id unique (user_id, id);
alter table applications
  add column resume_version_id uuid,
  add constraint fk_applications_resume_version
    foreign key (user_id, resume_version_id) references resume_versions (user_id, id)
    on delete set null (resume_version_id);
create index idx_applications_resume_version_id on applications (resume_version_id) where resume_version_id is not null;
