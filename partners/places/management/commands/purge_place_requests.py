"""`manage.py purge_place_requests`: delete schools' requests for places after their term.

A request, with the partners it was sent to, their answers and the messages, is deleted
PLACES_REQUEST_RETENTION_DAYS (default 365) after the school closed it, or after it was posted
when it was never closed. Run it daily next to purge_registrations (cron, or the task
partners.places.tasks.purge_place_requests for the task worker).
"""

from django.core.management.base import BaseCommand

from partners.places import jobs


class Command(BaseCommand):
    help = "Delete requests for places whose retention term has passed."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count; delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        count = jobs.purge_place_requests(dry_run=dry_run)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"Requests for places {verb}: {count}.")
