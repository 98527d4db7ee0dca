"""Saved searches with e-mail alerts: the form behind the directory's link, double opt-in,
rate limits, the digest run (what it announces, once), unsubscribing, retention and the
data-subject export."""

import datetime
import re

import pytest

from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from partners.alerts import services
from partners.alerts.models import Frequency, SavedSearch, SentPartner
from partners.models import Partner
from partners.places import services as places_services
from partners.privacy import personal_data
from partners.registration import tokens
from tests.partners.alerts.mail_backends import Interrupted
from tests.partners.factories import published_partner
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db

NOW = timezone.now()
LONG_AGO = NOW - datetime.timedelta(days=30)


def route(directory, name, *args):
    return directory.url + directory.reverse_subpage(name, args=list(args))


def links_in(message):
    return re.findall(r"https?://\S+", message.body)


def age(partner, when=LONG_AGO):
    """Make a partner look as if it was approved and last changed `when`."""
    Partner.objects.filter(pk=partner.pk).update(
        updated_at=when, last_published_at=when, first_published_at=when
    )


def confirmed_search(email="coordinator@school.example", query="domein=stem", when=None, **kw):
    when = when or NOW - datetime.timedelta(days=2)
    kw.setdefault("frequency", Frequency.DAILY)
    saved = SavedSearch.objects.create(email=email, query=query, **kw)
    services.confirm(saved, now=when)
    return saved


# The form


def test_the_directory_links_to_saving_its_current_search(client, directory):
    response = client.get(directory.url + "?domein=stem&q=bakker&sorteer=naam")
    link = route(directory, "alert_new")
    body = response.content.decode()
    assert f'href="{link}?q=bakker&amp;domein=stem&amp;sorteer=naam"' in body
    assert "Bewaar deze zoekopdracht" in body


