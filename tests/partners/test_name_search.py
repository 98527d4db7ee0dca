"""The directory forgives: a partial or misspelt partner name still finds the partner."""

import pytest

from django.db import connection
from django.http import QueryDict

from partners.demo.generate import generate
from partners.directory.query import DirectorySearch
from partners.models import Partner
from tests.partners.factories import PartnerFactory, published_partner

pytestmark = pytest.mark.django_db


def names(query):
    return [partner.name for partner in DirectorySearch(QueryDict(query)).iter_results()]


@pytest.fixture
def partners(site_tree):
    return {
        "las": published_partner(
            name="Laswerkplaats Deinze (fictief)", description="<p>Metaalbewerking.</p>"
        ),
        "kaai": published_partner(
            name="Codekaai Antwerpen (fictief)", description="<p>Softwareontwikkeling.</p>"
        ),
        "bakker": published_partner(
            name="Bakkerij Korenbloem (fictief)", description="<p>Brood en banket.</p>"
        ),
        "draft": PartnerFactory(name="Laswerkhuis Verborgen (fictief)", live=False),
    }


def test_the_start_of_a_name_finds_the_partner(client, partners):
    assert names("q=laswerk") == ["Laswerkplaats Deinze (fictief)"]
    html = client.get("/partners/", {"q": "laswerk"}).content.decode()
    assert "Laswerkplaats Deinze (fictief)" in html
    assert "Laswerkhuis Verborgen" not in html  # drafts stay out, as always


def test_a_name_spelt_as_it_sounds_finds_the_partner(partners):
    if connection.vendor != "postgresql":
        pytest.skip("resemblance needs pg_trgm; SQLite matches parts of names only")
    assert names("q=codekai") == ["Codekaai Antwerpen (fictief)"]


def test_part_of_a_name_finds_the_partner(partners):
    assert names("q=codekaai") == ["Codekaai Antwerpen (fictief)"]
    assert names("q=korenbl") == ["Bakkerij Korenbloem (fictief)"]


def test_full_text_matches_come_before_resembling_names(partners):
    published_partner(name="Metaalatelier Laswerk (fictief)", description="<p>Laswerk op maat.</p>")
    found = names("q=laswerk&sorteer=relevantie")
    assert found[0] == "Metaalatelier Laswerk (fictief)"
    assert "Laswerkplaats Deinze (fictief)" in found


def test_a_name_search_combines_with_filters(partners):
    assert names("q=laswerk&soort=school") == []


def test_unrelated_text_still_finds_nothing(partners):
    assert names("q=kernfysica") == []


@pytest.mark.postgres
def test_the_name_search_uses_the_trigram_index(partners):
    generate(30, seed=5)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Partner.objects.filter(name__trigram_word_similar="laswerk").explain()
    assert "partner_name_trgm" in plan
