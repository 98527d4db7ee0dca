"""`manage.py remind_places`: ask partners to confirm their places for the new school year.

Run it daily (cron, or a scheduler that enqueues partners.places.tasks.remind_places for the
task worker). It mails each published partner whose places for this school year are not
confirmed, once per school year: running it again, or twice at the same time, mails nobody a
second time. The links in the mail point to the site that serves the directory page.
"""

from django.core.management.base import BaseCommand

from partners.places import jobs


class Command(BaseCommand):
    help = "Remind partners to confirm their places for the current school year (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count who is due; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = jobs.send_reminders(dry_run=dry_run)
        self.stdout.write(
            f"Places reminders: {counts['due']} due, {counts['sent']} sent, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise SystemExit(1)
