-- Billing (spec 3.17).

create table subscriptions (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  plan_tier plan_tier_enum not null default 'free',
  status text not null,
  renews_at timestamptz,
  cancel_at timestamptz,
  provider_customer_id text,
  provider_sub_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_subscriptions primary key (id),
  constraint fk_subscriptions_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint uq_subscriptions_provider_sub_id unique (provider_sub_id)
);

create index idx_subscriptions_user_id on subscriptions (user_id);

create trigger trg_subscriptions_set_updated_at before update on subscriptions
  for each row execute function set_updated_at();
