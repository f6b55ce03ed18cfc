//! Reads pay out of text: a board's compensation summary ("$180K – $250K") or a posting's
//! description, where a money amount counts only inside a phrase about pay.
//!
//! A money amount names a currency ("$", "€", "USD", "CAD$"…) or, bare, has its period right
//! after it ("60-75k per year"); "4+ years" or "2024-2025" never are. A summary is about pay, so
//! its first plausible amount that is not a benefit is the salary. In a description an amount
//! must also pass these rules; the first that does, in text order, is the salary:
//!
//! - **In a pay phrase.** One of: a pay word (salary, compensation, pay, wage, OTE, on-target
//!   earnings, hourly/day rate, "Base:"…) in the amounts' sentence, at most 100 bytes before or
//!   60 after them; a pay noun right next to them ("$150K base", "earn $5,000"); an hourly period
//!   right after them ("$45–$60/hr"), or any period right after them on a short line
//!   ("- $2,400 per week"; in prose "clients save $5,000 per year" needs a pay word); or, for a
//!   short line (≤ 80 characters) with a currency, a pay heading (≤ 60 characters with a pay
//!   word: "Compensation", "Pay Transparency", "The base pay range for this role is:") among the
//!   3 non-empty lines above. A sentence ends at `;`, or at `.`, `!`, `?` before a space and not
//!   before an amount ("approx. $150K" is one sentence); nothing crosses a line.
//! - **Not company money, not a benefit.** No million or billion suffix (M, MM, mn, B, bn,
//!   million, billion; "K" is fine): at that scale it is funding, revenue or a valuation. And not
//!   attached to a funding or business word (raised, Series, valuation, revenue, ARR, funding,
//!   backed, investors, round, seed, capital, deals, quota, spend, save…) or a benefit word
//!   (bonus, sign-on, stipend, budget, allowance, equity, relocation, reimbursement, commission,
//!   learning, home office…). Attached means the nearest word before the amounts past at most 3
//!   linking words ("raised over $200M", "ARR of $40M", "bonus: $10k"), or one of the 5 words
//!   after them, stopping at punctuation, "and", "plus", "+" or another amount ("$10k sign-on
//!   bonus", "$40M in ARR"; "Base $150K–$180K plus a $10k bonus" is the base).
//! - **Plausible** for its period ([`plausible`]).
//!
//! Uber's "The total on-target earnings (OTE) range … is USD $X - $Y The OTE includes a base
//! salary range of …" gives the OTE range, the first one said.

use std::sync::OnceLock;

use regex::{Captures, Regex};

use crate::domain::posting::{PayPeriod, Salary};

/// A salary read from text, with the words it was read from (so a wrong one can be traced).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SalaryFound {
    pub salary: Salary,
    /// The pay phrase the amounts were read from, whitespace collapsed, at most 200 characters
    /// (cut on a character boundary): their line, or their sentence when the line is longer, or
    /// the pay heading and the line under it.
    pub evidence: String,
}

/// The longest evidence kept, in characters.
const EVIDENCE_CHARS: usize = 200;
/// How far from the amounts (bytes, same sentence) a pay word makes them a pay phrase. Wide
/// before, since "The base weekly salary range for this role while working at … is $X" is real.
const PAY_WORD_BEFORE: usize = 100;
const PAY_WORD_AFTER: usize = 60;
/// How far before the amounts a period may be said ("hourly rate of $35", "annual base salary
/// of $100,000"); after them it must follow within two words ("$180,000 annual base salary").
const PERIOD_BEFORE: usize = 40;
/// A line no longer than this (characters, trimmed) may take its pay context from a heading.
const SHORT_LINE: usize = 80;
/// A heading is a line no longer than this (characters, trimmed) holding a pay word…
const HEADING_CHARS: usize = 60;
/// …among this many non-empty lines above the amounts.
const HEADING_LINES: usize = 3;
/// How many words after the amounts can tie them to a funding or benefit word.
const AFTER_WORDS: usize = 5;
/// How many linking words ("of", "by", "a", "over") may sit between such a word and the amounts.
const BEFORE_LINKS: usize = 3;
/// From this multiplier on an amount is company money, not pay (descriptions only).
const MILLION: u32 = 1_000_000;

/// A field that is itself about pay (Ashby's compensation summary "$180K – $250K"): no pay words
/// needed. The first plausible amount or range that names a currency or a period, and is not a
/// benefit ("$10k Housing Stipend"), is the salary.
pub fn salary_from_summary(text: &str) -> Option<SalaryFound> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    range_regex()
        .captures_iter(text)
        .find_map(|caps| from_summary(text, &caps))
}

