"""Place suggestions for the directory's place field, from the Belgian postcode list."""

import pytest

from django.http import QueryDict

from partners.directory.query import DirectorySearch

pytestmark = pytest.mark.django_db


def places(client, text):
    response = client.get("/api/places/", {"q": text})
    assert response.status_code == 200
    assert response.json()["query"] == text
    return response.json()["places"]


def test_a_name_being_typed_gets_matching_places(client):
    assert places(client, "gent")[0] == "9000 Gent"
    assert "9050 Gentbrugge" in places(client, "gent")
    assert places(client, "mariak") == ["9030 Mariakerke"]
    # One entry per name, not one per postcode of a merged municipality.
    assert places(client, "hasselt") == ["3500 Hasselt"]
    # Accents and case do not matter.
    assert "9000 Gent" in places(client, "GÉNT")


def test_a_postcode_being_typed_gets_its_places(client):
    found = places(client, "903")
    assert "9030 Mariakerke" in found
    assert all(place.startswith("903") for place in found)
    assert len(places(client, "9")) == 0  # less than two characters: nothing yet
    assert len(places(client, "90")) == 10  # at most ten


def test_nothing_for_unknown_or_hostile_text(client):
    assert places(client, "xqzv") == []
    assert places(client, "<script>") == []
    assert client.get("/api/places/").json()["places"] == []


def test_every_suggestion_locates_in_the_directory(client, site_tree):
    for text in ("mariak", "gent", "903", "hassel", "brus"):
        for place in places(client, text):
            search = DirectorySearch(QueryDict(f"bij={place}"))
            assert not search.problems, place
            assert search.place is not None, place


def test_the_answer_may_be_kept_at_the_edge(client):
    response = client.get("/api/places/", {"q": "gent"})
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "s-maxage=" in cache_control
    assert not response.cookies


def test_rate_limited_with_the_portals_limiter(client, settings):
    settings.REGISTRATION_RATE_LIMITS = {"places": (2, 600)}
    assert client.get("/api/places/", {"q": "ge"}).status_code == 200
    assert client.get("/api/places/", {"q": "gen"}).status_code == 200
    refused = client.get("/api/places/", {"q": "gent"})
    assert refused.status_code == 429
    assert "Te veel aanvragen" in refused.json()["detail"]
    assert "no-store" in refused["Cache-Control"]
    assert "public" not in refused["Cache-Control"]


def test_the_directory_offers_the_suggestions_on_its_place_field(client, site_tree):
    html = client.get("/partners/").content.decode()
    assert 'data-place-list="directory-bij-places"' in html
    assert '<datalist id="directory-bij-places" data-place-suggestions="/api/places/">' in html
    assert "partners/place_suggestions" in html
