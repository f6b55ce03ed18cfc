//! `clean_description` on Greenhouse, Ashby and plain-text descriptions.

use jobpilot::domain::description::clean_description;

use crate::{json, testdata};

fn greenhouse_content() -> String {
    let board = json("job_boards/recruitai/greenhouse.json");
    board["jobs"][0]["content"]
        .as_str()
        .expect("content is a string")
        .to_string()
}

fn ashby_html() -> String {
    let board = json("job_boards/ashby/replit.json");
    board["jobs"][0]["descriptionHtml"]
        .as_str()
        .expect("descriptionHtml is a string")
        .to_string()
}

fn assert_readable(text: &str) {
    assert!(
        !text.contains('<') || !text.contains("</"),
        "tags left in: {text}"
    );
    for entity in ["&lt;", "&gt;", "&amp;", "&quot;", "&nbsp;", "&#39;"] {
        assert!(!text.contains(entity), "entity {entity} left in");
    }
    assert!(!text.contains("\n\n\n"), "three newlines in a row");
    assert!(
        text.lines().all(|l| l == l.trim_end()),
        "trailing whitespace"
    );
    assert_eq!(text, text.trim(), "leading or trailing blank lines");
}

#[test]
fn entity_encoded_greenhouse_html_becomes_readable_text() {
    let text = clean_description(&greenhouse_content());
    assert_readable(&text);
    assert!(
        text.starts_with("About Anthropic\n\nAnthropic’s mission is to create reliable"),
        "{text}"
    );
    assert!(
        text.contains("AI systems.\n\nAbout the role\n\nAnthropic is seeking"),
        "{text}"
    );
}

#[test]
fn a_long_greenhouse_description_renders_its_lists_as_dashes() {
    let board = json("job_boards/careerkit/greenhouse.json");
    let content = board["jobs"][0]["content"]
        .as_str()
        .expect("content is a string");
    let text = clean_description(content);
    assert_readable(&text);
    assert!(
        text.starts_with("Amplitude is the leading AI analytics platform"),
        "{text}"
    );
    assert!(
        text.contains("\n- "),
        "list items become \"- \" lines: {text}"
    );
    assert!(
        !text.contains("href") && !text.contains("data-stringify"),
        "{text}"
    );
}

#[test]
fn ashby_html_keeps_paragraphs_and_list_items() {
    let text = clean_description(&ashby_html());
    assert_readable(&text);
    assert!(
        text.starts_with("Replit is the fastest way to turn ideas into software."),
        "{text}"
    );
    assert!(
        text.contains("identity & access, admin & governance"),
        "entities decoded: {text}"
    );
    assert!(
        text.contains("\n\nWhat You’ll Do:\n\n"),
        "paragraphs separated by a blank line: {text}"
    );
    assert!(
        text.contains("\n- Own enterprise foundations: lead roadmaps for SSO/SAML"),
        "{text}"
    );
}

#[test]
fn a_plain_text_description_passes_through_tidied() {
    let raw = testdata("job_descriptions/backend-eng.txt");
    let text = clean_description(&raw);
    assert_eq!(text, raw.trim_end());
}

#[test]
fn markdown_passes_through_untouched_apart_from_whitespace() {
    let raw = "## About us  \r\n\r\n\r\n\r\n* Python\n* **Rust**\n";
    assert_eq!(
        clean_description(raw),
        "## About us\n\n* Python\n* **Rust**"
    );
}

#[test]
fn scripts_and_their_content_never_survive() {
    let text =
        clean_description("<p>Hello</p><script>alert(1)</script><style>p{color:red}</style>");
    assert_eq!(text, "Hello");
}

#[test]
fn an_image_with_an_event_handler_never_survives() {
    let text = clean_description(r#"<p>Join us<img src=x onerror="alert(1)"></p>"#);
    assert_eq!(text, "Join us");
    let encoded = clean_description(
        "&lt;p&gt;Hi&lt;img src=x onerror=alert(1)&gt;&lt;/p&gt;&lt;script&gt;alert(2)&lt;/script&gt;",
    );
    assert_eq!(encoded, "Hi");
}

#[test]
fn a_literal_encoded_entity_inside_encoded_html_is_decoded_only_once() {
    let text = clean_description("&lt;p&gt;Use &amp;amp;lt;b&amp;amp;gt; tags&lt;/p&gt;");
    assert_eq!(text, "Use &lt;b&gt; tags");
}

#[test]
fn ordered_lists_are_numbered_and_headings_stand_alone() {
    let text =
        clean_description("<h2>Steps</h2><ol><li>Apply</li><li>Interview</li></ol><p>Thanks</p>");
    assert_eq!(text, "Steps\n1. Apply\n2. Interview\n\nThanks");
}

#[test]
fn empty_and_garbage_input_do_not_panic() {
    assert_eq!(clean_description(""), "");
    assert_eq!(clean_description("   \n\n "), "");
    let _ = clean_description("<<<>>><p <div =\"\u{0}\">&#xFFFFFFFF;&lt;");
}
