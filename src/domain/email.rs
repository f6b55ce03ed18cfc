//! Email addresses as account identifiers.

use crate::error::FieldError;

/// Trims an email and checks it is plausibly deliverable; case is kept (the column is citext).
pub fn normalize(raw: &str) -> Result<String, FieldError> {
    let email = raw.trim();
    let invalid = || FieldError::new("email", "must be an email address like name@example.com");
    if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
        return Err(invalid());
    }
    Ok(email.to_string())
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn plausible_addresses_pass_and_are_trimmed() {
        assert_eq!(normalize("  Ada@Example.org ").as_deref(), Ok("Ada@Example.org"));
    }

    #[test]
    fn malformed_addresses_name_the_email_field() {
        for bad in ["", "ada", "ada@", "@example.org", "ada@example", "a b@example.org", "a@b@c.org"] {
            let error = normalize(bad).expect_err(bad);
            assert_eq!(error.field.as_deref(), Some("email"), "{bad}");
        }
    }
}
