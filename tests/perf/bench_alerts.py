#!/usr/bin/env python
"""Benchmark of the search alerts run (`manage.py send_search_alerts`) on PostgreSQL: issue 18's
target is 10,000 saved searches in under 5 minutes at 100,000 partners (not a pytest test).

    .venv/bin/python tests/perf/bench_alerts.py [--database NAME] [--partners 100000]
        [--searches 10000] [--changed 300]

Uses (or creates and fills with `generate_partners`) the database on the server of
DATABASE_URL, migrates it, replaces its saved searches with --searches confirmed daily searches
(a mix of facets, texts and places, as coordinators save them), then makes --changed partners
news (approved again an hour ago; a fifth of them also confirm places), and times one full run
with the mails going to Django's local-memory outbox (rendering included, no SMTP). A second run
right after shows the idempotent case: nothing due, nothing sent. `make bench` runs it on its
own bench database after the page measurements.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.perf.bench_directory import bench_database_url, ensure_database  # noqa: E402

TARGET_SECONDS = 300

# Saved searches as coordinators make them: one or two facets, sometimes a text or a place.
FACETS = [
    "domein=stem",
    "domein=zorg-en-welzijn",
    "domein=economie-en-organisatie",
    "provincie=oost-vlaanderen",
    "provincie=antwerpen",
    "provincie=limburg",
    "provincie=west-vlaanderen",
    "provincie=vlaams-brabant",
    "aanbod=leerlingenstage",
    "aanbod=snuffelstage",
    "aanbod=werkplek-duaal-leren",
    "vorm=arbeidsmarkt",
    "vorm=dbso",
    "plaatsen=1",
    "soort=bedrijf",
]
TEXTS = ["q=bakkerij", "q=garage", "q=zorg", "q=restaurant", "q=lassen", "q=websites", "q=kapsalon"]
PLACES = [
    "bij=9000&straal=20",
    "bij=Hasselt&straal=10",
    "bij=2000&straal=20",
    "bij=Brugge&straal=50",
]


def queries(count, rng):
    found = []
    for _number in range(count):
        parts = rng.sample(FACETS, rng.choice([1, 1, 2, 2, 3]))
        roll = rng.random()
        if roll < 0.15:
            parts.append(rng.choice(TEXTS))
        elif roll < 0.35:
            parts.append(rng.choice(PLACES))
        found.append("&".join(parts))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", default="wpp_alerts_bench")
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--searches", type=int, default=10_000)
    parser.add_argument("--changed", type=int, default=300)
    args = parser.parse_args()

    url, admin_url = bench_database_url(args.database)
    ensure_database(args.database, admin_url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

    import django

    django.setup()
    from django.core import mail
    from django.core.management import call_command
    from django.db import connection
    from django.http import QueryDict
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from partners.alerts import services
    from partners.alerts.models import Frequency, SavedSearch, SentPartner
    from partners.directory.query import DirectorySearch
    from partners.models import Partner, PartnerDirectoryPage
    from partners.places import services as places_services
    from partners.places.models import PlacesYear

    if not PartnerDirectoryPage.objects.live().exists():
        from tests.factories import make_site_tree

        make_site_tree()
    have = Partner.objects.published().count()
    if have < args.partners:
        print(f"Generating {args.partners - have} partners (have {have}) ...", flush=True)
        call_command("generate_partners", args.partners - have, seed=have or 42)
    rng = random.Random(2026)
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            f"TRUNCATE {SentPartner._meta.db_table}, {SavedSearch._meta.db_table}"  # noqa: S608
        )
    pool = queries(args.searches, rng)
    # As the form stores them: re-encoded by the directory's own form.
    stored = {query: DirectorySearch(QueryDict(query)).querystring() for query in set(pool)}
    SavedSearch.objects.bulk_create(
        [
            SavedSearch(
                email=f"coordinator{number}@school.example",
                query=stored[query],
                frequency=Frequency.DAILY,
                confirmed_at=now - datetime.timedelta(days=30),
                checked_at=now - datetime.timedelta(days=1, minutes=5),
            )
            for number, query in enumerate(pool)
        ],
        batch_size=2000,
    )
    # Everything as it stood at the searches' last run; then the news: partners approved again
    # an hour ago, and a fifth of them also confirm places now.
    month_ago = now - datetime.timedelta(days=30)
    Partner.objects.update(updated_at=month_ago, last_published_at=month_ago)
    PlacesYear.objects.update(updated_at=month_ago)
    ids = list(Partner.objects.published().values_list("pk", flat=True))
    changed = rng.sample(ids, args.changed)
    hour_ago = now - datetime.timedelta(hours=1)
    Partner.objects.filter(pk__in=changed).update(updated_at=hour_ago, last_published_at=hour_ago)
    for pk in changed[: args.changed // 5]:
        places_services.save_places(
            Partner.objects.get(pk=pk), [{"places": 2, "first_month": 9, "last_month": 8}]
        )
    with connection.cursor() as cursor:
        for model in (Partner, PlacesYear, SavedSearch):
            cursor.execute(f"ANALYZE {model._meta.db_table}")
    print(
        f"{Partner.objects.published().count():,} partners, {args.searches:,} saved searches "
        f"({len(stored)} different), {args.changed} partners changed",
        flush=True,
    )
    mail.outbox = []
    started = time.monotonic()
    counts = services.send_search_alerts()
    seconds = time.monotonic() - started
    print(
        f"send_search_alerts: {seconds:.1f} s for {counts.due:,} due searches: {counts.sent:,} "
        f"digests ({counts.partners:,} partners), {counts.quiet:,} without news, "
        f"{counts.failed} failed; {len(mail.outbox):,} mails in the outbox",
        flush=True,
    )
    started = time.monotonic()
    again = services.send_search_alerts()
    print(f"second run right after: {time.monotonic() - started:.1f} s, {again.sent} sent")
    ok = "met" if seconds < TARGET_SECONDS and not counts.failed else "NOT MET"
    print(f"Target: {args.searches:,} saved searches in under {TARGET_SECONDS} s: {ok}")


if __name__ == "__main__":
    main()
