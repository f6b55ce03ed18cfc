//! PDF output: typst compiles the chosen template against `resume.json` in memory.

use std::sync::LazyLock;

use serde_json::json;
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::view::View;
use crate::world::ResumeWorld;
use crate::{Paper, RenderError, Template};

const COMMON: &str = include_str!("templates/common.typ");

static CLASSIC: LazyLock<String> = LazyLock::new(|| format!("{COMMON}\n{}", include_str!("templates/classic.typ")));
static MODERN: LazyLock<String> = LazyLock::new(|| format!("{COMMON}\n{}", include_str!("templates/modern.typ")));

fn source(template: Template) -> &'static str {
    match template {
        Template::Classic => &CLASSIC,
        Template::Modern => &MODERN,
    }
}

/// Renders one resume to PDF bytes.
pub fn render(view: &View, template: Template, paper: Paper) -> Result<Vec<u8>, RenderError> {
    let paper = match paper {
        Paper::A4 => "a4",
        Paper::Letter => "us-letter",
    };
    let data = serde_json::to_vec(&json!({ "paper": paper, "resume": view }))
        .map_err(|e| RenderError::Internal(e.to_string()))?;
    let world = ResumeWorld::new(source(template), data);
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| RenderError::Internal(describe(&errors)))?;
    let pdf = typst_pdf::pdf(&document, &PdfOptions::default())
        .map_err(|errors| RenderError::Internal(describe(&errors)))?;
    // typst memoises across compilations; without eviction a long-running server keeps every
    // resume it ever rendered in its caches. Keep only what the last few renders used.
    typst::comemo::evict(4);
    Ok(pdf)
}

fn describe(errors: &[typst::diag::SourceDiagnostic]) -> String {
    errors.iter().map(|e| e.message.to_string()).collect::<Vec<_>>().join("; ")
}
