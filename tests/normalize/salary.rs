//! `salary_from_summary` and `salary_from_description` on hand-written cases and on Ashby's real
//! compensation summaries.

use jobpilot::domain::posting::{PayPeriod, Salary};
use jobpilot::domain::salary_text::{salary_from_description, salary_from_summary};

use crate::json;

fn salary(
    min: Option<i64>,
    max: Option<i64>,
    currency: Option<&str>,
    period: Option<PayPeriod>,
) -> Salary {
    Salary {
        min_cents: min,
        max_cents: max,
        currency: currency.map(str::to_string),
        period,
    }
}

/// The salary a summary field gives, without its evidence.
fn summary(text: &str) -> Option<Salary> {
    salary_from_summary(text).map(|found| found.salary)
}

/// The salary a description gives, without its evidence.
fn described(text: &str) -> Option<Salary> {
    salary_from_description(text).map(|found| found.salary)
}

/// Major units to cents, to keep the tables readable.
fn c(major: i64) -> Option<i64> {
    Some(major * 100)
}

#[test]
fn common_ways_of_writing_pay_are_read() {
    use PayPeriod::*;
    let cases = [
        (
            "$180K – $250K",
            salary(c(180_000), c(250_000), Some("USD"), None),
        ),
        (
            "$180,000 - $250,000 per year",
            salary(c(180_000), c(250_000), Some("USD"), Some(Year)),
        ),
        (
            "€60.000–75.000",
            salary(c(60_000), c(75_000), Some("EUR"), None),
        ),
        ("£45k", salary(c(45_000), c(45_000), Some("GBP"), None)),
        (
            "$45 - $60/hr",
            salary(c(45), c(60), Some("USD"), Some(Hour)),
        ),
        (
            "$45 to $60 per hour",
            salary(c(45), c(60), Some("USD"), Some(Hour)),
        ),
        ("from $90K", salary(c(90_000), None, Some("USD"), None)),
        ("up to €70k", salary(None, c(70_000), Some("EUR"), None)),
        (
            "USD 120000-150000",
            salary(c(120_000), c(150_000), Some("USD"), None),
        ),
        (
            "120000-150000 USD annually",
            salary(c(120_000), c(150_000), Some("USD"), Some(Year)),
        ),
        (
            "CA$150K – CA$200K",
            salary(c(150_000), c(200_000), Some("CAD"), None),
        ),
        ("¥8M", salary(c(8_000_000), c(8_000_000), Some("JPY"), None)),
        (
            "$5,000 per month",
            salary(c(5_000), c(5_000), Some("USD"), Some(Month)),
        ),
        (
            "€55k/yr",
            salary(c(55_000), c(55_000), Some("EUR"), Some(Year)),
        ),
        (
            "60-75k per year",
            salary(c(60_000), c(75_000), None, Some(Year)),
        ),
        (
            "hourly rate of $35",
            salary(c(35), c(35), Some("USD"), Some(Hour)),
        ),
        (
            "€1.234,50 per week",
            salary(Some(123_450), Some(123_450), Some("EUR"), Some(Week)),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(summary(text), Some(want), "{text}");
    }
}

#[test]
fn a_range_is_found_inside_a_longer_sentence() {
    let text =
        "We offer great benefits. The base salary range for this role is $150,000 to $185,000.";
    assert_eq!(
        described(text),
        Some(salary(c(150_000), c(185_000), Some("USD"), None))
    );
    let text = "Requires 4+ years of experience; pay between $150,000 and $185,000 a year.";
    assert_eq!(
        described(text),
        Some(salary(
            c(150_000),
            c(185_000),
            Some("USD"),
            Some(PayPeriod::Year)
        ))
    );
}

#[test]
fn numbers_that_are_not_pay_give_none() {
    for text in [
        "",
        "4+ years of experience",
        "Founded in 2015-2016 with 5M users",
        "Matching 401(k) plan",
        "$10k housing stipend",
        "Competitive salary",
    ] {
        assert_eq!(summary(text), None, "{text}");
        assert_eq!(described(text), None, "{text}");
    }
}

#[test]
fn upside_down_zero_and_absurd_ranges_give_none() {
    for text in [
        "$250K – $180K",
        "$0",
        "$0 - $0",
        "$20M - $30M per year",
        "$20,000 per hour",
        "£999999999999",
    ] {
        assert_eq!(summary(text), None, "{text}");
        assert_eq!(described(&format!("Salary: {text}")), None, "{text}");
    }
}

#[test]
fn the_currency_is_never_assumed() {
    for read in [summary, described] {
        let parsed = read("45,000 - 60,000 per year").expect("a range with a period is pay");
        assert_eq!(parsed.currency, None);
    }
}

#[test]
fn ashby_compensation_summaries_are_read() {
    use PayPeriod::*;
    let cases = [
        (
            "$200K – $350K • Offers Equity",
            salary(c(200_000), c(350_000), Some("USD"), None),
        ),
        (
            "$200K - $350K",
            salary(c(200_000), c(350_000), Some("USD"), None),
        ),
        (
            "$40.00 – $45.00 per hour • Offers Equity",
            salary(c(40), c(45), Some("USD"), Some(Hour)),
        ),
        (
            "£150K – £260K • Offers Equity",
            salary(c(150_000), c(260_000), Some("GBP"), None),
        ),
        (
            "$2.4K per week • $10k Housing Stipend",
            salary(c(2_400), c(2_400), Some("USD"), Some(Week)),
        ),
        (
            "$180K • Offers Equity",
            salary(c(180_000), c(180_000), Some("USD"), None),
        ),
        (
            "$250K – $375K • Offers Equity • Offers Bonus • Performance Based Bonus",
            salary(c(250_000), c(375_000), Some("USD"), None),
        ),
        (
            "$30.00 per hour",
            salary(c(30), c(30), Some("USD"), Some(Hour)),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(summary(text), Some(want), "{text}");
    }
}

#[test]
fn every_ashby_salary_summary_agrees_with_its_structured_salary() {
    let mut checked = 0;
    for board in ["decagon", "replit", "suno", "zapier"] {
        let data = json(&format!("job_boards/ashby/{board}.json"));
        for job in data["jobs"].as_array().into_iter().flatten() {
            let comp = &job["compensation"];
            let Some(summary) = comp["scrapeableCompensationSalarySummary"].as_str() else {
                continue;
            };
            let Some(component) = comp["summaryComponents"]
                .as_array()
                .and_then(|all| all.iter().find(|c| c["compensationType"] == "Salary"))
            else {
                continue;
            };
            let parsed = self::summary(summary).unwrap_or_else(|| panic!("{board}: {summary}"));
            let cents = |v: &serde_json::Value| v.as_f64().map(|v| (v * 100.0).round() as i64);
            assert_eq!(
                parsed.min_cents,
                cents(&component["minValue"]),
                "{board}: {summary}"
            );
            assert_eq!(
                parsed.max_cents,
                cents(&component["maxValue"]),
                "{board}: {summary}"
            );
            assert_eq!(
                parsed.currency.as_deref(),
                component["currencyCode"].as_str(),
                "{board}: {summary}"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} summaries checked");
}

#[test]
fn company_money_in_a_description_is_never_a_salary() {
    for text in [
        "$100M Series C",
        "$3.1B valuation",
        "we raised a $100M Series C at a $3.1B valuation",
        "We raised a $100M Series C at a $3.1B valuation and pay competitive salaries.",
        "ARR of $40M",
        "$40M in ARR",
        "$5 billion in revenue",
        "backed by $250 million from investors",
        "We've raised $750,000 in seed funding.",
        "Valued at $2,000,000 after our seed round.",
        "We went from $2.5M in ARR to over $150M in just 10 months.",
        "We automate how over $200B in annualized spend flows in and out of 70,000+ companies.",
        "Ramp raised $5,000,000 from investors; salary is competitive.",
    ] {
        assert_eq!(salary_from_description(text), None, "{text}");
    }
}

#[test]
fn company_money_next_to_pay_words_is_still_not_a_salary() {
    // Each is plausible as a yearly salary and has a pay word: only its company-money rule rejects it.
    for text in [
        "The total compensation pool is $1.2M across the team.",
        "Our salary budget grew to $1.5 million this year.",
        "We raised $1,500,000 in seed funding to pay competitive salaries.",
        "Backed by $900,000 from investors, we pay every engineer well.",
        "Salaries are paid from ARR of $800,000 and growing.",
    ] {
        assert_eq!(salary_from_description(text), None, "{text}");
    }
}

#[test]
fn bonuses_stipends_and_budgets_are_not_the_salary() {
    for text in [
        "$10k sign-on bonus",
        "$2,000 learning stipend",
        "A sign-on bonus of $10,000 for this role.",
        "Annual learning budget of $1,500",
        "$100 per month phone allowance",
        "Compensation: $5,000 relocation package",
        "- $10k Housing Stipend",
        "You'll manage paid acquisition budgets of $500,000 annually.",
        "Closing software deals over $100K, meeting your annual quota.",
    ] {
        assert_eq!(salary_from_description(text), None, "{text}");
    }
    assert_eq!(
        described("Base salary $150K–$180K plus a $10k sign-on bonus."),
        Some(salary(c(150_000), c(180_000), Some("USD"), None))
    );
    assert_eq!(
        described("A $10k sign-on bonus, and a base salary of $150,000 - $180,000 per year."),
        Some(salary(
            c(150_000),
            c(180_000),
            Some("USD"),
            Some(PayPeriod::Year)
        ))
    );
}

#[test]
fn pay_phrases_in_descriptions_are_read() {
    use PayPeriod::*;
    let cases = [
        (
            "The base salary range for this role is $150,000 – $190,000",
            salary(c(150_000), c(190_000), Some("USD"), None),
        ),
        (
            "Compensation: $150K–$190K + equity",
            salary(c(150_000), c(190_000), Some("USD"), None),
        ),
        ("$45–$60/hr", salary(c(45), c(60), Some("USD"), Some(Hour))),
        (
            "€60.000–75.000 per year",
            salary(c(60_000), c(75_000), Some("EUR"), Some(Year)),
        ),
        (
            "OTE $200,000",
            salary(c(200_000), c(200_000), Some("USD"), None),
        ),
        (
            "The hourly rate for this position is $28 to $34, depending on experience.",
            salary(c(28), c(34), Some("USD"), Some(Hour)),
        ),
        (
            "For Canada-based roles: The base salary range for this role is CAD$157,000 per year - CAD$174,000 per year.",
            salary(c(157_000), c(174_000), Some("CAD"), Some(Year)),
        ),
        (
            "Base: $170,700 (min) — $213,400 (mid) — $256,100 (max)",
            salary(c(170_700), c(256_100), Some("USD"), None),
        ),
        (
            "Annual salary: ¥8,000,000 – ¥12,000,000",
            salary(c(8_000_000), c(12_000_000), Some("JPY"), Some(Year)),
        ),
        (
            "Gehalt: 60.000 € - 75.000 € brutto pro Jahr",
            salary(c(60_000), c(75_000), Some("EUR"), Some(Year)),
        ),
        (
            "Salaire : 45 000 € – 55 000 € par an",
            salary(c(45_000), c(55_000), Some("EUR"), Some(Year)),
        ),
        (
            "Lohn: CHF 120'000 - 140'000 pro Jahr",
            salary(c(120_000), c(140_000), Some("CHF"), Some(Year)),
        ),
        (
            "The salary for this role is ₹12,00,000 - ₹18,00,000 per annum",
            salary(c(1_200_000), c(1_800_000), Some("INR"), Some(Year)),
        ),
        (
            "Compensation: $150,000 - $190,000 CAD, 100% remote",
            salary(c(150_000), c(190_000), Some("CAD"), None),
        ),
        (
            "- €75–90k OTE, uncapped (yes, uncapped)",
            salary(c(75_000), c(90_000), Some("EUR"), None),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(described(text), Some(want), "{text}");
    }
}

#[test]
fn a_range_on_its_own_line_under_a_pay_heading_is_read() {
    let cases = [
        "What we offer\n\n- Health insurance\n\nCompensation\n\n$185K – $300K + Offers Equity",
        "Salary Range\n$150,000 - $190,000 USD",
        "Pay Transparency\n\n$150,000 - $190,000 USD",
        "The base pay range for this role is:\n$150,000 - $190,000 USD",
    ];
    for text in cases {
        let found = salary_from_description(text).unwrap_or_else(|| panic!("{text}"));
        assert_eq!(found.salary.currency.as_deref(), Some("USD"), "{text}");
        assert!(
            found.salary.min_cents.is_some_and(|c| c >= 15_000_000),
            "{text}"
        );
        assert!(found.evidence.contains("$1"), "{}", found.evidence);
    }
    let found = salary_from_description("Pay Transparency\n\n$150,000 - $190,000 USD")
        .expect("read under its heading");
    assert_eq!(found.evidence, "Pay Transparency: $150,000 - $190,000 USD");
    // Too far below the heading, or under a heading that is not about pay: not pay.
    for text in [
        "Compensation\n- one\n- two\n- three\n$150,000 - $190,000",
        "Our impact\n\n$150,000 - $190,000",
        "Compensation\nWe donated $150,000 - $190,000 to local charities over the years, and we are proud of every dollar of it.",
    ] {
        assert_eq!(salary_from_description(text), None, "{text}");
    }
}

#[test]
fn out_of_bounds_pay_gives_none() {
    for text in [
        "salary: $3",
        "$1,000,000,000 salary",
        "Salary: $2,400",
        "Pay: $25,000 per hour",
        "Base salary of $3,000,000 per year",
    ] {
        assert_eq!(salary_from_description(text), None, "{text}");
    }
}

#[test]
fn the_evidence_is_the_pay_phrase_collapsed_and_short() {
    let filler = "We build tools for teams. ".repeat(20);
    let text = format!(
        "About us\n\n{filler}The base salary range for this   role is $150,000 – $190,000 per year. {filler}"
    );
    let found = salary_from_description(&text).expect("a pay phrase");
    assert_eq!(
        found.evidence,
        "The base salary range for this role is $150,000 – $190,000 per year."
    );
    // One sentence far longer than the evidence: it starts at the pay word.
    let long = format!(
        "{} Salary: $150K–$190K {}",
        "words ".repeat(40),
        "ééééé ".repeat(40)
    );
    let found = salary_from_description(&long).expect("a pay phrase");
    assert_eq!(found.evidence.chars().count(), 200);
    assert!(
        found.evidence.starts_with("Salary: $150K–$190K ééééé"),
        "{}",
        found.evidence
    );
    let found = salary_from_summary("$180K – $250K • Offers Equity").expect("a summary");
    assert_eq!(found.evidence, "$180K – $250K • Offers Equity");
}

#[test]
fn money_in_prose_about_something_else_gives_none() {
    for text in [
        "Our clients save $5,000 per year with our product.",
        "You'll get up to $6,000 per year for professional development.",
        "We match up to $1,000 per year in charitable donations.",
        "Customers spend $1,000 per month on average.",
        "We answer more than 20,000 weekly active users.",
        "Own a pipeline with a mix of cold-calling (at least 50 dials per day) and meetings.",
        "Scale the amount of videos posted to 10k+ short-form videos monthly.",
        "Suno employees are expected to work 5 days/week in one of our offices.",
    ] {
        assert_eq!(salary_from_description(text), None, "{text}");
    }
    // The same period, said of pay.
    assert_eq!(
        described("In this role you will earn $5,000 per month during the first year of training."),
        Some(salary(
            c(5_000),
            c(5_000),
            Some("USD"),
            Some(PayPeriod::Month)
        ))
    );
}
