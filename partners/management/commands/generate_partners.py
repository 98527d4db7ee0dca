"""`manage.py generate_partners N`: N fictional, published partners for demos and benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError

from partners.demo.generate import generate


class Command(BaseCommand):
    help = (
        "Creates N clearly fictional partners, live (published) without a revision each, spread "
        "over real Belgian postcodes with realistic taxonomy mixes. Rows are bulk-inserted in "
        "batches and added to the search index per batch (--no-index leaves that to "
        "`manage.py update_index`). Use --seed for the same partners every time. 100,000 "
        "partners take a few minutes on PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many partners to create.")
        parser.add_argument("--seed", type=int, default=None, help="Random seed (reproducible).")
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Rows per insert batch (default 2000)."
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Skip the search index (run `manage.py update_index` afterwards).",
        )

    def handle(self, *args, count, seed, batch_size, no_index, **options):
        if count < 1:
            raise CommandError("N must be at least 1.")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started = time.monotonic()
        made = generate(
            count,
            seed=seed,
            batch_size=batch_size,
            index=not no_index,
            stdout=self.stdout if options["verbosity"] > 1 else None,
        )
        seconds = time.monotonic() - started
        self.stdout.write(
            self.style.SUCCESS(f"Created {made} fictional partners in {seconds:.1f} s.")
        )
        if no_index:
            self.stdout.write("Not indexed for search: run `manage.py update_index`.")
