"""Months of the school year: the periods in which a partner has places.

A period is a run of calendar months in school-year order (September to August), stored as the
first and last month; `mask` turns it into a bitset of calendar months (bit m for month m) so
that "open in February or March" is one bitwise AND in SQL on any database.
"""

import datetime

from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

# Calendar months in school-year order.
ORDER = (9, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8)
POSITION = {month: position for position, month in enumerate(ORDER)}

# Stable Dutch slugs for links and the API (the labels follow the active language).
SLUGS = {
    1: "januari",
    2: "februari",
    3: "maart",
    4: "april",
    5: "mei",
    6: "juni",
    7: "juli",
    8: "augustus",
    9: "september",
    10: "oktober",
    11: "november",
    12: "december",
}
BY_SLUG = {slug: month for month, slug in SLUGS.items()}

CHOICES = [(month, MONTHS[month]) for month in ORDER]

WHOLE_YEAR = (ORDER[0], ORDER[-1])


def label(month):
    return MONTHS[month]


def between(first, last):
    """The calendar months from `first` to `last` in school-year order (empty if reversed)."""
    return list(ORDER[POSITION[first] : POSITION[last] + 1])


def mask(first, last):
    bits = 0
    for month in between(first, last):
        bits |= 1 << month
    return bits


def mask_of(months):
    bits = 0
    for month in months:
        bits |= 1 << month
    return bits


def period_label(first, last):
    """ "februari – maart", "februari", or "het hele schooljaar"."""
    if (first, last) == WHOLE_YEAR:
        return str(_("het hele schooljaar"))
    if first == last:
        return str(MONTHS[first])
    return f"{MONTHS[first]} – {MONTHS[last]}"


def school_year_of(day=None):
    """The school year `day` falls in, as its first calendar year (2026 for 2026-2027)."""
    from partners.models import school_year_start

    return school_year_start(day).year


def current_school_year(today=None):
    """This school year (or the one `today` falls in), as its first calendar year."""
    return school_year_of(today or timezone.localdate())


def school_year_label(year):
    return f"{year}-{year + 1}"


def month_start(school_year, month):
    """The first day of `month` in the given school year."""
    return datetime.date(school_year if month >= 9 else school_year + 1, month, 1)
