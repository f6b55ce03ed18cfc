//! The repair function: what it recovers, and what it must not make up.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::{fit_shape, repair};

#[test]
fn a_clean_object_is_returned_unchanged() {
    assert_eq!(repair(r#"{"a": 1, "b": [true, null]}"#), Ok(json!({"a": 1, "b": [true, null]})));
}

#[test]
fn a_json_fence_with_prose_around_it_gives_the_object_inside() {
    let raw = "Sure! Here is the result:\n```json\n{\"skills\": [\"Rust\", \"SQL\"]}\n```\nLet me know if you need more.";
    assert_eq!(repair(raw), Ok(json!({"skills": ["Rust", "SQL"]})));
}

#[test]
fn a_fence_without_a_language_tag_or_on_one_line_is_read() {
    assert_eq!(repair("```\n{\"a\":1}\n```"), Ok(json!({"a": 1})));
    assert_eq!(repair("```{\"a\":1}```"), Ok(json!({"a": 1})));
}

#[test]
fn an_unclosed_fence_is_read_to_the_end() {
    assert_eq!(repair("```json\n{\"a\": 1}\n"), Ok(json!({"a": 1})));
}

#[test]
fn trailing_commas_and_comments_outside_strings_are_dropped() {
    let raw = "{\n  \"a\": [1, 2, 3,],  // the numbers\n  /* note */ \"b\": \"x, }\",\n}";
    assert_eq!(repair(raw), Ok(json!({"a": [1, 2, 3], "b": "x, }"})));
}

#[test]
fn slashes_and_commas_inside_strings_are_kept() {
    let raw = r#"{"url": "https://example.org/a,]", "note": "a /* not a comment */ b",}"#;
    assert_eq!(repair(raw), Ok(json!({"url": "https://example.org/a,]", "note": "a /* not a comment */ b"})));
}

#[test]
fn braces_in_the_prose_do_not_hide_the_answer() {
    let raw = "I used {your rules} and reference [1]. Result: {\"score\": 72, \"notes\": \"ok {fine}\"} — done [2].";
    assert_eq!(repair(raw), Ok(json!({"score": 72, "notes": "ok {fine}"})));
}

#[test]
fn a_reply_with_no_json_is_an_error_not_a_guess() {
    assert!(repair("I'm sorry, I can't help with that.").is_err());
    assert!(repair("").is_err());
    assert!(repair("   ").is_err());
    assert!(repair("{\"a\": ").is_err(), "a cut-off object is not completed by guessing");
}

#[test]
fn a_bare_scalar_is_returned_for_the_validator_to_refuse() {
    assert_eq!(repair("42"), Ok(json!(42)));
}

#[test]
fn one_object_in_an_array_is_unwrapped_only_when_an_object_is_wanted() {
    let object_schema = json!({"type": "object"});
    let array_schema = json!({"type": "array"});
    assert_eq!(fit_shape(json!([{"a": 1}]), &object_schema), json!({"a": 1}));
    assert_eq!(fit_shape(json!([{"a": 1}]), &array_schema), json!([{"a": 1}]));
    assert_eq!(fit_shape(json!([{"a": 1}, {"a": 2}]), &object_schema), json!([{"a": 1}, {"a": 2}]));
    assert_eq!(fit_shape(json!(["a"]), &object_schema), json!(["a"]));
}

/// Arbitrary JSON documents with nested objects and arrays, strings full of JSON punctuation.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        (-1.0e12f64..1.0e12).prop_map(Value::from),
        r#"[a-zA-Z0-9 {}\[\]",:/*\\`\n]{0,20}"#.prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,8}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map("[a-z_]{1,8}", json_value(), 0..6).prop_map(|m| Value::Object(m.into_iter().collect()))
}

/// Prose as models write it around an answer: words, punctuation, line breaks, no brackets.
fn prose() -> impl Strategy<Value = String> {
    "[A-Za-z0-9 ,.:;!?'\n-]{0,60}"
}

proptest! {
    #[test]
    fn valid_json_in_a_fence_between_prose_is_recovered_exactly(
        value in json_object(), before in prose(), after in prose(), tag in "(json|JSON|)", pretty in any::<bool>()
    ) {
        let body = if pretty { serde_json::to_string_pretty(&value).expect("serializes") } else { value.to_string() };
        let raw = format!("{before}\n```{tag}\n{body}\n```\n{after}");
        prop_assert_eq!(repair(&raw), Ok(value));
    }

    #[test]
    fn valid_json_wrapped_in_prose_alone_is_recovered_exactly(value in json_object(), before in prose(), after in prose()) {
        let raw = format!("{before} {value} {after}");
        prop_assert_eq!(repair(&raw), Ok(value));
    }

    #[test]
    fn valid_json_with_trailing_commas_added_is_recovered_exactly(value in json_object()) {
        // A comma before every closing bracket of the compact form (outside strings).
        let compact = value.to_string();
        let mut broken = String::new();
        let mut in_string = false;
        let mut escaped = false;
        for ch in compact.chars() {
            if !in_string && (ch == '}' || ch == ']') && !broken.ends_with('{') && !broken.ends_with('[') {
                broken.push(',');
            }
            if in_string {
                if escaped { escaped = false } else if ch == '\\' { escaped = true } else if ch == '"' { in_string = false }
            } else if ch == '"' {
                in_string = true;
            }
            broken.push(ch);
        }
        prop_assert_eq!(repair(&broken), Ok(value));
    }

    #[test]
    fn repair_never_panics_on_arbitrary_text(raw in "\\PC{0,200}") {
        let _ = repair(&raw);
    }
}
