"""Places asked: a school posts a request through its management link, matching partners get it
by e-mail, answer through a signed link, the school sees the answers, replies and closes."""

import datetime
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from partners.models import PartnerAccessKey
from partners.places import jobs, services
from partners.places.models import PlaceRequest, RequestMessage, RequestRecipient
from tests.partners.factories import published_partner
from tests.partners.places.conftest import manage_path

pytestmark = pytest.mark.django_db

STEM_FEB_MAR = {
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "places": 2,
    "first_month": 2,
    "last_month": 3,
}
REQUEST = {
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "education_form": "",
    "learners": "2",
    "first_month": "2",
    "last_month": "3",
    "place": "9000",
    "radius_km": "20",
    "note": "Leerlingen uit het 6de jaar elektromechanica.",
}


def offering(name, postcode="9000", municipality="Gent", rows=(STEM_FEB_MAR,), **kwargs):
    accepts = kwargs.pop("accepts_requests", True)
    partner = published_partner(name=name, postcode=postcode, municipality=municipality, **kwargs)
    services.save_places(partner, list(rows), accepts_requests=accepts)
    return partner


@pytest.fixture
def world(directory):
    school = published_partner(
        name="Technisch Atheneum Noord (fictief)",
        kind="school",
        contact_email="stage@atheneum-noord.example",
    )
    PartnerAccessKey.issue(school)
    other_school = published_partner(name="Andere School (fictief)", kind="school")
    PartnerAccessKey.issue(other_school)
    return {
        "school": school,
        "other_school": other_school,
        "near": offering("Elektro Dichtbij (fictief)", contact_email="hr@dichtbij.example"),
        "also": offering(
            "Machines Gentbrugge (fictief)",
            postcode="9050",
            municipality="Gentbrugge",
            contact_email="hr@gentbrugge.example",
        ),
        "far": offering("Verre Fabriek (fictief)", postcode="3500", municipality="Hasselt"),
        "autumn": offering(
            "Alleen Najaar (fictief)", rows=[{**STEM_FEB_MAR, "first_month": 9, "last_month": 11}]
        ),
        "closed": offering("Geen Aanvragen (fictief)", accepts_requests=False),
        "school_with_places": offering("School Met Plaatsen (fictief)", kind="school"),
        "other_domain": offering(
            "Bakkerij (fictief)", rows=[{**STEM_FEB_MAR, "study_domain": "voeding-en-horeca"}]
        ),
        "any": offering(
            "Alles Welkom (fictief)",
            rows=[{"places": 1, "first_month": 9, "last_month": 8}],
            kinds=["leerlingenstage"],
        ),
    }


def post_request(client, directory, school, data, capture):
    with capture(execute=True):
        return client.post(manage_path(directory, school, "manage_requests"), data)


def link_in(message, marker):
    line = next(line for line in message.body.splitlines() if marker in line)
    return line.strip().removeprefix("http://localhost")


