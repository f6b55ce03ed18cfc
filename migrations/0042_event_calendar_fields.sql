-- Events in the user's calendar (issue 10): a calendar client recognises a changed event by its
-- UID (the row id) and a higher SEQUENCE, and removes a cancelled one only when the feed says
-- STATUS:CANCELLED, so a deleted event is kept as cancelled rather than removed.
alter table events
  add column sequence int not null default 0,
  add column cancelled_at timestamptz,
  add constraint ck_events_sequence_nonnegative check (sequence >= 0);
