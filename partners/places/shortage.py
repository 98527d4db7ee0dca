"""Where places run short: places asked against places offered and answered, by study domain,
province and month of a school year.

One read-only computation for two readers: the admin report (partners/places/reports.py, every
cell with its counts, for Partnerbeheerders) and the public page (the directory's
`tekort-aan-plaatsen/` route, partners/places/public.py), which shows only cells that cannot
point to one school or company (`public_table`, the minimum cell size rule).

A request counts in the province of the school that posted it and in every month of its period;
an offer in the province of its partner and every month of its period. Offers for "any study
domain" form a row of their own (`domain is None`): they cannot be split over domains.

Two queries whatever the size (the requests row by row, the offers as conditional aggregates per
month grouped by study domain and province): measured with 100,000 partners and 10,000 requests
in docs/performance.md.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Q, Sum
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext as _

from partners.models import Province, StudyDomain
from partners.places import months
from partners.places.models import Answer, PlaceOffer, PlaceRequest, RequestRecipient


def any_domain_label():
    return _("Elk studiedomein")


def min_cell_size():
    return getattr(settings, "PLACES_SHORTAGE_MIN_CELL", 5)


@dataclass
class Cell:
    """The counts of one study domain, one province and one month."""

    domain_id: int | None
    province_id: int | None
    month: int
    requests: int = 0
    learners: int = 0
    schools: int = 0
    learners_yes: int = 0
    unanswered: int = 0
    unmatched: int = 0
    places: int = 0
    partners: int = 0
    # Filled by `cube` for the report's columns and its export.
    domain: str = ""
    province: str = ""
    month_label: str = ""

    @property
    def shortage(self):
        return max(self.learners - self.places, 0)


def _in_month(month):
    return Q(GreaterThan(F("months").bitand(1 << month), 0))


def _request_cells(school_year, domain_id=None, province_id=None):
    """One row per request and one per request with recipients, summed per cell here: FILTERed
    aggregates over EXISTS columns made PostgreSQL evaluate them once per aggregate (36
    subqueries a request; 6 s at 10,000 requests)."""
    requests = PlaceRequest.objects.filter(school_year=school_year)
    if domain_id:
        requests = requests.filter(study_domain_id=domain_id)
    if province_id:
        requests = requests.filter(school__province_id=province_id)
    # Per request: (recipients, answers, yes answers), in one grouped query.
    facts = {
        request_id: (recipients, answers, yes)
        for request_id, recipients, answers, yes in RequestRecipient.objects.filter(
            request__in=requests
        )
        .values("request_id")
        .annotate(
            recipients=Count("pk"),
            answers=Count("pk", filter=~Q(answer="")),
            yes=Count("pk", filter=Q(answer=Answer.YES)),
        )
        .values_list("request_id", "recipients", "answers", "yes")
        .order_by()
    }
    cells, schools = {}, {}
    rows = requests.values_list(
        "pk", "study_domain_id", "school__province_id", "months", "learners", "school_id"
    ).order_by()
    for pk, domain, province, bits, learners, school in rows.iterator(chunk_size=5000):
        recipient, answer, yes = facts.get(pk, (0, 0, 0))
        for month in months.ORDER:
            if not bits & (1 << month):
                continue
            key = (domain, province, month)
            cell = cells.setdefault(
                key,
                {
                    "requests": 0,
                    "learners": 0,
                    "learners_yes": 0,
                    "unanswered": 0,
                    "unmatched": 0,
                },
            )
            schools.setdefault(key, set()).add(school)
            cell["requests"] += 1
            cell["learners"] += learners
            cell["learners_yes"] += learners if yes else 0
            cell["unanswered"] += 1 if recipient and not answer else 0
            cell["unmatched"] += 0 if recipient else 1
    for key, values in cells.items():
        yield key, {**values, "schools": len(schools[key])}


def _offer_cells(school_year, domain_id=None, province_id=None):
    offers = PlaceOffer.objects.open(school_year)
    if domain_id:
        offers = offers.filter(study_domain_id=domain_id)
    if province_id:
        offers = offers.filter(year__partner__province_id=province_id)
    aggregates = {}
    for month in months.ORDER:
        in_month = _in_month(month)
        aggregates |= {
            f"p{month}": Sum("places", filter=in_month),
            f"c{month}": Count("year__partner_id", distinct=True, filter=in_month),
        }
    rows = (
        offers.values("study_domain_id", "year__partner__province_id")
        .annotate(**aggregates)
        .order_by()
    )
    for row in rows:
        for month in months.ORDER:
            if row[f"c{month}"]:
                yield (
                    (row["study_domain_id"], row["year__partner__province_id"], month),
                    {"places": row[f"p{month}"] or 0, "partners": row[f"c{month}"]},
                )


def cube(school_year, domain_id=None, province_id=None, month=None):
    """Every non-empty Cell of a school year, in school-year month order, then study domain and
    province order; optionally of one study domain, province or month."""
    cells = {}
    for source in (
        _request_cells(school_year, domain_id, province_id),
        _offer_cells(school_year, domain_id, province_id),
    ):
        for key, values in source:
            if month and key[2] != month:
                continue
            cell = cells.setdefault(key, Cell(*key))
            for name, value in values.items():
                setattr(cell, name, value)
    domains = {
        pk: (order, name)
        for pk, order, name in StudyDomain.objects.values_list("pk", "sort_order", "name")
    }
    provinces = {
        pk: (order, name)
        for pk, order, name in Province.objects.values_list("pk", "sort_order", "name")
    }
    any_domain = str(any_domain_label())
    unknown = str(_("Onbekend"))
    for cell in cells.values():
        cell.domain = domains[cell.domain_id][1] if cell.domain_id in domains else any_domain
        cell.province = provinces[cell.province_id][1] if cell.province_id in provinces else unknown
        cell.month_label = str(months.label(cell.month))

    def order(cell):
        return (
            months.POSITION[cell.month],
            domains.get(cell.domain_id, (10**6, ""))[0],
            cell.domain,
            provinces.get(cell.province_id, (10**6, ""))[0],
            cell.province,
        )

    return sorted(cells.values(), key=order)


# The public page: the same counts, only where they cannot identify a school or a company.


@dataclass
class Shown:
    """A number on the public page, or why it is not shown."""

    value: int = 0
    hidden: bool = False

    def __str__(self):
        return "" if self.hidden else str(self.value)


@dataclass
class PublicTable:
    """One measure (learners asked, or places offered) for one month: study domains as rows,
    provinces as columns, with row and column totals."""

    rows: list = field(default_factory=list)  # (domain name, [Shown per province], Shown total)
    provinces: list = field(default_factory=list)  # province names
    totals: list = field(default_factory=list)  # Shown per province
    total: Shown = field(default_factory=Shown)

    @property
    def is_empty(self):
        """Nothing asked or offered at all: the page says so instead of a table of zeros."""
        return not self.total.hidden and self.total.value == 0

    @property
    def any_hidden(self):
        return any(
            shown.hidden for _name, cells, row_total in self.rows for shown in [*cells, row_total]
        ) or any(shown.hidden for shown in [*self.totals, self.total])


def _shown(value, contributors, minimum):
    """A cell: shown when nobody contributed (0) or at least `minimum` schools or companies did.
    Fewer could point to one of them."""
    return Shown(value, hidden=0 < contributors < minimum)


def _sum_of(cells):
    """A total is shown only when every cell it adds up is shown: a total with a hidden part
    would give that part away by subtraction (from this table, or from another month's or
    another filter's table, since every total is a sum of the same cells)."""
    if any(cell.hidden for cell in cells):
        return Shown(0, hidden=True)
    return Shown(sum(cell.value for cell in cells))


def public_table(cells, value, contributors, domains, provinces, minimum=None):
    """The PublicTable of one measure from `cube` cells of one month.

    `value` and `contributors` name the Cell fields ("learners" and "schools", or "places" and
    "partners"); `domains` and `provinces` are (id, name) pairs in display order (a domain id
    None is the "any study domain" row). The rule: a cell with fewer than `minimum` (the setting
    PLACES_SHORTAGE_MIN_CELL) contributing schools or companies is hidden, and every total that
    would include a hidden cell is hidden too, so no hidden cell can be derived.
    """
    minimum = min_cell_size() if minimum is None else minimum
    by_key = {(cell.domain_id, cell.province_id): cell for cell in cells}
    table = PublicTable(provinces=[name for _pk, name in provinces])
    columns = [[] for _province in provinces]
    for domain_id, domain_name in domains:
        row = []
        for index, (province_id, _name) in enumerate(provinces):
            cell = by_key.get((domain_id, province_id))
            shown = (
                _shown(getattr(cell, value), getattr(cell, contributors), minimum)
                if cell
                else Shown(0)
            )
            row.append(shown)
            columns[index].append(shown)
        table.rows.append((domain_name, row, _sum_of(row)))
    table.totals = [_sum_of(column) for column in columns]
    table.total = _sum_of([shown for _name, row, _total in table.rows for shown in row])
    return table
