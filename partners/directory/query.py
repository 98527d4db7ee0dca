"""The directory's query: filters, text search, distance, facet counts, sorting.

The directory page, the API (partners/directory/api.py) and the CSV download all build a
`DirectorySearch` from the same query parameters, so a link copied from the page, an API call
and a downloaded file always agree on what matches and how many. Nothing else in the project
filters published partners for the directory.

Facets are disjunctive: values within one facet are OR-ed, facets are AND-ed, and the count
shown next to a value is the number of results with that value and all the *other* facets'
filters applied (so it does not collapse to zero when another value of the same facet is
chosen).
"""

import re
from dataclasses import dataclass
from functools import cached_property

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import BooleanField, F, Func, Value
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail.search.backends import get_search_backend

from partners import geo
from partners.directory.facet_index import current_index, flags_of, positions_of, range_mask
from partners.directory.name_search import similar_name_ids
from partners.models import (
    EducationForm,
    Partner,
    PartnerKind,
    Province,
    Sector,
    StudyDomain,
    WorkplaceLearningKind,
)
from partners.places import months

# Query parameters (Dutch, stable: they are in shared links, bookmarks and API clients).
TEXT = "q"
PLACE = "bij"
RADIUS = "straal"
SORT = "sorteer"
PAGE = "pagina"
PLACES = "plaatsen"
PERIOD = "periode"

RADIUS_CHOICES = (5, 10, 20, 50)
DEFAULT_RADIUS = 20

SORT_RELEVANCE = "relevantie"
SORT_DISTANCE = "afstand"
SORT_NAME = "naam"
SORT_RECENT = "recent"
SORT_CHOICES = (
    (SORT_RELEVANCE, _("Best passend")),
    (SORT_DISTANCE, _("Dichtstbij")),
    (SORT_NAME, _("Naam (A-Z)")),
    (SORT_RECENT, _("Laatst bevestigd")),
)

PAGE_SIZE = 20
MAX_TEXT_TERMS = 10
# Search backends that cannot hand back SQL (Elasticsearch, OpenSearch) return at most this many
# matches, the best ones, to combine with the filters (see DirectorySearch._text).
MAX_EXTERNAL_MATCHES = 1000

TERMS_CACHE_KEY = "partners:directory:terms:v1"
TERMS_CACHE_SECONDS = 300

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Facet:
    """One filter with counts: a taxonomy, a field with choices, or a yes/no flag."""

    param: str
    label: str
    relation: str  # "m2m", "fk", "choice" or "flag"
    field: str
    model: type | None = None


FACETS = (
    Facet("aanbod", _("Vorm van werkplekleren"), "m2m", "kinds", WorkplaceLearningKind),
    Facet("domein", _("Studiedomein"), "m2m", "study_domains", StudyDomain),
    Facet("vorm", _("Finaliteit of onderwijsvorm"), "m2m", "education_forms", EducationForm),
    Facet("sector", _("Sector"), "fk", "sector", Sector),
    Facet("provincie", _("Provincie"), "fk", "province", Province),
    Facet("soort", _("Soort partner"), "choice", "kind"),
    # Open places in a month of this school year (partners/places; month slugs: "februari").
    Facet(PERIOD, _("Plaatsen open in"), "choice", "months"),
    Facet(PLACES, _("Plaatsen"), "flag", "places_per_year"),
)
FACETS_BY_PARAM = {facet.param: facet for facet in FACETS}
MULTI_FACETS = tuple(facet for facet in FACETS if facet.relation != "flag")


@dataclass(frozen=True)
class FacetValue:
    """A value of a facet: a taxonomy row (id) or a choice (id is the stored value)."""

    id: object
    slug: str
    name: str


def facet_values():
    """Every facet's values, in display order: {"domein": (FacetValue, ...), ...}.

    Read on every directory request, so cached; saving or deleting a taxonomy row clears it
    (connect_signals below), and the timeout bounds staleness in other processes.
    """
    # A Redis outage is a miss here (IGNORE_EXCEPTIONS in the settings): five small queries.
    terms = cache.get(TERMS_CACHE_KEY)
    if terms is None:
        terms = {}
        for facet in MULTI_FACETS:
            if facet.model is not None:
                rows = facet.model.objects.order_by("sort_order", "name").values_list(
                    "id", "slug", "name"
                )
                terms[facet.param] = tuple(FacetValue(*row) for row in rows)
        cache.set(TERMS_CACHE_KEY, terms, TERMS_CACHE_SECONDS)
    # Choices are code, not data: never cached (their labels follow the active language).
    terms["soort"] = tuple(
        FacetValue(value, value, str(label)) for value, label in PartnerKind.choices
    )
    terms[PERIOD] = tuple(
        FacetValue(month, months.SLUGS[month], str(months.label(month))) for month in months.ORDER
    )
    return terms


