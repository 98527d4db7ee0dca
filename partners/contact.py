"""The contact form on a partner's page: a message to the partner's contact person.

The contact person's address stays private: the visitor never sees it, the message is forwarded
by e-mail with the visitor's address as Reply-To, and the visitor gets a copy. Messages are not
stored. Abuse is limited by a honeypot field and a per-IP counter in the cache.
"""

import logging
import smtplib

from django import forms
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.core.validators import RegexValidator
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Messages per IP address per window; settings may override (see docs/partners.md).

_no_control_characters = RegexValidator(
    r"^[^\x00-\x1f\x7f]*$",
    message=_("Gebruik alleen gewone tekens, zonder regeleinden."),
)


class ContactForm(forms.Form):
    """What a visitor sends to a partner. `uw_website` is the honeypot: people leave it empty."""

    naam = forms.CharField(
        label=_("Uw naam"),
        max_length=120,
        validators=[_no_control_characters],
        error_messages={
            "required": _("Vul uw naam in."),
            "max_length": _("Uw naam is hoogstens %(limit_value)d tekens."),
        },
    )
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        help_text=_("De partner antwoordt op dit adres. U krijgt zelf een kopie van uw bericht."),
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@school.be."),
        },
    )
    organisatie = forms.CharField(
        label=_("School of organisatie (niet verplicht)"),
        max_length=160,
        required=False,
        validators=[_no_control_characters],
        error_messages={"max_length": _("Hoogstens %(limit_value)d tekens.")},
    )
    bericht = forms.CharField(
        label=_("Uw bericht"),
        help_text=_(
            "Zeg wie u bent, voor welke leerlingen u een plaats zoekt en wanneer. "
            "Minstens 20 tekens."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        min_length=20,
        max_length=5000,
        error_messages={
            "required": _("Schrijf een bericht."),
            "min_length": _("Uw bericht is te kort: schrijf minstens %(limit_value)d tekens."),
            "max_length": _("Uw bericht is te lang: hoogstens %(limit_value)d tekens."),
        },
    )
    uw_website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "contact-%s")
        super().__init__(*args, **kwargs)
        self.fields["naam"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["organisatie"].widget.attrs["autocomplete"] = "organization"
        self.fields["uw_website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})

    @property
    def is_spam(self):
        """A filled-in honeypot: only programs see and fill that field."""
        return bool(self.data.get("uw_website", "").strip())


def send_contact_message(partner, data, *, partner_url):
    """Forward a message to the partner's contact person and send the visitor a copy.

    Two separate messages, so the copy never reveals the contact person's address. Returns
    False when the mail server refused or could not be reached (the visitor is told).
    """
    context = {
        "partner": partner,
        "sender_name": data["naam"],
        "sender_email": data["email"],
        "organisation": data.get("organisatie", ""),
        "message": data["bericht"],
        "partner_url": partner_url,
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Werkplekportaal"),
    }
    messages = []
    # The partner gets the message in the site's language (Dutch); the visitor's copy follows
    # the interface language the visitor chose.
    for template, subject, recipient, reply_to, language in (
        (
            "contact_message",
            _("Bericht via Werkplekportaal van %(name)s"),
            partner.contact_email,
            [data["email"]],
            settings.LANGUAGE_CODE,
        ),
        (
            "contact_copy",
            _("Kopie van uw bericht aan %(partner)s"),
            data["email"],
            [],
            translation.get_language(),
        ),
    ):
        with translation.override(language):
            message = EmailMultiAlternatives(
                subject=str(subject) % {"name": data["naam"], "partner": partner.name},
                body=render_to_string(f"partners/emails/{template}.txt", context),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[recipient],
                reply_to=reply_to,
            )
            message.attach_alternative(
                render_to_string(f"partners/emails/{template}.html", context), "text/html"
            )
        messages.append(message)
    try:
        mailers.default.send_messages(messages)
    except (smtplib.SMTPException, OSError):
        logger.exception("Contact message for partner %s could not be sent", partner.pk)
        return False
    return True
