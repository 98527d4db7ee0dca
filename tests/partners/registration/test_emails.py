"""Every e-mail of the flow: Dutch, plain text plus HTML, from its own template pair."""

from pathlib import Path

import pytest

from django.conf import settings
from django.core import mail
from django.utils import translation

from partners.registration import emails
from tests.partners.factories import PartnerFactory
from tests.partners.registration import helpers

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates" / "partners" / "emails"


@pytest.mark.parametrize("name", sorted(emails.SUBJECTS))
def test_each_mail_has_a_text_and_an_html_template_and_renders_in_dutch(
    name, directory, django_capture_on_commit_callbacks
):
    assert (TEMPLATES / f"{name}.txt").exists() and (TEMPLATES / f"{name}.html").exists()
    registration = helpers.in_review(django_capture_on_commit_callbacks)
    registration.decision_comment = "Een toelichting van de redactie."
    registration.name = "Hout & Co"
    mail.outbox.clear()
    partner = PartnerFactory(name="Hout & Co")
    with translation.override("en"):  # a moderator working in English
        emails.send(
            name,
            ["an@korenaar.example"],
            {
                "registration": registration,
                "partner": partner,
                "verify_url": "http://testserver/v/",
                "new_link_url": "http://testserver/n/",
                "manage_url": "http://testserver/m/",
                "partner_url": "http://testserver/p/",
                "register_url": "http://testserver/r/",
                "admin_url": "http://testserver/a/",
                "dashboard_url": "http://testserver/d/",
                "valid_hours": 72,
            },
            subject_params={"name": registration.name},
        )
    [message] = mail.outbox
    assert message.subject == str(emails.SUBJECTS[name]) % {"name": registration.name}
    assert message.reply_to == [settings.PORTAL_EDITORS_EMAIL]
    html = message.alternatives[0].content
    assert message.alternatives[0].mimetype == "text/html"
    assert '<html lang="nl-BE">' in html
    assert "Met vriendelijke groeten" in message.body and "Met vriendelijke groeten" in html
    assert "Hout & Co" in message.body and "&amp;" not in message.body, "text is not escaped"
    assert "Hout &amp; Co" in html
