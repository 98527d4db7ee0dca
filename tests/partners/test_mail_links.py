"""Every link in every e-mail the portal sends opens a page on the server that sent it.

The site runs on a host and port that are not the defaults (127.0.0.5, a free port, or
WPP_MAIL_LINK_SERVER=host:port): its Wagtail Site and WAGTAILADMIN_BASE_URL say so, as `make run
HOST=... PORT=...` sets them. The flows run for real over HTTP (the registration form, the
verification, the contact form, the management link) and through Wagtail's workflow engine (a
moderator approves or rejects; an editor submits a chapter). After each step every link in the
outbox (text and HTML) is followed as its recipient, logged in where the recipient is a member
of staff, and must answer 200 from this server. Each recipient gets one e-mail per event.
"""

import os
import re
from html import unescape
from urllib.parse import urldefrag, urlsplit

import pytest
import requests
from pytest_django.live_server_helper import LiveServer

from django.contrib.auth.models import Group
from django.core import mail

from wagtail.models import Site, WorkflowState

from partners.models import Partner, PartnerRegistration
from partners.places.models import RequestRecipient
from tests.conftest import restore_migration_data
from tests.factories import make_site_tree
from tests.partners.registration import helpers
from tests.support.otp import verified_client

URL = re.compile(r"""https?://[^\s"'<>]+""")


@pytest.fixture
def server(transactional_db, settings):
    restore_migration_data()
    tree = make_site_tree()
    live = LiveServer(os.environ.get("WPP_MAIL_LINK_SERVER", "127.0.0.5:0"))
    try:
        parts = urlsplit(live.url)
        Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=parts.port)
        # update() sends no signal: clear the cached site root paths as Site.save() would.
        Site.clear_site_root_paths_cache()
        settings.WAGTAILADMIN_BASE_URL = live.url
        yield {**tree, "url": live.url, "netloc": parts.netloc}
    finally:
        live.stop()


@pytest.fixture
def people(transactional_db, django_user_model):
    def user(username, *groups, superuser=False):
        make = (
            django_user_model.objects.create_superuser
            if superuser
            else (django_user_model.objects.create_user)
        )
        person = make(username=username, email=f"{username}@werkplekportaal.example", password="x")
        person.groups.add(*Group.objects.filter(name__in=groups))
        return person

    return {
        "moderator": user("moderator", "Partnerbeheerders"),
        # A superuser who reviews too: one mail per submission, not two.
        "admin": user("admin", "Partnerbeheerders", "Moderatoren", superuser=True),
        "editor": user("editor", "Redacteurs"),
        "chapter_moderator": user("chaptermod", "Moderatoren"),
    }


def links_in(message):
    texts = [message.body] + [content for content, _type in getattr(message, "alternatives", [])]
    return sorted({urldefrag(unescape(url))[0] for text in texts for url in URL.findall(text)})


def session_for(address, people):
    """A browser session of the recipient: logged in when it is a member of staff."""
    session = requests.Session()
    for person in people.values():
        if person.email == address:
            client = verified_client(person)  # second factor given, as staff must
            session.cookies.set("sessionid", client.cookies["sessionid"].value)
    return session


def follow_outbox(server, people):
    """Follow every link in the outbox, then empty it; returns the messages."""
    messages = list(mail.outbox)
    assert messages, "this step sent no e-mail"
    for message in messages:
        recipients = [*message.to, *message.cc, *message.bcc]
        assert len(recipients) == 1, f"{message.subject!r} goes to several people: {recipients}"
        session = session_for(recipients[0], people)
        for url in links_in(message):
            assert urlsplit(url).netloc == server["netloc"], f"{message.subject!r}: {url}"
            assert urlsplit(url).path not in ("", "/"), f"{message.subject!r}: bare {url}"
            response = session.get(url, allow_redirects=False, timeout=30)
            assert response.status_code == 200, (
                f"{message.subject!r} to {recipients[0]}: {url} answered {response.status_code}"
            )
    events = [(message.to[0], message.subject) for message in messages]
    assert len(events) == len(set(events)), f"a recipient got the same mail twice: {events}"
    mail.outbox.clear()
    return messages


def subjects_for(messages, address):
    return [m.subject for m in messages if address in m.to]


