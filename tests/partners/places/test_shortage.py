"""Where places run short: the admin report (counts, filters, CSV, permission) and the public
page, which shows a count only when it cannot point to one school or company."""

import csv
import io

import pytest

from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from partners.models import Province, StudyDomain
from partners.places import months, services, shortage
from partners.places.forms import PlaceRequestForm
from tests.partners.factories import published_partner
from tests.support.otp import sign_in

pytestmark = pytest.mark.django_db

STEM_FEB_MAR = {
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "places": 3,
    "first_month": 2,
    "last_month": 3,
}


def school(name, postcode="9000", municipality="Gent"):
    return published_partner(
        name=name,
        kind="school",
        postcode=postcode,
        municipality=municipality,
        contact_email=f"stage@{len(name)}.example",
    )


def company(name, postcode="9000", municipality="Gent", rows=(STEM_FEB_MAR,)):
    partner = published_partner(
        name=name, postcode=postcode, municipality=municipality, contact_email="hr@x.example"
    )
    services.save_places(partner, list(rows))
    return partner


def post(school_partner, learners=2, first="2", last="2", place="9000", domain="stem"):
    form = PlaceRequestForm(
        {
            "kind": "leerlingenstage",
            "study_domain": domain,
            "learners": str(learners),
            "first_month": first,
            "last_month": last,
            "place": place,
            "radius_km": "20",
        }
    )
    assert form.is_valid(), form.errors
    return services.post_request(school_partner, form.request_data())


@pytest.fixture
def picture(site_tree, django_capture_on_commit_callbacks):
    """Two schools in Oost-Vlaanderen and one in Limburg ask for STEM places in February; two
    companies near Gent offer STEM places in February and March."""
    gent_a = school("Atheneum Gent (fictief)")
    gent_b = school("Instituut Gent (fictief)", postcode="9050", municipality="Gentbrugge")
    hasselt = school("Enige School Hasselt (fictief)", postcode="3500", municipality="Hasselt")
    offer_a = company("Elektro Gent (fictief)")
    offer_b = company("Machines Gent (fictief)", postcode="9050", municipality="Gentbrugge")
    with django_capture_on_commit_callbacks(execute=True):  # the mails go after the commit
        first = post(gent_a, learners=4)
        post(gent_b, learners=3)
        post(hasselt, learners=5, place="3500")
    recipient = first.recipients.get(partner=offer_a)
    services.answer_request(recipient, "ja", "")
    return {
        "directory": site_tree["directory"],
        "schools": (gent_a, gent_b, hasselt),
        "companies": (offer_a, offer_b),
        "stem": StudyDomain.objects.get(slug="stem"),
        "oost": Province.objects.get(name="Oost-Vlaanderen"),
        "limburg": Province.objects.get(name="Limburg"),
    }


def cell_of(cells, domain, province, month):
    found = [c for c in cells if (c.domain_id, c.province_id, c.month) == (domain, province, month)]
    return found[0] if found else None


def test_the_cube_counts_asked_offered_and_answered(picture):
    cells = shortage.cube(months.school_year_of())
    stem, oost, limburg = picture["stem"].pk, picture["oost"].pk, picture["limburg"].pk
    february = cell_of(cells, stem, oost, 2)
    assert (february.requests, february.learners, february.schools) == (2, 7, 2)
    assert (february.places, february.partners) == (6, 2)
    assert february.learners_yes == 4
    assert february.shortage == 1
    # The Hasselt school's request matched nobody within 20 km: unmatched, not unanswered.
    hasselt = cell_of(cells, stem, limburg, 2)
    assert (hasselt.learners, hasselt.unmatched, hasselt.unanswered, hasselt.places) == (
        5,
        1,
        0,
        0,
    )
    # March: places offered, nothing asked.
    march = cell_of(cells, stem, oost, 3)
    assert (march.learners, march.places) == (0, 6)
    assert cell_of(cells, stem, oost, 4) is None


# The suppression rule, on its own


def table_of(values, minimum=5):
    """A PublicTable from {(domain, province): (value, contributors)}."""
    cells = [
        shortage.Cell(domain, province, 2, learners=value, schools=contributors)
        for (domain, province), (value, contributors) in values.items()
    ]
    domains = [(1, "A"), (2, "B")]
    provinces = [(10, "X"), (20, "Y")]
    return shortage.public_table(cells, "learners", "schools", domains, provinces, minimum)


