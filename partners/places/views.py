"""The places page behind a partner's management link: `beheer/<token>/plaatsen/`.

Served by a route of the directory page (partners/models/directory.py) like the other
management pages, with the same token check, rate limit and private headers
(partners.registration.views.management_link and private_page).
"""

import uuid

from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from partners import ratelimit
from partners.models import PartnerDirectoryPage, PartnerKind
from partners.places import months, services
from partners.places.forms import (
    AnswerForm,
    PlaceOfferFormSet,
    PlaceRequestForm,
    PlacesYearForm,
    ReplyForm,
    initial_rows,
)
from partners.places.models import PlaceRequest, RequestRecipient, RequestStatus
from partners.registration import links, tokens
from partners.registration.views import (
    management_link,
    private_page,
    rate_limited,
    render,
    route_url,
)

DONE = {"opgeslagen", "bevestigd"}


@PartnerDirectoryPage.serves("manage_places")
@private_page
@management_link
def manage_places(request, page, token, partner):
    url = route_url(page, request, "manage_places", token)
    school_year = months.current_school_year()
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


# Places asked: the school's requests (behind its management link) and a partner's answer page.


def _school_only(request, page, partner, token):
    return render(
        request,
        page,
        "requests_schools_only.html",
        {"partner": partner, "manage_url": route_url(page, request, "manage", token)},
        status=403,
    )


@PartnerDirectoryPage.serves("manage_requests")
@private_page
@management_link
def manage_requests(request, page, token, partner):
    """A school's requests and the form for a new one."""
    if partner.kind != PartnerKind.SCHOOL:
        return _school_only(request, page, partner, token)
    status = 200
    if request.method == "POST":
        form = PlaceRequestForm(request.POST)
        if form.is_valid():
            place_request = services.post_request(
                partner, form.request_data(), base_url=links.base_url_for(request)
            )
            return HttpResponseRedirect(
                route_url(page, request, "manage_request", token, place_request.public_id)
                + "?gedaan=verstuurd"
            )
        status = 400
    else:
        form = PlaceRequestForm()
    return render(
        request,
        page,
        "requests.html",
        {
            "partner": partner,
            "form": form,
            "errors": form.error_summary() if status == 400 else [],
            "requests": [
                (
                    place_request,
                    route_url(page, request, "manage_request", token, place_request.public_id),
                )
                for place_request in partner.place_requests.select_related("kind", "study_domain")
            ],
            "manage_url": route_url(page, request, "manage", token),
        },
        status=status,
    )


@PartnerDirectoryPage.serves("manage_request")
@private_page
@management_link
def manage_request(request, page, token, partner, request_id):
    """One request of this school: the answers, replies, closing. Another school's request, or
    one that was deleted, is the same "not found" page as a wrong link."""
    place_request = (
        PlaceRequest.objects.filter(public_id=request_id, school=partner)
        .select_related("kind", "study_domain", "education_form")
        .first()
    )
    if place_request is None:
        return render(request, page, "manage_invalid.html", status=404)
    url = route_url(page, request, "manage_request", token, place_request.public_id)
    reply_errors, reply_to, status = [], None, 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action in (RequestStatus.PLACED, RequestStatus.CLOSED) and place_request.is_open:
            services.close_request(place_request, action)
            return HttpResponseRedirect(f"{url}?gedaan=gesloten")
        if action == "reply":
            recipient = (
                place_request.recipients.exclude(answer="")
                .filter(public_id=_uuid_or_none(request.POST.get("ontvanger")))
                .select_related("partner")
                .first()
            )
            form = ReplyForm(request.POST)
            if recipient is None:
                reply_errors = [("", _("Kies een partner die antwoordde."))]
                status = 400
            elif form.is_valid():
                services.reply_to_partner(
                    recipient, form.cleaned_data["text"], base_url=links.base_url_for(request)
                )
                return HttpResponseRedirect(f"{url}?gedaan=beantwoord")
            else:
                reply_errors, reply_to, status = form.error_summary(), (recipient.pk, form), 400
    recipients = list(
        place_request.recipients.select_related("partner").prefetch_related("messages")
    )
    answered = []
    for recipient in recipients:
        if recipient.answer:
            form = reply_to[1] if reply_to and reply_to[0] == recipient.pk else ReplyForm()
            answered.append((recipient, form))
    done = request.GET.get("gedaan", "")
    return render(
        request,
        page,
        "request_detail.html",
        {
            "partner": partner,
            "place_request": place_request,
            "answered": answered,
            "sent_count": len(recipients),
            "waiting_count": sum(1 for r in recipients if not r.answer),
            "errors": reply_errors,
            "done": done if done in {"verstuurd", "gesloten", "beantwoord"} else "",
            "requests_url": route_url(page, request, "manage_requests", token),
            "statuses": [RequestStatus.PLACED, RequestStatus.CLOSED],
        },
        status=status,
    )


def _uuid_or_none(text):
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None


@PartnerDirectoryPage.serves("request_answer")
@private_page
def request_answer(request, page, token):
    """A partner's answer page for one request (the signed link in its e-mail)."""
    try:
        public_id = tokens.read_answer_token(token)
    except tokens.TokenInvalid:
        public_id = None
    recipient = (
        RequestRecipient.objects.filter(public_id=public_id)
        .select_related("request__school", "request__kind", "request__study_domain", "partner")
        .first()
        if public_id
        else None
    )
    if recipient is None:
        return render(request, page, "request_invalid.html", status=404)
    place_request = recipient.request
    status = 200
    if request.method == "POST" and place_request.is_open:
        if not ratelimit.hit(request, "manage"):
            return rate_limited(request, page)
        form = AnswerForm(request.POST)
        if form.is_valid():
            services.answer_request(
                recipient,
                form.cleaned_data["answer"],
                form.cleaned_data["text"].strip(),
                base_url=links.base_url_for(request),
            )
            return HttpResponseRedirect(
                route_url(page, request, "request_answer", token) + "?gedaan=beantwoord"
            )
        status = 400
    else:
        form = AnswerForm(initial={"answer": recipient.answer or None})
    return render(
        request,
        page,
        "request_answer.html",
        {
            "recipient": recipient,
            "place_request": place_request,
            "form": form,
            "errors": form.error_summary() if status == 400 else [],
            "messages_list": list(recipient.messages.all()),
            "done": request.GET.get("gedaan") == "beantwoord",
        },
        status=status,
    )
