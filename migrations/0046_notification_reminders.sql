-- Reminders (issue 10): a notification about a task coming due or an event coming up names what
-- it is about (`subject_id`: the task or event) and the time it was about (`subject_at`: the due
-- or start time it announced). One notification per (subject, time, kind), enforced here, is what
-- makes the reminder job idempotent across re-runs and concurrent workers; a task snoozed or an
-- event moved has a new time and so gets a new reminder. Digests have no subject (null).
alter table notifications
  add column subject_id uuid,
  add column subject_at timestamptz,
  add constraint ck_notifications_subject check ((subject_id is null) = (subject_at is null));

create unique index uq_notifications_subject on notifications (subject_id, subject_at, kind)
  where subject_id is not null;

-- The header's unread count on every page reads only unread rows.
create index idx_notifications_user_unread on notifications (user_id) where read_at is null;

-- The reminder scan reads events by start time (tasks already have idx_tasks_due_at).
create index idx_events_start_at on events (start_at) where cancelled_at is null;
