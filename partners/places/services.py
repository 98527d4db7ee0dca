"""The state changes of places offered and asked, in one module: the views and the tests call
these, never the models directly (the registration flow's shape,
partners/registration/services.py). The background work (reminders, mailing a request, the
purge) is in jobs.py, which the tasks run.

Every change runs in one transaction with the partner's row locked, and ends by writing the
partner's summary fields (places_per_year = this school year's total, last_confirmed = today)
through Partner.save(update_fields=...): the directory's index, the search index and the page
cache hear of it as of any other change to the partner.
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.log_actions import log

from partners.models import (
    Partner,
    PartnerKind,
    StudyDomain,
    WorkplaceLearningKind,
)
from partners.places import emails, months, tasks
from partners.places.models import (
    Author,
    PlaceOffer,
    PlaceRequest,
    PlacesYear,
    RequestMessage,
    RequestRecipient,
)

logger = logging.getLogger(__name__)


def latest_year(partner):
    """The partner's most recent PlacesYear (this school year or an earlier one), or None."""
    return (
        PlacesYear.objects.filter(partner=partner, school_year__lte=months.current_school_year())
        .order_by("-school_year")
        .first()
    )


def _write_offers(year, rows):
    kinds = dict(WorkplaceLearningKind.objects.values_list("slug", "pk"))
    domains = dict(StudyDomain.objects.values_list("slug", "pk"))
    year.offers.all().delete()
    for row in rows:
        PlaceOffer(
            year=year,
            kind_id=kinds.get(row.get("kind") or ""),
            study_domain_id=domains.get(row.get("study_domain") or ""),
            places=row["places"],
            first_month=row["first_month"],
            last_month=row["last_month"],
        ).save()


def _sync_partner(partner, year, today):
    """The partner's summary fields from this school year's confirmed places."""
    total = sum(year.offers.values_list("places", flat=True))
    partner.places_per_year = min(total, 32767)
    partner.last_confirmed = today
    partner.save(update_fields=["places_per_year", "last_confirmed"])


