//! Reads a pay range out of free text ("$180K – $250K", "€60.000–75.000", "$45 - $60/hr").

use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::domain::posting::{PayPeriod, Salary};

/// Above these (major units) a figure is a parsing accident or a joke, not pay.
const MAX_PER_YEAR: f64 = 10_000_000.0;
const MAX_PER_HOUR: f64 = 10_000.0;
/// How far around the amounts the period ("per hour", "annual") may be said.
const PERIOD_WINDOW_AFTER: usize = 32;
const PERIOD_WINDOW_BEFORE: usize = 40;

/// The first pay range in `text`, in cents. A figure counts as pay only when it names a currency
/// or a pay period, so "4+ years", "2024-2025" or "5M users" are never read as salaries. The
/// currency and period are `None` when the text does not say them; upside-down, zero and absurd
/// ranges give `None` rather than a wrong salary.
pub fn parse_salary_text(text: &str) -> Option<Salary> {
    range_regex()
        .captures_iter(text)
        .find_map(|caps| salary_from(text, &caps))
}

fn range_regex() -> &'static Regex {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    RANGE.get_or_init(|| {
        let amount = |i: u8| {
            format!(
                r"(?P<c{i}>{CURRENCY})?\s?(?P<n{i}>{NUMBER})(?:(?P<s{i}>[kKmM]|mn)(?-u:\b)|\s?(?P<w{i}>million|thousand)(?-u:\b))?(?:\s?(?P<d{i}>{CODE})(?-u:\b))?"
            )
        };
        let pattern = format!(
            r"(?i:(?P<lead>from|starting at|starts at|up to|upto|maximum of|minimum of|at least)\s+)?{}(?:\s*(?:-|–|—|~|(?-u:\b)to(?-u:\b)|(?-u:\b)and(?-u:\b))\s*{})?",
            amount(1),
            amount(2)
        );
        Regex::new(&pattern).expect("static regex compiles")
    })
}

const CODE: &str =
    r"USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|SGD|HKD|CNY|BRL|MXN|ZAR|ILS|CZK";
const CURRENCY: &str = r"CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|US\$|\$|€|£|¥|₹|(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|SGD|HKD|CNY|BRL|MXN|ZAR|ILS|CZK)\s?";
/// Grouped thousands ("180,000", European "60.000") before plain numbers with decimals.
const NUMBER: &str = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?";

fn salary_from(text: &str, caps: &Captures) -> Option<Salary> {
    let whole = caps.get(0)?;
    let currency = ["c1", "d1", "c2", "d2"]
        .iter()
        .find_map(|g| caps.name(g))
        .and_then(|m| currency_code(m.as_str()));
    let period = period_near(text, whole.start(), whole.end());
    if currency.is_none() && period.is_none() {
        return None; // a bare number is not pay
    }
    if is_benefit(&text[whole.end()..floor_boundary(text, whole.end() + PERIOD_WINDOW_AFTER)]) {
        return None; // "$10k Housing Stipend", "$5,000 learning budget": money, but not pay
    }
    let first = amount(caps, 1)?;
    let second = match caps.name("n2") {
        Some(_) => Some(amount(caps, 2)?),
        None => None,
    };
    let (min, max) = bounds(caps, first, second)?;
    let limit = if period == Some(PayPeriod::Hour) {
        MAX_PER_HOUR
    } else {
        MAX_PER_YEAR
    };
    let too_big = |v: Option<f64>| v.is_some_and(|v| v > limit);
    if too_big(min) || too_big(max) {
        return None;
    }
    Some(Salary {
        min_cents: min.map(to_cents),
        max_cents: max.map(to_cents),
        currency,
        period,
    })
}

/// The bounds of the range; "from" and "up to" leave one side open. A range whose second
/// figure has the only multiplier ("60-75k") applies it to both.
fn bounds(
    caps: &Captures,
    first: Amount,
    second: Option<Amount>,
) -> Option<(Option<f64>, Option<f64>)> {
    let lead = caps.name("lead").map(|m| m.as_str().to_ascii_lowercase());
    let (min, max) = match second {
        Some(second) => {
            let shared = first.multiplier == 1 && second.multiplier > 1 && first.value < 1000.0;
            let first = first.value
                * f64::from(if shared {
                    second.multiplier
                } else {
                    first.multiplier
                });
            (Some(first), Some(second.major()))
        }
        None => {
            let v = first.major();
            match lead.as_deref() {
                Some("up to" | "upto" | "maximum of") => (None, Some(v)),
                Some(_) => (Some(v), None),
                None => (Some(v), Some(v)),
            }
        }
    };
    let positive = |v: Option<f64>| v.is_none_or(|v| v > 0.0);
    if !positive(min) || !positive(max) {
        return None;
    }
    match (min, max) {
        (Some(lo), Some(hi)) if lo > hi => None, // upside down: a misread, not a range
        _ => Some((min, max)),
    }
}

