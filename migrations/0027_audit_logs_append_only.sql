-- The app may never rewrite history: without these privileges an update, delete or truncate
-- fails with "permission denied" instead of silently matching no row.

revoke update, delete, truncate on audit_logs from jobpilot_app;
