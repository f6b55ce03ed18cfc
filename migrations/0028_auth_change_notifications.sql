-- App servers cache token lookups for a minute. Any change that can end a token's validity —
-- revocation, expiry, deletion, a user deactivated or deleted — notifies them at commit, whatever
-- code or person made it, so a revoked token stops working everywhere within milliseconds.
create function notify_auth_change() returns trigger
language plpgsql
as $$
begin
  if tg_table_name = 'api_tokens' then
    perform pg_notify('jobpilot_auth', 'token:' || old.id::text);
  else
    perform pg_notify('jobpilot_auth', 'user:' || old.id::text);
  end if;
  return null;
end
$$;

create trigger trg_api_tokens_notify_auth
  after update of revoked_at, expires_at, user_id, token_hash or delete on api_tokens
  for each row execute function notify_auth_change();

create trigger trg_users_notify_auth
  after update of status, password_hash or delete on users
  for each row execute function notify_auth_change();
