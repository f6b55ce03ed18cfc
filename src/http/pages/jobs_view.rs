//! How catalog values read on the job pages: pay with its currency, dates, and a plain-text
//! description split into paragraphs (rendered escaped, never as HTML).

use chrono::{DateTime, Utc};

use crate::services::search::Salary;

/// A currency's usual sign where it is unambiguous in English text; others show their code.
fn symbol(currency: &str) -> Option<&'static str> {
    match currency {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        "INR" => Some("₹"),
        _ => None,
    }
}

/// Whole units with thousands separators; cents only when there are some (hourly rates).
fn amount(cents: i32) -> String {
    let cents = i64::from(cents).unsigned_abs();
    let units = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, digit) in units.chars().enumerate() {
        if i > 0 && (units.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match cents % 100 {
        0 => grouped,
        rest => format!("{grouped}.{rest:02}"),
    }
}

pub(super) fn money(cents: i32, currency: &str) -> String {
    match symbol(currency) {
        Some(sign) => format!("{sign}{}", amount(cents)),
        None => format!("{currency} {}", amount(cents)),
    }
}

fn per(period: Option<&str>) -> &'static str {
    match period {
        Some("hour") => " an hour",
        Some("day") => " a day",
        Some("week") => " a week",
        Some("month") => " a month",
        Some("year") => " a year",
        _ => "",
    }
}

/// "$180,000 – $250,000 a year", "From €60,000", "CHF 45.50 an hour".
pub fn salary_text(salary: &Salary) -> Option<String> {
    let currency = salary.currency.as_str();
    let range = match (salary.min_cents, salary.max_cents) {
        (Some(min), Some(max)) if min == max => money(min, currency),
        (Some(min), Some(max)) => format!("{} – {}", money(min, currency), money(max, currency)),
        (Some(min), None) => format!("From {}", money(min, currency)),
        (None, Some(max)) => format!("Up to {}", money(max, currency)),
        (None, None) => return None,
    };
    Some(format!("{range}{}", per(salary.period.as_deref())))
}

/// "26 Nov 2026" (UTC): a posting's day is what matters, not its minute.
pub fn date_text(time: &DateTime<Utc>) -> String {
    time.format("%-d %b %Y").to_string()
}

/// Paragraphs (split at blank lines), each a list of lines, so the template can keep the
/// description's layout while escaping every piece of it.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in text.lines().map(str::trim_end) {
        if line.trim().is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line.to_string());
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn salary(min: Option<i32>, max: Option<i32>, currency: &str, period: Option<&str>) -> Salary {
        Salary { min_cents: min, max_cents: max, currency: currency.into(), period: period.map(String::from), origin: None, evidence: None }
    }

    #[test]
    fn pay_reads_with_its_currency_and_period() {
        let usd = salary(Some(18_000_000), Some(25_000_000), "USD", Some("year"));
        assert_eq!(salary_text(&usd).as_deref(), Some("$180,000 – $250,000 a year"));
        let eur = salary(Some(6_000_000), None, "EUR", None);
        assert_eq!(salary_text(&eur).as_deref(), Some("From €60,000"));
        let chf = salary(None, Some(4_550), "CHF", Some("hour"));
        assert_eq!(salary_text(&chf).as_deref(), Some("Up to CHF 45.50 an hour"));
        assert_eq!(salary_text(&salary(Some(100), Some(100), "GBP", None)).as_deref(), Some("£1"));
    }

    #[test]
    fn a_description_keeps_its_paragraphs_and_lines() {
        let text = "About us\nWe build things.\n\n\n- Rust\n- SQL\n  \nThanks";
        assert_eq!(
            paragraphs(text),
            vec![vec!["About us", "We build things."], vec!["- Rust", "- SQL"], vec!["Thanks"]]
        );
    }
}
