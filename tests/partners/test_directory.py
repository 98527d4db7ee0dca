"""The directory page: filters, facets, distance, text, sorting, pagination, what never leaks."""

import codecs
import csv
import io
import re
from urllib.parse import parse_qsl, urlencode

import pytest
from bs4 import BeautifulSoup

from django.http import QueryDict

from partners.directory.query import FACETS, DirectorySearch
from tests.partners.factories import directory_partners, published_partner

pytestmark = pytest.mark.django_db

DIRECTORY = "/partners/"


@pytest.fixture
def partners(site_tree):
    return directory_partners()


def search(query=""):
    return DirectorySearch(QueryDict(query))


def names(query=""):
    return {partner.name for partner in search(query).iter_results()}


def ordered(query=""):
    return [partner.name for partner in search(query).iter_results()]


def page_names(client, query=""):
    html = client.get(f"{DIRECTORY}?{query}").content.decode()
    return set(re.findall(r'<h3 class="partner-card__title"><a href="[^"]+">([^<]+)</a>', html))


def short(*partners):
    return {partner.name for partner in partners}


def test_filters_are_or_within_a_facet_and_and_across_facets(client, partners):
    p = partners
    assert names("domein=stem") == short(p["garage"], p["webagency"])
    assert names("domein=stem&domein=voeding-en-horeca") == short(
        p["bakery"], p["garage"], p["hotel"], p["webagency"]
    )
    assert names("domein=voeding-en-horeca&provincie=west-vlaanderen") == short(p["hotel"])
    assert names("aanbod=snuffelstage&vorm=dbso") == short(p["bakery"])
    assert names("soort=school&soort=sectororganisatie") == short(p["school"], p["webagency"])
    assert names("sector=ict&sector=onderwijs&provincie=limburg") == short(p["school"])
    assert names("plaatsen=1") == short(p["bakery"], p["hotel"], p["webagency"])
    assert names("plaatsen=1&provincie=oost-vlaanderen") == short(p["bakery"])
    # The page shows exactly the same partners.
    for query in ("domein=stem&domein=voeding-en-horeca", "aanbod=snuffelstage&vorm=dbso"):
        assert page_names(client, query) == names(query)


def test_unpublished_partners_are_never_listed(client, partners):
    assert partners["draft"].name not in names("")
    assert partners["draft"].name not in names("q=Geheime")
    response = client.get(f"{DIRECTORY}?q=Geheime")
    assert partners["draft"].name not in response.content.decode()


QUERIES = [
    "",
    "domein=stem",
    "domein=stem&provincie=oost-vlaanderen",
    "aanbod=snuffelstage&aanbod=gastles&plaatsen=1",
    "q=Gent",
    "bij=9000&straal=50&soort=bedrijf",
]


@pytest.mark.parametrize("query", QUERIES)
def test_every_facet_count_is_the_number_of_results_with_that_value(partners, query):
    """Disjunctive faceting: a value's count = results with that value instead of its facet's."""
    current = search(query)
    base = [(key, value) for key, value in parse_qsl(query)]
    for facet in current.facets:
        others = [(key, value) for key, value in base if key != facet.param]
        for option in facet.options:
            toggled = urlencode([*others, (facet.param, option.slug)])
            assert option.count == search(toggled).count, (query, facet.param, option.slug)
    assert [facet.param for facet in current.facets] == [facet.param for facet in FACETS]


def test_facet_counts_of_chosen_values_do_not_collapse(partners):
    facets = {facet.param: facet for facet in search("domein=stem").facets}
    domain_counts = {option.slug: option.count for option in facets["domein"].options}
    # STEM chosen: the other domains still show what choosing them would add.
    assert domain_counts["voeding-en-horeca"] == 2
    assert domain_counts["stem"] == 2
    provinces = {option.slug: option.count for option in facets["provincie"].options}
    assert provinces == {**dict.fromkeys(provinces, 0), "oost-vlaanderen": 1, "antwerpen": 1}


