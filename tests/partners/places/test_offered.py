"""Places offered: kept through the management link, confirmed once a school year, reminded,
filtered on in the directory, shown on cards and pages, and in the partner API."""

import datetime
import importlib

import pytest

from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from partners.models import Partner, PartnerAccessKey, StudyDomain, WorkplaceLearningKind
from partners.places import months, services
from partners.places.models import PlaceOffer, PlacesReminder, PlacesYear
from tests.partners.factories import published_partner
from tests.partners.places.conftest import manage_path
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db

THIS_YEAR = months.school_year_of()


def management_form(total, initial=0):
    return {
        "plaatsen-TOTAL_FORMS": str(total),
        "plaatsen-INITIAL_FORMS": str(initial),
        "plaatsen-MIN_NUM_FORMS": "0",
        "plaatsen-MAX_NUM_FORMS": "20",
    }


def row(number, **values):
    return {f"plaatsen-{number}-{name}": value for name, value in values.items()}


def offer_rows(*rows):
    data = management_form(len(rows))
    for number, values in enumerate(rows):
        data.update(row(number, **values))
    return data


STEM_FEB_MAR = {
    "places": "2",
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "first_month": "2",
    "last_month": "3",
}


def places_of(partner, school_year=THIS_YEAR):
    return [
        (
            offer.places,
            offer.kind and offer.kind.slug,
            offer.study_domain and offer.study_domain.slug,
            offer.first_month,
            offer.last_month,
        )
        for offer in PlaceOffer.objects.filter(year__partner=partner, year__school_year=school_year)
    ]


# The management page


def test_places_page_is_private_and_linked_from_the_management_page(client, company, directory):
    manage = client.get(manage_path(directory, company, "manage"))
    places_url = manage_path(directory, company)
    assert places_url in manage.content.decode()
    response = client.get(places_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plaatsen opslaan en bevestigen" in html
    assert "nog niet bevestigd" in html
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "noindex" in response["X-Robots-Tag"]


def test_saving_places_stores_and_confirms_them_for_this_school_year(client, company, directory):
    Partner.objects.filter(pk=company.pk).update(last_confirmed=datetime.date(2020, 1, 1))
    url = manage_path(directory, company)
    data = offer_rows(
        STEM_FEB_MAR,
        {"places": "1", "kind": "", "study_domain": "", "first_month": "9", "last_month": "12"},
    )
    data["accepts_requests"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith("?gedaan=opgeslagen")
    assert places_of(company) == [(2, "leerlingenstage", "stem", 2, 3), (1, None, None, 9, 12)]
    year = PlacesYear.objects.get(partner=company, school_year=THIS_YEAR)
    assert year.confirmed_on == timezone.localdate() and year.accepts_requests
    company.refresh_from_db()
    assert company.places_per_year == 3
    assert company.last_confirmed == timezone.localdate()
    page = client.get(response["Location"]).content.decode()
    assert "zijn opgeslagen en bevestigd" in page
    assert f"bevestigd op {timezone.localdate():%-d}" in page


def test_rows_left_empty_or_removed_do_not_count(client, company, directory):
    url = manage_path(directory, company)
    client.post(url, offer_rows(STEM_FEB_MAR, {"first_month": "9", "last_month": "8"}))
    assert places_of(company) == [(2, "leerlingenstage", "stem", 2, 3)]
    # The saved row comes back as an existing row; ticking "Verwijderen" removes it.
    data = management_form(1, initial=1)
    data.update(row(0, **STEM_FEB_MAR, DELETE="on"))
    assert client.post(url, data).status_code == 302
    assert places_of(company) == []
    company.refresh_from_db()
    assert company.places_per_year == 0


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"places": ""}, "places", "Vul het aantal plaatsen in, bijvoorbeeld 2."),
        ({"places": "twee"}, "places", "Vul een getal in, bijvoorbeeld 2."),
        ({"places": "0"}, "places", "Vul minstens 1 in, of verwijder de rij."),
        ({"places": "501"}, "places", "Vul hoogstens 500 in."),
        ({"kind": "ruimtevaart"}, "kind", "Kies een vorm uit de lijst."),
        ({"study_domain": "<b>x</b>"}, "study_domain", "Kies een studiedomein uit de lijst."),
        ({"first_month": "13"}, "first_month", "Kies een maand uit de lijst."),
        ({"first_month": "3", "last_month": "2"}, "last_month", "ligt vóór de eerste"),
    ],
)
def test_bad_rows_answer_with_dutch_field_errors_and_nothing_is_saved(
    client, company, directory, values, field, message
):
    services.save_places(company, [{"places": 4, "first_month": 9, "last_month": 8}])
    before = places_of(company)
    url = manage_path(directory, company)
    good = {"places": "3", "kind": "", "study_domain": "", "first_month": "9", "last_month": "6"}
    response = client.post(url, offer_rows(good, {**STEM_FEB_MAR, **values}))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'")
    assert f'id="id_plaatsen-1-{field}_error"' in html
    assert "Rij 2:" in html
    # What was typed stays in the form: the good row too.
    assert 'name="plaatsen-0-places" value="3"' in html
    assert places_of(company) == before, "nothing half-saved"


