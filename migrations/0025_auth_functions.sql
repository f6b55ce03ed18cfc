-- Look-ups that happen before any user is known, so row-level security would hide the rows.
-- SECURITY DEFINER: they run as the migrating role (the schema owner), with a pinned search_path.

create function auth_find_user_by_email(p_email citext)
returns table (id uuid, password_hash text, status status_enum)
language sql
stable
security definer
set search_path = public, pg_temp
as $$
  select u.id, u.password_hash, u.status
  from public.users u
  where u.email = p_email
$$;

-- A live (not revoked, not expired) token by the hash of its secret. Records the use, at most
-- every five minutes so that busy tokens don't rewrite their row on every request.
create function auth_find_token(p_hash bytea)
returns table (token_id uuid, user_id uuid, expires_at timestamptz)
language sql
volatile
security definer
set search_path = public, pg_temp
as $$
  with found as (
    select t.id, t.user_id, t.last_used_at, t.expires_at
    from public.api_tokens t
    join public.users u on u.id = t.user_id and u.status = 'active'
    where t.token_hash = p_hash
      and t.revoked_at is null
      and (t.expires_at is null or t.expires_at > now())
  ), touched as (
    update public.api_tokens t
    set last_used_at = now()
    from found f
    where t.id = f.id
      and (f.last_used_at is null or f.last_used_at < now() - interval '5 minutes')
    returning t.id
  )
  select f.id, f.user_id, f.expires_at from found f
$$;

-- Deletes expired sessions, tokens expired or revoked more than 7 days ago, and throttle windows
-- older than a day that are not locked. Returns the number of rows deleted.
create function auth_purge_expired()
returns bigint
language sql
volatile
security definer
set search_path = public, pg_temp
as $$
  with purged_sessions as (
    delete from public.sessions
    where expiry_date < now()
    returning 1
  ), purged_tokens as (
    delete from public.api_tokens
    where expires_at < now() - interval '7 days'
       or revoked_at < now() - interval '7 days'
    returning 1
  ), purged_throttle as (
    delete from public.auth_throttle
    where window_started_at < now() - interval '1 day'
      and (locked_until is null or locked_until < now())
    returning 1
  )
  select (select count(*) from purged_sessions)
       + (select count(*) from purged_tokens)
       + (select count(*) from purged_throttle)
$$;

revoke all on function auth_find_user_by_email(citext) from public;
revoke all on function auth_find_token(bytea) from public;
revoke all on function auth_purge_expired() from public;
grant execute on function auth_find_user_by_email(citext) to jobpilot_app;
grant execute on function auth_find_token(bytea) to jobpilot_app;
grant execute on function auth_purge_expired() to jobpilot_app;