def test_filter_values_no_partner_has_are_not_listed_unless_chosen(client, partners):
    html = client.get(DIRECTORY).content.decode()
    # No test partner is in Wallonia: its provinces would only ever say (0).
    for slug in ("henegouwen", "luik"):
        assert f'id="f-provincie-{slug}"' not in html
    assert 'id="f-provincie-oost-vlaanderen"' in html
    # A value that does match elsewhere stays listed with (0) under other filters.
    html = client.get(DIRECTORY, {"domein": "stem"}).content.decode()
    assert 'id="f-provincie-oost-vlaanderen"' in html
    # A chosen value stays visible (and can be unticked), even if nothing has it.
    html = client.get(DIRECTORY, {"provincie": "luik"}).content.decode()
    assert 'id="f-provincie-luik" name="provincie" value="luik" checked' in html
    assert 'id="f-provincie-henegouwen"' not in html


def test_values_without_results_are_folded_away_not_listed_as_zero(client, partners):
    """With other filters set, a value that would give nothing sits under one closed
    "opties zonder resultaten" line per filter, never as a wall of (0) among the real choices."""
    page = BeautifulSoup(client.get(DIRECTORY, {"domein": "stem"}).content, "html.parser")
    provinces = page.find("input", attrs={"name": "provincie"}).find_parent("fieldset")
    listed = provinces.find("ul", recursive=False)
    listed_ids = [box["id"] for box in listed.find_all("input")]
    assert listed_ids == ["f-provincie-antwerpen", "f-provincie-oost-vlaanderen"]
    assert "(0)" not in listed.get_text()
    folded = provinces.find("details", class_="facet__collapsed")
    assert folded is not None and not folded.has_attr("open")
    summary = folded.find("summary").get_text(strip=True)
    folded_boxes = folded.find_all("input")
    assert summary == f"{len(folded_boxes)} opties zonder resultaten"
    assert all("(0)" in box.find_parent("li").get_text() for box in folded_boxes)
    # A chosen value is never folded away, even when it gives nothing.
    page = BeautifulSoup(
        client.get(DIRECTORY, {"domein": "stem", "provincie": "limburg"}).content, "html.parser"
    )
    chosen = page.find("input", id="f-provincie-limburg")
    assert (
        chosen.has_attr("checked")
        and chosen.find_parent("details", class_="facet__collapsed") is None
    )


def test_distance_filter_and_sort(client, partners):
    near_gent = search("bij=Gent&straal=10&sorteer=afstand")
    results = list(near_gent.iter_results())
    assert [p.name for p in results] == [partners["bakery"].name, partners["garage"].name]
    assert results[0].distance <= results[1].distance < 10
    assert near_gent.place.label
    by_postcode = search("bij=9000&straal=10")
    assert names("bij=9000&straal=10") == short(partners["bakery"], partners["garage"])
    assert by_postcode.sort == "afstand"
    counts = search("bij=Gent").radius_counts
    assert counts[5] <= counts[10] <= counts[20] <= counts[50]
    assert counts[10] == 2 and counts[50] >= 3
    html = client.get(f"{DIRECTORY}?bij=Gent&straal=10").content.decode()
    assert "partner-card__distance" in html


@pytest.mark.parametrize("place", ["9000", "Gent", "gent"])
def test_distances_say_in_gent_for_the_place_itself_and_whole_km_otherwise(client, partners, place):
    html = client.get(DIRECTORY, {"bij": place, "straal": 50}).content.decode()
    shown = dict(
        re.findall(
            r'partner-card__title"><a [^>]*>([^<]+)</a>.*?partner-card__distance">([^<]+)<',
            html,
            re.S,
        )
    )
    assert shown[partners["bakery"].name] == "in Gent"  # same postcode: no "op 0,0 km"
    municipality = {partner.name: partner.municipality for partner in partners.values()}
    elsewhere = {name: label for name, label in shown.items() if municipality[name] != "Gent"}
    assert elsewhere
    assert all(re.fullmatch(r"op [1-9]\d* km", label) for label in elsewhere.values()), shown
    assert all(label == "in Gent" for name, label in shown.items() if name not in elsewhere)
    assert "0,0" not in html


def test_an_unknown_place_is_said_clearly_and_not_applied(client, partners):
    response = client.get(f"{DIRECTORY}?bij=Atlantis&straal=10")
    assert response.status_code == 200
    html = response.content.decode()
    assert "We vinden geen Belgische postcode of gemeente “Atlantis”" in html
    assert 'aria-invalid="true"' in html
    assert len(page_names(client, "bij=Atlantis")) == 5