/// A posting's description: a money amount counts only inside a pay phrase (see the module
/// documentation for the rules and windows).
pub fn salary_from_description(text: &str) -> Option<SalaryFound> {
    // Every amount has a digit: most postings are rejected here without a regex pass.
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let ranges = range_regex();
    // Most matches are bare numbers ("4+ years", "2024"): found with the fast engine alone, and
    // only a match that may be money pays for its capture groups.
    ranges
        .find_iter(text)
        .filter(|m| may_be_money(text, m.start(), m.end()))
        .find_map(|m| from_description(text, &ranges.captures_at(text, m.start())?))
}

/// A cheap look at a match before its groups are read: it has a currency sign or code (or a "K"),
/// or a period may follow it.
fn may_be_money(text: &str, start: usize, end: usize) -> bool {
    text[start..end]
        .bytes()
        .any(|b| b == b'$' || b >= 0x80 || b.is_ascii_uppercase())
        || may_start_with_period(&text[end..])
}

/// Whether a salary (from any source, structured ones too) is within the plausibility bounds of
/// its period: positive, not upside down, and each given bound inside `bounds_for` its period,
/// scaled by the currency's `unit_factor`. A salary with neither bound is not plausible (it says
/// nothing).
///
/// Without a period none is inferred, but the amounts must all look hourly (5–1,000) or all look
/// yearly (5,000–2,000,000): "$45 – $60" and "$180K" pass, "$3", "$2,400" or "$900 – $6,000"
/// (which could be anything) do not.
pub fn plausible(salary: &Salary) -> bool {
    let factor = salary.currency.as_deref().map_or(1.0, unit_factor);
    let given: Vec<f64> = [salary.min_cents, salary.max_cents]
        .into_iter()
        .flatten()
        .map(|cents| cents as f64 / 100.0 / factor)
        .collect();
    if given.is_empty() || given.iter().any(|&v| v <= 0.0) {
        return false;
    }
    if let (Some(lo), Some(hi)) = (salary.min_cents, salary.max_cents)
        && lo > hi
    {
        return false;
    }
    let within = |(lo, hi): (f64, f64)| given.iter().all(|&v| (lo..=hi).contains(&v));
    match salary.period {
        Some(period) => within(bounds_for(period)),
        None => within(bounds_for(PayPeriod::Hour)) || within(bounds_for(PayPeriod::Year)),
    }
}

/// Plausible pay per period in a dollar-like major unit. Hour and year are the agreed limits; the
/// others sit between them: a day is 8 hours of the hourly bounds, a week runs from 20 part-time
/// hours at the floor to 40 at the ceiling, a month from a part-time job to 1/12 of the yearly
/// ceiling.
fn bounds_for(period: PayPeriod) -> (f64, f64) {
    match period {
        PayPeriod::Hour => (5.0, 1_000.0),
        PayPeriod::Day => (40.0, 8_000.0),
        PayPeriod::Week => (100.0, 40_000.0),
        PayPeriod::Month => (400.0, 170_000.0),
        PayPeriod::Year => (5_000.0, 2_000_000.0),
    }
}

/// Roughly how many units of `currency` make a dollar-like unit, rounded to an order of magnitude,
/// so that "¥8,000,000" a year or "₹1,200,000" a year stay plausible. Currencies not listed are
/// taken as dollar-like (1): USD, EUR, GBP, CHF, CAD, AUD, PLN, BRL… are within a factor of five.
fn unit_factor(currency: &str) -> f64 {
    match currency {
        "SEK" | "NOK" | "DKK" | "MXN" | "ZAR" | "CZK" | "HKD" | "CNY" => 10.0,
        "TWD" | "THB" => 30.0,
        "INR" => 50.0,
        "JPY" => 100.0,
        "HUF" => 300.0,
        "KRW" | "CLP" => 1_000.0,
        "COP" => 4_000.0,
        "IDR" => 10_000.0,
        "VND" => 20_000.0,
        _ => 1.0,
    }
}

/// One amount or range as the range regex matched it, before any context is looked at.
struct Range {
    start: usize,
    end: usize,
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    /// The largest multiplier any figure had ("K" 1,000, "M" 1,000,000).
    multiplier: u32,
}

/// A byte span of the text.
#[derive(Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
}

fn from_summary(text: &str, caps: &Captures) -> Option<SalaryFound> {
    let range = read_range(text, caps)?;
    let line = line_around(text, range.start, range.end);
    let sentence = sentence_around(text, line, range.start, range.end);
    let period = period_after(&text[range.end..sentence.end])
        .map(|said| said.period)
        .or_else(|| period_before(text, sentence.start, range.start));
    if range.currency.is_none() && period.is_none() {
        return None; // a bare number is not pay
    }
    let salary = salary_of(&range, period);
    if !plausible(&salary) || attached(text, sentence, &range) == Attached::NotPay {
        return None;
    }
    let evidence = evidence(text, line, sentence, range.start);
    Some(SalaryFound { salary, evidence })
}

