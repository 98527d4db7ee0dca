"""A chapter's content and the home page's are kept as fragments (portal.core.fragments) in the
real Redis cache: what a reader sees changes at once when the chapter, a sibling, a partner, a
term, a restriction or a setting changes, and editors never see or fill a visitor's fragment."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from portal.core.models import NavigationSettings
from tests.guides.factories import GuideChapterPageFactory, TermFactory, heading, publish, text

pytestmark = pytest.mark.django_db

PARTNERS = {
    "type": "partners",
    "value": {"title": "Bedrijven met leerlingenstages", "kind": "leerlingenstage", "limit": 3},
}


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, page):
    with CaptureQueriesContext(connection) as queries:
        html_of(client, page)
    return len(queries)


@pytest.fixture
def chapter(guide_tree, redis_cache):
    page = guide_tree["chapters"][0]
    page.body = [heading("Afspraken"), text("<p>De eerste versie.</p>"), PARTNERS]
    return publish(page)


def test_a_published_chapter_shows_its_new_text_at_once(client, chapter):
    first = queries_of(client, chapter)
    assert "De eerste versie." in html_of(client, chapter)
    # The second view reads the content from its fragment: the page's own queries only.
    assert queries_of(client, chapter) < first - 5

    chapter.body = [heading("Afspraken"), text("<p>De tweede versie.</p>"), PARTNERS]
    publish(chapter)
    html = html_of(client, chapter)
    assert "De tweede versie." in html
    assert "De eerste versie." not in html


def test_a_sibling_published_or_unpublished_shows_in_the_chapter_list_at_once(
    client, chapter, guide_tree
):
    assert "Stage evalueren" not in html_of(client, chapter)
    new = GuideChapterPageFactory(parent=guide_tree["guide"], title="Stage evalueren", live=False)
    publish(new)
    assert "Stage evalueren" in html_of(client, chapter)
    new.unpublish()
    assert "Stage evalueren" not in html_of(client, chapter)


def test_an_approved_or_withdrawn_partner_appears_in_and_leaves_the_teaser_at_once(client, chapter):
    from partners.registration.services import withdraw_listing
    from tests.partners.factories import PartnerFactory, published_partner

    assert "Bedrijven met leerlingenstages" not in html_of(client, chapter)  # none yet
    partner = published_partner(name="Bakkerij De Korrel (fictief)", kinds=["leerlingenstage"])
    assert "Bakkerij De Korrel (fictief)" in html_of(client, chapter)

    # Approved after a moderator's review: published through a revision.
    draft = PartnerFactory(name="Garage Snel (fictief)", kinds=["leerlingenstage"])
    assert "Garage Snel" not in html_of(client, chapter)
    draft.save_revision().publish()
    assert "Garage Snel (fictief)" in html_of(client, chapter)

    # Updated: the new name at once.
    partner.name = "Bakkerij De Volle Korrel (fictief)"
    partner.save_revision().publish()
    html = html_of(client, chapter)
    assert "Bakkerij De Volle Korrel (fictief)" in html

    withdraw_listing(partner)
    html = html_of(client, chapter)
    assert "De Volle Korrel" not in html
    assert "Garage Snel (fictief)" in html


def test_a_new_term_is_linked_at_once(client, chapter):
    assert "term__link" not in html_of(client, chapter)
    TermFactory(term="versie", definition="Een uitgave van een tekst.")
    assert 'class="term__link"' in html_of(client, chapter)


def test_a_restricted_sibling_leaves_the_chapter_list_and_the_chapter_is_not_served(
    client, chapter, guide_tree
):
    sibling = guide_tree["chapters"][1]
    assert sibling.title in html_of(client, chapter)
    restriction = PageViewRestriction.objects.create(
        page=sibling,
        restriction_type=PageViewRestriction.PASSWORD,
        password="geheim",  # noqa: S106
    )
    assert sibling.title not in html_of(client, chapter)
    # The restricted chapter itself: Wagtail's password form, never its fragment.
    response = client.get(sibling.url)
    assert "password" in response.content.decode().lower()
    assert "chapter__body" not in response.content.decode()
    restriction.delete()
    assert sibling.title in html_of(client, chapter)


def test_editors_never_get_nor_fill_a_visitors_fragment(client, chapter, django_user_model):
    # No partner offers the kind: visitors see no block, editors are told why.
    notice = "nog geen gepubliceerde partners"
    editor = django_user_model.objects.create_user("redacteur", password="x")
    editor_client = type(client)()
    editor_client.force_login(editor)

    assert notice in html_of(editor_client, chapter)  # the editor first: fills nothing
    assert notice not in html_of(client, chapter)
    assert notice in html_of(editor_client, chapter)  # and does not read the visitor's
    assert notice not in html_of(client, chapter)


def test_the_english_interface_gets_its_own_fragment(client, chapter):
    dutch = html_of(client, chapter)
    client.cookies["wpp_language"] = "en"
    english = html_of(client, chapter)
    assert "hoofdstuk 1 van 3" in dutch
    assert "chapter 1 of 3" in english


def test_a_menu_change_shows_on_the_next_request(client, chapter, site_tree):
    html_of(client, site_tree["home"])
    html_of(client, chapter)
    navigation = NavigationSettings.for_site(site_tree["home"].get_site())
    navigation.primary_links = [
        {"type": "link", "value": {"page": None, "url": "https://example.org/", "text": "Elders"}}
    ]
    navigation.save()
    assert ">Elders</a>" in html_of(client, chapter)
    assert ">Elders</a>" in html_of(client, site_tree["home"])
