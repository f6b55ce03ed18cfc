//! What the migrations leave in pg_catalog / information_schema.

use sqlx::PgConnection;

use crate::{UNRESTRICTED_TABLES, USER_OWNED_TABLES, connect};

#[rustfmt::skip]
const ENUMS: &[(&str, &[&str])] = &[
    ("stage_enum", &["prospect", "applied", "screen", "interview", "offer", "rejected", "accepted"]),
    ("outreach_channel_enum", &["linkedin", "email"]),
    ("outreach_status_enum", &["draft", "queued", "sent", "replied", "bounced"]),
    ("event_type_enum", &["interview", "phone_screen", "assessment", "deadline", "offer_call", "other"]),
    ("task_type_enum", &["follow_up", "research", "prep", "apply", "referral", "thank_you"]),
    ("priority_enum", &["low", "normal", "high", "urgent"]),
    ("provider_enum", &[
        "linkedin", "gmail", "outlook", "google_calendar", "greenhouse", "lever", "ashby", "workday",
        "indeed", "other",
    ]),
    ("plan_tier_enum", &["free", "pro", "team", "enterprise"]),
    ("agent_enum", &["orchestrator", "job_scout", "resume_tailor", "optimizer", "outreach", "tracker_coach"]),
    ("status_enum", &["active", "inactive"]),
];

/// (index, table, fragments its definition must contain)
#[rustfmt::skip]
const INDEXES: &[(&str, &str, &[&str])] = &[
    ("ux_posting_source_id", "job_postings", &["UNIQUE", "(source, source_id)", "WHERE (source_id IS NOT NULL)"]),
    ("idx_postings_tags", "job_postings", &["USING gin (normalized_tags)"]),
    ("idx_postings_title_trgm", "job_postings", &["USING gin (title gin_trgm_ops)"]),
    ("idx_profiles_skills", "profiles", &["USING gin (skills)"]),
    ("idx_profiles_job_preferences", "profiles", &["USING gin (job_preferences)"]),
    ("idx_companies_name_trgm", "companies", &["USING gin (name gin_trgm_ops)"]),
    ("idx_companies_lower_name", "companies", &["(lower(name))"]),
    ("idx_applications_user_stage", "applications", &["(user_id, stage)"]),
    ("idx_tasks_due", "tasks", &["(user_id, completed_at, due_at)"]),
    ("idx_tasks_user_open", "tasks", &["(user_id, completed_at NULLS FIRST)"]),
    ("idx_tasks_due_at", "tasks", &["(due_at)"]),
    ("idx_enrich_user_posting", "posting_enrichments", &["(user_id, job_posting_id)"]),
    ("idx_runs_user_time", "model_runs", &["(user_id, created_at DESC)"]),
    ("idx_audit_entity", "audit_logs", &["(entity, entity_id, created_at)"]),
    ("idx_resume_versions_base", "resume_versions", &["(user_id, base_flag) WHERE base_flag"]),
    ("idx_outreach_application_id", "outreach", &["(application_id)"]),
    ("idx_events_application_id", "events", &["(application_id)"]),
    ("idx_artifacts_application_id", "artifacts", &["(application_id)"]),
    ("idx_model_io_model_run_id", "model_io", &["(model_run_id)"]),
    ("idx_api_tokens_user_id", "api_tokens", &["(user_id)"]),
    ("idx_sessions_expiry_date", "sessions", &["(expiry_date)"]),
];

/// (constraint, table, contype: u unique, c check, f foreign key)
#[rustfmt::skip]
const CONSTRAINTS: &[(&str, &str, &str)] = &[
    ("uq_users_email", "users", "u"),
    ("uq_search_prefs_user_name", "search_prefs", "u"),
    ("uq_applications_user_posting", "applications", "u"),
    ("uq_posting_enrichments_user_posting", "posting_enrichments", "u"),
    ("uq_integration_accounts_user_provider", "integration_accounts", "u"),
    ("uq_companies_domain", "companies", "u"),
    ("uq_companies_linkedin_company_id", "companies", "u"),
    ("uq_api_tokens_token_hash", "api_tokens", "u"),
    ("ck_profiles_salary_min_cents_nonnegative", "profiles", "c"),
    ("ck_profiles_salary_max_cents_nonnegative", "profiles", "c"),
    ("ck_job_postings_salary_min_cents_nonnegative", "job_postings", "c"),
    ("ck_job_postings_salary_max_cents_nonnegative", "job_postings", "c"),
    ("ck_posting_enrichments_salary_estimate_cents_nonnegative", "posting_enrichments", "c"),
    ("ck_profiles_salary_range", "profiles", "c"),
    ("ck_job_postings_salary_range", "job_postings", "c"),
    ("ck_posting_enrichments_fit_score", "posting_enrichments", "c"),
    ("ck_resume_versions_ats_score", "resume_versions", "c"),
    ("ck_events_time_order", "events", "c"),
    ("ck_profiles_years_experience", "profiles", "c"),
    ("ck_job_postings_currency", "job_postings", "c"),
    ("ck_artifacts_kind", "artifacts", "c"),
    ("ck_artifacts_upload_complete", "artifacts", "c"),
    ("uq_artifacts_storage_key", "artifacts", "u"),
    ("fk_resume_versions_application", "resume_versions", "f"),
    ("fk_job_postings_company_id", "job_postings", "f"),
    ("fk_applications_job_posting_id", "applications", "f"),
    ("fk_tasks_application_id", "tasks", "f"),
];

