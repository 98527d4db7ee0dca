"""Anonymous page views are cached and purged when published content changes."""

import pytest

from django.contrib.auth import get_user_model

from wagtail.models import PageViewRestriction, Site

from portal.cache_backend import ResilientRedisCache
from portal.models import FooterSettings
from tests.factories import ContentPageFactory
from tests.support.otp import sign_in


@pytest.fixture
def caching(settings):
    settings.PAGE_CACHE_SECONDS = 300
    return settings


@pytest.fixture
def about(site_tree):
    return ContentPageFactory(
        parent=site_tree["home"], title="Over ons", slug="over-ons", intro="Versie 1"
    )


@pytest.mark.django_db
def test_second_view_comes_from_the_cache_with_cdn_headers(client, caching, about):
    first = client.get("/over-ons/")
    second = client.get("/over-ons/")
    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert "public" in second["Cache-Control"]
    assert "s-maxage=300" in second["Cache-Control"]


@pytest.mark.django_db
def test_publishing_a_change_shows_it_on_the_next_request(client, caching, about):
    assert "Versie 1" in client.get("/over-ons/").content.decode()
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    about.intro = "Versie 2"
    about.save_revision().publish()

    response = client.get("/over-ons/")
    assert response["X-Cache"] == "miss"
    assert "Versie 2" in response.content.decode()


@pytest.mark.django_db
def test_a_draft_does_not_purge_but_a_setting_does(client, caching, about):
    client.get("/over-ons/")
    about.intro = "Nog niet gepubliceerd"
    about.save_revision()
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.about_text = "<p>Nieuwe voettekst</p>"
    footer.save()
    response = client.get("/over-ons/")
    assert response["X-Cache"] == "miss"
    assert "Nieuwe voettekst" in response.content.decode()


@pytest.mark.django_db
def test_logged_in_editors_are_never_served_from_the_cache(client, caching, about):
    client.get("/over-ons/")
    editor = get_user_model().objects.create_user("redacteur", password="x", is_staff=True)
    sign_in(client, editor)
    response = client.get("/over-ons/")
    assert "X-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_admin_is_never_cached(admin_client, caching, about):
    assert "X-Cache" not in admin_client.get("/admin/")


@pytest.mark.django_db
def test_pages_are_served_when_the_cache_server_is_down(client, caching, about, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "portal.cache_backend.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    ResilientRedisCache.reset_backoff()
    try:
        for _ in range(2):
            response = client.get("/over-ons/")
            assert response.status_code == 200
            assert "Versie 1" in response.content.decode()
            assert response["X-Cache"] == "miss"
        health = client.get("/healthz").json()
        assert health["status"] == "degraded"
        assert health["cache"]["ok"] is False
    finally:
        ResilientRedisCache.reset_backoff()


@pytest.mark.django_db
def test_purge_through_redis_reaches_every_app_server(client, caching, about, redis_cache):
    from django.test import Client

    other_server = Client()  # another process would share nothing but Redis
    assert client.get("/over-ons/")["X-Cache"] == "miss"
    assert other_server.get("/over-ons/")["X-Cache"] == "hit"
    about.intro = "Versie 3"
    about.save_revision().publish()
    response = other_server.get("/over-ons/")
    assert response["X-Cache"] == "miss"
    assert "Versie 3" in response.content.decode()


@pytest.mark.django_db
def test_a_view_restriction_applies_at_once_to_a_cached_page(client, caching, about):
    client.get("/over-ons/")
    assert client.get("/over-ons/")["X-Cache"] == "hit"

    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/over-ons/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert "Versie 1" not in response.content.decode()


@pytest.mark.django_db
def test_redis_reads_share_one_client_and_survive_a_purge(client, caching, about, redis_cache):
    redis_cache.set("probe", 1)
    connection = redis_cache._cache
    assert connection.get_client() is connection.get_client()
    assert redis_cache.get_many(["probe", "missing"]) == {"probe": 1}

    assert client.get("/over-ons/")["X-Cache"] == "miss"
    about.intro = "Versie 4"
    about.save_revision().publish()
    assert "Versie 4" in client.get("/over-ons/").content.decode()
