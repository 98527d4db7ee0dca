"""The public pages of registration and self-service, served by PartnerDirectoryPage's routes.

The directory page's route methods call the views registered here with
`@PartnerDirectoryPage.serves(name)` (partners/models/directory_page.py), so these views render inside the directory page (breadcrumbs, navigation) without the page model holding the
logic. Every response is private and never cached: they carry personal data or tokens. Pages
reached with a token also send `Referrer-Policy: same-origin`, so the token never leaks to
another site through a link on the page (not `no-referrer`: browsers then send `Origin: null`
with the page's own forms, which Django's CSRF check rightly refuses).

Registration steps: the form (POST action "preview") -> "controleer uw gegevens" (the listing as
the directory will show it; the data travels in a signed hidden field, nothing is stored) ->
"bevestigen en versturen" (action "submit": the one database write) -> redirect to "check your
mailbox" -> the e-mail link -> a button that verifies (a GET never changes anything, so mail
scanners that open links cannot verify for the company).
"""

import logging
from functools import wraps

from django.http import HttpResponseRedirect, QueryDict
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

from partners import ratelimit
from partners.contact import ContactForm
from partners.models import PartnerDirectoryPage, RegistrationStatus, school_year_label
from partners.registration import services, tokens
from partners.registration.forms import HONEYPOT_FIELD, NewLinkForm, RegistrationForm, UpdateForm

logger = logging.getLogger(__name__)

TEMPLATE_DIR = "partners/registration"


