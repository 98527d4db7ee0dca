"""Glossary terms: linked once per chapter where they first appear, never where a link cannot go."""

import pytest

from guides.glossary import Entry, Matcher, TermLinker
from guides.models import Term
from tests.guides.factories import TermFactory, heading, publish, text

ENTRIES = [
    Entry("mentor", "mentor", "", "Begeleidt de leerling op de werkplek."),
    Entry("stage", "stage", "", "Leren op een werkplek."),
    Entry("duaal leren", "duaal-leren", "", "School en werkplek gecombineerd."),
    Entry("beroepssecundair onderwijs", "bso", "BSO", "Beroepsgericht onderwijs."),
    Entry(
        "deeltijds beroepssecundair onderwijs",
        "dbso",
        "DBSO",
        "Deeltijds leren en werken.",
    ),
]


def link(*blocks, entries=ENTRIES):
    linker = TermLinker(Matcher(entries), "/gidsen/woordenlijst/")
    return [linker.link(html) for html in blocks], linker


def linked_slugs(html):
    return [part.split('"')[0] for part in html.split('href="/gidsen/woordenlijst/#')[1:]]


def test_only_the_first_occurrence_in_a_chapter_is_linked():
    (first, second), linker = link(
        "<p>De mentor helpt. Een goede mentor luistert.</p>", "<p>Elke mentor is anders.</p>"
    )
    assert linked_slugs(first) == ["mentor"]
    assert first.count('class="term__link"') == 1
    assert "Een goede mentor luistert." in first
    assert linked_slugs(second) == []
    assert linker.linked == ["mentor"]


def test_the_link_carries_its_definition_for_keyboard_and_screen_reader_users():
    (html,), _ = link("<p>Vraag het de mentor.</p>")
    assert (
        '<a class="term__link" href="/gidsen/woordenlijst/#mentor" '
        'aria-describedby="term-mentor">mentor</a>'
    ) in html
    assert (
        '<span class="term__tip" role="tooltip" id="term-mentor"><strong>mentor</strong>: '
        "Begeleidt de leerling op de werkplek.</span>"
    ) in html
    assert "title=" not in html


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="/elders/">de mentor</a></p>',
        "<h2>De mentor</h2>",
        "<h3>Een <em>mentor</em> kiezen</h3>",
        '<p><abbr title="x">mentor</abbr></p>',
        "<p><code>mentor</code></p>",
        "<details><summary>Wie is de mentor?</summary></details>",
    ],
)
def test_never_inside_links_headings_abbr_code_or_summary(html):
    (result,), linker = link(html)
    assert result == html
    assert linker.linked == []


def test_a_term_in_a_heading_is_linked_later_in_the_text():
    (result,), _ = link("<h2>De mentor</h2><p>Een mentor begeleidt.</p>")
    assert result.startswith('<h2>De mentor</h2><p>Een <span class="term">')


@pytest.mark.parametrize(
    "sentence",
    [
        "<p>De mentoren helpen.</p>",  # plural
        "<p>De mentors helpen.</p>",
        "<p>De stagementor helpt.</p>",  # compound
        "<p>De stagecoördinator plant.</p>",
        "<p>Een stage-ervaring.</p>",  # hyphenated compound
        "<p>Een stage's verloop.</p>",
    ],
)
def test_whole_words_only(sentence):
    (result,), linker = link(sentence)
    assert linker.linked == []
    assert result == sentence


def test_case_insensitive_for_terms_and_across_white_space():
    (result,), linker = link("<p>Over Duaal\n  leren en de MENTOR.</p>")
    assert linker.linked == ["duaal-leren", "mentor"]
    assert ">Duaal\n  leren</a>" in result
    assert ">MENTOR</a>" in result


def test_abbreviations_match_with_their_capitals_and_share_the_terms_link():
    (result,), linker = link("<p>In het bso, het BSO en het beroepssecundair onderwijs.</p>")
    assert linker.linked == ["bso"]
    assert "<abbr>BSO</abbr></a>" in result
    assert "het bso," in result
    assert "<strong>beroepssecundair onderwijs (BSO)</strong>" in result


def test_the_longest_term_wins_and_terms_are_never_matched_inside_other_terms():
    (result,), linker = link("<p>Het deeltijds beroepssecundair onderwijs en DBSO.</p>")
    assert linker.linked == ["dbso"]
    assert 'href="/gidsen/woordenlijst/#bso"' not in result


def test_text_is_escaped_and_markup_kept():
    html = '<p class="x">A &amp; B &lt;mentor&gt; <br> <img src="a.png" alt="mentor"></p>'
    (result,), _ = link(html)
    assert result.startswith('<p class="x">A &amp; B &lt;<span class="term">')
    assert '<img src="a.png" alt="mentor">' in result


def test_without_a_glossary_page_nothing_is_linked():
    linker = TermLinker(Matcher(ENTRIES), None)
    assert linker.link("<p>De mentor.</p>") == "<p>De mentor.</p>"


