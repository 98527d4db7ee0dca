"""A company registers on a phone, confirms its address from the e-mail, a moderator approves
in Wagtail's admin, and the partner appears in the directory: the whole flow in Chromium."""

import re

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group
from django.core import mail

from partners.models import Partner, PartnerRegistration
from tests.e2e.conftest import PHONE
from tests.support.otp import sign_in_in_browser

pytestmark = pytest.mark.browser


def _fill_registration(page, postcode):
    page.get_by_label("Naam van de organisatie").fill("Bakkerij De Korenaar")
    page.get_by_label("Ondernemingsnummer").fill("0566 988 259")
    page.get_by_label("Website").fill("www.korenaar.example")
    page.get_by_label("Straat en huisnummer").fill("Veldstraat 12")
    page.get_by_label("Postcode").fill(postcode)
    page.get_by_label("Sector", exact=True).select_option("voeding")
    page.get_by_label("Wat doet uw organisatie?").fill("Ambachtelijke bakkerij in Gent.")
    page.get_by_label("Naam", exact=True).fill("An Peeters")
    page.get_by_label("E-mailadres").fill("an@korenaar.example")
    page.get_by_label("Telefoonnummer").fill("09 234 56 78")
    page.get_by_label("Leerlingenstage").check()
    page.get_by_label("Voeding en horeca").check()
    page.get_by_label("Hoeveel leerlingen").fill("2")
    page.locator("#id_mentor_available_0").check()
    page.locator("#id_mentor_trained_1").check()
    page.locator("#id_consent_privacy").check()
    page.locator("#id_consent_publication").check()


def test_company_registers_moderator_approves_partner_is_listed(
    live_server, live_site, new_page, django_user_model
):
    directory = live_site["directory"]
    moderator = django_user_model.objects.create_user(
        username="moderator", email="moderator@werkplekportaal.example", password="Mod-pass-2026!"
    )
    moderator.groups.add(Group.objects.get(name="Partnerbeheerders"))

    # The company, on a phone: a mistake first, then the preview, then send.
    phone = new_page(**PHONE)
    phone.goto(live_server.url + directory.url + "registreren/")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Registreer uw organisatie")
    _fill_registration(phone, postcode="90")
    phone.get_by_role("button", name="Controleer uw gegevens").click()
    summary = phone.locator(".error-summary")
    expect(summary).to_contain_text("Een Belgische postcode bestaat uit 4 cijfers")
    expect(summary).to_be_focused()
    assert phone.locator("#id_postcode").get_attribute("aria-invalid") == "true"
    assert phone.locator("#id_name").input_value() == "Bakkerij De Korenaar", "input is kept"
    summary.get_by_role("link").first.click()
    expect(phone.locator("#id_postcode")).to_be_focused()
    phone.locator("#id_postcode").fill("9000")
    phone.get_by_role("button", name="Controleer uw gegevens").click()

    expect(phone.get_by_role("heading", name="Controleer uw gegevens")).to_be_visible()
    preview = phone.locator(".registration-preview")
    expect(preview).to_contain_text("Bakkerij De Korenaar")
    assert "an@korenaar.example" not in preview.inner_text()
    assert not PartnerRegistration.objects.exists()
    phone.get_by_role("button", name="Bevestigen en versturen").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(
        "Bijna klaar: bevestig uw e-mailadres"
    )

    # The verification link from the e-mail.
    [message] = mail.outbox
    link = re.search(r"https?://\S+/bevestigen/\S+/", message.body).group(0)
    phone.goto(link)
    phone.get_by_role("button", name="Ja, bevestig mijn e-mailadres").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Uw e-mailadres is bevestigd")
    partner = Partner.objects.get(enterprise_number="0566988259")
    assert not partner.live

    # The moderator logs in to Wagtail's admin and approves from "awaiting your review".
    # A partner manager gives the second factor (TOTP) after the password.
    admin = new_page()
    sign_in_in_browser(admin, live_server.url, "moderator", "Mod-pass-2026!", moderator)
    row = admin.locator("tr", has_text="Bakkerij De Korenaar")
    row.wait_for()
    row.get_by_role("button", name=re.compile("Acties|Actions")).click()
    row.get_by_role("button", name=re.compile("^(Goedkeuren|Approve)$")).click()
    # The moderator is told; by then the approval has been committed.
    expect(admin.locator(".messages")).to_contain_text("‘Bakkerij De Korenaar’ is goedgekeurd.")

    partner.refresh_from_db()
    assert partner.live
    assert Partner.objects.published().filter(pk=partner.pk).exists()

    # The partner page answers and shows the listing without private data.
    visitor = new_page()
    response = visitor.goto(live_server.url + partner.url)
    assert response.status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Bakkerij De Korenaar")
    assert "an@korenaar.example" not in visitor.content()
    approved_mail = [
        m for m in mail.outbox if m.subject == "Uw organisatie staat in de partnergids"
    ]
    assert len(approved_mail) == 1 and "/beheer/" in approved_mail[0].body
