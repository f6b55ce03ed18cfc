-- Outreach funnel (issue 10): when each message was queued, answered or returned, beside the
-- existing sent_at, so the application page can show the timeline and the funnel its timing.
alter table outreach
  add column queued_at timestamptz,
  add column replied_at timestamptz,
  add column bounced_at timestamptz;