fn from_description(text: &str, caps: &Captures) -> Option<SalaryFound> {
    if !CURRENCY_GROUPS.iter().any(|g| caps.name(g).is_some())
        && !caps
            .get(0)
            .is_some_and(|m| may_start_with_period(&text[m.end()..]))
    {
        return None; // most numbers ("4+ years", "2024"): bare, and no period after them
    }
    let range = read_range(text, caps)?;
    if range.multiplier >= MILLION {
        return None; // "$100M Series C", "$3.1B valuation": company money, never pay
    }
    let line = line_around(text, range.start, range.end);
    let sentence = sentence_around(text, line, range.start, range.end);
    let said_after = period_after(&text[range.end..sentence.end]);
    if range.currency.is_none() && !said_after.is_some_and(|said| said.adjacent) {
        // "10k+ videos monthly", "20 dials per day": a bare number needs its period right after it.
        return None;
    }
    let period = said_after
        .map(|said| said.period)
        .or_else(|| period_before(text, sentence.start, range.start));
    let salary = salary_of(&range, period);
    if !plausible(&salary) {
        return None;
    }
    let next_to = attached(text, sentence, &range);
    if next_to == Attached::NotPay {
        return None;
    }
    let word = pay_word_near(text, sentence, &range);
    let evidence =
        if word.is_some() || next_to == Attached::Pay || period_makes_pay(said_after, text, line) {
            let focus = word.map_or(range.start, |w| w.min(range.start));
            Some(evidence(text, line, sentence, focus))
        } else {
            under_pay_heading(text, line, &range)
        }?;
    Some(SalaryFound { salary, evidence })
}

/// A period right after the amounts makes them pay on its own when it is hourly ("$45–$60/hr"),
/// or on a short line ("- $2,400 per week"); in prose, "clients save $5,000 per year" needs a
/// pay word.
fn period_makes_pay(said: Option<PeriodSaid>, text: &str, line: Span) -> bool {
    said.is_some_and(|said| {
        said.adjacent
            && (said.period == PayPeriod::Hour
                || text[line.start..line.end].trim().chars().count() <= SHORT_LINE)
    })
}

fn salary_of(range: &Range, period: Option<PayPeriod>) -> Salary {
    Salary {
        min_cents: range.min.map(to_cents),
        max_cents: range.max.map(to_cents),
        currency: range.currency.clone(),
        period,
    }
}

fn range_regex() -> &'static Regex {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    RANGE.get_or_init(|| {
        let amount = |i: u8| {
            format!(
                r"(?P<c{i}>{CURRENCY})?\s?(?P<n{i}>{NUMBER})(?:(?P<s{i}>{SUFFIX})(?-u:\b)|\s?(?P<w{i}>(?i:thousand|million|billion))(?-u:\b))?(?:\s?(?P<d{i}>(?:{CODE})(?-u:\b)|[€£₹₩₪]))?{NOTE}"
            )
        };
        let pattern = format!(
            r"(?i:(?P<lead>from|starting at|starts at|up to|upto|maximum of|minimum of|at least)\s+)?{}(?:{GAP}{SEP}{}(?:{GAP}{SEP}{})?)?",
            amount(1),
            amount(2),
            amount(3)
        );
        // A range never runs across lines: "$30 - $50 / hour\n- 10 - 20 hours" is two things.
        let one_line = pattern.replace(r"\s", r"[^\S\n]");
        Regex::new(&one_line).expect("static regex compiles")
    })
}

