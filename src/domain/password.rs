//! Password policy and hashing (Argon2id).

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::error::FieldError;

pub const MIN_LENGTH: usize = 10;
pub const MAX_LENGTH: usize = 256;

/// Rejects passwords that are short, very long (hashing cost) or easy to guess.
///
/// Guessability comes from zxcvbn, which knows common passwords, names, keyboard walks and the
/// user's own email; score 3 of 4 means "safely unguessable" against online attacks.
pub fn check_strength(password: &str, email: &str) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(FieldError::new("password", format!("must be at least {MIN_LENGTH} characters")));
    }
    if length > MAX_LENGTH {
        return Err(FieldError::new("password", format!("must be at most {MAX_LENGTH} characters")));
    }
    let email_parts: Vec<&str> = email.split(['@', '.']).collect();
    let estimate = zxcvbn::zxcvbn(password, &email_parts);
    if (estimate.score() as u8) < 3 {
        let hint = estimate
            .feedback()
            .and_then(|f| f.warning().map(|w| w.to_string()))
            .unwrap_or_else(|| "it is too easy to guess".to_string());
        return Err(FieldError::new("password", format!("is too common or guessable: {hint}")));
    }
    Ok(())
}

/// Hashes with Argon2id (the crate's defaults follow OWASP: 19 MiB, 2 passes) and a random salt.
pub fn hash(password: &str) -> anyhow::Result<String> {
    let hash = Argon2::default()
        .hash_password(password.as_bytes())
        .map_err(|e| anyhow::anyhow!("hashing password: {e}"))?;
    Ok(hash.to_string())
}

/// True when `password` matches the stored PHC-format hash.
pub fn verify(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash)
        .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A hash of a random password, verified against when an email is unknown so that a failed
/// login takes as long whether or not the account exists.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash(&uuid::Uuid::new_v4().to_string()).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert!(check_strength("short1!", "a@b.org").is_err());
        assert!(check_strength("password123", "a@b.org").is_err());
        assert!(check_strength("qwertyuiop", "a@b.org").is_err());
    }

    #[test]
    fn a_long_random_passphrase_is_accepted() {
        assert!(check_strength("violet-harbor-crank-47-tundra", "a@b.org").is_ok());
    }

    #[test]
    fn a_hash_verifies_only_its_own_password() {
        let stored = hash("violet-harbor-crank-47").expect("hash");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("violet-harbor-crank-47", &stored));
        assert!(!verify("violet-harbor-crank-48", &stored));
    }
}
