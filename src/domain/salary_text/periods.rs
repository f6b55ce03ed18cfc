//! The pay period said next to the amounts ("/hr", "per year", "annual base salary").

use super::*;

/// The period said right after the amounts, at most two words on: "/hr", "per year", "annual
/// base salary", "base salary per year". Further away it is some other sentence's period.
pub(super) fn period_after(after: &str) -> Option<PeriodSaid> {
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
pub(super) fn may_start_with_period(after: &str) -> bool {
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
pub(super) struct PeriodSaid {
    pub(super) period: PayPeriod,
    pub(super) adjacent: bool,
}

/// The period said shortly before the amounts, in the same sentence: "hourly rate of $35",
/// "annual base salary of $100,000". The closest one wins.
pub(super) fn period_before(text: &str, sentence_start: usize, start: usize) -> Option<PayPeriod> {
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

pub(super) fn period_word(word: &str) -> Option<PayPeriod> {
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
