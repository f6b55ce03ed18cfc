//! The `resume_tailor` agent: a tailored version of the base resume for one posting, and a
//! cover-letter draft. Whatever engine answers, its output passes the truth guard
//! ([`resume_fit::violations`], [`resume_fit::letter_violations`]); output that invents anything
//! is refused and the deterministic rules answer instead, recorded in the same run.

use jobpilot_resume::Sections;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::model::{ModelError, Models, RunRecord, ToolSpec};
use crate::domain::resume_fit::{self, CoverLetterInput, PostingText};

/// What a tailored version is made from.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TailorInput {
    pub base: Sections,
    pub posting: PostingText,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TailorOutput {
    pub sections: Sections,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LetterOutput {
    pub text: String,
}

pub static TAILOR_RESUME: ToolSpec = ToolSpec {
    agent: "resume_tailor",
    tool: "tailor_resume",
    instructions: "Tailor the base resume to the job posting. You may reorder and leave out bullets within \
        each job, reorder and leave out skills, and rewrite the summary toward the posting. Never add or \
        change an employer, job title, location, date, school, degree, certification, skill, bullet or \
        contact detail: every one must be copied from the base exactly. The summary may only name skills, \
        numbers and names the base has. Answer with JSON {\"sections\": …} in the base's shape.",
    schema: sections_schema,
    deterministic: tailor_rule,
};

pub static COVER_LETTER: ToolSpec = ToolSpec {
    agent: "resume_tailor",
    tool: "cover_letter",
    instructions: "Draft a short cover letter for this posting from the resume: a greeting, the role and \
        company, two or three of the person's own bullets that fit the posting best (quoted verbatim), \
        and a close. Invent nothing: no skill, number, employer or experience the resume lacks. Leave \
        what only the person can say as a bracketed placeholder such as [Why this company]. Answer \
        with JSON {\"text\": \"…\"}.",
    schema: letter_schema,
    deterministic: letter_rule,
};

fn tailor_rule(input: &Value) -> anyhow::Result<Value> {
    let input: TailorInput = serde_json::from_value(input.clone())?;
    Ok(json!({ "sections": resume_fit::tailor(&input.base, &input.posting) }))
}

fn letter_rule(input: &Value) -> anyhow::Result<Value> {
    let input: CoverLetterInput = serde_json::from_value(input.clone())?;
    Ok(json!({ "text": resume_fit::draft_cover_letter(&input) }))
}

fn sections_schema() -> Value {
    json!({ "type": "object", "required": ["sections"], "properties": { "sections": { "type": "object" } } })
}

fn letter_schema() -> Value {
    json!({ "type": "object", "required": ["text"], "properties": { "text": { "type": "string", "minLength": 1 } } })
}

/// Replaces a refused answer by the rules' one in the run's record: the run is then the
/// deterministic engine's, with the refusal and its reasons kept in the transcript.
fn refused(record: &mut RunRecord, problems: Value, output: Value) {
    tracing::warn!(tool = record.tool, engine = record.engine, "the model's answer invented facts; answering with the rules");
    record.transcript.push(("guard".to_string(), json!({ "refused": problems })));
    record.transcript.push(("output".to_string(), output));
    record.engine = "deterministic";
    record.model = None;
}

/// A tailored version that invents nothing, and the run to record.
pub async fn tailor(models: &Models, input: &TailorInput, input_ref: String) -> Result<(Sections, RunRecord), ModelError> {
    let outcome = models.run::<_, TailorOutput>(&TAILOR_RESUME, input, input_ref).await?;
    let mut record = outcome.record;
    let problems = resume_fit::violations(&input.base, &outcome.value.sections);
    if problems.is_empty() {
        return Ok((outcome.value.sections, record));
    }
    let sections = resume_fit::tailor(&input.base, &input.posting);
    let still = resume_fit::violations(&input.base, &sections);
    if !still.is_empty() {
        return Err(ModelError::Rule(format!("the tailoring rules broke the truth guard: {still:?}")));
    }
    refused(&mut record, serde_json::to_value(&problems).unwrap_or_default(), json!({ "sections": sections }));
    Ok((sections, record))
}

/// A cover-letter draft that claims nothing the resume lacks, and the run to record.
pub async fn cover_letter(models: &Models, input: &CoverLetterInput, input_ref: String) -> Result<(String, RunRecord), ModelError> {
    let outcome = models.run::<_, LetterOutput>(&COVER_LETTER, input, input_ref).await?;
    let mut record = outcome.record;
    let problems = resume_fit::letter_violations(input, &outcome.value.text);
    if problems.is_empty() && !outcome.value.text.trim().is_empty() {
        return Ok((outcome.value.text, record));
    }
    let text = resume_fit::draft_cover_letter(input);
    refused(&mut record, json!(problems), json!({ "text": text }));
    Ok((text, record))
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use futures::future::BoxFuture;
    use jobpilot_resume::Experience;

    use super::*;
    use crate::agents::model::{Generation, LanguageModel, ModelRequest};

    /// A model service that answers every tool with the same fixed output, as a careless model
    /// would: here one that adds a skill, a job and numbers the resume does not have.
    struct Answering(Value);

    impl LanguageModel for Answering {
        fn engine(&self) -> &'static str {
            "openai_compatible"
        }

        fn generate<'a>(&'a self, _request: &'a ModelRequest<'a>) -> BoxFuture<'a, Result<Generation, ModelError>> {
            let output = self.0.clone();
            Box::pin(async move {
                Ok(Generation { output: output.clone(), model: Some("test-model".into()), tokens_in: Some(10), tokens_out: Some(20), transcript: vec![("assistant".into(), output)] })
            })
        }
    }

    fn input() -> TailorInput {
        TailorInput {
            base: Sections {
                skills: vec!["Python".into()],
                experience: vec![Experience { company: "Acme".into(), role: "Engineer".into(), bullets: vec!["Built 3 services in Python".into()], ..Experience::default() }],
                ..Sections::default()
            },
            posting: PostingText { title: "Data Engineer".into(), company: Some("Globex".into()), description: "Requirements: Python and Kafka.".into() },
        }
    }

    #[tokio::test]
    async fn a_model_answer_that_invents_a_skill_and_a_job_is_refused_for_the_rules_answer() {
        let mut invented = input().base;
        invented.skills.push("Kafka".into());
        invented.experience.push(Experience { company: "Google".into(), role: "Staff Engineer".into(), ..Experience::default() });
        let models = Models::with_engine(Arc::new(Answering(json!({ "sections": invented }))));
        let (sections, record) = tailor(&models, &input(), "test".into()).await.expect("an answer");
        assert_eq!(sections, resume_fit::tailor(&input().base, &input().posting), "the rules' version replaces the model's");
        assert_eq!(record.engine, "deterministic");
        assert!(record.transcript.iter().any(|(role, _)| role == "guard"), "the refusal is recorded");
    }

    #[tokio::test]
    async fn a_model_answer_that_only_reorders_is_kept_as_the_models() {
        let honest = input().base;
        let models = Models::with_engine(Arc::new(Answering(json!({ "sections": honest }))));
        let (sections, record) = tailor(&models, &input(), "test".into()).await.expect("an answer");
        assert_eq!(sections, input().base);
        assert_eq!(record.engine, "openai_compatible");
    }

    #[tokio::test]
    async fn a_model_letter_that_claims_years_and_skills_the_resume_lacks_is_refused() {
        let letter_input = CoverLetterInput { resume: input().base, posting: input().posting };
        let models = Models::with_engine(Arc::new(Answering(json!({ "text": "I have 15 years of Kafka and Scala." }))));
        let (text, record) = cover_letter(&models, &letter_input, "test".into()).await.expect("an answer");
        assert_eq!(text, resume_fit::draft_cover_letter(&letter_input));
        assert_eq!(record.engine, "deterministic");
    }
}
