//! `parse_salary_text` on hand-written cases and on Ashby's real compensation summaries.

use jobpilot::domain::posting::{PayPeriod, Salary};
use jobpilot::domain::salary_text::parse_salary_text;

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
        assert_eq!(parse_salary_text(text), Some(want), "{text}");
    }
}

#[test]
fn a_range_is_found_inside_a_longer_sentence() {
    let text =
        "We offer great benefits. The base salary range for this role is $150,000 to $185,000.";
    assert_eq!(
        parse_salary_text(text),
        Some(salary(c(150_000), c(185_000), Some("USD"), None))
    );
    let text = "Requires 4+ years of experience; pay between $150,000 and $185,000 a year.";
    assert_eq!(
        parse_salary_text(text),
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
        assert_eq!(parse_salary_text(text), None, "{text}");
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
        assert_eq!(parse_salary_text(text), None, "{text}");
    }
}

#[test]
fn the_currency_is_never_assumed() {
    let parsed =
        parse_salary_text("45,000 - 60,000 per year").expect("a range with a period is pay");
    assert_eq!(parsed.currency, None);
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
        assert_eq!(parse_salary_text(text), Some(want), "{text}");
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
            let parsed = parse_salary_text(summary).unwrap_or_else(|| panic!("{board}: {summary}"));
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
