//! How a feed item reads on the page: its score, one bar per factor, pay stated or estimated.

use serde_json::Value;
use uuid::Uuid;

use super::jobs_view::{date_text, money, salary_text};
use crate::services::feed::FeedItem;
use crate::services::search::CompanyRef;

/// One factor of the breakdown: its name, the points it added, the most it could add, and a
/// few words.
pub struct Bar {
    pub name: &'static str,
    pub points: f64,
    pub max: f64,
    pub words: String,
}

/// A feed card.
pub struct Card {
    pub id: Uuid,
    pub title: String,
    pub company: Option<CompanyRef>,
    pub location: Option<String>,
    pub remote: bool,
    pub salary: Option<String>,
    /// "est. $120,000 – $150,000 (12 similar postings)", never for a posting that states pay.
    pub estimate: Option<String>,
    pub posted: String,
    pub score: i32,
    pub bars: Vec<Bar>,
    pub rationale: String,
    pub tracked: bool,
}

impl Card {
    pub fn new(item: FeedItem) -> Card {
        let estimate = item.salary_estimate.as_ref().and_then(estimate_text);
        Card {
            bars: bars(&item.fit_factors),
            id: item.posting_id,
            title: item.title,
            company: item.company,
            // Its own label unless the location already says "Remote".
            remote: item.remote_flag && !item.location.as_deref().is_some_and(|l| l.to_lowercase().contains("remote")),
            location: item.location,
            salary: item.salary.as_ref().and_then(salary_text),
            estimate,
            posted: date_text(&item.posted_at),
            score: item.fit_score,
            rationale: item.rationale.unwrap_or_default(),
            tracked: item.tracked,
        }
    }
}

fn estimate_text(e: &Value) -> Option<String> {
    let currency = e["currency"].as_str()?;
    let cents = |key: &str| e[key].as_i64().and_then(|c| i32::try_from(c).ok());
    let (low, high, n) = (cents("low_cents")?, cents("high_cents")?, e["sample_size"].as_u64()?);
    let range = if low == high { money(low, currency) } else { format!("{} – {}", money(low, currency), money(high, currency)) };
    Some(format!("est. {range} a year ({n} similar postings)"))
}

/// One bar per factor that applies, with the points it added out of its share of 100.
fn bars(f: &Value) -> Vec<Bar> {
    let points = &f["points"];
    let all = ["title", "skills", "seniority", "salary", "recency"];
    let applying: Vec<&str> = all.into_iter().filter(|k| points[*k].is_number()).collect();
    let weight = |k: &str| match k {
        "title" | "skills" => 35.0,
        _ => 10.0,
    };
    let total: f64 = applying.iter().map(|k| weight(k)).sum();
    applying
        .into_iter()
        .map(|k| {
            let max = (weight(k) * 100.0 / total).round();
            Bar { name: label(k), points: points[k].as_f64().unwrap_or(0.0).round(), max, words: words(k, f) }
        })
        .collect()
}

fn label(key: &str) -> &'static str {
    match key {
        "title" => "Title",
        "skills" => "Skills",
        "seniority" => "Level",
        "salary" => "Pay",
        _ => "Fresh",
    }
}

fn words(key: &str, f: &Value) -> String {
    match key {
        "title" => format!("{:.0}% like the titles you want", f["title_similarity"].as_f64().unwrap_or(0.0) * 100.0),
        "skills" => {
            let o = &f["skill_overlap"];
            let names: Vec<&str> = o["skills"].as_array().into_iter().flatten().filter_map(Value::as_str).take(4).collect();
            match o["count"].as_u64().unwrap_or(0) {
                0 => "none of your skills".into(),
                n => format!("{n} of your skills: {}", names.join(", ")),
            }
        }
        "seniority" => match (f["seniority_match"].as_bool(), f["posting_level"].as_str()) {
            (Some(true), Some(l)) => format!("your level ({l})"),
            (Some(false), Some(l)) => format!("not your level ({l})"),
            _ => "no level stated".into(),
        },
        "salary" => match f["salary_basis"].as_str() {
            Some("stated") => "stated pay vs your minimum".into(),
            Some("estimated") => "estimated pay vs your minimum".into(),
            Some("other_currency") => "pay in another currency".into(),
            _ => "pay not stated".into(),
        },
        _ => format!("{:.0}% fresh", f["recency_boost"].as_f64().unwrap_or(0.0) * 100.0),
    }
}
