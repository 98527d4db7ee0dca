"""Data protection: a data subject request from the admin (export and erase everything held
about a contact person), the retention purge seen from the same angle, and logs without
personal data."""

import datetime
import json
import logging

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.utils import timezone

from wagtail.models import Revision

from partners.models import Partner, PartnerAccessKey, PartnerRegistration
from partners.registration import services, tokens
from tests.partners.factories import published_partner
from tests.partners.registration import helpers
from tests.support.otp import sign_in

SUBJECT = "an.peeters@korenaar.example"
URL = "/admin/persoonsgegevens/"


@pytest.fixture
def held(site_tree, django_user_model):
    """The subject's data in every place it can be: a registration, a published partner with
    history, another partner whose pending draft names the subject, a management link."""
    registration, _created = services.create_registration(
        helpers.registration_data(contact_email=SUBJECT, contact_name="An Peeters")
    )
    partner = published_partner(
        name="Bakkerij Korenaar (fictief)",
        contact_name="An Peeters",
        contact_email=SUBJECT,
        contact_phone="+3292345678",
    )
    partner.contact_role = "zaakvoerder en mentor"
    partner.save_revision().publish()
    key = PartnerAccessKey.issue(partner)
    other = published_partner(
        name="Slagerij Anders (fictief)", contact_email="ander@slagerij.example"
    )
    other.contact_email = SUBJECT.upper()  # a pending change in a draft revision only
    other.save_revision()
    bystander = published_partner(
        name="Garage Derde (fictief)", contact_email="derde@garage.example"
    )
    manager = django_user_model.objects.create_user(username="pm", password="unused-123")
    manager.groups.add(Group.objects.get(name="Partnerbeheerders"))
    editor = django_user_model.objects.create_user(username="ed", password="unused-123")
    editor.groups.add(Group.objects.get(name="Redacteurs"))
    return {
        "registration": registration,
        "partner": partner,
        "other": other,
        "bystander": bystander,
        "token": tokens.make_manage_token(key),
        "directory": site_tree["directory"],
        "manager": manager,
        "editor": editor,
    }


def login(user):
    client = Client()
    sign_in(client, user)
    return client


def revisions_naming(email):
    return [r for r in Revision.objects.all() if email.lower() in json.dumps(r.content).lower()]


@pytest.mark.django_db
def test_a_partner_manager_finds_and_exports_everything_about_a_contact_person(held):
    client = login(held["manager"])
    page = client.get(URL, {"email": SUBJECT})
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 registratie" in html
    assert "1 partner met dit adres als contact" in html
    assert "Bakkerij Korenaar (fictief)" in html

    export = client.get(URL, {"email": SUBJECT, "export": "json"})
    assert export.status_code == 200
    assert export["Content-Disposition"] == 'attachment; filename="persoonsgegevens.json"'
    data = json.loads(export.content)
    assert [r["reference"] for r in data["registrations"]] == [str(held["registration"].public_id)]
    assert data["registrations"][0]["submitted_data"]["contact_email"] == SUBJECT
    assert [p["organisation"] for p in data["partners"]] == ["Bakkerij Korenaar (fictief)"]
    assert data["partners"][0]["contact_phone"] == "+3292345678"
    # The partner's history and the other partner's pending draft are both in it.
    assert {r["partner_id"] for r in data["revisions"]} == {held["partner"].pk, held["other"].pk}
    assert [k["partner_id"] for k in data["keys"]] == [held["partner"].pk]
    assert "derde@garage.example" not in export.content.decode()

    csv = client.get(URL, {"email": SUBJECT, "export": "csv"})
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    lines = csv.content.decode().splitlines()
    assert lines[0] == "soort,referentie,gegevens"
    kinds = [line.split(",", 1)[0] for line in lines[1:]]
    assert kinds.count("registratie") == 1 and kinds.count("partner") == 1
    assert kinds.count("beheersleutel") == 1 and kinds.count("revisie") >= 3


@pytest.mark.django_db
def test_erasing_removes_the_contact_person_everywhere_and_nothing_else(held):
    client = login(held["manager"])
    refused = client.post(URL, {"email": SUBJECT})
    assert refused.status_code == 200
    assert "Vink aan dat u alles wilt verwijderen" in refused.content.decode()
    assert PartnerRegistration.objects.for_email(SUBJECT).exists()

    done = client.post(URL, {"email": SUBJECT, "confirm": "on"}, follow=True)
    assert done.status_code == 200
    assert "Verwijderd: 1 registratie(s)" in done.content.decode()

    assert not PartnerRegistration.objects.for_email(SUBJECT).exists()
    partner = Partner.objects.get(pk=held["partner"].pk)
    assert (partner.contact_name, partner.contact_email, partner.contact_phone) == ("", "", "")
    assert partner.contact_role == ""
    assert partner.live and partner.name == "Bakkerij Korenaar (fictief)"
    assert revisions_naming(SUBJECT) == []
    assert not any("An Peeters" in json.dumps(r.content) for r in Revision.objects.all())
    assert not PartnerAccessKey.objects.filter(partner=held["partner"]).exists()
    # The management link that went to the subject no longer works.
    directory = held["directory"]
    manage = directory.url + directory.reverse_subpage("manage", args=[held["token"]])
    assert Client().get(manage).status_code == 404
    # The other partner keeps its own (published) contact; the bystander is untouched.
    assert Partner.objects.get(pk=held["other"].pk).contact_email == "ander@slagerij.example"
    assert Partner.objects.get(pk=held["bystander"].pk).contact_email == "derde@garage.example"
    # Nothing is left to export, and the erasure is in the history without the address.
    after = json.loads(client.get(URL, {"email": SUBJECT, "export": "json"}).content)
    assert after["registrations"] == after["partners"] == after["revisions"] == after["keys"] == []
    from wagtail.models import ModelLogEntry

    erased = ModelLogEntry.objects.filter(action="partners.partner.personal_data_erased")
    assert erased.count() == 2
    assert not any(SUBJECT in json.dumps(entry.data) + entry.label for entry in erased)


