"""The state changes of saved searches, in one place: views, tasks and commands call these.

- `save_search`: an unconfirmed search and its confirmation mail, in one transaction (a mail
  that cannot be sent leaves nothing behind).
- `confirm` (double opt-in), `unsubscribe` (deletes the search and what was sent).
- `send_search_alerts`: every due search gets one digest of the partners that newly match it
  (listing approved, new or changed, since its last run) or newly have places (confirmed for
  this school year since its last run). Each partner is announced once per search (and once per
  school year for places): the SentPartner rows and the search's new `checked_at` are committed
  before the mail goes out, and removed again when the mail fails. A run that is killed after
  that commit loses that one digest rather than sending it twice.
- `purge_unconfirmed`: searches not confirmed within ALERTS_UNCONFIRMED_DAYS.

Measured (tests/perf/bench_alerts.py, docs/alerts.md): the run asks the database once for the
partners that changed since the oldest due search's last run, and each search asks the
directory's in-memory index only about those partners (a few bitset ANDs, the text search only
when the filters leave one of them).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.http import QueryDict
from django.utils import timezone

from partners.alerts import emails
from partners.alerts.models import Reason, SavedSearch, SentPartner
from partners.directory.facet_index import current_index
from partners.directory.query import DirectorySearch
from partners.models import Partner, school_year_start
from partners.places.models import PlacesYear
from partners.places.months import school_year_label
from partners.registration import links

logger = logging.getLogger(__name__)

# Changes committed while a run was reading still count in the next run: the window starts
# this long before the last run's start (SentPartner keeps the overlap from repeating anyone).
OVERLAP = datetime.timedelta(minutes=10)
BATCH = 1000


def directory_search(query, **kwargs):
    return DirectorySearch(QueryDict(query or ""), **kwargs)


def summary(search):
    """The search in words, as the directory's filter chips say it ("" = the whole directory)."""
    return [str(label) for label, _querystring in search.selected_filters()]


def save_search(email, query, frequency, base_url=None):
    """A new, unconfirmed saved search and its confirmation mail (raises when it cannot be
    sent: then nothing is stored)."""
    search = directory_search(query)
    with transaction.atomic():
        saved = SavedSearch.objects.create(
            email=email.strip(), query=search.querystring(), frequency=frequency
        )
        emails.send_confirmation(saved, summary(search), base_url)
    return saved


def confirm(saved, now=None):
    """Confirm the address; the first digest tells what changed after this moment. The same
    search for the same address confirmed earlier is replaced (its frequency may differ)."""
    now = now or timezone.now()
    with transaction.atomic():
        saved = SavedSearch.objects.select_for_update().get(pk=saved.pk)
        if saved.confirmed_at is None:
            SavedSearch.objects.for_email(saved.email).filter(query=saved.query).exclude(
                pk=saved.pk
            ).confirmed().delete()
            saved.confirmed_at = saved.checked_at = now
            saved.save(update_fields=["confirmed_at", "checked_at"])
    return saved


def unsubscribe(saved):
    """Delete the search with its address and what was sent; False when it was already gone."""
    deleted, _by_model = SavedSearch.objects.filter(pk=saved.pk).delete()
    return bool(deleted)


def purge_unconfirmed(now=None, dry_run=False):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.ALERTS_UNCONFIRMED_DAYS)
    stale = SavedSearch.objects.unconfirmed().filter(created_at__lt=cutoff)
    if dry_run:
        return stale.count()
    deleted, by_model = stale.delete()
    return by_model.get(SavedSearch._meta.label, 0)


# The run


@dataclass
class Change:
    listed_at: datetime.datetime | None  # the listing's last approval (new or changed)
    places_at: datetime.datetime | None  # this school year's places confirmed (None: no places)


@dataclass
class Counts:
    due: int = 0
    sent: int = 0
    failed: int = 0
    quiet: int = 0
    partners: int = 0
    failures: list = field(default_factory=list)


def changes_since(since, today):
    """{partner id: Change} of the published partners changed after `since`."""
    year_start = school_year_start(today)
    rows = (
        Partner.objects.published()
        .filter(updated_at__gt=since)
        .values_list("pk", "last_published_at", "places_per_year", "last_confirmed")
    )
    found = {}
    with_places = []
    for pk, listed_at, places, confirmed in rows.iterator(chunk_size=BATCH):
        found[pk] = Change(listed_at, None)
        if places and confirmed and confirmed >= year_start:
            with_places.append(pk)
    for start in range(0, len(with_places), BATCH):
        years = PlacesYear.objects.filter(
            partner_id__in=with_places[start : start + BATCH],
            school_year=year_start.year,
            confirmed_on__isnull=False,
        ).values_list("partner_id", "updated_at")
        for pk, updated_at in years:
            found[pk].places_at = updated_at
    return found


