"""The places app's e-mails, sent through the registration flow's one mail function
(partners/registration/emails.py: Dutch, plain text with an HTML alternative)."""

from partners.places import months
from partners.registration import emails, links, tokens


def places_url(partner, base_url=None):
    """The partner's places page behind its management link ("" without an active key)."""
    key = getattr(partner, "access_key", None)
    if key is None or not key.is_active:
        return ""
    return links.public_url("manage_places", [tokens.make_manage_token(key)], base_url)


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
    )
