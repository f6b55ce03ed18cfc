-- Next-best actions (spec 3.11). The application, when set, must be the same user's.

create table tasks (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  application_id uuid,
  title text not null,
  nudge_type task_type_enum,
  priority priority_enum not null default 'normal',
  due_at timestamptz,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint pk_tasks primary key (id),
  constraint fk_tasks_user_id foreign key (user_id) references users (id) on delete cascade,
  constraint fk_tasks_application_id
    foreign key (user_id, application_id) references applications (user_id, id)
    match simple on delete cascade
);

create index idx_tasks_due on tasks (user_id, completed_at, due_at);
create index idx_tasks_user_open on tasks (user_id, completed_at nulls first);
create index idx_tasks_due_at on tasks (due_at);
create index idx_tasks_application_id on tasks (application_id);

create trigger trg_tasks_set_updated_at before update on tasks
  for each row execute function set_updated_at();
