-- Model runs as users read them back (issue 11): why the configured engine failed when the
-- deterministic one answered instead, and the order of a run's messages (every message of a run
-- is written in one transaction, so created_at alone cannot order them; a run has a few dozen
-- messages at most, which idx_model_io_model_run_id finds and a sort orders).

alter table model_runs add column error text;

alter table model_io add column seq int not null default 0;