def test_a_cell_with_fewer_contributors_than_the_minimum_is_hidden():
    table = table_of({(1, 10): (40, 5), (1, 20): (3, 4), (2, 10): (12, 6), (2, 20): (9, 7)})
    (_a, row_a, total_a), (_b, row_b, total_b) = table.rows
    assert [str(shown) for shown in row_a] == ["40", ""]
    assert row_a[1].hidden and not row_a[0].hidden
    assert [str(shown) for shown in row_b] == ["12", "9"]


def test_no_total_includes_a_hidden_cell():
    table = table_of({(1, 10): (40, 5), (1, 20): (3, 4), (2, 10): (12, 6), (2, 20): (9, 7)})
    (_a, _row_a, total_a), (_b, _row_b, total_b) = table.rows
    # Row A and column Y contain the hidden cell: their totals would give it away.
    assert total_a.hidden
    assert table.totals[1].hidden
    assert table.total.hidden
    # Row B and column X add up shown cells only.
    assert (total_b.hidden, total_b.value) == (False, 21)
    assert (table.totals[0].hidden, table.totals[0].value) == (False, 52)


def test_nothing_shown_can_be_combined_into_a_hidden_cell():
    """Whatever the data, every shown number is a sum of shown cells: no difference of shown
    numbers involves a hidden cell."""
    import itertools

    values = [(0, 0), (2, 1), (7, 4), (30, 5), (50, 9)]
    for combination in itertools.product(values, repeat=4):
        data = dict(zip([(1, 10), (1, 20), (2, 10), (2, 20)], combination, strict=True))
        table = table_of(data)
        cells = [shown for _name, row, _total in table.rows for shown in row]
        totals = [row_total for _name, _row, row_total in table.rows]
        columns = [[row[i] for _name, row, _total in table.rows] for i in range(2)]
        for total, parts in [
            *zip(totals, [row for _name, row, _t in table.rows], strict=True),
            *zip(table.totals, columns, strict=True),
            (table.total, cells),
        ]:
            if not total.hidden:
                assert not any(part.hidden for part in parts)
                assert total.value == sum(part.value for part in parts)


def test_zero_is_shown_and_the_minimum_is_a_setting(settings):
    table = table_of({(1, 10): (0, 0), (1, 20): (3, 2)}, minimum=2)
    (_a, row_a, total_a), _b = table.rows
    assert [str(shown) for shown in row_a] == ["0", "3"]
    assert total_a.value == 3
    settings.PLACES_SHORTAGE_MIN_CELL = 3
    assert shortage.min_cell_size() == 3


# The public page


def shortage_url(directory, **query):
    from urllib.parse import urlencode

    url = directory.url + directory.reverse_subpage("shortage")
    return url + (f"?{urlencode(query)}" if query else "")


