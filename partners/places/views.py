"""The places page behind a partner's management link: `beheer/<token>/plaatsen/`.

Served by a route of the directory page (partners/models/directory.py) like the other
management pages, with the same token check, rate limit and private headers
(partners.registration.views.management_link and private_page).
"""

from django.http import HttpResponseRedirect

from partners.places import months, services
from partners.places.forms import PlaceOfferFormSet, PlacesYearForm, initial_rows
from partners.registration.views import management_link, private_page, render, route_url

DONE = {"opgeslagen", "bevestigd"}


@private_page
@management_link
def manage_places(request, page, token, partner):
    url = route_url(page, request, "manage_places", token)
    school_year = services.current_school_year()
    latest = services.latest_year(partner)
    current = latest if latest is not None and latest.school_year == school_year else None
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            services.confirm_places(partner)
            return HttpResponseRedirect(f"{url}?gedaan=bevestigd")
        formset = PlaceOfferFormSet(request.POST)
        year_form = PlacesYearForm(request.POST)
        if formset.is_valid() and year_form.is_valid():
            services.save_places(
                partner,
                formset.offers(),
                accepts_requests=year_form.cleaned_data["accepts_requests"],
            )
            return HttpResponseRedirect(f"{url}?gedaan=opgeslagen")
        status = 400
    else:
        formset = PlaceOfferFormSet(initial=initial_rows(latest))
        year_form = PlacesYearForm(
            initial={"accepts_requests": latest.accepts_requests if latest else True}
        )
        status = 200
    done = request.GET.get("gedaan", "")
    return render(
        request,
        page,
        "manage_places.html",
        {
            "partner": partner,
            "formset": formset,
            "year_form": year_form,
            "errors": formset.error_summary() + _year_errors(year_form) if status == 400 else [],
            "latest": latest,
            "current": current,
            "school_year": months.school_year_label(school_year),
            "done": done if done in DONE else "",
            "manage_url": route_url(page, request, "manage", token),
        },
        status=status,
    )


def _year_errors(form):
    return [(form[name].auto_id, str(m)) for name in form.errors for m in form.errors[name]]