#[derive(Clone, Copy)]
struct Amount {
    value: f64,
    multiplier: u32,
}

impl Amount {
    fn major(self) -> f64 {
        self.value * f64::from(self.multiplier)
    }
}

fn amount(caps: &Captures, i: u8) -> Option<Amount> {
    let value = parse_number(caps.name(&format!("n{i}"))?.as_str())?;
    let word = caps
        .name(&format!("w{i}"))
        .map(|m| m.as_str().to_ascii_lowercase());
    let suffix = caps
        .name(&format!("s{i}"))
        .map(|m| m.as_str().to_ascii_lowercase());
    let multiplier = match (suffix.as_deref(), word.as_deref()) {
        (Some("k"), _) | (_, Some("thousand")) => 1_000,
        (Some("m" | "mn"), _) | (_, Some("million")) => 1_000_000,
        _ => 1,
    };
    Some(Amount { value, multiplier })
}

/// "180,000" and "60.000" are thousands; "40.00", "2.4" and "1,5" are decimals.
fn parse_number(raw: &str) -> Option<f64> {
    let last_sep = raw.rfind(['.', ',']);
    let normalised: String = match last_sep {
        Some(pos) if raw.len() - pos - 1 == 3 => raw.chars().filter(char::is_ascii_digit).collect(),
        Some(pos) => {
            let int: String = raw[..pos].chars().filter(char::is_ascii_digit).collect();
            format!("{int}.{}", &raw[pos + 1..])
        }
        None => raw.to_string(),
    };
    normalised.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn to_cents(major: f64) -> i64 {
    (major * 100.0).round() as i64
}

fn currency_code(raw: &str) -> Option<String> {
    let code = match raw.trim() {
        "$" | "US$" => "USD",
        "CA$" | "C$" => "CAD",
        "AU$" | "A$" => "AUD",
        "NZ$" => "NZD",
        "HK$" => "HKD",
        "S$" => "SGD",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        code if code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()) => code,
        _ => return None,
    };
    Some(code.to_string())
}

/// The pay period said right after the amounts ("/hr", "per year") or just before them
/// ("hourly rate of", "annual base salary").
fn period_near(text: &str, start: usize, end: usize) -> Option<PayPeriod> {
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let re = PERIOD.get_or_init(|| {
        Regex::new(r"(?i)(?:/\s*|(?-u:\b)per\s+|(?-u:\b)an?\s+)(?P<u>hour|hr|h|year|yr|annum|month|mo|week|wk|day)(?-u:\b)|(?-u:\b)(?P<a>hourly|annually|annual|yearly|monthly|weekly|daily|p\.a)(?-u:\b)")
            .expect("static regex compiles")
    });
    let after = &text[end..floor_boundary(text, end + PERIOD_WINDOW_AFTER)];
    let before = &text[floor_boundary(text, start.saturating_sub(PERIOD_WINDOW_BEFORE))..start];
    let find = |s: &str| {
        re.captures(s)
            .and_then(|c| period_word(c.name("u").or(c.name("a"))?.as_str()))
    };
    find(after).or_else(|| find(before))
}

fn is_benefit(after: &str) -> bool {
    static BENEFIT: OnceLock<Regex> = OnceLock::new();
    let re = BENEFIT.get_or_init(|| {
        Regex::new(r"(?i)^\s*(?:[\w-]+\s+){0,2}(?:stipend|budget|allowance|bonus|relocation|reimbursement)(?-u:\b)")
            .expect("static regex compiles")
    });
    re.is_match(after)
}

fn period_word(word: &str) -> Option<PayPeriod> {
    Some(match word.to_ascii_lowercase().as_str() {
        "hour" | "hr" | "h" | "hourly" => PayPeriod::Hour,
        "day" | "daily" => PayPeriod::Day,
        "week" | "wk" | "weekly" => PayPeriod::Week,
        "month" | "mo" | "monthly" => PayPeriod::Month,
        "year" | "yr" | "annum" | "annually" | "annual" | "yearly" | "p.a" => PayPeriod::Year,
        _ => return None,
    })
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// TEMPORARY shim until the pay-context parser lands (replaced wholesale by that branch).
/// A salary read from text, with the words it was read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalaryFound {
    pub salary: Salary,
    pub evidence: String,
}
pub fn salary_from_summary(text: &str) -> Option<SalaryFound> {
    parse_salary_text(text).map(|salary| SalaryFound { salary, evidence: text.to_string() })
}
pub fn salary_from_description(text: &str) -> Option<SalaryFound> {
    parse_salary_text(text).map(|salary| SalaryFound { salary, evidence: text.chars().take(200).collect() })
}
pub fn plausible(_salary: &Salary) -> bool {
    true
}