def _forget_terms(**kwargs):
    cache.delete(TERMS_CACHE_KEY)


def connect_signals():
    """Saving or deleting a taxonomy row forgets the cached facet values (PartnersConfig.ready())."""
    for model in (StudyDomain, EducationForm, WorkplaceLearningKind, Sector, Province):
        post_save.connect(_forget_terms, sender=model, dispatch_uid=f"directory-terms-{model}")
        post_delete.connect(
            _forget_terms, sender=model, dispatch_uid=f"directory-terms-del-{model}"
        )


def normalise_text(text):
    """The words of a search text, safe for every search backend.

    Only word characters survive: quotes, operators and brackets mean something to SQLite FTS5
    and to PostgreSQL's tsquery, and a visitor's stray quote must not become a syntax error.
    """
    words = _WORD.findall(str(text or ""))
    return " ".join(word[:50] for word in words[:MAX_TEXT_TERMS])


class FlagField(forms.Field):
    """A yes/no query parameter: `plaatsen=1` (also true, ja, on); absent or 0 is no."""

    TRUE = {"1", "true", "ja", "on", "yes"}
    FALSE = {"", "0", "false", "nee", "off", "no"}

    def to_python(self, value):
        text = str(value or "").strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise ValidationError(_("Gebruik 1 (ja) of laat het weg."), code="invalid")


class DirectoryFilterForm(forms.Form):
    """The directory's query parameters, validated once for the page, the API and the CSV.

    The choices of the taxonomy facets are their slugs, read from the database (cached).
    """

    q = forms.CharField(
        label=_("Zoek op naam, gemeente of trefwoord"),
        required=False,
        max_length=200,
        error_messages={"max_length": _("Een zoekterm is hoogstens %(limit_value)d tekens.")},
    )
    bij = forms.CharField(
        label=_("In de buurt van (postcode of gemeente)"),
        required=False,
        max_length=100,
        error_messages={
            "max_length": _("Een postcode of gemeente is hoogstens %(limit_value)d tekens.")
        },
    )
    straal = forms.TypedChoiceField(
        label=_("Afstand"),
        required=False,
        choices=[(str(km), f"{km} km") for km in RADIUS_CHOICES],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": _("Kies 5, 10, 20 of 50 km.")},
    )
    sorteer = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={"invalid_choice": _("Onbekende sortering %(value)s.")},
    )
    plaatsen = FlagField(label=_("Alleen met plaatsen dit schooljaar"), required=False)

    def __init__(self, data=None, *, terms=None, **kwargs):
        super().__init__(data, **kwargs)
        self.terms = terms if terms is not None else facet_values()
        for facet in MULTI_FACETS:
            self.fields[facet.param] = forms.MultipleChoiceField(
                label=facet.label,
                required=False,
                choices=[(term.slug, term.name) for term in self.terms[facet.param]],
                error_messages={"invalid_choice": _("%(value)s bestaat niet.")},
            )


@dataclass(frozen=True)
class Place:
    latitude: float
    longitude: float
    label: str
    postcode: str = ""
    municipalities: frozenset = frozenset()  # folded names of the municipalities searched for

    def contains(self, partner):
        """Whether a partner lies in the searched postcode or municipality ("in Gent")."""
        if self.postcode and partner.postcode == self.postcode:
            return True
        return geo.fold(partner.municipality or "") in self.municipalities


@dataclass
class FacetOption:
    slug: str
    name: str
    count: int
    selected: bool
    in_directory: bool = True  # some published partner has it, whatever the filters


@dataclass
class FacetResult:
    facet: Facet
    options: list

    @property
    def param(self):
        return self.facet.param

    @property
    def label(self):
        return self.facet.label

    @property
    def shown_options(self):
        """What the page lists: values no published partner has (the five Walloon provinces,
        for instance) would only ever say (0), unless the visitor chose one (an old link)."""
        return [option for option in self.options if option.in_directory or option.selected]

    @property
    def matching_options(self):
        """The values that give results with the other filters as they are, and the chosen ones."""
        return [option for option in self.shown_options if option.count or option.selected]

    @property
    def collapsed_options(self):
        """Values some partner has but none of the current results: folded away under one line
        ("3 opties zonder resultaten") instead of a wall of (0)."""
        return [option for option in self.shown_options if not option.count and not option.selected]


