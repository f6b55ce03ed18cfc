//! Recovers the JSON a language model meant from the text it actually wrote.
//!
//! Small local models often wrap their answer in a ```json fence, put a sentence before or after
//! it, leave a trailing comma or a `//` comment, or answer `[ {…} ]` when one object was asked
//! for. Each repair here only removes what is not JSON or unwraps one level of wrapping: it never
//! invents a key or a value, so whatever comes out still goes through schema validation.

use serde_json::Value;

/// The JSON value in `raw`, or why none could be found (quoted back to the model on retry).
pub fn repair(raw: &str) -> Result<Value, String> {
    let text = raw.trim().trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err("the reply was empty".to_string());
    }
    if let Some(value) = parse_lenient(text) {
        return Ok(value);
    }
    // Inside a fence first: the fence says where the model meant its answer to be.
    for fenced in fenced_blocks(text) {
        if let Some(value) = parse_lenient(fenced.trim()).filter(is_container) {
            return Ok(value);
        }
    }
    if let Some(value) = longest_embedded(text) {
        return Ok(value);
    }
    Err("the reply contained no JSON object".to_string())
}

/// Unwraps `[ {…} ]` into `{…}` when the schema asks for an object: a common way small models
/// answer "return an object". Anything else is left for the validator to judge.
pub fn fit_shape(value: Value, schema: &Value) -> Value {
    let wants_object = schema.get("type").and_then(Value::as_str) == Some("object");
    match value {
        Value::Array(mut items) if wants_object && items.len() == 1 && items[0].is_object() => items.remove(0),
        other => other,
    }
}

fn is_container(value: &Value) -> bool {
    value.is_object() || value.is_array()
}

/// Parses as is, then without comments and trailing commas.
fn parse_lenient(text: &str) -> Option<Value> {
    serde_json::from_str(text).ok().or_else(|| serde_json::from_str(&strip_noise(text)).ok())
}

/// The contents of each ``` fence, in order (the language tag after the opening fence dropped).
fn fenced_blocks(text: &str) -> Vec<&str> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("```") {
        let after = &rest[open + 3..];
        // The rest of the opening line is the language tag (`json`, `JSON`, nothing).
        let body_start = after.find('\n').map_or(after.len(), |i| i + 1);
        let tag = &after[..body_start];
        let body = if tag.trim().chars().all(|c| c.is_ascii_alphanumeric()) { &after[body_start..] } else { after };
        match body.find("```") {
            Some(close) => {
                blocks.push(&body[..close]);
                rest = &body[close + 3..];
            }
            None => {
                // An unclosed fence (the reply was cut off, or the model forgot): take the rest.
                blocks.push(body);
                break;
            }
        }
    }
    blocks
}

/// The longest `{…}` or `[…]` inside prose that parses (leniently) as a JSON object or array.
/// Longest, not first: prose such as "see [1]" before the answer must not win over it.
fn longest_embedded(text: &str) -> Option<Value> {
    let mut best: Option<(usize, Value)> = None;
    let mut start = 0;
    while let Some(offset) = text[start..].find(['{', '[']) {
        let at = start + offset;
        match balanced_end(&text[at..]).and_then(|end| parse_lenient(&text[at..at + end]).filter(is_container).map(|v| (end, v))) {
            Some((end, value)) => {
                if best.as_ref().is_none_or(|(len, _)| end > *len) {
                    best = Some((end, value));
                }
                // Whatever is nested in this span is part of it, not another candidate.
                start = at + end;
            }
            None => start = at + 1,
        }
    }
    best.map(|(_, value)| value)
}

/// Length of the bracketed span `text` starts with, tracking strings and escapes, or `None`
/// when it never closes.
fn balanced_end(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for (i, ch) in text.char_indices() {
        if in_string {
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match ch {
            '"' => in_string = true,
            '{' | '[' => depth += 1,
            '}' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i + ch.len_utf8());
                }
            }
            _ => {}
        }
    }
    None
}

/// Drops `//` and `/* */` comments and commas right before `}` or `]`, outside strings.
fn strip_noise(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    let mut escaped = false;
    while i < chars.len() {
        let ch = chars[i];
        if in_string {
            out.push(ch);
            match ch {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match (ch, chars.get(i + 1)) {
            ('"', _) => {
                in_string = true;
                out.push(ch);
                i += 1;
            }
            ('/', Some('/')) => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                i += 2;
                while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            (',', _) => {
                let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
                if !matches!(next, Some('}') | Some(']')) {
                    out.push(ch);
                }
                i += 1;
            }
            _ => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
#[path = "repair_tests.rs"]
mod tests;
