//! What makes an amount pay: pay words and headings around it, and the funding, business or
//! benefit words that make it company money or a perk instead.

use super::*;

/// What the words right next to the amounts make of them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Attached {
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
pub(super) fn attached(text: &str, sentence: Span, range: &Range) -> Attached {
    let before = attached_before(&text[sentence.start..range.start]);
    let after = attached_after(&text[range.end..sentence.end]);
    match (before, after) {
        (Attached::NotPay, _) | (_, Attached::NotPay) => Attached::NotPay,
        (Attached::Pay, _) | (_, Attached::Pay) => Attached::Pay,
        _ => Attached::Nothing,
    }
}

pub(super) fn attached_before(before: &str) -> Attached {
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

pub(super) fn attached_after(after: &str) -> Attached {
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

pub(super) fn classify(word: &str) -> Attached {
    if not_pay_word(word) {
        Attached::NotPay
    } else if is_pay_noun(word) {
        Attached::Pay
    } else {
        Attached::Nothing
    }
}

/// Lower case, without the punctuation around it ("Bonus:" → "bonus", "(OTE)" → "ote").
pub(super) fn bare_word(raw: &str) -> String {
    raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .trim_matches('-')
        .to_lowercase()
}

/// Words that may stand between a funding or benefit word and its amount: "ARR of $40M",
/// "backed by $250 million", "raised over $200M", "a bonus of up to $10k".
pub(super) fn is_link(word: &str) -> bool {
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
pub(super) const STOPS: &[&str] = &[
    "and", "plus", "+", "&", "with", "or", "/", "|", "•", "–", "—", "-",
];
/// Words that make the amount next to them pay, even without a pay phrase around it.
pub(super) fn is_pay_noun(word: &str) -> bool {
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
pub(super) fn not_pay_word(word: &str) -> bool {
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
pub(super) fn pay_word_near(text: &str, sentence: Span, range: &Range) -> Option<usize> {
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
pub(super) fn pay_words() -> &'static Regex {
    static PAY: OnceLock<Regex> = OnceLock::new();
    PAY.get_or_init(|| {
        Regex::new(r"(?i)\b(?:salary|salaries|compensation|remuneration|pay|wages?|brutto|ote|on[- ]target[- ]earnings|hourly|(?:day|daily|pay|hourly) rate|rate of pay|base\s*:|(?:jahres|brutto)?gehalt|vergütung|salaire|salario|retribuci[oó]n|r[ée]mun[ée]ration)\b")
            .expect("static regex compiles")
    })
}

/// "Compensation" / "$185K – $300K + Offers Equity": a short line with a currency amount takes its
/// pay context from a short pay heading among the few non-empty lines above it. The evidence is
/// the heading and the line.
pub(super) fn under_pay_heading(text: &str, line: Span, range: &Range) -> Option<String> {
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
