"""Settings shared by every environment.

Safe by default: DEBUG is off and there is no literal secret here. Everything an operator
changes comes from the environment (see .env.example); dev.py, test.py and production.py
adjust what differs.
"""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    """The environment variable `name`, with empty strings treated as unset."""
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = env(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Application definition

INSTALLED_APPS = [
    # The shared base (label "portal": its models' tables and migrations) and the project itself
    # (its management command, admin hooks and edge purges; no models). See portal/apps.py.
    "portal.core",
    "portal",
    "guides",
    "partners",
    "partners.places",
    "partners.alerts",
    "search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # django-ninja (the API): as an app, its packaged Swagger UI and static files are served by
    # the site itself (no CDN, nothing the CSP would block) at /api/docs/.
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its Dutch catalogue translates Wagtail's "10 seconds ago" in the status panel.
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.InterfaceLanguageMiddleware",
    # Cache-Control for the edge cache; it must see the cookies set by the middleware below.
    "portal.middleware.CacheControlMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.two_factor.TwoFactorRequiredMiddleware",
    "portal.db_router.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that its process_exception() sees a view's database error first.
    "portal.middleware.DatabaseUnavailableMiddleware",
    # django-axes wants to be last: it turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
CSRF_FAILURE_VIEW = "portal.errors.csrf_failure"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.core.context_processors.chrome",
            ],
        },
    },
]

# Database: DATABASE_URL, or a SQLite file next to manage.py (the embedded default).

DATABASE_URL = env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
IS_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"

if IS_POSTGRES:
    # Wagtail 8 needs django.contrib.postgres on PostgreSQL (search and its lookups).
    INSTALLED_APPS.append("django.contrib.postgres")
    if env_bool("DATABASE_POOL"):
        # psycopg 3's pool replaces persistent connections (they cannot be combined).
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(env("DATABASE_POOL_MIN_SIZE", "2")),
            "max_size": int(env("DATABASE_POOL_MAX_SIZE", "10")),
            "timeout": 10,
        }

# A read replica, when one is given, serves the reads of anonymous page views (which may lag
# a little); editors and forms stay on the primary (portal/db_router.py, docs/deployment.md).
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"), conn_max_age=60, conn_health_checks=True
    )
    DATABASE_ROUTERS = ["portal.db_router.ReadReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, otherwise local memory (one process). Pages are cached at
# the edge, not here; this holds rate-limit counters, Wagtail's site root paths and fragments.

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "wpp",
            "TIMEOUT": 600,
            "OPTIONS": {
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
                # A Redis outage is a cache miss (logged), not an error page: Wagtail reads
                # site root paths from the cache on every page view. /healthz reports it.
                "IGNORE_EXCEPTIONS": True,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "werkplekportaal",
            "TIMEOUT": 600,
        }
    }

# Search: Elasticsearch 9 or OpenSearch 3 when their URL is set, else the database backend
# (PostgreSQL full text with the Dutch configuration; SQLite FTS5 without stemming).

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
OPENSEARCH_URL = env("OPENSEARCH_URL")
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", "werkplekportaal_")

# Dutch analysis for every text field: stemming ("stages" -> "stage"), Dutch stop words,
# accents folded. Autocomplete fields keep the backend's own edge n-gram analyzer.
SEARCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "analyzer": {
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "dutch_stop", "dutch_stemmer", "asciifolding"],
                },
            },
            "filter": {
                "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
            },
        }
    }
}

if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.elasticsearch9",
            "URLS": env_list("ELASTICSEARCH_URL"),
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": int(env("SEARCH_TIMEOUT", "5")),
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": SEARCH_INDEX_SETTINGS,
        }
    }
elif OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch3",
            "URLS": env_list("OPENSEARCH_URL"),
            "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
            "TIMEOUT": int(env("SEARCH_TIMEOUT", "5")),
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": SEARCH_INDEX_SETTINGS,
        }
    }
else:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            # Used on PostgreSQL; SQLite and MySQL ignore it.
            "SEARCH_CONFIG": "dutch",
            "ATOMIC_REBUILD": True,
        }
    }

# E-mail through Django 6.1's MAILERS. EMAIL_URL (smtp://user:password@host:587/?tls=1)
# configures SMTP; dev.py writes to the console or EMAIL_FILE_PATH instead.