const CODE: &str = r"USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|SGD|HKD|CNY|BRL|MXN|ZAR|ILS|CZK|KRW|IDR|HUF|TWD|THB|CLP|COP|VND|AED|RON";
/// A code glued to a dollar sign ("USD$", "CAD $") before the bare sign, so Canadian dollars are
/// not read as US ones.
const CURRENCY: &str = r"(?:USD|CAD|AUD|NZD|SGD|HKD|MXN)\s?\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|US\$|R\$|\$|€|£|¥|₹|₩|₪|(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|SGD|HKD|CNY|BRL|MXN|ZAR|ILS|CZK|KRW|IDR|HUF|TWD|THB|CLP|COP|VND|AED|RON)\s?";
/// Grouped thousands before plain numbers, each with one grouping mark throughout (so "$190,000
/// 100% remote" is not one figure): Indian "12,00,000", "180,000.50", European "60.000,50",
/// "45 000" (French, Nordic) and Swiss "120'000". Plain numbers may have decimals ("40.00", "2.4",
/// "1,5").
const NUMBER: &str = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:[ \u{202f}]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:['’]\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?";
/// Longest first: "mm" is millions, not "m" followed by "m".
const SUFFIX: &str = r"mm|MM|mn|bn|Bn|BN|[kKmMbB]";
/// A label after a figure, as in "$170,700 (min) — $213,400 (mid) — $256,100 (max)".
const NOTE: &str = r"(?:\s?\((?i:min|max|mid|minimum|maximum|midpoint|median|gross|net)\))?";
/// A period between the two figures of a range: "USD$157,000 per year - USD$174,000 per year".
const GAP: &str =
    r"(?:\s*(?i:/\s*(?:hour|hr|year|yr)|per\s+(?:hour|year|annum)|an?\s+(?:hour|year)))?";
const SEP: &str = r"\s*(?:-|–|—|‒|−|~|(?-u:\b)to(?-u:\b)|(?-u:\b)and(?-u:\b))\s*";

/// The figures of a match as a range; "from" and "up to" leave one side open, and a range of
/// three ("min — mid — max") runs from the first to the last. Upside-down and zero ranges give
/// `None`: a misread, not pay.
fn read_range(text: &str, caps: &Captures) -> Option<Range> {
    let whole = caps.get(0)?;
    if text[whole.end()..].starts_with('%') {
        return None; // "$45 100% remote": the last figure is a percentage
    }
    let first = amount(caps, 0)?;
    let last = match (caps.name("n3"), caps.name("n2")) {
        (Some(_), _) => Some(amount(caps, 2)?),
        (None, Some(_)) => Some(amount(caps, 1)?),
        (None, None) => None,
    };
    let (min, max, multiplier) = match last {
        Some(last) => {
            // "60-75k": the only multiplier, on the last figure, applies to the first too.
            let shared = first.multiplier == 1 && last.multiplier > 1 && first.value < 1000.0;
            let first_multiplier = if shared {
                last.multiplier
            } else {
                first.multiplier
            };
            let min = first.value * f64::from(first_multiplier);
            let multiplier = first_multiplier
                .max(last.multiplier)
                .max(middle_multiplier(caps));
            (Some(min), Some(last.major()), multiplier)
        }
        None => {
            let v = first.major();
            let lead = caps.name("lead").map(|m| m.as_str().to_ascii_lowercase());
            let (min, max) = match lead.as_deref() {
                Some("up to" | "upto" | "maximum of") => (None, Some(v)),
                Some(_) => (Some(v), None),
                None => (Some(v), Some(v)),
            };
            (min, max, first.multiplier)
        }
    };
    if min.is_some_and(|v| v <= 0.0) || max.is_some_and(|v| v <= 0.0) {
        return None;
    }
    if let (Some(lo), Some(hi)) = (min, max)
        && lo > hi
    {
        return None;
    }
    Some(Range {
        start: whole.start(),
        end: whole.end(),
        min,
        max,
        currency: currency_of(caps),
        multiplier,
    })
}

/// The multiplier of the middle figure of a three-figure range (1 when there is none).
fn middle_multiplier(caps: &Captures) -> u32 {
    match caps.name("n3") {
        Some(_) => amount(caps, 1).map_or(1, |a| a.multiplier),
        None => 1,
    }
}

/// The groups of the range regex that hold a currency sign or code.
const CURRENCY_GROUPS: [&str; 6] = ["c1", "d1", "c2", "d2", "c3", "d3"];

/// A code said anywhere in the match wins over a bare sign ("$150,000 - $190,000 CAD" is CAD).
fn currency_of(caps: &Captures) -> Option<String> {
    let said: Vec<&str> = CURRENCY_GROUPS
        .iter()
        .filter_map(|g| caps.name(g))
        .map(|m| m.as_str().trim())
        .collect();
    let is_code = |s: &str| {
        s.get(..3)
            .is_some_and(|c| c.bytes().all(|b| b.is_ascii_uppercase()))
    };
    said.iter()
        .find(|s| is_code(s))
        .or_else(|| said.first())
        .and_then(|s| currency_code(s))
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

/// Figure `i` (0, 1 or 2) of a match.
fn amount(caps: &Captures, i: usize) -> Option<Amount> {
    const NUMBERS: [&str; 3] = ["n1", "n2", "n3"];
    const WORDS: [&str; 3] = ["w1", "w2", "w3"];
    const SUFFIXES: [&str; 3] = ["s1", "s2", "s3"];
    let value = parse_number(caps.name(NUMBERS[i])?.as_str())?;
    let word = caps.name(WORDS[i]).map(|m| m.as_str().to_ascii_lowercase());
    let suffix = caps
        .name(SUFFIXES[i])
        .map(|m| m.as_str().to_ascii_lowercase());
    let multiplier = match (suffix.as_deref(), word.as_deref()) {
        (Some("k"), _) | (_, Some("thousand")) => 1_000,
        (Some("m" | "mm" | "mn"), _) | (_, Some("million")) => 1_000_000,
        (Some("b" | "bn"), _) | (_, Some("billion")) => 1_000_000_000,
        _ => 1,
    };
    Some(Amount { value, multiplier })
}

/// "180,000", "12,00,000", "60.000", "45 000" and "120'000" are thousands; "40.00", "2.4" and
/// "1,5" are decimals.
fn parse_number(raw: &str) -> Option<f64> {
    let raw: String = raw
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | ' ' | '\u{202f}'))
        .collect();
    let raw = raw.as_str();
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
    let raw = raw.trim();
    let code = match raw {
        "$" | "US$" => "USD",
        "CA$" | "C$" => "CAD",
        "AU$" | "A$" => "AUD",
        "NZ$" => "NZD",
        "HK$" => "HKD",
        "S$" => "SGD",
        "R$" => "BRL",
        "€" => "EUR",
        "£" => "GBP",
        "¥" => "JPY",
        "₹" => "INR",
        "₩" => "KRW",
        "₪" => "ILS",
        // "USD", or a code glued to a dollar sign: "CAD$", "USD $".
        _ => match raw.get(..3) {
            Some(code) if code.bytes().all(|b| b.is_ascii_uppercase()) => code,
            _ => return None,
        },
    };
    Some(code.to_string())
}

