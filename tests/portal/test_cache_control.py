"""Cache-Control decides what the edge cache may keep (portal.middleware.CacheControlMiddleware).

Public pages are `public, s-maxage=...`; anything that depends on who asks is `private,
no-store`. Through Varnish itself: tests/edge/.
"""

import pytest

from django.contrib.auth import get_user_model

from wagtail.models import PageViewRestriction

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(site_tree):
    return ContentPageFactory(parent=site_tree["home"], title="Over ons", slug="over-ons")


def is_private(response):
    value = response["Cache-Control"]
    return "private" in value and "no-store" in value and "public" not in value


def test_an_anonymous_page_view_may_be_kept_at_the_edge(client, about, settings):
    response = client.get("/over-ons/")
    assert response.status_code == 200
    value = response["Cache-Control"]
    assert "public" in value
    assert f"s-maxage={settings.EDGE_CACHE_SECONDS}" in value
    assert "Cookie" in response["Vary"]
    assert not response.cookies


def test_a_visitor_with_a_session_gets_a_private_copy(client, about):
    client.cookies["sessionid"] = "anything"
    assert is_private(client.get("/over-ons/"))


def test_an_editor_gets_a_private_copy(client, about):
    editor = get_user_model().objects.create_superuser("redacteur", "r@example.org", "pw")
    client.force_login(editor)
    assert is_private(client.get("/over-ons/"))
    assert is_private(client.get("/admin/"))


def test_a_page_with_a_form_is_private(client, site_tree):
    directory = site_tree["directory"]
    response = client.get(directory.url + "registreren/")
    assert response.status_code == 200
    assert is_private(response)


def test_a_password_protected_page_is_private(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get("/over-ons/")
    assert "geheim" not in response.content.decode()
    assert is_private(response)


def test_search_results_are_private(client, site_tree):
    assert is_private(client.get(site_tree["search"].url, {"q": "stage"}))


def test_a_post_is_never_public(client, about):
    assert "public" not in client.post("/over-ons/").get("Cache-Control", "")
