"""The e-mails of the registration flow, one template pair per message.

Texts are in templates/partners/emails/<name>.txt and .html (both extend a shared base), so that
editors and developers find and change them in one place; only the subjects are here. Every mail
goes through Django's mail system (the MAILERS setting) as plain text with an HTML alternative,
always in Dutch, whatever language the moderator who triggered it uses in the admin. Replies go
to the editors (PORTAL_EDITORS_EMAIL), so a company can simply answer a mail with a question.

The functions raise when the mailer fails; callers decide what a failure means.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from partners.registration import links

logger = logging.getLogger(__name__)

MODERATOR_GROUP = "Partnerbeheerders"

SUBJECTS = {
    "verify": _("Bevestig uw registratie bij de partnergids"),
    "received": _("We hebben uw registratie ontvangen"),
    "update_received": _("We hebben uw wijziging ontvangen"),
    "approved": _("Uw organisatie staat in de partnergids"),
    "update_approved": _("Uw wijziging staat online"),
    "rejected": _("Uw registratie werd niet goedgekeurd"),
    "update_rejected": _("Uw wijziging werd niet goedgekeurd"),
    "withdrawn": _("Uw vermelding is uit de partnergids gehaald"),
    "moderators_new": _("Nieuwe aanvraag voor de partnergids: %(name)s"),
}


def send(name, to, context, subject_params=None, subjects=None, headers=None):
    """Render partners/emails/<name>.txt and .html and send them to `to` (a list).

    The subject is `subjects[name]` (another app's own subjects, partners/places/emails.py),
    else SUBJECTS[name]. `headers` are added to the message (List-Unsubscribe of the alerts)."""
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Werkplekportaal"),
            "editors_email": settings.PORTAL_EDITORS_EMAIL,
            "subject": str((subjects or SUBJECTS)[name]) % (subject_params or {}),
            **context,
        }
        registration, partner = context.get("registration"), context.get("partner")
        context.setdefault(
            "recipient_name",
            getattr(registration, "contact_name", "") or getattr(partner, "contact_name", ""),
        )
        text = render_to_string(f"partners/emails/{name}.txt", context)
        html = render_to_string(f"partners/emails/{name}.html", context)
        message = EmailMultiAlternatives(
            subject=context["subject"],
            body=text,
            to=to,
            reply_to=[settings.PORTAL_EDITORS_EMAIL],
            headers={"Auto-Submitted": "auto-generated", **(headers or {})},
        )
        message.attach_alternative(html, "text/html")
        message.send()
    return message


def send_verification(registration, base_url):
    send(
        "verify",
        [registration.contact_email],
        {
            "registration": registration,
            "verify_url": links.verify_url(registration, base_url),
            "new_link_url": links.public_url("register_new_link", base_url=base_url),
            "valid_hours": 72,
        },
    )


def send_received(registration, base_url):
    name = "update_received" if registration.kind == "update" else "received"
    send(name, [registration.contact_email], {"registration": registration})


def send_decision(registration, base_url):
    """The result of the review: approved (with the management link) or rejected (with reason)."""
    prefix = "update_" if registration.kind == "update" else ""
    context = {"registration": registration, "partner": registration.partner}
    if registration.status == "approved":
        context["manage_url"] = links.manage_url(registration.partner, base_url)
        context["partner_url"] = links.partner_url(registration.partner, base_url)
        name = f"{prefix}approved"
    else:
        context["register_url"] = links.public_url("register", base_url=base_url)
        name = f"{prefix}rejected"
    send(name, [registration.contact_email], context)


def send_withdrawn(partner, email, base_url):
    send(
        "withdrawn",
        [email],
        {"partner": partner, "register_url": links.public_url("register", base_url=base_url)},
    )


def moderator_addresses():
    """E-mail addresses of the active members of the moderators' group."""
    return sorted(
        {
            address
            for address in get_user_model()
            .objects.filter(groups__name=MODERATOR_GROUP, is_active=True)
            .values_list("email", flat=True)
            if address
        }
    )


def notify_moderators(registration, base_url):
    """Tell the editors' mailbox about a new submission when no moderator can be reached.

    Members of Partnerbeheerders with an e-mail address already get Wagtail's own workflow
    notification ("submitted for approval"); PORTAL_EDITORS_EMAIL is the fallback so that a
    registration is never left unnoticed.
    """
    if moderator_addresses() or not settings.PORTAL_EDITORS_EMAIL:
        return False
    send(
        "moderators_new",
        [settings.PORTAL_EDITORS_EMAIL],
        {
            "registration": registration,
            # The admin may live on another host than the public site.
            "admin_url": links.admin_registration_url(registration),
            "dashboard_url": links.admin_url("wagtailadmin_home"),
        },
        subject_params={"name": registration.name},
    )
    return True