/// The period said right after the amounts, at most two words on: "/hr", "per year", "annual
/// base salary", "base salary per year". Further away it is some other sentence's period.
fn period_after(after: &str) -> Option<PeriodSaid> {
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let re = PERIOD.get_or_init(|| {
        Regex::new(r"(?i)^[\s,:()]*(?P<fill>(?:\p{L}[\p{L}'-]*\s+){0,2}?)(?:/\s*(?P<s>hour|hr|h|year|yr|annum|month|mo|week|wk|day)|(?:per|an?|each)\s+(?P<l>hour|year|annum|month|week|day)|(?:pro|par)\s+(?P<f>jahr|an|monat|mois|stunde|heure|tag|jour)|(?P<adv>annually|p\.a|jährlich|monatlich)|(?P<a>hourly|annual|annualized|yearly|monthly|weekly|daily))\b")
            .expect("static regex compiles")
    });
    let caps = re.captures(after)?;
    let word = ["s", "l", "f", "adv", "a"]
        .iter()
        .find_map(|g| caps.name(g))?;
    Some(PeriodSaid {
        period: period_word(word.as_str())?,
        // "weekly" or "annual" before a noun may be the noun's ("20,000 weekly active users").
        adjacent: caps.name("fill").is_none_or(|m| m.is_empty()) && caps.name("a").is_none(),
    })
}

/// A cheap test before [`period_after`] for bare numbers, which need their period right after
/// them: "/", "per ", "a ", "an ", "each ", "pro ", "par ", "annually" or "p.a".
fn may_start_with_period(after: &str) -> bool {
    let after = after.trim_start_matches([' ', '\t', '(']);
    let head = after.get(..4).unwrap_or(after).to_ascii_lowercase();
    head.starts_with('/')
        || ["per ", "a ", "an ", "each", "pro ", "par ", "annu", "p.a"]
            .iter()
            .any(|p| head.starts_with(p))
}

/// A period said after the amounts, and whether it is said of them beyond doubt: right after
/// them, as "per year", "/hr", "a month" or "annually".
#[derive(Clone, Copy)]
struct PeriodSaid {
    period: PayPeriod,
    adjacent: bool,
}

/// The period said shortly before the amounts, in the same sentence: "hourly rate of $35",
/// "annual base salary of $100,000". The closest one wins.
fn period_before(text: &str, sentence_start: usize, start: usize) -> Option<PayPeriod> {
    static PERIOD: OnceLock<Regex> = OnceLock::new();
    let re = PERIOD.get_or_init(|| {
        Regex::new(r"(?i)\b(?:(?P<a>hourly|annual|annually|annualized|yearly|monthly|weekly|daily)|per\s+(?P<l>hour|year|annum|month|week|day))\b")
            .expect("static regex compiles")
    });
    let from = ceil_boundary(
        text,
        start.saturating_sub(PERIOD_BEFORE).max(sentence_start),
    );
    let caps = re.captures_iter(&text[from..start]).last()?;
    period_word(caps.name("l").or(caps.name("a"))?.as_str())
}

fn period_word(word: &str) -> Option<PayPeriod> {
    Some(match word.to_lowercase().as_str() {
        "hour" | "hr" | "h" | "hourly" | "stunde" | "heure" => PayPeriod::Hour,
        "day" | "daily" | "tag" | "jour" => PayPeriod::Day,
        "week" | "wk" | "weekly" => PayPeriod::Week,
        "month" | "mo" | "monthly" | "monat" | "mois" | "monatlich" => PayPeriod::Month,
        "year" | "yr" | "annum" | "annually" | "annual" | "annualized" | "yearly" | "p.a"
        | "jahr" | "an" | "jährlich" => PayPeriod::Year,
        _ => return None,
    })
}

/// What the words right next to the amounts make of them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Attached {
    /// A pay noun: "$150K base", "Salary: $150K".
    Pay,
    /// A funding, business or benefit word: "raised $5,000,000", "$10k sign-on bonus".
    NotPay,
    Nothing,
}

