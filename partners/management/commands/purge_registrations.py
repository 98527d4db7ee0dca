"""`manage.py purge_registrations`: apply the retention periods of the privacy notice.

Unverified registrations go after 7 days; rejected, superseded and withdrawn ones 90 days after
the decision (with the never-published draft partner a rejected registration created). Meant for
a daily cron job; safe to run at any time and as often as you like.
"""

from django.core.management.base import BaseCommand

from partners.registration import services


class Command(BaseCommand):
    help = (
        "Deletes unverified registrations after 7 days and rejected, superseded or withdrawn "
        "ones 90 days after the decision."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would be deleted."
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work as a django-tasks task for a worker instead of doing it here.",
        )

    def handle(self, *args, dry_run=False, enqueue=False, **options):
        if enqueue:
            from partners.tasks import purge_registrations

            result = purge_registrations.enqueue()
            self.stdout.write(f"Queued task {result.id} ({result.status}).")
            return
        counts = services.purge_registrations(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {counts['unverified']} unverified and {counts['decided']} rejected, "
            f"superseded or withdrawn registration(s); {counts['partners']} draft partner(s)."
        )
