"""Which Content-Security-Policy a response gets.

The public site: Django's ContentSecurityPolicyMiddleware with SECURE_CSP (strict). Wagtail's
admin: ADMIN_CSP, and ADMIN_PREVIEW_CSP for the previews that Wagtail marks as frameable by its
own origin (its preview views set X-Frame-Options: SAMEORIGIN, every other admin view is DENY).
Reading that header keeps one definition of "a preview": Wagtail's own.

A preview is rendered by Wagtail through the whole middleware stack for a request of the public
page's URL, so it arrives here with the public policy already set; that header is replaced.
"""

from functools import wraps

from django.conf import settings
from django.views.decorators.csp import csp_override

from wagtail.utils.urlpatterns import decorate_urlpatterns


def admin_csp(view_func):
    """Give an admin view's response the admin's policy (or the preview's) instead of the public one."""

    @wraps(view_func)
    def wrapped(request, *args, **kwargs):
        response = view_func(request, *args, **kwargs)
        if response.get("X-Frame-Options") == "SAMEORIGIN":
            config = settings.ADMIN_PREVIEW_CSP
            del response["Content-Security-Policy"]
        else:
            config = settings.ADMIN_CSP
        return csp_override(config)(lambda _request: response)(request)

    return wrapped


def with_admin_csp(urlpatterns):
    """The admin's URL patterns, each view wrapped in admin_csp."""
    return decorate_urlpatterns(urlpatterns, admin_csp)
