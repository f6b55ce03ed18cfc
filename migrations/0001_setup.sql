-- Extensions, shared helpers and the application role.

create extension if not exists citext;
create extension if not exists pg_trgm;

-- Keeps updated_at current on every update (attached per table by later migrations).
create or replace function set_updated_at() returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

-- The role the web app runs as. Roles are cluster-wide, so other databases on the same cluster
-- (for example concurrently created test databases) may already have created it, or be creating
-- it right now: both outcomes are fine.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'jobpilot_app') then
    begin
      create role jobpilot_app nologin nosuperuser nobypassrls noinherit;
    exception
      when duplicate_object or unique_violation then null;
    end;
  end if;
  if exists (select 1 from pg_roles
             where rolname = 'jobpilot_app' and (rolsuper or rolbypassrls)) then
    raise exception 'role jobpilot_app must not be superuser nor bypass row-level security';
  end if;
  -- A non-superuser migrating role needs membership to `set role jobpilot_app`.
  if not pg_has_role(current_user, 'jobpilot_app', 'member') then
    begin
      execute format('grant jobpilot_app to %I', current_user);
    exception
      when duplicate_object or unique_violation then null;
    end;
  end if;
end;
$$;

grant usage on schema public to jobpilot_app;

-- Everything the migrating role creates from now on is usable (not owned) by the app role.
alter default privileges in schema public
  grant select, insert, update, delete on tables to jobpilot_app;
alter default privileges in schema public
  grant usage, select on sequences to jobpilot_app;
alter default privileges in schema public
  grant execute on functions to jobpilot_app;

-- The user row-level security policies compare against; null when no user is set.
create or replace function app_current_user_id() returns uuid
language sql
stable
as $$
  select nullif(current_setting('app.user_id', true), '')::uuid
$$;

grant execute on function set_updated_at() to jobpilot_app;
grant execute on function app_current_user_id() to jobpilot_app;
