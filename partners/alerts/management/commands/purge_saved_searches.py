"""`manage.py purge_saved_searches`: delete saved searches whose address was never confirmed.

An unconfirmed saved search (its e-mail address) is deleted ALERTS_UNCONFIRMED_DAYS (7) after
it was made. Confirmed ones stay until their owner unsubscribes (every alert has the link).
Run it daily next to purge_registrations (cron, or the task
partners.alerts.tasks.purge_saved_searches for the task worker).
"""

from django.core.management.base import BaseCommand

from partners.alerts import services


class Command(BaseCommand):
    help = "Delete saved searches whose e-mail address was not confirmed in time."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        count = services.purge_unconfirmed(dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"Unconfirmed saved searches {verb}: {count}.")
