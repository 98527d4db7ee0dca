"""The portal's one per-IP-address rate limiter: registration form, API, new-link page,
management links and the contact form on partner pages.

Counters live in the cache (Redis in production, so every app server counts together), in fixed
windows. Limits come from the REGISTRATION_RATE_LIMITS setting: {bucket: (requests, seconds)};
the contact form's from PARTNERS_CONTACT_LIMIT and PARTNERS_CONTACT_WINDOW_SECONDS.
Behind a reverse proxy, set PORTAL_TRUSTED_PROXY_COUNT to the number of proxies in front of the
app so that the client's own address is taken from X-Forwarded-For (portal/client_ip.py).
When Redis is down its errors count as misses (django-redis, IGNORE_EXCEPTIONS): the request is
let through, a broken cache must not stop registrations or messages.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from portal.client_ip import client_ip

DEFAULT_LIMITS = {
    # Checking the form (the preview step): generous, people correct mistakes.
    "preview": (60, 3600),
    # Final submits through the form or the API: a company registers once.
    "submit": (10, 3600),
    # Requests for a new verification link.
    "new_link": (5, 3600),
    # Actions with a management link.
    "manage": (30, 3600),
    # Place suggestions while typing in the directory (a few per search; schools share addresses).
    "places": (600, 600),
    # Saving a directory search (partners/alerts): per address of the visitor ...
    "alerts": (10, 3600),
    # ... and confirmation mails per e-mail address (counted by `identity`, not by visitor).
    "alert_email": (3, 86400),
}


def limit_for(bucket):
    limits = getattr(settings, "REGISTRATION_RATE_LIMITS", None) or {}
    if bucket == "contact" and bucket not in limits:
        return settings.PARTNERS_CONTACT_LIMIT, settings.PARTNERS_CONTACT_WINDOW_SECONDS
    return limits.get(bucket, DEFAULT_LIMITS[bucket])


def counter_key(request, bucket, identity=None):
    """The counter of the visitor's address, or of `identity` (an e-mail address) when given."""
    _allowed, window = limit_for(bucket)
    # The address is hashed with the secret key: the cache never holds it in clear text.
    who = client_ip(request) if identity is None else str(identity).strip().lower()
    raw = f"{settings.SECRET_KEY}:{who}"
    address = hashlib.sha256(raw.encode()).hexdigest()[:32]
    return f"ratelimit:{bucket}:{address}:{int(time.time() // window)}", window


def exceeded(request, bucket, identity=None):
    """Whether the address has used up the bucket's limit, without counting this request."""
    allowed, _window = limit_for(bucket)
    key, _window = counter_key(request, bucket, identity)
    return (cache.get(key) or 0) >= allowed


def hit(request, bucket, identity=None):
    """Count one request; False when the address (or `identity`) went over the bucket's limit."""
    allowed, _window = limit_for(bucket)
    key, window = counter_key(request, bucket, identity)
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # Expired between add() and incr(), or no cache: the first request of a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    # None: Redis is down (its errors are ignored); the request is let through.
    return count is None or count <= allowed
