"""Places asked, in Chromium: a school posts a request through its management link, the two
matching partners receive it by e-mail, one answers yes, and the school sees the answer."""

import re

import pytest
from playwright.sync_api import expect

from django.core import mail

from partners.models import PartnerAccessKey
from partners.places import services
from partners.registration import tokens
from tests.partners.factories import published_partner

pytestmark = pytest.mark.browser

STEM_FEB_MAR = {
    "kind": "leerlingenstage",
    "study_domain": "stem",
    "places": 2,
    "first_month": 2,
    "last_month": 3,
}


def test_school_asks_two_partners_receive_it_one_answers_yes(live_server, live_site, new_page):
    directory = live_site["directory"]
    school = published_partner(
        name="Technisch Atheneum Noord (fictief)",
        kind="school",
        contact_email="stage@atheneum-noord.example",
    )
    token = tokens.make_manage_token(PartnerAccessKey.issue(school))
    near = published_partner(name="Elektro Dichtbij (fictief)", contact_email="hr@dichtbij.example")
    also = published_partner(
        name="Machines Gentbrugge (fictief)",
        postcode="9050",
        municipality="Gentbrugge",
        contact_email="hr@gentbrugge.example",
    )
    far = published_partner(name="Verre Fabriek (fictief)", postcode="3500", municipality="Hasselt")
    for partner in (near, also, far):
        services.save_places(partner, [STEM_FEB_MAR])
    mail.outbox.clear()

    # The school, with its management link: to its requests, a mistake, then the request.
    school_page = new_page()
    school_page.goto(
        live_server.url + directory.url + directory.reverse_subpage("manage", args=[token])
    )
    school_page.get_by_role("link", name="Aanvragen bekijken en versturen").click()
    school_page.locator("#id_kind").select_option("leerlingenstage")
    school_page.locator("#id_study_domain").select_option("stem")
    school_page.locator("#id_learners").fill("2")
    school_page.locator("#id_first_month").select_option("2")
    school_page.locator("#id_last_month").select_option("3")
    school_page.locator("#id_place").fill("Atlantis")
    school_page.locator("#id_note").fill("Zesde jaar elektromechanica.")
    school_page.get_by_role("button", name="Aanvraag versturen").click()
    expect(school_page.locator(".error-summary")).to_contain_text(
        "We vinden geen Belgische postcode of gemeente"
    )
    assert school_page.locator("#id_note").input_value() == "Zesde jaar elektromechanica."
    school_page.locator("#id_place").fill("Gent")
    school_page.get_by_role("button", name="Aanvraag versturen").click()
    expect(school_page.get_by_role("status")).to_have_text(
        "Uw aanvraag is verstuurd naar 2 partners."
    )

    # Both nearby partners receive it; the one in Hasselt does not.
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "hr@dichtbij.example",
        "hr@gentbrugge.example",
    ]
    to_near = next(message for message in mail.outbox if message.to == ["hr@dichtbij.example"])
    assert "stage@atheneum-noord.example" not in to_near.body
    answer_link = re.search(r"http://\S+/aanvraag/\S+/", to_near.body).group(0)
    mail.outbox.clear()

    # The partner answers yes from the link in its e-mail.
    partner_page = new_page()
    partner_page.goto(answer_link)
    expect(partner_page.get_by_role("heading", level=1)).to_have_text(
        "Aanvraag van Technisch Atheneum Noord (fictief)"
    )
    expect(partner_page.get_by_text("Zesde jaar elektromechanica.")).to_be_visible()
    partner_page.get_by_label("Ja, er is plaats").check()
    partner_page.get_by_label("Bericht aan de school").fill("Welkom vanaf 3 februari.")
    partner_page.get_by_role("button", name="Antwoord versturen").click()
    expect(partner_page.get_by_role("status")).to_contain_text("Uw antwoord is verstuurd")
    [to_school] = mail.outbox
    assert to_school.to == ["stage@atheneum-noord.example"]
    assert "hr@dichtbij.example" not in to_school.body

    # The school sees the answer on its request page.
    school_page.reload()
    expect(school_page.get_by_role("heading", level=3)).to_have_text(
        "Elektro Dichtbij (fictief): Ja, er is plaats"
    )
    expect(school_page.get_by_text("Welkom vanaf 3 februari.")).to_be_visible()
    expect(school_page.get_by_text("1 antwoordde nog niet")).to_be_visible()
    assert "hr@dichtbij.example" not in school_page.content()


def test_the_retention_purge_removes_a_request_after_its_term(
    live_server, live_site, new_page, settings
):
    """A school's closed request, with a partner's answer and message: after the term,
    `manage.py purge_place_requests` deletes it; the school's pages and the partner's answer
    link no longer show any of it."""
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    from partners.places.forms import PlaceRequestForm
    from partners.places.models import PlaceRequest, RequestMessage, RequestStatus

    directory = live_site["directory"]
    school = published_partner(
        name="Atheneum Bewaartermijn (fictief)",
        kind="school",
        contact_email="stage@bewaartermijn.example",
    )
    token = tokens.make_manage_token(PartnerAccessKey.issue(school))
    company = published_partner(name="Elektro Termijn (fictief)", contact_email="hr@t.example")
    services.save_places(company, [STEM_FEB_MAR])
    form = PlaceRequestForm(
        {
            "kind": "leerlingenstage",
            "study_domain": "stem",
            "learners": "2",
            "first_month": "2",
            "last_month": "3",
            "place": "9000",
            "radius_km": "20",
            "note": "Leerling met een bijzondere vraag",
        }
    )
    assert form.is_valid(), form.errors
    place_request = services.post_request(school, form.request_data())
    recipient = place_request.recipients.get()
    services.answer_request(recipient, "vraag", "Bel ons op het nummer van de mentor")
    services.close_request(place_request, RequestStatus.PLACED)

    base = live_server.url + directory.url
    request_url = base + directory.reverse_subpage(
        "manage_request", args=[token, place_request.public_id]
    )
    requests_url = base + directory.reverse_subpage("manage_requests", args=[token])
    answer_url = base + directory.reverse_subpage(
        "request_answer", args=[tokens.make_answer_token(recipient)]
    )
    page = new_page()
    page.goto(request_url)
    expect(page.get_by_text("Bel ons op het nummer van de mentor")).to_be_visible()

    # Not yet due: the purge keeps it.
    call_command("purge_place_requests")
    page.reload()
    expect(page.get_by_text("Bel ons op het nummer van de mentor")).to_be_visible()

    # The term passes.
    PlaceRequest.objects.filter(pk=place_request.pk).update(
        closed_at=timezone.now()
        - datetime.timedelta(days=settings.PLACES_REQUEST_RETENTION_DAYS + 1)
    )
    call_command("purge_place_requests")
    assert not PlaceRequest.objects.filter(pk=place_request.pk).exists()
    assert not RequestMessage.objects.exists()
    response = page.goto(request_url)
    assert response.status == 404
    page.goto(requests_url)
    expect(page.locator("main")).not_to_contain_text("Leerling met een bijzondere vraag")
    expect(page.locator("main")).not_to_contain_text("Elektro Termijn")
    response = page.goto(answer_url)
    assert response.status == 404
    expect(page.locator("main")).not_to_contain_text("Bel ons op het nummer van de mentor")
