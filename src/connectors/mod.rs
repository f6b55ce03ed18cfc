//! Connectors: one module per job board or file format, each turning a real payload into
//! [`ParsedBoard`]. They read; they never touch the database.

pub mod ashby;
pub mod bamboohr;
pub mod detect;
pub mod eightfold;
pub mod fetch;
pub mod file;
pub mod greenhouse;
pub mod jsonld;
pub mod lever;
pub mod oracle_orc;
pub mod recruitee;
pub mod rippling;
pub mod smartrecruiters;
pub mod teamtailor;
pub(crate) mod values;
pub mod workable;
pub mod workday;

pub use detect::{detect, parse};

use crate::domain::posting::ParsedBoard;

/// What the caller knows about where a payload came from (the CLI's `--company`, a board URL).
#[derive(Clone, Debug, Default)]
pub struct BoardContext {
    /// Company name given by the user; used only when the payload names none.
    pub company_name: Option<String>,
    /// The board's company slug, e.g. from `boards-api.greenhouse.io/v1/boards/SLUG/jobs`.
    pub board_slug: Option<String>,
    /// The URL the payload was fetched from, if any.
    pub source_url: Option<String>,
}

/// A payload that cannot be read at all (not JSON, not the expected shape, …).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// The signature every connector module exposes as `pub fn parse`.
pub type ParseFn = fn(&[u8], &BoardContext) -> Result<ParsedBoard, ParseError>;
