"""Guides, chapters and glossary terms in the site search; a glossary term answers first."""

import pytest

from tests.guides.factories import (
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    TermFactory,
    heading,
    text,
)


@pytest.fixture
def guides(site_tree):
    guide = GuidePageFactory(
        parent=site_tree["guides"], title="Gids voor scholen", slug="gids-voor-scholen"
    )
    chapter = GuideChapterPageFactory(
        parent=guide,
        title="De rol van de mentor",
        intro="Wie begeleidt de leerling?",
        body=[heading("Taken"), text("<p>De mentor volgt de leerling op tijdens de stage.</p>")],
    )
    GlossaryPageFactory(parent=site_tree["guides"])
    term = TermFactory(
        term="Deeltijds beroepssecundair onderwijs",
        abbreviation="DBSO",
        definition="Een vorm van secundair onderwijs waarin leerlingen leren en werken combineren.",
    )
    return {"guide": guide, "chapter": chapter, "term": term}


@pytest.mark.django_db
def test_chapters_are_found_with_their_guide_and_passage(client, guides):
    response = client.get("/zoeken/", {"q": "mentor", "soort": "gidsen"})
    results = response.context["results"]
    chapter = next(r for r in results if r["title"] == "De rol van de mentor")
    assert chapter["url"] == guides["chapter"].url
    assert chapter["meta"] == "Gids voor scholen"
    assert "<mark>mentor</mark>" in chapter["excerpt"]


@pytest.mark.django_db
def test_a_glossary_abbreviation_shows_its_definition_above_the_results(client, guides):
    html = client.get("/zoeken/", {"q": "dbso"}).content.decode()
    assert 'class="definition"' in html
    assert "Deeltijds beroepssecundair onderwijs" in html
    assert "leren en werken combineren" in html
    assert html.index('class="definition"') < html.index('class="tabs"')
    assert f'href="{guides["term"].get_url()}"' in html


@pytest.mark.django_db
def test_terms_form_their_own_group(client, guides):
    response = client.get("/zoeken/", {"q": "secundair"})
    groups = {group["key"]: group["count"] for group in response.context["groups"]}
    assert groups["begrippen"] == 1
    assert response.context["definition"] is None  # not the whole term


@pytest.mark.django_db
def test_groups_are_in_the_order_of_the_issue(client, guides):
    labels = [str(group["label"]) for group in client.get("/zoeken/", {"q": "x"}).context["groups"]]
    assert labels[:4] == ["Gidsen en hoofdstukken", "Begrippen", "Nieuws", "Partners"]
