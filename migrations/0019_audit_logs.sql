-- Append-only history of state changes (spec 3.16). actor_id has no foreign key on purpose:
-- the history outlives the actor (and system actors have none).

create table audit_logs (
  id uuid not null default gen_random_uuid(),
  actor_type text not null,
  actor_id uuid,
  action text not null,
  entity text not null,
  entity_id uuid not null,
  diff jsonb,
  ip inet,
  created_at timestamptz not null default now(),
  constraint pk_audit_logs primary key (id),
  constraint ck_audit_logs_actor_type check (actor_type in ('user','agent','system'))
);

create index idx_audit_entity on audit_logs (entity, entity_id, created_at);
create index idx_audit_logs_actor_id on audit_logs (actor_id, created_at desc);
