"""The directory page's views: the list, a partner's page with its contact form, the CSV.

PartnerDirectoryPage's routes (partners/models/directory_page.py) call these (registered with
`PartnerDirectoryPage.serves`); the query itself is
partners/directory/query.py, shared with the API.
"""

import datetime
import json
from urllib.parse import urlencode

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from partners import ratelimit
from partners.contact import ContactForm, send_contact_message
from partners.directory.query import PAGE, PAGE_SIZE, RADIUS_CHOICES, DirectorySearch
from partners.exchange import partner_csv as exchange
from partners.models import (
    EducationForm,
    Partner,
    PartnerDirectoryPage,
    StudyDomain,
    WorkplaceLearningKind,
    school_year_label,
)
from partners.places.queries import attach_summaries

SENT = "verzonden"


@PartnerDirectoryPage.serves("index")
def directory_index(page, request):
    """The list with filters, facets and pagination; the same template serves the script."""
    search = DirectorySearch(request.GET)
    page_size = getattr(settings, "PARTNERS_DIRECTORY_PAGE_SIZE", PAGE_SIZE)
    page_obj = search.paginate(request.GET.get(PAGE), page_size)
    base_url = page.get_url(request)
    querystring = search.querystring()
    # The partner page links back to this very list: the card carries the (validated) search.
    back_pairs = search.params()
    if page_obj.number > 1:
        back_pairs.append((PAGE, str(page_obj.number)))
    back = f"?{urlencode(back_pairs)}" if back_pairs else ""
    attach_summaries(page_obj.object_list)
    for partner in page_obj:
        partner.detail_url = partner.get_url_path(page) + back
    count = search.count
    response = page.render(
        request,
        context_overrides={
            "search": search,
            "form": search.form,
            "page_obj": page_obj,
            "result_count": count,
            "facets": search.facets,
            "radius_options": [(km, search.radius_counts.get(km)) for km in RADIUS_CHOICES],
            "problem_list": search.problem_list(),
            "selected_filters": search.selected_filters(),
            "relaxations": search.relaxations() if count == 0 and search.has_filters else [],
            "query_prefix": f"{querystring}&" if querystring else "",
            "csv_url": base_url
            + page.reverse_subpage("csv")
            + (f"?{search.querystring()}" if querystring else ""),
            "school_year": school_year_label(),
        },
    )
    return response


@PartnerDirectoryPage.serves("csv")
def directory_csv(page, request):
    """The current result list (all pages) as CSV for Excel, streamed: it can be the whole directory."""
    search = DirectorySearch(request.GET)
    root_url = request.build_absolute_uri("/").rstrip("/")
    rows = exchange.reader_csv_lines(
        search.iter_results(),
        url_for=lambda partner: root_url + partner.get_url_path(page),
        distance_for=search.distance_in_km if search.place else None,
    )
    response = StreamingHttpResponse(rows, content_type="text/csv; charset=utf-8")
    stamp = datetime.date.today().isoformat()
    response["Content-Disposition"] = f'attachment; filename="partners-{stamp}.csv"'
    response["X-Robots-Tag"] = "noindex"
    return response


def directory_back_pairs(request):
    """The directory search the visitor came from (its parameters on the partner's URL).

    Only what the directory's own form accepts comes back, re-encoded by it: a hand-made link
    cannot put anything else on the page.
    """
    pairs = DirectorySearch(request.GET).params()
    number = request.GET.get(PAGE, "")
    if number.isdecimal() and 1 < int(number) < 100_000:
        pairs.append((PAGE, str(int(number))))
    return pairs


def directory_back_url(page, request):
    """The directory with the search the visitor came from."""
    pairs = directory_back_pairs(request)
    return page.get_url(request) + (f"?{urlencode(pairs)}" if pairs else "")


def published_partner(slug):
    """A published partner with what its page shows, or 404 (drafts are never shown)."""
    return get_object_or_404(
        Partner.objects.published()
        .select_related("province", "sector", "logo")
        .prefetch_related(
            Prefetch("kinds", queryset=WorkplaceLearningKind.objects.order_by("sort_order")),
            Prefetch("study_domains", queryset=StudyDomain.objects.order_by("sort_order")),
            Prefetch("education_forms", queryset=EducationForm.objects.order_by("sort_order")),
        ),
        slug=slug,
    )


