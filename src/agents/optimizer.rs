//! The `optimizer` agent: says what a resume lacks against a posting (its ATS score, the
//! keywords it misses, weak bullets). The rules in `domain::resume_fit` answer without a model;
//! a configured model gets the same input and must return the same report shape.

use jobpilot_resume::Sections;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::model::ToolSpec;
use crate::domain::resume_fit::{self, PostingText};

/// What the score is computed from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScoreInput {
    pub resume: Sections,
    pub posting: PostingText,
}

pub static ATS_SCORE: ToolSpec = ToolSpec {
    agent: "optimizer",
    tool: "ats_score",
    instructions: "Score the resume against the job posting as an applicant-tracking system would. \
        List the posting's keywords (required and preferred skills, tools, certifications), which the \
        resume covers (whole words, synonyms count), section completeness, a 0-100 score with its \
        breakdown, and suggestions: a missing keyword may only be suggested as something to add if it \
        is true, and weak bullets (no number, no action verb, too long). Answer with JSON only.",
    schema: report_schema,
    deterministic: score_rule,
};

fn score_rule(input: &Value) -> anyhow::Result<Value> {
    let input: ScoreInput = serde_json::from_value(input.clone())?;
    Ok(serde_json::to_value(resume_fit::score(&input.resume, &input.posting))?)
}

/// The [`resume_fit::AtsReport`] shape.
pub fn report_schema() -> Value {
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    json!({
        "type": "object",
        "required": ["score", "breakdown", "keywords", "matched", "missing", "sections", "suggestions"],
        "properties": {
            "score": { "type": "integer", "minimum": 0, "maximum": 100 },
            "breakdown": { "type": "array", "items": { "type": "object",
                "required": ["name", "weight", "ratio", "points", "detail"],
                "properties": { "name": { "type": "string" }, "weight": { "type": "number" }, "ratio": { "type": "number" },
                    "points": { "type": "number" }, "detail": { "type": "string" } } } },
            "keywords": { "type": "array", "items": { "type": "object",
                "required": ["term", "kind", "importance", "matched"],
                "properties": { "term": { "type": "string" }, "kind": { "enum": ["skill", "tool", "certification"] },
                    "importance": { "enum": ["required", "preferred"] }, "matched": { "type": "boolean" } } } },
            "matched": strings,
            "missing": strings,
            "sections": { "type": "array", "items": { "type": "object", "required": ["section", "present"],
                "properties": { "section": { "type": "string" }, "present": { "type": "boolean" } } } },
            "suggestions": { "type": "array", "items": { "type": "object", "required": ["kind", "text", "subject"],
                "properties": { "kind": { "type": "string" }, "text": { "type": "string" }, "subject": { "type": "string" } } } }
        }
    })
}