@pytest.mark.django_db
def test_chapter_page_links_terms_and_follows_glossary_changes(client, guide_tree):
    TermFactory(term="mentor", definition="Begeleidt de leerling op de werkplek.")
    chapter = guide_tree["chapters"][0]
    chapter.body = [
        heading("De mentor"),
        text('<p>Een mentor en <a href="/x">een mentor</a>.</p>'),
        text("<p>Nog een mentor en een stagiair.</p>"),
    ]
    publish(chapter)

    html = client.get(chapter.url).content.decode()
    assert html.count('class="term__link"') == 1
    assert '<h2 id="de-mentor">De mentor</h2>' in html
    assert "guides/js/glossary.js" in html

    # A new term shows up without republishing the chapter (the glossary version changed).
    TermFactory(term="stagiair", definition="Een leerling op stage.")
    html = client.get(chapter.url).content.decode()
    assert html.count('class="term__link"') == 2
    # The links say which chapter the reader comes from, for the glossary's way back.
    assert f'href="/gidsen/woordenlijst/?hoofdstuk={chapter.pk}#stagiair"' in html

    Term.objects.filter(term="mentor").delete()
    html = client.get(chapter.url).content.decode()
    assert "#mentor" not in html


@pytest.mark.django_db
def test_the_glossary_links_back_to_the_chapter_the_reader_came_from(client, guide_tree):
    TermFactory(term="mentor", definition="Begeleidt de leerling op de werkplek.")
    chapter = guide_tree["chapters"][0]
    chapter.body = [text("<p>Vraag het de mentor.</p>")]
    publish(chapter)
    html = client.get(chapter.url).content.decode()
    href = html.split('<a class="term__link" href="')[1].split('"')[0]
    glossary = client.get(href.replace("&amp;", "&")).content.decode()
    assert (
        f'<p class="glossary__back"><a href="{chapter.url}"><span aria-hidden="true">← </span>'
        "Terug naar Wat is werkplekleren?</a></p>"
    ) in glossary
    # Only the id of a live chapter is taken: no link from anything else.
    glossary_url = guide_tree["glossary"].url
    chapter.unpublish()
    for value in [str(chapter.pk), "https://elders.example/", "1e3", "-1", "9" * 30, ""]:
        page = client.get(glossary_url, {"hoofdstuk": value})
        assert page.status_code == 200
        assert "glossary__back" not in page.content.decode()
    page = client.get(glossary_url, HTTP_REFERER="https://elders.example/")
    assert "glossary__back" not in page.content.decode()


@pytest.mark.django_db
def test_each_term_links_to_the_chapters_that_use_it(client, guide_tree):
    TermFactory(term="mentor", definition="Begeleidt de leerling op de werkplek.")
    TermFactory(term="stage", definition="Leren op een werkplek.")
    first, second, third = guide_tree["chapters"]
    first.body = [text("<p>De Mentor helpt.</p>")]
    second.body = [text("<p>Een stage met een mentor.</p>")]
    third.body = [text("<p>Over de mentoren.</p>")]  # not the term: a plural is another word
    for chapter in (first, second, third):
        publish(chapter)
    html = client.get(guide_tree["glossary"].url).content.decode()
    mentor = html[
        html.index('<dt id="mentor">') : html.index("</dd>", html.index('<dt id="mentor">'))
    ]
    assert (
        f'Gebruikt in: <a href="{first.url}">Wat is werkplekleren?</a> '
        '<span class="glossary__guide">(Gids voor scholen)</span>, '
        f'<a href="{second.url}">Kwaliteit</a>'
    ) in mentor
    assert "Het wettelijk kader" not in mentor
    stage = html[html.index('<dt id="stage">') : html.index("</dd>", html.index('<dt id="stage">'))]
    assert f'<a href="{second.url}">Kwaliteit</a>' in stage
    assert "Wat is werkplekleren?" not in stage
    # A chapter taken offline is no longer listed.
    first.unpublish()
    html = client.get(guide_tree["glossary"].url).content.decode()
    assert f'href="{first.url}"' not in html


@pytest.mark.django_db
def test_glossary_page_lists_terms_from_a_to_z(client, guide_tree):
    mentor = TermFactory(term="mentor", definition="Begeleidt de leerling.")
    TermFactory(
        term="algemeen secundair onderwijs",
        abbreviation="ASO",
        definition="Doorstroomgericht onderwijs.",
        url="https://onderwijs.vlaanderen.be",
    )
    stage = TermFactory(term="stage", definition="Leren op een werkplek.")
    stage.related.set([mentor])

    response = client.get(guide_tree["glossary"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert 'aria-label="Ga naar letter"' in html
    assert '<a href="#letter-a">A</a>' in html
    assert '<span class="letters__empty" aria-hidden="true">B</span>' in html
    assert '<dt id="algemeen-secundair-onderwijs">algemeen secundair onderwijs' in html
    assert "(ASO)" in html
    assert 'Zie ook: <a href="#mentor">mentor</a>' in html
    assert html.index('id="letter-a"') < html.index('id="letter-m"') < html.index('id="letter-s"')
    assert 'href="https://onderwijs.vlaanderen.be"' in html


@pytest.mark.django_db
def test_terms_are_found_by_the_search_backend(site_tree):
    TermFactory(term="leerlingenstage", definition="Een stage als deel van de opleiding.")
    TermFactory(term="mentor", definition="Begeleidt de leerling.")
    from django.core.management import call_command

    call_command("update_index", verbosity=0)
    results = list(Term.objects.search("leerlingenstage"))
    assert [term.term for term in results] == ["leerlingenstage"]
