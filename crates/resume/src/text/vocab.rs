//! Word lists the readers judge lines by: job-title words, organisation words, schools, degrees,
//! proficiency levels and language names. General taxonomies, not any one resume's words.

pub const TITLE_WORDS: &[&str] = &[
    "developer", "engineer", "manager", "nurse", "accountant", "analyst", "director", "specialist", "representative", "consultant",
    "intern", "internship", "lead", "head", "officer", "assistant", "coordinator", "designer", "administrator", "admin", "technician",
    "scientist", "architect", "executive", "associate", "supervisor", "clerk", "teacher", "instructor", "professor", "lecturer",
    "researcher", "programmer", "president", "vp", "vice", "chief", "ceo", "cto", "cfo", "coo", "cio", "founder", "co-founder",
    "cofounder", "owner", "partner", "principal", "senior", "junior", "staff", "sr", "jr", "trainee", "apprentice", "advisor",
    "adviser", "agent", "auditor", "bookkeeper", "controller", "comptroller", "therapist", "physician", "pharmacist", "practitioner",
    "rn", "lpn", "cna", "paramedic", "editor", "writer", "author", "journalist", "producer", "marketer", "strategist", "planner",
    "buyer", "cashier", "chef", "cook", "driver", "operator", "mechanic", "electrician", "attorney", "lawyer", "paralegal",
    "counsel", "recruiter", "generalist", "secretary", "receptionist", "fellow", "postdoc", "tutor", "volunteer", "salesperson",
    "leader", "mentor", "contractor", "freelancer", "freelance", "expert", "artist", "photographer", "tester", "devops", "sre",
    "steward", "attendant", "worker", "aide", "caregiver", "midwife", "dentist", "surgeon", "veterinarian", "psychologist",
    "counselor", "counsellor", "inspector", "estimator", "surveyor", "superintendent", "foreman", "bartender", "server",
    "waiter", "waitress", "barista", "merchandiser", "stylist", "cleaner", "technologist", "hygienist", "dietitian",
    "nutritionist", "radiographer", "sonographer", "phlebotomist", "educator", "librarian", "curator", "translator",
    "interpreter", "underwriter", "actuary", "economist", "statistician", "geologist", "chemist", "biologist", "physicist",
    "mathematician", "pilot", "captain", "sergeant", "lieutenant", "commander", "engineering", "sales", "account", "cpa",
    "treasurer", "banker", "broker", "trader", "teller", "investigator", "officer", "ambassador", "evangelist", "owner",
];

pub const COMPANY_WORDS: &[&str] = &[
    "inc", "llc", "ltd", "limited", "corp", "corporation", "co", "company", "gmbh", "ag", "sa", "plc", "llp", "lp", "pty", "bv",
    "group", "holdings", "hospital", "clinic", "bank", "university", "college", "school", "institute", "agency", "solutions",
    "technologies", "technology", "systems", "labs", "lab", "consulting", "services", "foundation", "ministry", "department",
    "healthcare", "health", "medical", "pharmacy", "studio", "studios", "ventures", "capital", "industries", "international",
    "global", "network", "media", "software", "analytics", "logistics", "enterprises", "trust", "council", "authority",
    "nhs", "center", "centre", "partners", "associates", "bancorp", "insurance", "financial", "motors", "airlines", "foods",
    "retail", "store", "stores", "hotel", "hotels", "restaurant", "cafe", "bakery", "firm", "office", "church", "county", "city",
    "state", "federal", "government", "army", "navy", "force", "union", "society", "association", "club", "works", "factory",
    "energy", "electric", "pharmaceuticals", "pharma", "biotech", "robotics", "dynamics", "digital", "interactive", "games",
];

pub const SCHOOL_WORDS: &[&str] = &[
    "university", "college", "institute", "school", "academy", "polytechnic", "conservatory", "seminary", "universität",
    "universite", "université", "universidad", "universidade", "università", "universiteit", "hochschule", "escuela", "ecole",
    "école", "faculty", "lyceum", "gymnasium", "iit", "mit", "ucla", "nyu", "epfl", "eth",
];

/// Degree names and abbreviations (compared without dots, lowercase).
pub const DEGREE_WORDS: &[&str] = &[
    "bachelor", "bachelors", "bachelor's", "master", "masters", "master's", "doctor", "doctorate", "phd", "dphil", "md", "jd",
    "mba", "emba", "bs", "bsc", "ba", "ma", "ms", "msc", "mres", "mphil", "meng", "beng", "bed", "med", "bba", "bcom", "mcom",
    "btech", "mtech", "llb", "llm", "bfa", "mfa", "bsn", "msn", "dnp", "pharmd", "dds", "dvm", "associate", "associates",
    "associate's", "aa", "as", "aas", "diploma", "certificate", "ged", "hnd", "hnc", "a-levels", "baccalaureate", "licence",
    "licenciatura", "magister", "diplom", "honours", "honors", "postgraduate", "undergraduate", "graduate",
];

pub const PROFICIENCY: &[&str] = &[
    "beginner", "elementary", "basic", "novice", "intermediate", "upper intermediate", "advanced", "expert", "proficient",
    "fluent", "native", "native speaker", "bilingual", "mother tongue", "conversational", "working proficiency",
    "professional working proficiency", "full professional proficiency", "limited working proficiency", "good", "excellent",
    "strong", "master", "skilled", "familiar", "competent", "a1", "a2", "b1", "b2", "c1", "c2",
];

pub const LANGUAGES: &[&str] = &[
    "english", "spanish", "french", "german", "italian", "portuguese", "dutch", "flemish", "swedish", "norwegian", "danish",
    "finnish", "icelandic", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish", "russian",
    "ukrainian", "belarusian", "serbian", "croatian", "bosnian", "slovenian", "macedonian", "albanian", "lithuanian", "latvian",
    "estonian", "arabic", "hebrew", "persian", "farsi", "urdu", "hindi", "bengali", "bangla", "punjabi", "gujarati", "marathi",
    "tamil", "telugu", "kannada", "malayalam", "sinhala", "nepali", "chinese", "mandarin", "cantonese", "japanese", "korean",
    "vietnamese", "thai", "lao", "khmer", "burmese", "malay", "indonesian", "tagalog", "filipino", "swahili", "amharic",
    "yoruba", "igbo", "hausa", "zulu", "xhosa", "afrikaans", "somali", "catalan", "basque", "galician", "welsh", "irish",
    "scottish gaelic", "maltese", "luxembourgish", "armenian", "georgian", "azerbaijani", "kazakh", "uzbek", "mongolian",
    "latin", "esperanto", "sign language", "american sign language", "asl", "bsl", "pashto", "kurdish", "tigrinya", "haitian creole",
];

/// Lowercase words of `text`, punctuation trimmed (dots removed so "B.S." is "bs").
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == '/' || c == '(' || c == ')' || c == '|')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-').replace('.', "").to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

pub fn count_in(text: &str, list: &[&str]) -> usize {
    words(text).iter().filter(|w| list.contains(&w.as_str())).count()
}

pub fn is_proficiency(text: &str) -> bool {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    PROFICIENCY.contains(&t.as_str()) || t.split_whitespace().all(|w| PROFICIENCY.contains(&w) || w == "proficiency" || w == "level")
}
