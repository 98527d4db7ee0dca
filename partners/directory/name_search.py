"""Forgiving matches of partner names for the directory's text search.

Full-text search finds whole words (and their stems): "laswerk" does not find "Laswerkplaats
Deinze" and "codekai" does not find "Codekaai". A coordinator often knows only the start of a
name, or spells it the way it sounds, so the directory adds the partners whose *name* starts
with, contains or resembles what was typed, after the full-text matches:

- PostgreSQL: pg_trgm's word similarity (`name %> 'laswerk'`), served by the GIN trigram
  index of migration 0008. It catches prefixes, parts and small misspellings at once
  ("codekai": 0.7, "laswerk": 0.88, the threshold is pg_trgm's default 0.6).
- Elasticsearch/OpenSearch: the backend's own edge n-grams (autocomplete) and fuzziness.
- SQLite (development, part of the test suite): a case-insensitive substring match.
"""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection
from django.db.models import Q

from modelsearch.query import Fuzzy
from wagtail.search.backends import get_search_backend

from partners.models import Partner

# Names are short: a few hundred resembling names is more than anyone reads, and bounds the work.
MAX_NAME_MATCHES = 200


def similar_name_ids(text, *, speaks_sql=True):
    """Ids of partners whose name starts with, contains or resembles every word of `text`.

    Best first. Drafts are included on the database backends, as in the directory's full-text
    search: the directory's index keeps only the published ones.
    """
    words = text.split()
    if not words:
        return []
    if not speaks_sql:
        return _backend_ids(text)
    if connection.vendor == "postgresql":
        condition = Q()
        for word in words:
            condition &= Q(name__trigram_word_similar=word)
        similarity = sum(TrigramWordSimilarity(word, "name") for word in words)
        partners = (
            Partner.objects.filter(condition)
            .annotate(name_similarity=similarity)
            .order_by("-name_similarity", "name")
        )
    else:
        condition = Q()
        for word in words:
            condition &= Q(name__icontains=word)
        partners = Partner.objects.filter(condition).order_by("name")
    return list(partners.values_list("pk", flat=True)[:MAX_NAME_MATCHES])


def _backend_ids(text):
    """Elasticsearch and OpenSearch: name prefixes (edge n-grams), then fuzzy matches."""
    backend = get_search_backend()
    published = Partner.objects.published()
    ids = [partner.pk for partner in backend.autocomplete(text, published)[:MAX_NAME_MATCHES]]
    fuzzy = backend.search(Fuzzy(text), published, fields=["name"])[:MAX_NAME_MATCHES]
    ids.extend(partner.pk for partner in fuzzy if partner.pk not in ids)
    return ids[:MAX_NAME_MATCHES]
