"""Read-only questions about places offered, for the directory's index, cards and pages."""

from collections import defaultdict
from dataclasses import dataclass, field

from partners.places import months
from partners.places.models import PlaceOffer, PlacesYear


def open_months(school_year, partners_with_places=()):
    """{calendar month: {partner ids}} of the open places in a school year.

    A partner with confirmed places for the school year counts in the months of its offers.
    `partners_with_places` are the partners whose summary fields say they have places this
    school year (Partner.with_places): those without confirmed per-year places yet (their
    places were given as one number per school year) count in every month, as before.
    """
    found = defaultdict(set)
    for partner_id, bits in PlaceOffer.objects.open(school_year).values_list(
        "year__partner_id", "months"
    ):
        for month in months.ORDER:
            if bits & (1 << month):
                found[month].add(partner_id)
    confirmed = set(
        PlacesYear.objects.confirmed()
        .filter(school_year=school_year)
        .values_list("partner_id", flat=True)
    )
    legacy = set(partners_with_places) - confirmed
    if legacy:
        for month in months.ORDER:
            found[month] |= legacy
    return found


@dataclass
class PlacesSummary:
    """What a card or a partner page shows of a partner's places."""

    year: PlacesYear | None
    offers: list = field(default_factory=list)
    school_year: int = 0

    @property
    def confirmed_this_year(self):
        return (
            self.year is not None
            and self.year.school_year == self.school_year
            and self.year.is_confirmed
        )

    @property
    def year_label(self):
        return self.year.label if self.year else ""


def summaries(partners, school_year):
    """{partner id: PlacesSummary} for the partners' most recent school year up to this one.

    Two queries, whatever the number of partners (a page of cards).
    """
    ids = [partner.pk for partner in partners]
    latest = {}
    for year in PlacesYear.objects.filter(
        partner_id__in=ids, school_year__lte=school_year
    ).order_by("partner_id", "-school_year"):
        latest.setdefault(year.partner_id, year)
    offers = defaultdict(list)
    for offer in (
        PlaceOffer.objects.filter(year__in=[year.pk for year in latest.values()])
        .select_related("kind", "study_domain")
        .order_by("year_id", "id")
    ):
        offers[offer.year_id].append(offer)
    return {
        pk: PlacesSummary(
            year=latest.get(pk),
            offers=offers.get(latest[pk].pk, []) if pk in latest else [],
            school_year=school_year,
        )
        for pk in ids
    }


def attach_summaries(partners, school_year=None):
    """Give each partner `places_summary` (the cards' list does this once per page)."""
    school_year = school_year or months.school_year_of()
    partners = list(partners)
    found = summaries(partners, school_year)
    for partner in partners:
        partner.places_summary = found[partner.pk]
    return partners


def summary_for(partner):
    """A partner's PlacesSummary: the one attached by its list, else read now (None for a
    partner that is not stored yet, as in the registration's preview)."""
    found = getattr(partner, "places_summary", None)
    if found is None and partner.pk:
        found = summaries([partner], months.school_year_of())[partner.pk]
    return found
