//! Section headings: a vocabulary of the names resumes give their sections, in any case, with
//! or without a trailing colon. Typography (own line, size, caps, style) is judged by the caller.

/// The kinds of section a resume has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Summary,
    Experience,
    Education,
    Skills,
    Certifications,
    Projects,
    Languages,
    Profiles,
    Contact,
    Interests,
    References,
    Awards,
    Volunteering,
    Publications,
}

const VOCABULARY: &[(Kind, &[&str])] = &[
    (Kind::Summary, &["summary", "professional summary", "career summary", "executive summary", "profile", "professional profile", "personal profile", "about", "about me", "objective", "career objective", "personal statement", "overview", "introduction", "who i am"]),
    (Kind::Experience, &["experience", "work experience", "professional experience", "relevant experience", "work history", "employment", "employment history", "career history", "professional background", "clinical experience", "industry experience", "career", "positions held", "experience and employment", "professional history", "work", "employment experience"]),
    (Kind::Education, &["education", "academic background", "education and training", "academic history", "academics", "educational background", "education and qualifications", "qualifications", "academic qualifications", "training and education", "schooling"]),
    (Kind::Skills, &["skills", "technical skills", "core skills", "key skills", "core competencies", "competencies", "areas of expertise", "expertise", "skills and tools", "tools and technologies", "technologies", "tech stack", "skill set", "skillset", "skills and abilities", "professional skills", "hard skills", "soft skills", "skills and expertise", "skills and competencies", "technical proficiencies", "proficiencies", "software skills", "computer skills", "clinical skills"]),
    (Kind::Certifications, &["certifications", "certification", "certificates", "licenses", "licences", "licenses and certifications", "licences and certifications", "certifications and licenses", "certifications and licences", "credentials", "accreditations", "professional certifications", "courses", "courses and certifications", "training"]),
    (Kind::Projects, &["projects", "personal projects", "selected projects", "key projects", "side projects", "academic projects", "project experience", "portfolio"]),
    (Kind::Languages, &["languages", "language skills", "spoken languages", "language"]),
    (Kind::Profiles, &["profiles", "social", "links", "online profiles", "social media", "online presence"]),
    (Kind::Contact, &["contact", "contact information", "contact info", "contact details", "personal information", "personal details", "personal info", "details"]),
    (Kind::Interests, &["interests", "hobbies", "hobbies and interests", "interests and hobbies", "personal interests", "activities"]),
    (Kind::References, &["references", "referees"]),
    (Kind::Awards, &["awards", "honors", "honours", "awards and honors", "awards and honours", "honors and awards", "achievements", "awards and achievements", "accomplishments", "key achievements"]),
    (Kind::Volunteering, &["volunteering", "volunteer", "volunteer experience", "volunteer work", "community involvement", "community service", "leadership and volunteering"]),
    (Kind::Publications, &["publications", "research", "papers", "presentations", "publications and presentations"]),
];

/// The section a line names, when the whole line is a section name.
pub fn kind_of(text: &str) -> Option<Kind> {
    let key = normalize(text)?;
    if let Some((kind, _)) = VOCABULARY.iter().find(|(_, names)| names.contains(&key.as_str())) {
        return Some(*kind);
    }
    // Letter-spaced capitals ("E X P E R I E N C E") lose their word breaks: compare unspaced.
    if key.split(' ').all(|w| w.chars().count() == 1) {
        let joined: String = key.split(' ').collect();
        return VOCABULARY.iter().find(|(_, names)| names.iter().any(|n| n.replace(' ', "") == joined)).map(|(k, _)| *k);
    }
    None
}

/// Lowercase letters and single spaces, "&" as "and"; `None` for anything too long to be a title.
fn normalize(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(':').trim();
    // A sentence is not a heading: headings do not end in a full stop and are a few words long.
    let letter_spaced = t.split_whitespace().all(|w| w.chars().count() == 1);
    if t.ends_with('.') || (t.split_whitespace().count() > 5 && !letter_spaced) || t.is_empty() {
        return None;
    }
    let mapped: String = t.replace(['&', '/'], " and ").chars().map(|c| if c.is_alphabetic() { c.to_lowercase().next().unwrap_or(c) } else { ' ' }).collect();
    let key = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    (!key.is_empty()).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_in_any_case_and_common_wordings_are_known() {
        assert_eq!(kind_of("EXPERIENCE"), Some(Kind::Experience));
        assert_eq!(kind_of("Work History:"), Some(Kind::Experience));
        assert_eq!(kind_of("professional experience"), Some(Kind::Experience));
        assert_eq!(kind_of("Licenses & Certifications"), Some(Kind::Certifications));
        assert_eq!(kind_of("About me"), Some(Kind::Summary));
        assert_eq!(kind_of("Volunteer Experience"), Some(Kind::Volunteering));
        assert_eq!(kind_of("E X P E R I E N C E"), Some(Kind::Experience));
        assert_eq!(kind_of("W O R K  H I S T O R Y"), Some(Kind::Experience));
        assert_eq!(kind_of("02. Education"), Some(Kind::Education));
    }

    #[test]
    fn a_company_or_a_sentence_that_contains_a_heading_word_is_not_a_heading() {
        assert_eq!(kind_of("Education First"), None);
        assert_eq!(kind_of("Taught soft skills to new hires"), None);
        assert_eq!(kind_of("Skills."), None);
    }
}
