"""The visitor's IP address, for per-address rate limits (registration, API, contact form).

Behind reverse proxies, REMOTE_ADDR is the nearest proxy; each proxy appends the address it saw
to X-Forwarded-For. With PORTAL_TRUSTED_PROXY_COUNT = n, the client is the n-th entry from the
right: everything to the left of it can be forged by the client itself, so it is never used.
"""

from django.conf import settings


def client_ip(request):
    proxies = int(getattr(settings, "PORTAL_TRUSTED_PROXY_COUNT", 0) or 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def address_or_none(request):
    """client_ip for django-axes, which stores the address in an IP field: None when unknown
    (a request made inside the server, such as a test's force_login)."""
    address = client_ip(request)
    return None if address == "unknown" else address