def save_places(partner, rows, *, accepts_requests=True, today=None):
    """The partner's places for this school year, as typed; saving them confirms them.

    `rows` are dicts with kind and study_domain (slugs, "" for any), places, first_month and
    last_month, as PlaceOfferFormSet.offers() gives them. Returns the PlacesYear.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        year, _created = PlacesYear.objects.get_or_create(
            partner=partner, school_year=months.current_school_year(today)
        )
        _write_offers(year, rows)
        year.accepts_requests = accepts_requests
        year.confirmed_on = today
        year.save()
        _sync_partner(partner, year, today)
        log(
            instance=partner,
            action="places.places.saved",
            data={"school_year": year.label, "offers": len(rows)},
        )
    return year


def confirm_places(partner, today=None):
    """ "My places are still right": this school year's places, confirmed today.

    When the partner has no places for this school year yet, the most recent earlier year's are
    carried over (the reminder at the start of a school year leads here).
    """
    today = today or timezone.localdate()
    school_year = months.current_school_year(today)
    with transaction.atomic():
        partner = Partner.objects.select_for_update().get(pk=partner.pk)
        year = PlacesYear.objects.filter(partner=partner, school_year=school_year).first()
        if year is None:
            previous = (
                PlacesYear.objects.filter(partner=partner, school_year__lt=school_year)
                .order_by("-school_year")
                .first()
            )
            year = PlacesYear.objects.create(
                partner=partner,
                school_year=school_year,
                accepts_requests=previous.accepts_requests if previous else True,
            )
            if previous is not None:
                for offer in previous.offers.all():
                    PlaceOffer(
                        year=year,
                        kind_id=offer.kind_id,
                        study_domain_id=offer.study_domain_id,
                        places=offer.places,
                        first_month=offer.first_month,
                        last_month=offer.last_month,
                    ).save()
        year.confirmed_on = today
        year.save(update_fields=["confirmed_on", "updated_at"])
        _sync_partner(partner, year, today)
        log(instance=partner, action="places.places.confirmed", data={"school_year": year.label})
    return year


# Places asked: a school's request, its recipients, their answers and the school's replies.


def max_recipients():
    return getattr(settings, "PLACES_REQUEST_MAX_RECIPIENTS", 10)


def matching_partners(place_request, limit=None):
    """Published partners (not schools) with a contact address and confirmed places that
    accept requests, for the request's kind, study domain and months, within its radius:
    nearest first, at most `limit` (the setting PLACES_REQUEST_MAX_RECIPIENTS).

    An offer for "any kind" counts when the partner lists the requested kind; an offer for
    "any study domain" counts for every domain. A partner without education forms counts for
    every education form.
    """
    offers = (
        PlaceOffer.objects.open(place_request.school_year)
        .filter(year__accepts_requests=True)
        .in_months(months.between(place_request.first_month, place_request.last_month))
        .filter(
            Q(kind_id=place_request.kind_id)
            | Q(kind__isnull=True, year__partner__kinds=place_request.kind_id)
        )
        .filter(Q(study_domain_id=place_request.study_domain_id) | Q(study_domain__isnull=True))
    )
    partners = (
        Partner.objects.published()
        .exclude(kind=PartnerKind.SCHOOL)
        .exclude(contact_email="")
        .exclude(pk=place_request.school_id)
        .filter(pk__in=offers.values("year__partner_id"))
    )
    if place_request.education_form_id:
        partners = partners.filter(
            Q(education_forms=place_request.education_form_id) | Q(education_forms__isnull=True)
        )
    partners = partners.near(
        place_request.latitude, place_request.longitude, place_request.radius_km
    ).order_by("distance", "pk")
    return list(partners.distinct()[: limit or max_recipients()])


def post_request(school, data, base_url=None, today=None):
    """A school's request, stored with its recipients; the mails go after the commit through
    a task (partners.places.tasks.send_place_request, which runs jobs.send_place_request). Returns the PlaceRequest."""
    with transaction.atomic():
        place_request = PlaceRequest(
            school=school, school_year=months.current_school_year(today), **data
        )
        place_request.save()
        recipients = [
            RequestRecipient(request=place_request, partner=partner, distance_km=partner.distance)
            for partner in matching_partners(place_request)
        ]
        RequestRecipient.objects.bulk_create(recipients)
        log(
            instance=school,
            action="places.request.posted",
            data={"request": str(place_request.public_id), "recipients": len(recipients)},
        )
        transaction.on_commit(lambda: tasks.send_place_request.enqueue(place_request.pk, base_url))
    return place_request


def answer_request(recipient, answer, text, base_url=None):
    """A partner's answer (yes, no, a question) with an optional note; the school is mailed."""
    with transaction.atomic():
        recipient = RequestRecipient.objects.select_for_update().get(pk=recipient.pk)
        recipient.answer = answer
        recipient.answered_at = timezone.now()
        recipient.save(update_fields=["answer", "answered_at"])
        if text:
            RequestMessage.objects.create(recipient=recipient, author=Author.PARTNER, text=text)
        transaction.on_commit(lambda: emails.send_answer(recipient, text, base_url))
    return recipient


def reply_to_partner(recipient, text, base_url=None):
    """The school's reply to one partner that answered; only that partner is mailed."""
    with transaction.atomic():
        message = RequestMessage.objects.create(
            recipient=recipient, author=Author.SCHOOL, text=text
        )
        transaction.on_commit(lambda: emails.send_reply(recipient, text, base_url))
    return message


def close_request(place_request, status):
    place_request.status = status
    place_request.closed_at = timezone.now()
    place_request.save(update_fields=["status", "closed_at"])
    log(
        instance=place_request.school,
        action="places.request.closed",
        data={"request": str(place_request.public_id), "status": status},
    )
    return place_request
