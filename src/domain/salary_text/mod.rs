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

mod amounts;
mod bounds;
mod context;
mod periods;
mod spans;

use amounts::*;
pub use bounds::plausible;
use context::*;
use periods::*;
use spans::*;

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

#[cfg(test)]
mod tests {
    use super::bounds::*;
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
