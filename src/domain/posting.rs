//! A job posting as a connector read it from a source, before it is normalised into
//! `job_postings`. Connectors fill only what the source really says: a field the posting lacks
//! stays `None` or empty, never guessed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Where a posting came from. Boards without a `provider_enum` value of their own are stored as
/// `other`, with their name prefixed to the source id (see [`SourceKind::source_id`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Greenhouse,
    Lever,
    Ashby,
    Workday,
    SmartRecruiters,
    Recruitee,
    Workable,
    Teamtailor,
    BambooHr,
    Rippling,
    Eightfold,
    OracleOrc,
    JsonLd,
    File,
}

impl SourceKind {
    /// The `provider_enum` value stored in `job_postings.source`.
    pub fn provider(self) -> &'static str {
        match self {
            Self::Greenhouse => "greenhouse",
            Self::Lever => "lever",
            Self::Ashby => "ashby",
            Self::Workday => "workday",
            _ => "other",
        }
    }

    /// The stored `source_id`: the board's own id, prefixed with the board's name when several
    /// boards share the `other` provider, so their ids can never collide.
    pub fn source_id(self, board_id: &str) -> String {
        match self.provider() {
            "other" => format!("{}:{board_id}", self.name()),
            _ => board_id.to_string(),
        }
    }

    /// Readers whose record of a posting is second-hand (an export row, a JSON-LD page): their
    /// URL may name the board the posting really lives on, and the board's own record wins.
    pub fn is_second_hand(self) -> bool {
        matches!(self, Self::File | Self::JsonLd)
    }

    /// Every format, for `--format` and its error message.
    pub const ALL: [SourceKind; 14] = [
        Self::Greenhouse, Self::Lever, Self::Ashby, Self::Workday, Self::SmartRecruiters,
        Self::Recruitee, Self::Workable, Self::Teamtailor, Self::BambooHr, Self::Rippling,
        Self::Eightfold, Self::OracleOrc, Self::JsonLd, Self::File,
    ];

    /// The format named `name` (as [`SourceKind::name`] spells it).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name() == name.trim().to_ascii_lowercase())
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Greenhouse => "greenhouse",
            Self::Lever => "lever",
            Self::Ashby => "ashby",
            Self::Workday => "workday",
            Self::SmartRecruiters => "smartrecruiters",
            Self::Recruitee => "recruitee",
            Self::Workable => "workable",
            Self::Teamtailor => "teamtailor",
            Self::BambooHr => "bamboohr",
            Self::Rippling => "rippling",
            Self::Eightfold => "eightfold",
            Self::OracleOrc => "oracle_orc",
            Self::JsonLd => "jsonld",
            Self::File => "file",
        }
    }
}

/// How often a pay figure is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayPeriod {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A pay range in minor units (cents) of `currency`. Either bound may be missing ("from $90K").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Salary {
    pub min_cents: Option<i64>,
    pub max_cents: Option<i64>,
    /// ISO 4217, upper case; `None` when the source names no currency.
    pub currency: Option<String>,
    /// `None` when the source does not say (then it is not assumed to be yearly).
    pub period: Option<PayPeriod>,
}

/// Where a company's display name came from, in rising trust: when one company is named by
/// several sources, a more trusted name replaces a less trusted one and never the reverse.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameSource {
    /// The board's company slug stands in until a real name is known.
    Slug,
    /// Given by the user (`--company`) or an export file's company column.
    #[default]
    Given,
    /// The board's own payload (or the page's structured data).
    Board,
}

impl NameSource {
    /// The value `companies.name_source` stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Slug => "slug",
            Self::Given => "given",
            Self::Board => "board",
        }
    }
}

/// The company a posting belongs to, as far as the source tells.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDraft {
    pub name: Option<String>,
    /// Who gave `name`.
    #[serde(default)]
    pub name_source: NameSource,
    /// Bare host name, e.g. `replit.com`.
    pub domain: Option<String>,
    /// The board's company slug, e.g. `replit` in `jobs.ashbyhq.com/replit`.
    pub board_slug: Option<String>,
    pub industry: Option<String>,
    pub size_range: Option<String>,
}

/// One posting as read from a source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostingDraft {
    pub source: SourceKind,
    /// The board's own id for the posting (without any prefix).
    pub board_id: Option<String>,
    /// Where a person reads and applies.
    pub url: String,
    pub title: String,
    pub company: CompanyDraft,
    /// The description exactly as received (HTML, Markdown or text).
    pub description_raw: Option<String>,
    /// Every location the posting names, primary first.
    pub locations: Vec<String>,
    /// The board's own remote flag, when it has one (text is only consulted when this is `None`).
    pub remote: Option<bool>,
    /// Structured compensation from the board, when it has it.
    pub salary: Option<Salary>,
    /// Free-text compensation summary from the board (e.g. Ashby's "$180K – $250K"), if any.
    pub salary_text: Option<String>,
    pub department: Option<String>,
    pub employment_type: Option<String>,
    pub posted_at: Option<DateTime<Utc>>,
}

/// A posting a connector could not read, and why; the rest of the batch goes on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedPosting {
    /// Position in the payload's list of postings.
    pub index: usize,
    pub board_id: Option<String>,
    pub reason: String,
}

/// Everything a connector got out of one payload.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ParsedBoard {
    pub postings: Vec<PostingDraft>,
    pub skipped: Vec<SkippedPosting>,
}
