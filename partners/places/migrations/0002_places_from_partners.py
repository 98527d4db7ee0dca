"""Carry the places partners gave before per-year places existed into the new model.

Each partner with places (Partner.places_per_year > 0) gets one PlacesYear for the school year of
its last confirmation (the current school year when it never confirmed), confirmed on that day
when it confirmed, with one offer: its number of places, any of its kinds and study domains,
the whole school year. That is all the old fields said; nothing more is invented.
"""

import datetime

from django.db import migrations

BATCH = 2000
WHOLE_YEAR = (9, 8)
# Bit m for every calendar month m: the whole school year.
ALL_MONTHS = sum(1 << month for month in range(1, 13))


def school_year_of(day):
    return day.year if day.month >= 9 else day.year - 1


def forwards(apps, schema_editor):
    Partner = apps.get_model("partners", "Partner")
    PlacesYear = apps.get_model("places", "PlacesYear")
    PlaceOffer = apps.get_model("places", "PlaceOffer")
    today = datetime.date.today()
    rows = (
        Partner.objects.filter(places_per_year__gt=0)
        .order_by("pk")
        .values_list("pk", "places_per_year", "last_confirmed")
    )
    batch = []

    def flush():
        PlacesYear.objects.bulk_create(
            [
                PlacesYear(
                    partner_id=pk,
                    school_year=school_year_of(confirmed or today),
                    confirmed_on=confirmed,
                    accepts_requests=True,
                )
                for pk, _places, confirmed in batch
            ],
            ignore_conflicts=True,
        )
        found = {
            (year.partner_id, year.school_year): year.pk
            for year in PlacesYear.objects.filter(partner_id__in=[row[0] for row in batch])
        }
        # Run twice, the migration adds nothing the second time.
        with_offers = set(
            PlaceOffer.objects.filter(year_id__in=found.values()).values_list("year_id", flat=True)
        )
        offers = []
        for pk, places, confirmed in batch:
            year_id = found[(pk, school_year_of(confirmed or today))]
            if year_id not in with_offers:
                offers.append(
                    PlaceOffer(
                        year_id=year_id,
                        places=min(places, 500),
                        first_month=WHOLE_YEAR[0],
                        last_month=WHOLE_YEAR[1],
                        months=ALL_MONTHS,
                    )
                )
        PlaceOffer.objects.bulk_create(offers)
        batch.clear()

    for row in rows.iterator(chunk_size=BATCH):
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()


def backwards(apps, schema_editor):
    # The partner fields were never changed: nothing to give back.
    pass


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0001_initial"),
        ("partners", "0007_partner_live_recent_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
