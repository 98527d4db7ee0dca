"""Shared fixtures and the rules for tests that need PostgreSQL or a browser.

A test marked `postgres` is skipped on SQLite, and fails instead when WPP_REQUIRE_POSTGRES=1
(CI sets it, so a PostgreSQL test can never silently not run). The browser tests in tests/e2e
follow the same rule with WPP_REQUIRE_BROWSER=1.
"""

import os

import pytest

from django.conf import settings


def require(variable, reason):
    """Skip for `reason`, or fail when the environment says the requirement is mandatory."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason} ({variable}=1 makes this a failure)")
    pytest.skip(reason)


def pytest_runtest_setup(item):
    is_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    if item.get_closest_marker("postgres") and not is_postgres:
        require("WPP_REQUIRE_POSTGRES", "needs PostgreSQL: run with DATABASE_URL=postgres://...")


@pytest.fixture
def home(db):
    from tests.factories import make_site_tree

    return make_site_tree()["home"]


@pytest.fixture
def site_tree(db):
    """Home, guides index, partner directory and search page, as the default site."""
    from tests.factories import make_site_tree

    return make_site_tree()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_cache(settings):
    """The real Redis on 127.0.0.1:6379 (database 15), as production runs with REDIS_URL."""
    import redis

    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        require("WPP_REQUIRE_REDIS", "needs Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "wpp-test",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def restore_migration_data():
    """Rows that data migrations create, again: transactional tests (live_server, threads)
    flush every table after each test, so the next one must recreate taxonomies, the review
    group and the workflow. The data migrations' own functions run again, found through Django's
    migration loader (no import of a migration module); each is idempotent."""
    from django.apps import apps
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader
    from django.db.migrations.operations import RunPython

    from wagtail.models import Collection

    from tests.factories import root_page

    # Wagtail's own migrations make the root collection and the page tree's root (the admin's
    # dashboard and explorer need it); the editorial set-up gives the groups their image and
    # document permissions on the collection.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    root_page()
    graph = MigrationLoader(connection, ignore_no_migrations=True).graph
    for app_label, name in (
        ("guides", "0003_topics"),
        ("guides", "0004_editorial_workflow"),
        ("partners", "0003_taxonomy_values"),
        ("partners", "0005_registration_workflow"),
    ):
        for operation in graph.nodes[app_label, name].operations:
            if isinstance(operation, RunPython):
                operation.code(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database, with the data migrations' rows: with --reuse-db it is the
    database a previous run left, flushed by its last transactional test."""
    with django_db_blocker.unblock():
        restore_migration_data()


@pytest.fixture
def migration_data(db):
    restore_migration_data()


def _is_transactional(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _migration_rows_in_transactional_tests(request):
    """A transactional test starts from tables that the previous one flushed: put the rows of
    the data migrations back first, so that no test depends on the order it runs in."""
    if _is_transactional(request):
        request.getfixturevalue("transactional_db")
        restore_migration_data()


@pytest.fixture
def admin_client(db, admin_user):
    """pytest-django's admin_client, signed in the way a superuser must: with the second factor."""
    from tests.support.otp import verified_client

    return verified_client(admin_user)
