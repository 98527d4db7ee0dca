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
# Unicode's blocks of combining diacritical marks (an accent written as a separate character).
COMBINING_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def combining_ranges():
    """A regular expression class of every combining mark (accent) of Unicode's BMP."""
    ranges, start = [], None
    for cp in range(0x10001):
        combining = cp < 0x10000 and unicodedata.combining(chr(cp))
        if combining and start is None:
            start = cp
        elif not combining and start is not None:
            ranges.append(f"{re.escape(chr(start))}-{re.escape(chr(cp - 1))}")
            start = None
    return re.compile(f"[{''.join(ranges)}]")


BMP_ACCENTS = combining_ranges()


def fold(text):
    """`text` in lower case without accents ("Één" -> "een")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    if decomposed.isascii():
        return decomposed
    if max(decomposed) <= "\uffff":
        return BMP_ACCENTS.sub("", decomposed)
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


def first_match(plain_words, roots):
    """The index of the first of `plain_words` with a word that matches `roots`, else 0.

    The text is folded once and searched with one pattern; a chapter's text has thousands of
    words, and folding them one at a time was most of the time a search took in Python.
    """
    text = " ".join(plain_words)
    folded = fold(text)
    if (
        len(folded) != len(text)
        or folded.count(" ") != len(plain_words) - 1
        or COMBINING_MARKS.search(text)
    ):
        # Folding changed more than letters one for one ("ﬁ" into "fi", a separate accent
        # dropped): word by word, as the words were cut before folding.
        return next(
            (
                i
                for i, token in enumerate(plain_words)
                if any(is_match(w, roots) for w in WORD.findall(token))
            ),
            0,
        )
    pattern = "|".join(
        rf"(?<!\w){re.escape(r)}" if len(r) >= 4 else rf"(?<!\w){re.escape(r)}(?!\w)"
        for r in sorted(roots)
    )
    found = re.search(pattern, folded)
    return folded.count(" ", 0, found.start()) if found else 0


def excerpt(text, query, words=32):
    """Up to `words` words of `text` around the first match, HTML-escaped, matches in <mark>."""
    plain_words = str(text or "").split()
    if not plain_words:
        return ""
    roots = query_roots(query)
    first = first_match(plain_words, roots) if roots else 0
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
