-- Pipeline tracker, first part (issue 10): every stage an application enters is kept, so the
-- board can say how many days a card has been in its stage and the application page can show
-- its timeline. A row per change, written in the same transaction as the change and its audit row.
create table application_stage_changes (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  application_id uuid not null,
  -- Null for the stage the application was created in.
  from_stage stage_enum,
  to_stage stage_enum not null,
  changed_at timestamptz not null default now(),
  constraint pk_application_stage_changes primary key (id),
  -- Through (user_id, id): a change can only point at its own user's application.
  constraint fk_application_stage_changes_application
    foreign key (user_id, application_id) references applications (user_id, id) on delete cascade
);
create index idx_application_stage_changes_application on application_stage_changes (application_id, changed_at);

alter table application_stage_changes enable row level security;
alter table application_stage_changes force row level security;
create policy pol_application_stage_changes_owner on application_stage_changes
  using (user_id = app_current_user_id()) with check (user_id = app_current_user_id());

-- Applications made before this migration entered their current stage when they were last
-- updated, as far as anyone can tell now.
insert into application_stage_changes (user_id, application_id, from_stage, to_stage, changed_at)
select user_id, id, null, stage, coalesce(applied_at, updated_at, created_at) from applications;
