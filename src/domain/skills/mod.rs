//! Finds the skills a posting names, against the curated tech and business lists and the derived
//! ESCO labels.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::{self, NFA};
use aho_corasick::{AhoCorasick, Anchored, MatchKind, PatternID};

mod roles;
mod sections;

use roles::*;
use sections::*;

/// The curated tech skills; format documented at the top of the file.
const TECH: &str = include_str!("../../../data/skills/tech.txt");
/// The curated non-engineering skills (sales, support, people, finance, legal, marketing,
/// operations), in the same format.
const BUSINESS: &str = include_str!("../../../data/skills/business.txt");
/// ESCO labels, one per line, derived by scripts/derive-esco-skills.py (see data/skills/README.md).
const ESCO: &str = include_str!("../../../data/skills/esco.txt");
/// The practices ESCO occupations are named after ("bridge inspection" for "bridge inspector"),
/// title-only entries in the tech.txt format, derived by the same script with `--roles`.
const ESCO_ROLES: &str = include_str!("../../../data/skills/esco-roles.txt");

/// Terms this short are glued to a hyphenated neighbour: "go-to-market" is not Go and
/// "AI-powered" not a skill, while "Kafka-based" still names Kafka.
const SHORT_TERM: usize = 2;

/// One spelling the automaton looks for.
struct Pattern {
    /// Index into `SkillMatcher::tags`.
    tag: usize,
    /// Spelling that must match exactly, for names that are also English words ("Go").
    exact: Option<String>,
    /// A role name ("account executive") that names the skill only in a title.
    title_only: bool,
    /// A business function, whose name is also a department's: "the Customer Success team" is
    /// not the skill (see [`names_a_group`]).
    function: bool,
}

/// Where a text comes from: the title names the role itself, while a description also names
/// other people, teams and the company.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    Title,
    Description,
}

/// A skill taxonomy compiled into one Aho-Corasick automaton, so tagging a posting is one pass
/// over its words however many skills there are.
pub struct SkillMatcher {
    /// `None` only if the automaton could not be built; then nothing is tagged.
    automaton: Option<NFA>,
    patterns: Vec<Pattern>,
    tags: Vec<String>,
}

impl SkillMatcher {
    /// The built-in taxonomy (curated tech and business lists first, then ESCO's labels and the
    /// practices its occupations name), compiled once per process.
    pub fn builtin() -> &'static SkillMatcher {
        static BUILTIN: OnceLock<SkillMatcher> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut builder = Builder::default();
            builder.add_list(TECH, false);
            builder.add_list(BUSINESS, true);
            builder.add_labels(ESCO);
            builder.add_list(ESCO_ROLES, false);
            builder.build()
        })
    }

    /// A matcher for plain labels, each its own tag, matched case-insensitively.
    pub fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> SkillMatcher {
        let mut builder = Builder::default();
        for label in labels {
            builder.add_line(&label.replace('|', " "));
        }
        builder.build()
    }

    /// A matcher from a curated list in the `tech.txt` format and a plain label list; a label of
    /// the plain list that the curated list already spells is left to the curated entry, so the
    /// curated case rules ("=Swift") win.
    pub fn from_taxonomy(curated: &str, labels: &str) -> SkillMatcher {
        let mut builder = Builder::default();
        builder.add_list(curated, false);
        builder.add_labels(labels);
        builder.build()
    }

    /// The skills named in the title and the description: lower-cased, de-duplicated, in the
    /// order first seen (title first). The title is also read for the practice its role names
    /// ("Account Manager" → account management, see [`practice_title`]); the description's
    /// company sections (about us, benefits, equal opportunity...) are left out when it has
    /// others, as they say nothing about the role ([`role_sections`]).
    pub fn tags(&self, title: &str, description: &str) -> Vec<String> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mut found = |tag: usize| {
            if seen.insert(tag) {
                out.push(self.tags[tag].clone());
            }
        };
        self.scan(title, Place::Title, &mut found);
        if let Some(practice) = practice_title(title) {
            self.scan(&practice, Place::Title, &mut found);
        }
        for section in role_sections(description) {
            self.scan(section, Place::Description, &mut found);
        }
        out
    }

    /// Tries the taxonomy only where a term can begin (the start, or after a character that is
    /// not a letter or digit), with one anchored longest-match walk each: a free-running scan
    /// also reports every short term inside longer words ("r", "go", "c") only for
    /// [`whole_word`] to refuse them (measured on real postings: 49 µs a posting free-running,
    /// 36 µs walked).
    fn scan(&self, text: &str, place: Place, found: &mut impl FnMut(usize)) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let mut previous: Option<char> = None;
        let mut resume_at = 0;
        for (at, c) in text.char_indices() {
            let term_can_start = previous.is_none_or(|p| !p.is_alphanumeric());
            previous = Some(c);
            if at < resume_at || !term_can_start || c.is_whitespace() {
                continue;
            }
            let Some((pattern, end)) = longest_term_at(automaton, text, at) else {
                continue;
            };
            let Some(pattern) = self.patterns.get(pattern.as_usize()) else {
                continue;
            };
            let exact_ok = pattern
                .exact
                .as_deref()
                .is_none_or(|exact| single_spaced(&text[at..end]) == exact);
            if !exact_ok || !whole_word(text, at, end) {
                continue;
            }
            if pattern.title_only && place == Place::Description {
                continue; // "you will work with account executives" is not the role's skill
            }
            resume_at = end; // terms do not overlap: "react native" is not also "native"
            if place == Place::Title || !pattern.function || !names_a_group(&text[end..]) {
                found(pattern.tag);
            }
        }
    }
}