def test_the_public_page_hides_what_could_point_to_one_school(picture, settings):
    settings.PLACES_SHORTAGE_MIN_CELL = 2
    client = Client()
    response = client.get(shortage_url(picture["directory"], maand="februari"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Waar plaatsen schaars zijn" in body
    # Two schools asked 7 learners in Oost-Vlaanderen: shown. One school in Limburg: hidden.
    asked = response.context["asked"]
    provinces = asked.provinces
    stem_row = next(cells for name, cells, _total in asked.rows if name == "STEM")
    assert stem_row[provinces.index("Oost-Vlaanderen")].value == 7
    assert not stem_row[provinces.index("Oost-Vlaanderen")].hidden
    assert stem_row[provinces.index("Limburg")].hidden
    assert "&lt; 2" in body
    # No school's or company's name, and no total that holds the hidden 5 learners.
    for partner in [*picture["schools"], *picture["companies"]]:
        assert partner.name not in body
    assert asked.total.hidden
    assert ">12<" not in body


def test_the_public_page_has_columns_only_for_provinces_with_partners(picture):
    """The tables list the provinces where the directory has partners: no column of zeros for
    the Walloon provinces, where nobody in this directory is."""
    response = Client().get(shortage_url(picture["directory"], maand="februari"))
    for table in (response.context["asked"], response.context["offered"]):
        assert table.provinces == ["Limburg", "Oost-Vlaanderen"]
    assert "Henegouwen" not in response.content.decode()


def test_a_month_without_requests_or_offers_says_so_instead_of_a_table_of_zeros(picture):
    response = Client().get(shortage_url(picture["directory"], maand="juni"))
    body = response.content.decode()
    assert "zochten scholen via de partnergids nog geen plaatsen" in body
    assert "bevestigden organisaties nog geen plaatsen" in body
    assert "shortage-table" not in body
    # February has both: the tables, no such sentence.
    body = Client().get(shortage_url(picture["directory"], maand="februari")).content.decode()
    assert "nog geen plaatsen" not in body
    assert body.count('class="shortage-table"') == 2


def test_the_public_page_is_cached_at_the_edge_and_survives_odd_filters(picture):
    client = Client()
    directory = picture["directory"]
    response = client.get(shortage_url(directory))
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "s-maxage" in response["Cache-Control"]
    for query in (
        {"maand": "<script>"},
        {"schooljaar": "abc"},
        {"schooljaar": "1900", "maand": "februari"},
        {"maand": "x" * 5000},
    ):
        assert client.get(shortage_url(directory, **query)).status_code == 200


def test_the_directory_links_to_the_public_page(picture):
    directory = picture["directory"]
    body = Client().get(directory.url).content.decode()
    assert directory.reverse_subpage("shortage") in body


# The admin report


@pytest.fixture
def manager(django_user_model):
    user = django_user_model.objects.create_user(username="beheer", password="unused-123")
    user.groups.add(Group.objects.get(name="Partnerbeheerders"))
    client = Client()
    sign_in(client, user)
    return client


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user(username="redactie", password="unused-123")
    user.groups.add(Group.objects.get(name="Redacteurs"))
    client = Client()
    sign_in(client, user)
    return client


def test_partner_managers_see_the_report_and_export_it(picture, manager):
    url = reverse("places_reports:shortage")
    response = manager.get(url, {"month": "2", "province": picture["oost"].pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Tekort aan plaatsen" in body
    rows = response.context["object_list"]
    assert [(r.domain, r.province, r.learners, r.places) for r in rows] == [
        ("STEM", "Oost-Vlaanderen", 7, 6)
    ]
    export = manager.get(url, {"export": "csv", "month": "2"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:5] == [
        "Maand",
        "Studiedomein",
        "Provincie",
        "Aanvragen",
        "Gevraagde leerlingen",
    ]
    assert ["februari", "STEM", "Limburg", "1", "5", "0", "5", "0", "0", "1", "1", "0"] in lines
    xlsx = manager.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_unanswered_requests_and_silent_partners(picture, manager):
    unanswered = manager.get(reverse("places_reports:unanswered"))
    assert unanswered.status_code == 200
    # The second Gent school's request went to both companies; nobody answered it.
    names = [str(r.school) for r in unanswered.context["object_list"]]
    assert names == ["Instituut Gent (fictief)"]
    silent = manager.get(reverse("places_reports:silent"))
    assert [p.name for p in silent.context["object_list"]] == ["Machines Gent (fictief)"]


def test_editors_do_not_see_the_reports(picture, editor):
    for name in ("shortage", "unanswered", "silent"):
        response = editor.get(reverse(f"places_reports:{name}"))
        assert response.status_code in (302, 403)
        assert "Instituut Gent" not in response.content.decode()


# Places and requests, read-only, for partner managers


def test_partner_managers_read_places_and_requests_but_cannot_change_them(picture, manager):
    company_a = picture["companies"][0]
    listing = manager.get(reverse("places_years:index"), {"partner": company_a.pk})
    assert listing.status_code == 200
    assert company_a.name in listing.content.decode()
    year = company_a.places_years.get()
    inspect = manager.get(reverse("places_years:inspect", args=[year.pk]))
    assert "3 × Leerlingenstage, STEM, februari – maart" in inspect.content.decode()
    assert manager.get(reverse("places_years:edit", args=[year.pk])).status_code in (302, 403)

    request = picture["schools"][0].place_requests.get()
    detail = manager.get(reverse("place_requests:inspect", args=[request.pk]))
    body = detail.content.decode()
    assert detail.status_code == 200
    assert "Elektro Gent (fictief)" in body and "Ja, er is plaats" in body
    assert manager.get(reverse("place_requests:edit", args=[request.pk])).status_code in (302, 403)
    assert manager.get(reverse("place_requests:delete", args=[request.pk])).status_code in (
        302,
        403,
    )
    assert request.__class__.objects.filter(pk=request.pk).exists()


def test_editors_cannot_read_requests(picture, editor):
    request = picture["schools"][0].place_requests.get()
    for url in (
        reverse("place_requests:index"),
        reverse("place_requests:inspect", args=[request.pk]),
        reverse("places_years:index"),
    ):
        response = editor.get(url)
        assert response.status_code in (302, 403)
        assert "Atheneum Gent" not in response.content.decode()
