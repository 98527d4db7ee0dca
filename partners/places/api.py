"""A partner's places in the partner API (partners/api/directory.py): schema and data.

Only what the partner page shows: numbers, kinds, study domains and months. Requests, answers
and whether a partner takes requests are never in the API.
"""

import datetime

from ninja import Field, Schema

from partners.places import months


class PlaceTermOut(Schema):
    slug: str
    name: str


class PlaceOfferOut(Schema):
    places: int = Field(..., description="Number of learners.")
    kind: PlaceTermOut | None = Field(
        ..., description="Kind of workplace learning; null: any the partner offers."
    )
    study_domain: PlaceTermOut | None = Field(..., description="Study domain; null: any.")
    months: list[str] = Field(
        ..., description="Months of the school year with these places (slugs, e.g. februari)."
    )
    period: str = Field(..., description="The period as the partner page says it.")


class PlacesOut(Schema):
    school_year: str = Field(..., description="The school year of these places, e.g. 2026-2027.")
    confirmed_this_school_year: bool = Field(
        ...,
        description="False when the places are from an earlier school year or not confirmed: "
        "shown as such on the site.",
    )
    confirmed_on: datetime.date | None
    offers: list[PlaceOfferOut]


def _term(term):
    return {"slug": term.slug, "name": term.name} if term is not None else None


def places_data(summary):
    """The API's `places` of a partner from its PlacesSummary (None without per-year places)."""
    if summary is None or summary.year is None:
        return None
    return {
        "school_year": summary.year_label,
        "confirmed_this_school_year": summary.confirmed_this_year,
        "confirmed_on": summary.year.confirmed_on,
        "offers": [
            {
                "places": offer.places,
                "kind": _term(offer.kind),
                "study_domain": _term(offer.study_domain),
                "months": [
                    months.SLUGS[month]
                    for month in months.between(offer.first_month, offer.last_month)
                ],
                "period": offer.period_label,
            }
            for offer in summary.offers
        ],
    }
