//! Pay per year, so an hourly rate and a yearly salary compare, and how well a posting's pay
//! meets a user's minimum.

use serde::Serialize;

use crate::domain::posting::PayPeriod;

/// A yearly pay range in minor units of `currency`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AnnualPay {
    pub low_cents: i64,
    pub high_cents: i64,
    pub currency: String,
}

impl AnnualPay {
    /// A single yearly figure in US dollars (tests and the floor of a search without a currency).
    pub fn usd(cents: i64) -> AnnualPay {
        AnnualPay { low_cents: cents, high_cents: cents, currency: "USD".into() }
    }

    /// A posting's pay per year: a missing bound takes the other's value; a missing period is
    /// read as hourly under 1,000 a unit and yearly above, the way people write pay.
    pub fn from_posting(min: Option<i64>, max: Option<i64>, period: Option<PayPeriod>, currency: &str) -> Option<AnnualPay> {
        let (low, high) = match (min, max) {
            (Some(lo), Some(hi)) => (lo, hi),
            (Some(v), None) | (None, Some(v)) => (v, v),
            (None, None) => return None,
        };
        let period = period.unwrap_or(if high < 100_000 { PayPeriod::Hour } else { PayPeriod::Year });
        let per_year = periods_per_year(period);
        Some(AnnualPay { low_cents: low * per_year, high_cents: high * per_year, currency: currency.to_string() })
    }

    /// The middle of the range.
    pub fn midpoint_cents(&self) -> i64 {
        (self.low_cents + self.high_cents) / 2
    }
}

/// Full-time working periods in a year (2,080 hours, 260 days).
fn periods_per_year(period: PayPeriod) -> i64 {
    match period {
        PayPeriod::Hour => 2_080,
        PayPeriod::Day => 260,
        PayPeriod::Week => 52,
        PayPeriod::Month => 12,
        PayPeriod::Year => 1,
    }
}

/// How well `pay` meets `floor`, 0 to 1: 1 when even the bottom of the range reaches it, falling
/// with the share of the range below it, and for a range entirely below, with how far below
/// (a deal-breaker floor excludes those before this is asked). `None` when the currencies
/// differ: there is no exchange rate here to compare them honestly.
pub fn alignment(pay: &AnnualPay, floor: &AnnualPay) -> Option<f64> {
    if pay.currency != floor.currency {
        return None;
    }
    let need = floor.low_cents as f64;
    let (low, high) = (pay.low_cents as f64, pay.high_cents as f64);
    if need <= 0.0 || low >= need {
        return Some(1.0);
    }
    if high >= need {
        // Part of the range reaches the floor: 0.5 at the very top, up to 1 at the bottom.
        let share_above = if high > low { (high - need) / (high - low) } else { 1.0 };
        return Some(0.5 + 0.5 * share_above);
    }
    Some((0.5 * high / need).clamp(0.0, 0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hourly_and_yearly_pay_compare_per_year() {
        let hourly = AnnualPay::from_posting(Some(50_00), Some(60_00), Some(PayPeriod::Hour), "USD").expect("pay");
        assert_eq!((hourly.low_cents, hourly.high_cents), (104_000_00, 124_800_00));
        let unsaid = AnnualPay::from_posting(Some(45_00), None, None, "USD").expect("pay");
        assert_eq!(unsaid.low_cents, 93_600_00);
        let yearly = AnnualPay::from_posting(None, Some(150_000_00), None, "USD").expect("pay");
        assert_eq!(yearly, AnnualPay::usd(150_000_00));
        assert_eq!(AnnualPay::from_posting(None, None, None, "USD"), None);
    }

    #[test]
    fn alignment_falls_with_the_share_of_the_range_below_the_floor() {
        let floor = AnnualPay::usd(150_000_00);
        let above = AnnualPay { low_cents: 160_000_00, high_cents: 200_000_00, currency: "USD".into() };
        let straddling = AnnualPay { low_cents: 100_000_00, high_cents: 200_000_00, currency: "USD".into() };
        let below = AnnualPay { low_cents: 90_000_00, high_cents: 100_000_00, currency: "USD".into() };
        assert_eq!(alignment(&above, &floor), Some(1.0));
        assert_eq!(alignment(&straddling, &floor), Some(0.75));
        let under = alignment(&below, &floor).expect("same currency");
        assert!(under < 0.5, "{under}");
        let euros = AnnualPay { currency: "EUR".into(), ..above };
        assert_eq!(alignment(&euros, &floor), None);
    }
}
