"""The hostile corpus (tests/security/hostile_inputs.py) thrown at every form and API endpoint.

For each value: no 5xx, a clear answer (the page with a Dutch error summary, or the accepted
result; a JSON error with field messages from the API), and the value never appears unescaped
in what comes back, nor later where the stored value is shown (the admin, e-mails).
Values travel as a hostile client would send them: percent-encoded UTF-8, lone surrogates as
the invalid bytes they become.
"""

import json
import re
from urllib.parse import quote

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse

from partners.models import PartnerAccessKey, PartnerRegistration
from partners.registration import tokens
from tests.partners.factories import published_partner
from tests.partners.registration import helpers
from tests.security import hostile_inputs
from tests.support.otp import sign_in

TEXT_VALUES = [
    value if isinstance(value, str) else json.dumps(value) for value in hostile_inputs.VALUES
]
ERROR_SUMMARY = re.compile(r"Er (is een probleem|zijn \d+ problemen)|error-summary")
DUTCH_PAGE = 'lang="nl'


def encode(value):
    return quote(str(value).encode("utf-8", "surrogatepass"), safe="")


def form_body(fields):
    """An urlencoded body; list values become repeated fields."""
    parts = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(f"{encode(name)}={encode(item)}")
    return "&".join(parts)


def post_form(client, url, fields):
    return client.post(
        url, data=form_body(fields), content_type="application/x-www-form-urlencoded"
    )


def dangerous(value):
    """A value whose raw appearance in HTML would be an injection."""
    return isinstance(value, str) and len(value) >= 4 and bool(re.search(r"[<>\"]", value))


# Markup the pages themselves contain (a description's paragraphs): its presence proves nothing.
OWN_MARKUP = {"</p><p>", "<br>", "<!-- commentaar -->"}


def assert_escaped(body, value, where):
    if dangerous(value) and value not in OWN_MARKUP:
        assert value not in body, f"{value!r} rendered unescaped at {where}"


@pytest.fixture
def open_limits(settings):
    """Rate limits out of the way: the corpus, not the limiter, is under test here."""
    settings.REGISTRATION_RATE_LIMITS = dict.fromkeys(
        ("preview", "submit", "new_link", "manage", "alerts", "alert_email"), (10**9, 3600)
    )
    settings.PARTNERS_CONTACT_LIMIT = 10**9


@pytest.fixture
def world(site_tree, open_limits, django_user_model):
    partner = published_partner(name="Drukkerij Inkt (fictief)")
    key = PartnerAccessKey.issue(partner)
    manager = django_user_model.objects.create_user(username="pm", password="unused-123")
    manager.groups.add(Group.objects.get(name="Partnerbeheerders"))
    return {
        "directory": site_tree["directory"],
        "partner": partner,
        "token": tokens.make_manage_token(key),
        "manager": manager,
    }


def rotate(fields, names, index, value):
    """`fields` with the value in one of `names`, chosen by `index` (all of them on odd rounds
    of the corpus, so that every field gets values alone and all fields get them together)."""
    data = dict(fields)
    if (index // len(names)) % 2:
        for name in names:
            data[name] = value
    else:
        data[names[index % len(names)]] = value
    return data


def main_text(response):
    """The visible text of the page's main content, for failure messages."""
    body = response.content.decode()
    body = body[body.find("<main") :]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))[:3000]


def check_page(response, value, where):
    assert response.status_code < 500, f"{response.status_code} for {value!r} at {where}"
    body = response.content.decode()
    # JSON (the search suggestions) is not HTML: served as application/json with nosniff.
    if response["Content-Type"].startswith("text/html"):
        assert_escaped(body, value, where)
    return body


# Registration form


REGISTRATION_FIELDS = [
    "kind",
    "name",
    "enterprise_number",
    "website",
    "street",
    "postcode",
    "municipality",
    "sector",
    "description",
    "contact_name",
    "contact_role",
    "contact_email",
    "contact_phone",
    "kinds",
    "study_domains",
    "education_forms",
    "places_per_year",
    "mentor_available",
    "mentor_trained",
    "consent_privacy",
    "token",
]


