-- Every enum of the data model (spec section 2), values in the spec's order.

create type stage_enum as enum ('prospect','applied','screen','interview','offer','rejected','accepted');
create type outreach_channel_enum as enum ('linkedin','email');
create type outreach_status_enum as enum ('draft','queued','sent','replied','bounced');
create type event_type_enum as enum ('interview','phone_screen','assessment','deadline','offer_call','other');
create type task_type_enum as enum ('follow_up','research','prep','apply','referral','thank_you');
create type priority_enum as enum ('low','normal','high','urgent');
create type provider_enum as enum ('linkedin','gmail','outlook','google_calendar','greenhouse','lever','ashby','workday','indeed','other');
create type plan_tier_enum as enum ('free','pro','team','enterprise');
create type agent_enum as enum ('orchestrator','job_scout','resume_tailor','optimizer','outreach','tracker_coach');
create type status_enum as enum ('active','inactive');