def test_text_combines_with_filters(client, partners):
    assert names("q=bakkerij") == short(partners["bakery"])
    assert names("q=Hasselt") == short(partners["school"])
    assert names("q=bakkerij&provincie=limburg") == set()
    assert names("q=leerlingenstage&provincie=oost-vlaanderen") == short(
        partners["bakery"], partners["garage"]
    )
    assert page_names(client, "q=bakkerij&aanbod=snuffelstage") == short(partners["bakery"])


@pytest.mark.parametrize(
    "text",
    ['"', "bak\"ker'ij", "\\", "100%", "a AND b OR NOT c", "(stage*", ":-&|!", "🥖", "x" * 250],
)
def test_any_text_is_safe_for_the_search_backend(client, partners, text):
    response = client.get(DIRECTORY, {"q": text})
    assert response.status_code == 200
    assert client.get("/api/partners/", {"q": text}).status_code in {200, 400}


def test_sort_orders(partners):
    p = partners
    assert ordered("sorteer=naam") == sorted(x.name for x in p.values() if x is not p["draft"])
    recent = ordered("sorteer=recent")
    assert recent[0] == p["bakery"].name
    assert recent[-1] == p["school"].name  # never confirmed: last
    assert search("q=stage").sort == "relevantie"
    assert search("").sort == "naam"
    # An order that does not apply falls back instead of failing.
    assert search("sorteer=relevantie").sort == "naam"
    assert search("sorteer=afstand").sort == "naam"


def test_relevance_puts_the_best_match_first(partners):
    published_partner(
        name="Bakkerij Bakkerij Bakkerij (fictief)",
        description="<p>Bakkerij, bakkerij en nog eens bakkerij.</p>",
        postcode="3000",
        municipality="Leuven",
    )
    results = ordered("q=bakkerij")
    assert results[0] == "Bakkerij Bakkerij Bakkerij (fictief)"
    assert len(results) == 2


def test_pagination_keeps_the_filters(client, site_tree, settings):
    settings.PARTNERS_DIRECTORY_PAGE_SIZE = 5
    for number in range(7):
        published_partner(name=f"Snuffelbedrijf {number:02d} (fictief)", kinds=["snuffelstage"])
    published_partner(name="Ander bedrijf (fictief)", kinds=["gastles"])
    html = client.get(f"{DIRECTORY}?aanbod=snuffelstage").content.decode()
    assert "7 partners gevonden" in html
    assert 'href="?aanbod=snuffelstage&amp;pagina=2"' in html
    second = client.get(f"{DIRECTORY}?aanbod=snuffelstage&pagina=2")
    assert page_names(client, "aanbod=snuffelstage&pagina=2") == {
        "Snuffelbedrijf 05 (fictief)",
        "Snuffelbedrijf 06 (fictief)",
    }
    assert "Ander bedrijf" not in second.content.decode()
    # A page number that is not one still answers.
    assert client.get(f"{DIRECTORY}?aanbod=snuffelstage&pagina=abc").status_code == 200
    assert client.get(f"{DIRECTORY}?aanbod=snuffelstage&pagina=99").status_code == 200


def test_the_filter_state_is_in_the_url_and_the_form(client, partners):
    html = client.get(
        f"{DIRECTORY}?q=stage&domein=stem&plaatsen=1&bij=9000&straal=20&sorteer=naam"
    ).content.decode()
    assert 'id="f-domein-stem" name="domein" value="stem" checked' in html
    assert 'id="f-plaatsen-1" name="plaatsen" value="1" checked' in html
    assert 'name="q" value="stage"' in html
    assert '<option value="20" selected>' in html
    assert '<option value="naam" selected>' in html
    assert 'method="get"' in html
    assert '<meta name="robots" content="noindex, follow">' in html
    # Links that remove one filter keep all the others.
    assert 'href="?q=stage&amp;bij=9000&amp;straal=20&amp;plaatsen=1&amp;sorteer=naam"' in html


def test_an_empty_result_suggests_what_to_drop(client, partners):
    html = client.get(f"{DIRECTORY}?q=bakkerij&provincie=limburg").content.decode()
    assert "Geen partners gevonden die aan alles voldoen." in html
    assert 'href="?provincie=limburg">Zonder zoekterm “bakkerij”</a> (1 partner)' in html
    assert 'href="?q=bakkerij">Zonder Provincie: Limburg</a> (1 partner)' in html


