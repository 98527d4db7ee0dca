"""The passage of a result that matches the query, with the query words marked.

Dutch words change at the end ("stage", "stages", "bedrijf", "bedrijven"), so a word matches when
it starts with the query word's root: the word without a plural or diminutive ending, at least
four letters. Accents and case are ignored. The text is escaped before marking.
"""

import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
ENDINGS = ("tjes", "jes", "ssen", "en", "es", "s", "e", "je")


def fold(text):
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def root(word):
    word = fold(word)
    for ending in ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            word = word[: -len(ending)]
            break
    # "bedrijven" -> "bedrijv", "bedrijf": Dutch writes f/s at the end, v/z before a vowel,
    # so the root stops before either.
    if len(word) > 4 and word[-1] in "fvsz":
        word = word[:-1]
    return word


def query_roots(query):
    return {root(word) for word in WORD.findall(query) if len(word) >= 2}


def is_match(word, roots):
    folded = fold(word)
    return any(folded.startswith(r) if len(r) >= 4 else folded == r for r in roots)


def excerpt(text, query, words=32):
    """Up to `words` words of `text` around the first match, HTML-escaped, matches in <mark>."""
    tokens = re.split(r"(\s+)", " ".join(str(text or "").split()))
    plain_words = [t for t in tokens if t and not t.isspace()]
    if not plain_words:
        return ""
    roots = query_roots(query)
    first = next(
        (
            i
            for i, token in enumerate(plain_words)
            if roots and any(is_match(w, roots) for w in WORD.findall(token))
        ),
        0,
    )
    start = max(0, first - words // 3)
    window = plain_words[start : start + words]
    marked = []
    for token in window:
        pieces = []
        position = 0
        for match in WORD.finditer(token):
            pieces.append(escape(token[position : match.start()]))
            word = match.group()
            pieces.append(
                f"<mark>{escape(word)}</mark>" if roots and is_match(word, roots) else escape(word)
            )
            position = match.end()
        pieces.append(escape(token[position:]))
        marked.append("".join(pieces))
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + words < len(plain_words) else ""
    # Every piece above went through escape(); only our own <mark> tags are added.
    return mark_safe(prefix + " ".join(marked) + suffix)  # noqa: S308  # nosec B308 B703
