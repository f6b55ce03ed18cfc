//! The digest email: new matches of one saved search, as HTML and plain text, with a link to
//! the feed and a one-click unsubscribe link that works without logging in.

use askama::Template;
use lettre::Message;
use lettre::message::header::{self, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};

/// One posting named in a digest.
pub struct DigestPosting {
    pub title: String,
    pub company: Option<String>,
    pub fit_score: i64,
    pub rationale: Option<String>,
    pub url: String,
}

/// Everything a digest says.
pub struct Digest {
    pub search_name: String,
    pub count: usize,
    pub postings: Vec<DigestPosting>,
    pub feed_url: String,
    pub unsubscribe_url: String,
}

#[derive(Template)]
#[template(path = "email/digest.html")]
struct HtmlPart<'a> {
    d: &'a Digest,
}

#[derive(Template)]
#[template(path = "email/digest.txt", escape = "none")]
struct TextPart<'a> {
    d: &'a Digest,
}

impl Digest {
    pub fn subject(&self) -> String {
        let plural = if self.count == 1 { "" } else { "es" };
        format!("{} new match{plural} for \"{}\"", self.count, self.search_name)
    }

    /// The message, multipart/alternative (text first, HTML preferred), with List-Unsubscribe
    /// headers so mail clients offer their own unsubscribe button (RFC 2369, RFC 8058).
    pub fn message(&self, from: Mailbox, to: Mailbox) -> anyhow::Result<Message> {
        let html = HtmlPart { d: self }.render()?;
        let text = TextPart { d: self }.render()?;
        let mut builder = Message::builder().from(from).to(to).subject(self.subject());
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{}>", self.unsubscribe_url),
        ));
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".to_string(),
        ));
        let body = MultiPart::alternative()
            .singlepart(SinglePart::builder().header(header::ContentType::TEXT_PLAIN).body(text))
            .singlepart(SinglePart::builder().header(header::ContentType::TEXT_HTML).body(html));
        Ok(builder.multipart(body)?)
    }
}
