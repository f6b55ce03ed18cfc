//! Turns a connector's [`PostingDraft`] into the row `job_postings` stores: ids, a safe URL,
//! cleaned description, remote flag, salary and skill tags. Pure: no SQL.

use chrono::{DateTime, Utc};

use crate::domain::description::clean_description;
use crate::domain::posting::{CompanyDraft, PayPeriod, PostingDraft, Salary, SourceKind};
use crate::domain::posting_url;
use crate::domain::remote_text::remote_from_text;
use crate::domain::salary_text::{SalaryFound, plausible, salary_from_description, salary_from_summary};
use crate::domain::skills::SkillMatcher;

/// What `job_postings.currency` holds when nothing is known (the column is `not null default
/// 'USD'`). Only ever stored for postings without a salary, where it carries no meaning.
pub const DEFAULT_CURRENCY: &str = "USD";

/// A posting ready to be stored.
#[derive(Clone, Debug, PartialEq)]
pub struct NormalizedPosting {
    /// The reader it came from (`file` for an export row, even when its URL names a board).
    pub kind: SourceKind,
    /// The `provider_enum` value of the board the posting lives on: an export row or JSON-LD
    /// page whose URL names a board's posting is stored under that board's key.
    pub source: &'static str,
    pub source_id: String,
    /// Whether `source`/`source_id` were read from the URL rather than given by the reader.
    pub keyed_by_url: bool,
    pub url: String,
    pub title: String,
    pub company: CompanyDraft,
    pub jd_raw: Option<String>,
    pub jd_clean: Option<String>,
    pub location: Option<String>,
    pub remote_flag: bool,
    /// Whether `remote_flag` was said (by the board or the text); `false` means it is only the
    /// column's default, not a claim that the job is on-site.
    pub remote_known: bool,
    pub salary_min_cents: Option<i32>,
    pub salary_max_cents: Option<i32>,
    pub currency: String,
    pub salary_period: Option<&'static str>,
    /// Where the salary came from: `structured`, `summary` or `description` (None without one).
    pub salary_source: Option<&'static str>,
    /// The words a text salary was read from, so a wrong one can be traced.
    pub salary_evidence: Option<String>,
    /// Why a salary the source gave was not kept, if one was dropped.
    pub salary_dropped: Option<String>,
    pub normalized_tags: Vec<String>,
    pub posted_at: Option<DateTime<Utc>>,
}

/// Normalises one draft, or says why it cannot be stored.
///
/// Decisions: the URL is stored in its canonical form; an export row or JSON-LD page whose URL
/// names a board's posting takes that board's key (so it meets the board's own record); any
/// other posting without a board id is keyed by its URL (so re-ingesting it finds the same row);
/// a salary without a currency is dropped rather than stored as USD, because the column cannot
/// say "unknown" and any currency would be a guess.
pub fn normalize(draft: &PostingDraft, skills: &SkillMatcher) -> Result<NormalizedPosting, String> {
    let url = checked_url(&draft.url)?;
    let title = draft.title.trim();
    if title.is_empty() {
        return Err("posting has an empty title".to_string());
    }
    let id = draft
        .board_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty());
    let mut company = draft.company.clone();
    // The URL names the board a second-hand record's posting lives on, and the company's slug
    // when the reader could not (Ashby, Lever, exports).
    let recognised = (draft.source.is_second_hand() || company.board_slug.is_none())
        .then(|| posting_url::recognise(&url))
        .flatten();
    if company.board_slug.is_none() {
        company.board_slug = recognised.as_ref().and_then(|p| p.slug.clone());
    }
    let on_board = recognised.filter(|_| draft.source.is_second_hand());
    let (source, source_id) = match &on_board {
        Some(posting) => (posting.kind.provider(), posting.kind.source_id(&posting.board_id)),
        None => (draft.source.provider(), draft.source.source_id(id.unwrap_or(&url))),
    };
    let jd_clean = draft.description_raw.as_deref().map(clean_description);
    let text = jd_clean.as_deref().unwrap_or("");
    let location = (!draft.locations.is_empty()).then(|| draft.locations.join("; "));
    let remote = draft
        .remote
        .or_else(|| remote_from_text(title, location.as_deref().unwrap_or(""), text));
    let (found, salary_dropped) = stored_salary(draft, text);
    let salary = found.as_ref().map(|f| &f.salary);
    let currency = salary.and_then(|s| s.currency.clone());
    Ok(NormalizedPosting {
        kind: draft.source,
        source,
        source_id,
        keyed_by_url: on_board.is_some(),
        title: title.to_string(),
        company,
        jd_raw: draft.description_raw.clone(),
        location,
        remote_flag: remote.unwrap_or(false),
        remote_known: remote.is_some(),
        salary_min_cents: salary.and_then(|s| s.min_cents).map(cents_i32),
        salary_max_cents: salary.and_then(|s| s.max_cents).map(cents_i32),
        currency: currency.unwrap_or_else(|| DEFAULT_CURRENCY.to_string()),
        salary_period: salary.and_then(|s| s.period).map(period_name),
        salary_source: found.as_ref().map(|f| f.origin),
        salary_evidence: found.and_then(|f| f.evidence),
        salary_dropped,
        normalized_tags: skills.tags(title, text),
        posted_at: draft.posted_at,
        jd_clean,
        url,
    })
}

