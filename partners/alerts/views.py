"""The saved-search pages, served by PartnerDirectoryPage's routes, and the one-click
unsubscribe address for mail clients.

Every page here is private (never cached, no Referer to other sites): they carry an address or
a token. The directory page itself only links here, so it stays a public page at the edge.
A GET never changes anything (mail scanners open links): confirming and unsubscribing are a
button on the page; mail clients that offer "unsubscribe" POST to the List-Unsubscribe address
(RFC 8058), which needs no CSRF token and answers plain text.
"""

import datetime
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from partners import ratelimit
from partners.alerts import services
from partners.alerts.forms import SavedSearchForm
from partners.alerts.models import SavedSearch
from partners.models import PartnerDirectoryPage
from partners.registration import links, tokens
from partners.registration.views import private_page, rate_limited, route_url

logger = logging.getLogger(__name__)


def render(request, page, template, context=None, status=200):
    response = page.render(
        request,
        template=f"alerts/{template}",
        context_overrides={"directory": page, **(context or {})},
    )
    response.status_code = status
    return response


def _search_context(page, request, query):
    search = services.directory_search(query)
    querystring = search.querystring()
    return {
        "summary": services.summary(search),
        "search_url": page.get_url(request) + (f"?{querystring}" if querystring else ""),
        "querystring": querystring,
    }


@PartnerDirectoryPage.serves("alert_new")
@private_page
def alert_new(request, page):
    """The directory's current search (from the query string) with the address form."""
    status = 200
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        if not ratelimit.hit(request, "alerts"):
            return rate_limited(request, page)
        if form.is_valid():
            email = form.cleaned_data["email"]
            if ratelimit.hit(request, "alert_email", identity=email):
                try:
                    services.save_search(
                        email,
                        form.cleaned_data["zoekopdracht"],
                        form.cleaned_data["frequentie"],
                        base_url=links.base_url_for(request),
                    )
                except Exception:
                    logger.exception("Saved search: the confirmation mail could not be sent")
                    form.add_error(
                        None,
                        _(
                            "De bevestigingsmail kon niet verstuurd worden door een storing. "
                            "Er is niets bewaard; probeer het later opnieuw."
                        ),
                    )
                    status = 503
                else:
                    return HttpResponseRedirect(route_url(page, request, "alert_sent"))
            else:
                form.add_error(
                    "email",
                    _(
                        "Naar dit adres zijn vandaag al verschillende bevestigingsmails "
                        "gestuurd. Bevestig die eerst, of probeer het morgen opnieuw."
                    ),
                )
                status = 429
        else:
            status = 400
        context = _search_context(page, request, form.data.get("zoekopdracht", "")[:2000])
    else:
        context = _search_context(page, request, request.GET.urlencode())
        # The hidden field carries the search as the directory's form re-encodes it.
        form = SavedSearchForm(initial={"zoekopdracht": context["querystring"]})
    return render(
        request,
        page,
        "new.html",
        {**context, "form": form, "errors": form.error_summary() if status != 200 else []},
        status=status,
    )


@PartnerDirectoryPage.serves("alert_sent")
@private_page
def alert_sent(request, page):
    return render(request, page, "sent.html", {"directory_url": page.get_url(request)})


def _invalid(request, page, status=404):
    return render(request, page, "invalid.html", {"directory_url": page.get_url(request)}, status)


@PartnerDirectoryPage.serves("alert_confirm")
@private_page
def alert_confirm(request, page, token):
    try:
        public_id = tokens.read_alert_confirm_token(
            token, datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
        )
    except (tokens.TokenInvalid, tokens.TokenExpired):
        return _invalid(request, page)
    saved = SavedSearch.objects.filter(public_id=public_id).first()
    if saved is None:
        return _invalid(request, page)
    if request.method == "POST" and saved.confirmed_at is None:
        saved = services.confirm(saved)
        return HttpResponseRedirect(route_url(page, request, "alert_confirm", token))
    return render(
        request,
        page,
        "confirm.html",
        {
            **_search_context(page, request, saved.query),
            "saved_search": saved,
            "unsubscribe_url": route_url(
                page, request, "alert_unsubscribe", tokens.make_alert_unsubscribe_token(saved)
            ),
        },
    )


@PartnerDirectoryPage.serves("alert_unsubscribe")
@private_page
def alert_unsubscribe(request, page, token):
    try:
        public_id = tokens.read_alert_unsubscribe_token(token)
    except tokens.TokenInvalid:
        return _invalid(request, page)
    saved = SavedSearch.objects.filter(public_id=public_id).first()
    if request.method == "POST" and saved is not None:
        services.unsubscribe(saved)
        return HttpResponseRedirect(route_url(page, request, "alert_unsubscribe", token))
    return render(
        request,
        page,
        "unsubscribe.html",
        {
            **(_search_context(page, request, saved.query) if saved else {}),
            "saved_search": saved,
            "directory_url": page.get_url(request),
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def one_click_unsubscribe(request, token):
    """The List-Unsubscribe address: a mail client's POST unsubscribes (RFC 8058); a GET
    (someone who opened it) leads to the page with the button."""
    try:
        public_id = tokens.read_alert_unsubscribe_token(token)
    except tokens.TokenInvalid:
        return HttpResponse(_("Deze link werkt niet."), status=404, content_type="text/plain")
    if request.method == "GET":
        return HttpResponseRedirect(
            links.public_url("alert_unsubscribe", [token], links.base_url_for(request))
        )
    SavedSearch.objects.filter(public_id=public_id).delete()
    response = HttpResponse(
        _("U bent uitgeschreven: u krijgt geen e-mails meer voor deze zoekopdracht."),
        content_type="text/plain; charset=utf-8",
    )
    response["Cache-Control"] = "private, no-store"
    return response