def test_a_request_reaches_the_matching_partners_only(
    client, directory, world, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    response = post_request(
        client, directory, world["school"], REQUEST, django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    place_request = PlaceRequest.objects.get()
    names = {r.partner.name for r in place_request.recipients.select_related("partner")}
    assert names == {
        "Elektro Dichtbij (fictief)",
        "Machines Gentbrugge (fictief)",
        "Alles Welkom (fictief)",
    }
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == sorted(
        [world["near"].contact_email, world["also"].contact_email, world["any"].contact_email]
    )
    for message in mail.outbox:
        assert message.subject == (
            "Een school zoekt plaatsen: 2 leerlingen, Leerlingenstage, STEM, februari – maart"
        )
        html = message.alternatives[0].content
        assert '<html lang="nl-BE">' in html and "/aanvraag/" in html
        assert "stage@atheneum-noord.example" not in html
        assert "stage@atheneum-noord.example" not in message.body
        assert "Technisch Atheneum Noord (fictief)" in message.body
        assert "/aanvraag/" in message.body
    page = client.get(response["Location"]).content.decode()
    assert "Uw aanvraag is verstuurd naar 3 partners." in page
    for partner in world.values():
        assert partner.contact_email not in page
    # Sending again (the task run twice) mails nobody a second time.
    assert jobs.send_place_request(place_request.pk) == 0


def test_at_most_the_configured_number_of_partners_nearest_first(
    client, directory, world, settings, django_capture_on_commit_callbacks
):
    settings.PLACES_REQUEST_MAX_RECIPIENTS = 1
    mail.outbox.clear()
    post_request(client, directory, world["school"], REQUEST, django_capture_on_commit_callbacks)
    [recipient] = RequestRecipient.objects.all()
    assert recipient.distance_km == 0.0
    assert len(mail.outbox) == 1


def test_answers_reach_the_school_and_stay_between_the_two(
    client, directory, world, django_capture_on_commit_callbacks
):
    post_request(client, directory, world["school"], REQUEST, django_capture_on_commit_callbacks)
    place_request = PlaceRequest.objects.get()
    to_near = next(m for m in mail.outbox if world["near"].contact_email in m.to)
    to_also = next(m for m in mail.outbox if world["also"].contact_email in m.to)
    answer_path = link_in(to_near, "/aanvraag/")
    mail.outbox.clear()

    page = client.get(answer_path)
    assert page.status_code == 200
    assert "Leerlingen uit het 6de jaar elektromechanica." in page.content.decode()
    # A question needs its text: a Dutch error, nothing stored.
    refused = client.post(answer_path, {"answer": "vraag", "text": ""})
    assert refused.status_code == 400
    assert "Schrijf uw vraag aan de school." in refused.content.decode()
    assert not RequestRecipient.objects.exclude(answer="").exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(answer_path, {"answer": "ja", "text": "Welkom vanaf 3 februari."})
    assert done.status_code == 302
    [to_school] = mail.outbox
    assert to_school.to == ["stage@atheneum-noord.example"]
    assert "Ja, er is plaats" in to_school.body and "Welkom vanaf 3 februari." in to_school.body
    assert world["near"].contact_email not in to_school.body

    school_page = client.get(link_in(to_school, "/aanvragen/")).content.decode()
    assert "Elektro Dichtbij (fictief): Ja, er is plaats" in school_page
    assert "Welkom vanaf 3 februari." in school_page
    assert "2 antwoordden nog niet" in school_page
    assert world["near"].contact_email not in school_page

    # The other partner sees the request, not its colleague's answer.
    other = client.get(link_in(to_also, "/aanvraag/")).content.decode()
    assert "Welkom vanaf 3 februari." not in other and "Elektro Dichtbij" not in other

    # The school replies to the partner that answered: only that partner is mailed.
    mail.outbox.clear()
    recipient = RequestRecipient.objects.get(partner=world["near"])
    url = manage_path(directory, world["school"], "manage_requests") + f"{place_request.public_id}/"
    with django_capture_on_commit_callbacks(execute=True):
        reply = client.post(
            url, {"action": "reply", "ontvanger": str(recipient.public_id), "text": "Top, tot dan!"}
        )
    assert reply.status_code == 302
    assert [m.to for m in mail.outbox] == [[world["near"].contact_email]]
    assert "stage@atheneum-noord.example" not in mail.outbox[0].body
    # Replying to a partner that did not answer is refused.
    unanswered = RequestRecipient.objects.get(partner=world["also"])
    refused = client.post(
        url, {"action": "reply", "ontvanger": str(unanswered.public_id), "text": "Hallo?"}
    )
    assert refused.status_code == 400
    assert RequestMessage.objects.filter(recipient=unanswered).count() == 0

    # Closing: partners can no longer answer.
    assert client.post(url, {"action": "geplaatst"}).status_code == 302
    place_request.refresh_from_db()
    assert place_request.status == "geplaatst" and place_request.closed_at
    closed = client.get(link_in(to_also, "/aanvraag/")).content.decode()
    assert "De school heeft deze aanvraag gesloten." in closed
    client.post(link_in(to_also, "/aanvraag/"), {"answer": "ja"})
    assert RequestRecipient.objects.get(pk=unanswered.pk).answer == ""


def test_a_school_never_sees_another_schools_request(
    client, directory, world, django_capture_on_commit_callbacks
):
    post_request(client, directory, world["school"], REQUEST, django_capture_on_commit_callbacks)
    place_request = PlaceRequest.objects.get()
    foreign = manage_path(directory, world["other_school"], "manage_requests")
    response = client.get(f"{foreign}{place_request.public_id}/")
    assert response.status_code == 404
    assert "elektromechanica" not in response.content.decode()
    assert "elektromechanica" not in client.get(foreign).content.decode()
    # Nor the public: no directory page, API or search shows it.
    assert "elektromechanica" not in client.get(directory.url).content.decode()
    assert "elektromechanica" not in client.get("/api/partners/").content.decode()


def test_only_schools_post_requests(client, directory, world):
    response = client.get(manage_path(directory, world["near"], "manage_requests"))
    assert response.status_code == 403
    assert "Aanvragen voor plaatsen kunnen alleen scholen versturen." in response.content.decode()
    response = client.post(manage_path(directory, world["near"], "manage_requests"), REQUEST)
    assert response.status_code == 403
    assert not PlaceRequest.objects.exists()


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"kind": ""}, "Kies een vorm van werkplekleren."),
        ({"study_domain": "maanvaart"}, "Kies een studiedomein uit de lijst."),
        ({"learners": "0"}, "Vul minstens 1 in."),
        ({"learners": "veel"}, "Vul een getal in, bijvoorbeeld 3."),
        ({"place": "Atlantis"}, "We vinden geen Belgische postcode of gemeente"),
        ({"radius_km": "7"}, "Kies 5, 10, 20 of 50 km."),
        ({"first_month": "6", "last_month": "2"}, "ligt vóór de eerste"),
        ({"note": "x" * 1001}, "Hoogstens 1000 tekens."),
    ],
)
def test_bad_requests_answer_in_dutch_keep_what_was_typed_and_store_nothing(
    client, directory, world, values, message
):
    response = client.post(
        manage_path(directory, world["school"], "manage_requests"), {**REQUEST, **values}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Leerlingen uit het 6de jaar elektromechanica." in html or "note" in values
    assert not PlaceRequest.objects.exists()
    assert not mail.outbox


def test_a_changed_answer_link_is_refused(
    client, directory, world, django_capture_on_commit_callbacks
):
    post_request(client, directory, world["school"], REQUEST, django_capture_on_commit_callbacks)
    path = link_in(mail.outbox[0], "/aanvraag/")
    token = path.rstrip("/").rsplit("/", 1)[1]
    broken = path.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert client.get(broken).status_code == 404
    assert client.post(broken, {"answer": "ja"}).status_code == 404
    assert not RequestRecipient.objects.exclude(answer="").exists()


def test_requests_are_deleted_after_their_term(directory, world, settings):
    settings.PLACES_REQUEST_RETENTION_DAYS = 365
    data = {
        "kind": world["near"].kinds.first(),
        "study_domain": world["near"].study_domains.first(),
        "learners": 1,
        "first_month": 2,
        "last_month": 3,
        "place": "9000",
        "latitude": 51.05,
        "longitude": 3.72,
        "radius_km": 20,
    }
    old = services.post_request(world["school"], data)
    recent = services.post_request(world["school"], data)
    services.answer_request(old.recipients.first(), "ja", "Graag!")
    services.close_request(old, "geplaatst")
    PlaceRequest.objects.filter(pk=old.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=366)
    )
    call_command("purge_place_requests")
    assert list(PlaceRequest.objects.all()) == [recent]
    assert not RequestMessage.objects.exists()
    assert RequestRecipient.objects.filter(request=old.pk).count() == 0


def test_the_school_is_told_when_no_partner_matches(
    client, directory, world, django_capture_on_commit_callbacks
):
    response = post_request(
        client,
        directory,
        world["school"],
        {**REQUEST, "kind": "gastles"},
        django_capture_on_commit_callbacks,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Geen enkele partner in de buurt heeft open plaatsen die passen." in page
    assert re.search(r"Uw aanvraag is verstuurd naar 0 partners", page)