/// The longest spelling that starts exactly at `at`: (pattern, end). The automaton is walked
/// byte by byte by hand, as the generic search routines cost more per call than the walk
/// itself, and there is one call per word. A run of whitespace is walked as one space, so a
/// phrase broken across lines ("stakeholder\nmanagement") still matches, without first copying
/// the whole text with its whitespace folded (that copy was a quarter of the matcher's time).
fn longest_term_at(nfa: &NFA, text: &str, at: usize) -> Option<(PatternID, usize)> {
    let bytes = text.as_bytes();
    let mut state = nfa.start_state(Anchored::Yes).ok()?;
    let mut longest = None;
    let mut offset = at;
    let mut walked = 0; // bytes fed to the automaton: a whitespace run is one
    while offset < bytes.len() {
        let space_len = whitespace_run(text, offset);
        let byte = if space_len > 0 { b' ' } else { bytes[offset] };
        offset += space_len.max(1);
        walked += 1;
        state = nfa.next_state(Anchored::Yes, state, byte);
        if nfa.is_special(state) {
            if nfa.is_dead(state) {
                break;
            }
            if let Some(pattern) = pattern_walked(nfa, state, walked) {
                // A match never ends in whitespace: spellings are trimmed.
                longest = Some((pattern, offset));
            }
        }
    }
    longest
}

/// The pattern of a match state that is exactly the `walked` bytes from the start. A state
/// also reports the patterns that end it as a suffix: walking "evaluation" reaches a state that
/// matches "valuation", which does not start where the walk did.
fn pattern_walked(nfa: &NFA, state: StateID, walked: usize) -> Option<PatternID> {
    (0..nfa.match_len(state))
        .map(|index| nfa.match_pattern(state, index))
        .find(|&pattern| nfa.pattern_len(pattern) == walked)
}

/// The length in bytes of the whitespace run starting at `at` (0 if none), with Unicode
/// whitespace as `char::is_whitespace` sees it. `at` may be inside a multi-byte character (the
/// walk goes byte by byte); only an ASCII byte or the lead byte of a possible Unicode space
/// (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000) can start a run.
fn whitespace_run(text: &str, at: usize) -> usize {
    let possible = matches!(text.as_bytes()[at], b'\t'..=b'\r' | b' ' | 0xc2 | 0xe1 | 0xe2 | 0xe3);
    if !possible {
        return 0;
    }
    let rest = &text[at..];
    rest.char_indices()
        .find(|(_, c)| !c.is_whitespace())
        .map_or(rest.len(), |(end, _)| end)
}

/// The text with every whitespace run as one space; borrowed when there is nothing to change.
fn single_spaced(text: &str) -> Cow<'_, str> {
    if text.split(' ').all(|word| !word.is_empty() && !word.contains(char::is_whitespace)) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether `text[start..end]` stands as a whole word or phrase: not inside a longer word, not