def send_search_alerts(now=None, base_url=None):
    """Send every due saved search its digest; returns Counts. Safe to run twice at once."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    counts = Counts()
    due = SavedSearch.objects.due(now)
    oldest = due.aggregate(oldest=Min("checked_at"))["oldest"]
    if oldest is None:
        return counts
    changes = changes_since(oldest - OVERLAP, today)
    index = current_index(today, wait=True)
    page = links.directory_page()
    school_year = school_year_start(today).year
    masks = {}  # window start -> (new ids, places ids, bitset of both)
    quiet = []
    rows = due.order_by("pk").values_list("pk", "query", "checked_at")
    for pk, query, checked_at in rows.iterator(chunk_size=BATCH):
        counts.due += 1
        since = checked_at - OVERLAP
        if since not in masks:
            new = {p for p, c in changes.items() if c.listed_at and c.listed_at > since}
            places = {p for p, c in changes.items() if c.places_at and c.places_at > since}
            masks[since] = (new, places, index.ids_mask(new | places))
        new, places, mask = masks[since]
        matching = directory_search(query, today=today, index=index).ids_among(mask) if mask else []
        if not matching:
            quiet.append(pk)
            continue
        outcome = _send_digest(
            pk,
            now,
            [p for p in matching if p in new],
            [p for p in matching if p in places],
            school_year,
            base_url,
            page,
            index,
        )
        if outcome is None:
            quiet.append(pk)
        elif outcome == "failed":
            counts.failed += 1
            counts.failures.append(pk)
        elif outcome:
            counts.sent += 1
            counts.partners += outcome
    for start in range(0, len(quiet), BATCH):
        # Nothing new for these: the next window starts now. Only where no other run moved it.
        SavedSearch.objects.filter(pk__in=quiet[start : start + BATCH]).due(now).update(
            checked_at=now
        )
    counts.quiet = len(quiet)
    return counts


def _send_digest(pk, now, new_ids, places_ids, school_year, base_url, page, index):
    """Claim, then mail. Returns the number of partners mailed, None when nothing was left to
    announce, "failed" when the mail failed (the claim is undone), 0 when another run has it."""
    with transaction.atomic():
        saved = (
            SavedSearch.objects.due(now).select_for_update(skip_locked=True).filter(pk=pk).first()
        )
        if saved is None:
            return 0
        previous = (saved.checked_at, saved.last_sent_at)
        already = set(
            SentPartner.objects.filter(
                saved_search=saved, partner_id__in=[*new_ids, *places_ids]
            ).values_list("partner_id", "reason", "school_year")
        )
        claims = [
            SentPartner(saved_search=saved, partner_id=p, reason=Reason.NEW, school_year=0)
            for p in new_ids
            if (p, Reason.NEW, 0) not in already
        ] + [
            SentPartner(
                saved_search=saved, partner_id=p, reason=Reason.PLACES, school_year=school_year
            )
            for p in places_ids
            if (p, Reason.PLACES, school_year) not in already
        ]
        saved.checked_at = now
        if not claims:
            saved.save(update_fields=["checked_at"])
            return None
        claims = SentPartner.objects.bulk_create(claims)
        saved.last_sent_at = now
        saved.save(update_fields=["checked_at", "last_sent_at"])
    try:
        listed = _digest_lists(claims, page, base_url, index)
        search = directory_search(saved.query, index=index)
        emails.send_digest(
            saved,
            summary(search),
            listed["new"],
            listed["places"],
            school_year_label(school_year),
            more=listed["more"],
            base_url=base_url,
            page=page,
        )
    except BaseException as error:
        with transaction.atomic():
            SentPartner.objects.filter(pk__in=[claim.pk for claim in claims]).delete()
            SavedSearch.objects.filter(pk=saved.pk).update(
                checked_at=previous[0], last_sent_at=previous[1]
            )
        if not isinstance(error, Exception):
            raise
        logger.exception("Search alert %s: the mail could not be sent", saved.pk)
        return "failed"
    return len({claim.partner_id for claim in claims})


def _digest_lists(claims, page, base_url, index):
    """(partner, URL) lists for the mail: new or changed listings first, then those with new
    places that are not already in the first list; at most ALERTS_DIGEST_MAX_PARTNERS."""
    new_ids = [c.partner_id for c in claims if c.reason == Reason.NEW]
    places_ids = [
        c.partner_id
        for c in claims
        if c.reason == Reason.PLACES and c.partner_id not in set(new_ids)
    ]
    limit = settings.ALERTS_DIGEST_MAX_PARTNERS
    shown = (new_ids + places_ids)[:limit]
    partners = {
        partner.pk: partner
        for partner in Partner.objects.published()
        .filter(pk__in=shown)
        .select_related("province")
        .only("pk", "name", "slug", "municipality", "province__name", "places_per_year")
    }
    base = base_url or links.site_base_url(page)

    def listed(ids):
        return [
            (partners[pk], links.partner_url(partners[pk], base, page=page))
            for pk in sorted(
                (pk for pk in ids if pk in partners and pk in set(shown)),
                key=lambda pk: partners[pk].name.casefold(),
            )
        ]

    return {
        "new": listed(new_ids),
        "places": listed(places_ids),
        "more": max(0, len(new_ids) + len(places_ids) - len(shown)),
    }
