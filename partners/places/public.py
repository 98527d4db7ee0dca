"""The public picture of where places run short: `tekort-aan-plaatsen/` on the directory page.

The same counts as the admin report (partners/places/shortage.py), for one month of a school
year, as two tables (learners asked, places offered) of study domains by province, showing only
what cannot point to one school or company (shortage.public_table). The page is the same for
every visitor, so the edge keeps it (portal.middleware.CacheControlMiddleware); a change to
places or requests purges it (partners/places/signal_handlers.py).
"""

from django.db.models import Q
from django.utils import timezone

from partners.models import PartnerDirectoryPage, Province, StudyDomain
from partners.places import months, shortage

# School years a visitor can choose: this one and the ones before it.
YEARS_BACK = 2


def _choice(value, allowed, default):
    return value if value in allowed else default


def shortage_context(request):
    today = timezone.localdate()
    this_year = months.school_year_of(today)
    years = [this_year - back for back in range(YEARS_BACK + 1)]
    try:
        school_year = int(request.GET.get("schooljaar", this_year))
    except (TypeError, ValueError):
        school_year = this_year
    school_year = _choice(school_year, years, this_year)
    month = months.BY_SLUG.get(str(request.GET.get("maand", "")), today.month)
    cells = shortage.cube(school_year, month=month)
    # Columns for the provinces where the directory has partners (or that hold a count): the
    # Walloon provinces would otherwise be a column of zeros on every visit.
    counted = {cell.province_id for cell in cells}
    provinces = list(
        Province.objects.filter(Q(partners__live=True) | Q(pk__in=counted))
        .distinct()
        .order_by("sort_order", "name")
        .values_list("pk", "name")
    )
    domains = list(StudyDomain.objects.order_by("sort_order", "name").values_list("pk", "name"))
    offered_domains = [*domains]
    if any(cell.domain_id is None and cell.partners for cell in cells):
        offered_domains.append((None, str(shortage.any_domain_label())))
    minimum = shortage.min_cell_size()
    return {
        "school_year": school_year,
        "school_year_label": months.school_year_label(school_year),
        "years": [(year, months.school_year_label(year)) for year in years],
        "month": month,
        "month_label": months.label(month),
        "months": [(months.SLUGS[m], months.label(m)) for m in months.ORDER],
        "month_slug": months.SLUGS[month],
        "asked": shortage.public_table(cells, "learners", "schools", domains, provinces, minimum),
        "offered": shortage.public_table(
            cells, "places", "partners", offered_domains, provinces, minimum
        ),
        "minimum": minimum,
    }


@PartnerDirectoryPage.serves("shortage")
def shortage_page(page, request):
    context = shortage_context(request)
    context["directory_url"] = page.get_url(request)
    return page.render(request, template="partners/places/shortage.html", context_overrides=context)
