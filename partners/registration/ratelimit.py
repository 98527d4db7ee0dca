"""Per-IP-address limits on the registration form, the API and the new-link page.

Counters live in the cache (Redis in production, so every app server counts together), in fixed
windows. Limits come from the REGISTRATION_RATE_LIMITS setting: {bucket: (requests, seconds)}.
Behind a reverse proxy, set PORTAL_TRUSTED_PROXY_COUNT to the number of proxies in front of the
app so that the client's own address is taken from X-Forwarded-For (portal/client_ip.py).
When the cache is down the request is let through: a broken cache must not stop registrations.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

from portal.client_ip import client_ip

logger = logging.getLogger(__name__)

DEFAULT_LIMITS = {
    # Checking the form (the preview step): generous, people correct mistakes.
    "preview": (60, 3600),
    # Final submits through the form or the API: a company registers once.
    "submit": (10, 3600),
    # Requests for a new verification link.
    "new_link": (5, 3600),
    # Actions with a management link.
    "manage": (30, 3600),
}


def limit_for(bucket):
    limits = getattr(settings, "REGISTRATION_RATE_LIMITS", None) or {}
    return limits.get(bucket, DEFAULT_LIMITS[bucket])


def hit(request, bucket):
    """Count one request; False when the address went over the bucket's limit."""
    allowed, window = limit_for(bucket)
    # The address is hashed: the cache never holds it in clear text.
    address = hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]
    key = f"ratelimit:{bucket}:{address}:{int(time.time() // window)}"
    try:
        cache.add(key, 0, timeout=window)
        count = cache.incr(key)
    except ValueError:
        # Expired between add() and incr(): this is the first request of a new window.
        cache.set(key, 1, timeout=window)
        count = 1
    except Exception:  # noqa: BLE001 - a cache outage must not block registrations
        logger.warning("rate limit cache unavailable; request allowed")
        return True
    return count <= allowed