@pytest.mark.django_db
def test_registration_form_survives_the_corpus(world, client):
    directory = world["directory"]
    url = helpers.register_url(directory)
    accepted = []
    for index, value in enumerate(TEXT_VALUES):
        fields = rotate(helpers.form_data(action="preview"), REGISTRATION_FIELDS, index, value)
        response = post_form(client, url, fields)
        body = check_page(response, value, url)
        assert response.status_code == 200, (value, response.status_code)
        if "payload" in body and 'name="payload"' in body:
            accepted.append(value)
            payload = re.search(r'name="payload" value="([^"]+)"', body).group(1)
            done = client.post(url, {"payload": payload, "action": "submit"}, follow=True)
            check_page(done, value, "submit")
            assert done.status_code == 200
        else:
            assert ERROR_SUMMARY.search(body), (value, main_text(response))
    # Most of the corpus is refused, some is harmless text that a company may really type.
    assert 0 < len(accepted) < len(TEXT_VALUES)
    # What was stored is shown escaped in the admin, to the partner managers who review it.
    admin = Client()
    sign_in(admin, world["manager"])
    listing = admin.get(reverse("wagtailsnippets_partners_partnerregistration:list"))
    assert listing.status_code == 200
    for registration in PartnerRegistration.objects.all():
        inspect = admin.get(
            reverse("wagtailsnippets_partners_partnerregistration:inspect", args=[registration.pk])
        )
        assert inspect.status_code == 200
        for value in registration.data.values():
            for item in value if isinstance(value, list) else [value]:
                assert_escaped(listing.content.decode(), str(item), "registration list")
                assert_escaped(inspect.content.decode(), str(item), "registration inspect")
    for message in mail.outbox:
        for html, _type in getattr(message, "alternatives", []):
            for value in accepted:
                assert_escaped(html, value, f"mail {message.subject}")


@pytest.mark.django_db
def test_a_tampered_preview_payload_is_refused_with_a_clear_message(world, client):
    url = helpers.register_url(world["directory"])
    for value in TEXT_VALUES[:60] + ["", "x" * 10_000]:
        response = post_form(client, url, {"payload": value, "action": "submit"})
        body = check_page(response, value, url)
        assert response.status_code == 400
        assert "We konden uw gegevens niet teruglezen" in body
    # A payload signed by us around a hostile structure (fields that are not lists of text).
    for fields in ({"name": {"x": 1}}, {"kinds": [[1]]}, {"name": None}, {"": ["x"]}):
        payload = tokens.make_preview_payload(fields, "t" * 32)
        response = client.post(url, {"payload": payload, "action": "submit"})
        assert response.status_code < 500
        assert ERROR_SUMMARY.search(response.content.decode())


# Contact form on a partner's page


@pytest.mark.django_db
def test_contact_form_survives_the_corpus(world, client):
    directory, partner = world["directory"], world["partner"]
    url = directory.url + directory.reverse_subpage("partner", args=[partner.slug])
    valid = {
        "naam": "Lies Leraar",
        "email": "lies@school.example",
        "organisatie": "Sint-Jan",
        "bericht": "Wij zoeken een stageplaats voor twee leerlingen in mei.",
    }
    sent = 0
    for index, value in enumerate(TEXT_VALUES):
        mail.outbox.clear()
        fields = rotate(valid, list(valid), index, value)
        response = post_form(client, url, fields)
        body = check_page(response, value, url)
        if response.status_code == 302:
            sent += 1
            for message in mail.outbox:
                # Header injection: the recipients are exactly the two intended ones.
                assert message.to in ([partner.contact_email], [fields["email"]])
                for html, _type in message.alternatives:
                    assert_escaped(html, value, "contact mail")
        else:
            assert response.status_code == 400, (value, response.status_code)
            assert ERROR_SUMMARY.search(body) or "notice--error" in body, value
    assert 0 < sent < len(TEXT_VALUES)


# Search, directory filters and the API's query parameters