def test_too_many_rows_are_refused(client, company, directory):
    data = offer_rows(*[STEM_FEB_MAR] * 21)
    response = client.post(manage_path(directory, company), data)
    assert response.status_code == 400
    assert places_of(company) == []


def test_a_tampered_link_reaches_no_places_page(client, company, directory):
    url = manage_path(directory, company)
    token = url.rstrip("/").split("/")[-2]
    broken = url.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert client.get(broken).status_code == 404
    assert client.post(broken, offer_rows(STEM_FEB_MAR)).status_code == 404
    assert places_of(company) == []
    PartnerAccessKey.objects.filter(partner=company).update(revoked_at=timezone.now())
    assert client.get(url).status_code == 404


def test_confirming_carries_last_school_years_places_over(client, company, directory):
    last_year = datetime.date(THIS_YEAR, 3, 1)
    services.save_places(
        company,
        [
            {
                "kind": "snuffelstage",
                "study_domain": "",
                "places": 5,
                "first_month": 10,
                "last_month": 11,
            }
        ],
        accepts_requests=False,
        today=last_year,
    )
    url = manage_path(directory, company)
    page = client.get(url).content.decode()
    assert f"Gelden uw plaatsen van {THIS_YEAR - 1}-{THIS_YEAR} ook dit schooljaar?" in page
    assert 'value="5"' in page, "the form starts from last year's places"
    response = client.post(url, {"action": "confirm"})
    assert response["Location"].endswith("?gedaan=bevestigd")
    assert places_of(company) == [(5, "snuffelstage", None, 10, 11)]
    year = PlacesYear.objects.get(partner=company, school_year=THIS_YEAR)
    assert year.is_confirmed and not year.accepts_requests
    company.refresh_from_db()
    assert company.places_per_year == 5 and company.has_places_this_school_year


# Reminders


def test_reminders_go_once_per_school_year_with_a_link_that_opens(client, company, directory):
    confirmed = published_partner(name="Al Bevestigd (fictief)")
    PartnerAccessKey.issue(confirmed)
    services.save_places(confirmed, [{"places": 1, "first_month": 9, "last_month": 8}])
    no_link = published_partner(name="Zonder Link (fictief)")
    mail.outbox.clear()

    call_command("remind_places")
    assert [message.to for message in mail.outbox] == [["hr@zwartopwit.example"]]
    message = mail.outbox[0]
    assert (
        message.subject == f"Kloppen uw plaatsen voor schooljaar {THIS_YEAR}-{THIS_YEAR + 1} nog?"
    )
    link = next(line for line in message.body.splitlines() if "/plaatsen/" in line).strip()
    root = directory.get_site().root_url
    assert link.startswith(root)
    assert client.get(link.removeprefix(root)).status_code == 200
    assert no_link.contact_email not in str([m.to for m in mail.outbox])

    call_command("remind_places")
    assert len(mail.outbox) == 1, "nobody is reminded twice in a school year"
    assert PlacesReminder.objects.filter(partner=company, school_year=THIS_YEAR).count() == 1


def test_a_failed_reminder_is_tried_again_next_run(company, directory, settings):
    helpers.failing_mailers(settings)
    with pytest.raises(SystemExit):
        call_command("remind_places")
    assert not PlacesReminder.objects.filter(partner=company).exists()
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    call_command("remind_places")
    assert [message.to for message in mail.outbox] == [["hr@zwartopwit.example"]]


# The data migration

migration = importlib.import_module("partners.places.migrations.0002_places_from_partners")


def test_the_migration_carries_places_and_confirmation_over():
    confirmed_on = datetime.date(THIS_YEAR - 1, 10, 5)
    old = published_partner(places_per_year=4, last_confirmed=confirmed_on)
    never = published_partner(places_per_year=2, last_confirmed=None)
    none = published_partner(places_per_year=0)
    PlacesYear.objects.all().delete()
    migration.forwards(apps, None)
    migration.forwards(apps, None)  # a second run adds nothing
    year = PlacesYear.objects.get(partner=old)
    assert (year.school_year, year.confirmed_on) == (THIS_YEAR - 1, confirmed_on)
    assert places_of(old, THIS_YEAR - 1) == [(4, None, None, 9, 8)]
    assert PlaceOffer.objects.get(year=year).months == months.mask(9, 8)
    unconfirmed = PlacesYear.objects.get(partner=never)
    assert (unconfirmed.school_year, unconfirmed.confirmed_on) == (THIS_YEAR, None)
    assert not PlacesYear.objects.filter(partner=none).exists()
    assert PlaceOffer.objects.count() == 2


# The directory, cards and partner page