/// part of a dotted or underscored name ("node" in "node.js"), not the "c" of "c++", and, for
/// very short terms, not part of a hyphenated compound.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let term = &text[start..end];
    let before = text[..start].chars().next_back();
    let before2 = text[..start].chars().rev().nth(1);
    let after = text[end..].chars().next();
    let after2 = text[end..].chars().nth(1);
    let short = term.chars().count() <= SHORT_TERM;
    let glued = |c: Option<char>, beyond: Option<char>| match c {
        None => false,
        Some(c) if c.is_alphanumeric() => true,
        Some('.' | '_') => beyond.is_some_and(char::is_alphanumeric),
        Some('-') => short && beyond.is_some_and(char::is_alphanumeric),
        Some(_) => false,
    };
    let starts_word = term.chars().next().is_some_and(char::is_alphanumeric);
    let ends_word = term.chars().next_back().is_some_and(char::is_alphanumeric);
    if before.is_some_and(char::is_alphanumeric) || (starts_word && glued(before, before2)) {
        return false;
    }
    if matches!(after, Some('+' | '#')) {
        return false; // "c" of "c++", "f" of "f#"
    }
    !(ends_word && glued(after, after2))
}

/// Collects tags and spellings, keeping the first claim on every spelling.
#[derive(Default)]
struct Builder {
    spellings: Vec<String>,
    patterns: Vec<Pattern>,
    tags: Vec<String>,
    claimed: HashSet<String>,
    /// Index of every tag by name, so a tag named again by a later list stays one tag.
    tag_ids: HashMap<String, usize>,
    /// Whether the lines added now are business functions ([`Pattern::function`]).
    functions: bool,
}

impl Builder {
    /// A curated list in the tech.txt format; `functions` for a list of business functions.
    fn add_list(&mut self, list: &str, functions: bool) {
        self.functions = functions;
        for line in list.lines() {
            self.add_line(line);
        }
        self.functions = false;
    }

    /// Plain labels, one per line ("|" is not special there).
    fn add_labels(&mut self, labels: &str) {
        for line in labels.lines() {
            self.add_line(&line.replace('|', " "));
        }
    }

    /// One taxonomy line: `tag | alias | ...` with the `=Exact`, `!tag` and `^title-only`
    /// markers of tech.txt and business.txt.
    fn add_line(&mut self, line: &str) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return;
        }
        let mut fields = line.split('|').map(str::trim).filter(|f| !f.is_empty());
        let Some(first) = fields.next() else { return };
        let (tag_only, head) = match first.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, first),
        };
        let tag = head.trim_start_matches('=').to_lowercase();
        if tag.is_empty() || (self.claimed.contains(&tag) && !tag_only && !head.starts_with('=')) {
            return; // already spelled by an earlier (curated) entry
        }
        let index = *self.tag_ids.entry(tag.clone()).or_insert(self.tags.len());
        if index == self.tags.len() {
            self.tags.push(tag);
        }
        let spellings = (!tag_only).then_some(head).into_iter().chain(fields);
        for spelling in spellings {
            self.add_spelling(index, spelling);
        }
    }

    fn add_spelling(&mut self, tag: usize, spelling: &str) {
        let (title_only, spelling) = match spelling.strip_prefix('^') {
            Some(rest) => (true, rest),
            None => (false, spelling),
        };
        let (exact, text) = match spelling.strip_prefix('=') {
            Some(rest) => (Some(rest.to_string()), rest),
            None => (None, spelling),
        };
        if text.is_empty() || !self.claimed.insert(text.to_lowercase()) {
            return;
        }
        self.spellings.push(text.to_string());
        self.patterns.push(Pattern {
            tag,
            exact,
            title_only,
            function: self.functions,
        });
    }

    fn build(self) -> SkillMatcher {
        // Leftmost-longest, so "react native" wins over "react" and "asp.net" over ".net";
        // walked anchored from each place a term can begin (`scan`). A contiguous NFA rather
        // than a DFA: the DFA's tables for this taxonomy are megabytes, and its steps were
        // cache misses; the compact NFA was faster on real postings.
        let automaton = contiguous::Builder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&self.spellings)
            .ok();
        SkillMatcher {
            automaton,
            patterns: self.patterns,
            tags: self.tags,
        }
    }
}