@pytest.mark.django_db
def test_search_and_directory_filters_survive_the_corpus(world, client):
    directory = world["directory"]
    params = [
        "q",
        "bij",
        "straal",
        "sorteer",
        "pagina",
        "domein",
        "aanbod",
        "sector",
        "soort",
        "plaatsen",
    ]
    for index, value in enumerate(TEXT_VALUES):
        query = encode(value)
        name = params[index % len(params)]
        directory_query = (
            "&".join(f"{param}={query}" for param in params)
            if (index // len(params)) % 2
            else f"{name}={query}"
        )
        urls = [f"/zoeken/?q={query}", f"/zoeken/suggest/?q={query}"]
        urls.append(f"{directory.url}?{directory_query}")
        if index % 10 == 0:
            urls.append(f"{directory.url}csv/?{directory_query}")
        for url in urls:
            response = client.get(url)
            body = check_page(response, value, url) if not response.streaming else ""
            assert response.status_code in (200, 400), (url, response.status_code)
            if response["Content-Type"].startswith("text/html"):
                assert DUTCH_PAGE in body


@pytest.mark.django_db
def test_directory_api_answers_json_to_the_corpus(world, client):
    params = [
        "q",
        "bij",
        "straal",
        "sorteer",
        "page",
        "page_size",
        "pagina",
        "domein",
        "aanbod",
        "sector",
        "provincie",
        "soort",
        "plaatsen",
        "onbekend",
    ]
    for index, value in enumerate(TEXT_VALUES):
        name = params[index % len(params)]
        for url in (f"/api/partners/?{name}={encode(value)}", f"/api/partners/{encode(value)}/"):
            response = client.get(url)
            assert response.status_code in (200, 400, 404), (url, response.status_code)
            assert response["Content-Type"].startswith("application/json"), url
            data = response.json()
            if response.status_code != 200:
                assert data["detail"], url


@pytest.mark.django_db
def test_unknown_api_paths_answer_json_not_html(world, client):
    for path in (
        "/api/partners/abc/",
        "/api/partners/1/extra/",
        "/api/bestaat-niet/",
        "/api/partners/-1/",
        "/api/registrations/123/",
        "/api/" + "a" * 3000,
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"].startswith("application/json"), path
        assert response.json()["detail"]


# The registration API


def post_json(client, body, content_type="application/json", **headers):
    return client.post("/api/registrations/", data=body, content_type=content_type, headers=headers)


def assert_json_answer(response, where):
    assert response.status_code in (201, 400, 413, 415, 422), (where, response.status_code)
    assert response["Content-Type"].startswith("application/json"), where
    data = response.json()
    if response.status_code != 201:
        assert data["message"], where
    return data


@pytest.mark.django_db
def test_registration_api_survives_the_corpus(world, client):
    names = list(helpers.api_data()) + [
        "education_forms",
        "website",
        "municipality",
        "description",
        "contact_phone",
        "onbekend",
    ]
    created = 0
    for index, value in enumerate(hostile_inputs.VALUES):
        body = rotate(helpers.api_data(), names, index, value)
        text = json.dumps(body, ensure_ascii=True)
        response = post_json(client, text.encode())
        data = assert_json_answer(response, repr(value)[:80])
        created += response.status_code == 201
        if response.status_code == 400:
            assert data["errors"], value
    assert 0 < created < len(hostile_inputs.VALUES)


@pytest.mark.django_db
def test_registration_api_answers_json_to_broken_bodies(world, client):
    for body in hostile_inputs.BROKEN_JSON:
        response = post_json(client, body)
        assert_json_answer(response, repr(body[:40]))
    for content_type in (
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
        "",
    ):
        response = post_json(client, b"name=x", content_type=content_type)
        assert_json_answer(response, content_type)
    for key in ("", " ", "a" * 101, "sleutel met spaties", "\u00e9", "x\ty"):
        response = post_json(
            client, json.dumps(helpers.api_data()).encode(), HTTP_IDEMPOTENCY_KEY=key
        )
        assert response.status_code in (201, 400), key
        assert response["Content-Type"].startswith("application/json")


# Files that lie about their type, sent to every form and the API


@pytest.mark.django_db
def test_files_that_lie_about_their_type_are_never_stored(world, client, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    directory, partner = world["directory"], world["partner"]
    targets = [
        helpers.register_url(directory),
        directory.url + directory.reverse_subpage("partner", args=[partner.slug]),
        directory.url + directory.reverse_subpage("register_new_link"),
        directory.url + directory.reverse_subpage("manage_update", args=[world["token"]]),
        "/api/registrations/",
    ]
    for name, content_type, content in hostile_inputs.LYING_FILES:
        for url in targets:
            upload = SimpleUploadedFile(name.replace("\x00", ""), content, content_type)
            response = client.post(url, {**helpers.form_data(), "logo": upload, "bestand": upload})
            assert response.status_code < 500, (url, name, response.status_code)
            if url.startswith("/api/"):
                assert response["Content-Type"].startswith("application/json")
    stored = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    assert stored == []


# Self-service and the new-link request


@pytest.mark.django_db
def test_self_service_edit_survives_the_corpus(world, client):
    directory = world["directory"]
    url = directory.url + directory.reverse_subpage("manage_update", args=[world["token"]])
    names = [n for n in REGISTRATION_FIELDS if n not in ("enterprise_number", "consent_privacy")]
    updated = 0
    for index, value in enumerate(TEXT_VALUES):
        fields = rotate(helpers.update_data(), names, index, value)
        response = post_form(client, url, fields)
        body = check_page(response, value, url)
        if response.status_code == 302:
            updated += 1
        else:
            assert response.status_code == 200
            assert ERROR_SUMMARY.search(body), value
    assert 0 < updated < len(TEXT_VALUES)
    manage = client.get(directory.url + directory.reverse_subpage("manage", args=[world["token"]]))
    assert manage.status_code == 200


@pytest.mark.django_db
def test_new_link_request_survives_the_corpus(world, client):
    url = world["directory"].url + world["directory"].reverse_subpage("register_new_link")
    for value in TEXT_VALUES:
        response = post_form(client, url, {"email": value})
        body = check_page(response, value, url)
        assert response.status_code == 200
        # An error, or the same answer for every address (nobody can probe for addresses).
        assert ERROR_SUMMARY.search(body) or "Kijk in uw mailbox" in body, value


@pytest.mark.django_db
def test_oversized_and_overfull_requests_get_a_dutch_page_or_a_json_error(world):
    client = Client()
    directory = world["directory"]
    huge = "a" * 6_000_000  # over DATA_UPLOAD_MAX_MEMORY_SIZE (5 MB)
    many = "&".join(f"veld{i}=1" for i in range(20_000))  # over DATA_UPLOAD_MAX_NUMBER_FIELDS
    pages = [
        helpers.register_url(directory),
        directory.url + directory.reverse_subpage("partner", args=[world["partner"].slug]),
        directory.url + directory.reverse_subpage("register_new_link"),
    ]
    for url in pages:
        for body in ("naam=" + huge, many):
            response = client.post(url, data=body, content_type="application/x-www-form-urlencoded")
            assert response.status_code == 400, url
            html = response.content.decode()
            assert 'lang="nl-BE"' in html and "Er is niets bewaard" in html
    response = post_json(client, ('{"name": "' + huge + '"}').encode())
    assert response.status_code == 413
    assert response.json()["message"] == "De aanvraag is te groot."


@pytest.mark.django_db
def test_a_form_without_csrf_token_is_refused_in_dutch(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(helpers.register_url(world["directory"]), helpers.form_data())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulier verlopen" in html and "Er is niets bewaard" in html
    assert not PartnerRegistration.objects.exists()


# Places offered (partners/places)

PLACES_FIELDS = {
    "plaatsen-TOTAL_FORMS": "1",
    "plaatsen-INITIAL_FORMS": "0",
    "plaatsen-MIN_NUM_FORMS": "0",
    "plaatsen-MAX_NUM_FORMS": "20",
    "plaatsen-0-places": "2",
    "plaatsen-0-kind": "leerlingenstage",
    "plaatsen-0-study_domain": "stem",
    "plaatsen-0-first_month": "2",
    "plaatsen-0-last_month": "3",
    "accepts_requests": "on",
}


@pytest.mark.django_db
def test_places_form_survives_the_corpus(world, client):
    from partners.places.models import PlaceOffer

    directory = world["directory"]
    url = directory.url + directory.reverse_subpage("manage_places", args=[world["token"]])
    names = list(PLACES_FIELDS)
    saved = 0
    for index, value in enumerate(TEXT_VALUES):
        response = post_form(client, url, rotate(PLACES_FIELDS, names, index, value))
        body = check_page(response, value, url)
        if response.status_code == 302:
            saved += 1
        else:
            assert response.status_code == 400, (value, response.status_code)
            assert ERROR_SUMMARY.search(body), (value, main_text(response))
    assert 0 < saved < len(TEXT_VALUES)
    # Whatever was refused, the stored offers are whole rows with sane values.
    for offer in PlaceOffer.objects.all():
        assert 1 <= offer.places <= 500 and 1 <= offer.first_month <= 12
    assert client.get(url).status_code == 200


# Places asked: a school's request form and a partner's answer form


REQUEST_FIELDS = {
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "education_form": "",
    "learners": "2",
    "first_month": "2",
    "last_month": "3",
    "place": "9000",
    "radius_km": "20",
    "note": "Zesde jaar.",
}


def offer_places_matching_the_request(partner):
    """Two STEM places in February-March: what REQUEST_FIELDS asks for, so the partner receives it."""
    from partners.places import services

    services.save_places(
        partner,
        [
            {
                "kind": "leerlingenstage",
                "study_domain": "stem",
                "places": 2,
                "first_month": 2,
                "last_month": 3,
            }
        ],
    )


@pytest.mark.django_db
def test_place_request_and_answer_forms_survive_the_corpus(world, client):
    from partners.places.models import PlaceRequest, RequestRecipient

    directory = world["directory"]
    school = published_partner(name="School Corpus (fictief)", kind="school")
    token = tokens.make_manage_token(PartnerAccessKey.issue(school))
    url = directory.url + directory.reverse_subpage("manage_requests", args=[token])
    offer_places_matching_the_request(world["partner"])
    names = list(REQUEST_FIELDS)
    posted = 0
    for index, value in enumerate(TEXT_VALUES):
        response = post_form(client, url, rotate(REQUEST_FIELDS, names, index, value))
        body = check_page(response, value, url)
        if response.status_code == 302:
            posted += 1
            detail = client.get(response["Location"])
            check_page(detail, value, response["Location"])
        else:
            assert response.status_code == 400, (value, response.status_code)
            assert ERROR_SUMMARY.search(body), (value, main_text(response))
    assert 0 < posted < len(TEXT_VALUES)
    assert PlaceRequest.objects.count() == posted

    recipient = RequestRecipient.objects.filter(partner=world["partner"]).first()
    answer_url = directory.url + directory.reverse_subpage(
        "request_answer", args=[tokens.make_answer_token(recipient)]
    )
    for index, value in enumerate(TEXT_VALUES):
        fields = rotate({"answer": "vraag", "text": "Hoe lang?"}, ["answer", "text"], index, value)
        response = post_form(client, answer_url, fields)
        body = check_page(response, value, answer_url)
        assert response.status_code in (302, 400), (value, response.status_code)
        if response.status_code == 400:
            assert ERROR_SUMMARY.search(body), (value, main_text(response))
    check_page(client.get(answer_url), "", answer_url)


@pytest.mark.django_db
def test_a_schools_reply_and_close_actions_survive_the_corpus(world, client):
    """The school's request page: replies to a partner that answered, and the close buttons,
    with the corpus in the text, the chosen partner and the action. A refused reply keeps what
    was typed and stores nothing."""
    from partners.places import services
    from partners.places.forms import PlaceRequestForm
    from partners.places.models import RequestMessage, RequestStatus

    directory = world["directory"]
    offer_places_matching_the_request(world["partner"])
    school = published_partner(name="School Antwoorden (fictief)", kind="school")
    token = tokens.make_manage_token(PartnerAccessKey.issue(school))
    form = PlaceRequestForm({**REQUEST_FIELDS, "note": ""})
    assert form.is_valid()
    place_request = services.post_request(school, form.request_data())
    recipient = place_request.recipients.get()
    services.answer_request(recipient, "vraag", "Hoe lang?")
    url = directory.url + directory.reverse_subpage(
        "manage_request", args=[token, place_request.public_id]
    )
    names = ["text", "ontvanger", "action"]
    base = {"action": "reply", "ontvanger": str(recipient.public_id), "text": "Twee weken."}
    stored = RequestMessage.objects.count()
    for index, value in enumerate(TEXT_VALUES):
        response = post_form(client, url, rotate(base, names, index, value))
        body = check_page(response, value, url)
        assert response.status_code in (200, 302, 400), (value, response.status_code)
        if response.status_code == 400:
            assert ERROR_SUMMARY.search(body), (value, main_text(response))
        elif response.status_code == 302:
            stored = RequestMessage.objects.count()
        assert RequestMessage.objects.count() == stored
    place_request.refresh_from_db()
    assert place_request.status == RequestStatus.OPEN
    # A reply that is too long: a Dutch error, the text kept, nothing stored.
    long_text = "Lange uitleg " * 200
    response = post_form(client, url, {**base, "text": long_text})
    assert response.status_code == 400
    assert "Hoogstens 2000 tekens" in response.content.decode()
    assert long_text.strip()[:200] in response.content.decode()
    assert RequestMessage.objects.count() == stored


@pytest.mark.django_db
def test_the_shortage_page_and_reports_survive_the_corpus(world, client):
    directory = world["directory"]
    url = directory.url + directory.reverse_subpage("shortage")
    manager = Client(raise_request_exception=False)
    sign_in(manager, world["manager"])
    report = reverse("places_reports:shortage")
    for index, value in enumerate(TEXT_VALUES):
        query = encode(value)
        name = ("maand", "schooljaar")[index % 2]
        response = client.get(f"{url}?{name}={query}")
        check_page(response, value, url)
        assert response.status_code == 200, (value, response.status_code)
        if index % 10 == 0:  # the admin report: a sample (each page computes every cell)
            field = ("school_year", "month", "province", "study_domain", "ordering")[
                index // 10 % 5
            ]
            response = manager.get(f"{report}?{field}={query}")
            assert response.status_code == 200, (value, response.status_code)
            check_page(response, value, report)


@pytest.mark.django_db
def test_requests_and_answers_are_rate_limited_per_address(world, settings):
    """Posting requests and answers counts towards the address's "manage" limit: past it, a
    Dutch page and nothing stored."""
    from partners.places.models import PlaceRequest

    settings.REGISTRATION_RATE_LIMITS = {"manage": (2, 3600)}
    directory = world["directory"]
    offer_places_matching_the_request(world["partner"])
    school = published_partner(name="School Snel (fictief)", kind="school")
    token = tokens.make_manage_token(PartnerAccessKey.issue(school))
    url = directory.url + directory.reverse_subpage("manage_requests", args=[token])
    client = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [post_form(client, url, REQUEST_FIELDS).status_code for _round in range(3)]
    assert statuses == [302, 302, 429]
    assert PlaceRequest.objects.count() == 2
    limited = post_form(client, url, REQUEST_FIELDS)
    assert "te veel aanvragen" in limited.content.decode()
    # Another address is not held back by this one.
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert post_form(other, url, REQUEST_FIELDS).status_code == 302
    recipient = PlaceRequest.objects.first().recipients.get()
    answer_url = directory.url + directory.reverse_subpage(
        "request_answer", args=[tokens.make_answer_token(recipient)]
    )
    statuses = [
        post_form(other, answer_url, {"answer": "ja", "text": ""}).status_code
        for _round in range(2)
    ]
    assert statuses == [302, 429]


# Saved searches with e-mail alerts (partners/alerts)


ALERT_FIELDS = {"email": "juf@school.example", "frequentie": "wekelijks", "zoekopdracht": ""}


@pytest.mark.django_db
def test_saved_search_form_and_links_survive_the_corpus(world, client):
    from partners.alerts.models import SavedSearch

    directory = world["directory"]
    url = directory.url + directory.reverse_subpage("alert_new")
    names = list(ALERT_FIELDS)
    saved = 0
    for index, value in enumerate(TEXT_VALUES):
        # The directory's own parameters on the way in, as a hand-made link would carry them.
        page = client.get(f"{url}?q={encode(value)}&domein={encode(value)}&bij={encode(value)}")
        check_page(page, value, url)
        assert page.status_code == 200, (value, page.status_code)
        response = post_form(client, url, rotate(ALERT_FIELDS, names, index, value))
        body = check_page(response, value, url)
        if response.status_code == 302:
            saved += 1
        else:
            assert response.status_code == 400, (value, response.status_code)
            assert ERROR_SUMMARY.search(body), (value, main_text(response))
        for route in ("alert_confirm", "alert_unsubscribe"):
            link = directory.url + directory.reverse_subpage(route, args=["x"]).replace(
                "/x/", f"/{encode(value) or 'x'}/"
            )
            for method in (client.get, client.post):
                answer = method(link)
                check_page(answer, value, link)
                assert answer.status_code in (404, 400), (route, value, answer.status_code)
        one_click = f"/zoekopdrachten/uitschrijven/{encode(value) or 'x'}/"
        assert client.post(one_click).status_code in (404, 400), value
    assert 0 < saved < len(TEXT_VALUES)
    assert SavedSearch.objects.count() == saved == len(mail.outbox)
    # What was stored is shown escaped on its confirmation page and in its mail.
    for saved_search in SavedSearch.objects.all():
        link = directory.url + directory.reverse_subpage(
            "alert_confirm", args=[tokens.make_alert_confirm_token(saved_search)]
        )
        check_page(client.get(link), saved_search.email, link)
        assert len(saved_search.query) <= 2000
    for message in mail.outbox:
        html = message.alternatives[0][0]
        for value in TEXT_VALUES:
            assert_escaped(html, value, message.subject)