def test_invalid_parameters_give_dutch_messages_not_errors(client, partners):
    response = client.get(
        f"{DIRECTORY}?domein=onbekend&domein=stem&straal=7&sorteer=willekeurig&plaatsen=misschien"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Niet alles in uw zoekopdracht konden we gebruiken" in html
    assert "onbekend bestaat niet." in html
    assert "Kies 5, 10, 20 of 50 km." in html
    # The valid part of the query still applies.
    assert page_names(client, "domein=onbekend&domein=stem") == short(
        partners["garage"], partners["webagency"]
    )


def test_private_and_draft_data_never_leak(client, partners):
    bakery = partners["bakery"]
    secrets = [bakery.contact_email, bakery.contact_name, "+3292345678", "+32 9 234 56 78"]
    urls = [
        f"{DIRECTORY}?q=bakkerij",
        f"{DIRECTORY}?q=Griet",
        f"{DIRECTORY}csv/",
        f"{DIRECTORY}csv/?q=bakkerij",
        f"{DIRECTORY}{bakery.slug}/",
        "/api/partners/",
        f"/api/partners/{bakery.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
        assert partners["draft"].name not in body, url
    assert client.get(f"{DIRECTORY}{partners['draft'].slug}/").status_code == 404
    assert client.get(f"/api/partners/{partners['draft'].pk}/").status_code == 404


def test_csv_download_has_the_current_results(client, partners):
    response = client.get(f"{DIRECTORY}csv/?domein=stem&sorteer=naam")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)  # Excel reads UTF-8 only after a BOM
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:4] == ["Naam", "Soort organisatie", "Sector", "Beschrijving"]
    assert "Afstand (km)" not in header  # no place given
    for technical in ("enterprise_number", "slug", "contact_email", "name"):
        assert technical not in header
    assert [row[0] for row in rows[1:]] == [partners["garage"].name, partners["webagency"].name]
    description = rows[1][header.index("Beschrijving")]
    assert description
    assert "<" not in description
    assert "&amp;" not in description
    html = client.get(f"{DIRECTORY}?domein=stem&sorteer=recent").content.decode()
    assert 'href="/partners/csv/?domein=stem&amp;sorteer=recent"' in html
    # The natural order (here: by name) is the menu's empty value and stays out of links.
    html = client.get(f"{DIRECTORY}?domein=stem&sorteer=naam").content.decode()
    assert 'href="/partners/csv/?domein=stem"' in html
    assert '<option value="" selected>Naam (A-Z)</option>' in html