/// The nearest word before the amounts (past up to [`BEFORE_LINKS`] linking words, see
/// [`is_link`]) and the words after them up to [`AFTER_WORDS`], a comma, a conjunction or another
/// amount. A funding or benefit word on either side wins: "Compensation: $5,000 relocation
/// package" is not pay.
fn attached(text: &str, sentence: Span, range: &Range) -> Attached {
    let before = attached_before(&text[sentence.start..range.start]);
    let after = attached_after(&text[range.end..sentence.end]);
    match (before, after) {
        (Attached::NotPay, _) | (_, Attached::NotPay) => Attached::NotPay,
        (Attached::Pay, _) | (_, Attached::Pay) => Attached::Pay,
        _ => Attached::Nothing,
    }
}

fn attached_before(before: &str) -> Attached {
    let mut links = 0;
    for raw in before.split_whitespace().rev() {
        if raw.bytes().any(|b| b.is_ascii_digit()) || raw.ends_with(['.', ';', '!', '?', ',']) {
            return Attached::Nothing;
        }
        let word = bare_word(raw);
        if word.is_empty() {
            continue; // a lone dash or colon between a label and its amount
        }
        if is_link(&word) {
            links += 1;
            if links > BEFORE_LINKS {
                return Attached::Nothing;
            }
            continue;
        }
        return classify(&word);
    }
    Attached::Nothing
}

fn attached_after(after: &str) -> Attached {
    for raw in after.split_whitespace().take(AFTER_WORDS) {
        if raw.bytes().any(|b| b.is_ascii_digit()) || STOPS.contains(&raw) {
            return Attached::Nothing; // another amount, or "plus"/"and": what follows is not this amount's
        }
        let word = bare_word(raw);
        if STOPS.contains(&word.as_str()) {
            return Attached::Nothing;
        }
        match classify(&word) {
            Attached::Nothing if raw.ends_with([',', ';', ':', '.', '!', '?', ')', '•', '|']) => {
                return Attached::Nothing;
            }
            Attached::Nothing => {}
            said => return said,
        }
    }
    Attached::Nothing
}

fn classify(word: &str) -> Attached {
    if not_pay_word(word) {
        Attached::NotPay
    } else if is_pay_noun(word) {
        Attached::Pay
    } else {
        Attached::Nothing
    }
}

/// Lower case, without the punctuation around it ("Bonus:" → "bonus", "(OTE)" → "ote").
fn bare_word(raw: &str) -> String {
    raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .trim_matches('-')
        .to_lowercase()
}

/// Words that may stand between a funding or benefit word and its amount: "ARR of $40M",
/// "backed by $250 million", "raised over $200M", "a bonus of up to $10k".
fn is_link(word: &str) -> bool {
    matches!(
        word,
        "of" | "by"
            | "a"
            | "an"
            | "the"
            | "at"
            | "over"
            | "about"
            | "around"
            | "approximately"
            | "approx"
            | "nearly"
            | "almost"
            | "roughly"
            | "more"
            | "than"
            | "up"
            | "to"
            | "upto"
            | "worth"
            | "totaling"
            | "totalling"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "will"
            | "another"
            | "additional"
            | "extra"
    )
}

/// Words after an amount that end what belongs to it.
const STOPS: &[&str] = &[
    "and", "plus", "+", "&", "with", "or", "/", "|", "•", "–", "—", "-",
];
/// Words that make the amount next to them pay, even without a pay phrase around it.
fn is_pay_noun(word: &str) -> bool {
    matches!(
        word,
        "salary"
            | "salaries"
            | "base"
            | "pay"
            | "paid"
            | "wage"
            | "wages"
            | "ote"
            | "compensation"
            | "remuneration"
            | "earn"
            | "earns"
            | "earning"
    )
}

/// Words that, attached to an amount, make it something other than a person's pay.
fn not_pay_word(word: &str) -> bool {
    matches!(
        word,
        // funding and the company's own money
        "raised" | "raise" | "raising" | "series" | "valuation" | "valuations" | "valued"
            | "revenue" | "revenues" | "arr" | "mrr" | "funding" | "funded" | "fundraise"
            | "fundraising" | "financing" | "backed" | "investors" | "investor" | "investment"
            | "investments" | "round" | "seed" | "pre-seed" | "capital" | "venture" | "ventures"
            | "ipo" | "gmv"
            // business figures a seller or manager handles
            | "deal" | "deals" | "quota" | "quotas" | "acv" | "tcv" | "spend" | "pipeline"
            | "transactions" | "payments" | "portfolio" | "aum" | "save" | "saves" | "saved"
            | "saving" | "savings" | "cost" | "costs" | "price" | "prices" | "priced" | "fee"
            | "fees" | "spent" | "spending" | "sold" | "selling" | "generated" | "generating"
            // benefits and extras, which are not the salary range
            | "bonus" | "bonuses" | "sign-on" | "signing" | "stipend" | "stipends" | "budget"
            | "budgets" | "allowance" | "allowances" | "equity" | "stock" | "stocks" | "rsu"
            | "rsus" | "relocation" | "reimbursement" | "reimbursements" | "reimbursed"
            | "commission" | "commissions" | "incentive" | "incentives" | "perk" | "perks"
            | "credit" | "credits" | "grant" | "grants" | "referral" | "match" | "matching"
            | "learning" | "education" | "tuition" | "wellness" | "gym" | "fitness" | "childcare"
            | "meal" | "meals" | "lunch" | "commuter" | "internet" | "phone" | "equipment"
            | "setup" | "coworking" | "development" | "training" | "conference"
            | "conferences" | "courses" | "books" | "health" | "healthcare" | "insurance"
            | "medical" | "dental" | "vision" | "retirement" | "pension" | "401k" | "hsa" | "fsa"
            | "parental" | "donation" | "donations" | "charity" | "travel" | "vacation"
    )
}

