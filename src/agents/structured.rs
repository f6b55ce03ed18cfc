//! Structured-output discipline: a model's reply becomes a value only if, once repaired, it
//! satisfies the tool's JSON schema. The validator never fetches a remote `$ref` (the crate is
//! built without its HTTP and file resolvers), so a schema cannot make the server reach out.

use serde_json::Value;

use super::repair::{fit_shape, repair};

/// Most validation errors quoted back to a model (and stored): the first few say enough.
const MAX_ERRORS: usize = 5;

/// The value in `raw` if it can be repaired into something `schema` accepts; otherwise why not,
/// worded so it can be quoted to the model in a corrective message.
pub fn parse_reply(raw: &str, schema: &Value) -> Result<Value, String> {
    let value = fit_shape(repair(raw)?, schema);
    validate(&value, schema)?;
    Ok(value)
}

/// `Ok` when `value` satisfies `schema`; otherwise its first errors, each with where it is.
pub fn validate(value: &Value, schema: &Value) -> Result<(), String> {
    let validator = jsonschema::validator_for(schema).map_err(|e| format!("the tool's own schema is invalid: {e}"))?;
    let errors: Vec<String> = validator
        .iter_errors(value)
        .take(MAX_ERRORS)
        .map(|error| {
            let at = error.instance_path().to_string();
            if at.is_empty() { format!("at the top level: {error}") } else { format!("at {at}: {error}") }
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(errors.join("; ")) }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema() -> Value {
        json!({
            "type": "object",
            "required": ["score", "skills"],
            "properties": {
                "score": { "type": "integer", "minimum": 0, "maximum": 100 },
                "skills": { "type": "array", "items": { "type": "string" } }
            },
            "additionalProperties": false
        })
    }

    #[test]
    fn a_fenced_reply_that_fits_the_schema_is_accepted() {
        let raw = "```json\n[{\"score\": 80, \"skills\": [\"Rust\"]}]\n```";
        assert_eq!(parse_reply(raw, &schema()), Ok(json!({"score": 80, "skills": ["Rust"]})));
    }

    #[test]
    fn a_wrong_type_is_refused_with_where_and_why() {
        let error = parse_reply(r#"{"score": "eighty", "skills": []}"#, &schema()).expect_err("refused");
        assert!(error.contains("/score"), "{error}");
        assert!(error.contains("integer"), "{error}");
    }

    #[test]
    fn a_missing_field_or_an_invented_one_is_refused() {
        assert!(parse_reply(r#"{"score": 10}"#, &schema()).expect_err("refused").contains("skills"));
        assert!(parse_reply(r#"{"score": 10, "skills": [], "employer": "Acme"}"#, &schema()).is_err());
    }

    #[test]
    fn a_remote_ref_is_refused_without_any_connection_being_made() {
        // A listener the schema points at: with an HTTP resolver compiled in, it would be called.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.set_nonblocking(true).expect("nonblocking");
        let remote = json!({ "$ref": format!("http://{}/schema.json", listener.local_addr().expect("address")) });
        assert!(validate(&json!({}), &remote).expect_err("refused").contains("schema is invalid"));
        let error = listener.accept().expect_err("nobody connected");
        assert_eq!(error.kind(), std::io::ErrorKind::WouldBlock);
    }
}