def test_the_form_shows_the_search_and_is_private(client, directory):
    response = client.get(route(directory, "alert_new") + "?domein=stem&provincie=oost-vlaanderen")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Studiedomein: STEM" in body and "Provincie: Oost-Vlaanderen" in body
    assert 'value="domein=stem&amp;provincie=oost-vlaanderen"' in body
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_bad_input_gives_dutch_field_errors_keeps_what_was_typed_and_saves_nothing(
    client, directory
):
    response = client.post(
        route(directory, "alert_new"),
        {"email": "niet-een-adres", "frequentie": "elk-uur", "zoekopdracht": "domein=stem"},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Vul een geldig e-mailadres in" in body
    assert "Kies dagelijks of wekelijks." in body
    assert 'value="niet-een-adres"' in body
    assert "Studiedomein: STEM" in body
    assert not SavedSearch.objects.exists() and not mail.outbox


def test_saving_sends_a_confirmation_and_nothing_is_sent_before_it(client, directory):
    response = client.post(
        route(directory, "alert_new"),
        {
            "email": " juf@school.example ",
            "frequentie": "dagelijks",
            "zoekopdracht": "domein=stem&x=1",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(route(directory, "alert_sent"))
    saved = SavedSearch.objects.get()
    assert (saved.email, saved.query, saved.frequency) == (
        "juf@school.example",
        "domein=stem",
        Frequency.DAILY,
    )
    assert saved.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["juf@school.example"]
    assert "Bevestig uw bewaarde zoekopdracht" in message.subject
    assert "Studiedomein: STEM" in message.body
    confirm = next(url for url in links_in(message) if "/zoekopdracht/bevestigen/" in url)
    assert confirm.startswith("http://testserver/")

    # Unconfirmed: a partner appears, the run sends nothing.
    SavedSearch.objects.filter(pk=saved.pk).update(created_at=LONG_AGO)
    published_partner(name="Nieuw STEM-bedrijf (fictief)")
    call_command("send_search_alerts")
    assert len(mail.outbox) == 1

    # The link opens a page with a button; only the button confirms.
    path = confirm.removeprefix("http://testserver")
    page = client.get(path)
    assert page.status_code == 200 and "Bevestigen" in page.content.decode()
    saved.refresh_from_db()
    assert saved.confirmed_at is None
    assert client.post(path).status_code == 302
    saved.refresh_from_db()
    assert saved.confirmed_at is not None and saved.checked_at == saved.confirmed_at
    assert "Uw zoekopdracht is bewaard" in client.get(path).content.decode()


def test_a_tampered_or_expired_confirmation_link_confirms_nothing(client, directory, settings):
    saved = SavedSearch.objects.create(email="a@school.example", query="")
    token = tokens.make_alert_confirm_token(saved)
    for bad in (token[:-3], "x" * 300, tokens.make_alert_unsubscribe_token(saved)):
        assert client.post(route(directory, "alert_confirm", bad)).status_code == 404
    settings.ALERTS_UNCONFIRMED_DAYS = -1  # every link is older than its term
    response = client.post(route(directory, "alert_confirm", token))
    assert response.status_code == 404
    saved.refresh_from_db()
    assert saved.confirmed_at is None


def test_a_mail_failure_saves_nothing(client, directory, settings):
    helpers.failing_mailers(settings)
    response = client.post(
        route(directory, "alert_new"),
        {"email": "juf@school.example", "frequentie": "wekelijks", "zoekopdracht": ""},
    )
    assert response.status_code == 503
    assert "Er is niets bewaard" in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_rate_limits_per_visitor_and_per_e_mail_address(client, directory, settings):
    settings.REGISTRATION_RATE_LIMITS = {"alerts": (4, 3600), "alert_email": (2, 86400)}
    url = route(directory, "alert_new")
    data = {"email": "juf@school.example", "frequentie": "wekelijks", "zoekopdracht": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    third = client.post(url, data)
    assert third.status_code == 429
    assert "al verschillende bevestigingsmails" in third.content.decode()
    assert 'value="juf@school.example"' in third.content.decode()
    assert client.post(url, {**data, "email": "ander@school.example"}).status_code == 302
    assert client.post(url, {**data, "email": "derde@school.example"}).status_code == 429
    assert SavedSearch.objects.count() == 3 and len(mail.outbox) == 3


# The run


@pytest.fixture
def old_partners(directory):
    stem = published_partner(name="Oud STEM-bedrijf (fictief)", places_per_year=0)
    care = published_partner(name="Oud zorgcentrum (fictief)", study_domains=["zorg-en-welzijn"])
    for partner in (stem, care):
        age(partner)
    return {"stem": stem, "care": care}


def test_a_digest_lists_new_matching_partners_once_with_links_that_open(
    client, directory, old_partners
):
    saved = confirmed_search()
    new_stem = published_partner(name="Nieuw STEM-bedrijf (fictief)")
    published_partner(name="Nieuw zorgbedrijf (fictief)", study_domains=["zorg-en-welzijn"])
    call_command("send_search_alerts")
    [message] = mail.outbox
    assert message.to == ["coordinator@school.example"]
    assert "Nieuw in de partnergids voor uw zoekopdracht: 1" in message.subject
    assert "Nieuw STEM-bedrijf (fictief)" in message.body
    assert "zorgbedrijf" not in message.body and "Oud STEM" not in message.body
    urls = links_in(message)
    partner_link = "http://localhost" + new_stem.get_url_path()
    assert partner_link in urls
    assert "http://localhost" + directory.url + "?domein=stem" in urls
    assert client.get(partner_link.removeprefix("http://localhost")).status_code == 200
    unsubscribe = message.extra_headers["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://localhost/zoekopdrachten/uitschrijven/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert partner_link in html
    assert SentPartner.objects.filter(saved_search=saved, partner=new_stem).count() == 1

    # Not due again today; and when due, nothing new means no mail.
    call_command("send_search_alerts")
    SavedSearch.objects.filter(pk=saved.pk).update(checked_at=NOW - datetime.timedelta(days=2))
    call_command("send_search_alerts")
    assert len(mail.outbox) == 1


def test_a_partner_that_confirms_places_is_announced_once_per_school_year(directory, old_partners):
    saved = confirmed_search()
    places_services.save_places(
        old_partners["stem"], [{"places": 3, "first_month": 9, "last_month": 8}]
    )
    call_command("send_search_alerts")
    [message] = mail.outbox
    assert "Heeft nu plaatsen voor schooljaar" in message.body
    assert "Oud STEM-bedrijf (fictief)" in message.body
    SavedSearch.objects.filter(pk=saved.pk).update(checked_at=NOW - datetime.timedelta(days=2))
    places_services.confirm_places(old_partners["stem"])
    call_command("send_search_alerts")
    assert len(mail.outbox) == 1


def test_weekly_searches_wait_a_week_and_text_searches_match_on_the_text(directory, old_partners):
    weekly = confirmed_search(query="q=bakkerij", frequency=Frequency.WEEKLY)
    published_partner(name="Bakkerij Morgenrood (fictief)")
    published_partner(name="Garage Vroeg (fictief)")
    call_command("send_search_alerts")
    assert not mail.outbox
    SavedSearch.objects.filter(pk=weekly.pk).update(checked_at=NOW - datetime.timedelta(days=7))
    call_command("send_search_alerts")
    [message] = mail.outbox
    assert "Bakkerij Morgenrood" in message.body and "Garage" not in message.body


@pytest.mark.parametrize("crash", [False, True], ids=["mail-error", "process-stopped"])
def test_an_interrupted_run_sends_nobody_the_same_partner_twice(
    directory, old_partners, settings, crash
):
    addresses = [f"coordinator{n}@school.example" for n in range(4)]
    for address in addresses:
        confirmed_search(email=address)
    published_partner(name="Nieuw STEM-bedrijf (fictief)")
    settings.MAILERS = {
        "default": {
            "BACKEND": "tests.partners.alerts.mail_backends.FailsOnNth",
            "OPTIONS": {"fail_on": 2, "crash": crash},
        }
    }
    if crash:
        with pytest.raises(Interrupted):
            services.send_search_alerts()
        assert len(mail.outbox) == 1
    else:
        with pytest.raises(SystemExit):
            call_command("send_search_alerts")
        assert len(mail.outbox) == 3
    # The failed one's claim was undone: it is due again and gets its digest now.
    call_command("send_search_alerts")
    call_command("send_search_alerts")
    received = sorted(message.to[0] for message in mail.outbox)
    assert received == addresses
    assert all("Nieuw STEM-bedrijf" in message.body for message in mail.outbox)
    assert SentPartner.objects.count() == 4


def test_the_run_is_a_task_for_the_worker(directory, old_partners):
    from partners.alerts.tasks import send_search_alerts

    confirmed_search()
    published_partner(name="Nieuw STEM-bedrijf (fictief)")
    result = send_search_alerts.enqueue()
    assert result.return_value == {"due": 1, "sent": 1, "failed": 0}
    assert len(mail.outbox) == 1


# Unsubscribing


def test_unsubscribe_is_one_button_and_deletes_the_address(client, directory, old_partners):
    saved = confirmed_search()
    url = route(directory, "alert_unsubscribe", tokens.make_alert_unsubscribe_token(saved))
    page = client.get(url)
    assert page.status_code == 200 and "coordinator@school.example" in page.content.decode()
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    done = client.post(url, follow=True)
    assert "U bent uitgeschreven" in done.content.decode()
    assert not SavedSearch.objects.exists()
    assert client.get(url).status_code == 200  # says so again, without data
    assert client.get(url[:-4] + "xx/").status_code == 404


def test_mail_clients_unsubscribe_in_one_click_without_a_csrf_token(directory):
    saved = confirmed_search()
    token = tokens.make_alert_unsubscribe_token(saved)
    client = Client(enforce_csrf_checks=True)
    url = f"/zoekopdrachten/uitschrijven/{token}/"
    assert client.get(url).status_code == 302
    assert SavedSearch.objects.exists()
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "uitgeschreven" in response.content.decode()
    assert not SavedSearch.objects.exists()
    assert client.post(f"/zoekopdrachten/uitschrijven/{token[:-2]}/").status_code == 404


# Retention and data subjects


def test_unconfirmed_searches_are_purged_after_their_term(directory):
    old = SavedSearch.objects.create(email="oud@school.example")
    SavedSearch.objects.filter(pk=old.pk).update(created_at=NOW - datetime.timedelta(days=8))
    recent = SavedSearch.objects.create(email="recent@school.example")
    kept = confirmed_search(when=NOW - datetime.timedelta(days=60))
    SavedSearch.objects.filter(pk=kept.pk).update(created_at=NOW - datetime.timedelta(days=60))
    call_command("purge_saved_searches")
    assert set(SavedSearch.objects.values_list("pk", flat=True)) == {recent.pk, kept.pk}


def test_the_data_subject_export_and_erasure_cover_saved_searches(directory):
    saved = confirmed_search(email="Juf@School.example")
    data = personal_data.collect("juf@school.example")
    assert [item["query"] for item in data["saved_searches"]] == ["domein=stem"]
    assert "zoekopdracht" in personal_data.as_csv(data)
    counts = personal_data.erase("juf@school.example")
    assert counts["saved_searches"] == 1
    assert not SavedSearch.objects.filter(pk=saved.pk).exists()


def test_saved_searches_appear_nowhere_public(client, directory, old_partners):
    confirmed_search(email="geheim@school.example", query="q=geheimewoord")
    for url in (directory.url, "/api/partners/", "/sitemap.xml", "/zoeken/?q=geheim"):
        body = client.get(url).content.decode()
        assert "geheim@school.example" not in body
