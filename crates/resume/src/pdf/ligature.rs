//! Ligature glyphs a font maps to no text ("ﬁ" drawn as one glyph with no ToUnicode entry) come
//! out as NUL. They are mended by trying the ligatures Latin fonts have and keeping the one that
//! makes a known word; when none does, "fi" — by far the most common — is used, and the caller
//! says so in a note.

const LIGATURES: [&str; 6] = ["fi", "fl", "ff", "ffi", "ffl", "ft"];

/// Common words with a ligature, beside the section-heading vocabulary.
const WORDS: &[&str] = &[
    "profile", "profiles", "certification", "certifications", "certified", "certificate", "certificates", "office", "officer",
    "staff", "effective", "efficient", "efficiency", "financial", "finance", "field", "fields", "flow", "workflow", "workflows",
    "overflow", "stackoverflow", "fluent", "flexible", "different", "traffic", "affairs", "offer", "offered", "difficult",
    "specific", "scientific", "scientist", "significant", "confidential", "profit", "benefits", "fintech", "first", "final",
    "firm", "fixed", "flight", "floor", "florida", "influence", "conflict", "portfolio", "qualified", "qualification",
    "qualifications", "identified", "simplified", "classified", "verified", "unified", "fifty", "figma", "file", "files",
    "filing", "fill", "film", "filter", "find", "findings", "fine", "fire", "fit", "fitness", "five", "flag", "flash", "fleet",
    "flutter", "focus", "off", "affiliate", "affordable", "chief", "coffee", "diffusion", "effort", "efforts", "suffolk",
    "sheffield", "stafford", "proficient", "proficiency", "artificial", "notification", "notifications", "satisfaction",
    "optimisation", "sufficient", "official", "officially", "reflect", "inflation", "afflicted", "shift", "shifts", "software",
    "after", "draft", "crafted", "loft", "swift", "left", "gift", "microsoft",
];

/// Mends NULs in `text` word by word; returns whether any were guessed.
pub fn mend(text: &str) -> (String, bool) {
    if !text.contains('\0') {
        return (text.to_string(), false);
    }
    let mut guessed = false;
    let words: Vec<String> = text
        .split(' ')
        .map(|w| {
            if !w.contains('\0') {
                return w.to_string();
            }
            for lig in LIGATURES {
                let candidate = w.replace('\0', lig);
                let key: String = candidate.chars().filter(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
                if WORDS.contains(&key.as_str()) || crate::text::headings::kind_of(&candidate).is_some() {
                    return candidate;
                }
            }
            guessed = true;
            w.replace('\0', "fi")
        })
        .collect();
    (words.join(" "), guessed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ligature_without_text_is_mended_into_the_word_it_makes() {
        assert_eq!(mend("Pro\0les"), ("Profiles".to_string(), false));
        assert_eq!(mend("StackOver\0ow"), ("StackOverflow".to_string(), false));
        assert_eq!(mend("Sta\0 nurse"), ("Staff nurse".to_string(), false));
        assert!(mend("Zq\0x").1);
    }
}