#[rustfmt::skip]
const TABLES_WITH_UPDATED_AT: &[&str] = &[
    "users", "profiles", "integration_accounts", "companies", "job_postings", "applications",
    "resume_versions", "outreach", "events", "tasks", "search_prefs", "subscriptions",
    "sources", "posting_enrichments",
];

async fn strings(db: &mut PgConnection, sql: &'static str) -> Vec<String> {
    sqlx::query_scalar(sql)
        .fetch_all(db)
        .await
        .expect("catalog query")
}

fn sorted(items: &[&str]) -> Vec<String> {
    let mut items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    items.sort();
    items
}

#[tokio::test]
async fn every_table_the_spec_names_exists() {
    let mut db = connect().await;
    let tables = strings(
        &mut db,
        "select table_name::text from information_schema.tables \
         where table_schema = 'public' and table_type = 'BASE TABLE'",
    )
    .await;
    let missing: Vec<_> = USER_OWNED_TABLES
        .iter()
        .chain(UNRESTRICTED_TABLES)
        .copied()
        .filter(|t| !tables.iter().any(|have| have.as_str() == *t))
        .collect();
    assert!(missing.is_empty(), "missing tables: {missing:?}");
}

#[tokio::test]
async fn every_enum_has_exactly_the_spec_values_in_order() {
    let mut db = connect().await;
    for (name, expected) in ENUMS {
        let labels: Vec<String> = sqlx::query_scalar(
            "select e.enumlabel::text from pg_enum e join pg_type t on t.oid = e.enumtypid \
             where t.typname = $1 order by e.enumsortorder",
        )
        .bind(name)
        .fetch_all(&mut db)
        .await
        .expect("enum labels");
        assert_eq!(labels, *expected, "values of {name}");
    }
}

#[tokio::test]
async fn every_named_index_exists_with_its_definition() {
    let mut db = connect().await;
    for (name, table, fragments) in INDEXES {
        let found: Option<(String, String)> = sqlx::query_as(
            "select tablename::text, indexdef from pg_indexes where schemaname = 'public' and indexname = $1",
        )
        .bind(name)
        .fetch_optional(&mut db)
        .await
        .expect("look up index");
        let (on, definition) = found.unwrap_or_else(|| panic!("index {name} is missing"));
        assert_eq!(on, *table, "table of index {name}");
        for fragment in *fragments {
            assert!(
                definition.contains(fragment),
                "{name}: `{definition}` lacks `{fragment}`"
            );
        }
    }
}

#[tokio::test]
async fn every_named_constraint_exists_and_all_follow_the_naming_convention() {
    let mut db = connect().await;
    for (name, table, kind) in CONSTRAINTS {
        let found: Option<(String, String)> = sqlx::query_as(
            "select conrelid::regclass::text, contype::text from pg_constraint \
             where connamespace = 'public'::regnamespace and conname = $1",
        )
        .bind(name)
        .fetch_optional(&mut db)
        .await
        .expect("look up constraint");
        assert_eq!(
            found,
            Some((table.to_string(), kind.to_string())),
            "constraint {name}"
        );
    }
    let unconventional = strings(
        &mut db,
        "select conname::text from pg_constraint where connamespace = 'public'::regnamespace \
         and conrelid <> '_sqlx_migrations'::regclass and conname !~ '^(pk|uq|ck|fk)_'",
    )
    .await;
    assert!(
        unconventional.is_empty(),
        "default-named constraints: {unconventional:?}"
    );
}