def test_csv_download_gives_the_distance_when_a_place_was_given(client, partners):
    response = client.get(f"{DIRECTORY}csv/", {"bij": "9000", "straal": "50"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    column = rows[0].index("Afstand (km)")
    distances = [row[column] for row in rows[1:]]
    assert distances
    assert all(distance.isdigit() for distance in distances), distances


def test_csv_cells_with_semicolons_quotes_and_paragraphs_stay_one_cell_for_excel(client, partners):
    """What a Belgian Excel splits on (semicolons, line breaks) stays inside its cell, and a cell
    that Excel would run as a formula starts with an apostrophe."""
    published_partner(
        name="Keuken Kwadraat (fictief)",
        description=('<p>Koken; bakken &amp; "serveren".</p>\n<p>Tweede alinea.</p>'),
        website="https://keuken.example",
    )
    response = client.get(f"{DIRECTORY}csv/", {"q": "Keuken Kwadraat"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert len(rows) == 2
    header, row = rows
    assert len(row) == len(header)
    assert row[header.index("Beschrijving")] == 'Koken; bakken & "serveren". Tweede alinea.'
    assert row[header.index("Website")] == "https://keuken.example"
    formula = published_partner(name="Formule Bouw (fictief)", description="<p>=1+1</p>")
    response = client.get(f"{DIRECTORY}csv/", {"q": "Formule Bouw"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(body), delimiter=";"))
    assert row[header.index("Naam")] == formula.name
    assert row[header.index("Beschrijving")] == "'=1+1"


def test_the_script_is_only_on_the_directory_page(client, partners):
    assert "partners/directory.js" in client.get(DIRECTORY).content.decode()
    assert "partners/directory.js" not in client.get("/").content.decode()
    page = client.get(f"{DIRECTORY}{partners['bakery'].slug}/").content.decode()
    assert "partners/directory.js" not in page


def test_accessible_structure(client, partners):
    html = client.get(f"{DIRECTORY}?domein=stem").content.decode()
    assert html.count("<h1") == 1
    assert html.count("<fieldset") == len(FACETS) == html.count("<legend")
    assert 'aria-live="polite"' in html
    assert "<details" in html and "<summary" in html
    for checkbox_id in re.findall(r'<input type="checkbox" id="([^"]+)"', html):
        assert f'<label for="{checkbox_id}">' in html


def test_changes_to_partners_show_at_once(client, partners):
    bakery = partners["bakery"]
    assert bakery.name in names("q=bakkerij")
    bakery.unpublish()
    assert bakery.name not in names("")
    bakery.save_revision().publish()
    assert bakery.name in names("q=bakkerij")
    draft = partners["draft"]
    draft.save_revision().publish()
    assert draft.name in names("domein=voeding-en-horeca")
    partners["hotel"].delete()
    assert partners["hotel"].name not in names("")
    assert search("").count == 5


def test_a_search_backend_without_sql_gives_the_same_results(partners, monkeypatch):
    """Elasticsearch and OpenSearch return ids, not SQL: the same filters apply to them."""
    expected = {query: names(query) for query in ["q=bakkerij", "q=Gent&domein=stem"]}
    monkeypatch.setattr(DirectorySearch, "_backend_speaks_sql", property(lambda self: False))
    for query, found in expected.items():
        assert names(query) == found


def test_a_broken_cache_does_not_break_the_directory_or_saving(client, partners, settings):
    """With Redis down the directory still answers and editors can still save partners."""
    # A real Redis client against a port where nothing listens (django-redis, as production).
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
        }
    }
    response = client.get(f"{DIRECTORY}?q=bakkerij&domein=voeding-en-horeca")
    assert response.status_code == 200
    assert partners["bakery"].name in response.content.decode()
    partners["garage"].save_revision().publish()
    message = {
        "naam": "Leen",
        "email": "leen@school.example",
        "bericht": "Een bericht van meer dan twintig tekens.",
    }
    assert client.post(f"{DIRECTORY}{partners['bakery'].slug}/", message).status_code == 302


def test_the_way_back_from_a_partner_keeps_the_search(client, partners, settings):
    settings.PARTNERS_DIRECTORY_PAGE_SIZE = 1
    listing = f"{DIRECTORY}?q=fictief&domein=stem&pagina=2"
    html = client.get(listing).content.decode()
    card = re.search(r'partner-card__title"><a href="([^"]+)"', html).group(1)
    card = card.replace("&amp;", "&")
    assert card.startswith(DIRECTORY)
    assert card.endswith("/?q=fictief&domein=stem&pagina=2")
    partner_html = client.get(card).content.decode()
    expected = f"{DIRECTORY}?q=fictief&amp;domein=stem&amp;pagina=2"
    assert f'<a href="{expected}">Terug naar de partnergids</a>' in partner_html
    breadcrumb = partner_html[partner_html.index('class="breadcrumbs') :]
    assert f'<a href="{expected}">' in breadcrumb.split("</nav>")[0]
    # Only what the directory accepts comes back; anything else is dropped.
    hostile = client.get(
        f"{DIRECTORY}{partners['bakery'].slug}/",
        {"domein": ["stem", '"><script>'], "x": "javascript:alert(1)", "pagina": "abc"},
    ).content.decode()
    assert f'<a href="{DIRECTORY}?domein=stem">Terug naar de partnergids</a>' in hostile
    assert "<script>" not in hostile.split("Terug naar de partnergids")[0].split("breadcrumbs")[-1]
    assert "javascript:" not in hostile
    # Without a search the way back is the plain directory.
    plain = client.get(f"{DIRECTORY}{partners['bakery'].slug}/").content.decode()
    assert f'<a href="{DIRECTORY}">Terug naar de partnergids</a>' in plain
