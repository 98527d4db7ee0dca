"""The test suite: fast hashing, local-memory cache, tasks at once, e-mail to mail.outbox.

DATABASE_URL chooses the database as everywhere else (CI runs the suite on PostgreSQL and on
SQLite); everything else is fixed so that tests never depend on the developer's environment.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR

SECRET_KEY = "test-only-key-werkplekportaal"  # noqa: S105  # nosec B105 - tests only
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "werkplekportaal-tests",
    }
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}

MEDIA_ROOT = BASE_DIR / ".test-media" / str(os.getpid())
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tests that need page caching switch it on themselves.

# Static files straight from the apps' folders; no collectstatic needed.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
