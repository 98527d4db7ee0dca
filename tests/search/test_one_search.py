"""The site search reads each group's hits at once: the page is the same however many it reads.

Each search reads its first HITS_AT_ONCE hits and counts them in Python when there are fewer;
the page groups' first results come from their one search; the pages the results show are read
in one query; the glossary's definition comes from the terms found. With fewer hits read at once
the search counts, previews and paginates the way it did before (a count or a facet, a search
per group): both ways must show the visitor the same page.
"""

import re

import pytest

from wagtail.models import Page, PageViewRestriction

from guides.models import Term
from guides.search import definition_for
from search import views
from search.models import view_restrictions_of
from tests.factories import ContentPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.guides.factories import (
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    TermFactory,
    text,
)
from tests.partners.factories import published_partner

URLS = [
    "?q=mentor",
    "?q=mentor&soort=gidsen",
    "?q=mentor&soort=nieuws",
    "?q=mentor&soort=nieuws&pagina=2",
    "?q=mentor&soort=begrippen",
    "?q=mentor&soort=partners",
    "?q=mentor&soort=paginas",
    "?q=mentor+geheim",
    "?q=bestaatniet",
]


@pytest.fixture
def content(site_tree):
    home = site_tree["home"]
    news = NewsIndexPageFactory(parent=home)
    for n in range(12):
        NewsPageFactory(parent=news, title=f"De mentor in de kijker {n}", intro="Over mentoren.")
    ContentPageFactory(parent=home, title="Over het portaal", intro="Wie de mentor helpt.")
    guide = GuidePageFactory(
        parent=site_tree["guides"], title="Gids voor scholen", slug="gids-voor-scholen"
    )
    for n in range(5):
        GuideChapterPageFactory(
            parent=guide,
            title=f"De mentor, deel {n}",
            intro="Wie begeleidt de leerling?",
            body=[text("<p>De mentor volgt de leerling op tijdens de stage.</p>")],
        )
    secret = GuidePageFactory(parent=site_tree["guides"], title="Interne gids", slug="intern")
    GuideChapterPageFactory(parent=secret, title="Geheime mentor", intro="De mentor, geheim.")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    GlossaryPageFactory(parent=site_tree["guides"])
    TermFactory(term="mentor", definition="Begeleidt de leerling op de werkplek.")
    TermFactory(term="Mentoraat", definition="Wat een mentor doet.")
    for n in range(3):
        published_partner(
            name=f"Mentorhuis {n} (fictief)",
            postcode="8400",
            municipality="Oostende",
            description="<p>Elke mentor in de bouw krijgt hier een opleiding.</p>",
        )
    return site_tree


def page_of(client, url):
    response = client.get("/zoeken/" + url)
    assert response.status_code == 200
    return re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("at_once", [1, 2, 4])
def test_the_same_page_however_many_hits_a_search_reads_at_once(
    client, content, monkeypatch, at_once
):
    expected = {url: page_of(client, url) for url in URLS}
    overview = expected["?q=mentor"]
    assert 'Nieuws <span class="tabs__count">12</span>' in overview
    assert 'Gidsen en hoofdstukken <span class="tabs__count">5</span>' in overview
    assert 'Partners <span class="tabs__count">3</span>' in overview
    assert 'class="definition"' in overview
    assert "Gids voor scholen" in overview  # a chapter's guide
    assert "De mentor in de kijker 0" in expected["?q=mentor&soort=nieuws&pagina=2"]

    monkeypatch.setattr(views, "HITS_AT_ONCE", at_once)
    assert {url: page_of(client, url) for url in URLS} == expected


@pytest.mark.django_db
@pytest.mark.parametrize("at_once", [1, 50])
def test_pages_behind_a_view_restriction_are_neither_shown_nor_counted(
    client, content, monkeypatch, at_once
):
    monkeypatch.setattr(views, "HITS_AT_ONCE", at_once)
    for url in URLS:
        assert "Geheime mentor" not in page_of(client, url), url
    response = client.get("/zoeken/", {"q": "mentor", "soort": "gidsen"})
    counts = {group["key"]: group["count"] for group in response.context["groups"]}
    assert counts["gidsen"] == len(response.context["results"]) == 5


@pytest.mark.django_db
def test_the_search_page_checks_the_restrictions_wagtail_checks(site_tree):
    """One query instead of Wagtail's two, the same restrictions: aliases use their original's."""
    home = site_tree["home"]
    guide = GuidePageFactory(parent=site_tree["guides"], slug="gids")
    GuideChapterPageFactory(parent=guide, slug="hoofdstuk")
    PageViewRestriction.objects.create(page=guide, restriction_type=PageViewRestriction.LOGIN)
    alias = guide.create_alias(parent=home, update_slug="kopie", recursive=True)
    alias.create_alias(parent=home, update_slug="kopie-van-kopie", recursive=True)
    PageViewRestriction.objects.create(
        page=site_tree["search"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    pages = list(Page.objects.all())
    assert any(page.alias_of_id for page in pages)
    for page in pages:
        assert set(view_restrictions_of(page)) == set(Page.get_view_restrictions(page)), (
            page.url_path
        )


@pytest.mark.django_db
def test_a_search_page_behind_a_password_asks_for_it(client, site_tree):
    PageViewRestriction.objects.create(
        page=site_tree["search"], restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    response = client.get("/zoeken/", {"q": "mentor"})
    assert 'name="password"' in response.content.decode()
    assert "results" not in (response.context or {})


@pytest.mark.django_db
def test_a_search_page_under_a_login_restriction_sends_to_the_login(client, site_tree):
    PageViewRestriction.objects.create(
        page=site_tree["home"], restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/zoeken/", {"q": "mentor"})
    assert response.status_code == 302
    assert "next=/zoeken/" in response["Location"]


@pytest.mark.django_db
def test_a_definition_found_among_the_terms_is_the_one_the_glossary_gives(site_tree):
    glossary = GlossaryPageFactory(parent=site_tree["guides"])
    TermFactory(term="Mentor", definition="Begeleidt de leerling.")
    TermFactory(term="Deeltijds beroepssecundair onderwijs", abbreviation="DBSO")
    TermFactory(term="Straße", definition="Een straat.")
    terms = list(Term.objects.all())
    for query in ["mentor", "MENTOR", "dbso", "Straße", "strasse", "ment", "onbekend"]:
        expected = definition_for(query)
        assert definition_for(query, terms, glossary) == expected, query
        assert definition_for(query, [], glossary) == expected, query
    dbso = Term.objects.get(abbreviation="DBSO")
    assert definition_for("dbso", terms, glossary)["url"] == f"{glossary.url}#{dbso.slug}"
