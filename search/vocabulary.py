"""The portal's own vocabulary: spelling suggestions and the parts of Dutch compounds.

The words come from what the site search shows the public (the titles and texts that the
registered search groups present, so published content only: guides, chapters, glossary
terms, news, pages, partner names and descriptions). `manage.py update_search_vocabulary`
rebuilds the list (daily, and after loading content); it is a table, VocabularyWord, with a
trigram index on PostgreSQL.

- "Bedoelde u werkplekleren?": a query word the vocabulary does not know is replaced by the
  known word most similar to it by pg_trgm's trigram similarity (PostgreSQL only; on SQLite no
  suggestion is made). The suggestion is only offered when it finds something.
- Compounds: Dutch writes "stageplaats" as one word where a text says "stage" and "plaats".
  A query word that is two known words glued together (each at least MIN_PART letters, with or
  without a linking "s" or "e") is also searched as both parts, which is what Elasticsearch's
  dictionary_decompounder does with a word list; here the word list is the portal's own.
"""

import re
from collections import Counter

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection, models, transaction
from django.utils.translation import gettext_lazy as _

from search.dutch import word_forms
from search.registry import get_groups

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_WORD = 4  # shorter words are not suggested or split ("de", "het", "van")
MAX_WORD = 60
MIN_PART = 4
MIN_COMPOUND = 2 * MIN_PART
# pg_trgm's similarity: 0.3 is its default threshold, too loose for a "did you mean" (it would
# turn "stagiair" into "stagiairs" and names into other names); 0.45 keeps real typos.
MIN_SIMILARITY = 0.45
LINKING = ("", "s", "en")  # stage+plaats, arbeid+s+markt, boek+en+kast


class VocabularyWord(models.Model):
    """A word of the portal's published content, for "Bedoelde u ...?" and compound parts.

    Rebuilt from what the site search shows (titles and texts of the registered search groups,
    published content only) by `rebuild()` below, so a suggestion is always a word a visitor can
    find, never a draft's or a visitor's word. Not shown in the admin: editors change the
    content, not this list.
    """

    word = models.CharField(_("Woord"), max_length=60, unique=True)
    documents = models.PositiveIntegerField(_("Aantal documenten"), default=0)

    class Meta:
        verbose_name = _("Woord uit de inhoud")
        verbose_name_plural = _("Woorden uit de inhoud")

    def __str__(self):
        return self.word


def words_of(text):
    return [
        word.lower() for word in WORD.findall(str(text or "")) if MIN_WORD <= len(word) <= MAX_WORD
    ]


def collect():
    """{word: number of published items it occurs in}, from every search group."""
    counts = Counter()
    for group in get_groups():
        for item in group.queryset().iterator(chunk_size=500):
            shown = group.present(item)
            counts.update(set(words_of(shown.get("title"))) | set(words_of(shown.get("text"))))
    return counts


def rebuild():
    """Replace the vocabulary with the words of the content published now; returns the count."""
    counts = collect()
    with transaction.atomic():
        VocabularyWord.objects.all().delete()
        VocabularyWord.objects.bulk_create(
            (VocabularyWord(word=word, documents=n) for word, n in counts.items()),
            batch_size=2000,
        )
    return len(counts)


def _similar(word):
    return (
        VocabularyWord.objects.filter(word__trigram_similar=word)
        .annotate(similarity=TrigramSimilarity("word", word))
        .filter(similarity__gte=MIN_SIMILARITY)
        .order_by("-similarity", "-documents", "word")
        .values_list("word", flat=True)
        .first()
    )


def did_you_mean(query):
    """The query with its unknown words replaced by the most similar known ones, or None."""
    if connection.vendor != "postgresql":
        return None
    words = [word.lower() for word in WORD.findall(query)][:8]
    # A word is known when one of its forms is ("snuffelstages": "snuffelstage" is known).
    forms = {word: {word} | word_forms(word) for word in words if len(word) >= MIN_WORD}
    if not forms:
        return None
    every_form = set().union(*forms.values())
    known = set(VocabularyWord.objects.filter(word__in=every_form).values_list("word", flat=True))
    unknown = {word for word, its_forms in forms.items() if not its_forms & known}
    replaced = {word: _similar(word) for word in unknown}
    replaced = {word: better for word, better in replaced.items() if better}
    if not replaced:
        return None
    return " ".join(replaced.get(word, word) for word in words)


def compound_parts(word):
    """(head, tail) when `word` is two known words glued together, else None.

    The longest known head wins ("stageplaats": "stage" + "plaats").
    """
    word = word.lower()
    if len(word) < MIN_COMPOUND:
        return None
    candidates = []
    for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
        head, rest = word[:cut], word[cut:]
        for link in LINKING:
            if rest.startswith(link) and len(rest) - len(link) >= MIN_PART:
                candidates.append((head, rest[len(link) :]))
    wanted = {part for pair in candidates for part in pair}
    known = set(VocabularyWord.objects.filter(word__in=wanted).values_list("word", flat=True))
    for head, tail in candidates:
        if head in known and tail in known:
            return head, tail
    return None