@pytest.fixture
def offered(directory):
    """Partners with places in February, only in the autumn, last year only, and as one number."""
    february = published_partner(name="Februari Open (fictief)")
    services.save_places(february, [STEM_ROW])
    autumn = published_partner(name="Najaar Open (fictief)")
    services.save_places(autumn, [{"places": 3, "first_month": 9, "last_month": 11}])
    stale = published_partner(name="Vorig Jaar (fictief)", last_confirmed=datetime.date(2020, 1, 1))
    services.save_places(stale, [STEM_ROW], today=datetime.date(THIS_YEAR, 2, 1))
    Partner.objects.filter(pk=stale.pk).update(last_confirmed=datetime.date(THIS_YEAR, 2, 1))
    legacy = published_partner(name="Eén Getal (fictief)", places_per_year=6)
    return {"february": february, "autumn": autumn, "stale": stale, "legacy": legacy}


STEM_ROW = {
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "places": 2,
    "first_month": 2,
    "last_month": 3,
}


def names_in(response):
    return {result["name"] for result in response.json()["results"]}


def test_the_directory_filters_on_open_places_in_a_month(client, offered, directory):
    february = client.get(directory.url + "?periode=februari")
    html = february.content.decode()
    assert "Februari Open (fictief)" in html and "Eén Getal (fictief)" in html
    assert "Najaar Open (fictief)" not in html and "Vorig Jaar (fictief)" not in html
    assert "Plaatsen open in: februari" in html, "the chosen month is a removable chip"
    api = client.get("/api/partners/?periode=februari&periode=oktober")
    assert names_in(api) == {
        "Februari Open (fictief)",
        "Najaar Open (fictief)",
        "Eén Getal (fictief)",
    }
    [facet] = [f for f in api.json()["facets"] if f["param"] == "periode"]
    counts = {option["slug"]: option["count"] for option in facet["options"]}
    assert counts["februari"] == 2 and counts["oktober"] == 2 and counts["juli"] == 1


def test_an_unknown_month_is_a_clear_error(client, offered, directory):
    response = client.get("/api/partners/?periode=brumaire")
    assert response.status_code == 400
    assert response.json()["errors"]["periode"] == ["brumaire bestaat niet."]
    page = client.get(directory.url + "?periode=brumaire")
    assert page.status_code == 200
    assert "brumaire bestaat niet." in page.content.decode()


def test_cards_and_pages_show_the_places_and_what_is_not_confirmed(client, offered, directory):
    cards = client.get(directory.url + "?q=fictief").content.decode()
    assert "2 plaatsen: Leerlingenstage, STEM, februari – maart" in cards
    assert (
        f"Niet bevestigd voor dit schooljaar (plaatsen van {THIS_YEAR - 1}-{THIS_YEAR})." in cards
    )
    page = client.get(offered["autumn"].url).content.decode()
    assert "3 plaatsen: werkplekleren, alle studiedomeinen, september – november" in page
    assert "Niet bevestigd voor dit schooljaar" not in page
    stale = client.get(offered["stale"].url).content.decode()
    assert "Niet bevestigd voor dit schooljaar" in stale


def test_the_api_lists_a_partners_places(client, offered):
    detail = client.get(f"/api/partners/{offered['february'].pk}/").json()
    assert detail["places"] == {
        "school_year": f"{THIS_YEAR}-{THIS_YEAR + 1}",
        "confirmed_this_school_year": True,
        "confirmed_on": timezone.localdate().isoformat(),
        "offers": [
            {
                "places": 2,
                "kind": {"slug": "leerlingenstage", "name": "Leerlingenstage"},
                "study_domain": {"slug": "stem", "name": "STEM"},
                "months": ["februari", "maart"],
                "period": "februari – maart",
            }
        ],
    }
    stale = client.get(f"/api/partners/{offered['stale'].pk}/").json()["places"]
    assert stale["confirmed_this_school_year"] is False
    assert client.get(f"/api/partners/{offered['legacy'].pk}/").json()["places"] is None
    listed = {r["name"]: r["places"] for r in client.get("/api/partners/").json()["results"]}
    assert listed["Najaar Open (fictief)"]["offers"][0]["months"] == [
        "september",
        "oktober",
        "november",
    ]
    assert "accepts_requests" not in str(detail)


def test_the_openapi_describes_places_and_the_period_filter(client):
    schema = client.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/partners/"]["get"]["parameters"]
    [period] = [p for p in parameters if p["name"] == "periode"]
    assert period["schema"]["items"]["enum"][:2] == ["september", "oktober"]
    assert "PlacesOut" in schema["components"]["schemas"]
    assert "offers" in schema["components"]["schemas"]["PlacesOut"]["properties"]


def test_taxonomy_rows_with_offers_cannot_be_deleted_silently(company):
    services.save_places(company, [STEM_ROW])
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        StudyDomain.objects.get(slug="stem").delete()
    assert WorkplaceLearningKind.objects.filter(slug="leerlingenstage").exists()
