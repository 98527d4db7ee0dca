"""`manage.py send_search_alerts`: mail every due saved search its digest.

Run it daily (cron, e.g. `15 7 * * *`, or a scheduler that enqueues
partners.alerts.tasks.send_search_alerts for the task worker: `--enqueue`). Daily searches are
due once a day, weekly ones once a week. Idempotent: running it again, or twice at the same
time, announces no partner twice to the same search (docs/alerts.md). Exits 1 when a mail
failed; those searches are tried again on the next run.
"""

from django.core.management.base import BaseCommand

from partners.alerts import services


class Command(BaseCommand):
    help = "Send the e-mail alerts of saved directory searches that are due (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Queue the work as a django-tasks task for a worker instead of doing it here.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            from partners.alerts.tasks import send_search_alerts

            result = send_search_alerts.enqueue()
            self.stdout.write(f"Queued task {result.id} ({result.status}).")
            return
        counts = services.send_search_alerts()
        self.stdout.write(
            f"Search alerts: {counts.due} due, {counts.sent} sent ({counts.partners} partners), "
            f"{counts.quiet} without news, {counts.failed} failed."
        )
        if counts.failed:
            raise SystemExit(1)
