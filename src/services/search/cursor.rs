//! The opaque search cursor: the last hit's sort key, for either ordering.
//!
//! Newest-first pages continue after (sort time, id); best-match pages after (score, sort time,
//! id). The score travels as the exact bits of the `real` PostgreSQL computed, so the row the
//! cursor names compares equal to itself on the next request and is never repeated or skipped.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::catalog_search::Keyset;

/// How many hits to return and where to start.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageRequest {
    pub limit: i64,
    pub after: Option<Keyset>,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self { limit: super::params::DEFAULT_LIMIT, after: None }
    }
}

pub fn encode(key: &Keyset) -> String {
    let text = match key {
        Keyset::Recent { sort_time, id } => format!("r|{}|{id}", sort_time.to_rfc3339()),
        Keyset::Relevance { score, sort_time, id } => {
            format!("s|{:08x}|{}|{id}", score.to_bits(), sort_time.to_rfc3339())
        }
    };
    URL_SAFE_NO_PAD.encode(text)
}

/// Decodes a cursor of the ordering this search uses (`by_score` when it has `q`).
pub fn decode(cursor: &str, by_score: bool) -> Result<Keyset, String> {
    let invalid = || "is not a cursor this API returned".to_string();
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(raw).map_err(|_| invalid())?;
    let parts: Vec<&str> = text.split('|').collect();
    let time = |t: &str| DateTime::parse_from_rfc3339(t).map(|t| t.with_timezone(&Utc)).map_err(|_| invalid());
    let id = |t: &str| t.parse::<Uuid>().map_err(|_| invalid());
    let key = match parts.as_slice() {
        ["r", t, i] => Keyset::Recent { sort_time: time(t)?, id: id(i)? },
        ["s", bits, t, i] => {
            let bits = u32::from_str_radix(bits, 16).map_err(|_| invalid())?;
            let score = f32::from_bits(bits);
            if !score.is_finite() {
                return Err(invalid());
            }
            Keyset::Relevance { score, sort_time: time(t)?, id: id(i)? }
        }
        _ => return Err(invalid()),
    };
    match (key, by_score) {
        (Keyset::Recent { .. }, false) | (Keyset::Relevance { .. }, true) => Ok(key),
        _ => Err("belongs to a search with a different q; start again without a cursor".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_kinds_of_cursor_round_trip_exactly() {
        let now = Utc::now();
        let recent = Keyset::Recent { sort_time: now, id: Uuid::new_v4() };
        assert_eq!(decode(&encode(&recent), false), Ok(recent));
        let best = Keyset::Relevance { score: 0.631_578_9, sort_time: now, id: Uuid::new_v4() };
        assert_eq!(decode(&encode(&best), true), Ok(best));
    }

    #[test]
    fn a_cursor_of_the_other_ordering_or_a_forged_one_is_refused() {
        let recent = Keyset::Recent { sort_time: Utc::now(), id: Uuid::new_v4() };
        assert!(decode(&encode(&recent), true).is_err());
        assert!(decode("bm9wZQ", false).is_err());
        assert!(decode(&URL_SAFE_NO_PAD.encode("s|7fc00000|2025-01-01T00:00:00Z|x"), true).is_err());
    }
}
