"""Absolute links for e-mails, from one place.

Public pages (verification, management, a partner's page): the company's own request when there
is one (it reached the site at that address), else the root URL of the Wagtail Site that serves
the directory page (Settings > Sites; `make run` and `load_demo --base-url` set it). Admin pages:
WAGTAILADMIN_BASE_URL, the same base Wagtail's own workflow notifications use (approval and
rejection happen in the admin, without the company's request, and the admin may live on another
host). The paths come from the directory page's routes, so they follow the page if an editor
moves or renames it.
"""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from partners.registration import tokens


def base_url_for(request=None):
    """The public site's base URL as the request reached it; None without a request, which
    the functions below read as "the root URL of the directory page's Site"."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return None


def site_base_url(page=None):
    """The root URL of the Site that serves the directory page."""
    return (page or directory_page()).get_site().root_url.rstrip("/")


def admin_base_url():
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
    page = page or directory_page()
    return (base_url or site_base_url(page)) + public_path(route, args, page=page)


def verify_url(registration, base_url=None):
    return public_url("register_verify", [tokens.make_verify_token(registration)], base_url)


def manage_url(partner, base_url=None, route="manage", args=()):
    """The partner's management link, or a page behind it (`route`, its token first, then
    `args`), or "" when it has no active key."""
    key = getattr(partner, "access_key", None)
    if key is None or not key.is_active:
        return ""
    return public_url(route, [tokens.make_manage_token(key), *args], base_url)


def partner_url(partner, base_url=None, page=None):
    """A partner's public page as an absolute URL (Partner.get_url gives the path)."""
    page = page or directory_page()
    return (base_url or site_base_url(page)) + partner.get_url_path(page)


def admin_url(name, args=(), base_url=None):
    return (base_url or admin_base_url()) + reverse(name, args=list(args))


def admin_registration_url(registration, base_url=None):
    return admin_url(
        "wagtailsnippets_partners_partnerregistration:inspect", [registration.pk], base_url
    )
