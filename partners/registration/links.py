"""Absolute links for e-mails: the request's own host when there is one, else
WAGTAILADMIN_BASE_URL (approval and rejection happen in the admin, without the company's
request). The paths come from the directory page's routes, so they follow the page if an editor
moves or renames it."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from partners.registration import tokens


def base_url_for(request=None):
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def directory_page():
    from partners.models import PartnerDirectoryPage

    page = PartnerDirectoryPage.objects.live().first()
    if page is None:
        raise ImproperlyConfigured("There is no live PartnerDirectoryPage to link to.")
    return page


def public_path(route, args=(), page=None):
    page = page or directory_page()
    _site_id, _root_url, page_path = page.get_url_parts()
    return page_path + page.reverse_subpage(route, args=list(args))


def public_url(route, args=(), base_url=None, page=None):
    return (base_url or base_url_for()) + public_path(route, args, page=page)


def verify_url(registration, base_url=None):
    return public_url("register_verify", [tokens.make_verify_token(registration)], base_url)


def manage_url(partner, base_url=None):
    """The partner's management link, or "" when it has no active key."""
    key = getattr(partner, "access_key", None)
    if key is None or not key.is_active:
        return ""
    return public_url("manage", [tokens.make_manage_token(key)], base_url)


def partner_url(partner, base_url=None):
    return public_url("partner", [partner.slug], base_url)


def admin_url(name, args=(), base_url=None):
    return (base_url or base_url_for()) + reverse(name, args=list(args))


def admin_registration_url(registration, base_url=None):
    return admin_url(
        "wagtailsnippets_partners_partnerregistration:inspect", [registration.pk], base_url
    )
