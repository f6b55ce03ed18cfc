//! Keyset pagination shared by every list endpoint: `?limit=&cursor=` in, `next_cursor` out.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::AppError;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;

/// Where a page starts: after the row with this sort key (created_at, id).
pub type After = Option<(DateTime<Utc>, Uuid)>;

/// Query parameters of a list endpoint.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 100 (default 50).
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
}

impl PageParams {
    /// The validated page size and the decoded position to continue after.
    pub fn resolve(&self) -> Result<(i64, After), AppError> {
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(AppError::invalid("limit", format!("must be between 1 and {MAX_LIMIT}")));
        }
        let after = self.cursor.as_deref().map(decode_cursor).transpose()?;
        Ok((limit, after))
    }
}

/// One page of results.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; null on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    /// Builds a page, with a cursor only when the page is full (more may follow).
    pub fn new(items: Vec<T>, limit: i64, key: impl Fn(&T) -> (DateTime<Utc>, Uuid)) -> Self {
        let next_cursor = (items.len() as i64 == limit)
            .then(|| items.last().map(|last| encode_cursor(key(last))))
            .flatten();
        Self { items, next_cursor }
    }
}

fn encode_cursor((time, id): (DateTime<Utc>, Uuid)) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}|{id}", time.to_rfc3339()))
}

fn decode_cursor(cursor: &str) -> Result<(DateTime<Utc>, Uuid), AppError> {
    let invalid = || AppError::invalid("cursor", "is not a cursor this API returned");
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(raw).map_err(|_| invalid())?;
    let (time, id) = text.split_once('|').ok_or_else(invalid)?;
    let time = DateTime::parse_from_rfc3339(time).map_err(|_| invalid())?.with_timezone(&Utc);
    Ok((time, id.parse().map_err(|_| invalid())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_round_trips() {
        let key = (Utc::now(), Uuid::new_v4());
        assert_eq!(decode_cursor(&encode_cursor(key)).expect("decodes"), key);
    }

    #[test]
    fn a_forged_cursor_or_limit_is_refused() {
        let params = PageParams { limit: Some(0), cursor: None };
        assert!(params.resolve().is_err());
        let params = PageParams { limit: None, cursor: Some("bm9wZQ".into()) };
        assert!(params.resolve().is_err());
    }
}
