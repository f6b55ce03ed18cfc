//! Plausibility bounds of a salary per pay period, scaled by the currency's unit.

use super::*;

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
pub(super) fn bounds_for(period: PayPeriod) -> (f64, f64) {
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
pub(super) fn unit_factor(currency: &str) -> f64 {
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