/// Only web links may reach a page as an `href`: `javascript:`, `data:` and the like are refused.
/// The link is kept in its canonical form (no tracking parameters, no trailing slash).
fn checked_url(raw: &str) -> Result<String, String> {
    let parsed =
        url::Url::parse(raw.trim()).map_err(|e| format!("posting URL is not a URL ({e})"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(format!(
            "posting URL is not an http(s) link: {}",
            parsed.scheme()
        ));
    }
    Ok(posting_url::canonical(&parsed).to_string())
}

/// A salary with where it came from.
struct FoundSalary {
    salary: Salary,
    /// `structured`, `summary` or `description`, as `job_postings.salary_source` stores it.
    origin: &'static str,
    evidence: Option<String>,
}

/// The board's structured salary, else one read from its pay summary, else one read from a pay
/// phrase of the description; a salary that cannot be stored honestly is dropped with the
/// reason, never the posting. A structured salary outside the plausibility bounds of its period
/// is dropped too (a board's "1 – 1" placeholder is not pay).
fn stored_salary(draft: &PostingDraft, description: &str) -> (Option<FoundSalary>, Option<String>) {
    let structured = draft.salary.clone().map(|salary| FoundSalary {
        salary,
        origin: "structured",
        evidence: None,
    });
    let from_text = |origin, found: SalaryFound| FoundSalary {
        salary: found.salary,
        origin,
        evidence: Some(found.evidence),
    };
    let found = structured
        .or_else(|| {
            let summary = salary_from_summary(draft.salary_text.as_deref()?)?;
            Some(from_text("summary", summary))
        })
        .or_else(|| Some(from_text("description", salary_from_description(description)?)));
    let Some(found) = found.filter(|f| f.salary.min_cents.is_some() || f.salary.max_cents.is_some())
    else {
        return (None, None);
    };
    let salary = &found.salary;
    let fits = |c: Option<i64>| c.is_none_or(|c| i32::try_from(c).is_ok_and(|c| c >= 0));
    if !fits(salary.min_cents) || !fits(salary.max_cents) {
        return (
            None,
            Some("salary does not fit the cents column".to_string()),
        );
    }
    if salary
        .currency
        .as_deref()
        .is_none_or(|c| !is_currency_code(c))
    {
        return (None, Some("salary names no currency".to_string()));
    }
    if !plausible(salary) {
        return (None, Some("salary is outside the plausible range for its period".to_string()));
    }
    (Some(found), None)
}

fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

/// Only called after [`stored_salary`] checked that the value fits.
fn cents_i32(cents: i64) -> i32 {
    i32::try_from(cents).unwrap_or(i32::MAX)
}

/// The value `ck_job_postings_salary_period` allows.
pub fn period_name(period: PayPeriod) -> &'static str {
    match period {
        PayPeriod::Hour => "hour",
        PayPeriod::Day => "day",
        PayPeriod::Week => "week",
        PayPeriod::Month => "month",
        PayPeriod::Year => "year",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> PostingDraft {
        PostingDraft {
            source: SourceKind::Greenhouse,
            board_id: Some("42".to_string()),
            url: "https://boards.greenhouse.io/acme/jobs/42".to_string(),
            title: "  Backend Engineer ".to_string(),
            company: CompanyDraft {
                name: Some("Acme".to_string()),
                ..CompanyDraft::default()
            },
            description_raw: Some("<p>We use <b>Rust</b> and PostgreSQL.</p>".to_string()),
            locations: vec!["Berlin".to_string(), "Remote".to_string()],
            remote: None,
            salary: None,
            salary_text: None,
            department: None,
            employment_type: None,
            posted_at: None,
        }
    }

    fn salary(min: i64, max: i64, currency: Option<&str>) -> Salary {
        Salary {
            min_cents: Some(min),
            max_cents: Some(max),
            currency: currency.map(str::to_string),
            period: Some(PayPeriod::Hour),
        }
    }

    fn run(draft: &PostingDraft) -> Result<NormalizedPosting, String> {
        normalize(draft, SkillMatcher::builtin())
    }

    #[test]
    fn a_plain_draft_becomes_a_trimmed_cleaned_tagged_row() {
        let row = run(&draft()).expect("normalises");
        assert_eq!((row.source, row.source_id.as_str()), ("greenhouse", "42"));
        assert_eq!(row.title, "Backend Engineer");
        assert_eq!(row.location.as_deref(), Some("Berlin; Remote"));
        assert_eq!(
            row.jd_raw.as_deref(),
            Some("<p>We use <b>Rust</b> and PostgreSQL.</p>")
        );
        let clean = row.jd_clean.expect("clean text");
        assert!(
            clean.contains("We use Rust and PostgreSQL.") && !clean.contains('<'),
            "{clean}"
        );
        assert!(
            row.normalized_tags.contains(&"rust".to_string()),
            "{:?}",
            row.normalized_tags
        );
    }

    #[test]
    fn boards_without_their_own_enum_value_get_a_prefixed_id() {
        let mut other = draft();
        other.source = SourceKind::Workable;
        let row = run(&other).expect("normalises");
        assert_eq!(
            (row.source, row.source_id.as_str()),
            ("other", "workable:42")
        );
    }

    #[test]
    fn a_draft_without_a_board_id_is_keyed_by_its_url() {
        let mut anonymous = draft();
        anonymous.board_id = None;
        assert_eq!(
            run(&anonymous).expect("normalises").source_id,
            "https://boards.greenhouse.io/acme/jobs/42"
        );
    }

    #[test]
    fn non_web_urls_and_empty_titles_are_refused_with_a_reason() {
        let mut script = draft();
        script.url = "javascript:alert(1)".to_string();
        assert!(
            run(&script)
                .expect_err("javascript: is refused")
                .contains("http(s)")
        );
        let mut relative = draft();
        relative.url = "/jobs/42".to_string();
        assert!(
            run(&relative)
                .expect_err("a relative URL is refused")
                .contains("not a URL")
        );
        let mut blank = draft();
        blank.title = "   ".to_string();
        assert_eq!(
            run(&blank).expect_err("a blank title is refused"),
            "posting has an empty title"
        );
    }

    #[test]
    fn the_boards_remote_flag_wins_and_text_is_the_fallback() {
        let mut onsite = draft();
        onsite.remote = Some(false);
        let row = run(&onsite).expect("normalises");
        assert!(!row.remote_flag && row.remote_known);
        let row = run(&draft()).expect("normalises");
        assert!(
            row.remote_flag && row.remote_known,
            "\"Remote\" as a location is a clear signal"
        );
        let mut silent = draft();
        silent.locations = vec!["Berlin".to_string()];
        let row = run(&silent).expect("normalises");
        assert!(!row.remote_flag && !row.remote_known);
    }

    #[test]
    fn a_structured_salary_is_kept_with_its_period_and_currency() {
        let mut paid = draft();
        paid.salary = Some(salary(4_500, 6_000, Some("EUR")));
        paid.salary_text = Some("$1 - $2 per hour".to_string());
        let row = run(&paid).expect("normalises");
        assert_eq!(
            (row.salary_min_cents, row.salary_max_cents),
            (Some(4_500), Some(6_000))
        );
        assert_eq!(
            (row.currency.as_str(), row.salary_period),
            ("EUR", Some("hour"))
        );
        assert_eq!(row.salary_dropped, None);
    }

    #[test]
    fn salary_text_is_read_when_the_board_has_no_structured_salary() {
        let mut texted = draft();
        texted.salary_text = Some("$180K – $250K".to_string());
        let row = run(&texted).expect("normalises");
        assert_eq!(
            (row.salary_min_cents, row.salary_max_cents),
            (Some(18_000_000), Some(25_000_000))
        );
        assert_eq!(row.currency, "USD");
        let mut described = draft();
        described.description_raw = Some("<p>Pay: $45 - $60/hr</p>".to_string());
        let row = run(&described).expect("normalises");
        assert_eq!(
            (row.salary_min_cents, row.salary_period),
            (Some(4_500), Some("hour"))
        );
    }

    #[test]
    fn a_salary_too_large_or_without_currency_is_dropped_but_the_posting_kept() {
        let mut huge = draft();
        huge.salary = Some(salary(1, i64::from(i32::MAX) + 1, Some("USD")));
        let row = run(&huge).expect("the posting stays");
        assert_eq!(
            (
                row.salary_min_cents,
                row.salary_max_cents,
                row.salary_period
            ),
            (None, None, None)
        );
        assert_eq!(
            row.salary_dropped.as_deref(),
            Some("salary does not fit the cents column")
        );
        let mut unnamed = draft();
        unnamed.salary = Some(salary(100, 200, None));
        let row = run(&unnamed).expect("the posting stays");
        assert_eq!(
            (row.salary_min_cents, row.currency.as_str()),
            (None, DEFAULT_CURRENCY)
        );
        assert_eq!(
            row.salary_dropped.as_deref(),
            Some("salary names no currency")
        );
    }

    #[test]
    fn a_posting_without_salary_or_locations_stores_the_column_defaults() {
        let mut bare = draft();
        bare.locations.clear();
        bare.description_raw = None;
        let row = run(&bare).expect("normalises");
        assert_eq!(
            (row.location, row.jd_clean, row.salary_min_cents),
            (None, None, None)
        );
        assert_eq!(
            (row.currency.as_str(), row.salary_dropped),
            (DEFAULT_CURRENCY, None)
        );
    }
}
