#!/usr/bin/env python
"""Benchmark of places asked and offered (issue 18, point 8); a step of `make bench`.

    DATABASE_URL=postgres://.../wpp_bench_100000 .venv/bin/python tests/perf/bench_places.py \
        [--requests 10000] [--rounds 30]

On a database that holds the generated partners (`manage.py generate_partners`, as
tests/perf/bench.py builds it), it first gives every published partner with places
(places_per_year > 0, not a school) this school year's confirmed places (one or two offers for
one of its kinds and study domains, in a random period), and posts --requests requests from
generated schools with recipients and answers (bulk inserts, seeded: the same data every run;
skipped when the database already holds them). Then it times, in-process, one at a time after a
warm-up:

- matching one request: `services.matching_partners` for --rounds different requests (the SQL
  that picks the recipients; target p50 under 200 ms);
- posting one request: `services.post_request` (matching, the rows, the log entry; rolled back);
- the shortage report: `shortage.cube` of the school year (every study domain, province and
  month), the admin report page and the public page (target under 1 s).

It prints the figures and the targets; docs/performance.md keeps the measured ones.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

MATCH_TARGET_MS = 200
REPORT_TARGET_MS = 1000


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    import django

    django.setup()


def say(message):
    print(message, flush=True)


def fill(request_count, seed=2018):
    """Offers for partners with places, and `request_count` requests with recipients."""
    from django.db import transaction
    from django.utils import timezone

    from partners.models import Partner, PartnerKind
    from partners.places import months
    from partners.places.models import (
        Answer,
        PlaceOffer,
        PlaceRequest,
        PlacesYear,
        RequestRecipient,
    )

    rng = random.Random(seed)
    school_year = months.school_year_of()
    today = timezone.localdate()
    if not PlacesYear.objects.filter(school_year=school_year).exists():
        started = time.monotonic()
        partners = list(
            Partner.objects.published()
            .exclude(kind=PartnerKind.SCHOOL)
            .filter(places_per_year__gt=0)
            .values_list("pk", "places_per_year")
        )
        kinds, domains = {}, {}
        for partner_id, kind_id in Partner.kinds.through.objects.values_list(
            "partner_id", "workplacelearningkind_id"
        ):
            kinds.setdefault(partner_id, []).append(kind_id)
        for partner_id, domain_id in Partner.study_domains.through.objects.values_list(
            "partner_id", "studydomain_id"
        ):
            domains.setdefault(partner_id, []).append(domain_id)
        with transaction.atomic():
            years = PlacesYear.objects.bulk_create(
                [
                    PlacesYear(partner_id=pk, school_year=school_year, confirmed_on=today)
                    for pk, _places in partners
                ],
                batch_size=5000,
            )
            offers = []
            for year, (pk, places) in zip(years, partners, strict=True):
                for _offer in range(rng.choice((1, 1, 2))):
                    first = rng.choice(months.ORDER)
                    last = rng.choice(months.ORDER[months.POSITION[first] :])
                    offers.append(
                        PlaceOffer(
                            year_id=year.pk,
                            kind_id=rng.choice(kinds.get(pk) or [None]),
                            study_domain_id=(
                                None
                                if rng.random() < 0.2
                                else rng.choice(domains.get(pk) or [None])
                            ),
                            places=max(1, places // 2),
                            first_month=first,
                            last_month=last,
                            months=months.mask(first, last),
                        )
                    )
            PlaceOffer.objects.bulk_create(offers, batch_size=5000)
        say(
            f"  places: {len(years):,} partners, {len(offers):,} offers "
            f"({time.monotonic() - started:.0f} s)"
        )
    existing = PlaceRequest.objects.filter(school_year=school_year).count()
    if existing < request_count:
        started = time.monotonic()
        schools = list(
            Partner.objects.published()
            .filter(kind=PartnerKind.SCHOOL, latitude__isnull=False)
            .values_list("pk", "latitude", "longitude")
        )
        companies = list(
            Partner.objects.published()
            .exclude(kind=PartnerKind.SCHOOL)
            .values_list("pk", flat=True)[:50000]
        )
        kind_ids = list(
            Partner.kinds.through.objects.values_list(
                "workplacelearningkind_id", flat=True
            ).distinct()
        )
        domain_ids = list(
            Partner.study_domains.through.objects.values_list(
                "studydomain_id", flat=True
            ).distinct()
        )
        now = timezone.now()
        requests = []
        for _number in range(request_count - existing):
            school_id, latitude, longitude = rng.choice(schools)
            first = rng.choice(months.ORDER)
            last = rng.choice(months.ORDER[months.POSITION[first] : months.POSITION[first] + 3])
            requests.append(
                PlaceRequest(
                    school_id=school_id,
                    school_year=school_year,
                    kind_id=rng.choice(kind_ids),
                    study_domain_id=rng.choice(domain_ids),
                    learners=rng.randint(1, 6),
                    first_month=first,
                    last_month=last,
                    months=months.mask(first, last),
                    place="bench",
                    latitude=latitude,
                    longitude=longitude,
                    radius_km=rng.choice((10, 20, 50)),
                )
            )
        with transaction.atomic():
            PlaceRequest.objects.bulk_create(requests, batch_size=5000)
            recipients = []
            answers = [Answer.YES, Answer.NO, Answer.QUESTION, "", "", ""]
            for place_request in requests:
                for partner_id in rng.sample(companies, rng.randint(0, 5)):
                    answer = rng.choice(answers)
                    recipients.append(
                        RequestRecipient(
                            request_id=place_request.pk,
                            partner_id=partner_id,
                            sent_at=now,
                            answer=answer,
                            answered_at=now if answer else None,
                        )
                    )
            RequestRecipient.objects.bulk_create(recipients, batch_size=5000)
        say(
            f"  requests: {len(requests):,} with {len(recipients):,} recipients "
            f"({time.monotonic() - started:.0f} s)"
        )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def timed(function, rounds):
    function()  # warm-up
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def measure(rounds):
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse

    from partners.models import PartnerDirectoryPage
    from partners.places import months, services, shortage
    from partners.places.models import PlaceOffer, PlaceRequest, RequestRecipient
    from tests.support.otp import sign_in

    school_year = months.school_year_of()
    results = {
        "partners with confirmed places": PlaceOffer.objects.open(school_year)
        .values("year__partner_id")
        .distinct()
        .count(),
        "offers": PlaceOffer.objects.open(school_year).count(),
        "requests": PlaceRequest.objects.filter(school_year=school_year).count(),
        "recipients": RequestRecipient.objects.count(),
    }
    samples = list(PlaceRequest.objects.filter(school_year=school_year).order_by("pk")[:rounds])
    found = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    times = []
    services.matching_partners(samples[0])  # warm-up
    for sample in samples:
        started = time.perf_counter()
        found.append(len(services.matching_partners(sample)))
        times.append((time.perf_counter() - started) * 1000)
    results["matching one request"] = (statistics.median(times), max(times))
    results["recipients found (median)"] = statistics.median(found)

    school = samples[0].school
    data = {
        name: getattr(samples[0], name)
        for name in (
            "kind",
            "study_domain",
            "learners",
            "first_month",
            "last_month",
            "place",
            "latitude",
            "longitude",
            "radius_km",
        )
    }

    def post():
        with transaction.atomic():
            services.post_request(school, dict(data))
            transaction.set_rollback(True)

    queries.clear()
    with connection.execute_wrapper(count):
        post()
    results["posting one request (rolled back)"] = timed(post, rounds)
    results["posting: queries"] = len(queries)
    results["shortage cube, whole school year"] = timed(
        lambda: shortage.cube(school_year), max(5, rounds // 3)
    )

    user = get_user_model().objects.filter(username="bench-places").first()
    if user is None:
        user = get_user_model().objects.create_superuser(
            "bench-places", "bench-places@werkplekportaal.example", None
        )
    admin = sign_in(Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https"), user)
    report_url = reverse("places_reports:shortage")
    response = admin.get(report_url)
    results["admin report status"] = response.status_code
    results["admin report page"] = timed(lambda: admin.get(report_url), max(5, rounds // 3))
    directory = PartnerDirectoryPage.objects.live().first()
    if directory is not None:
        public = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
        url = directory.url + directory.reverse_subpage("shortage") + "?maand=februari"
        results["public page status"] = public.get(url).status_code
        results["public page (cache miss)"] = timed(lambda: public.get(url), max(5, rounds // 3))
    return results


def report(results):
    say("\nPlaces asked and offered, server time in-process (p50 / max, ms):")
    for name, value in results.items():
        if isinstance(value, tuple):
            say(f"  {name:<38} {value[0]:>8.1f} {value[1]:>8.1f}")
        else:
            say(f"  {name:<38} {value:>8,}" if isinstance(value, int) else f"  {name:<38} {value}")
    say("Targets:")
    match = results["matching one request"][0]
    ok = "met" if match < MATCH_TARGET_MS else "NOT MET"
    say(f"  matching one request p50 {match:.1f} ms (< {MATCH_TARGET_MS} ms): {ok}")
    for name in ("shortage cube, whole school year", "admin report page"):
        value = results[name][0]
        ok = "met" if value < REPORT_TARGET_MS else "NOT MET"
        say(f"  {name} p50 {value:.1f} ms (< {REPORT_TARGET_MS} ms): {ok}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--requests", type=int, default=10_000, help="requests (default 10,000)")
    parser.add_argument("--rounds", type=int, default=30, help="timed rounds per figure")
    args = parser.parse_args()
    setup_django()
    say("== places asked and offered")
    fill(args.requests)
    results = measure(args.rounds)
    report(results)
    return results


if __name__ == "__main__":
    main()