/// Where a pay word starts, if one is in the amounts' sentence within the pay-word window.
fn pay_word_near(text: &str, sentence: Span, range: &Range) -> Option<usize> {
    let from = ceil_boundary(
        text,
        range
            .start
            .saturating_sub(PAY_WORD_BEFORE)
            .max(sentence.start),
    );
    let to = floor_boundary(text, (range.end + PAY_WORD_AFTER).min(sentence.end));
    pay_words().find(&text[from..to]).map(|m| from + m.start())
}

/// Words that make a phrase or a heading about pay. Plain "base" is not one ("customer base"):
/// only "Base:" is, or "base" right next to the amount (see [`is_pay_noun`]).
fn pay_words() -> &'static Regex {
    static PAY: OnceLock<Regex> = OnceLock::new();
    PAY.get_or_init(|| {
        Regex::new(r"(?i)\b(?:salary|salaries|compensation|remuneration|pay|wages?|brutto|ote|on[- ]target[- ]earnings|hourly|(?:day|daily|pay|hourly) rate|rate of pay|base\s*:|(?:jahres|brutto)?gehalt|vergütung|salaire|salario|retribuci[oó]n|r[ée]mun[ée]ration)\b")
            .expect("static regex compiles")
    })
}

/// "Compensation" / "$185K – $300K + Offers Equity": a short line with a currency amount takes its
/// pay context from a short pay heading among the few non-empty lines above it. The evidence is
/// the heading and the line.
fn under_pay_heading(text: &str, line: Span, range: &Range) -> Option<String> {
    let own = text[line.start..line.end].trim();
    if range.currency.is_none() || own.chars().count() > SHORT_LINE {
        return None;
    }
    let heading = text[..line.start]
        .lines()
        .rev()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '*', '#', '•', ' '])
                .trim()
        })
        .filter(|l| !l.is_empty())
        .take(HEADING_LINES)
        .find(|l| l.chars().count() <= HEADING_CHARS && pay_words().is_match(l))?;
    let joiner = if heading.ends_with(':') { " " } else { ": " };
    Some(truncate(&collapse(&format!("{heading}{joiner}{own}"))))
}

/// The line holding the amounts when short enough, else their sentence, else the sentence from
/// `focus` (the pay word or the amounts) on; whitespace collapsed, at most [`EVIDENCE_CHARS`].
fn evidence(text: &str, line: Span, sentence: Span, focus: usize) -> String {
    let whole_line = collapse(&text[line.start..line.end]);
    if whole_line.chars().count() <= EVIDENCE_CHARS {
        return whole_line;
    }
    let whole_sentence = collapse(&text[sentence.start..sentence.end]);
    if whole_sentence.chars().count() <= EVIDENCE_CHARS {
        return whole_sentence;
    }
    // Start at the word holding the focus, so the cut never splits the pay word.
    let from = text[sentence.start..focus]
        .rfind(char::is_whitespace)
        .map_or(sentence.start, |i| sentence.start + i + 1);
    truncate(&collapse(&text[from..sentence.end]))
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most [`EVIDENCE_CHARS`] characters, cut on a character boundary.
fn truncate(text: &str) -> String {
    match text.char_indices().nth(EVIDENCE_CHARS) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text.to_string(),
    }
}

fn line_around(text: &str, start: usize, end: usize) -> Span {
    Span {
        start: text[..start].rfind('\n').map_or(0, |i| i + 1),
        end: text[end..].find('\n').map_or(text.len(), |i| end + i),
    }
}

/// The sentence holding `start..end` within its line (see [`ends_sentence`]).
fn sentence_around(text: &str, line: Span, start: usize, end: usize) -> Span {
    let bytes = text.as_bytes();
    let sentence_start = (line.start..start)
        .rev()
        .find(|&i| ends_sentence(bytes, i))
        .map_or(line.start, |i| i + 2); // past the mark and the (ASCII) space after it
    let sentence_end = (end..line.end)
        .find(|&i| ends_sentence(bytes, i))
        .map_or(line.end, |i| i + 1);
    Span {
        start: sentence_start,
        end: sentence_end,
    }
}

