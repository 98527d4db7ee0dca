"""Dutch word forms for search: singular and plural meet.

PostgreSQL's and Elasticsearch's Dutch (Snowball) stemmers leave "stages" and "stage" apart
('stages' vs 'stag') and "bedrijven" and "bedrijf" too ('bedrijv' vs 'bedrijf'). Readers type
either form, so each query word is searched as the small set of its likely singular and plural
forms, OR-ed together, and the words are AND-ed (or OR-ed for the "any word" fallback). The
backend's own stemmer still applies to each form, so conjugations keep matching as before. On
SQLite, which has no stemming, this gives at least singular and plural.

A compound the portal's vocabulary can split (search/vocabulary.py: "stageplaats" = "stage" +
"plaats") is searched as the whole word or as both parts together.
"""

import re

from modelsearch.query import And, Or, PlainText

from search.highlight import fold

WORD = re.compile(r"\w+", re.UNICODE)
VOWELS = "aeiou"
MAX_WORDS = 8


def singulars(word):
    forms = set()
    if len(word) <= 3:
        return forms
    if word.endswith("'s"):
        forms.add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])  # stages -> stage, mentors -> mentor
    if word.endswith("en") and len(word) > 4:
        base = word[:-2]  # leerlingen -> leerling, bakkerijen -> bakkerij
        forms.add(base)
        if base[-1] == base[-2] and base[-1] not in VOWELS:
            forms.add(base[:-1])  # bedden -> bed
        if base.endswith("v"):
            forms.add(base[:-1] + "f")  # bedrijven -> bedrijf
        if base.endswith("z"):
            forms.add(base[:-1] + "s")  # huizen -> huis
        if re.search(r"[^aeiou][aeiou][^aeiouyw]$", base):
            forms.add(base[:-2] + base[-2] * 2 + base[-1])  # scholen -> school
    return forms


def plurals(word):
    forms = set()
    if len(word) <= 2:
        return forms
    if word[-1] in VOWELS:
        forms.add(word + "s")  # stage -> stages
        if word.endswith("e"):
            forms.add(word + "n")  # collega -> no; mentee -> mentees above, ziekte -> ziekten
    else:
        forms.add(word + "s")  # mentor -> mentors
        stem = word
        if stem.endswith("f"):
            stem = stem[:-1] + "v"  # bedrijf -> bedrijv-en
        elif stem.endswith("s") and not stem.endswith("ss"):
            stem = stem[:-1] + "z"  # huis -> huiz-en
        if re.search(r"[^aeiou](aa|ee|oo|uu)[^aeiou]$", stem):
            stem = stem[:-2] + stem[-1]  # school -> schol-en
        elif re.search(r"[^aeiou][aeiou][^aeiouyw]$", stem):
            stem = stem + stem[-1]  # bed -> bedd-en
        forms.add(stem + "en")
        forms.add(word + "en")
    return forms


def word_forms(word):
    word = fold(word)
    forms = {word} | singulars(word)
    if not word.endswith(("en", "s")):
        forms |= plurals(word)
    return forms


def forms_clause(word):
    return Or([PlainText(form) for form in sorted(word_forms(word))])


def word_clause(word, split=None):
    """A word's forms; for a compound that `split` knows, also both its parts' forms."""
    clause = forms_clause(word)
    parts = split(fold(word)) if split else None
    if parts:
        clause = Or([*clause.subqueries, And([forms_clause(part) for part in parts])])
    return clause


def expand(query, operator="and", split=None):
    """A search query object for `query` with each word's forms; None when nothing to search.

    `split(word)` may return the two parts of a compound (search/vocabulary.py), searched
    together as an alternative to the whole word.
    """
    words = [word for word in WORD.findall(query) if word.strip("_")][:MAX_WORDS]
    if not words:
        return None
    clauses = [word_clause(word, split) for word in words]
    if len(clauses) == 1:
        return clauses[0]
    return And(clauses) if operator == "and" else Or(clauses)