def csrf_post(session, url, data):
    page = session.get(url, timeout=30)
    assert page.status_code == 200, (url, page.status_code)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    return session.post(url, data={**data, "csrfmiddlewaretoken": token}, timeout=30)


def approve(partner, user):
    state = WorkflowState.objects.get(
        base_content_type__model="partner", object_id=str(partner.pk), status="in_progress"
    )
    state.current_task_state.specific.approve(user=user)


def reject(partner, user, comment):
    state = WorkflowState.objects.get(
        base_content_type__model="partner", object_id=str(partner.pk), status="in_progress"
    )
    state.current_task_state.specific.reject(user=user, comment=comment)


def test_every_link_in_every_mail_opens_a_page_on_this_server(server, people):
    base = server["url"]
    directory = server["directory"]
    company = requests.Session()
    register = base + helpers.register_url(directory)
    company_email = "an@korenaar.example"

    # A company registers: the verification mail.
    preview = csrf_post(company, register, {**helpers.form_data(), "action": "preview"})
    assert preview.status_code == 200
    payload = re.search(r'name="payload" value="([^"]+)"', preview.text).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview.text).group(1)
    submitted = company.post(
        register,
        data={"payload": unescape(payload), "action": "submit", "csrfmiddlewaretoken": token},
        timeout=30,
    )
    assert submitted.status_code == 200, submitted.status_code
    [verify] = follow_outbox(server, people)
    assert verify.subject == "Bevestig uw registratie bij de partnergids"
    verify_url = next(url for url in links_in(verify) if "/bevestigen/" in url)

    # It confirms its address: its receipt, and one notification per partner manager.
    assert csrf_post(company, verify_url, {}).status_code == 200
    messages = follow_outbox(server, people)
    assert subjects_for(messages, company_email) == ["We hebben uw registratie ontvangen"]
    for manager in ("moderator", "admin"):
        assert len(subjects_for(messages, people[manager].email)) == 1, messages
    assert not subjects_for(messages, people["chapter_moderator"].email)
    notification = next(m for m in messages if people["moderator"].email in m.to)
    partner = Partner.objects.get(name="Bakkerij De Korenaar")
    preview_path = f"/admin/snippets/partners/partner/workflow/preview/{partner.pk}/"
    assert any(url.startswith(base + preview_path) for url in links_in(notification)), (
        notification.body
    )

    # A partner manager approves it in the admin: the listing and the management link.
    approve(partner, people["moderator"])
    [approved] = follow_outbox(server, people)
    assert approved.subject == "Uw organisatie staat in de partnergids"
    manage_url = next(url for url in links_in(approved) if "/beheer/" in url)
    partner_url = next(url for url in links_in(approved) if "/beheer/" not in url)
    assert partner_url == base + partner.get_url_path()

    # A school writes to the partner: the message and the school's copy.
    visitor = requests.Session()
    # The partner page links to its contact form (on its own address: the page is kept at the edge).
    assert 'contact/#contact"' in visitor.get(partner_url, timeout=30).text
    sent = csrf_post(
        visitor,
        partner_url + "contact/",
        {
            "naam": "Els Janssens",
            "email": "els@school.example",
            "bericht": "Wij zoeken twee stageplaatsen voor leerlingen bakkerij in maart.",
        },
    )
    assert sent.status_code == 200
    messages = follow_outbox(server, people)
    assert sorted(m.to[0] for m in messages) == [company_email, "els@school.example"]

    # The company changes its listing: its receipt and the managers' notifications; rejected.
    update_url = manage_url + "wijzigen/"
    changed = csrf_post(
        company, update_url, helpers.update_data(name="Bakkerij De Korenaar & Zonen")
    )
    assert changed.status_code == 200
    messages = follow_outbox(server, people)
    assert subjects_for(messages, company_email) == ["We hebben uw wijziging ontvangen"]
    assert len(subjects_for(messages, people["moderator"].email)) == 1
    reject(partner, people["moderator"], "De naam klopt niet met de KBO.")
    [rejected] = follow_outbox(server, people)
    assert rejected.subject == "Uw wijziging werd niet goedgekeurd"

    # A second change is approved: "Uw wijziging staat online", with the listing.
    # (a new one-time key: the form gives each change its own)
    changed = csrf_post(
        company, update_url, helpers.update_data(name="Bakkerij De Korenaar bv", token="b" * 32)
    )
    assert changed.status_code == 200
    messages = follow_outbox(server, people)
    assert subjects_for(messages, company_email) == ["We hebben uw wijziging ontvangen"]
    approve(partner, people["moderator"])
    [online] = follow_outbox(server, people)
    assert online.subject == "Uw wijziging staat online"

    # It withdraws the listing: the withdrawal mail.
    assert csrf_post(company, manage_url + "intrekken/", {}).status_code == 200
    [withdrawn] = follow_outbox(server, people)
    assert withdrawn.subject == "Uw vermelding is uit de partnergids gehaald"

    # Another registration is rejected: the reason and the way back.
    other = requests.Session()
    data = helpers.form_data(
        name="Garage Van Dam", enterprise_number="0353.456.320", contact_email="karel@vd.example"
    )
    preview = csrf_post(other, register, {**data, "action": "preview"})
    payload = re.search(r'name="payload" value="([^"]+)"', preview.text).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', preview.text).group(1)
    other.post(
        register,
        data={"payload": unescape(payload), "action": "submit", "csrfmiddlewaretoken": token},
        timeout=30,
    )
    [verify] = follow_outbox(server, people)
    verify_url = next(url for url in links_in(verify) if "/bevestigen/" in url)
    csrf_post(other, verify_url, {})
    follow_outbox(server, people)
    garage = PartnerRegistration.objects.get(name="Garage Van Dam").partner
    reject(garage, people["moderator"], "Geen ondernemingsnummer gevonden.")
    [rejected] = follow_outbox(server, people)
    assert rejected.subject == "Uw registratie werd niet goedgekeurd"

    # A company asks for a new verification link.
    new_link = csrf_post(
        requests.Session(),
        base + helpers.register_url(directory) + "nieuwe-link/",
        {"email": "nieuw@bedrijf.example"},
    )
    assert new_link.status_code == 200
    assert not mail.outbox, "an unknown address gets no mail"