/// A sentence ends at `;` followed by whitespace, or at `.`, `!` or `?` followed by whitespace and
/// then not by an amount: "$40.00" and "approx. $150K" do not end one, "per year. We raised" does.
fn ends_sentence(bytes: &[u8], i: usize) -> bool {
    let Some(&mark) = bytes.get(i) else {
        return false;
    };
    if !matches!(mark, b'.' | b'!' | b'?' | b';')
        || !bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
    {
        return false;
    }
    let next = bytes[i + 1..].iter().find(|b| !b.is_ascii_whitespace());
    // Currency signs other than "$" are multi-byte, so any non-ASCII byte may start one.
    mark == b';' || !next.is_some_and(|&b| b.is_ascii_digit() || b == b'$' || b >= 0x80)
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pay(
        min: Option<f64>,
        max: Option<f64>,
        currency: Option<&str>,
        period: Option<PayPeriod>,
    ) -> Salary {
        Salary {
            min_cents: min.map(to_cents),
            max_cents: max.map(to_cents),
            currency: currency.map(str::to_string),
            period,
        }
    }

    fn usd(major: f64, period: Option<PayPeriod>) -> Salary {
        pay(Some(major), Some(major), Some("USD"), period)
    }

    #[test]
    fn each_period_has_its_own_bounds_inclusive() {
        use PayPeriod::*;
        for (period, lo, hi) in [
            (Hour, 5.0, 1_000.0),
            (Day, 40.0, 8_000.0),
            (Week, 100.0, 40_000.0),
            (Month, 400.0, 170_000.0),
            (Year, 5_000.0, 2_000_000.0),
        ] {
            assert!(plausible(&usd(lo, Some(period))), "{period:?} floor");
            assert!(plausible(&usd(hi, Some(period))), "{period:?} ceiling");
            assert!(
                !plausible(&usd(lo - 0.01, Some(period))),
                "{period:?} below"
            );
            assert!(
                !plausible(&usd(hi + 0.01, Some(period))),
                "{period:?} above"
            );
        }
    }

    #[test]
    fn without_a_period_amounts_must_all_look_hourly_or_all_yearly() {
        assert!(plausible(&pay(Some(45.0), Some(60.0), Some("USD"), None)));
        assert!(plausible(&pay(
            Some(180_000.0),
            Some(250_000.0),
            Some("USD"),
            None
        )));
        assert!(!plausible(&usd(3.0, None)), "too little for any hour");
        assert!(!plausible(&usd(2_400.0, None)), "a week? a month? not said");
        assert!(
            !plausible(&pay(Some(900.0), Some(6_000.0), Some("USD"), None)),
            "mixed"
        );
        assert!(!plausible(&usd(1_000_000_000.0, None)));
    }

    #[test]
    fn large_unit_currencies_are_scaled() {
        let yen = pay(
            Some(8_000_000.0),
            Some(8_000_000.0),
            Some("JPY"),
            Some(PayPeriod::Year),
        );
        assert!(plausible(&yen));
        let dollars = Salary {
            currency: Some("USD".to_string()),
            ..yen.clone()
        };
        assert!(!plausible(&dollars), "$8M a year is not a salary");
        let rupees = pay(Some(1_200_000.0), Some(1_800_000.0), Some("INR"), None);
        assert!(plausible(&rupees));
        assert_eq!(unit_factor("EUR"), 1.0);
    }

    #[test]
    fn one_sided_upside_down_and_empty_salaries() {
        assert!(
            plausible(&pay(Some(90_000.0), None, Some("USD"), None)),
            "from $90K"
        );
        assert!(
            plausible(&pay(None, Some(70_000.0), Some("EUR"), None)),
            "up to €70k"
        );
        assert!(!plausible(&pay(
            Some(250_000.0),
            Some(180_000.0),
            Some("USD"),
            None
        )));
        assert!(!plausible(&pay(
            None,
            None,
            Some("USD"),
            Some(PayPeriod::Year)
        )));
        assert!(!plausible(&pay(Some(0.0), Some(0.0), Some("USD"), None)));
    }

    #[test]
    fn sentences_end_at_punctuation_before_space_only() {
        let text = "Ships 5 days/week. Salary approx. $150K; backed by VCs.";
        let at = text.find('$').unwrap_or_default();
        let line = line_around(text, at, at + 5);
        let sentence = sentence_around(text, line, at, at + 5);
        assert_eq!(&text[sentence.start..sentence.end], "Salary approx. $150K;");
    }

    #[test]
    fn evidence_is_cut_on_a_char_boundary() {
        let long = "é".repeat(300);
        assert_eq!(truncate(&long).chars().count(), EVIDENCE_CHARS);
    }
}
