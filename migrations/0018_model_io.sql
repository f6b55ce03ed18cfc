-- The messages of a model run (spec 3.15).

create table model_io (
  id uuid not null default gen_random_uuid(),
  model_run_id uuid not null,
  role text not null,
  content jsonb not null,
  created_at timestamptz not null default now(),
  constraint pk_model_io primary key (id),
  constraint fk_model_io_model_run_id
    foreign key (model_run_id) references model_runs (id) on delete cascade
);

create index idx_model_io_model_run_id on model_io (model_run_id);