def mailer_from_url(url):
    """A MAILERS entry for an smtp:// or smtps:// URL (an EMAIL_URL)."""
    parsed = urlparse(url)
    if parsed.scheme not in {"smtp", "smtps", "submission"}:
        raise ImproperlyConfigured(
            f"EMAIL_URL must use smtp:// or smtps://, not {parsed.scheme}://"
        )
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    options = {
        "host": parsed.hostname or "localhost",
        "port": parsed.port or (465 if parsed.scheme == "smtps" else 587),
        "username": unquote(parsed.username or ""),
        "password": unquote(parsed.password or ""),
        "use_ssl": parsed.scheme == "smtps" or query.get("ssl") in {"1", "true"},
        "use_tls": query.get("tls") in {"1", "true"} or parsed.scheme == "submission",
        "timeout": int(query.get("timeout", "10")),
    }
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


EMAIL_URL = env("EMAIL_URL")
MAILERS = {
    "default": mailer_from_url(EMAIL_URL)
    if EMAIL_URL
    else {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": env("EMAIL_HOST", "localhost"), "port": int(env("EMAIL_PORT", "25"))},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Werkplekportaal <noreply@werkplekportaal.example>")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Where moderators are told about new registrations when the group has nobody with an address.
PORTAL_EDITORS_EMAIL = env("PORTAL_EDITORS_EMAIL", "redactie@werkplekportaal.example")

# The number of reverse proxies (load balancer, CDN) in front of the app. The client's address
# for every per-IP rate limit (registration, API, contact form) is then read from
# X-Forwarded-For, skipping the entries these proxies added; 0 uses REMOTE_ADDR. One setting
# for the whole site (portal/client_ip.py). REGISTRATION_TRUSTED_PROXIES, its former name for
# the registration alone, is still read when the new one is not set.
PORTAL_TRUSTED_PROXY_COUNT = int(
    env("PORTAL_TRUSTED_PROXY_COUNT", env("REGISTRATION_TRUSTED_PROXIES", "0"))
)

# Company registration (partners/registration, docs/registration.md): rate limits per IP address
# as {bucket: (requests, seconds)} (defaults in partners/ratelimit.py). From the
# environment as "bucket=requests/seconds,...", e.g. REGISTRATION_RATE_LIMITS=submit=20/3600.


def parse_rate_limits(text):
    limits = {}
    for part in filter(None, (p.strip() for p in (text or "").split(","))):
        bucket, _eq, rate = part.partition("=")
        requests, _slash, seconds = rate.partition("/")
        try:
            limits[bucket.strip()] = (int(requests), int(seconds or 3600))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"REGISTRATION_RATE_LIMITS: {part!r} is not bucket=requests/seconds"
            ) from error
    return limits


REGISTRATION_RATE_LIMITS = parse_rate_limits(env("REGISTRATION_RATE_LIMITS"))

# The contact form on a partner's page: messages per IP address per window (partners/contact.py).
PARTNERS_CONTACT_LIMIT = int(env("PARTNERS_CONTACT_LIMIT", "5"))
PARTNERS_CONTACT_WINDOW_SECONDS = int(env("PARTNERS_CONTACT_WINDOW_SECONDS", "3600"))

# Schools' requests for places (partners/places): sent to at most this many matching partners,
# and deleted this many days after they were closed (or posted, when never closed).
PLACES_REQUEST_MAX_RECIPIENTS = int(env("PLACES_REQUEST_MAX_RECIPIENTS", "10"))
PLACES_REQUEST_RETENTION_DAYS = int(env("PLACES_REQUEST_RETENTION_DAYS", "365"))
# The public page of where places run short hides a count behind fewer schools or organisations
# than this (partners/places/shortage.py): a choice to align with the privacy notice.
PLACES_SHORTAGE_MIN_CELL = int(env("PLACES_SHORTAGE_MIN_CELL", "5"))

# Saved directory searches with e-mail alerts (partners/alerts): deleted when not confirmed
# within this many days (as unverified registrations), and at most this many partners listed
# in one digest (the rest through the link to the search).
ALERTS_UNCONFIRMED_DAYS = int(env("ALERTS_UNCONFIRMED_DAYS", "7"))
ALERTS_DIGEST_MAX_PARTNERS = int(env("ALERTS_DIGEST_MAX_PARTNERS", "50"))

# Background work: Django tasks. The immediate backend runs a task at once in the request;
# TASKS_BACKEND=database queues it for `manage.py db_worker` (django-tasks-db).

