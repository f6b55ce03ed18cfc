//! Money amounts and ranges as written ("$180K – $250K", "€60.000–75.000", "CAD$157,000"):
//! the range regex, numbers, multipliers and currencies.

use super::*;

/// One amount or range as the range regex matched it, before any context is looked at.
pub(super) struct Range {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) min: Option<f64>,
    pub(super) max: Option<f64>,
    pub(super) currency: Option<String>,
    /// The largest multiplier any figure had ("K" 1,000, "M" 1,000,000).
    pub(super) multiplier: u32,
}

pub(super) fn range_regex() -> &'static Regex {
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

pub(super) const CODE: &str = r"USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|SGD|HKD|CNY|BRL|MXN|ZAR|ILS|CZK|KRW|IDR|HUF|TWD|THB|CLP|COP|VND|AED|RON";
/// A code glued to a dollar sign ("USD$", "CAD $") before the bare sign, so Canadian dollars are
/// not read as US ones.
pub(super) const CURRENCY: &str = r"(?:USD|CAD|AUD|NZD|SGD|HKD|MXN)\s?\$|CA\$|C\$|AU\$|A\$|NZ\$|HK\$|S\$|US\$|R\$|\$|€|£|¥|₹|₩|₪|(?:USD|EUR|GBP|CAD|AUD|NZD|CHF|JPY|INR|SEK|NOK|DKK|PLN|SGD|HKD|CNY|BRL|MXN|ZAR|ILS|CZK|KRW|IDR|HUF|TWD|THB|CLP|COP|VND|AED|RON)\s?";
/// Grouped thousands before plain numbers, each with one grouping mark throughout (so "$190,000
/// 100% remote" is not one figure): Indian "12,00,000", "180,000.50", European "60.000,50",
/// "45 000" (French, Nordic) and Swiss "120'000". Plain numbers may have decimals ("40.00", "2.4",
/// "1,5").
pub(super) const NUMBER: &str = r"\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?|\d{1,3}(?:[ \u{202f}]\d{3})+(?:[.,]\d{1,2})?|\d{1,3}(?:['’]\d{3})+(?:\.\d{1,2})?|\d+(?:[.,]\d{1,2})?";
/// Longest first: "mm" is millions, not "m" followed by "m".
pub(super) const SUFFIX: &str = r"mm|MM|mn|bn|Bn|BN|[kKmMbB]";
/// A label after a figure, as in "$170,700 (min) — $213,400 (mid) — $256,100 (max)".
pub(super) const NOTE: &str = r"(?:\s?\((?i:min|max|mid|minimum|maximum|midpoint|median|gross|net)\))?";
/// A period between the two figures of a range: "USD$157,000 per year - USD$174,000 per year".
pub(super) const GAP: &str =
    r"(?:\s*(?i:/\s*(?:hour|hr|year|yr)|per\s+(?:hour|year|annum)|an?\s+(?:hour|year)))?";
pub(super) const SEP: &str = r"\s*(?:-|–|—|‒|−|~|(?-u:\b)to(?-u:\b)|(?-u:\b)and(?-u:\b))\s*";

/// The figures of a match as a range; "from" and "up to" leave one side open, and a range of
/// three ("min — mid — max") runs from the first to the last. Upside-down and zero ranges give
/// `None`: a misread, not pay.
pub(super) fn read_range(text: &str, caps: &Captures) -> Option<Range> {
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
pub(super) fn middle_multiplier(caps: &Captures) -> u32 {
    match caps.name("n3") {
        Some(_) => amount(caps, 1).map_or(1, |a| a.multiplier),
        None => 1,
    }
}

/// The groups of the range regex that hold a currency sign or code.
pub(super) const CURRENCY_GROUPS: [&str; 6] = ["c1", "d1", "c2", "d2", "c3", "d3"];

/// A code said anywhere in the match wins over a bare sign ("$150,000 - $190,000 CAD" is CAD).
pub(super) fn currency_of(caps: &Captures) -> Option<String> {
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
pub(super) struct Amount {
    pub(super) value: f64,
    pub(super) multiplier: u32,
}

impl Amount {
    fn major(self) -> f64 {
        self.value * f64::from(self.multiplier)
    }
}

/// Figure `i` (0, 1 or 2) of a match.
pub(super) fn amount(caps: &Captures, i: usize) -> Option<Amount> {
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
pub(super) fn parse_number(raw: &str) -> Option<f64> {
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

pub(super) fn to_cents(major: f64) -> i64 {
    (major * 100.0).round() as i64
}

pub(super) fn currency_code(raw: &str) -> Option<String> {
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
