"""The places app's e-mails, sent through the registration flow's one mail function
(partners/registration/emails.py: Dutch, plain text with an HTML alternative)."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy, ngettext

from partners.places import months
from partners.registration import emails, links, tokens

SUBJECTS = {
    "places_reminder": gettext_lazy("Kloppen uw plaatsen voor schooljaar %(school_year)s nog?"),
    "place_request": gettext_lazy("Een school zoekt plaatsen: %(summary)s"),
    "place_request_answer": gettext_lazy("Antwoord op uw aanvraag: %(summary)s"),
    "place_request_reply": gettext_lazy("De school antwoordt op uw bericht: %(summary)s"),
}


def places_url(partner, base_url=None):
    """The partner's places page behind its management link ("" without an active key)."""
    return links.manage_url(partner, base_url, route="manage_places")


def send_reminder(partner, school_year, base_url=None):
    emails.send(
        "places_reminder",
        [partner.contact_email],
        {
            "partner": partner,
            "school_year": months.school_year_label(school_year),
            "places_url": places_url(partner, base_url),
        },
        subject_params={"school_year": months.school_year_label(school_year)},
        subjects=SUBJECTS,
    )


def request_summary(place_request):
    """ "3 leerlingen, Leerlingenstage, STEM, februari - maart": for subjects and pages."""
    return ngettext(
        "%(learners)s leerling, %(kind)s, %(domain)s, %(period)s",
        "%(learners)s leerlingen, %(kind)s, %(domain)s, %(period)s",
        place_request.learners,
    ) % {
        "learners": place_request.learners,
        "kind": place_request.kind.name,
        "domain": place_request.study_domain.name,
        "period": place_request.period_label,
    }


def answer_url(recipient, base_url=None):
    return links.public_url("request_answer", [tokens.make_answer_token(recipient)], base_url)


def school_request_url(place_request, base_url=None):
    """The school's request page behind its management link ("" without an active key)."""
    return links.manage_url(
        place_request.school, base_url, route="manage_request", args=[place_request.public_id]
    )


def send_place_request(recipient, base_url=None):
    """The request to one partner: what the school asks, and its answer link. The school's
    name is given, its address is not."""
    place_request = recipient.request
    with translation.override(settings.LANGUAGE_CODE):
        summary = request_summary(place_request)
    emails.send(
        "place_request",
        [recipient.partner.contact_email],
        {
            "partner": recipient.partner,
            "place_request": place_request,
            "summary": summary,
            "answer_url": answer_url(recipient, base_url),
        },
        subject_params={"summary": summary},
        subjects=SUBJECTS,
    )


def send_answer(recipient, text, base_url=None):
    """A partner's answer to the school, without the partner's address."""
    place_request = recipient.request
    with translation.override(settings.LANGUAGE_CODE):
        summary = request_summary(place_request)
    emails.send(
        "place_request_answer",
        [place_request.school.contact_email],
        {
            "partner": place_request.school,
            "answering": recipient.partner,
            "answer": recipient.get_answer_display(),
            "text": text,
            "summary": summary,
            "request_url": school_request_url(place_request, base_url),
        },
        subject_params={"summary": summary},
        subjects=SUBJECTS,
    )


def send_reply(recipient, text, base_url=None):
    """The school's reply to the one partner it answers, without the school's address."""
    place_request = recipient.request
    with translation.override(settings.LANGUAGE_CODE):
        summary = request_summary(place_request)
    emails.send(
        "place_request_reply",
        [recipient.partner.contact_email],
        {
            "partner": recipient.partner,
            "place_request": place_request,
            "text": text,
            "summary": summary,
            "answer_url": answer_url(recipient, base_url),
        },
        subject_params={"summary": summary},
        subjects=SUBJECTS,
    )
