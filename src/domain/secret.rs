//! Secrets handed to people or browsers (calendar links, unsubscribe links, CSRF tokens):
//! 32 random bytes, URL-safe base64 without padding, so they fit in a path or a query.

use base64::Engine;

/// A fresh 256-bit secret as 43 URL-safe characters.
pub fn url_safe() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>())
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_long_url_safe_and_never_repeat() {
        let (a, b) = (super::url_safe(), super::url_safe());
        assert_eq!(a.len(), 43);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{a}");
        assert_ne!(a, b);
    }
}
