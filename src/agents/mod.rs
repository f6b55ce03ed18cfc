//! The agents (PRODUCT.md: orchestrator, job_scout, resume_tailor, optimizer, outreach,
//! tracker_coach) and the language-model layer every one of them calls through.

pub mod model;
pub mod optimizer;
pub mod resume_tailor;
pub mod openai;
mod openai_http;
pub mod repair;
pub mod structured;
