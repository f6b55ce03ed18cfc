-- One agent action, for traceability (spec 3.15).

create table model_runs (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  agent agent_enum not null,
  tool text,
  input_ref text,
  output_ref text,
  tokens_in int,
  tokens_out int,
  latency_ms int,
  success_flag boolean not null default true,
  created_at timestamptz not null default now(),
  constraint pk_model_runs primary key (id),
  constraint fk_model_runs_user_id foreign key (user_id) references users (id) on delete cascade
);

-- Also serves as the user_id index.
create index idx_runs_user_time on model_runs (user_id, created_at desc);
