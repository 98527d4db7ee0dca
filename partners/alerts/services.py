"""The state changes of saved searches, in one place: views, tasks and commands call these.

- `save_search`: an unconfirmed search and its confirmation mail, in one transaction (a mail
  that cannot be sent leaves nothing behind).
- `confirm` (double opt-in), `unsubscribe` (deletes the search and what was sent).
- `send_search_alerts`: every due search gets one digest of the partners that newly match it
  (listing approved, new or changed, since its last run) or newly have places (confirmed for
  this school year since its last run). Each partner is announced once per search (and once per
  school year for places): the SentPartner rows and the search's new `checked_at` are committed
  (for CLAIM_BATCH searches at a time) before the mails go out, and removed again when a mail
  fails or the process is stopped. A process killed outright after that commit loses those
  digests rather than sending them twice.
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
# Searches claimed in one transaction: fewer round trips to the database; a process killed
# (not stopped: that undoes them) between the claim and the mails loses at most this many.
CLAIM_BATCH = 50


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


@dataclass
class Run:
    """What one run shares between its searches: the index, the page and, filled as they are
    first needed, each changed partner's row and link and each query's summary (thousands of
    searches announce the same few partners and share a few thousand queries)."""

    now: datetime.datetime
    today: datetime.date
    base_url: str
    page: object
    index: object
    school_year: int
    partners: dict = field(default_factory=dict)
    searches: dict = field(default_factory=dict)

    def search(self, query):
        """The query's DirectorySearch, built once per run (its form costs more than the
        bitset work; 10,000 saved searches share about 3,000 queries in the bench)."""
        if query not in self.searches:
            search = directory_search(query, today=self.today, index=self.index)
            self.searches[query] = (search, summary(search))
        return self.searches[query][0]

    def summary(self, query):
        self.search(query)
        return self.searches[query][1]

    def listed(self, ids):
        """{pk: (partner, absolute URL)} of the published partners among `ids`."""
        wanted = [pk for pk in ids if pk not in self.partners]
        if wanted:
            rows = (
                Partner.objects.published()
                .filter(pk__in=wanted)
                .only("pk", "name", "slug", "municipality")
            )
            for partner in rows:
                self.partners[partner.pk] = (
                    partner,
                    links.partner_url(partner, self.base_url, page=self.page),
                )
            for pk in wanted:
                self.partners.setdefault(pk, None)  # withdrawn meanwhile
        return {pk: self.partners[pk] for pk in ids if self.partners[pk] is not None}


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
    page = links.directory_page()
    run = Run(
        now=now,
        today=today,
        base_url=base_url or links.site_base_url(page),
        page=page,
        index=current_index(today, wait=True),
        school_year=school_year_start(today).year,
    )
    masks = {}  # window start -> (new ids, places ids, bitset of both)
    quiet, pending = [], []
    rows = due.order_by("pk").values_list("pk", "query", "checked_at")
    for pk, query, checked_at in rows.iterator(chunk_size=BATCH):
        counts.due += 1
        since = checked_at - OVERLAP
        if since not in masks:
            new = {p for p, c in changes.items() if c.listed_at and c.listed_at > since}
            places = {p for p, c in changes.items() if c.places_at and c.places_at > since}
            masks[since] = (new, places, run.index.ids_mask(new | places))
        new, places, mask = masks[since]
        matching = run.search(query).ids_among(mask) if mask else []
        if not matching:
            quiet.append(pk)
            continue
        pending.append(
            (pk, [p for p in matching if p in new], [p for p in matching if p in places])
        )
        if len(pending) >= CLAIM_BATCH:
            _send_batch(run, pending, counts)
            pending = []
    if pending:
        _send_batch(run, pending, counts)
    for start in range(0, len(quiet), BATCH):
        # Nothing new for these: the next window starts now. Only where no other run moved it.
        SavedSearch.objects.filter(pk__in=quiet[start : start + BATCH]).due(now).update(
            checked_at=now
        )
    counts.quiet += len(quiet)
    return counts


def _claim(run, pending):
    """Lock the batch's searches that are still due (SKIP LOCKED: another run has the rest),
    write what each will announce and move their window, in one transaction. Returns
    [(saved search with its previous checked_at and last_sent_at, claims)]; searches with
    nothing left to announce only get their window moved."""
    now, school_year = run.now, run.school_year
    wanted = {pk: (new_ids, places_ids) for pk, new_ids, places_ids in pending}
    with transaction.atomic():
        searches = list(
            SavedSearch.objects.due(now)
            .select_for_update(skip_locked=True)
            .filter(pk__in=list(wanted))
            .order_by("pk")
        )
        if not searches:
            return []
        already = set(
            SentPartner.objects.filter(saved_search__in=searches).values_list(
                "saved_search_id", "partner_id", "reason", "school_year"
            )
        )
        claimed, rows = [], []
        for saved in searches:
            new_ids, places_ids = wanted[saved.pk]
            claims = [
                SentPartner(saved_search=saved, partner_id=p, reason=Reason.NEW, school_year=0)
                for p in new_ids
                if (saved.pk, p, Reason.NEW, 0) not in already
            ] + [
                SentPartner(
                    saved_search=saved,
                    partner_id=p,
                    reason=Reason.PLACES,
                    school_year=school_year,
                )
                for p in places_ids
                if (saved.pk, p, Reason.PLACES, school_year) not in already
            ]
            claimed.append((saved, (saved.checked_at, saved.last_sent_at), claims))
            rows.extend(claims)
        SentPartner.objects.bulk_create(rows, batch_size=BATCH)
        with_news = [saved.pk for saved, _previous, claims in claimed if claims]
        SavedSearch.objects.filter(pk__in=[saved.pk for saved in searches]).update(checked_at=now)
        SavedSearch.objects.filter(pk__in=with_news).update(last_sent_at=now)
    return [(saved, previous, claims) for saved, previous, claims in claimed if claims]


def _unclaim(saved, previous, claims):
    with transaction.atomic():
        SentPartner.objects.filter(pk__in=[claim.pk for claim in claims]).delete()
        SavedSearch.objects.filter(pk=saved.pk).update(
            checked_at=previous[0], last_sent_at=previous[1]
        )


def _send_batch(run, pending, counts):
    """Claim a batch of searches in one transaction, then mail them one by one. A failed mail
    undoes its own claim (tried again next run); a stopped process (any BaseException) undoes
    the claims not yet mailed before it stops."""
    claimed = _claim(run, pending)
    counts.quiet += len(pending) - len(claimed)
    for position, (saved, previous, claims) in enumerate(claimed):
        try:
            _mail_digest(run, saved, claims)
        except Exception:
            logger.exception("Search alert %s: the mail could not be sent", saved.pk)
            _unclaim(saved, previous, claims)
            counts.failed += 1
            counts.failures.append(saved.pk)
        except BaseException:
            for unsent in claimed[position:]:
                _unclaim(*unsent)
            raise
        else:
            counts.sent += 1
            counts.partners += len({claim.partner_id for claim in claims})


def _mail_digest(run, saved, claims):
    listed = _digest_lists(run, claims)
    emails.send_digest(
        saved,
        run.summary(saved.query),
        listed["new"],
        listed["places"],
        school_year_label(run.school_year),
        more=listed["more"],
        base_url=run.base_url,
        page=run.page,
    )


def _digest_lists(run, claims):
    """(partner, URL) lists for the mail: new or changed listings first, then those with new
    places that are not already in the first list; at most ALERTS_DIGEST_MAX_PARTNERS."""
    new_ids = [c.partner_id for c in claims if c.reason == Reason.NEW]
    first = set(new_ids)
    places_ids = [
        c.partner_id for c in claims if c.reason == Reason.PLACES and c.partner_id not in first
    ]
    shown = (new_ids + places_ids)[: settings.ALERTS_DIGEST_MAX_PARTNERS]
    partners = run.listed(shown)

    def listed(ids):
        return sorted(
            (partners[pk] for pk in ids if pk in partners),
            key=lambda item: item[0].name.casefold(),
        )

    return {
        "new": listed([pk for pk in new_ids if pk in partners]),
        "places": listed([pk for pk in places_ids if pk in partners]),
        "more": max(0, len(new_ids) + len(places_ids) - len(shown)),
    }