def test_chapter_moderation_mails_link_to_this_server(server, people):
    from tests.guides.factories import GuideChapterPageFactory, GuidePageFactory

    guide = GuidePageFactory(parent=server["guides"], title="Gids voor scholen", slug="scholen")
    chapter = GuideChapterPageFactory(parent=guide, title="Kwaliteit", slug="kwaliteit")
    chapter.save_revision(user=people["editor"])

    # An editor submits the chapter: each moderator gets one notification.
    chapter.get_workflow().start(chapter, user=people["editor"])
    messages = follow_outbox(server, people)
    assert sorted(m.to[0] for m in messages) == sorted(
        [people["chapter_moderator"].email, people["admin"].email]
    )
    preview = f"{server['url']}/admin/pages/workflow/preview/{chapter.pk}/"
    assert any(url.startswith(preview) for url in links_in(messages[0])), messages[0].body

    # A moderator approves it: the editor hears so, once.
    state = chapter.current_workflow_state
    state.current_task_state.specific.approve(user=people["chapter_moderator"])
    [approved] = follow_outbox(server, people)
    assert approved.to == [people["editor"].email]


def test_every_link_in_the_places_mails_opens_a_page_on_this_server(server, people):
    """The places' mails on the same non-default server: the yearly reminder (as the
    `remind_places` command sends it), a school's request to the matching partners, a
    partner's answer to the school and the school's reply, each step over HTTP."""
    from django.core.management import call_command

    from partners.models import PartnerAccessKey
    from partners.places import services as places
    from partners.registration import tokens
    from tests.partners.factories import published_partner

    base = server["url"]
    directory = server["directory"]

    def manage_url(partner, route):
        key = PartnerAccessKey.issue(partner)
        token = tokens.make_manage_token(key)
        return base + directory.url + directory.reverse_subpage(route, args=[token])

    school = published_partner(
        name="Technisch Atheneum Noord (fictief)",
        kind="school",
        contact_email="stage@atheneum-noord.example",
    )
    school_requests = manage_url(school, "manage_requests")
    partner = published_partner(
        name="Elektro Dichtbij (fictief)", contact_email="hr@dichtbij.example"
    )
    PartnerAccessKey.issue(partner)
    mail.outbox.clear()

    # The yearly reminder: every partner with a management link whose places are unconfirmed.
    call_command("remind_places")
    reminders = follow_outbox(server, people)
    assert sorted(message.to[0] for message in reminders) == [
        "hr@dichtbij.example",
        "stage@atheneum-noord.example",
    ]
    assert all(message.subject.startswith("Kloppen uw plaatsen") for message in reminders)

    # The partner confirms places that a school's request matches.
    places.save_places(
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
        accepts_requests=True,
    )
    school_session = requests.Session()
    posted = csrf_post(
        school_session,
        school_requests,
        {
            "kind": "leerlingenstage",
            "study_domain": "stem",
            "education_form": "",
            "learners": "2",
            "first_month": "2",
            "last_month": "3",
            "place": "9000",
            "radius_km": "20",
            "note": "Leerlingen uit het 6de jaar elektromechanica.",
        },
    )
    assert posted.status_code == 200, posted.status_code
    [request_mail] = follow_outbox(server, people)
    assert request_mail.to == ["hr@dichtbij.example"]
    answer_url = next(url for url in links_in(request_mail) if "/aanvraag/" in url)

    # The partner answers: the school gets one mail.
    answered = csrf_post(
        requests.Session(), answer_url, {"answer": "ja", "text": "Welkom vanaf 3 februari."}
    )
    assert answered.status_code == 200, answered.status_code
    [answer_mail] = follow_outbox(server, people)
    assert answer_mail.to == ["stage@atheneum-noord.example"]

    # The school replies to that partner: the partner gets one mail.
    request_page = next(url for url in links_in(answer_mail) if "/aanvragen/" in url)
    recipient = RequestRecipient.objects.get(partner=partner)
    replied = csrf_post(
        school_session,
        request_page,
        {"action": "reply", "ontvanger": str(recipient.public_id), "text": "Top, tot dan!"},
    )
    assert replied.status_code == 200, replied.status_code
    [reply_mail] = follow_outbox(server, people)
    assert reply_mail.to == ["hr@dichtbij.example"]