@pytest.mark.django_db
def test_only_partner_managers_and_superusers_may_handle_requests(held):
    response = login(held["editor"]).get(URL, {"email": SUBJECT, "export": "json"})
    assert response.status_code in (302, 403)
    assert SUBJECT not in response.content.decode()
    response = login(held["editor"]).post(URL, {"email": SUBJECT, "confirm": "on"})
    assert response.status_code in (302, 403)
    assert PartnerRegistration.objects.for_email(SUBJECT).exists()
    assert Client().get(URL, {"email": SUBJECT}).status_code == 302  # to the login page


@pytest.mark.django_db
def test_the_retention_purge_leaves_nothing_to_find(site_tree):
    from partners.privacy import personal_data as privacy

    registration, _created = services.create_registration(
        helpers.registration_data(contact_email=SUBJECT)
    )
    PartnerRegistration.objects.filter(pk=registration.pk).update(
        created_at=timezone.now() - services.UNVERIFIED_RETENTION - datetime.timedelta(hours=1)
    )
    recent, _created = services.create_registration(
        helpers.registration_data(contact_email="recent@bedrijf.example", name="Recent BV")
    )
    services.purge_registrations()
    assert privacy.collect(SUBJECT)["registrations"] == []
    assert PartnerRegistration.objects.filter(pk=recent.pk).exists()


# Logs


PERSONAL = [
    "an.peeters",
    "korenaar.example",
    "An Peeters",
    "Peeters",
    "09 234 56 78",
    "+3292345678",
    "092345678",
    "Lies Leraar",
    "lies@school.example",
    "0478 12 34 56",
]


@pytest.mark.django_db
def test_logs_hold_no_personal_data(
    site_tree, caplog, settings, django_capture_on_commit_callbacks
):
    """Everything logged at DEBUG through a registration (form, preview, submit, verification),
    a failing and a working mail, and a contact message: no address, phone or name."""
    directory = site_tree["directory"]
    partner = published_partner(
        name="Drukkerij Inkt (fictief)",
        contact_name="An Peeters",
        contact_email="an.peeters@korenaar.example",
        contact_phone="+3292345678",
    )
    client = Client()
    # DEBUG everywhere, also for the loggers the settings quieten (django.request, tasks).
    for name in ("", "django", "django.request", "django_tasks", "partners", "portal", "wagtail"):
        caplog.set_level(logging.DEBUG, logger=name)
    with django_capture_on_commit_callbacks(execute=True):
        data = helpers.form_data(
            contact_name="An Peeters", contact_email=SUBJECT, contact_phone="09 234 56 78"
        )
        response = helpers.submit(client, directory, data)
        assert response.status_code == 302
        registration = PartnerRegistration.objects.get(contact_email=SUBJECT)
        assert client.post(helpers.verify_path(registration, directory)).status_code == 200
        # The mail server down: the failure is logged, without the address.
        helpers.failing_mailers(settings)
        helpers.submit(
            client,
            directory,
            helpers.form_data(
                contact_email=SUBJECT, name="Tweede BV", enterprise_number="0404.616.494"
            ),
        )
        settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
        page = directory.url + directory.reverse_subpage("partner", args=[partner.slug])
        sent = client.post(
            page,
            {
                "naam": "Lies Leraar",
                "email": "lies@school.example",
                "organisatie": "Sint-Jan",
                "bericht": "Wij zoeken een stageplaats, bel 0478 12 34 56 of mail ons.",
            },
        )
        assert sent.status_code == 302
        helpers.failing_mailers(settings)
        client.post(
            page,
            {
                "naam": "Lies Leraar",
                "email": "lies@school.example",
                "bericht": "Tweede bericht terwijl de mailserver plat ligt, met details.",
            },
        )
    assert len(caplog.records) > 5  # the flow did log (that the check below looks at something)
    text = "\n".join(record.getMessage() + (record.exc_text or "") for record in caplog.records)
    for value in PERSONAL:
        assert value not in text, (
            f"{value!r} is in the logs: "
            + text[max(0, text.find(value) - 300) : text.find(value) + 100]
        )
    assert any(m.to == [SUBJECT] for m in mail.outbox)