#[tokio::test]
async fn deleting_a_user_cascades_and_catalog_references_restrict() {
    let mut db = connect().await;
    let not_cascading = strings(
        &mut db,
        "select conname::text from pg_constraint \
         where contype = 'f' and confrelid = 'users'::regclass and confdeltype <> 'c'",
    )
    .await;
    assert!(
        not_cascading.is_empty(),
        "foreign keys to users without cascade: {not_cascading:?}"
    );
    let restricting = strings(
        &mut db,
        "select conname::text from pg_constraint where contype = 'f' and confdeltype = 'r' order by 1",
    )
    .await;
    for name in [
        "fk_applications_job_posting_id",
        "fk_job_postings_company_id",
    ] {
        assert!(
            restricting.iter().any(|r| r == name),
            "{name} should be on delete restrict"
        );
    }
}

#[tokio::test]
async fn every_table_with_updated_at_has_a_trigger_maintaining_it() {
    let mut db = connect().await;
    let with_column = strings(
        &mut db,
        "select table_name::text from information_schema.columns \
         where table_schema = 'public' and column_name = 'updated_at' order by 1",
    )
    .await;
    assert_eq!(with_column, sorted(TABLES_WITH_UPDATED_AT));
    // tgtype bits: 1 = for each row, 2 = before, 16 = on update.
    let with_trigger = strings(
        &mut db,
        "select tgrelid::regclass::text from pg_trigger \
         where tgfoid = 'set_updated_at'::regproc and not tgisinternal and tgtype & 19 = 19 order by 1",
    )
    .await;
    assert_eq!(with_trigger, with_column);
}

#[tokio::test]
async fn soft_delete_tables_have_a_nullable_deleted_at() {
    let mut db = connect().await;
    let tables = strings(
        &mut db,
        "select table_name::text from information_schema.columns where table_schema = 'public' \
         and column_name = 'deleted_at' and data_type = 'timestamp with time zone' \
         and is_nullable = 'YES' order by 1",
    )
    .await;
    assert_eq!(
        tables,
        sorted(&["applications", "outreach", "resume_versions", "sources"])
    );
}

#[tokio::test]
async fn row_level_security_is_enabled_and_forced_on_every_user_owned_table() {
    let mut db = connect().await;
    let rows: Vec<(String, bool, bool, i64)> = sqlx::query_as(
        "select c.relname::text, c.relrowsecurity, c.relforcerowsecurity, \
                (select count(*) from pg_policy p where p.polrelid = c.oid) \
         from pg_class c where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'",
    )
    .fetch_all(&mut db)
    .await
    .expect("tables");
    for (table, enabled, forced, policies) in rows {
        if USER_OWNED_TABLES.contains(&table.as_str()) {
            assert!(
                enabled && forced && policies > 0,
                "{table}: rls {enabled}, forced {forced}, {policies} policies"
            );
        } else {
            assert!(
                !enabled,
                "{table} is not user-owned but has row-level security"
            );
        }
    }
}

#[tokio::test]
async fn the_app_role_owns_nothing_and_cannot_bypass_row_level_security() {
    let mut db = connect().await;
    let (superuser, bypass, login): (bool, bool, bool) = sqlx::query_as(
        "select rolsuper, rolbypassrls, rolcanlogin from pg_roles where rolname = 'jobpilot_app'",
    )
    .fetch_one(&mut db)
    .await
    .expect("the app role exists");
    assert!(!superuser && !bypass && !login);
    let owned: i64 = sqlx::query_scalar(
        "select (select count(*) from pg_class where relowner = 'jobpilot_app'::regrole) \
              + (select count(*) from pg_proc where proowner = 'jobpilot_app'::regrole) \
              + (select count(*) from pg_type where typowner = 'jobpilot_app'::regrole)",
    )
    .fetch_one(&mut db)
    .await
    .expect("owned objects");
    assert_eq!(owned, 0);
}

#[tokio::test]
async fn auth_functions_are_security_definer_and_only_the_app_may_call_them() {
    let mut db = connect().await;
    let rows: Vec<(String, bool, Vec<String>, bool, bool)> = sqlx::query_as(
        "select proname::text, prosecdef, coalesce(proconfig, '{}'), \
                has_function_privilege('jobpilot_app', oid, 'execute'), \
                exists (select 1 from unnest(proacl) a where a::text like '=%') \
         from pg_proc where pronamespace = 'public'::regnamespace and proname like 'auth\\_%' order by 1",
    )
    .fetch_all(&mut db)
    .await
    .expect("functions");
    let names: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        names,
        [
            "auth_find_token",
            "auth_find_user_by_email",
            "auth_purge_expired"
        ]
    );
    for (name, definer, config, app_may, public_may) in rows {
        assert!(definer, "{name} is security definer");
        assert_eq!(
            config,
            ["search_path=public, pg_temp"],
            "{name} pins search_path"
        );
        assert!(
            app_may && !public_may,
            "{name}: app {app_may}, public {public_may}"
        );
    }
}
