"""Wagtail's retention of the search log, extended to the zero-result log of this app.

Same name as Wagtail's command (this app comes first in INSTALLED_APPS, so this one runs), so the
daily cron line of docs/deployment.md purges both: search statistics, the queries no one typed in
the period (WAGTAILSEARCH_HITS_MAX_AGE days) and the days of searches without results.
"""

from wagtail.contrib.search_promotions.management.commands import (
    searchpromotions_garbage_collect,
)

from search.search_log import ZeroResultDailyHits


class Command(searchpromotions_garbage_collect.Command):
    help = (
        "Delete search statistics, queries and zero-result days older than "
        "WAGTAILSEARCH_HITS_MAX_AGE days."
    )

    def handle(self, **options):
        self.stdout.write("Cleaning zero-result records…")
        ZeroResultDailyHits.garbage_collect()
        super().handle(**options)