def test_the_admin_password_reset_mail_leads_to_a_new_password_on_this_server(server, people):
    """A member of staff who forgot the password: Wagtail's reset mail links to this server, the
    link leads to the set-password form, and the new password signs in (with the second factor
    that partner managers must give)."""
    from tests.support.otp import authenticator, current_code

    base, person = server["url"], people["moderator"]
    browser = requests.Session()
    asked = csrf_post(browser, base + "/admin/password_reset/", {"email": person.email})
    assert asked.status_code == 200, asked.status_code
    [message] = mail.outbox
    assert message.to == [person.email]
    [link] = [url for url in links_in(message) if "/admin/password_reset/confirm/" in url]
    assert urlsplit(link).netloc == server["netloc"], link

    # Django sends the token URL on to a set-password URL on the same server.
    form_page = browser.get(link, timeout=30)
    assert form_page.status_code == 200
    assert urlsplit(form_page.url).netloc == server["netloc"], form_page.url
    assert form_page.url != link and "set-password" in form_page.url
    assert 'name="new_password1"' in form_page.text and 'name="new_password2"' in form_page.text

    new_password = "Kerstmarkt-Antwerpen-2026"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form_page.text).group(1)
    done = browser.post(
        form_page.url,
        data={
            "new_password1": new_password,
            "new_password2": new_password,
            "csrfmiddlewaretoken": token,
        },
        timeout=30,
    )
    assert done.status_code == 200
    assert urlsplit(done.url).path == "/admin/password_reset/complete/", done.url
    # The link is spent: a second visit shows no form.
    assert 'name="new_password1"' not in requests.get(link, timeout=30).text

    # The new password signs in; the old one does not.
    device = authenticator(person)
    staff = requests.Session()
    refused = csrf_post(
        staff, base + "/admin/login/", {"username": person.username, "password": "x"}
    )
    assert urlsplit(refused.url).path == "/admin/login/"
    signed_in = csrf_post(
        staff, base + "/admin/login/", {"username": person.username, "password": new_password}
    )
    assert "tweestapsverificatie" in signed_in.url, signed_in.url
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', signed_in.text).group(1)
    verified = staff.post(
        signed_in.url,
        data={"token": current_code(device), "csrfmiddlewaretoken": token},
        timeout=30,
    )
    assert verified.status_code == 200
    assert urlsplit(verified.url).path == "/admin/", verified.url
    assert person.username in staff.get(base + "/admin/account/", timeout=30).text