def organisation_json_ld(partner, url, logo_url=None):
    """schema.org Organization for search engines, safe to put inside a <script> element."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": partner.name,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": partner.street,
            "postalCode": partner.postcode,
            "addressLocality": partner.municipality,
            "addressRegion": partner.province.name if partner.province else "",
            "addressCountry": "BE",
        },
    }
    description = strip_tags(partner.description or "").strip()
    if description:
        data["description"] = description
    if partner.website:
        data["sameAs"] = [partner.website]
    if partner.enterprise_number:
        data["vatID"] = f"BE{partner.enterprise_number}"
    if logo_url:
        data["logo"] = logo_url
    if partner.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": partner.latitude,
            "longitude": partner.longitude,
        }
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    # The same escapes as Django's json_script: no "</script>" or HTML can close the element.
    for char, escape in (("<", "\\u003C"), (">", "\\u003E"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308  # nosec B308 B703 - escaped above


@PartnerDirectoryPage.serves("partner")
def partner_detail(page, request, slug, *, with_form=False):
    """A partner's page, or with `with_form` its contact form; a POST sends the message.

    The page itself carries no form: a form has a CSRF token, which sets a cookie and makes
    the response private, and the partner page is meant to be kept at the edge like any other
    public page. It links to the form at `<slug>/contact/`, which is never stored (issue 14).
    A POST (to either address) sends the message and redirects: POST/redirect/GET.
    """
    partner = published_partner(slug)
    url = partner.get_url_path(page)
    absolute_url = request.build_absolute_uri(url)
    # The contact form posts to and returns to this page with the search kept (the way back).
    back_pairs = directory_back_pairs(request)
    search_query = urlencode(back_pairs)
    status = 200
    notice = None
    can_contact = bool(partner.contact_email)
    form = ContactForm() if with_form or request.method == "POST" else None
    if request.method == "POST" and can_contact:
        form = ContactForm(request.POST)
        if form.is_spam:
            notice = _(
                "Uw bericht is niet verstuurd: het formulier lijkt automatisch ingevuld. "
                "Laat het laatste veld leeg en probeer opnieuw."
            )
            status = 400
        elif ratelimit.exceeded(request, "contact"):
            notice = _(
                "U hebt het afgelopen uur te veel berichten verstuurd. Uw bericht is niet "
                "verstuurd; probeer het over een uur opnieuw."
            )
            status = 429
        elif form.is_valid():
            ratelimit.hit(request, "contact")
            if send_contact_message(partner, form.cleaned_data, partner_url=absolute_url):
                sent_query = urlencode([*back_pairs, (SENT, "1")])
                return HttpResponseRedirect(f"{url}?{sent_query}#contact")
            notice = _(
                "Uw bericht kon niet verstuurd worden door een storing bij de e-mail. "
                "Probeer het later opnieuw."
            )
            status = 503
        else:
            status = 400
    logo_url = None
    if partner.logo_id:
        logo_url = request.build_absolute_uri(
            partner.logo.get_rendition("max-400x400|format-png").url
        )
    # The contact form's own address (never stored at the edge), with the search kept.
    contact_url = page.url + page.reverse_subpage("partner_contact", args=[slug])
    if search_query:
        contact_url = f"{contact_url}?{search_query}"
    response = page.render(
        request,
        template="partners/partner_page.html",
        context_overrides={
            "partner": partner,
            "partner_url": absolute_url,
            "json_ld": organisation_json_ld(partner, absolute_url, logo_url),
            "contact_form": form,
            "contact_url": contact_url,
            "contact_notice": notice,
            "contact_sent": request.method == "GET" and request.GET.get(SENT) == "1",
            "school_year": school_year_label(),
            "directory_url": directory_back_url(page, request),
            "contact_action": contact_url,
            "directory": page,
        },
    )
    response.status_code = status
    return response


@PartnerDirectoryPage.serves("partner_contact")
def partner_contact(page, request, slug):
    """A partner's contact form on its own address (never stored at the edge)."""
    return partner_detail(page, request, slug, with_form=True)
