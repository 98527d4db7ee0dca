"""The alerts' e-mails, through the registration flow's one mail function
(partners/registration/emails.py). Links are absolute, to the site that serves the directory
page, or to `base_url` (the request's own host when a visitor saves a search)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from partners.registration import emails, links, tokens

SUBJECTS = {
    "alert_confirm": gettext_lazy("Bevestig uw bewaarde zoekopdracht in de partnergids"),
    "alert_digest": gettext_lazy("Nieuw in de partnergids voor uw zoekopdracht: %(count)s"),
}


def search_url(saved_search, base_url=None, page=None):
    """The directory with the saved search's filters."""
    url = links.public_url("index", base_url=base_url, page=page)
    return f"{url}?{saved_search.query}" if saved_search.query else url


def confirm_url(saved_search, base_url=None):
    return links.public_url(
        "alert_confirm", [tokens.make_alert_confirm_token(saved_search)], base_url
    )


def unsubscribe_url(saved_search, base_url=None, page=None):
    return links.public_url(
        "alert_unsubscribe",
        [tokens.make_alert_unsubscribe_token(saved_search)],
        base_url,
        page=page,
    )


def one_click_unsubscribe_url(saved_search, base_url=None, page=None):
    """The List-Unsubscribe address (a plain Django view: mail clients POST without a CSRF
    token, RFC 8058)."""
    token = tokens.make_alert_unsubscribe_token(saved_search)
    return (base_url or links.site_base_url(page)) + reverse(
        "alert_one_click_unsubscribe", args=[token]
    )


def send_confirmation(saved_search, summary, base_url=None):
    emails.send(
        "alert_confirm",
        [saved_search.email],
        {
            "saved_search": saved_search,
            "summary": summary,
            "confirm_url": confirm_url(saved_search, base_url),
            "search_url": search_url(saved_search, base_url),
        },
        subjects=SUBJECTS,
    )


def send_digest(saved_search, summary, new, places, school_year, more=0, base_url=None, page=None):
    """One digest: `new` and `places` are lists of (partner, absolute URL); `more` partners
    beyond the listed ones are reached through the search link. One-click unsubscribe
    (RFC 8058) through the List-Unsubscribe headers, and a link in the text."""
    page = page or links.directory_page()
    unsubscribe = unsubscribe_url(saved_search, base_url, page=page)
    emails.send(
        "alert_digest",
        [saved_search.email],
        {
            "saved_search": saved_search,
            "summary": summary,
            "new": new,
            "places": places,
            "more": more,
            "school_year": school_year,
            "search_url": search_url(saved_search, base_url, page=page),
            "unsubscribe_url": unsubscribe,
        },
        subject_params={"count": len(new) + len(places) + more},
        subjects=SUBJECTS,
        headers={
            "List-Unsubscribe": f"<{one_click_unsubscribe_url(saved_search, base_url, page)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
