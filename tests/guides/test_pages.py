"""The guide page types: where they may be created, and what a reader sees on them."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from guides.models import (
    GlossaryPage,
    GuideChapterPage,
    GuideIndexPage,
    GuidePage,
    TemplatesPage,
)
from portal.core.models import ContentPage, HomePage
from tests.guides.factories import (
    GuideChapterPageFactory,
    GuidePageFactory,
    heading,
    publish,
    text,
    topic,
)


class TestTreeRules:
    def test_allowed_parents(self):
        assert GuideIndexPage.allowed_parent_page_models() == [HomePage]
        assert GuidePage.allowed_parent_page_models() == [GuideIndexPage]
        assert GuideChapterPage.allowed_parent_page_models() == [GuidePage]
        assert GlossaryPage.allowed_parent_page_models() == [GuideIndexPage]

    def test_allowed_children(self):
        assert set(GuideIndexPage.allowed_subpage_models()) == {
            GuidePage,
            GlossaryPage,
            TemplatesPage,
        }
        assert GuidePage.allowed_subpage_models() == [GuideChapterPage]
        assert GuideChapterPage.allowed_subpage_models() == []
        assert GlossaryPage.allowed_subpage_models() == []

    @pytest.mark.django_db
    def test_can_create_only_under_the_right_parent(self, guide_tree):
        home, index = guide_tree["home"], guide_tree["guides"]
        guide, chapter = guide_tree["guide"], guide_tree["chapters"][0]
        assert GuidePage.can_create_at(index)
        assert not GuidePage.can_create_at(home)
        assert GuideChapterPage.can_create_at(guide)
        assert not GuideChapterPage.can_create_at(index)
        assert not GuideChapterPage.can_create_at(chapter)
        # One glossary and one guides section per site.
        assert not GlossaryPage.can_create_at(index)
        assert not GuideIndexPage.can_create_at(home)
        assert not ContentPage.can_create_at(guide)


@pytest.mark.django_db
def test_guide_index_lists_guides_with_their_audience(client, guide_tree):
    GuidePageFactory(parent=guide_tree["guides"], title="Gids voor bedrijven", for_companies=True)
    html = client.get(guide_tree["guides"].url).content.decode()
    assert '<p class="badge badge--school">Voor scholen</p>' in html
    assert '<p class="badge badge--company">Voor bedrijven</p>' in html
    assert "Woordenlijst" in html


@pytest.mark.django_db
def test_guide_page_shows_its_chapters_in_order(client, guide_tree):
    guide = guide_tree["guide"]
    guide.last_reviewed = datetime.date(2026, 3, 5)
    publish(guide)
    response = client.get(guide.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert '<nav class="guide-toc" aria-labelledby="hoofdstukken">' in html
    titles = ["Wat is werkplekleren?", "Kwaliteit", "Het wettelijk kader"]
    positions = [html.index(f">{title}</a>") for title in titles]
    assert positions == sorted(positions)
    assert 'Laatst nagekeken op <time datetime="2026-03-05">5 maart 2026</time>' in html
    assert "Eigenaar: Redactie Werkplekportaal" in html
    assert '<span class="badge badge--school">Voor scholen</span>' in html
    assert 'href="/gidsen/scholen/pdf/"' in html
    assert 'href="/gidsen/scholen/afdrukken/"' in html
    assert 'href="/gidsen/scholen/wat-is-werkplekleren/">Begin met lezen' in html


@pytest.mark.django_db
def test_unpublished_chapters_are_not_listed(client, guide_tree):
    chapter = guide_tree["chapters"][1]
    chapter.unpublish()
    html = client.get(guide_tree["guide"].url).content.decode()
    assert ">Kwaliteit</a>" not in html
    assert client.get(chapter.url).status_code == 404


@pytest.mark.django_db
class TestChapterPage:
    def test_contents_list_from_heading_blocks_and_rich_text(self, client, guide_tree):
        chapter = guide_tree["chapters"][1]
        chapter.body = [
            heading("Voorwaarden"),
            text("<h2>Voorwaarden</h2><p>Tekst.</p><h3>Voor de school</h3><p>Meer.</p>"),
            heading("Valkuilen", level=3),
        ]
        publish(chapter)
        html = client.get(chapter.url).content.decode()
        assert '<nav class="toc" aria-label="Inhoud van dit hoofdstuk">' in html
        # Unique anchors, also for two headings with the same text.
        assert '<h2 id="voorwaarden">Voorwaarden</h2>' in html
        assert '<h2 id="voorwaarden-2">Voorwaarden</h2>' in html
        assert '<h3 id="voor-de-school">Voor de school</h3>' in html
        toc = html[html.index('class="toc"') : html.index("</nav>", html.index('class="toc"'))]
        assert [line.split('"')[1] for line in toc.split("href=")[1:]] == [
            "#voorwaarden",
            "#voorwaarden-2",
            "#voor-de-school",
            "#valkuilen",
        ]
        assert 'toc__item--h3"><a href="#valkuilen">Valkuilen</a>' in html

    def test_previous_and_next_chapter_and_position(self, client, guide_tree):
        first, middle, last = guide_tree["chapters"]
        html = client.get(middle.url).content.decode()
        assert "hoofdstuk 2 van 3" in html
        assert f'href="{first.url}" rel="prev"' in html
        assert f'href="{last.url}" rel="next"' in html
        assert f'<a href="{middle.url}" aria-current="page">' in html
        first_html = client.get(first.url).content.decode()
        assert 'rel="prev"' not in first_html
        last_html = client.get(last.url).content.decode()
        assert 'rel="next"' not in last_html

    def test_reading_time_review_date_audience_and_breadcrumbs(self, client, guide_tree):
        chapter = guide_tree["chapters"][0]
        chapter.body = [text("<p>" + "woord " * 950 + "</p>")]
        publish(chapter)
        html = client.get(chapter.url).content.decode()
        assert chapter.reading_minutes == 5
        assert "Leestijd: 5 minuten" in html
        assert "Laatst nagekeken op <time" in html
        assert '<span class="badge badge--school">Voor scholen</span>' in html
        assert 'aria-label="Kruimelpad"' in html
        assert '<a href="/gidsen/scholen/">Gids voor scholen</a>' in html
        assert html.count("<h1") == 1

    def test_related_chapters_share_topics(self, client, guide_tree):
        first, second, third = guide_tree["chapters"]
        other_guide = GuidePageFactory(parent=guide_tree["guides"], title="Gids voor bedrijven")
        elsewhere = GuideChapterPageFactory(
            parent=other_guide, title="Een goede mentor zijn", topics=["mentoring", "stage"]
        )
        for chapter, topics in [(first, ["mentoring", "stage"]), (second, ["stage"]), (third, [])]:
            chapter.topics.set([topic(slug) for slug in topics])
            publish(chapter)
        html = client.get(first.url).content.decode()
        start = html.index('aria-labelledby="verwant"')
        related = html[start : html.index("</section>", start)]
        assert related.index("Een goede mentor zijn") < related.index("Kwaliteit")
        assert "(Gids voor bedrijven)" in related
        assert "Het wettelijk kader" not in related
        assert '<a class="badge badge--link" href="/gidsen/onderwerp/mentoring/">Mentoring' in html
        assert elsewhere.pk

    def test_a_topic_badge_leads_to_the_chapters_with_that_topic(self, client, guide_tree):
        first, second, third = guide_tree["chapters"]
        other_guide = GuidePageFactory(parent=guide_tree["guides"], title="Gids voor bedrijven")
        GuideChapterPageFactory(
            parent=other_guide, title="Een goede mentor zijn", topics=["mentoring"]
        )
        for chapter, topics in [(first, ["mentoring"]), (second, ["stage"]), (third, [])]:
            chapter.topics.set([topic(slug) for slug in topics])
            publish(chapter)
        third.unpublish()
        html = client.get(first.url).content.decode()
        href = re.search(r'<a class="badge badge--link" href="([^"]+)">Mentoring', html).group(1)
        listing = client.get(href)
        assert listing.status_code == 200
        text = listing.content.decode()
        assert "<h1>Mentoring</h1>" in text
        assert "2 hoofdstukken over dit onderwerp" in text
        assert f'<a href="{first.url}">Wat is werkplekleren?</a> ' in text
        assert (
            'Een goede mentor zijn</a> <span class="related__guide">(Gids voor bedrijven)' in text
        )
        assert "Kwaliteit" not in text and "Het wettelijk kader" not in text
        assert client.get("/gidsen/onderwerp/bestaat-niet/").status_code == 404

    def test_preview_renders_the_draft(self, admin_client, guide_tree):
        chapter = guide_tree["chapters"][0]
        chapter.body = [
            text("<p>Een nieuwe alinea in het concept.</p>"),
            {"type": "partners", "value": {"title": "P", "kind": "gastles", "limit": 3}},
        ]
        revision = chapter.save_revision()
        from django.urls import reverse

        url = reverse("wagtailadmin_pages:revisions_view", args=[chapter.pk, revision.pk])
        html = admin_client.get(url).content.decode()
        assert "Een nieuwe alinea in het concept." in html
        # The editor is told why the partners block is empty; visitors never see it.
        assert "nog geen gepubliceerde partners" in html
        assert "Een nieuwe alinea" not in admin_client.get(chapter.url).content.decode()


def chapter_body():
    return [
        heading("Een deel"),
        text("<p>Een mentor en een stage.</p><h3>Onderdeel</h3>"),
        {"type": "checklist", "value": {"title": "Lijst", "items": ["a", "b"]}},
        {
            "type": "faq",
            "value": {"title": "Vragen", "items": [{"question": "V?", "answer": "<p>A.</p>"}]},
        },
    ]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_number_of_chapters(
    client, site_tree, django_assert_max_num_queries
):
    from tests.guides.factories import GlossaryPageFactory, TermFactory

    GlossaryPageFactory(parent=site_tree["guides"])
    TermFactory(term="mentor")
    small = GuidePageFactory(parent=site_tree["guides"], slug="klein")
    large = GuidePageFactory(parent=site_tree["guides"], slug="groot")
    small_chapters = [
        publish(GuideChapterPageFactory(parent=small, body=chapter_body(), topics=["stage"]))
        for _ in range(2)
    ]
    large_chapters = [
        publish(GuideChapterPageFactory(parent=large, body=chapter_body(), topics=["stage"]))
        for _ in range(9)
    ]
    for page in (small, large):
        client.get(page.url)  # warm the site root cache
    assert count_queries(client, small.url) == count_queries(client, large.url)
    # 17: since issue 16 the guide also links the "Sjablonen en checklists" page (one lookup).
    with django_assert_max_num_queries(15):
        client.get(large.url)

    # A chapter: first view (rendering, then cached) and later views. The first chapter view of
    # all fills the glossary cache; it is left out.
    client.get(large_chapters[0].url)
    first_small = count_queries(client, small_chapters[1].url)
    first_large = count_queries(client, large_chapters[4].url)
    assert first_small == first_large
    assert count_queries(client, small_chapters[1].url) == count_queries(
        client, large_chapters[4].url
    )
    # 25: since issue 16 a chapter also links the "Sjablonen en checklists" page (one lookup).
    with django_assert_max_num_queries(15):
        client.get(large_chapters[4].url)


@pytest.mark.django_db
def test_page_types_are_searchable(site_tree):
    from django.core.management import call_command

    guide = GuidePageFactory(parent=site_tree["guides"], title="Gids voor scholen")
    publish(
        GuideChapterPageFactory(
            parent=guide,
            title="Evalueren",
            body=[text("<p>Een evaluatieformulier voor de mentor.</p>")],
        )
    )
    call_command("update_index", verbosity=0)
    results = Page.objects.live().search("evaluatieformulier")
    assert [page.title for page in results] == ["Evalueren"]


@pytest.mark.django_db
def test_the_chapter_list_shows_a_new_chapter_on_the_next_request(client, guide_tree):
    """A chapter's guide navigation shows a chapter once it is published, not as a draft."""
    chapter = guide_tree["chapters"][0]
    assert "Stage evalueren" not in client.get(chapter.url).content.decode()
    new = GuideChapterPageFactory(parent=guide_tree["guide"], title="Stage evalueren", live=False)
    assert "Stage evalueren" not in client.get(chapter.url).content.decode()  # a draft
    publish(new)
    assert "Stage evalueren" in client.get(chapter.url).content.decode()
