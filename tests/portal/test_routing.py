"""Cached page routes (portal/routing.py) never outlive the page tree they were found in."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import PageViewRestriction

from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(site_tree):
    return ContentPageFactory(parent=site_tree["home"], title="Over ons", slug="over-ons")


def test_routes_are_served_from_the_cache(client, about):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        assert client.get("/over-ons/").status_code == 200
    # The first request looks the page up by its slug; the next one takes the route cached.
    assert any("slug" in q["sql"] and "over-ons" in q["sql"] for q in first)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/over-ons/").status_code == 200
    assert not any("slug" in q["sql"] and "'over-ons'" in q["sql"] for q in queries)


def test_an_unpublished_page_is_gone_on_the_next_request(client, about):
    assert client.get("/over-ons/").status_code == 200
    about.unpublish()
    assert client.get("/over-ons/").status_code == 404


def test_a_renamed_page_moves_with_its_url(client, about):
    assert client.get("/over-ons/").status_code == 200
    about.slug = "wie-we-zijn"
    about.save_revision().publish()
    assert client.get("/over-ons/").status_code == 404
    assert client.get("/wie-we-zijn/").status_code == 200


def test_view_restrictions_still_apply_to_a_cached_route(client, about):
    assert client.get("/over-ons/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Alleen intern")])
    response = client.get("/over-ons/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"] or "login" in response["Location"]


def test_logged_in_editors_are_routed_afresh(admin_client, about):
    assert admin_client.get("/over-ons/").status_code == 200
    about.unpublish()
    assert admin_client.get("/over-ons/").status_code == 404


def test_with_redis_pages_of_a_site_without_restrictions_skip_wagtails_queries(
    client, about, redis_cache, django_assert_num_queries
):
    assert client.get("/over-ons/").status_code == 200
    with django_assert_num_queries(0):
        assert list(about.get_view_restrictions()) == []

    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/over-ons/").status_code == 302


def test_with_a_per_process_cache_restrictions_are_read_on_every_view(client, about):
    assert client.get("/over-ons/").status_code == 200
    # As if another process (a second worker, a management command) added it: no signal here,
    # so this process's cache knows nothing of it, and yet it applies at once.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=about, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert client.get("/over-ons/").status_code == 302


def test_a_restriction_on_a_parent_applies_to_the_pages_below_it(client, site_tree):
    parent = ContentPageFactory(parent=site_tree["home"], title="Intern", slug="intern")
    child = ContentPageFactory(parent=parent, title="Verslag", slug="verslag")
    assert client.get("/intern/verslag/").status_code == 200

    restriction = PageViewRestriction.objects.create(
        page=parent, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert list(child.get_view_restrictions()) == [restriction]
    response = client.get("/intern/verslag/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wachtwoord nodig" in html
    assert 'name="password"' in html
    assert "Een korte inleiding." not in html  # the page's own text stays hidden

    action = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, child.pk])
    assert f'action="{action}"' in html
    wrong = client.post(
        action,
        {"password": "fout", "return_url": "/intern/verslag/"},
    )
    assert "Wachtwoord nodig" in wrong.content.decode()
    right = client.post(
        action,
        {"password": "geheim", "return_url": "/intern/verslag/"},
    )
    assert right.status_code == 302
    assert "Een korte inleiding." in client.get("/intern/verslag/").content.decode()


def test_an_alias_of_a_restricted_page_is_restricted_too(client, site_tree, about):
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/over-ons/").status_code == 302

    alias = about.create_alias(parent=site_tree["home"], update_slug="over-ons-kopie")

    assert alias.alias_of_id == about.pk
    response = client.get("/over-ons-kopie/")
    assert response.status_code == 302
    assert "login" in response["Location"]
