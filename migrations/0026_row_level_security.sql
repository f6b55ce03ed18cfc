-- Row-level security on every user-owned table: a role without BYPASSRLS (the app role, and the
-- owner too, since it is forced) sees and writes only the rows of app_current_user_id(), and no
-- rows at all when no user is set. companies and job_postings are the shared catalog; sessions and
-- auth_throttle are read before any user is known: none of those four has row-level security.

alter table users enable row level security;
alter table users force row level security;
create policy pol_users_self on users
  using (id = app_current_user_id())
  with check (id = app_current_user_id());

-- Tables with their own user_id column.
do $$
declare
  t text;
begin
  foreach t in array array[
    'profiles', 'integration_accounts', 'posting_enrichments', 'applications', 'resume_versions',
    'tasks', 'search_prefs', 'notifications', 'model_runs', 'user_events', 'subscriptions',
    'api_tokens'
  ] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy %I on %I using (user_id = app_current_user_id()) '
      'with check (user_id = app_current_user_id())',
      'pol_' || t || '_owner', t);
  end loop;
end;
$$;

-- Tables owned through their application.
do $$
declare
  t text;
begin
  foreach t in array array['outreach', 'events', 'artifacts'] loop
    execute format('alter table %I enable row level security', t);
    execute format('alter table %I force row level security', t);
    execute format(
      'create policy %I on %I '
      'using (exists (select 1 from applications a '
      '  where a.id = application_id and a.user_id = app_current_user_id())) '
      'with check (exists (select 1 from applications a '
      '  where a.id = application_id and a.user_id = app_current_user_id()))',
      'pol_' || t || '_owner', t);
  end loop;
end;
$$;

-- Owned through its model run.
alter table model_io enable row level security;
alter table model_io force row level security;
create policy pol_model_io_owner on model_io
  using (exists (select 1 from model_runs r
                 where r.id = model_run_id and r.user_id = app_current_user_id()))
  with check (exists (select 1 from model_runs r
                      where r.id = model_run_id and r.user_id = app_current_user_id()));

-- The audit trail: a user reads their own entries and may append entries about themselves (or
-- system entries without an actor); there is no update or delete policy.
alter table audit_logs enable row level security;
alter table audit_logs force row level security;
create policy pol_audit_logs_select on audit_logs
  for select
  using (actor_id = app_current_user_id());
create policy pol_audit_logs_insert on audit_logs
  for insert
  with check (actor_id is null or actor_id = app_current_user_id());
