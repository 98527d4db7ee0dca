"""The places app's background work: the reminder round at the start of a school year, mailing
a posted request to its recipients, and the purge of old requests.

Run by the tasks (partners/places/tasks.py) and the management commands (remind_places,
purge_place_requests); `services.post_request` enqueues the request's mailing through the task.
Apart from services.py so that the tasks can run this work while services enqueues them.
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.log_actions import log

from partners.models import Partner, PartnerAccessKey
from partners.places import emails, months
from partners.places.models import (
    PlaceRequest,
    PlacesReminder,
    PlacesYear,
    RequestRecipient,
    RequestStatus,
)

logger = logging.getLogger(__name__)


# Reminders at the start of a school year


def partners_to_remind(today=None):
    """Published partners with a management link and an address, whose places for this school
    year are not confirmed and who were not reminded this school year."""
    school_year = months.current_school_year(today)
    confirmed = PlacesYear.objects.confirmed().filter(school_year=school_year).values("partner_id")
    reminded = PlacesReminder.objects.filter(school_year=school_year).values("partner_id")
    keys = PartnerAccessKey.objects.filter(revoked_at__isnull=True).values("partner_id")
    return (
        Partner.objects.published()
        .exclude(contact_email="")
        .filter(pk__in=keys)
        .exclude(pk__in=confirmed)
        .exclude(pk__in=reminded)
        .order_by("pk")
    )


def remind(partner, school_year, base_url=None):
    """Claim the partner's reminder for the school year, then mail it. Returns True when sent.

    The row comes first (unique per partner and year): a run that crashes after it sends
    nothing twice; a mail that fails gives the row back for the next run.
    """
    try:
        with transaction.atomic():
            reminder = PlacesReminder.objects.create(partner=partner, school_year=school_year)
    except IntegrityError:
        return False
    try:
        emails.send_reminder(partner, school_year, base_url)
    except Exception:
        logger.exception("Places reminder to partner %s failed", partner.pk)
        reminder.delete()
        raise
    log(
        instance=partner,
        action="places.places.reminded",
        data={"school_year": months.school_year_label(school_year)},
    )
    return True


def send_reminders(today=None, base_url=None, dry_run=False):
    """Remind every partner that needs it; returns {"sent": n, "failed": n, "due": n}."""
    school_year = months.current_school_year(today)
    counts = {"due": 0, "sent": 0, "failed": 0}
    for partner in partners_to_remind(today).iterator(chunk_size=500):
        counts["due"] += 1
        if dry_run:
            continue
        try:
            if remind(partner, school_year, base_url):
                counts["sent"] += 1
        except Exception:
            counts["failed"] += 1
    return counts


def send_place_request(request_id, base_url=None):
    """Mail the request to each recipient not mailed yet (so a second run mails nobody twice).
    Returns the number of mails sent."""
    sent = 0
    recipients = RequestRecipient.objects.filter(
        request_id=request_id, sent_at__isnull=True, request__status=RequestStatus.OPEN
    ).select_related("request", "partner", "request__school", "request__kind")
    for recipient in recipients:
        claimed = RequestRecipient.objects.filter(pk=recipient.pk, sent_at__isnull=True).update(
            sent_at=timezone.now()
        )
        if not claimed:
            continue
        try:
            emails.send_place_request(recipient, base_url)
        except Exception:
            logger.exception("Place request mail to recipient %s failed", recipient.pk)
            RequestRecipient.objects.filter(pk=recipient.pk).update(sent_at=None)
            continue
        sent += 1
    return sent


def purge_place_requests(now=None, dry_run=False):
    """Delete requests, with their recipients and messages, PLACES_REQUEST_RETENTION_DAYS after
    they were closed or, when never closed, after they were posted. Returns the count."""
    now = now or timezone.now()
    days = getattr(settings, "PLACES_REQUEST_RETENTION_DAYS", 365)
    before = now - datetime.timedelta(days=days)
    expired = PlaceRequest.objects.filter(
        Q(closed_at__lt=before) | Q(closed_at__isnull=True, created_at__lt=before)
    )
    count = expired.count()
    if not dry_run:
        expired.delete()
    return count