def private_page(view):
    """Never cached by browsers, proxies or the page cache; no Referer to other sites."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


def render(request, page, template, context=None, status=200):
    response = page.render(
        request,
        template=f"{TEMPLATE_DIR}/{template}",
        context_overrides={"directory": page, **(context or {})},
    )
    response.status_code = status
    return response


def route_url(page, request, name, *args):
    return page.get_url(request) + page.reverse_subpage(name, args=list(args))


def privacy_url(request):
    from portal.core.models import ContentPage

    privacy = ContentPage.objects.live().filter(slug="privacy").first()
    return privacy.get_url(request) if privacy else None


def rate_limited(request, page):
    return render(request, page, "rate_limited.html", status=429)


# Registration


@PartnerDirectoryPage.serves("register")
@private_page
def register(request, page):
    if request.method == "POST":
        action = request.POST.get("action", "preview")
        if action == "submit":
            return _submit(request, page)
        if action == "edit":
            return _edit(request, page)
        return _preview(request, page)
    form = RegistrationForm(
        initial={"token": services.new_idempotency_key()}, privacy_url=privacy_url(request)
    )
    return _form_page(request, page, form)


def _form_page(request, page, form, notice="", status=200):
    return render(
        request,
        page,
        "form.html",
        {
            "form": form,
            "notice": notice,
            "new_link_url": route_url(page, request, "register_new_link"),
        },
        status=status,
    )


def _submitted_fields(form, data):
    """The typed values of every visible field, as {name: [values]} for the signed payload."""
    return {
        name: data.getlist(name)
        for name in form.fields
        if name not in (HONEYPOT_FIELD, "token") and name in data
    }


def _bound_form(request, fields, token):
    data = QueryDict(mutable=True)
    for name, values in fields.items():
        if isinstance(values, list):
            data.setlist(str(name), [str(value) for value in values])
    data["token"] = token
    return RegistrationForm(data, privacy_url=privacy_url(request))


def _preview(request, page):
    if not ratelimit.hit(request, "preview"):
        return rate_limited(request, page)
    form = RegistrationForm(request.POST, privacy_url=privacy_url(request))
    if form.is_spam:
        logger.info("registration honeypot filled; nothing stored")
        return render(request, page, "submitted.html", {"registration": None})
    if not form.is_valid():
        return _form_page(request, page, form)
    token = form.cleaned_data.get("token") or services.new_idempotency_key()
    payload = tokens.make_preview_payload(_submitted_fields(form, request.POST), token)
    data = form.registration_data()
    return render(
        request,
        page,
        "preview.html",
        {
            "partner": services.preview_partner(data),
            "existing": services.published_partner_with_number(data.get("enterprise_number")),
            "data": data,
            "payload": payload,
            # What partners/includes/partner_listing.html needs, as the published page has it.
            "preview": True,
            "school_year": school_year_label(),
            "contact_form": ContactForm(),
            "directory_url": page.get_url(request),
        },
    )


def _read_payload(request):
    """(fields, token, notice) from the hidden payload; fields is None when unusable."""
    payload = request.POST.get("payload", "")
    try:
        fields, token = tokens.read_preview_payload(payload)
        return fields, token, ""
    except tokens.TokenExpired:
        # Genuine but old: give the data back to check again rather than lose it.
        fields, token = tokens.read_preview_payload(payload, max_age=None)
        return (
            fields,
            token,
            _("Het is al even geleden dat u uw gegevens controleerde. Kijk ze nog eens na."),
        )
    except tokens.TokenInvalid:
        return (
            None,
            "",
            _(
                "We konden uw gegevens niet teruglezen. Vul het formulier opnieuw in; "
                "er is nog niets verstuurd."
            ),
        )


def _edit(request, page):
    fields, token, notice = _read_payload(request)
    if fields is None:
        form = RegistrationForm(
            initial={"token": services.new_idempotency_key()}, privacy_url=privacy_url(request)
        )
        return _form_page(request, page, form, notice=notice, status=400)
    return _form_page(request, page, _bound_form(request, fields, token))


def _submit(request, page):
    if not ratelimit.hit(request, "submit"):
        return rate_limited(request, page)
    fields, token, notice = _read_payload(request)
    if fields is None:
        form = RegistrationForm(
            initial={"token": services.new_idempotency_key()}, privacy_url=privacy_url(request)
        )
        return _form_page(request, page, form, notice=notice, status=400)
    form = _bound_form(request, fields, token)
    if notice or not form.is_valid():
        # Something changed since the preview (an old page, a term removed from a list).
        return _form_page(request, page, form, notice=notice)
    data = form.registration_data()
    key = f"form:{token}" if token else None
    try:
        registration, created = services.create_registration(
            data, idempotency_key=key, request=request
        )
    except services.IdempotencyConflict:
        # The same form was sent before with other data: the company changed its mind after
        # sending, so this is a new submission.
        registration, created = services.create_registration(
            data, idempotency_key=f"form:{services.new_idempotency_key()}", request=request
        )
    if not created:
        # Sent again (a double click, or the same data later on): no second registration, but
        # a company that is still waiting may have lost the first mail.
        services.resend_if_stale(registration, request=request)
    done = route_url(page, request, "register_done")
    again = "" if created else "&al=1"
    return HttpResponseRedirect(f"{done}?r={tokens.make_result_token(registration)}{again}")


@PartnerDirectoryPage.serves("register_done")
@private_page
def register_done(request, page):
    """After the redirect: "check your mailbox", or the mail failure, for this registration."""
    from partners.models import PartnerRegistration

    registration = None
    try:
        public_id = tokens.read_result_token(request.GET.get("r", ""))
    except (tokens.TokenExpired, tokens.TokenInvalid):
        public_id = None
    if public_id:
        registration = PartnerRegistration.objects.filter(public_id=public_id).first()
    return render(
        request,
        page,
        "submitted.html",
        {
            "registration": registration,
            "already_sent": request.GET.get("al") == "1",
            "new_link_url": route_url(page, request, "register_new_link"),
        },
    )


# Verification


@PartnerDirectoryPage.serves("register_verify")
@private_page
def verify(request, page, token):
    from partners.models import PartnerRegistration

    new_link_url = route_url(page, request, "register_new_link")
    try:
        public_id = tokens.read_verify_token(token)
        expired = False
    except tokens.TokenExpired:
        public_id = tokens.read_verify_token(token, max_age=None)
        expired = True
    except tokens.TokenInvalid:
        return render(
            request,
            page,
            "link_invalid.html",
            {"reason": "invalid", "new_link_url": new_link_url},
            400,
        )
    registration = PartnerRegistration.objects.filter(public_id=public_id).first()
    if registration is None or (expired and registration.is_pending_verification):
        return render(
            request,
            page,
            "link_invalid.html",
            {"reason": "expired", "new_link_url": new_link_url},
            410,
        )
    if registration.is_pending_verification:
        if request.method == "POST":
            _result, registration = services.verify_registration(public_id, request=request)
            return render(request, page, "verified.html", {"registration": registration})
        return render(request, page, "verify.html", {"registration": registration})
    return render(request, page, "verified.html", {"registration": registration, "already": True})


@PartnerDirectoryPage.serves("register_new_link")
@private_page
def new_link(request, page):
    form = NewLinkForm(request.POST or None)
    if request.method == "POST":
        if not ratelimit.hit(request, "new_link"):
            return rate_limited(request, page)
        if (request.POST.get(HONEYPOT_FIELD) or "").strip():
            return render(request, page, "new_link_sent.html")
        if form.is_valid():
            services.request_new_link(form.cleaned_data["email"], request=request)
            # The same answer whether or not the address is known: nobody can probe addresses.
            return render(request, page, "new_link_sent.html")
    return render(request, page, "new_link.html", {"form": form})


# Self-service with the management link


def _partner_or_none(token):
    try:
        partner_id, nonce = tokens.read_manage_token(token)
    except tokens.TokenInvalid:
        return None
    return services.partner_for_manage_token(partner_id, nonce)


def _manage_invalid(request, page):
    return render(request, page, "manage_invalid.html", status=404)


def management_link(view):
    """For the views behind a management link: the partner the link is for, or the "invalid
    link" page; POSTs count towards the address's rate limit before the view runs."""

    @wraps(view)
    def wrapped(request, page, token, **kwargs):
        partner = _partner_or_none(token)
        if partner is None:
            return _manage_invalid(request, page)
        if request.method == "POST" and not ratelimit.hit(request, "manage"):
            return rate_limited(request, page)
        return view(request, page, token, partner, **kwargs)

    return wrapped