@dataclass
class Relaxation:
    """A way out of an empty result: drop one active filter, and how many that would give."""

    label: str
    querystring: str
    count: int


class DirectorySearch:
    """The partners matching the directory's query parameters, with facets and sorting.

    `data` is a QueryDict (request.GET). Invalid parameters never raise: they are listed in
    `problems` (parameter -> Dutch messages) and left out, so the page can say what it ignored
    and the API can answer 400 with the same list.
    """

    def __init__(self, data, *, today=None, index=None):
        self.data = data
        self.today = today or timezone.localdate()
        # A run over many searches (partners/alerts) passes one index: no freshness check each.
        self._given_index = index
        self.terms = facet_values()
        self.form = DirectoryFilterForm(data, terms=self.terms)
        self.form.is_valid()
        cleaned = self.form.cleaned_data
        self.problems = {name: list(errors) for name, errors in self.form.errors.items()}

        self.text = normalise_text(cleaned.get(TEXT, ""))
        self.selected = {}
        for facet in MULTI_FACETS:
            known = {term.slug for term in self.terms[facet.param]}
            wanted = set(data.getlist(facet.param)) & known
            # Display order, no duplicates, whatever order the URL had.
            self.selected[facet.param] = [
                term.slug for term in self.terms[facet.param] if term.slug in wanted
            ]
        self.places_only = bool(cleaned.get(PLACES))
        self.radius = cleaned.get(RADIUS) or DEFAULT_RADIUS
        self.place_text = (cleaned.get(PLACE) or "").strip()
        self.place = None
        if self.place_text:
            located = geo.locate(self.place_text)
            if located is None:
                self.problems.setdefault(PLACE, []).append(
                    _(
                        "We vinden geen Belgische postcode of gemeente “%(place)s”. Typ een "
                        "postcode (bijvoorbeeld 9000) of de naam van een gemeente."
                    )
                    % {"place": self.place_text}
                )
            else:
                self.place = self._place(located)
        self.requested_sort = cleaned.get(SORT) or ""

    def _place(self, located):
        text = self.place_text
        if text.isdigit() and len(text) == 4:
            names = geo.municipalities_for_postcode(text)
            return Place(*located, postcode=text, municipalities=frozenset(map(geo.fold, names)))
        return Place(*located, municipalities=frozenset({geo.fold(located[2]), geo.fold(text)}))

    # The state, as parameters

    @property
    def sort(self):
        """The order in effect: the requested one when it applies, else the natural one.

        Relevance needs a text and distance a place; a link that keeps `sorteer` after the
        text or place was removed falls back instead of failing.
        """
        available = self.sort_choices
        if self.requested_sort in {value for value, _label in available}:
            return self.requested_sort
        return available[0][0]

    @property
    def sort_choices(self):
        choices = []
        if self.text:
            choices.append(SORT_CHOICES[0])
        if self.place:
            choices.append(SORT_CHOICES[1])
        return [*choices, *SORT_CHOICES[2:]]

    @property
    def default_sort(self):
        return self.sort_choices[0][0]

    @property
    def sort_options(self):
        """The sort menu: the natural order as the empty value, so it stays out of URLs."""
        choices = self.sort_choices
        return [("", choices[0][1]), *choices[1:]]

    @property
    def sort_value(self):
        return "" if self.sort == self.default_sort else self.sort

    @property
    def has_filters(self):
        return bool(self.text or self.place or self.places_only or any(self.selected.values()))

    def params(self, *, without=None, value=None, sort=True):
        """The current, valid state as (name, value) pairs in a stable order.

        `without` drops a parameter (only its `value` when given): the links that remove one
        filter are built this way.
        """

        def keep(name, item=None):
            return name != without or (value is not None and item != value)

        pairs = []
        if self.text and keep(TEXT):
            pairs.append((TEXT, self.text))
        if self.place and keep(PLACE):
            pairs.append((PLACE, self.place_text))
            pairs.append((RADIUS, str(self.radius)))
        for facet in MULTI_FACETS:
            pairs.extend(
                (facet.param, slug)
                for slug in self.selected[facet.param]
                if keep(facet.param, slug)
            )
        if self.places_only and keep(PLACES):
            pairs.append((PLACES, "1"))
        if sort and self.sort_value and keep(SORT):
            pairs.append((SORT, self.sort_value))
        return pairs

    def querystring(self, **kwargs):
        return urlencode(self.params(**kwargs))

    # Queries: filters and counts on the in-memory index, rows from the database.

    @cached_property
    def index(self):
        return self._given_index or current_index(self.today)

    @cached_property
    def _backend_speaks_sql(self):
        """True for the database backends, whose results are a queryset we can filter on."""
        return hasattr(get_search_backend().results_class, "get_queryset")

    @cached_property
    def _text(self):
        """(ids best first, bitset) of the published partners that match the text.

        Asked of the search backend once per text and index (cached on the index): a visitor
        who types a text and then clicks filters does not search again.
        """
        if not self.text:
            return None
        return self.index.text_matches(self.text, self._search_backend_ids)

    def _search_backend_ids(self):
        """The search backend's matches for the text, best first.

        The database backends rank every match, drafts included: the index leaves those out,
        and without a `live` condition PostgreSQL joins through the primary key index alone
        instead of reading every partner row. Others (Elasticsearch) give their best
        MAX_EXTERNAL_MATCHES published partners. Partners whose name starts with, contains or
        resembles the text follow the full-text matches (partners/directory/name_search.py).
        """
        if self._backend_speaks_sql:
            results = Partner.objects.search(self.text).get_queryset()
            ids = list(results.values_list("pk", flat=True))
        else:
            results = Partner.objects.published().search(self.text)
            ids = [partner.pk for partner in results[:MAX_EXTERNAL_MATCHES]]
        found = set(ids)
        names = similar_name_ids(self.text, speaks_sql=self._backend_speaks_sql)
        return ids + [pk for pk in names if pk not in found]

    @cached_property
    def _text_mask(self):
        return self._text[1] if self.text else None

    @cached_property
    def _points(self):
        """[(distance, start, count)] of the points within the largest radius, nearest first."""
        if not self.place:
            return []
        return self.index.distances(self.place.latitude, self.place.longitude, max(RADIUS_CHOICES))

    def _place_mask(self, km):
        mask = 0
        for distance, start, count in self._points:
            if distance > km:
                break
            mask |= range_mask(start, count)
        return mask

    @cached_property
    def _selected_values(self):
        """{param: [term ids or choice values]} of the chosen facet values."""
        return {
            facet.param: [
                term.id
                for term in self.terms[facet.param]
                if term.slug in self.selected[facet.param]
            ]
            for facet in MULTI_FACETS
        }

    @cached_property
    def _filter_masks(self):
        """{param: mask} of every active filter (facets, text, place)."""
        masks = dict(self._masks_without_text)
        if self.text:
            masks[TEXT] = self._text_mask
        return masks

    @cached_property
    def _masks_without_text(self):
        """The filters that the index answers alone (no search backend)."""
        masks = {}
        for facet in MULTI_FACETS:
            if self._selected_values[facet.param]:
                masks[facet.param] = self.index.value_mask(
                    facet.param, self._selected_values[facet.param]
                )
        if self.places_only:
            masks[PLACES] = self.index.places
        if self.place:
            masks[PLACE] = self._place_mask(self.radius)
        return masks

    def ids_among(self, mask):
        """The ids of the partners in `mask` (a bitset of this index) that match the search.

        For a run over many saved searches (partners/alerts) that asks each about the few
        partners that changed: the text search is only asked when the filters leave one.
        """
        for filter_mask in self._masks_without_text.values():
            mask &= filter_mask
            if not mask:
                return []
        if self.text:
            mask &= self._text_mask
        return [self.index.ids[position] for position in positions_of(mask)]

    def _mask(self, exclude=None):
        """The matching partners as a bitset, with every filter except `exclude`."""
        mask = self.index.all
        for param, filter_mask in self._filter_masks.items():
            if param != exclude:
                mask &= filter_mask
        return mask

    @cached_property
    def _final(self):
        return self._mask()

    @cached_property
    def count(self):
        return self._final.bit_count()

    def _counts(self, facet):
        """{value: count} with every filter but this facet's own (disjunctive)."""
        base = self._mask(exclude=facet.param) if facet.param in self._filter_masks else self._final
        if facet.relation == "flag":
            return {True: (base & self.index.places).bit_count()}
        return {
            value: (base & mask).bit_count()
            for value, mask in self.index.masks.get(facet.param, {}).items()
        }

    @cached_property
    def facets(self):
        """Every facet with each value's count (disjunctive) and whether it is chosen."""
        facets = []
        for facet in FACETS:
            counts = self._counts(facet)
            if facet.relation == "flag":
                options = [
                    FacetOption(
                        "1",
                        str(_("Alleen met plaatsen dit schooljaar")),
                        counts[True],
                        self.places_only,
                    )
                ]
            else:
                selected = set(self.selected[facet.param])
                everywhere = self.index.masks.get(facet.param, {})
                options = [
                    FacetOption(
                        term.slug,
                        term.name,
                        counts.get(term.id, 0),
                        term.slug in selected,
                        bool(everywhere.get(term.id)),
                    )
                    for term in self.terms[facet.param]
                ]
            facets.append(FacetResult(facet, options))
        return facets

    @cached_property
    def radius_counts(self):
        """{km: count} for each radius around the place, with the other filters applied."""
        if not self.place:
            return {}
        base = self._mask(exclude=PLACE)
        return {km: (base & self._place_mask(km)).bit_count() for km in RADIUS_CHOICES}

    def relaxations(self):
        """When nothing matches: each active filter, how to drop it and what that would give."""
        names = {
            facet.param: {t.slug: t.name for t in self.terms[facet.param]} for facet in MULTI_FACETS
        }
        options = []
        if self.text:
            options.append((TEXT, _("zoekterm “%(text)s”") % {"text": self.text}))
        if self.place:
            options.append(
                (
                    PLACE,
                    _("binnen %(km)s km van %(place)s")
                    % {"km": self.radius, "place": self.place.label},
                )
            )
        for facet in MULTI_FACETS:
            chosen = self.selected[facet.param]
            if chosen:
                values = ", ".join(names[facet.param][slug] for slug in chosen)
                options.append((facet.param, f"{facet.label}: {values}"))
        if self.places_only:
            options.append((PLACES, _("alleen met plaatsen dit schooljaar")))
        relaxations = [
            Relaxation(
                label=label,
                querystring=self.querystring(without=param),
                count=self._mask(exclude=param).bit_count(),
            )
            for param, label in options
        ]
        return sorted(relaxations, key=lambda relaxation: -relaxation.count)

    def problem_list(self):
        """The problems as (label of the parameter, messages), in the form's order."""
        return [
            (self.form.fields[name].label if name in self.form.fields else name, messages)
            for name, messages in self.problems.items()
        ]

    def selected_filters(self):
        """The active filters as (label, querystring that removes it), one per value."""
        names = {
            facet.param: {t.slug: t.name for t in self.terms[facet.param]} for facet in MULTI_FACETS
        }
        chips = []
        if self.text:
            chips.append(
                (_("Zoekterm: %(text)s") % {"text": self.text}, self.querystring(without=TEXT))
            )
        if self.place:
            chips.append(
                (
                    _("Binnen %(km)s km van %(place)s")
                    % {"km": self.radius, "place": self.place.label},
                    self.querystring(without=PLACE),
                )
            )
        for facet in MULTI_FACETS:
            for slug in self.selected[facet.param]:
                chips.append(
                    (
                        f"{facet.label}: {names[facet.param][slug]}",
                        self.querystring(without=facet.param, value=slug),
                    )
                )
        if self.places_only:
            chips.append((_("Met plaatsen dit schooljaar"), self.querystring(without=PLACES)))
        return chips

    # Order and rows

    def _ordered_ids(self, start, stop):
        """Ids of the results from `start` to `stop` (None: to the end) in the order in effect."""
        index, final, sort = self.index, self._final, self.sort
        if not final:
            return []
        if sort == SORT_RELEVANCE:
            return self._ranked(start, stop)
        if sort == SORT_DISTANCE:
            positions = []
            for _distance, point_start, count in self._points:
                members = final & range_mask(point_start, count)
                if members:
                    positions.extend(sorted(positions_of(members), key=index.name_rank.__getitem__))
                if stop is not None and len(positions) >= stop:
                    break
            return [index.ids[p] for p in positions[start:stop]]
        flags = flags_of(final, index.size)
        wanted = None if stop is None else stop
        positions = []
        for position in index.order[sort]:
            if flags[position] == "1":
                positions.append(position)
                if wanted is not None and len(positions) >= wanted:
                    break
        return [index.ids[p] for p in positions[start:stop]]

    def _ranked(self, start, stop):
        """Relevance order: the search backend's order, kept to the final results."""
        flags = flags_of(self._final, self.index.size)
        position = self.index.position
        ranked = [pk for pk in self._text[0] if flags[position[pk]] == "1"]
        return ranked[start:stop]

    def _rows(self, ids):
        """Partners by id, in that order, ready for a list: province, sector, terms, distance."""
        partners = {
            partner.pk: partner
            for partner in Partner.objects.published()
            .filter(IdIn(ids))
            .select_related("province", "sector")
        }
        ordered = [partners[pk] for pk in ids if pk in partners]
        if self.place:
            for partner in ordered:
                partner.distance = geo.distance_km(
                    self.place.latitude, self.place.longitude, partner.latitude, partner.longitude
                )
                # "in Gent" for the searched place itself, else whole kilometres, at least 1:
                # postcode centroids make "op 0,0 km" or "op 0,3 km" meaningless precision.
                partner.in_searched_place = self.place.contains(partner)
                if partner.distance is not None:
                    partner.distance_rounded = max(1, round(partner.distance))
        return self._with_terms(ordered)

    @staticmethod
    def distance_in_km(partner):
        """The distance to the searched place in whole kilometres ("" when unknown)."""
        distance = getattr(partner, "distance", None)
        return "" if distance is None else round(distance)

    def _with_terms(self, partners):
        """Give each partner `term_lists`: its kinds, study domains and education forms.

        The terms come from the cached taxonomies and the links from one query over the three
        many-to-many tables (a prefetch would build a queryset per partner and relation).
        """
        m2m = [facet for facet in MULTI_FACETS if facet.relation == "m2m"]
        links = {partner.pk: {facet.param: set() for facet in m2m} for partner in partners}
        if links:
            queries = []
            for facet in m2m:
                through, partner_column, term_column = _through(facet)
                queries.append(
                    through.objects.filter(IdIn(list(links), column=partner_column))
                    .annotate(_facet=Value(facet.param))
                    .values_list("_facet", partner_column, term_column)
                )
            for param, partner, term in queries[0].union(*queries[1:], all=True):
                links[partner][param].add(term)
        for partner in partners:
            partner.term_lists = {
                facet.field: [
                    term
                    for term in self.terms[facet.param]
                    if term.id in links[partner.pk][facet.param]
                ]
                for facet in m2m
            }
        return partners

    def paginate(self, number, per_page, *, strict=False):
        """One page of results, as partners ready to show.

        `strict` raises InvalidPage for a page that does not exist (the API answers 400);
        otherwise the nearest page is shown (the HTML page, like Paginator.get_page).
        """
        paginator = Paginator(_Results(self), per_page)
        page = paginator.page(number) if strict else paginator.get_page(number)
        page.object_list = self._rows(list(page.object_list))
        return page

    def iter_results(self, chunk_size=2000):
        """Every result in order, a chunk of rows at a time (the CSV download)."""
        ids = self._ordered_ids(0, None)
        for start in range(0, len(ids), chunk_size):
            yield from self._rows(ids[start : start + chunk_size])


class IdIn(Func):
    """`pk IN (ids)` as one array parameter on PostgreSQL (= ANY), a plain list elsewhere.

    Thousands of ids as separate parameters make the SQL slow to build and to plan.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, ids, column="pk"):
        super().__init__(F(column))
        self.ids = list(ids)

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        if not self.ids:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", [*params, self.ids]
        placeholders = ", ".join(["%s"] * len(self.ids))
        return f"{column} IN ({placeholders})", [*params, *self.ids]


class _Results:
    """The ordered ids of a search as a sequence the Paginator can count and slice lazily."""

    def __init__(self, search):
        self.search = search

    def count(self):
        return self.search.count

    def __len__(self):
        return self.search.count

    def __getitem__(self, key):
        return self.search._ordered_ids(key.start or 0, key.stop)


def _through(facet):
    """The many-to-many table of a facet and its partner and term columns."""
    field = Partner._meta.get_field(facet.field)
    return (
        field.remote_field.through,
        f"{field.m2m_field_name()}_id",
        f"{field.m2m_reverse_field_name()}_id",
    )
