"""Search that forgives: "Bedoelde u ...?" from the portal's own words, and compounds."""

import pytest

from django.core.management import call_command

from search import vocabulary
from search.models import VocabularyWord
from tests.factories import ContentPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.guides.factories import TermFactory
from tests.partners.factories import PartnerFactory, published_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(site_tree):
    home = site_tree["home"]
    news = NewsIndexPageFactory(parent=home)
    NewsPageFactory(parent=news, title="Werkplekleren in de zorg", intro="Een stage in de zorg.")
    NewsPageFactory(parent=news, title="Nieuwe stage voor leerlingen", intro="Een vaste plaats.")
    NewsPageFactory(parent=news, title="Een stageplaats vinden", intro="Tips voor scholen.")
    ContentPageFactory(parent=home, title="Over werkplekleren", intro="Wie wij zijn.")
    TermFactory(term="Leerwerkplek", definition="Een plaats om te leren op de werkvloer.")
    published_partner(name="Codekaai Antwerpen (fictief)", description="<p>Software.</p>")
    PartnerFactory(name="Geheimzinnig Ontwerpbureau (fictief)", live=False)
    hidden = ContentPageFactory(parent=home, title="Verborgen werkplekdossier")
    hidden.unpublish()
    call_command("update_search_vocabulary", stdout=None)
    return site_tree


def words():
    return set(VocabularyWord.objects.values_list("word", flat=True))


def test_the_vocabulary_holds_the_published_words_only(content):
    known = words()
    assert {"werkplekleren", "leerwerkplek", "codekaai", "stageplaats", "stage"} <= known
    assert "geheimzinnig" not in known  # a draft partner
    assert "werkplekdossier" not in known  # an unpublished page
    assert "de" not in known  # too short to suggest or split
    assert VocabularyWord.objects.get(word="werkplekleren").documents == 2


@pytest.mark.postgres
def test_a_misspelt_word_gets_a_suggestion_that_finds_something(client, content):
    response = client.get("/zoeken/", {"q": "werkplekleeren"})
    html = response.content.decode()
    assert 'Bedoelde u <a href="?q=werkplekleren">werkplekleren</a>?' in html
    followed = client.get("/zoeken/", {"q": "werkplekleren"})
    assert followed.context["total"] == 2
    assert "Bedoelde u" not in followed.content.decode()


@pytest.mark.postgres
def test_only_the_unknown_word_is_replaced(client, content):
    response = client.get("/zoeken/", {"q": "stage codekai"})
    assert response.context["did_you_mean"] == "stage codekaai"


@pytest.mark.postgres
def test_no_suggestion_for_known_words_or_gibberish(client, content):
    assert "did_you_mean" not in client.get("/zoeken/", {"q": "stage"}).context
    # A plural of a known word is known too: no "Bedoelde u stage?" for "stages".
    assert "did_you_mean" not in client.get("/zoeken/", {"q": "stages"}).context
    assert "did_you_mean" not in client.get("/zoeken/", {"q": "xqzvbnm"}).context
    # A draft's words are never suggested.
    assert vocabulary.did_you_mean("geheimzinnigg") is None


def test_a_compound_is_found_by_its_parts(client, content):
    # "stageplaats" itself is in one title; "stage" and "plaats" together in another item.
    assert vocabulary.compound_parts("stageplaats") == ("stage", "plaats")
    response = client.get("/zoeken/", {"q": "stageplaats"})
    titles = {item["title"] for group in response.context["grouped"] for item in group["results"]}
    assert titles == {"Een stageplaats vinden", "Nieuwe stage voor leerlingen"}


def test_words_that_are_not_compounds_are_not_split(content):
    assert vocabulary.compound_parts("werkplekleren") is None
    assert vocabulary.compound_parts("stage") is None
