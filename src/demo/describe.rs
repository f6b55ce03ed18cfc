//! The HTML description of a demo posting, laid out the way real boards write them: about the
//! company, about the role, responsibilities, requirements, benefits, pay.

use html_escape::encode_text;

use super::companies::Company;
use super::rng::Rng;

/// What the description says; everything in it was decided by the generator.
pub struct Facts<'a> {
    pub company: &'a Company,
    pub title: &'a str,
    pub team: &'a str,
    pub years: u32,
    pub duties: &'a [&'static str],
    pub skills: &'a [&'static str],
    pub nice_to_have: &'a [&'static str],
    pub benefits: &'a [&'static str],
    /// The pay range as a sentence, when the posting states one.
    pub pay: Option<String>,
}

/// Openers for the "about the role" paragraph; `{title}` and `{team}` are filled in.
const ROLE_INTROS: [&str; 4] = [
    "We are looking for a {title} to join our {team} team.",
    "As a {title} on the {team} team, you will have real ownership from your first week.",
    "Our {team} team is growing, and we are hiring a {title} to help it grow well.",
    "This {title} role sits in our {team} team and works across the whole company.",
];

const CLOSINGS: [&str; 3] = [
    "We are an equal opportunity employer and welcome applications from people of every background.",
    "Not sure you tick every box? Apply anyway: we care more about how you think than about a checklist.",
    "We review every application by hand and reply to everyone within two weeks.",
];

/// The description as HTML. Every interpolated value is escaped, though all of them come from
/// the generator's own lists, so the result is safe even if a list one day contains a `<`.
pub fn html(facts: &Facts, rng: &mut Rng) -> String {
    let company = facts.company;
    let name = encode_text(&company.name);
    let mut out = String::with_capacity(2_000);
    out.push_str(&format!(
        "<h2>About {name}</h2>\n<p>{name} {}. We are a team of {} people in {}.</p>\n",
        encode_text(company.pitch),
        company.size.replace('-', " to "),
        encode_text(&offices(company)),
    ));
    let intro = rng
        .pick(&ROLE_INTROS)
        .replace("{title}", facts.title)
        .replace("{team}", facts.team);
    out.push_str(&format!("<h2>About the role</h2>\n<p>{}</p>\n", encode_text(&intro)));
    list(&mut out, "What you will do", facts.duties.iter().map(|d| d.to_string()));
    let mut asks = vec![format!("{}+ years of professional experience in a similar role", facts.years)];
    let (strong, familiar) = facts.skills.split_at(facts.skills.len().min(2));
    if !strong.is_empty() {
        asks.push(format!("Strong, hands-on experience with {}", strong.join(" and ")));
    }
    if !familiar.is_empty() {
        asks.push(format!("Familiarity with {}", joined(familiar)));
    }
    asks.push("Clear written communication and a habit of documenting decisions".into());
    list(&mut out, "What we are looking for", asks.into_iter());
    if !facts.nice_to_have.is_empty() {
        list(&mut out, "Nice to have", facts.nice_to_have.iter().map(|s| format!("Experience with {s}")));
    }
    list(&mut out, "What we offer", facts.benefits.iter().map(|b| b.to_string()));
    if let Some(pay) = &facts.pay {
        out.push_str(&format!("<p>{}</p>\n", encode_text(pay)));
    }
    out.push_str(&format!("<p><em>{}</em></p>\n", encode_text(rng.pick(&CLOSINGS))));
    out
}

fn list(out: &mut String, heading: &str, items: impl Iterator<Item = String>) {
    out.push_str(&format!("<h3>{}</h3>\n<ul>\n", encode_text(heading)));
    for item in items {
        out.push_str(&format!("<li>{}</li>\n", encode_text(&item)));
    }
    out.push_str("</ul>\n");
}

/// "a, b and c".
fn joined(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The company's office cities, e.g. "Berlin and London".
fn offices(company: &Company) -> String {
    let cities: Vec<&str> = company
        .offices
        .iter()
        .map(|o| o.location.split(',').next().unwrap_or(o.location))
        .collect();
    joined(&cities)
}
