"""The state changes of places offered, in one module: the views, the reminder command and the
tests call these, never the models directly (the registration flow's shape,
partners/registration/services.py).

Every change runs in one transaction with the partner's row locked, and ends by writing the
partner's summary fields (places_per_year = this school year's total, last_confirmed = today)
through Partner.save(update_fields=...): the directory's index, the search index and the page
cache hear of it as of any other change to the partner.
"""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from wagtail.log_actions import log

from partners.models import Partner, PartnerAccessKey, StudyDomain, WorkplaceLearningKind
from partners.places import months
from partners.places.models import PlaceOffer, PlacesReminder, PlacesYear

logger = logging.getLogger(__name__)


def current_school_year(today=None):
    return months.school_year_of(today or timezone.localdate())


def latest_year(partner):
    """The partner's most recent PlacesYear (this school year or an earlier one), or None."""
    return (
        PlacesYear.objects.filter(partner=partner, school_year__lte=current_school_year())
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
            partner=partner, school_year=current_school_year(today)
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
    school_year = current_school_year(today)
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


# Reminders at the start of a school year


def partners_to_remind(today=None):
    """Published partners with a management link and an address, whose places for this school
    year are not confirmed and who were not reminded this school year."""
    school_year = current_school_year(today)
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
    from partners.places import emails

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
    school_year = current_school_year(today)
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