def _pending_update(partner):
    return partner.registrations.filter(status=RegistrationStatus.IN_REVIEW).first()


@PartnerDirectoryPage.serves("manage")
@private_page
@management_link
def manage(request, page, token, partner):
    if request.method == "POST":
        if request.POST.get("action") == "confirm":
            services.confirm_listing(partner)
            return HttpResponseRedirect(
                route_url(page, request, "manage", token) + "?gedaan=bevestigd"
            )
        return HttpResponseRedirect(route_url(page, request, "manage", token))
    done = request.GET.get("gedaan", "")
    return render(
        request,
        page,
        "manage.html",
        {
            "partner": partner,
            "pending": _pending_update(partner),
            "done": done if done in {"bevestigd", "gewijzigd"} else "",
            "token": token,
            "update_url": route_url(page, request, "manage_update", token),
            "places_url": route_url(page, request, "manage_places", token),
            "requests_url": route_url(page, request, "manage_requests", token),
            "withdraw_url": route_url(page, request, "manage_withdraw", token),
            "partner_url": partner.get_url_path(page) if partner.live else "",
        },
    )


@PartnerDirectoryPage.serves("manage_update")
@private_page
@management_link
def manage_update(request, page, token, partner):
    if request.method == "POST":
        form = UpdateForm(request.POST)
        if form.is_valid():
            key = form.cleaned_data.get("token")
            services.submit_update(
                partner,
                form.registration_data(),
                idempotency_key=f"manage:{key}" if key else None,
                request=request,
            )
            return HttpResponseRedirect(
                route_url(page, request, "manage", token) + "?gedaan=gewijzigd"
            )
    else:
        # Start from what is waiting for review, if anything: that is the company's latest word.
        source = partner
        if _pending_update(partner) is not None:
            source = partner.get_latest_revision_as_object()
        form = UpdateForm(
            initial={**UpdateForm.initial_for(source), "token": services.new_idempotency_key()}
        )
    return render(
        request,
        page,
        "manage_update.html",
        {"form": form, "partner": partner, "manage_url": route_url(page, request, "manage", token)},
    )


@PartnerDirectoryPage.serves("manage_withdraw")
@private_page
@management_link
def manage_withdraw(request, page, token, partner):
    if request.method == "POST":
        services.withdraw_listing(partner, request=request)
        return render(
            request,
            page,
            "withdrawn.html",
            {"partner": partner, "register_url": route_url(page, request, "register")},
        )
    return render(
        request,
        page,
        "manage_withdraw.html",
        {"partner": partner, "manage_url": route_url(page, request, "manage", token)},
    )
