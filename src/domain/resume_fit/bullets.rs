//! Weak bullets, the way a recruiter skims: no number to show the size of the result, no
//! action verb to say what the person did, or too long to read at a glance.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Words past which a bullet is too long for a skim.
pub const MAX_WORDS: usize = 32;

/// Why a bullet is weak.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BulletWeakness {
    NoNumber,
    NoActionVerb,
    TooLong,
}

/// Verb stems a strong bullet starts with; their -s, -ed, -d and -ing forms count too.
const ACTION_VERBS: &[&str] = &[
    "achieve", "accelerate", "analyze", "analyse", "architect", "automate", "boost", "build",
    "champion", "coach", "collaborate", "consolidate", "create", "cut", "decrease", "define",
    "deliver", "deploy", "design", "develop", "direct", "double", "drive", "eliminate", "enable",
    "engineer", "establish", "expand", "generate", "grow", "guide", "halve", "implement",
    "improve", "increase", "influence", "initiate", "introduce", "launch", "lead", "manage",
    "mentor", "migrate", "model", "modernize", "negotiate", "optimize", "optimise", "orchestrate",
    "organize", "overhaul", "own", "pioneer", "plan", "present", "produce", "publish", "raise",
    "redesign", "reduce", "refactor", "resolve", "restructure", "revamp", "run", "save", "scale",
    "secure", "sell", "ship", "simplify", "spearhead", "standardize", "streamline", "strengthen",
    "supervise", "teach", "test", "train", "transform", "triple", "unify", "win", "write",
    "author", "close", "code", "conduct", "coordinate", "curate", "debug", "document", "execute",
    "facilitate", "forecast", "founded", "found", "handle", "hire", "integrate", "invent",
    "maintain", "map", "measure", "monitor", "moderate", "onboard", "operate", "prototype",
    "recruit", "research", "rebuild", "replace", "reach", "shape", "solve", "support", "track",
    "translate", "upgrade", "instrument", "prioritize", "partner", "audit", "craft", "prepare",
];

/// Irregular past forms of action verbs.
const IRREGULAR: &[&str] = &["led", "built", "drove", "grew", "ran", "wrote", "won", "sold", "taught", "cut", "made", "brought", "oversaw", "set", "began", "undertook", "spoke", "shipped", "rewrote", "rebuilt"];

/// Openings that describe a duty rather than an action.
const WEAK_STARTS: &[&str] = &["responsible", "duties", "worked", "helped", "assisted", "participated", "involved", "tasked", "was", "were", "in", "various", "handled", "did"];

/// Words that state a quantity.
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "fifty", "hundred", "hundreds", "thousand", "thousands",
    "million", "millions", "billion", "dozen", "dozens", "half", "double", "doubled", "tripled",
    "percent",
];

/// Everything weak about one bullet (empty: a strong bullet).
pub fn weaknesses(bullet: &str) -> Vec<BulletWeakness> {
    let words: Vec<String> = bullet
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    let mut weak = Vec::new();
    let numbered = bullet.chars().any(|c| c.is_ascii_digit()) || words.iter().any(|w| NUMBER_WORDS.contains(&w.as_str()));
    if !numbered {
        weak.push(BulletWeakness::NoNumber);
    }
    if !words.first().is_some_and(|w| is_action_verb(w)) {
        weak.push(BulletWeakness::NoActionVerb);
    }
    if words.len() > MAX_WORDS {
        weak.push(BulletWeakness::TooLong);
    }
    weak
}

fn is_action_verb(word: &str) -> bool {
    if WEAK_STARTS.contains(&word) {
        return false;
    }
    if IRREGULAR.contains(&word) {
        return true;
    }
    let stem_matches = |stem: &&str| {
        let rest = word.strip_prefix(*stem);
        // "automate" → "automated"/"automating"; "plan" → "planned"; "ship" → "shipped".
        let base = stem.trim_end_matches('e');
        let doubled = format!("{stem}{}", stem.chars().last().unwrap_or(' '));
        matches!(rest, Some("" | "s" | "es" | "ed" | "d" | "ing"))
            || matches!(word.strip_prefix(base), Some("ed" | "ing" | "es"))
            || matches!(word.strip_prefix(doubled.as_str()), Some("ed" | "ing"))
            || (stem.ends_with('y') && matches!(word.strip_prefix(&stem[..stem.len() - 1]), Some("ied" | "ies")))
    };
    ACTION_VERBS.iter().any(stem_matches)
}

#[cfg(test)]
mod tests {
    use super::*;
    use BulletWeakness::*;

    #[test]
    fn a_bullet_with_a_verb_and_a_number_is_strong() {
        assert!(weaknesses("Cut p95 latency by 40% across 12 services").is_empty());
        assert!(weaknesses("Spearheaded the redesign, lifting engagement 40%").is_empty());
        assert!(weaknesses("Planned and shipped three releases").is_empty());
        assert!(weaknesses("Led a team of four engineers").is_empty());
    }

    #[test]
    fn duties_without_numbers_are_weak_on_both_counts() {
        assert_eq!(weaknesses("Responsible for the billing system"), vec![NoNumber, NoActionVerb]);
        assert_eq!(weaknesses("Worked on various projects"), vec![NoNumber, NoActionVerb]);
    }

    #[test]
    fn a_long_bullet_is_too_long() {
        let long = format!("Built {}", "the thing and ".repeat(12));
        assert!(weaknesses(&long).contains(&TooLong));
    }

    #[test]
    fn a_number_inside_a_product_name_still_counts_and_verbs_in_the_present_count() {
        assert!(!weaknesses("Manages 5 direct reports").contains(&NoActionVerb));
        assert!(!weaknesses("Optimizing queries for a dozen teams").contains(&NoNumber));
    }
}