if env("TASKS_BACKEND", "immediate") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Authentication

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    # Staff accounts reach personal data: longer than Django's default of 8.
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins (django-axes): after AXES_FAILURE_LIMIT failures an account is locked, and so,
# separately, is the address they came from, for AXES_COOLOFF_TIME hours or until an
# administrator lifts it (Instellingen > Geblokkeerde aanmeldingen).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours; the lockout page says "over een uur"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "portal/lockout.html"
AXES_CLIENT_IP_CALLABLE = "portal.client_ip.address_or_none"
AXES_USERNAME_FORM_FIELD = "username"
# Two-factor authentication (portal/two_factor.py): required in the admin for superusers and
# for members of these groups, who see companies' contact data or decide on them.
OTP_REQUIRED_GROUPS = ["Moderatoren", "Partnerbeheerders"]
OTP_TOTP_ISSUER = "Werkplekportaal"
# Admin sessions end after two idle hours and when the browser closes.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(2 * 60 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Internationalisation: content in Dutch (Belgium); the interface also in English.

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "wpp_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("nl-be", "Nederlands")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]

# Static and media files

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = env("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail

WAGTAIL_SITE_NAME = "Werkplekportaal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}
WAGTAILIMAGES_WEBP_QUALITY = 80
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
# Workflow notifications go to the members of each task's group (Moderators,
# Partnerbeheerders), once. With superusers included, a superuser got two mails per submission
# (the workflow's and the task's); a superuser who reviews joins the group instead.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# The admin loads nothing from other origins (its CSP forbids it): no avatars from Gravatar
# (Wagtail shows its own placeholder or an uploaded avatar), no check for new Wagtail versions.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The time zones an admin user may choose. Wagtail's default (every zone the system knows) lists
# Debian's "localtime", which browsers reject: the account page then logs a script error.
WAGTAIL_USER_TIME_ZONES = ["Europe/Brussels", "UTC"]
# The edge cache in front of the app servers (deploy/varnish/default.vcl, or a CDN): every
# URL a change touches is purged there (wagtail.contrib.frontend_cache and
# portal.signal_handlers). FRONTEND_CACHE_URL lists the Varnish servers (comma-separated
# http://host:port); FRONTEND_CACHE_PURGE_URL is its former name.
WAGTAILFRONTENDCACHE = {
    f"varnish{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(
        env_list("FRONTEND_CACHE_URL", env_list("FRONTEND_CACHE_PURGE_URL"))
    )
}
if env("CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONEID"),
    }

# Logging: one line per event to stderr, without request bodies (no personal data).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # At DEBUG Django logs every missing template variable with the whole context, form
        # data included: personal data of contact persons must never reach the logs.
        "django.template": {"level": "INFO"},
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint (guide PDFs) warns about every font it subsets.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# Security headers for every environment (production.py adds HTTPS-only ones).
# The public site: no inline script or style at all, nothing from other origins.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}
# Wagtail's admin (every view under /admin/, see portal/csp.py): its own origin only, no eval.
# Wagtail 8 still writes inline <script> elements (the choosers' and date pickers' set-up, the
# inline panels), without a nonce, so script-src needs 'unsafe-inline'; a nonce in the list would
# make browsers ignore 'unsafe-inline'. Inline styles: style="..." in its templates and the ones
# its scripts set. blob: images: previews of images chosen for upload. It frames its own
# previews (the live preview panel); no admin page itself may be framed.
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF],
}
# A preview is the public page as it will be: the public policy, except that the admin's own
# origin may frame it (the previews Wagtail marks X-Frame-Options: SAMEORIGIN).
ADMIN_PREVIEW_CSP = {**SECURE_CSP, "frame-ancestors": [CSP.SELF]}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Cache-Control of public pages (portal.middleware.CacheControlMiddleware): the edge keeps them
# EDGE_CACHE_SECONDS (a change purges them sooner), browsers BROWSER_CACHE_SECONDS.
EDGE_CACHE_SECONDS = int(env("EDGE_CACHE_SECONDS", "3600"))
BROWSER_CACHE_SECONDS = int(env("BROWSER_CACHE_SECONDS", "0"))

# Daily search counts (popular searches report) are kept this many days.
WAGTAILSEARCH_HITS_MAX_AGE = 90

DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
