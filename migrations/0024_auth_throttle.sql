-- Login throttling. No row-level security: keys are hashes of an IP address or e-mail.

create table auth_throttle (
  key text not null,
  failures int not null default 0,
  window_started_at timestamptz not null default now(),
  locked_until timestamptz,
  constraint pk_auth_throttle primary key (key),
  constraint ck_auth_throttle_failures_nonnegative check (failures >= 0)
);
