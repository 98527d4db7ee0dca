"""The site search: grouped results, tabs, promotions, suggestions, query log."""

import datetime

import pytest

from wagtail import hooks
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page

from portal.core.models import NewsPage
from search.highlight import excerpt
from search.models import ZeroResultDailyHits
from tests.factories import ContentPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.partners.factories import PartnerFactory, published_partner


@pytest.fixture
def content(site_tree):
    home = site_tree["home"]
    news = NewsIndexPageFactory(parent=home)
    items = [
        NewsPageFactory(parent=news, title=f"De mentor in de kijker {n}", intro="Over mentoren.")
        for n in range(12)
    ]
    about = ContentPageFactory(parent=home, title="Over het portaal", intro="Wie de mentor helpt.")
    partner = published_partner(
        name="Mentorhuis Oostende (fictief)",
        postcode="8400",
        municipality="Oostende",
        description="<p>Wij leiden mentoren op: elke mentor in de bouw krijgt hier een opleiding.</p>",
    )
    return {**site_tree, "news": news, "items": items, "about": about, "partner": partner}


@pytest.mark.django_db
def test_results_are_grouped_with_counts_and_tabs(client, content):
    response = client.get("/zoeken/", {"q": "mentor"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Zoekresultaten voor “mentor”" in html
    groups = {group["key"]: group["count"] for group in response.context["groups"]}
    assert groups["nieuws"] == 12
    assert groups["partners"] == 1
    assert groups["paginas"] == 1
    assert response.context["total"] == 14
    # The overview shows a few per group and links to the group's tab.
    news_group = next(g for g in response.context["grouped"] if g["key"] == "nieuws")
    assert len(news_group["results"]) == 3
    assert "Toon alle 12 resultaten in nieuws" in html
    assert "Mentorhuis Oostende (fictief)" in html


@pytest.mark.django_db
def test_a_tab_is_paginated_and_keeps_the_query(client, content):
    first = client.get("/zoeken/", {"q": "mentor", "soort": "nieuws"})
    assert len(first.context["results"]) == 10
    html = first.content.decode()
    assert 'aria-current="page">Nieuws' in html
    assert "?q=mentor&amp;soort=nieuws&amp;pagina=2" in html
    second = client.get("/zoeken/", {"q": "mentor", "soort": "nieuws", "pagina": 2})
    assert len(second.context["results"]) == 2


@pytest.mark.django_db
def test_matching_passage_is_highlighted_and_escaped(client, content):
    html = client.get("/zoeken/", {"q": "mentoren", "soort": "partners"}).content.decode()
    assert "Wij leiden <mark>mentoren</mark> op: elke <mark>mentor</mark> in de bouw" in html


def test_excerpt_marks_dutch_word_forms_and_escapes():
    text = "Bedrijven bieden stages aan. <script>alert(1)</script> Elk bedrijf kiest een mentor."
    marked = excerpt(text, "bedrijf stage")
    assert "<mark>Bedrijven</mark>" in marked
    assert "<mark>stages</mark>" in marked
    assert "<mark>bedrijf</mark>" in marked
    assert "&lt;script&gt;" in marked
    assert "<script>" not in marked


@pytest.mark.django_db
def test_unpublished_pages_and_partners_are_never_found(client, content):
    draft = NewsPageFactory(parent=content["news"], title="Geheim mentorplan", live=False)
    PartnerFactory(name="Verborgen Mentorbedrijf (fictief)")  # a draft partner
    html = client.get("/zoeken/", {"q": "mentorplan"}).content.decode()
    assert "Geheim mentorplan" not in html
    assert draft.pk
    html = client.get("/zoeken/", {"q": "Verborgen"}).content.decode()
    assert "Verborgen Mentorbedrijf" not in html
    unpublished = content["items"][0]
    unpublished.unpublish()
    response = client.get("/zoeken/", {"q": "mentor", "soort": "nieuws"})
    assert response.context["results_page"].paginator.count == 11


@pytest.mark.django_db
def test_editors_promotions_come_first(client, content):
    promotion = SearchPromotion.objects.create(
        query=Query.get("mentor"),
        page=content["about"],
        description="Lees eerst dit.",
        sort_order=0,
    )
    html = client.get("/zoeken/", {"q": "Mentor"}).content.decode()
    assert promotion.description in html
    assert html.index("Lees eerst dit.") < html.index("Mentorhuis Oostende")


@pytest.mark.django_db
def test_searches_are_counted_once_and_zero_results_logged(client, content):
    client.get("/zoeken/", {"q": "mentor"})
    client.get("/zoeken/", {"q": "mentor", "soort": "nieuws"})  # a tab: same search
    client.get("/zoeken/", {"q": "mentor", "soort": "nieuws", "pagina": 2})
    client.get("/zoeken/", {"q": "kernfysica"})
    assert Query.get("mentor").hits == 1
    assert Query.get("kernfysica").hits == 1
    zero = ZeroResultDailyHits.objects.get()
    assert zero.query.query_string == "kernfysica"
    assert zero.hits == 1
    assert zero.date == datetime.date.today()


@pytest.mark.django_db
def test_no_results_page_helps(client, content):
    SearchPromotion.objects.create(query=Query.get("mentor"), page=content["about"], sort_order=0)
    response = client.get("/zoeken/", {"q": "kernfysica"})
    html = response.content.decode()
    assert "Niets gevonden" in html
    assert "Vaak gezocht" in html
    assert '<a class="badge" href="?q=mentor">mentor</a>' in html
    assert content["directory"].title in html  # browse the directory instead


@pytest.mark.django_db
def test_empty_query_shows_popular_searches_and_where_to_browse(client, content):
    SearchPromotion.objects.create(query=Query.get("stage"), page=content["about"], sort_order=0)
    html = client.get("/zoeken/").content.decode()
    assert "Vaak gezocht" in html
    assert '<a class="badge" href="?q=stage">stage</a>' in html
    assert "Blader zelf" in html
    assert "Zoekresultaten" not in html


@pytest.mark.django_db
def test_what_visitors_type_never_reaches_vaak_gezocht(client, content):
    """Only searches an editor promoted are shown; raw queries, however often typed, are not."""
    typed = ["jan.peeters@example.be", "Lotte Vermeulen", "werkplekleeren", "mentor"]
    for query in typed:
        for _repeat in range(5):
            client.get("/zoeken/", {"q": query})
    # A promotion whose page was unpublished no longer counts as curated.
    hidden = ContentPageFactory(parent=content["home"], title="Oud dossier")
    SearchPromotion.objects.create(query=Query.get("dossier"), page=hidden, sort_order=0)
    hidden.unpublish()
    SearchPromotion.objects.create(
        query=Query.get("stage"), external_link_url="https://www.vlaanderen.be/", sort_order=0
    )
    for page in (client.get("/zoeken/"), client.get("/zoeken/", {"q": "kernfysica"})):
        html = page.content.decode()
        section = html[html.index('id="popular-title"') :]
        assert '<a class="badge" href="?q=stage">stage</a>' in section
        for query in [*typed, "dossier"]:
            assert f">{query}</a>" not in section
    # Editors still see the full log in the admin report.
    assert Query.get("Lotte Vermeulen").hits == 5


@pytest.mark.django_db
def test_multiword_query_falls_back_to_any_word(client, content):
    response = client.get("/zoeken/", {"q": "mentorhuis kernfysica"})
    assert response.context["any_word"] is True
    assert response.context["total"] >= 1


@pytest.mark.django_db
def test_hostile_queries_are_harmless(client, content):
    for query in [
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\u202emoc.live",
        "x" * 5000,
        "\x00\x01",
    ]:
        response = client.get("/zoeken/", {"q": query})
        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_results_are_never_publicly_cached(client, content):
    first = client.get("/zoeken/", {"q": "mentor"})
    second = client.get("/zoeken/", {"q": "mentor"})
    assert "private" in first["Cache-Control"] and "private" in second["Cache-Control"]
    assert "no-store" in second["Cache-Control"]
    assert Query.get("mentor").hits == 2


@pytest.mark.django_db
def test_suggest_endpoint_returns_titles_and_partner_names(client, content):
    response = client.get("/zoeken/suggest/", {"q": "Mento"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["query"] == "Mento"
    titles = [s["title"] for s in data["suggestions"]]
    assert "Mentorhuis Oostende (fictief)" in titles
    assert any(t.startswith("De mentor in de kijker") for t in titles)
    assert len(titles) <= 8
    partner = next(s for s in data["suggestions"] if s["title"].startswith("Mentorhuis"))
    assert partner == {
        "title": "Mentorhuis Oostende (fictief)",
        "url": content["partner"].url,
        "kind": "Partners",
    }
    assert client.get("/zoeken/suggest/", {"q": "m"}).json()["suggestions"] == []


def news_of_every_kind_group(**extra):
    """A page group over Wagtail's Page (pages of named types), as an app could register it."""
    return {
        "key": "berichten",
        "label": "Berichten",
        "order": 99,
        "queryset": lambda: Page.objects.live().type(NewsPage).specific(),
        "present": lambda page: {"title": page.title, "url": page.url, "text": page.intro},
        **extra,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("named_types", [True, False], ids=["page-types", "own-count"])
def test_a_page_group_is_counted_and_paginated_with_or_without_its_page_types(
    client, content, named_types
):
    """With `page_types` a group is counted by the pages' facet; without, on its own: the same."""
    extra = {"page_types": (NewsPage,)} if named_types else {}
    with hooks.register_temporarily(
        "register_site_search_group", lambda: news_of_every_kind_group(**extra)
    ):
        overview = client.get("/zoeken/", {"q": "mentor"})
        groups = {group["key"]: group["count"] for group in overview.context["groups"]}
        assert groups["berichten"] == groups["nieuws"] == 12
        assert overview.context["total"] == 26
        tab = client.get("/zoeken/", {"q": "mentor", "soort": "berichten", "pagina": 2})
    assert [result["title"] for result in tab.context["results"]] == [
        result["title"]
        for result in client.get(
            "/zoeken/", {"q": "mentor", "soort": "nieuws", "pagina": 2}
        ).context["results"]
    ]
    assert len(tab.context["results"]) == 2
    assert 'Berichten <span class="tabs__count">12</span>' in tab.content.decode()
