//! What a user names to fetch: `greenhouse:SLUG`, `lever:SLUG`, `ashby:SLUG`, or an http(s) URL.

use std::fmt;

use url::Url;

use crate::domain::posting::SourceKind;

/// A board with a public JSON API whose address Jobpilot knows from the company's slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoardKind {
    Greenhouse,
    Lever,
    Ashby,
}

impl BoardKind {
    pub const ALL: [BoardKind; 3] = [Self::Greenhouse, Self::Lever, Self::Ashby];

    pub fn name(self) -> &'static str {
        match self {
            Self::Greenhouse => "greenhouse",
            Self::Lever => "lever",
            Self::Ashby => "ashby",
        }
    }

    /// The connector that reads this board's answer: the kind fixes the format, no detection.
    pub fn source_kind(self) -> SourceKind {
        match self {
            Self::Greenhouse => SourceKind::Greenhouse,
            Self::Lever => SourceKind::Lever,
            Self::Ashby => SourceKind::Ashby,
        }
    }

    /// The documented public endpoint under `base` (the API's origin, overridable for tests).
    /// `content=true` / `includeCompensation=true` ask for descriptions and pay in the one list
    /// call, so a board costs one request rather than one per posting.
    pub fn endpoint(self, base: &str, slug: &str) -> String {
        let base = base.trim_end_matches('/');
        match self {
            Self::Greenhouse => format!("{base}/v1/boards/{slug}/jobs?content=true"),
            Self::Lever => format!("{base}/v0/postings/{slug}?mode=json"),
            Self::Ashby => format!("{base}/posting-api/job-board/{slug}?includeCompensation=true"),
        }
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.name().eq_ignore_ascii_case(name.trim()))
    }
}

/// A board to fetch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BoardRef {
    Board { kind: BoardKind, slug: String },
    Url(Url),
}

/// Why a board reference was refused; the message says what would be accepted.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BoardRefError(pub String);

const SHAPE: &str = "use greenhouse:SLUG, lever:SLUG, ashby:SLUG or an http(s) URL";
const MAX_SLUG: usize = 100;
const MAX_URL: usize = 2048;

impl BoardRef {
    /// Reads `greenhouse:SLUG` (any case for the board's name) or an `http(s)://` URL.
    pub fn parse(text: &str) -> Result<Self, BoardRefError> {
        let text = text.trim();
        let lower = text.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return parse_url(text).map(Self::Url);
        }
        let Some((name, slug)) = text.split_once(':') else {
            return Err(BoardRefError(format!("'{}' is not a board; {SHAPE}", shorten(text))));
        };
        let kind = BoardKind::from_name(name)
            .ok_or_else(|| BoardRefError(format!("unknown board '{}'; {SHAPE}", shorten(name))))?;
        Ok(Self::Board { kind, slug: parse_slug(slug)? })
    }

    /// Rebuilds a reference stored as (kind name, slug or URL), e.g. from the `sources` table.
    pub fn from_parts(kind: &str, key: &str) -> Result<Self, BoardRefError> {
        if kind == "url" {
            parse_url(key).map(Self::Url)
        } else {
            Self::parse(&format!("{kind}:{key}"))
        }
    }

    /// `greenhouse`, `lever`, `ashby` or `url`.
    pub fn kind_name(&self) -> &'static str {
        match self {
            Self::Board { kind, .. } => kind.name(),
            Self::Url(_) => "url",
        }
    }

    /// The slug, or the URL as text: with [`BoardRef::kind_name`], what identifies the board.
    pub fn key(&self) -> String {
        match self {
            Self::Board { slug, .. } => slug.clone(),
            Self::Url(url) => url.to_string(),
        }
    }

    pub fn slug(&self) -> Option<&str> {
        match self {
            Self::Board { slug, .. } => Some(slug),
            Self::Url(_) => None,
        }
    }

    /// The format the answer is in, when the reference fixes it (a URL's is detected).
    pub fn source_kind(&self) -> Option<SourceKind> {
        match self {
            Self::Board { kind, .. } => Some(kind.source_kind()),
            Self::Url(_) => None,
        }
    }
}

impl fmt::Display for BoardRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Board { kind, slug } => write!(f, "{}:{slug}", kind.name()),
            Self::Url(url) => write!(f, "{url}"),
        }
    }
}

/// Slugs go into a URL path, so only characters that need no escaping and cannot climb out of
/// it (`/`, `..`) are accepted.
fn parse_slug(slug: &str) -> Result<String, BoardRefError> {
    let slug = slug.trim();
    if slug.is_empty() {
        return Err(BoardRefError(format!("the board's slug is missing; {SHAPE}")));
    }
    if slug.len() > MAX_SLUG {
        return Err(BoardRefError(format!("the slug is longer than {MAX_SLUG} characters")));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    if !slug.chars().all(allowed) || slug.starts_with('.') {
        return Err(BoardRefError(format!(
            "the slug '{}' may hold only letters, digits, '-', '_' and '.' (not first)",
            shorten(slug)
        )));
    }
    Ok(slug.to_string())
}

fn parse_url(text: &str) -> Result<Url, BoardRefError> {
    if text.len() > MAX_URL {
        return Err(BoardRefError(format!("the URL is longer than {MAX_URL} characters")));
    }
    let url = Url::parse(text).map_err(|error| BoardRefError(format!("'{}' is not a valid URL: {error}", shorten(text))))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err(BoardRefError(format!("'{}' is not an http(s) URL with a host", shorten(text))));
    }
    // Credentials in a stored URL would end up in listings, logs and the audit trail.
    if !url.username().is_empty() || url.password().is_some() {
        return Err(BoardRefError("the URL must not contain a user name or password".into()));
    }
    Ok(url)
}

/// Echoes bad input back without letting a huge value flood the message.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_names_and_urls_parse() {
        let board = BoardRef::parse(" Greenhouse:anthropic ").expect("parses");
        assert_eq!(board, BoardRef::Board { kind: BoardKind::Greenhouse, slug: "anthropic".into() });
        assert_eq!(board.to_string(), "greenhouse:anthropic");
        let url = BoardRef::parse("https://example.org/careers").expect("parses");
        assert_eq!((url.kind_name(), url.key().as_str()), ("url", "https://example.org/careers"));
        assert_eq!(BoardRef::from_parts("lever", "spotify").expect("parses").to_string(), "lever:spotify");
    }

    #[test]
    fn bad_references_say_what_is_accepted() {
        for (input, expected) in [
            ("monster:acme", "unknown board 'monster'"),
            ("acme", "is not a board"),
            ("lever:", "slug is missing"),
            ("ashby:../admin", "may hold only"),
            ("greenhouse:a/b", "may hold only"),
            ("https://", "not a valid URL"),
            ("https://user:pw@example.org/", "user name or password"),
        ] {
            let error = BoardRef::parse(input).expect_err(input).to_string();
            assert!(error.contains(expected), "{input}: {error}");
        }
    }

    #[test]
    fn endpoints_follow_each_boards_public_api() {
        let cases = [
            (BoardKind::Greenhouse, "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true"),
            (BoardKind::Lever, "https://api.lever.co/v0/postings/acme?mode=json"),
            (BoardKind::Ashby, "https://api.ashbyhq.com/posting-api/job-board/acme?includeCompensation=true"),
        ];
        let bases = ["https://boards-api.greenhouse.io/", "https://api.lever.co", "https://api.ashbyhq.com"];
        for ((kind, expected), base) in cases.into_iter().zip(bases) {
            assert_eq!(kind.endpoint(base, "acme"), expected);
        }
    }
}
