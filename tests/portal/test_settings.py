"""The settings modules choose their backends from the environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "search": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_config": settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG"),
    "search_urls": settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "search_analyzer": settings.WAGTAILSEARCH_BACKENDS["default"].get("INDEX_SETTINGS", {})
        .get("settings", {}).get("analysis", {}).get("analyzer", {}).get("default"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "mailer": settings.MAILERS["default"]["BACKEND"],
    "mailer_options": settings.MAILERS["default"].get("OPTIONS", {}),
    "tasks": settings.TASKS["default"]["BACKEND"],
    "apps": settings.INSTALLED_APPS,
    "language": settings.LANGUAGE_CODE,
    "languages": [code for code, name in settings.LANGUAGES],
    "time_zone": settings.TIME_ZONE,
    "debug": settings.DEBUG,
    "allowed_hosts": settings.ALLOWED_HOSTS,
}))
"""

CLEARED = [
    "DATABASE_URL",
    "ELASTICSEARCH_URL",
    "OPENSEARCH_URL",
    "REDIS_URL",
    "EMAIL_URL",
    "EMAIL_FILE_PATH",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "TASKS_BACKEND",
    "DEBUG",
]


def load_settings(module, **environ):
    """The settings `module` as a fresh process sees them with `environ`."""
    env = {key: value for key, value in os.environ.items() if key not in CLEARED}
    env.update(environ, DJANGO_SETTINGS_MODULE=module)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if result.returncode != 0:
        return {"error": result.stderr}
    return json.loads(result.stdout)


def test_defaults_are_embedded():
    conf = load_settings("portal.settings.dev")
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["search"] == "wagtail.search.backends.database"
    assert conf["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert conf["mailer"] == "django.core.mail.backends.console.EmailBackend"
    assert conf["tasks"] == "django_tasks.backends.immediate.ImmediateBackend"
    assert "django.contrib.postgres" not in conf["apps"]
    assert conf["language"] == "nl-be"
    assert conf["languages"] == ["nl-be", "en"]
    assert conf["time_zone"] == "Europe/Brussels"


def test_postgres_uses_dutch_full_text_and_contrib_postgres():
    conf = load_settings("portal.settings.dev", DATABASE_URL="postgres://postgres@127.0.0.1:5432/x")
    assert conf["engine"] == "django.db.backends.postgresql"
    assert "django.contrib.postgres" in conf["apps"]
    assert conf["search"] == "wagtail.search.backends.database"
    assert conf["search_config"] == "dutch"


def test_elasticsearch_url_selects_elasticsearch9_with_dutch_analysis():
    conf = load_settings("portal.settings.dev", ELASTICSEARCH_URL="http://search.internal:9200")
    assert conf["search"] == "wagtail.search.backends.elasticsearch9"
    assert conf["search_urls"] == ["http://search.internal:9200"]
    assert "dutch_stemmer" in conf["search_analyzer"]["filter"]


def test_opensearch_url_selects_opensearch3():
    conf = load_settings("portal.settings.dev", OPENSEARCH_URL="http://os.internal:9200")
    assert conf["search"] == "wagtail.search.backends.opensearch3"


def test_redis_url_selects_redis_cache():
    conf = load_settings("portal.settings.dev", REDIS_URL="redis://127.0.0.1:6379/3")
    assert conf["cache"] == "django_redis.cache.RedisCache"
    assert conf["cache_location"] == "redis://127.0.0.1:6379/3"


def test_dev_email_to_a_folder():
    conf = load_settings("portal.settings.dev", EMAIL_FILE_PATH="/srv/wpp-mail")
    assert conf["mailer"] == "django.core.mail.backends.filebased.EmailBackend"
    assert conf["mailer_options"] == {"file_path": "/srv/wpp-mail"}


def test_email_url_configures_smtp():
    conf = load_settings(
        "portal.settings.dev", EMAIL_URL="smtp://mailer:s%40cret@smtp.example.org:587/?tls=1"
    )
    assert conf["mailer"] == "django.core.mail.backends.smtp.EmailBackend"
    options = conf["mailer_options"]
    assert (options["host"], options["port"], options["username"], options["password"]) == (
        "smtp.example.org",
        587,
        "mailer",
        "s@cret",
    )
    assert options["use_tls"] is True


def test_tasks_backend_database_queues_work():
    conf = load_settings("portal.settings.dev", TASKS_BACKEND="database")
    assert conf["tasks"] == "django_tasks_db.DatabaseBackend"


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({"ALLOWED_HOSTS": "portal.example"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_without_secret_and_hosts(environ, missing):
    conf = load_settings("portal.settings.production", **environ)
    assert "ImproperlyConfigured" in conf["error"]
    assert f"{missing} must be set" in conf["error"]


def test_production_starts_with_secret_and_hosts():
    conf = load_settings(
        "portal.settings.production",
        SECRET_KEY="x" * 60,
        ALLOWED_HOSTS="portal.example,www.portal.example",
    )
    assert conf["debug"] is False
    assert conf["allowed_hosts"] == ["portal.example", "www.portal.example"]


def test_base_is_safe_by_default():
    conf = load_settings("portal.settings.base")
    assert conf["debug"] is False
